"""The area pages: list, detail, create, edit, archive."""

import pytest
from django.urls import reverse

from accord.areas.models import Area, AreaKind
from accord.areas.tests.helpers import assert_well_formed, member_user, queries_for
from accord.common.factories import AreaFactory, BodyFactory, ManagerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


def area_data(**overrides) -> dict:
    data = {
        "name": "Blacon",
        "kind": AreaKind.WARD,
        "parent": "",
        "gss_code": "",
        "valid_from_0": "",
        "valid_from_1": "",
        "valid_from_2": "",
        "valid_to_0": "",
        "valid_to_1": "",
        "valid_to_2": "",
        "description": "",
        "source": "",
    }
    data.update(overrides)
    return data


# --- list -------------------------------------------------------------------------------------


def test_list_shows_live_areas_and_hides_archived_unless_asked(client):
    AreaFactory(name="Upton")
    AreaFactory(name="Old ward", archived_on="2020-01-01T00:00Z", archive_reason="merged")
    response = client.get(reverse("areas:list"))
    html = assert_well_formed(response)
    assert "Upton" in html and "Old ward" not in html
    html = client.get(reverse("areas:list"), {"archived": "on"}).content.decode()
    assert "Old ward" in html and "Archived" in html


def test_list_filters_by_kind_and_parent(client):
    borough = AreaFactory(name="Cheshire West and Chester", kind=AreaKind.BOROUGH)
    apb = AreaFactory(name="Chester APB area", kind=AreaKind.APB_AREA, parent=borough)
    AreaFactory(name="Blacon", kind=AreaKind.WARD, parent=apb)
    AreaFactory(name="Winsford Over", kind=AreaKind.WARD)

    html = client.get(reverse("areas:list"), {"kind": AreaKind.WARD}).content.decode()
    assert "Blacon" in html and "Winsford Over" in html and "Chester APB area</a></th>" not in html

    html = client.get(reverse("areas:list"), {"parent": apb.pk}).content.decode()
    assert "Blacon" in html and "Winsford Over" not in html
    assert "Clear filters" in html


def test_list_is_paginated_and_keeps_filters(client):
    for i in range(30):
        AreaFactory(name=f"Ward {i:02}", kind=AreaKind.WARD)
    html = client.get(reverse("areas:list"), {"kind": AreaKind.WARD}).content.decode()
    assert "govuk-pagination" in html
    assert "Showing 1 to 25 of" in html
    assert "?kind=ward&amp;page=2" in html
    page2 = client.get(reverse("areas:list"), {"kind": AreaKind.WARD, "page": 2})
    assert "Ward 29" in page2.content.decode()
    assert client.get(reverse("areas:list"), {"page": "999"}).status_code == 200


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    parent = AreaFactory(kind=AreaKind.BOROUGH)
    for _ in range(3):
        AreaFactory(parent=parent)
    url = reverse("areas:list")
    few = queries_for(client, url)
    for _ in range(27):
        AreaFactory(parent=AreaFactory(parent=parent))
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(4):
        client.get(url)


def test_list_offers_add_button_only_to_managers(client):
    assert "Add an area" not in client.get(reverse("areas:list")).content.decode()
    client.force_login(ManagerFactory())
    assert "Add an area" in client.get(reverse("areas:list")).content.decode()


# --- detail -----------------------------------------------------------------------------------


def test_detail_shows_code_parent_chain_children_bodies_and_history(client):
    borough = AreaFactory(
        name="Cheshire West and Chester",
        kind=AreaKind.BOROUGH,
        gss_code="E06000050",
        source="ONS Local Authority Districts (December 2023)",
    )
    apb = AreaFactory(name="Chester APB area", kind=AreaKind.APB_AREA, parent=borough)
    ward = AreaFactory(name="Blacon", kind=AreaKind.WARD, parent=apb, gss_code="E05012345")
    BodyFactory(name="Chester Area Partnership Board", area=apb)
    BodyFactory(name="A private group", area=apb, is_published=False)

    response = client.get(apb.get_absolute_url())
    html = assert_well_formed(response)
    assert response.context["breadcrumbs"] == [
        ("Areas", reverse("areas:list")),
        ("Cheshire West and Chester", borough.get_absolute_url()),
        ("Chester APB area", None),
    ]
    assert "Blacon" in html and ward.get_absolute_url() in html
    assert "Chester Area Partnership Board" in html
    assert "A private group" not in html  # not published: the public do not see it
    assert "History" in html and "Created" in html

    html = client.get(borough.get_absolute_url()).content.decode()
    assert "E06000050" in html and "real ONS code" in html
    assert "ONS Local Authority Districts (December 2023)" in html


def test_detail_shows_unpublished_footprint_bodies_to_managers(client, manager):
    area = AreaFactory()
    BodyFactory(name="A private group", area=area, is_published=False)
    html = client.get(area.get_absolute_url()).content.decode()
    assert "A private group" in html and "Not published" in html


def test_detail_unknown_area_is_404(client):
    assert client.get(reverse("areas:detail", args=[999999])).status_code == 404


