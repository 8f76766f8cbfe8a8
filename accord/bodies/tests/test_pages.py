import datetime as dt

import pytest
from django.urls import reverse

from accord.bodies.models import Body, BodyKind
from accord.bodies.tests.pagehelpers import form_data, queries_for, secretary_of
from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PostFactory,
    UserFactory,
)
from accord.memberships.models import Role

pytestmark = pytest.mark.django_db

EVE, DAY = dt.date(2009, 3, 31), dt.date(2009, 4, 1)


def make_framework(n: int) -> Body:
    """An LSP with n sub-bodies, each with a chair, and an ended predecessor."""
    area = AreaFactory(name="Cheshire West and Chester")
    lsp = BodyFactory(name="Test LSP", kind=BodyKind.LSP_BOARD, area=area)
    old = BodyFactory(
        name="Old district LSP",
        kind=BodyKind.DISTRICT_LSP,
        established_on=dt.date(2001, 1, 1),
        ended_on=EVE,
    )
    old.successors.add(lsp)
    for i in range(n):
        child = BodyFactory(name=f"Sub-body {i}", parent=lsp, area=area)
        MembershipFactory(body=child, role=Role.CHAIR)
    return lsp


# --- framework ----------------------------------------------------------------------------


def test_framework_as_of_shows_ended_body_on_its_last_day_with_successor_link(client):
    lsp = make_framework(2)
    url = reverse("bodies:framework")
    on_eve = client.get(url, {"as_of": "2009-03-31"}).content.decode()
    assert "Old district LSP" in on_eve
    assert "Ended 31 March 2009" in on_eve
    assert f'href="{lsp.get_absolute_url()}">Test LSP</a>' in on_eve  # the successor link
    on_day = client.get(url, {"as_of": "2009-04-01"}).content.decode()
    assert "Old district LSP" not in on_day
    assert "Test LSP" in on_day


def test_framework_date_boxes_work_without_javascript(client):
    make_framework(1)
    r = client.get(
        reverse("bodies:framework"), {"as_of_0": "31", "as_of_1": "3", "as_of_2": "2009"}
    )
    assert r.status_code == 200
    assert "Old district LSP" in r.content.decode()
    assert r.context["on"] == EVE


def test_framework_bad_date_shows_error_summary(client):
    r = client.get(
        reverse("bodies:framework"), {"as_of_0": "31", "as_of_1": "2", "as_of_2": "2009"}
    )
    html = r.content.decode()
    assert "There is a problem" in html
    assert "must be a real date" in html


def test_framework_has_tree_and_accessible_svg(client):
    make_framework(3)
    html = client.get(reverse("bodies:framework")).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="accord-diagram"' in html
    assert 'aria-labelledby="framework-diagram-title"' in html
    assert '<title id="framework-diagram-title">' in html and "<desc" in html
    assert (
        html.count('class="accord-diagram__node') == 4
    )  # the LSP and 3 sub-bodies; the ended one is not in being today
    assert 'class="accord-tree"' in html
    assert "Chair: " in html


def test_framework_hides_unpublished_bodies_from_the_public(client):
    BodyFactory(name="Secret group", is_published=False)
    assert "Secret group" not in client.get(reverse("bodies:framework")).content.decode()
    client.force_login(ManagerFactory())
    assert "Secret group" in client.get(reverse("bodies:framework")).content.decode()


def test_framework_query_count_does_not_grow(client, django_assert_max_num_queries):
    make_framework(3)
    url = reverse("bodies:framework")
    few = queries_for(client, url)
    for i in range(27):
        BodyFactory(name=f"More {i}", parent=Body.objects.get(name="Test LSP"))
    many = queries_for(client, url)
    assert few == many
    with django_assert_max_num_queries(4):
        client.get(url)


# --- list ---------------------------------------------------------------------------------


