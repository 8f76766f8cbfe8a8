"""/api/v1/meetings, /agenda-items, /attendance and /decisions: what the public, members and
managers see; writes by the body's secretary through the services, with If-Match (428, 412) and
problem+json naming each bad field. The meetings made here are illustrative test records."""

import datetime as dt

import pytest

from accord.common.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
)
from accord.meetings.models import AgendaItem, Attendance, Meeting, MeetingStatus
from accord.meetings.services import meeting_create
from accord.papers.factories import PaperFactory
from tests.api.conftest import assert_problem

MEETINGS = "/api/v1/meetings"
ITEMS = "/api/v1/agenda-items"
ATTENDANCE = "/api/v1/attendance"
DECISIONS = "/api/v1/decisions"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


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
def outsider(user_client, db):
    """Signed in, and a member of another body only."""
    m = MembershipFactory()
    return user_client(UserFactory(person=m.person))


@pytest.fixture
def meetings(body):
    published = MeetingFactory(body=body, date=dt.date(2009, 4, 27))
    scheduled = MeetingFactory(body=body, date=dt.date(2009, 5, 18), status="scheduled")
    private = MeetingFactory(body=body, date=dt.date(2009, 3, 2), is_public=False)
    agreed = MeetingFactory(body=body, date=dt.date(2009, 2, 2), status="minutes_agreed")
    elsewhere = MeetingFactory(date=dt.date(2009, 4, 28), body=BodyFactory(is_published=False))
    return published, scheduled, private, agreed, elsewhere


def test_list_shows_each_caller_what_they_may_see(anon, api, member, outsider, meetings):
    published, scheduled, private, agreed, elsewhere = meetings
    public = sorted([published.pk, agreed.pk])
    assert ids(anon.get(MEETINGS)) == public
    assert ids(outsider.get(MEETINGS)) == public
    assert ids(member.get(MEETINGS)) == sorted([published.pk, scheduled.pk, private.pk, agreed.pk])
    assert ids(api.get(MEETINGS)) == sorted(m.pk for m in meetings)
    assert_problem(anon.get(f"{MEETINGS}/{scheduled.pk}"), 404)
    assert_problem(anon.get(f"{MEETINGS}/{private.pk}"), 404)
    assert member.get(f"{MEETINGS}/{private.pk}").status_code == 200


def test_list_filters_and_pages(api, meetings):
    published, scheduled, private, agreed, elsewhere = meetings
    assert ids(api.get(MEETINGS, {"body": published.body_id})) == sorted(
        [published.pk, scheduled.pk, private.pk, agreed.pk]
    )
    assert ids(api.get(MEETINGS, {"from": "2009-04-27", "to": "2009-04-28"})) == sorted(
        [published.pk, elsewhere.pk]
    )
    assert ids(api.get(MEETINGS, {"status": "minutes_agreed"})) == [agreed.pk]
    body = api.get(MEETINGS, {"page_size": 2}).json()
    assert body["count"] == 5 and len(body["results"]) == 2 and body["previous"] is None
    # Soonest first.
    assert [r["id"] for r in body["results"]] == [agreed.pk, private.pk]
    second = api.get(MEETINGS, {"page_size": 2, "page": 3}).json()
    assert [r["id"] for r in second["results"]] == [scheduled.pk] and second["next"] is None
    assert_problem(api.get(MEETINGS, {"status": "adjourned"}), 400, "status")
    assert_problem(api.get(MEETINGS, {"from": "not a date"}), 400, "from")


def test_links_to_meetings_the_caller_cannot_see_are_left_out(anon, member, meetings):
    published, scheduled, *_ = meetings
    Meeting.objects.filter(pk=published.pk).update(next_meeting=scheduled)
    assert anon.get(f"{MEETINGS}/{published.pk}").json()["next_meeting_id"] is None
    assert member.get(f"{MEETINGS}/{published.pk}").json()["next_meeting_id"] == scheduled.pk


