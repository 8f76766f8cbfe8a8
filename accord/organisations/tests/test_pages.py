"""The organisation pages: list, detail, create, edit, archive."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, member_user, queries_for
from accord.common.factories import (
    BodyFactory,
    EmploymentFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)
from accord.memberships.models import Role
from accord.organisations.models import Organisation, OrganisationKind, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


def organisation_data(**overrides) -> dict:
    data = {
        "name": "Cheshire Fire and Rescue Service",
        "short_name": "CFRS",
        "sector": Sector.PUBLIC,
        "kind": OrganisationKind.FIRE,
        "gss_code": "",
        "charity_number": "",
        "company_number": "",
        "website": "",
        "start_date_0": "",
        "start_date_1": "",
        "start_date_2": "",
        "end_date_0": "",
        "end_date_1": "",
        "end_date_2": "",
        "description": "",
        "source": "",
    }
    data.update(overrides)
    return data


# --- list -------------------------------------------------------------------------------------


def test_list_filters_by_sector_kind_and_name(client):
    OrganisationFactory(name="Cheshire Constabulary", sector=Sector.PUBLIC, kind="police")
    OrganisationFactory(name="Chester Voluntary Action", sector=Sector.THIRD, kind="voluntary")
    OrganisationFactory(name="Old Trust", archived_on="2020-01-01T00:00Z", archive_reason="x")

    html = assert_well_formed(client.get(reverse("organisations:list")))
    assert "Cheshire Constabulary" in html and "Chester Voluntary Action" in html
    assert "Old Trust" not in html

    html = client.get(reverse("organisations:list"), {"sector": Sector.THIRD}).content.decode()
    assert "Chester Voluntary Action" in html and "Cheshire Constabulary" not in html

    html = client.get(reverse("organisations:list"), {"kind": "police"}).content.decode()
    assert "Cheshire Constabulary" in html and "Chester Voluntary Action" not in html

    html = client.get(reverse("organisations:list"), {"name": "voluntary"}).content.decode()
    assert "Chester Voluntary Action" in html and "Cheshire Constabulary" not in html

    html = client.get(reverse("organisations:list"), {"archived": "on"}).content.decode()
    assert "Old Trust" in html


def test_list_is_paginated(client):
    for i in range(30):
        OrganisationFactory(name=f"Org {i:02}")
    html = client.get(reverse("organisations:list")).content.decode()
    assert "govuk-pagination" in html and "Org 24" in html and "Org 25" not in html
    html = client.get(reverse("organisations:list"), {"page": 2}).content.decode()
    assert "Org 25" in html


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    for _ in range(3):
        OrganisationFactory()
    url = reverse("organisations:list")
    few = queries_for(client, url)
    for _ in range(27):
        OrganisationFactory()
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(2):
        client.get(url)


# --- detail -----------------------------------------------------------------------------------


def test_detail_shows_identifiers_representatives_staff_posts_and_history(client):
    org = OrganisationFactory(
        name="Cheshire West and Chester Council",
        gss_code="E06000050",
        company_number="01234567",
        website="https://www.cheshirewestandchester.gov.uk",
    )
    lsp = BodyFactory(name="West Cheshire Together")
    old = BodyFactory(name="Chester District LSP", established_on=dt.date(2005, 1, 1))
    hidden = BodyFactory(name="Private group", is_published=False)
    MembershipFactory(
        person=PersonFactory(name="Ann Current"), body=lsp, on_behalf_of=org, role=Role.CHAIR
    )
    MembershipFactory(
        person=PersonFactory(name="Bob Former"),
        body=old,
        on_behalf_of=org,
        start_date=dt.date(2005, 1, 1),
        end_date=dt.date(2009, 3, 31),
    )
    MembershipFactory(person=PersonFactory(name="Cy Secret"), body=hidden, on_behalf_of=org)
    EmploymentFactory(
        person=PersonFactory(name="Di Officer"), organisation=org, job_title="Head of Policy"
    )
    PostFactory(body=lsp, label="Leader of the Council", organisation=org)

    response = client.get(org.get_absolute_url())
    html = assert_well_formed(response)
    assert "E06000050" in html and "01234567" in html
    assert 'href="https://www.cheshirewestandchester.gov.uk"' in html
    data = response.context["data"]
    assert [m.person.name for m in data.current_representatives] == ["Ann Current"]
    assert [m.person.name for m in data.past_representatives] == ["Bob Former"]
    assert "West Cheshire Together" in html and "Chair" in html
    assert "31 Mar 2009" in html
    assert "Cy Secret" not in html and "Private group" not in html
    assert "Di Officer" in html and "Head of Policy" in html
    assert "Leader of the Council" in html
    assert "History" in html


def test_detail_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    body = BodyFactory()

    def add(n):
        for _ in range(n):
            MembershipFactory(body=body, on_behalf_of=org)
            MembershipFactory(on_behalf_of=org, end_date=dt.date(2010, 1, 1))
            EmploymentFactory(organisation=org)
            PostFactory(body=body, organisation=org)

    add(3)
    url = org.get_absolute_url()
    few = queries_for(client, url)
    add(27)
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(5):
        client.get(url)


def test_detail_query_count_for_a_member(client, django_assert_max_num_queries):
    org = OrganisationFactory()
    for _ in range(10):
        MembershipFactory(on_behalf_of=org)
    client.force_login(member_user())
    with django_assert_max_num_queries(8):
        assert client.get(org.get_absolute_url()).status_code == 200


def test_detail_unknown_organisation_is_404(client):
    assert client.get(reverse("organisations:detail", args=[999999])).status_code == 404


# --- permissions ------------------------------------------------------------------------------


def _url(name, org):
    if name == "create":
        return reverse("organisations:create")
    return reverse(f"organisations:{name}", args=[org.pk])


@pytest.mark.parametrize("name", ["create", "edit", "archive"])
def test_anonymous_users_are_sent_to_sign_in(client, name):
    org = OrganisationFactory(name="Keep")
    response = client.get(_url(name, org))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    client.post(_url(name, org), organisation_data(name="Changed", reason="x"))
    org.refresh_from_db()
    assert org.name == "Keep" and not org.is_archived


@pytest.mark.parametrize("name", ["create", "edit", "archive"])
def test_members_may_not_change_organisations(client, name):
    org = OrganisationFactory(name="Keep")
    client.force_login(member_user())
    assert client.get(_url(name, org)).status_code == 403
    assert client.post(_url(name, org), organisation_data(reason="x")).status_code == 403
    org.refresh_from_db()
    assert org.name == "Keep" and not org.is_archived
    html = client.get(org.get_absolute_url()).content.decode()
    assert "Edit organisation" not in html and "Archive organisation" not in html


# --- forms ------------------------------------------------------------------------------------


def test_manager_creates_an_organisation(client, manager):
    assert_well_formed(client.get(reverse("organisations:create")))
    response = client.post(
        reverse("organisations:create"),
        organisation_data(website="https://www.cheshirefire.gov.uk"),
    )
    org = Organisation.objects.get(name="Cheshire Fire and Rescue Service")
    assert response["Location"] == org.get_absolute_url()
    assert org.kind == OrganisationKind.FIRE and org.website == "https://www.cheshirefire.gov.uk"


def test_form_errors_show_the_error_summary(client, manager):
    response = client.post(
        reverse("organisations:create"),
        organisation_data(name="", sector="", website="not a web address"),
    )
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "govuk-error-summary" in html
    assert "Enter the name of the organisation" in html
    assert "Choose the sector the organisation belongs to" in html
    assert "Enter a web address" in html
    assert 'href="#id_sector"' in html and 'id="id_sector"' in html
    assert not Organisation.objects.exists()


def test_end_before_start_is_refused(client, manager):
    response = client.post(
        reverse("organisations:create"),
        organisation_data(
            start_date_0="1",
            start_date_1="4",
            start_date_2="2009",
            end_date_0="1",
            end_date_1="4",
            end_date_2="2008",
        ),
    )
    assert response.status_code == 422
    assert "govuk-error-summary" in response.content.decode()
    assert not Organisation.objects.exists()


def test_stale_edit_is_refused_and_overwrites_nothing(client, manager):
    org = OrganisationFactory(name="Chester College")
    url = reverse("organisations:edit", args=[org.pk])
    first = client.get(url).context["form"]["version"].value()
    second = client.get(url).context["form"]["version"].value()
    assert (
        client.post(url, organisation_data(name="University of Chester", version=first)).status_code
        == 302
    )
    response = client.post(url, organisation_data(name="Chester College of HE", version=second))
    assert response.status_code == 409
    assert "Someone else changed this record" in response.content.decode()
    org.refresh_from_db()
    assert org.name == "University of Chester"


def test_archive_keeps_the_page_readable(client, manager):
    org = OrganisationFactory(name="Chester PCT")
    MembershipFactory(on_behalf_of=org, person=PersonFactory(name="Ed Rep"))
    response = client.post(
        reverse("organisations:archive", args=[org.pk]),
        {"reason": "merged into NHS Western Cheshire", "version": org.version},
    )
    assert response.status_code == 302
    html = assert_well_formed(client.get(org.get_absolute_url()))
    assert "This record was archived on" in html and "merged into NHS Western Cheshire" in html
    assert "Ed Rep" in html
    assert "Edit organisation" not in html
    assert "Chester PCT" not in client.get(reverse("organisations:list")).content.decode()