def test_detail_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    borough = AreaFactory(kind=AreaKind.BOROUGH)
    apb = AreaFactory(kind=AreaKind.APB_AREA, parent=borough)
    laf = AreaFactory(kind=AreaKind.LAF_AREA, parent=apb)
    for _ in range(3):
        AreaFactory(parent=laf)
        BodyFactory(area=laf)
    url = laf.get_absolute_url()
    few = queries_for(client, url)
    for _ in range(27):
        AreaFactory(parent=laf)
        BodyFactory(area=laf)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(5):
        client.get(url)


def test_detail_hides_buttons_from_public_and_shows_them_to_managers(client):
    area = AreaFactory()
    html = client.get(area.get_absolute_url()).content.decode()
    assert "Edit area" not in html and "Archive area" not in html
    client.force_login(ManagerFactory())
    html = client.get(area.get_absolute_url()).content.decode()
    assert "Edit area" in html and "Archive area" in html


# --- permissions ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["create", "edit", "archive"])
def test_anonymous_users_are_sent_to_sign_in(client, name):
    area = AreaFactory()
    url = reverse("areas:create") if name == "create" else reverse(f"areas:{name}", args=[area.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    assert client.post(url, area_data()).status_code == 302
    assert Area.objects.count() == 1


@pytest.mark.parametrize("name", ["create", "edit", "archive"])
def test_members_may_not_change_areas(client, name):
    area = AreaFactory(name="Upton")
    client.force_login(member_user())
    url = reverse("areas:create") if name == "create" else reverse(f"areas:{name}", args=[area.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, area_data(name="Hacked", reason="x")).status_code == 403
    area.refresh_from_db()
    assert area.name == "Upton" and not area.is_archived


# --- forms ------------------------------------------------------------------------------------


def test_manager_creates_an_area(client, manager):
    borough = AreaFactory(kind=AreaKind.BOROUGH)
    response = client.get(reverse("areas:create"))
    assert_well_formed(response)
    response = client.post(
        reverse("areas:create"),
        area_data(parent=borough.pk, valid_from_0="1", valid_from_1="4", valid_from_2="2009"),
    )
    area = Area.objects.get(name="Blacon")
    assert response.status_code == 302 and response["Location"] == area.get_absolute_url()
    assert area.parent == borough and str(area.valid_from) == "2009-04-01"
    assert area.created_by == manager
    html = client.get(area.get_absolute_url()).content.decode()
    assert "Area added." in html


def test_form_errors_show_the_error_summary(client, manager):
    response = client.post(
        reverse("areas:create"),
        area_data(name="", valid_from_0="31", valid_from_1="2", valid_from_2="2009"),
    )
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "Enter the name of the area" in html
    assert 'href="#id_name"' in html
    assert "The date must be a real date" in html and 'href="#id_valid_from_0"' in html
    assert not Area.objects.exists()


def test_an_area_cannot_lie_inside_itself(client, manager):
    outer = AreaFactory(name="Outer", kind=AreaKind.APB_AREA)
    inner = AreaFactory(name="Inner", kind=AreaKind.WARD, parent=outer)
    response = client.post(
        reverse("areas:edit", args=[outer.pk]),
        area_data(name="Outer", kind=AreaKind.APB_AREA, parent=inner.pk, version=outer.version),
    )
    assert response.status_code == 422
    assert "An area cannot lie inside itself." in response.content.decode()
    outer.refresh_from_db()
    assert outer.parent is None


def test_stale_edit_is_refused_and_overwrites_nothing(client, manager):
    area = AreaFactory(name="Upton")
    url = reverse("areas:edit", args=[area.pk])
    first = client.get(url).context["form"]["version"].value()
    second = client.get(url).context["form"]["version"].value()
    assert first == second == area.version

    response = client.post(url, area_data(name="Upton-by-Chester", version=first))
    assert response.status_code == 302
    response = client.post(url, area_data(name="Upton Heath", version=second))
    assert response.status_code == 409
    html = assert_well_formed(response)
    assert "Someone else changed this record" in html
    assert "Upton-by-Chester" in html  # the other person's saved value is shown
    area.refresh_from_db()
    assert area.name == "Upton-by-Chester" and area.version == 2


def test_archive_keeps_the_page_readable(client, manager):
    area = AreaFactory(name="Old ward")
    url = reverse("areas:archive", args=[area.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, {"reason": "", "version": area.version})
    assert response.status_code == 422
    assert "Enter why this record is being archived" in response.content.decode()

    response = client.post(url, {"reason": "the ward was abolished in 2011", "version": 1})
    assert response.status_code == 302
    area.refresh_from_db()
    assert area.is_archived
    response = client.get(area.get_absolute_url())
    html = assert_well_formed(response)
    assert "This record was archived on" in html and "the ward was abolished in 2011" in html
    assert "Edit area" not in html and "Archived" in html
    assert "Old ward" not in client.get(reverse("areas:list")).content.decode()
    # An archived area cannot be edited or archived again.
    assert client.get(reverse("areas:edit", args=[area.pk])).status_code == 302
    assert client.get(url).status_code == 302


def test_stale_archive_is_refused(client, manager):
    area = AreaFactory(name="Upton")
    url = reverse("areas:archive", args=[area.pk])
    client.post(reverse("areas:edit", args=[area.pk]), area_data(name="Upton Heath", version=1))
    response = client.post(url, {"reason": "no longer used", "version": 1})
    assert response.status_code == 409
    area.refresh_from_db()
    assert not area.is_archived