@pytest.fixture
def agenda(body, meetings):
    """The published meeting's agenda: an open item with a public and a private paper, a
    restricted item, decisions under both, and attendance."""
    meeting = meetings[0]
    public_paper = PaperFactory(body=body)
    private_paper = PaperFactory(body=body, is_public=False)
    open_item = AgendaItemFactory(
        meeting=meeting, number=1, papers=[public_paper, private_paper], minutes="Noted."
    )
    closed = AgendaItemFactory(meeting=meeting, number=2, is_restricted=True, minutes="Secret.")
    open_decision = DecisionFactory(item=open_item, text="Agreed the plan.")
    closed_decision = DecisionFactory(item=closed, text="Agreed the contract.")
    present = AttendanceFactory(meeting=meeting)
    return (
        meeting,
        open_item,
        closed,
        public_paper,
        private_paper,
        open_decision,
        closed_decision,
        present,
    )


def test_detail_embeds_what_the_public_may_see(anon, member, agenda):
    meeting, open_item, closed, public_paper, private_paper, d1, d2, present = agenda
    url = f"{MEETINGS}/{meeting.pk}"
    response = anon.get(url)
    assert response.status_code == 200 and response["ETag"] == meeting.etag
    body = response.json()
    assert [i["id"] for i in body["items"]] == [open_item.pk]
    item = body["items"][0]
    assert item["paper_ids"] == [public_paper.pk]
    assert item["minutes"] is None and item["decisions"] == []
    assert body["hidden_items"] == 1 and body["minutes_visible"] is False
    assert body["attendance"] == [] and body["quorum"] is None

    body = member.get(url).json()
    assert [i["id"] for i in body["items"]] == [open_item.pk, closed.pk]
    assert body["items"][0]["paper_ids"] == sorted([public_paper.pk, private_paper.pk])
    assert body["items"][1]["minutes"] == "Secret."
    assert [d["id"] for d in body["items"][1]["decisions"]] == [d2.pk]
    assert [a["id"] for a in body["attendance"]] == [present.pk]
    assert body["quorum"]["present_members"] == 1

    # Once the minutes are agreed the public reads them, except the restricted item's.
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_AGREED)
    body = anon.get(url).json()
    assert body["items"][0]["minutes"] == "Noted."
    assert [d["id"] for d in body["items"][0]["decisions"]] == [d1.pk]
    assert [a["person_id"] for a in body["attendance"]] == [present.person_id]
    assert [i["id"] for i in body["items"]] == [open_item.pk]


def test_item_decision_and_attendance_lists_hide_what_they_must(anon, member, api, agenda):
    meeting, open_item, closed, public_paper, private_paper, d1, d2, present = agenda
    assert ids(anon.get(ITEMS, {"meeting": meeting.pk})) == [open_item.pk]
    assert ids(member.get(ITEMS, {"meeting": meeting.pk})) == sorted([open_item.pk, closed.pk])
    assert_problem(anon.get(f"{ITEMS}/{closed.pk}"), 404)
    assert anon.get(f"{ITEMS}/{open_item.pk}").json()["minutes"] is None
    assert member.get(f"{ITEMS}/{open_item.pk}").json()["minutes"] == "Noted."
    # Draft minutes: no decisions or attendance for the public yet.
    assert ids(anon.get(DECISIONS)) == []
    assert ids(anon.get(ATTENDANCE)) == []
    assert ids(member.get(DECISIONS, {"meeting": meeting.pk})) == sorted([d1.pk, d2.pk])
    assert ids(member.get(ATTENDANCE, {"meeting": meeting.pk})) == [present.pk]
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_AGREED)
    assert ids(anon.get(DECISIONS)) == [d1.pk]
    assert_problem(anon.get(f"{DECISIONS}/{d2.pk}"), 404)
    assert ids(anon.get(ATTENDANCE, {"person": present.person_id})) == [present.pk]
    assert ids(anon.get(ATTENDANCE, {"person": PersonFactory().pk})) == []
    assert ids(api.get(DECISIONS, {"item": closed.pk})) == [d2.pk]


