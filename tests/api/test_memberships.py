"""/api/v1/memberships: filters, visibility, the body's secretary, and the membership rules."""

import datetime as dt

from accord.common.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
    UserFactory,
)
from accord.memberships.models import Membership, Role
from tests.api.conftest import assert_problem

URL = "/api/v1/memberships"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(m["id"] for m in response.json()["results"])


def test_filters(anon):
    body, other = BodyFactory(), BodyFactory()
    org = OrganisationFactory()
    chair = MembershipFactory(body=body, role=Role.CHAIR, on_behalf_of=org)
    past = MembershipFactory(body=body, end_date=dt.date(2010, 3, 31))
    elsewhere = MembershipFactory(body=other, person=chair.person)
    assert ids(anon.get(URL, {"body": body.pk})) == sorted([chair.pk, past.pk])
    assert ids(anon.get(URL, {"person": chair.person_id})) == sorted([chair.pk, elsewhere.pk])
    assert ids(anon.get(URL, {"organisation": org.pk})) == [chair.pk]
    assert ids(anon.get(URL, {"role": "chair"})) == [chair.pk]
    assert ids(anon.get(URL, {"body": body.pk, "current": "true"})) == [chair.pk]
    assert ids(anon.get(URL, {"body": body.pk, "as_of": "2010-01-01"})) == sorted(
        [chair.pk, past.pk]
    )
    assert ids(anon.get(URL, {"as_of": "2009-01-01"})) == []
    assert_problem(anon.get(URL, {"role": "king"}), 400, "role")


def test_detail_names_people_and_organisations(anon):
    m = MembershipFactory(role=Role.VICE_CHAIR)
    response = anon.get(f"{URL}/{m.pk}")
    assert response["ETag"] == m.etag
    data = response.json()
    assert data["person_id"] == m.person_id and data["person_name"] == m.person.name
    assert data["on_behalf_of_id"] == m.on_behalf_of_id
    assert data["role"] == "vice_chair"


def test_memberships_of_unpublished_bodies_are_hidden_from_the_public(anon, api):
    hidden = MembershipFactory(body=BodyFactory(is_published=False))
    shown = MembershipFactory()
    assert ids(anon.get(URL)) == [shown.pk]
    assert ids(api.get(URL)) == sorted([hidden.pk, shown.pk])
    assert_problem(anon.get(f"{URL}/{hidden.pk}"), 404)


def test_create(api):
    body = BodyFactory()
    person, org = PersonFactory(), OrganisationFactory()
    post = PostFactory(body=body)
    response = api.post(
        URL,
        {
            "person_id": person.pk,
            "body_id": body.pk,
            "role": "member",
            "post_id": post.pk,
            "on_behalf_of_id": org.pk,
            "nominated_by_id": org.pk,
            "start_date": "2009-04-01",
        },
    )
    assert response.status_code == 201, response.content
    m = Membership.objects.get()
    assert response["Location"] == f"{URL}/{m.pk}"
    assert response["ETag"] == m.etag
    assert (m.person, m.body, m.post, m.on_behalf_of) == (person, body, post, org)


def test_create_with_unknown_references_names_each_and_writes_nothing(api):
    response = api.post(
        URL, {"person_id": 9999, "body_id": 9998, "on_behalf_of_id": 9997, "post_id": 9996}
    )
    assert_problem(response, 422, "person_id", "body_id", "on_behalf_of_id", "post_id")
    assert not Membership.objects.exists()


def test_create_missing_required_fields_is_422(api):
    assert_problem(api.post(URL, {"role": "chair"}), 422, "person_id", "body_id")


def test_membership_outside_the_body_life_is_422(api):
    body = BodyFactory(established_on=dt.date(2009, 4, 1))
    response = api.post(
        URL, {"person_id": PersonFactory().pk, "body_id": body.pk, "start_date": "2008-01-01"}
    )
    assert_problem(response, 422, "start_date")
    assert not Membership.objects.exists()


def test_end_before_start_is_422_naming_end_date(api):
    response = api.post(
        URL,
        {
            "person_id": PersonFactory().pk,
            "body_id": BodyFactory().pk,
            "start_date": "2010-01-01",
            "end_date": "2009-12-31",
        },
    )
    assert_problem(response, 422, "end_date")


def test_second_chair_is_422_naming_role(api):
    body = BodyFactory()
    MembershipFactory(body=body, role=Role.CHAIR)
    response = api.post(URL, {"person_id": PersonFactory().pk, "body_id": body.pk, "role": "chair"})
    assert_problem(response, 422, "role")
    assert Membership.objects.count() == 1


def test_post_of_another_body_is_422(api):
    response = api.post(
        URL,
        {"person_id": PersonFactory().pk, "body_id": BodyFactory().pk, "post_id": PostFactory().pk},
    )
    assert_problem(response, 422, "post_id")


def test_secretary_adds_changes_and_archives_memberships_of_their_body_only(user_client):
    body, other = BodyFactory(), BodyFactory()
    staff = MembershipFactory(body=body, role=Role.SUPPORT_STAFF)
    client = user_client(UserFactory(person=staff.person))
    added = client.post(URL, {"person_id": PersonFactory().pk, "body_id": body.pk})
    assert added.status_code == 201, added.content
    ended = client.patch(
        added["Location"], {"end_date": "2011-03-31"}, headers={"If-Match": added["ETag"]}
    )
    assert ended.status_code == 200, ended.content
    assert ended.json()["end_date"] == "2011-03-31"
    archived = client.post(
        f"{added['Location']}/archive",
        {"reason": "Entered twice"},
        headers={"If-Match": ended["ETag"]},
    )
    assert archived.status_code == 200, archived.content
    assert_problem(client.post(URL, {"person_id": PersonFactory().pk, "body_id": other.pk}), 403)
    theirs = MembershipFactory(body=other)
    assert_problem(
        client.patch(f"{URL}/{theirs.pk}", {"notes": "x"}, headers={"If-Match": theirs.etag}), 403
    )
    # and may not move a membership of their body to a body they do not serve
    mine = MembershipFactory(body=body)
    moved = client.patch(f"{URL}/{mine.pk}", {"body_id": other.pk}, headers={"If-Match": mine.etag})
    assert_problem(moved, 403)
    assert Membership.objects.get(pk=mine.pk).body == body


def test_plain_members_may_not_add_memberships(user_client):
    body = BodyFactory()
    member = MembershipFactory(body=body)
    client = user_client(UserFactory(person=member.person))
    assert_problem(client.post(URL, {"person_id": PersonFactory().pk, "body_id": body.pk}), 403)


def test_put_and_stale_put(api):
    m = MembershipFactory()
    data = {"person_id": m.person_id, "body_id": m.body_id, "role": "adviser", "has_vote": False}
    ok = api.put(f"{URL}/{m.pk}", data, headers={"If-Match": m.etag})
    assert ok.status_code == 200, ok.content
    assert ok.json()["role"] == "adviser" and ok.json()["on_behalf_of_id"] is None
    stale = api.put(f"{URL}/{m.pk}", {**data, "role": "member"}, headers={"If-Match": m.etag})
    assert_problem(stale, 412)
    assert Membership.objects.get(pk=m.pk).role == "adviser"
