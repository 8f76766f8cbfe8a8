import datetime as dt

import pytest
from django.urls import reverse

from accord.bodies.tests.pagehelpers import form_data, queries_for, secretary_of
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from accord.memberships.models import Membership, Role

pytestmark = pytest.mark.django_db

DAY = dt.date(2009, 4, 1)


def add_data(person, org, **overrides):
    data = {
        "person": person.pk,
        "role": Role.MEMBER,
        "on_behalf_of": org.pk,
        "nominated_by": org.pk,
        "has_vote": "on",
    }
    data.update(overrides)
    return data


def test_secretary_adds_a_member_to_their_body_but_not_another(client):
    body, other = BodyFactory(), BodyFactory()
    client.force_login(secretary_of(body))
    person, org = PersonFactory(name="Wendy Meredith"), OrganisationFactory()
    r = client.post(
        reverse("memberships:add", args=[body.pk]),
        form_data(add_data(person, org), start_date=dt.date(2009, 4, 27), end_date=None),
    )
    assert r.status_code == 302
    m = Membership.objects.get(person=person)
    assert r.url == m.get_absolute_url()
    assert m.body == body and m.on_behalf_of == org and m.has_vote
    assert client.get(reverse("memberships:add", args=[other.pk])).status_code == 403
    r = client.post(
        reverse("memberships:add", args=[other.pk]),
        form_data(add_data(person, org), start_date=DAY, end_date=None),
    )
    assert r.status_code == 403
    assert not Membership.objects.filter(body=other).exists()


def test_anonymous_is_sent_to_sign_in(client):
    body = BodyFactory()
    r = client.get(reverse("memberships:add", args=[body.pk]))
    assert r.status_code == 302 and r.url.startswith(reverse("accounts:sign-in"))


def test_a_second_current_chair_is_refused_on_the_role_field(client):
    body = BodyFactory(name="Thematic Leads")
    MembershipFactory(body=body, role=Role.CHAIR, person__name="Steve Robinson")
    client.force_login(ManagerFactory())
    r = client.post(
        reverse("memberships:add", args=[body.pk]),
        form_data(
            add_data(PersonFactory(), OrganisationFactory(), role=Role.CHAIR),
            start_date=DAY,
            end_date=None,
        ),
    )
    html = r.content.decode()
    assert r.status_code == 422
    assert "There is a problem" in html
    assert 'href="#id_role"' in html and 'id="id_role"' in html
    assert "already has a chair for these dates (Steve Robinson)" in html
    assert 'id="role-error"' in html
    assert Membership.objects.filter(body=body).count() == 1


def test_starting_before_the_body_exists_is_refused_on_the_date(client):
    body = BodyFactory(established_on=DAY)
    client.force_login(ManagerFactory())
    r = client.post(
        reverse("memberships:add", args=[body.pk]),
        form_data(
            add_data(PersonFactory(), OrganisationFactory()),
            start_date=dt.date(2008, 12, 8),
            end_date=None,
        ),
    )
    html = r.content.decode()
    assert r.status_code == 422
    assert 'href="#id_start_date_0"' in html
    assert "a membership cannot start before that" in html


def test_missing_person_gets_a_clear_message(client):
    body = BodyFactory()
    client.force_login(ManagerFactory())
    r = client.post(
        reverse("memberships:add", args=[body.pk]),
        form_data({"role": Role.MEMBER}, start_date=None, end_date=None),
    )
    assert "Choose the person who is a member" in r.content.decode()


def test_stale_membership_edit_is_refused(client):
    m = MembershipFactory(role=Role.MEMBER)
    client.force_login(ManagerFactory())
    url = reverse("memberships:edit", args=[m.pk])
    a = form_data(
        add_data(m.person, m.on_behalf_of, role=Role.ADVISER, version=1),
        start_date=DAY,
        end_date=None,
    )
    b = form_data(
        add_data(m.person, m.on_behalf_of, role=Role.OBSERVER, version=1),
        start_date=DAY,
        end_date=None,
    )
    assert client.post(url, a).status_code == 302
    r = client.post(url, b)
    assert r.status_code == 409
    assert "Someone else changed this record" in r.content.decode()
    m.refresh_from_db()
    assert m.role == Role.ADVISER and m.version == 2


def test_end_a_membership_and_it_moves_to_past_members(client):
    m = MembershipFactory(person__name="Mark Wilson")
    client.force_login(secretary_of(m.body))
    r = client.post(
        reverse("memberships:end", args=[m.pk]),
        form_data({"version": m.version}, end_date=dt.date(2010, 3, 31)),
    )
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.end_date == dt.date(2010, 3, 31)
    html = client.get(m.body.get_absolute_url()).content.decode()
    past = html.split('id="past-members"')[1]
    assert "Mark Wilson" in past


def test_archive_a_membership(client):
    m = MembershipFactory()
    client.force_login(ManagerFactory())
    r = client.post(reverse("memberships:archive", args=[m.pk]), {"reason": "Duplicate"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.is_archived
    assert "Duplicate" in client.get(m.get_absolute_url()).content.decode()


def test_plain_user_cannot_change_or_archive(client):
    m = MembershipFactory()
    client.force_login(UserFactory())
    for name in ("memberships:edit", "memberships:end", "memberships:archive"):
        assert client.get(reverse(name, args=[m.pk])).status_code == 403


def test_membership_page_shows_history_and_hides_unpublished(client):
    m = MembershipFactory(person__name="Jane Staley")
    manager = ManagerFactory()
    client.force_login(manager)
    client.post(
        reverse("memberships:edit", args=[m.pk]),
        form_data(
            add_data(m.person, m.on_behalf_of, role=Role.VICE_CHAIR, version=1),
            start_date=DAY,
            end_date=None,
        ),
    )
    client.logout()
    html = client.get(m.get_absolute_url()).content.decode()
    assert "Jane Staley" in html and 'id="history"' in html
    assert "Vice chair" in html and "Member" in html
    hidden = MembershipFactory(body=BodyFactory(is_published=False))
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_membership_pages_query_counts_do_not_grow(client, django_assert_max_num_queries):
    body = BodyFactory()
    client.force_login(ManagerFactory())
    m = MembershipFactory(body=body)
    for _ in range(2):
        MembershipFactory(body=body)
    detail, add = m.get_absolute_url(), reverse("memberships:add", args=[body.pk])
    few = (queries_for(client, detail), queries_for(client, add))
    for _ in range(27):
        MembershipFactory(body=body)
        PersonFactory()
    many = (queries_for(client, detail), queries_for(client, add))
    assert few == many
    with django_assert_max_num_queries(10):
        client.get(detail)
    with django_assert_max_num_queries(10):
        client.get(add)
