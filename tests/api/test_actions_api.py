"""/api/v1/actions: filters, who sees which action, writes by the body's secretary with If-Match,
progress notes by the owner, complete, and drop with a reason. The actions made here are
illustrative test records."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from accord.actions.factories import ActionFactory
from accord.actions.models import Action
from accord.common.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory
from accord.meetings.factories import AgendaItemFactory, MeetingFactory
from accord.meetings.models import AgendaItem
from tests.api.conftest import assert_problem

URL = "/api/v1/actions"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


def from_item(item, **kwargs):
    return ActionFactory(
        body=item.meeting.body,
        origin_type=ContentType.objects.get_for_model(AgendaItem),
        origin_id=item.pk,
        **kwargs,
    )


@pytest.fixture
def body(db):
    return BodyFactory(name="Thematic Leads Group")


@pytest.fixture
def member(body, user_client):
    m = MembershipFactory(body=body, role="member")
    return user_client(UserFactory(person=m.person))


@pytest.fixture
def secretary(body, user_client):
    m = MembershipFactory(body=body, role="support_staff")
    return user_client(UserFactory(person=m.person))


@pytest.fixture
def actions(body):
    agreed = MeetingFactory(body=body, status="minutes_agreed", date=dt.date(2009, 3, 2))
    draft = MeetingFactory(body=body, status="minutes_draft", date=dt.date(2009, 4, 27))
    public = from_item(AgendaItemFactory(meeting=agreed, number=1), due_on=dt.date(2009, 5, 1))
    restricted = from_item(AgendaItemFactory(meeting=agreed, number=2, is_restricted=True))
    not_agreed = from_item(AgendaItemFactory(meeting=draft, number=1), due_on=None)
    done = ActionFactory(body=body, status="done", closed_on=dt.date(2009, 4, 1))
    later = ActionFactory(body=BodyFactory(), due_on=dt.date(2999, 1, 1))
    return public, restricted, not_agreed, done, later


def test_each_caller_sees_what_they_may(anon, member, api, user_client, actions):
    public, restricted, not_agreed, done, later = actions
    assert ids(anon.get(URL)) == sorted([public.pk, done.pk, later.pk])
    everything = sorted(a.pk for a in actions)
    assert ids(member.get(URL)) == everything
    assert ids(api.get(URL)) == everything
    # The owner sees their own action, wherever it arose.
    owner = user_client(UserFactory(person=restricted.owner))
    assert ids(owner.get(URL, {"owner": restricted.owner_id})) == [restricted.pk]
    assert_problem(anon.get(f"{URL}/{restricted.pk}"), 404)
    assert_problem(anon.get(f"{URL}/{not_agreed.pk}"), 404)
    item = anon.get(f"{URL}/{public.pk}").json()
    assert (item["origin_type"], item["agenda_item_id"]) == (
        "meetings.agendaitem",
        public.origin_id,
    )
    assert item["owner_label"] == str(public.owner) and item["is_overdue"] is True


def test_filters_and_pages(api, body, actions):
    public, restricted, not_agreed, done, later = actions
    assert ids(api.get(URL, {"body": body.pk})) == sorted(
        [public.pk, restricted.pk, not_agreed.pk, done.pk]
    )
    assert ids(api.get(URL, {"owner": public.owner_id})) == [public.pk]
    assert ids(api.get(URL, {"status": "done"})) == [done.pk]
    assert ids(api.get(URL, {"outstanding": "true"})) == sorted(
        [public.pk, restricted.pk, not_agreed.pk, later.pk]
    )
    assert ids(api.get(URL, {"outstanding": "false"})) == [done.pk]
    # Overdue: outstanding and due before today (the undated and the far future are not).
    assert ids(api.get(URL, {"overdue": "true"})) == sorted([public.pk, restricted.pk])
    assert ids(api.get(URL, {"overdue": "false"})) == sorted([not_agreed.pk, done.pk, later.pk])
    page = api.get(URL, {"page_size": 2, "page": 2}).json()
    assert page["count"] == 5 and len(page["results"]) == 2
    assert page["previous"].endswith("page=1") and page["next"].endswith("page=3")
    assert_problem(api.get(URL, {"status": "stalled"}), 400, "status")
    assert_problem(api.get(URL, {"owner": "me"}), 400, "owner")


def test_recording_and_changing_an_action(anon, user_client, member, secretary, body):
    meeting = MeetingFactory(body=body, status="held")
    item = AgendaItemFactory(meeting=meeting, number=3)
    owner = PersonFactory()
    payload = {"title": "Circulate the LAA refresh timetable", "owner_id": owner.pk}
    assert_problem(anon.post(URL, {**payload, "agenda_item_id": item.pk}), 401)
    assert_problem(user_client().post(URL, {**payload, "agenda_item_id": item.pk}), 403)
    assert_problem(member.post(URL, {**payload, "agenda_item_id": item.pk}), 403)
    # With neither a body nor an item, only managers may record it.
    assert_problem(secretary.post(URL, payload), 403)
    assert_problem(
        secretary.post(URL, {"title": "Nobody's", "agenda_item_id": item.pk}), 422, "owner_id"
    )
    assert_problem(
        secretary.post(URL, {**payload, "agenda_item_id": 999999}), 422, "agenda_item_id"
    )
    assert_problem(
        secretary.post(URL, {**payload, "agenda_item_id": item.pk, "status": "dropped"}),
        422,
        "drop_reason",
    )
    response = secretary.post(URL, {**payload, "agenda_item_id": item.pk, "due_on": "2009-05-18"})
    assert response.status_code == 201, response.content
    action = Action.objects.get(title=payload["title"])
    assert response["Location"] == f"{URL}/{action.pk}" and response["ETag"] == action.etag
    created = response.json()
    assert (created["body_id"], created["agenda_item_id"]) == (body.pk, item.pk)
    assert action.origin == item
    url = f"{URL}/{action.pk}"
    assert_problem(secretary.patch(url, {"due_on": "2009-06-01"}), 428, "If-Match")
    response = secretary.patch(url, {"due_on": "2009-06-01"}, headers={"If-Match": action.etag})
    assert response.status_code == 200, response.content
    changed = response.json()
    assert changed["due_on"] == "2009-06-01"
    assert_problem(
        secretary.patch(url, {"title": "Stale"}, headers={"If-Match": action.etag}),
        412,
        "If-Match",
    )
    assert_problem(
        secretary.patch(url, {"body_id": BodyFactory().pk}, headers={"If-Match": changed["etag"]}),
        403,
    )
    assert_problem(
        secretary.post(
            f"{url}/archive", {"reason": "Duplicate"}, headers={"If-Match": changed["etag"]}
        ),
        403,
    )


def test_notes_complete_and_drop(anon, user_client, member, secretary, api, body):
    owner = PersonFactory()
    action = ActionFactory(body=body, owner=owner, due_on=dt.date(2009, 5, 18))
    url = f"{URL}/{action.pk}"
    owner_client = user_client(UserFactory(person=owner))
    assert_problem(anon.post(f"{url}/notes", {"text": "Started."}), 401)
    assert_problem(user_client().post(f"{url}/notes", {"text": "Started."}), 403)
    assert_problem(member.post(f"{url}/notes", {"text": "Started."}), 403)
    assert_problem(owner_client.post(f"{url}/notes", {"text": ""}), 422, "text")
    assert_problem(owner_client.post(f"{url}/notes", {"text": "   "}), 422, "text")
    response = owner_client.post(f"{url}/notes", {"text": "Started.", "written_on": "2009-05-01"})
    assert response.status_code == 201, response.content
    noted = response.json()
    assert noted["status"] == "in_progress"
    assert [(n["written_on"], n["text"]) for n in noted["notes"]] == [("2009-05-01", "Started.")]
    # The owner reports progress but does not close the action.
    assert_problem(
        owner_client.post(f"{url}/complete", {}, headers={"If-Match": noted["etag"]}), 403
    )

    assert_problem(
        secretary.post(f"{url}/drop", {}, headers={"If-Match": noted["etag"]}), 422, "reason"
    )
    assert_problem(
        secretary.post(f"{url}/drop", {"reason": "  "}, headers={"If-Match": noted["etag"]}),
        422,
        "reason",
    )
    assert_problem(secretary.post(f"{url}/drop", {"reason": "Overtaken"}), 428, "If-Match")
    assert_problem(
        secretary.post(f"{url}/drop", {"reason": "Overtaken"}, headers={"If-Match": action.etag}),
        412,
        "If-Match",
    )
    response = secretary.post(
        f"{url}/drop",
        {"reason": "Overtaken by the LAA refresh", "on": "2009-05-10"},
        headers={"If-Match": noted["etag"]},
    )
    assert response.status_code == 200, response.content
    dropped = response.json()
    assert (dropped["status"], dropped["closed_on"], dropped["drop_reason"]) == (
        "dropped",
        "2009-05-10",
        "Overtaken by the LAA refresh",
    )
    assert_problem(
        secretary.post(f"{url}/complete", {}, headers={"If-Match": dropped["etag"]}), 422, "status"
    )

    other = ActionFactory(body=body, due_on=dt.date(2009, 5, 18))
    ourl = f"{URL}/{other.pk}"
    assert_problem(
        secretary.post(f"{ourl}/complete", {"on": "not a date"}, headers={"If-Match": other.etag}),
        422,
        "on",
    )
    response = secretary.post(
        f"{ourl}/complete", {"on": "2009-05-12"}, headers={"If-Match": other.etag}
    )
    assert response.status_code == 200, response.content
    completed = response.json()
    assert (completed["status"], completed["closed_on"]) == ("done", "2009-05-12")
    assert completed["is_overdue"] is False
    response = api.post(
        f"{ourl}/archive", {"reason": "Recorded twice"}, headers={"If-Match": completed["etag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert_problem(member.get(ourl), 404)
