"""Meetings from scheduling to signed minutes: the agenda, the forward plan, attendance,
minutes and decisions, and the approval of minutes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.actions.models import ActionStatus
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    OrganisationFactory,
    PersonFactory,
)
from accord.common.services import StaleEditError
from accord.meetings import services
from accord.meetings.factories import (
    AgendaItemFactory,
    ForwardPlanItemFactory,
    MeetingFactory,
    VenueFactory,
)
from accord.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Capacity,
    ForwardPlanStatus,
    MeetingStatus,
    StandingItem,
)
from accord.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db
S = MeetingStatus
APRIL_27, MAY_18 = dt.date(2009, 4, 27), dt.date(2009, 5, 18)


@pytest.fixture
def by():
    return ManagerFactory()


@pytest.fixture
def body():
    return BodyFactory(name="LSP Thematic Leads")


def schedule(body, by, day=APRIL_27, **fields):
    return services.meeting_create(fields={"body": body, "date": day, **fields}, by=by)


def agenda(meeting):
    return [
        (i.number, i.title, i.standing)
        for i in AgendaItem.objects.live().filter(meeting=meeting).order_by("number")
    ]


def hold(meeting, by):
    meeting = services.meeting_publish_agenda(meeting=meeting, expected_version=None, by=by)
    return services.meeting_mark_held(meeting=meeting, expected_version=None, by=by)


def test_a_new_meeting_has_the_standing_items_and_the_usual_time_and_place(body, by):
    venue = VenueFactory(name="County Hall")
    services.meeting_settings_set(
        body=body,
        fields={"usual_start": dt.time(14, 30), "usual_end": dt.time(16), "usual_venue": venue},
        by=by,
    )
    meeting = schedule(body, by, venue_text="Committee Room 2B")
    assert meeting.status == S.SCHEDULED and meeting.sequence == 0
    assert (meeting.start_time, meeting.end_time, meeting.venue) == (
        dt.time(14, 30),
        dt.time(16),
        venue,
    )
    assert [s for _, _, s in agenda(meeting)] == [
        StandingItem.WELCOME,
        StandingItem.MINUTES,
        StandingItem.AOB,
    ]
    assert [n for n, _, _ in agenda(meeting)] == [1, 2, 3]
    assert str(meeting) == "LSP Thematic Leads meeting, 27 April 2009"
    # The next meeting of the body becomes this one's "next meeting".
    nxt = schedule(body, by, day=MAY_18, start_time=dt.time(13, 30), end_time=dt.time(15))
    meeting.refresh_from_db()
    assert meeting.next_meeting == nxt and nxt.start_time == dt.time(13, 30)


def test_calendar_changes_bump_the_sequence(body, by):
    meeting = schedule(body, by)
    same = services.meeting_update(
        meeting=meeting, changes={"is_public": False}, expected_version=1, by=by
    )
    assert same.sequence == 0 and same.version == 2
    moved = services.meeting_update(
        meeting=same, changes={"date": dt.date(2009, 4, 28)}, expected_version=2, by=by
    )
    assert moved.sequence == 1
    published = services.meeting_publish_agenda(
        meeting=moved, on=dt.date(2009, 4, 20), expected_version=moved.version, by=by
    )
    assert published.status == S.AGENDA_PUBLISHED and published.sequence == 2
    assert published.agenda_published_on == dt.date(2009, 4, 20)
    with pytest.raises(StaleEditError):
        services.meeting_update(
            meeting=published, changes={"title": "T"}, expected_version=1, by=by
        )
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=published, changes={"status": S.HELD}, expected_version=None, by=by
        )
    with pytest.raises(ValidationError) as err:
        services.meeting_update(
            meeting=published,
            changes={"start_time": dt.time(15), "end_time": dt.time(14)},
            expected_version=None,
            by=by,
        )
    assert "end_time" in err.value.message_dict


def test_cancelling_needs_a_reason_and_is_final(body, by):
    meeting = schedule(body, by)
    with pytest.raises(ValidationError) as err:
        services.meeting_cancel(meeting=meeting, reason="", expected_version=None, by=by)
    assert "cancelled_reason" in err.value.message_dict
    cancelled = services.meeting_cancel(
        meeting=meeting, reason="Not enough business.", expected_version=None, by=by
    )
    assert cancelled.is_cancelled and cancelled.sequence == 1
    with pytest.raises(ValidationError) as err:
        services.meeting_mark_held(meeting=cancelled, expected_version=None, by=by)
    assert "status" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=cancelled, fields={"title": "T"}, by=by)


def test_items_go_before_any_other_business_and_move(body, by):
    meeting = schedule(body, by)
    paper = PaperFactory()
    a = services.agenda_item_add(
        meeting=meeting, fields={"title": "SCS consultation", "papers": [paper]}, by=by
    )
    b = services.agenda_item_add(meeting=meeting, fields={"title": "Migrant Impact Fund"}, by=by)
    assert [t for _, t, _ in agenda(meeting)][2:] == [
        "SCS consultation",
        "Migrant Impact Fund",
        "Any other business",
    ]
    assert list(a.papers.all()) == [paper]
    first = services.agenda_item_add(
        meeting=meeting, fields={"title": "Urgent item"}, number=1, by=by
    )
    assert agenda(meeting)[0][1] == "Urgent item" and len(agenda(meeting)) == 6
    services.agenda_item_move(item=b, to_number=2, by=by)
    assert [t for _, t, _ in agenda(meeting)] == [
        "Urgent item",
        "Migrant Impact Fund",
        "Welcome, introductions and apologies",
        "Minutes and matters arising of the last meeting",
        "SCS consultation",
        "Any other business",
    ]
    services.agenda_item_move(item=first, to_number=5, by=by)
    assert [t for _, t, _ in agenda(meeting)][3:5] == ["SCS consultation", "Urgent item"]
    services.agenda_item_archive(item=first, reason="Withdrawn.", expected_version=None, by=by)
    assert [n for n, _, _ in agenda(meeting)] == [1, 2, 3, 4, 5]
    b.refresh_from_db()
    assert b.history.count() >= 3  # created, moved, renumbered: each in the history


def test_the_forward_plan_places_items_on_an_agenda(body, by):
    meeting = schedule(body, by, day=dt.date(2009, 4, 30))
    plan = services.forward_plan_add(
        body=body,
        fields={"title": "Sustainable Community Strategy", "purpose": "decision"},
        by=by,
    )
    item = services.forward_plan_place(item=plan, meeting=meeting, by=by)
    plan.refresh_from_db()
    assert plan.status == ForwardPlanStatus.PLACED and plan.meeting == meeting
    assert item.forward_plan_item == plan and item.number == 3
    with pytest.raises(ValidationError):
        services.forward_plan_place(item=plan, meeting=meeting, by=by)
    other = ForwardPlanItemFactory()
    with pytest.raises(ValidationError) as err:
        services.forward_plan_place(item=other, meeting=meeting, by=by)
    assert "meeting" in err.value.message_dict
    # Taking the item off the agenda puts it back on the plan.
    services.agenda_item_archive(item=item, reason="Deferred.", expected_version=None, by=by)
    plan.refresh_from_db()
    assert plan.status == ForwardPlanStatus.PLANNED and plan.meeting is None
    withdrawn = services.forward_plan_withdraw(
        item=plan, reason="Covered elsewhere.", expected_version=None, by=by
    )
    assert withdrawn.status == ForwardPlanStatus.WITHDRAWN and "Covered" in withdrawn.notes


def test_attendance_is_recorded_and_corrected(body, by):
    meeting = hold(schedule(body, by), by)
    chair, member, absent, sub = (PersonFactory() for _ in range(4))
    council = OrganisationFactory(name="Cheshire West and Chester Council")
    rows = services.attendance_record(
        meeting=meeting,
        rows=[
            {"person": chair, "organisation": council, "capacity": Capacity.CHAIR},
            {"person": member, "status": AttendanceStatus.APOLOGIES},
            {"person": absent, "status": AttendanceStatus.ABSENT},
            {
                "person": sub,
                "capacity": Capacity.SUBSTITUTE,
                "substitute_for": member,
                "organisation": council,
            },
        ],
        by=by,
    )
    assert len(rows) == 4 and meeting.attendances.live().count() == 4
    again = services.attendance_record(
        meeting=meeting,
        rows=[{"person": absent, "status": AttendanceStatus.PRESENT}],
        replace=True,
        by=by,
    )
    assert again[0].status == AttendanceStatus.PRESENT and again[0].version == 2
    assert meeting.attendances.live().count() == 1
    with pytest.raises(ValidationError) as err:
        services.attendance_record(
            meeting=meeting, rows=[{"person": chair, "capacity": Capacity.SUBSTITUTE}], by=by
        )
    assert "substitute_for" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=meeting, rows=[{"person": chair}] * 2, by=by)


def test_minutes_and_decisions_follow_the_meeting(body, by):
    meeting = schedule(body, by)
    item = services.agenda_item_add(meeting=meeting, fields={"title": "Bid"}, by=by)
    with pytest.raises(ValidationError) as err:
        services.minutes_record(item=item, text="Too early.", by=by)
    assert "minutes" in err.value.message_dict
    hold(meeting, by)
    services.minutes_record(item=item, text="John Salt advised the Group of the scheme.", by=by)
    meeting.refresh_from_db()
    assert meeting.status == S.MINUTES_DRAFT
    first = services.decision_record(
        item=item, fields={"text": "The bid was approved.", "kind": "approval"}, by=by
    )
    second = services.decision_record(item=item, fields={"text": "Report back."}, by=by)
    overall = services.decision_record(meeting=meeting, fields={"text": "Noted."}, by=by)
    assert (first.number, second.number, overall.number) == (1, 2, 1)
    assert not first.is_restricted and overall.item is None
    # Restricting the item restricts its decisions too.
    services.agenda_item_update(
        item=item, changes={"is_restricted": True}, expected_version=None, by=by
    )
    first.refresh_from_db()
    assert first.is_restricted
    assert services.decision_record(item=item, fields={"text": "More."}, by=by).is_restricted
    action = services.meeting_action_add(
        item=item, fields={"title": "Submit the bid", "owner_text": "John Salt"}, by=by
    )
    assert action.origin == item and action.body == body
    assert action.status == ActionStatus.OPEN


def test_minutes_approval_from_draft_to_signed(body, by):
    first = hold(schedule(body, by), by)
    item = AgendaItem.objects.get(meeting=first, standing=StandingItem.WELCOME)
    services.minutes_record(item=item, text="The Chair welcomed members.", by=by)
    first.refresh_from_db()
    second = schedule(body, by, day=MAY_18)
    first = services.minutes_circulate(
        meeting=first, on=dt.date(2009, 5, 1), expected_version=None, by=by
    )
    assert first.status == S.MINUTES_CIRCULATED
    minutes_item = AgendaItem.objects.get(meeting=second, standing=StandingItem.MINUTES)
    with pytest.raises(ValidationError):
        # Not yet held: the later meeting cannot record its decision yet.
        services.decision_record(item=minutes_item, fields={"text": "Agreed."}, by=by)
    second = hold(second, by)
    decision = services.decision_record(
        item=minutes_item, fields={"text": "The minutes were agreed.", "kind": "approval"}, by=by
    )
    second.refresh_from_db()
    with pytest.raises(ValidationError) as err:
        services.minutes_agree(meeting=second, at_meeting=first, decision=decision, by=by)
    assert "minutes_agreed_at" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.minutes_sign(meeting=first, name="Steve Robinson", by=by)
    assert "signed_by" in err.value.message_dict
    agreed = services.minutes_agree(meeting=first, at_meeting=second, decision=decision, by=by)
    assert agreed.status == S.MINUTES_AGREED
    assert (agreed.minutes_agreed_at, agreed.minutes_agreed_by) == (second, decision)
    # Agreed minutes are fixed: a correction is an amendment.
    with pytest.raises(ValidationError):
        services.minutes_record(item=item, text="Changed.", by=by)
    with pytest.raises(ValidationError):
        services.agenda_item_add(meeting=agreed, fields={"title": "Late"}, by=by)
    with pytest.raises(ValidationError):
        services.decision_archive(decision=decision, reason="Oops", expected_version=None, by=by)
    amendment = services.minutes_amend(
        meeting=agreed,
        item=item,
        text="Add: the Group were reminded of their key purpose.",
        reason="Left out of the draft.",
        agreed_at=second,
        by=by,
    )
    assert amendment.meeting == agreed
    chair = PersonFactory(name="Steve Robinson")
    with pytest.raises(ValidationError) as err:
        services.minutes_sign(meeting=agreed, chair=chair, on=dt.date(2009, 5, 17), by=by)
    assert "signed_on" in err.value.message_dict
    signed = services.minutes_sign(meeting=agreed, chair=chair, on=MAY_18, by=by)
    assert (signed.signed_by, signed.signed_by_name, signed.signed_on) == (
        chair,
        "Steve Robinson",
        MAY_18,
    )
    with pytest.raises(ValidationError):
        services.minutes_sign(meeting=signed, chair=chair, on=MAY_18, by=by)


def test_amendments_only_to_agreed_minutes(body, by):
    meeting = hold(schedule(body, by), by)
    with pytest.raises(ValidationError):
        services.minutes_amend(meeting=meeting, text="x", reason="y", by=by)
    other = AgendaItemFactory()
    meeting = MeetingFactory(body=body, status=S.MINUTES_AGREED)
    with pytest.raises(ValidationError) as err:
        services.minutes_amend(meeting=meeting, item=other, text="", reason="", by=by)
    assert set(err.value.message_dict) == {"text", "reason", "item"}


def test_recording_past_meetings_as_the_records_have_them(body, by):
    event = services.meeting_create(
        fields={"body": body, "date": dt.date(2008, 12, 8), "title": "Partnership event"},
        standing_items=False,
        by=by,
    )
    assert agenda(event) == []
    published = services.meeting_publish_agenda(
        meeting=event, date_recorded=False, expected_version=None, by=by
    )
    assert published.status == S.AGENDA_PUBLISHED and published.agenda_published_on is None
    held = services.meeting_mark_held(meeting=published, expected_version=None, by=by)
    item = services.agenda_item_add(meeting=held, fields={"title": "Workshops"}, by=by)
    services.minutes_record(item=item, text="Partners met in workshops.", by=by)
    held.refresh_from_db()
    circulated = services.minutes_circulate(
        meeting=held, date_recorded=False, expected_version=None, by=by
    )
    assert circulated.status == S.MINUTES_CIRCULATED and circulated.minutes_circulated_on is None
    row = services.attendance_record(
        meeting=held, rows=[{"person": PersonFactory(), "source": "Seed 001"}], by=by
    )[0]
    assert row.source == "Seed 001"


def test_agreeing_by_a_new_decision_records_both_or_neither(body, by):
    first = hold(schedule(body, by), by)
    item = first.items.live().order_by("number").first()
    services.minutes_record(item=item, text="Welcomed.", by=by)
    later = services.meeting_create(fields={"body": body, "date": MAY_18}, by=by)
    with pytest.raises(ValidationError) as err:  # not held yet
        services.minutes_agree_by_new_decision(
            meeting=first, at_meeting=later, decision_text="The minutes were agreed.", by=by
        )
    assert "decision_text" in err.value.message_dict
    # Another body's held meeting takes the decision but cannot agree: neither stays.
    elsewhere = hold(schedule(BodyFactory(), by, day=MAY_18), by)
    with pytest.raises(ValidationError) as err:
        services.minutes_agree_by_new_decision(
            meeting=first, at_meeting=elsewhere, decision_text="Agreed.", by=by
        )
    assert "minutes_agreed_at" in err.value.message_dict
    assert not elsewhere.decisions.exists()
    first.refresh_from_db()
    assert first.status == S.MINUTES_DRAFT

    later = hold(later, by)
    agreed = services.minutes_agree_by_new_decision(
        meeting=first, at_meeting=later, decision_text=" The minutes were agreed. ", by=by
    )
    decision = agreed.minutes_agreed_by
    assert (agreed.status, agreed.minutes_agreed_at) == (S.MINUTES_AGREED, later)
    assert (decision.text, decision.kind) == ("The minutes were agreed.", "approval")
    assert decision.item.standing == "minutes"