def test_body_list_filters_and_paginates(client, settings):
    settings.ACCORD_PAGE_SIZE = 5
    make_framework(7)
    url = reverse("bodies:list")
    r = client.get(url)
    assert (
        r.context["page"].paginator.count == 8
    )  # LSP and 7 sub-bodies; the ended one is not current
    assert 'class="govuk-pagination"' in r.content.decode()
    ended = client.get(url, {"status": "ended"}).content.decode()
    assert "Old district LSP" in ended and "Sub-body 1" not in ended
    lsps = client.get(url, {"kind": BodyKind.LSP_BOARD, "status": "all"})
    assert [b.name for b in lsps.context["page"].object_list] == ["Test LSP"]
    page2 = client.get(url, {"page": 2})
    assert len(page2.context["page"].object_list) == 3


def test_body_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    make_framework(3)
    url = reverse("bodies:list")
    few = queries_for(client, url)
    make_framework(30)
    many = queries_for(client, url)
    assert few == many
    with django_assert_max_num_queries(3):
        client.get(url)


# --- detail -------------------------------------------------------------------------------


def test_body_page_shows_members_posts_history_and_successors(client):
    lsp = make_framework(1)
    chair = MembershipFactory(body=lsp, role=Role.CHAIR, person__name="Steve Robinson")
    MembershipFactory(
        body=lsp, person__name="Past Person", start_date=DAY, end_date=dt.date(2010, 1, 1)
    )
    post = PostFactory(body=lsp, label="Area Commander of Police")
    MembershipFactory(body=lsp, post=post, person__name="Tim Jackson")
    html = client.get(lsp.get_absolute_url()).content.decode()
    assert "Steve Robinson" in html and "Current members" in html
    assert "Past members" in html and "Past Person" in html
    assert "Area Commander of Police" in html and "Seats by office" in html
    assert "Replaced" in html and "Old district LSP" in html
    assert 'id="history"' in html
    assert chair.on_behalf_of.name in html
    assert "Add a member" not in html  # the public cannot edit
    old = Body.objects.get(name="Old district LSP")
    old_html = client.get(old.get_absolute_url()).content.decode()
    assert "Ended 31 March 2009" in old_html and "succeeded by" in old_html


def test_body_page_query_count_does_not_grow_with_members(client, django_assert_max_num_queries):
    client.force_login(ManagerFactory())
    body = BodyFactory()
    for _ in range(3):
        MembershipFactory(body=body)
    few = queries_for(client, body.get_absolute_url())
    for _ in range(27):
        MembershipFactory(body=body)
    for _ in range(5):
        BodyFactory(parent=body)
    many = queries_for(client, body.get_absolute_url())
    assert few == many
    with django_assert_max_num_queries(16):
        client.get(body.get_absolute_url())


def test_unpublished_body_is_not_found_for_the_public(client):
    body = BodyFactory(is_published=False)
    assert client.get(body.get_absolute_url()).status_code == 404


def test_manager_sees_edit_buttons_and_secretary_only_some(client):
    body = BodyFactory()
    client.force_login(ManagerFactory())
    html = client.get(body.get_absolute_url()).content.decode()
    assert "Add a member" in html and "Archive" in html and "End this body" in html
    client.force_login(secretary_of(body))
    html = client.get(body.get_absolute_url()).content.decode()
    assert "Add a member" in html and "End this body" in html
    assert reverse("bodies:archive", args=[body.pk]) not in html


# --- forms --------------------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_from_edit_pages(client):
    body = BodyFactory()
    for name in ("bodies:edit", "bodies:archive", "bodies:end"):
        r = client.get(reverse(name, args=[body.pk]))
        assert r.status_code == 302 and r.url.startswith(reverse("accounts:sign-in"))
    r = client.get(reverse("bodies:create"))
    assert r.status_code == 302


def test_plain_user_gets_403_on_edit_pages(client):
    body = BodyFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("bodies:edit", args=[body.pk])).status_code == 403
    assert client.get(reverse("bodies:create")).status_code == 403
    r = client.get(reverse("bodies:archive", args=[body.pk]))
    assert r.status_code == 403 and "You cannot do that" in r.content.decode()


