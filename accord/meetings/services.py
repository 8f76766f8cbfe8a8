"""Writes for meetings: the meeting and its life (publish the agenda, hold, cancel), the agenda
and the forward plan, attendance, minutes and decisions, and the approval of minutes
(circulate, agree at a later meeting, sign; amend once agreed).

Every change goes through the shared create/update/archive services so it is validated, versioned
and in the history; renumbering agenda items saves each moved item for the same reason."""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from accord.actions.models import Action
from accord.actions.services import action_create
from accord.bodies.models import Body
from accord.common import querysets
from accord.common.services import (
    StaleEditError,
    _save,
    record_archive,
    record_create,
    record_update,
)
from accord.meetings import rules
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    Capacity,
    DatePrecision,
    Decision,
    DecisionKind,
    ForwardPlanItem,
    ForwardPlanStatus,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    MinutesAmendment,
    StandingItem,
    Venue,
    first_of,
)
from accord.people.models import Person

MEETING_FIELDS = [
    "body",
    "title",
    "date",
    "date_precision",
    "start_time",
    "end_time",
    "venue",
    "venue_text",
    "is_public",
    "next_meeting",
    "is_illustrative",
    "source",
]
# A change to any of these makes calendars update their copy of the event.
CALENDAR_FIELDS = (
    "date",
    "date_precision",
    "start_time",
    "end_time",
    "venue",
    "venue_text",
    "status",
    "title",
)
VENUE_FIELDS = ["name", "address", "postcode", "accessibility", "source"]
SETTINGS_FIELDS = [
    "usual_weekday",
    "usual_start",
    "usual_end",
    "usual_venue",
    "quorum_members",
    "quorum_share",
    "quorum_needs_chair",
    "quorum_note",
    "source",
]
ITEM_FIELDS = [
    "title",
    "presenter",
    "presenter_text",
    "purpose",
    "minutes_allowed",
    "is_restricted",
    "standing",
    "forward_plan_item",
    "source",
]
ITEM_LINKS = ("papers",)
FORWARD_PLAN_FIELDS = [
    "title",
    "presenter",
    "presenter_text",
    "purpose",
    "intended_date",
    "meeting",
    "notes",
    "is_illustrative",
    "source",
]
ATTENDANCE_FIELDS = [
    "person",
    "organisation",
    "status",
    "capacity",
    "substitute_for",
    "note",
    "source",
]
DECISION_FIELDS = ["text", "kind", "number", "source"]