def test_scheduling_a_meeting(anon, outsider, member, secretary, body):
    payload = {"body_id": body.pk, "date": "2009-06-15", "start_time": "14:30"}
    assert_problem(anon.post(MEETINGS, payload), 401)
    assert_problem(outsider.post(MEETINGS, payload), 403)
    assert_problem(member.post(MEETINGS, payload), 403)
    assert_problem(secretary.post(MEETINGS, {**payload, "body_id": 999999}), 422, "body_id")
    assert_problem(secretary.post(MEETINGS, {**payload, "end_time": "14:00"}), 422, "end_time")
    assert_problem(
        secretary.post(MEETINGS, {**payload, "start_time": "14:30:00+01:00"}), 422, "start_time"
    )
    assert_problem(secretary.post(MEETINGS, {**payload, "colour": "red"}), 422, "colour")
    response = secretary.post(MEETINGS, {**payload, "venue_text": "Room 2"})
    assert response.status_code == 201, response.content
    m = Meeting.objects.get(date=dt.date(2009, 6, 15))
    assert response["Location"] == f"{MEETINGS}/{m.pk}" and response["ETag"] == m.etag
    body_json = response.json()
    assert body_json["status"] == "scheduled" and body_json["start_time"] == "14:30:00"
    assert [i["standing"] for i in body_json["items"]] == ["welcome", "minutes", "aob"]
    # Scheduled: not public yet.
    assert_problem(anon.get(f"{MEETINGS}/{m.pk}"), 404)


def test_a_meeting_known_only_by_its_month(secretary, body):
    month = {"body_id": body.pk, "date": "2011-09-01", "date_precision": "month"}
    assert_problem(secretary.post(MEETINGS, {**month, "date": "2011-09-15"}), 422, "date")
    assert_problem(secretary.post(MEETINGS, {**month, "start_time": "10:00"}), 422, "start_time")
    assert_problem(
        secretary.post(MEETINGS, {**month, "date_precision": "week"}), 422, "date_precision"
    )
    response = secretary.post(MEETINGS, month)
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["date_precision"], made["date_label"], made["start_time"]) == (
        "month",
        "September 2011",
        None,
    )