def body_post(**overrides):
    data = {
        "name": "Health and Wellbeing Partnership",
        "kind": BodyKind.THEMATIC,
        "meeting_cycle": "quarterly",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_manager_creates_a_body(client):
    client.force_login(ManagerFactory())
    r = client.post(reverse("bodies:create"), form_data(body_post(), established_on=DAY))
    body = Body.objects.get(name="Health and Wellbeing Partnership")
    assert r.status_code == 302 and r.url == body.get_absolute_url()
    assert body.established_on == DAY and body.history.count() == 1


def test_create_form_shows_errors_in_summary_and_on_fields(client):
    client.force_login(ManagerFactory())
    r = client.post(reverse("bodies:create"), form_data(body_post(name="", kind="")))
    html = r.content.decode()
    assert r.status_code == 422
    assert "There is a problem" in html
    assert 'href="#id_name">Enter the body&#x27;s name' in html
    assert "govuk-form-group--error" in html


def test_rule_error_on_edit_goes_on_the_field(client):
    parent = BodyFactory(name="Parent")
    child = BodyFactory(name="Child", parent=parent)
    client.force_login(ManagerFactory())
    data = form_data(
        body_post(name="Parent", parent=child.pk, version=parent.version), established_on=DAY
    )
    r = client.post(reverse("bodies:edit", args=[parent.pk]), data)
    assert r.status_code == 422
    assert "its own ancestor" in r.content.decode()
    parent.refresh_from_db()
    assert parent.parent is None


def test_stale_edit_is_turned_away_and_overwrites_nothing(client):
    body = BodyFactory(name="Original")
    manager = ManagerFactory()
    client.force_login(manager)
    url = reverse("bodies:edit", args=[body.pk])
    # Two people open the form at version 1.
    first = form_data(body_post(name="First save", version=1), established_on=DAY)
    second = form_data(body_post(name="Second save", version=1), established_on=DAY)
    assert client.post(url, first).status_code == 302
    r = client.post(url, second)
    assert r.status_code == 409
    html = r.content.decode()
    assert "Someone else changed this record" in html and "First save" in html
    body.refresh_from_db()
    assert body.name == "First save" and body.version == 2
    # The form now carries the saved version: saving again is a deliberate choice.
    assert r.context["form"]["version"].value() == "2"


def test_secretary_ends_their_body_with_a_successor(client):
    old = BodyFactory(name="Old", established_on=dt.date(2001, 1, 1))
    new = BodyFactory(name="New", established_on=DAY)
    client.force_login(secretary_of(old))
    r = client.post(
        reverse("bodies:end", args=[old.pk]),
        form_data({"successors": [new.pk], "version": old.version}, ended_on=EVE),
    )
    assert r.status_code == 302
    old.refresh_from_db()
    assert old.ended_on == EVE and list(old.successors.all()) == [new]


def test_end_form_rejects_a_successor_that_starts_too_late(client):
    old = BodyFactory(name="Old", established_on=dt.date(2001, 1, 1))
    late = BodyFactory(name="Late", established_on=dt.date(2010, 1, 1))
    client.force_login(ManagerFactory())
    r = client.post(
        reverse("bodies:end", args=[old.pk]),
        form_data({"successors": [late.pk], "version": old.version}, ended_on=EVE),
    )
    assert r.status_code == 422
    assert "a successor must be in place" in r.content.decode()


def test_manager_archives_a_body_and_its_page_stays_readable(client):
    body = BodyFactory()
    client.force_login(ManagerFactory())
    r = client.post(
        reverse("bodies:archive", args=[body.pk]), {"reason": "Recorded twice", "version": 1}
    )
    assert r.status_code == 302
    body.refresh_from_db()
    assert body.is_archived
    html = client.get(body.get_absolute_url()).content.decode()
    assert "archived" in html and "Recorded twice" in html