def _only(fields: Mapping[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError(f"Unexpected fields: {', '.join(sorted(unknown))}.")
    return dict(fields)


# --- Venues and settings ------------------------------------------------------------------------


def venue_create(*, fields: dict[str, Any], by: Any) -> Venue:
    return record_create(Venue, fields=_only(fields, VENUE_FIELDS), by=by)


def venue_update(
    *, venue: Venue, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Venue:
    return record_update(
        venue, changes=_only(changes, VENUE_FIELDS), by=by, expected_version=expected_version
    )


def _check_settings(s: MeetingSettings) -> None:
    if s.usual_start and s.usual_end and s.usual_end <= s.usual_start:
        raise ValidationError({"usual_end": "The usual end must be after the usual start."})


def meeting_settings_set(*, body: Body, fields: dict[str, Any], by: Any) -> MeetingSettings:
    """Record how a body usually meets and its quorum (creating its settings the first time)."""
    fields = _only(fields, SETTINGS_FIELDS)
    existing = MeetingSettings.objects.live().filter(body=body).first()
    if existing is None:
        return record_create(
            MeetingSettings, fields={"body": body, **fields}, by=by, validate=_check_settings
        )
    return record_update(
        existing, changes=fields, by=by, expected_version=None, validate=_check_settings
    )


# --- Meetings ----------------------------------------------------------------------------------


def _check_date(m: Meeting) -> None:
    """A meeting known only by its month or year is stored on the 1st of it, and has no time
    (a time means nothing without the day)."""
    if m.date is None or m.date_precision == DatePrecision.DAY:
        return
    if m.date != first_of(m.date, m.date_precision):
        where = "month" if m.date_precision == DatePrecision.MONTH else "year"
        raise ValidationError(
            {"date": f"A meeting known only by its {where} is recorded on the 1st of the {where}."}
        )
    for name in ("start_time", "end_time"):
        if getattr(m, name) is not None:
            raise ValidationError(
                {name: "A meeting whose day is not known has no time: leave the time blank."}
            )


def later_than(later: Meeting, earlier: Meeting) -> bool:
    """Whether `later` can have been after `earlier`: not if its last possible day is on or
    before the first possible day of `earlier` (for meetings known to the day: a later date)."""
    return later.last_day > earlier.date


def _check_meeting(m: Meeting) -> None:
    _check_date(m)
    if m.start_time and m.end_time and m.end_time <= m.start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    if m.next_meeting_id:
        nxt = m.next_meeting
        if nxt is None or nxt.pk == m.pk or nxt.body_id != m.body_id or not later_than(nxt, m):
            raise ValidationError(
                {"next_meeting": "The next meeting is a later meeting of the same body."}
            )


def _previous_to_link(meeting: Meeting) -> Meeting | None:
    """The body's last earlier meeting naming no next meeting, to link to `meeting`; none when
    the order is not known (either meeting is dated only to its month or year and could be the
    later of the two)."""
    if not meeting.has_day:
        return None
    previous = (
        Meeting.objects.live()
        .filter(body=meeting.body, date__lt=meeting.date, next_meeting__isnull=True)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-pk")
        .first()
    )
    if previous is None or previous.last_day >= meeting.date:
        return None
    return previous


def meeting_create(
    *,
    fields: dict[str, Any],
    by: Any,
    link_previous: bool = True,
    standing_items: bool = True,
) -> Meeting:
    """Schedule a meeting with the standing items on its agenda (welcome and apologies, minutes
    and matters arising, any other business). Times and venue left out come from the body's
    usual ones. With link_previous, the body's last earlier meeting that names no next meeting
    gets this one as its next. standing_items=False is for recording a meeting that had no such
    agenda (an event, say)."""
    fields = _only(fields, MEETING_FIELDS)
    body = fields.get("body")
    usual = (
        MeetingSettings.objects.live().filter(body=body).first() if isinstance(body, Body) else None
    )
    if usual is not None:
        defaults = [("venue", usual.usual_venue)]
        # The usual times are no guess for a meeting whose day is not known.
        if fields.get("date_precision", DatePrecision.DAY) == DatePrecision.DAY:
            defaults += [("start_time", usual.usual_start), ("end_time", usual.usual_end)]
        for name, default in defaults:
            if name not in fields and default is not None:
                fields[name] = default
    with transaction.atomic():
        meeting = record_create(Meeting, fields=fields, by=by, validate=_check_meeting)
        for number, (standing, title) in enumerate(
            rules.standing_items() if standing_items else [], start=1
        ):
            record_create(
                AgendaItem,
                fields={"meeting": meeting, "number": number, "title": title, "standing": standing},
                by=by,
            )
        if link_previous:
            previous = _previous_to_link(meeting)
            if previous is not None:
                record_update(
                    previous, changes={"next_meeting": meeting}, by=by, expected_version=None
                )
        return meeting


def _meeting_change(
    meeting: Meeting,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
    by: Any,
    validate=None,
) -> Meeting:
    """Apply changes, bumping the calendar sequence when calendars must update."""
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        bump = any(
            name in CALENDAR_FIELDS and getattr(current, name) != value
            for name, value in changes.items()
        )
        if bump:
            changes = {**changes, "sequence": current.sequence + 1}

        def check(m: Meeting) -> None:
            _check_meeting(m)
            if validate:
                validate(m)

        return record_update(current, changes=changes, by=by, expected_version=None, validate=check)


def meeting_update(
    *, meeting: Meeting, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Meeting:
    """Change a meeting's details (its status changes only through the services named for
    them). A new date, time or venue bumps the calendar sequence."""
    changes = _only(changes, MEETING_FIELDS)
    if "body" in changes and changes["body"] != meeting.body:
        raise ValidationError({"body": "A meeting stays with the body it belongs to."})
    changed = {name for name, value in changes.items() if getattr(meeting, name) != value}
    if rules.agreed_minutes_are_fixed(meeting.status) and changed & {
        "date",
        "date_precision",
        "start_time",
        "end_time",
    }:
        raise ValidationError({"date": "The minutes are agreed: the meeting's date is fixed."})
    return _meeting_change(meeting, changes, expected_version=expected_version, by=by)


def _move(
    meeting: Meeting,
    to: str,
    *,
    extra: dict[str, Any] | None = None,
    expected_version: int | None,
    by: Any,
) -> Meeting:
    if not rules.valid_transition(meeting.status, to):
        raise ValidationError(
            {
                "status": f"A meeting that is “{meeting.get_status_display()}” cannot become "
                f"“{MeetingStatus(to).label}”."
            }
        )
    return _meeting_change(
        meeting, {"status": to, **(extra or {})}, expected_version=expected_version, by=by
    )


def meeting_publish_agenda(
    *,
    meeting: Meeting,
    on: dt.date | None = None,
    date_recorded: bool = True,
    expected_version: int | None,
    by: Any,
) -> Meeting:
    """Publish the agenda (on `on`, today unless given; with date_recorded=False, on a date the
    records do not give): the public now sees the meeting, its public items and papers."""
    return _move(
        meeting,
        MeetingStatus.AGENDA_PUBLISHED,
        extra={"agenda_published_on": (on or querysets.today()) if date_recorded else None},
        expected_version=expected_version,
        by=by,
    )


def meeting_mark_held(*, meeting: Meeting, expected_version: int | None, by: Any) -> Meeting:
    """Record that the meeting took place; its minutes can now be written."""
    return _move(meeting, MeetingStatus.HELD, expected_version=expected_version, by=by)


def meeting_cancel(
    *, meeting: Meeting, reason: str, expected_version: int | None, by: Any
) -> Meeting:
    """Cancel a meeting that has not yet been held, with the reason; calendars show it
    cancelled."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"cancelled_reason": "Enter why the meeting is cancelled."})
    return _move(
        meeting,
        MeetingStatus.CANCELLED,
        extra={"cancelled_reason": reason},
        expected_version=expected_version,
        by=by,
    )


def meeting_archive(
    *, meeting: Meeting, reason: str, expected_version: int | None, by: Any
) -> Meeting:
    """Archive a meeting recorded in error (a meeting that will not happen is cancelled)."""
    return record_archive(meeting, by=by, reason=reason, expected_version=expected_version)


# --- Agenda ------------------------------------------------------------------------------------


def _renumber(item: AgendaItem, number: int, *, by: Any) -> None:
    item.number = number
    item.version += 1
    _save(item, by=by)


def _live_items(meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.live().select_for_update().filter(meeting=meeting).order_by("number")
    )


def _lock_agenda(meeting: Meeting) -> Meeting:
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.is_archived:
        raise ValidationError("The meeting is archived.")
    if not rules.agenda_editable(current.status):
        raise ValidationError(
            {
                "meeting": f"The agenda of a meeting that is “{current.get_status_display()}” is "
                "fixed."
            }
        )
    return current


def _check_item(item: AgendaItem) -> None:
    plan = item.forward_plan_item
    if plan is not None and plan.body_id != item.meeting.body_id:
        raise ValidationError(
            {"forward_plan_item": "The forward plan item is for another body's meetings."}
        )


def agenda_item_add(
    *, meeting: Meeting, fields: dict[str, Any], number: int | None = None, by: Any
) -> AgendaItem:
    """Add an item to the agenda at `number`, moving the later items down; with no number, as
    the last item before any other business. `fields` may carry its `papers`."""
    fields = _only(fields, [*ITEM_FIELDS, *ITEM_LINKS])
    many = {k: list(fields.pop(k) or []) for k in ITEM_LINKS if k in fields}
    with transaction.atomic():
        meeting = _lock_agenda(meeting)
        items = _live_items(meeting)
        if number is None:
            aob = [i for i in items if i.standing == StandingItem.AOB]
            number = aob[0].number if aob else len(items) + 1
        number = max(1, min(number, len(items) + 1))
        for item in reversed(items):
            if item.number >= number:
                _renumber(item, item.number + 1, by=by)
        return record_create(
            AgendaItem,
            fields={**fields, "meeting": meeting, "number": number},
            by=by,
            validate=_check_item,
            many=many,
        )


def agenda_item_update(
    *, item: AgendaItem, changes: dict[str, Any], expected_version: int | None, by: Any
) -> AgendaItem:
    """Change an item (not its place: see agenda_item_move; not its minute: see minutes_record).
    A restricted item's decisions are restricted with it."""
    changes = _only(changes, [*ITEM_FIELDS, *ITEM_LINKS])
    many = {k: list(changes.pop(k) or []) for k in ITEM_LINKS if k in changes}
    with transaction.atomic():
        _lock_agenda(item.meeting)
        updated = record_update(
            item,
            changes=changes,
            by=by,
            expected_version=expected_version,
            validate=_check_item,
            many=many,
        )
        for decision in updated.decisions.live().exclude(is_restricted=updated.is_restricted):
            record_update(
                decision,
                changes={"is_restricted": updated.is_restricted},
                by=by,
                expected_version=None,
            )
        return updated


def agenda_item_move(
    *, item: AgendaItem, to_number: int, expected_version: int | None = None, by: Any
) -> AgendaItem:
    """Move an item to another place on the agenda; the items between close up."""
    with transaction.atomic():
        meeting = _lock_agenda(item.meeting)
        items = _live_items(meeting)
        current = next((i for i in items if i.pk == item.pk), None)
        if current is None:
            raise ValidationError("An archived item cannot be moved.")
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        to_number = max(1, min(to_number, len(items)))
        start = current.number
        if to_number == start:
            return current
        # Park the moving item past the end so that the others can take its number.
        AgendaItem.objects.filter(pk=current.pk).update(number=len(items) + 1)
        if to_number > start:
            for other in items:
                if start < other.number <= to_number:
                    _renumber(other, other.number - 1, by=by)
        else:
            for other in reversed(items):
                if to_number <= other.number < start:
                    _renumber(other, other.number + 1, by=by)
        _renumber(current, to_number, by=by)
        return current


def agenda_item_archive(
    *, item: AgendaItem, reason: str, expected_version: int | None, by: Any
) -> AgendaItem:
    """Take an item off the agenda; the later items close up, and an item placed from the
    forward plan goes back to it."""
    with transaction.atomic():
        _lock_agenda(item.meeting)
        archived = record_archive(item, by=by, reason=reason, expected_version=expected_version)
        for other in _live_items(archived.meeting):
            if other.number > archived.number:
                _renumber(other, other.number - 1, by=by)
        plan = archived.forward_plan_item
        if plan is not None and plan.status == ForwardPlanStatus.PLACED:
            record_update(
                plan,
                changes={"status": ForwardPlanStatus.PLANNED, "meeting": None},
                by=by,
                expected_version=None,
            )
        return archived


# --- Forward plan ------------------------------------------------------------------------------


def _check_plan(p: ForwardPlanItem) -> None:
    if p.meeting is not None and p.meeting.body_id != p.body_id:
        raise ValidationError({"meeting": "Choose a meeting of the same body."})


def forward_plan_add(*, body: Body, fields: dict[str, Any], by: Any) -> ForwardPlanItem:
    """Plan an item for a future meeting of the body."""
    fields = _only(fields, FORWARD_PLAN_FIELDS)
    return record_create(
        ForwardPlanItem, fields={**fields, "body": body}, by=by, validate=_check_plan
    )


def forward_plan_update(
    *, item: ForwardPlanItem, changes: dict[str, Any], expected_version: int | None, by: Any
) -> ForwardPlanItem:
    return record_update(
        item,
        changes=_only(changes, FORWARD_PLAN_FIELDS),
        by=by,
        expected_version=expected_version,
        validate=_check_plan,
    )


def forward_plan_withdraw(
    *, item: ForwardPlanItem, reason: str, expected_version: int | None, by: Any
) -> ForwardPlanItem:
    """Withdraw a planned item, with the reason in its notes."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the item is withdrawn."})
    if item.status != ForwardPlanStatus.PLANNED:
        raise ValidationError({"status": "Only a planned item can be withdrawn."})
    notes = f"{item.notes}\n\nWithdrawn: {reason}".strip()
    return record_update(
        item,
        changes={"status": ForwardPlanStatus.WITHDRAWN, "notes": notes},
        by=by,
        expected_version=expected_version,
    )


def forward_plan_place(
    *, item: ForwardPlanItem, meeting: Meeting, number: int | None = None, by: Any
) -> AgendaItem:
    """Put a planned item on a meeting's agenda (before any other business unless a number is
    given); the plan records where it went."""
    if item.status != ForwardPlanStatus.PLANNED or item.is_archived:
        raise ValidationError({"status": "Only a planned item can be placed on an agenda."})
    if meeting.body_id != item.body_id:
        raise ValidationError({"meeting": "Choose a meeting of the body the item is planned for."})
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        raise ValidationError({"meeting": "Choose a meeting that has not yet been held."})
    with transaction.atomic():
        agenda_item = agenda_item_add(
            meeting=meeting,
            fields={
                "title": item.title,
                "presenter": item.presenter,
                "presenter_text": item.presenter_text,
                "purpose": item.purpose,
                "forward_plan_item": item,
            },
            number=number,
            by=by,
        )
        record_update(
            item,
            changes={"status": ForwardPlanStatus.PLACED, "meeting": meeting},
            by=by,
            expected_version=None,
        )
        return agenda_item


# --- Attendance --------------------------------------------------------------------------------


def _check_attendance(a: Attendance) -> None:
    if not rules.substitute_names_whom(a.capacity, a.substitute_for_id):
        if a.capacity == Capacity.SUBSTITUTE:
            raise ValidationError({"substitute_for": "Choose whom the substitute stands in for."})
        raise ValidationError({"substitute_for": "Only a substitute stands in for someone."})


def attendance_record(
    *,
    meeting: Meeting,
    rows: Iterable[Mapping[str, Any]],
    replace: bool = False,
    by: Any,
) -> list[Attendance]:
    """Record who was present, sent apologies or was absent, in what capacity and on behalf of
    which organisation. Each row (a dict of ATTENDANCE_FIELDS) updates that person's entry or
    adds one; with replace, people not in `rows` are taken off the record."""
    if meeting.is_cancelled:
        raise ValidationError({"meeting": "A cancelled meeting has no attendance."})
    if rules.agreed_minutes_are_fixed(meeting.status):
        raise ValidationError({"meeting": "The minutes are agreed: the attendance is fixed."})
    rows = [_only(row, ATTENDANCE_FIELDS) for row in rows]
    people = [row.get("person") for row in rows]
    ids = [p.pk for p in people if p is not None]
    if len(ids) != len(people):
        raise ValidationError({"person": "Choose the person for every row."})
    if len(set(ids)) != len(ids):
        raise ValidationError({"person": "Each person appears once."})
    with transaction.atomic():
        existing = {
            a.person_id: a
            for a in Attendance.objects.live().select_for_update().filter(meeting=meeting)
        }
        saved: list[Attendance] = []
        for row in rows:
            current = existing.get(row["person"].pk)
            if current is None:
                saved.append(
                    record_create(
                        Attendance,
                        fields={**row, "meeting": meeting},
                        by=by,
                        validate=_check_attendance,
                    )
                )
                continue
            changes = {k: v for k, v in row.items() if k != "person"}
            if any(getattr(current, k) != v for k, v in changes.items()):
                current = record_update(
                    current,
                    changes=changes,
                    by=by,
                    expected_version=None,
                    validate=_check_attendance,
                )
            saved.append(current)
        if replace:
            for person_id, old in existing.items():
                if person_id not in ids:
                    record_archive(
                        old, by=by, reason="Taken off the attendance record.", expected_version=None
                    )
        return saved


# --- Minutes and decisions ---------------------------------------------------------------------


def _start_minutes(meeting: Meeting, *, by: Any) -> Meeting:
    """Writing the first minute of a held meeting puts its minutes in draft."""
    if not rules.minutes_editable(meeting.status):
        if rules.agreed_minutes_are_fixed(meeting.status):
            message = "The minutes are agreed: record a correction as an amendment."
        else:
            message = "Minutes are written once the meeting has been held."
        raise ValidationError({"minutes": message})
    if meeting.status == MeetingStatus.HELD:
        return _move(meeting, MeetingStatus.MINUTES_DRAFT, expected_version=None, by=by)
    return meeting


def minutes_record(
    *, item: AgendaItem, text: str, expected_version: int | None = None, by: Any
) -> AgendaItem:
    """Write (or correct, until they are agreed) the minute of an agenda item."""
    with transaction.atomic():
        _start_minutes(Meeting.objects.select_for_update().get(pk=item.meeting_id), by=by)
        return record_update(
            item,
            changes={"minutes": (text or "").strip()},
            by=by,
            expected_version=expected_version,
        )


def _check_decision(d: Decision) -> None:
    if d.item is not None and d.item.meeting_id != d.meeting_id:
        raise ValidationError({"item": "The item is on another meeting's agenda."})
    if not d.text.strip():
        raise ValidationError({"text": "Enter the decision."})


def decision_record(
    *,
    item: AgendaItem | None = None,
    meeting: Meeting | None = None,
    fields: dict[str, Any],
    by: Any,
) -> Decision:
    """Record an "Action - Decision" entry under an agenda item (or the meeting as a whole),
    numbered after the item's others unless `fields` gives a number; it is restricted when the
    item is."""
    fields = _only(fields, DECISION_FIELDS)
    if item is None and meeting is None:
        raise ValueError("Give the item or the meeting.")
    meeting_id = item.meeting_id if item is not None else meeting.pk  # type: ignore[union-attr]
    with transaction.atomic():
        if item is not None:
            # Read the item afresh: whether it is restricted decides the decision's visibility.
            item = AgendaItem.objects.get(pk=item.pk)
            if item.is_archived:
                raise ValidationError({"item": "The item is no longer on the agenda."})
        _start_minutes(Meeting.objects.select_for_update().get(pk=meeting_id), by=by)
        if "number" not in fields:
            latest = Decision.objects.live().filter(meeting_id=meeting_id, item=item)
            fields["number"] = (latest.aggregate(n=Max("number"))["n"] or 0) + 1
        return record_create(
            Decision,
            fields={
                **fields,
                "meeting_id": meeting_id,
                "item": item,
                "is_restricted": bool(item and item.is_restricted),
            },
            by=by,
            validate=_check_decision,
        )


def decision_update(
    *, decision: Decision, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Decision:
    with transaction.atomic():
        _start_minutes(Meeting.objects.select_for_update().get(pk=decision.meeting_id), by=by)
        return record_update(
            decision,
            changes=_only(changes, DECISION_FIELDS),
            by=by,
            expected_version=expected_version,
            validate=_check_decision,
        )


def decision_archive(
    *, decision: Decision, reason: str, expected_version: int | None, by: Any
) -> Decision:
    with transaction.atomic():
        _start_minutes(Meeting.objects.select_for_update().get(pk=decision.meeting_id), by=by)
        if decision.agreed_minutes_of.exists():
            raise ValidationError("This decision agreed a meeting's minutes and stays.")
        return record_archive(decision, by=by, reason=reason, expected_version=expected_version)


def meeting_action_add(*, item: AgendaItem, fields: dict[str, Any], by: Any) -> Action:
    """Record an action arising at an agenda item; it sits on the body's matters-arising list
    (unless `fields` names another body) until done or dropped."""
    return action_create(
        fields={"body": item.meeting.body, **fields, "origin": item},
        by=by,
    )


def minutes_circulate(
    *,
    meeting: Meeting,
    on: dt.date | None = None,
    date_recorded: bool = True,
    expected_version: int | None,
    by: Any,
) -> Meeting:
    """Circulate the draft minutes to the members, ready to be agreed at the next meeting (on
    `on`, today unless given; with date_recorded=False, on a date the records do not give)."""
    return _move(
        meeting,
        MeetingStatus.MINUTES_CIRCULATED,
        extra={"minutes_circulated_on": (on or querysets.today()) if date_recorded else None},
        expected_version=expected_version,
        by=by,
    )


def minutes_agree(
    *,
    meeting: Meeting,
    at_meeting: Meeting,
    decision: Decision,
    expected_version: int | None = None,
    by: Any,
) -> Meeting:
    """Record that a later meeting of the body agreed these minutes, by its decision. They
    are then fixed."""
    if not rules.minutes_can_be_agreed(meeting, at_meeting):
        raise ValidationError(
            {
                "minutes_agreed_at": "Minutes in draft or circulated are agreed at a later "
                "meeting of the same body, once it has been held."
            }
        )
    if decision.meeting_id != at_meeting.pk or decision.is_archived:
        raise ValidationError(
            {"minutes_agreed_by": "Choose a decision of the meeting that agreed them."}
        )
    return _move(
        meeting,
        MeetingStatus.MINUTES_AGREED,
        extra={"minutes_agreed_at": at_meeting, "minutes_agreed_by": decision},
        expected_version=expected_version,
        by=by,
    )


@transaction.atomic
def minutes_agree_by_new_decision(
    *,
    meeting: Meeting,
    at_meeting: Meeting,
    decision_text: str,
    expected_version: int | None = None,
    by: Any,
) -> Meeting:
    """Record the agreeing meeting's decision, under its "minutes and matters arising" item,
    and agree these minutes by it: both or neither."""
    if not rules.minutes_editable(at_meeting.status):
        raise ValidationError(
            {
                "decision_text": f"The minutes of {at_meeting} are "
                f"“{at_meeting.get_status_display().lower()}”, so no decision can be added "
                "to them: choose the decision they record"
            }
        )
    minutes_item = (
        AgendaItem.objects.live()
        .filter(meeting=at_meeting, standing=StandingItem.MINUTES)
        .order_by("number")
        .first()
    )
    decision = decision_record(
        item=minutes_item,
        meeting=at_meeting,
        fields={"text": decision_text.strip(), "kind": DecisionKind.APPROVAL},
        by=by,
    )
    return minutes_agree(
        meeting=meeting,
        at_meeting=at_meeting,
        decision=decision,
        expected_version=expected_version,
        by=by,
    )


def minutes_sign(
    *,
    meeting: Meeting,
    chair: Person | None = None,
    name: str = "",
    on: dt.date | None = None,
    expected_version: int | None = None,
    by: Any,
) -> Meeting:
    """The chair signs the agreed minutes, with their name and the date."""
    on = on or querysets.today()
    name = (name or "").strip() or (str(chair) if chair is not None else "")
    if not rules.agreed_minutes_are_fixed(meeting.status):
        raise ValidationError({"signed_by": "Only agreed minutes are signed."})
    if meeting.signed_on is not None:
        raise ValidationError({"signed_by": "The minutes are already signed."})
    if not name:
        raise ValidationError({"signed_by_name": "Enter the name of the chair who signs."})
    agreed_at = meeting.minutes_agreed_at
    if agreed_at is not None and not rules.signed_after_agreed(on, agreed_at.date):
        when = f"{'on' if agreed_at.has_day else 'in'} {agreed_at.date_label}"
        raise ValidationError({"signed_on": f"The minutes were agreed {when}: sign on or after."})
    return _meeting_change(
        meeting,
        {"signed_by": chair, "signed_by_name": name, "signed_on": on},
        expected_version=expected_version,
        by=by,
    )


def minutes_amend(
    *,
    meeting: Meeting,
    text: str,
    reason: str,
    item: AgendaItem | None = None,
    agreed_at: Meeting | None = None,
    by: Any,
) -> MinutesAmendment:
    """Record a correction to agreed minutes beside them (their text stays as agreed)."""
    if not rules.agreed_minutes_are_fixed(meeting.status):
        raise ValidationError(
            {"meeting": "Minutes not yet agreed are corrected directly, not amended."}
        )
    errors: dict[str, str] = {}
    if not (text or "").strip():
        errors["text"] = "Enter the correction."
    if not (reason or "").strip():
        errors["reason"] = "Enter why the minutes are corrected."
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = "The item is on another meeting's agenda."
    if agreed_at is not None and (
        agreed_at.body_id != meeting.body_id or not later_than(agreed_at, meeting)
    ):
        errors["agreed_at"] = "Choose a later meeting of the same body."
    if errors:
        raise ValidationError(errors)
    return record_create(
        MinutesAmendment,
        fields={
            "meeting": meeting,
            "item": item,
            "text": text.strip(),
            "reason": reason.strip(),
            "agreed_at": agreed_at,
        },
        by=by,
    )