def test_changing_publishing_and_cancelling_a_meeting(anon, secretary, api, body):
    m = MeetingFactory(body=body, status="scheduled", date=dt.date(2009, 6, 15))
    url = f"{MEETINGS}/{m.pk}"
    assert_problem(secretary.patch(url, {"venue_text": "Room 3"}), 428, "If-Match")
    response = secretary.patch(
        url, {"date": "2009-06-22", "venue_text": "Room 3"}, headers={"If-Match": m.etag}
    )
    assert response.status_code == 200, response.content
    changed = response.json()
    assert changed["date"] == "2009-06-22" and changed["sequence"] == m.sequence + 1
    assert_problem(
        secretary.patch(url, {"venue_text": "Room 4"}, headers={"If-Match": m.etag}),
        412,
        "If-Match",
    )
    assert_problem(
        secretary.patch(url, {"body_id": BodyFactory().pk}, headers={"If-Match": changed["etag"]}),
        422,
        "body_id",
    )
    response = secretary.post(
        f"{url}/publish-agenda", {"on": "2009-06-08"}, headers={"If-Match": changed["etag"]}
    )
    assert response.status_code == 200, response.content
    published = response.json()
    assert published["status"] == "agenda_published"
    assert published["agenda_published_on"] == "2009-06-08"
    assert anon.get(url).status_code == 200
    assert_problem(
        secretary.post(f"{url}/publish-agenda", {}, headers={"If-Match": published["etag"]}),
        422,
        "status",
    )
    assert_problem(
        secretary.post(f"{url}/cancel", {}, headers={"If-Match": published["etag"]}), 422, "reason"
    )
    assert_problem(
        secretary.post(f"{url}/cancel", {"reason": "   "}, headers={"If-Match": published["etag"]}),
        422,
        "reason",
    )
    assert_problem(secretary.post(f"{url}/cancel", {"reason": "No quorum"}), 428, "If-Match")
    response = secretary.post(
        f"{url}/cancel", {"reason": "No quorum"}, headers={"If-Match": published["etag"]}
    )
    assert response.status_code == 200, response.content
    cancelled = response.json()
    assert (cancelled["status"], cancelled["cancelled_reason"]) == ("cancelled", "No quorum")
    # Archiving (a record made in error) is for managers.
    assert_problem(
        secretary.post(
            f"{url}/archive", {"reason": "Duplicate"}, headers={"If-Match": cancelled["etag"]}
        ),
        403,
    )
    response = api.post(
        f"{url}/archive", {"reason": "Duplicate"}, headers={"If-Match": cancelled["etag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert_problem(anon.get(url), 404)


def test_building_an_agenda(secretary, member, anon, body):
    m = meeting_create(
        fields={"body": body, "date": dt.date(2009, 6, 15)}, by=None, link_previous=False
    )
    paper = PaperFactory(body=body)
    payload = {"meeting_id": m.pk, "title": "Sustainable Community Strategy"}
    assert_problem(member.post(ITEMS, payload), 403)
    assert_problem(secretary.post(ITEMS, {**payload, "paper_ids": [999999]}), 422, "paper_ids")
    assert_problem(secretary.post(ITEMS, {**payload, "purpose": "fun"}), 422, "purpose")
    assert_problem(secretary.post(ITEMS, {**payload, "minutes": "Too early."}), 422, "minutes")
    response = secretary.post(ITEMS, {**payload, "paper_ids": [paper.pk], "purpose": "decision"})
    assert response.status_code == 201, response.content
    item = response.json()
    assert item["number"] == 3 and item["paper_ids"] == [paper.pk]
    assert response["Location"] == f"{ITEMS}/{item['id']}"
    numbers = dict(AgendaItem.objects.live().filter(meeting=m).values_list("standing", "number"))
    assert numbers["aob"] == 4
    url = f"{ITEMS}/{item['id']}"
    assert_problem(secretary.patch(url, {"number": 1}), 428, "If-Match")
    response = secretary.patch(url, {"number": 1}, headers={"If-Match": item["etag"]})
    assert response.status_code == 200, response.content
    moved = response.json()
    assert moved["number"] == 1
    assert_problem(
        secretary.patch(url, {"title": "Stale"}, headers={"If-Match": item["etag"]}),
        412,
        "If-Match",
    )
    assert_problem(
        secretary.patch(
            url, {"meeting_id": MeetingFactory().pk}, headers={"If-Match": moved["etag"]}
        ),
        422,
        "meeting_id",
    )
    response = secretary.patch(
        url, {"is_restricted": True, "minutes_allowed": 20}, headers={"If-Match": moved["etag"]}
    )
    assert response.status_code == 200, response.content
    restricted = response.json()
    assert restricted["is_restricted"] is True and restricted["minutes_allowed"] == 20
    # The meeting is scheduled, so the public sees none of it; the item is restricted anyway.
    assert_problem(anon.get(url), 404)
    response = secretary.post(
        f"{url}/archive", {"reason": "Withdrawn"}, headers={"If-Match": restricted["etag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    live = AgendaItem.objects.live().filter(meeting=m).order_by("number")
    assert [i.number for i in live] == [1, 2, 3]


def test_minutes_attendance_and_decisions_once_held(secretary, member, anon, api, body):
    m = MeetingFactory(body=body, status="agenda_published", date=dt.date(2009, 4, 27))
    item = AgendaItemFactory(meeting=m, number=1)
    url = f"{ITEMS}/{item.pk}"
    assert_problem(
        secretary.patch(url, {"minutes": "Noted."}, headers={"If-Match": item.etag}), 422, "minutes"
    )
    assert_problem(
        secretary.post(DECISIONS, {"item_id": item.pk, "text": "Agreed."}), 422, "minutes"
    )
    assert_problem(member.post(f"{MEETINGS}/{m.pk}/mark-held", headers={"If-Match": m.etag}), 403)
    response = secretary.post(f"{MEETINGS}/{m.pk}/mark-held", headers={"If-Match": m.etag})
    assert response.status_code == 200 and response.json()["status"] == "held"
    assert_problem(member.patch(url, {"minutes": "Noted."}, headers={"If-Match": item.etag}), 403)
    response = secretary.patch(url, {"minutes": " Noted. "}, headers={"If-Match": item.etag})
    assert response.status_code == 200, response.content
    assert response.json()["minutes"] == "Noted."
    assert Meeting.objects.get(pk=m.pk).status == MeetingStatus.MINUTES_DRAFT
    assert anon.get(url).json()["minutes"] is None

    # Attendance: rows for the meeting, errors named by row.
    people = [PersonFactory(), PersonFactory(), PersonFactory()]
    org = OrganisationFactory()
    rows = [
        {"person_id": people[0].pk, "organisation_id": org.pk, "capacity": "chair"},
        {"person_id": people[1].pk, "status": "apologies"},
        {"person_id": people[2].pk, "capacity": "substitute", "substitute_for_id": people[1].pk},
    ]
    assert_problem(anon.post(ATTENDANCE, {"meeting_id": m.pk, "rows": rows}), 401)
    assert_problem(member.post(ATTENDANCE, {"meeting_id": m.pk, "rows": rows}), 403)
    assert_problem(
        secretary.post(ATTENDANCE, {"meeting_id": m.pk, "rows": [{"person_id": 999999}, rows[0]]}),
        422,
        "rows.0.person_id",
    )
    assert_problem(
        secretary.post(
            ATTENDANCE,
            {"meeting_id": m.pk, "rows": [{"person_id": people[2].pk, "capacity": "substitute"}]},
        ),
        422,
        "substitute_for_id",
    )
    assert_problem(secretary.post(ATTENDANCE, {"meeting_id": m.pk, "rows": []}), 422, "rows")
    response = secretary.post(ATTENDANCE, {"meeting_id": m.pk, "rows": rows})
    assert response.status_code == 200, response.content
    recorded = response.json()["results"]
    assert [r["person_id"] for r in recorded] == [p.pk for p in people]
    assert recorded[0]["capacity"] == "chair" and recorded[0]["organisation_id"] == org.pk
    # Sending a row again updates that person's entry.
    response = secretary.post(
        ATTENDANCE,
        {"meeting_id": m.pk, "rows": [{"person_id": people[1].pk, "status": "absent"}]},
    )
    assert response.json()["results"][0]["status"] == "absent"
    assert Attendance.objects.live().filter(meeting=m).count() == 3
    assert ids(anon.get(ATTENDANCE, {"meeting": m.pk})) == []

    # Decisions under the item, or for the meeting as a whole.
    assert_problem(secretary.post(DECISIONS, {"text": "Agreed."}), 422, "meeting_id")
    assert_problem(
        secretary.post(
            DECISIONS, {"item_id": item.pk, "meeting_id": MeetingFactory().pk, "text": "x"}
        ),
        422,
        "item_id",
    )
    assert_problem(member.post(DECISIONS, {"item_id": item.pk, "text": "Agreed."}), 403)
    response = secretary.post(DECISIONS, {"item_id": item.pk, "text": "Agreed the plan."})
    assert response.status_code == 201, response.content
    decision = response.json()
    assert (decision["meeting_id"], decision["number"]) == (m.pk, 1)
    assert response["Location"] == f"{DECISIONS}/{decision['id']}"
    response = secretary.post(
        DECISIONS, {"meeting_id": m.pk, "text": "Thanks to the hosts.", "kind": "noted"}
    )
    assert response.status_code == 201 and response.json()["item_id"] is None
    durl = f"{DECISIONS}/{decision['id']}"
    assert_problem(secretary.patch(durl, {"text": "Agreed."}), 428, "If-Match")
    assert_problem(
        secretary.patch(
            durl,
            {"item_id": AgendaItemFactory(meeting=m, number=2).pk},
            headers={"If-Match": decision["etag"]},
        ),
        422,
        "item_id",
    )
    response = secretary.patch(durl, {"text": "Agreed."}, headers={"If-Match": decision["etag"]})
    assert response.status_code == 200 and response.json()["text"] == "Agreed."
    assert_problem(
        secretary.patch(durl, {"text": "Stale"}, headers={"If-Match": decision["etag"]}),
        412,
        "If-Match",
    )
    detail = member.get(f"{MEETINGS}/{m.pk}").json()
    assert [d["text"] for d in detail["items"][0]["decisions"]] == ["Agreed."]
    assert [d["text"] for d in detail["decisions"]] == ["Thanks to the hosts."]
    assert [a["capacity"] for a in detail["attendance"]][:1] == ["chair"]
    current = api.get(durl).json()
    response = api.post(
        f"{durl}/archive", {"reason": "Duplicate"}, headers={"If-Match": current["etag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert ids(member.get(DECISIONS, {"meeting": m.pk})) == [
        d for d in ids(api.get(DECISIONS, {"meeting": m.pk})) if d != decision["id"]
    ]
