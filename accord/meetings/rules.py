"""Named rules of meetings: the quorum, the standing items, the life of a meeting and of its
minutes, and the dates a body's meeting cycle offers."""

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from accord.bodies.models import MeetingCycle
from accord.meetings.models import MeetingStatus, StandingItem

S = MeetingStatus

# Which status a meeting may move to from each status. Minutes are agreed only from draft or
# circulated; agreed minutes and cancellations are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SCHEDULED: frozenset({S.AGENDA_PUBLISHED, S.HELD, S.CANCELLED}),
    S.AGENDA_PUBLISHED: frozenset({S.HELD, S.CANCELLED}),
    S.HELD: frozenset({S.MINUTES_DRAFT}),
    S.MINUTES_DRAFT: frozenset({S.MINUTES_CIRCULATED, S.MINUTES_AGREED}),
    S.MINUTES_CIRCULATED: frozenset({S.MINUTES_DRAFT, S.MINUTES_AGREED}),
    S.MINUTES_AGREED: frozenset(),
    S.CANCELLED: frozenset(),
}

# Statuses in which the minute of each item may be written or corrected.
MINUTES_EDITABLE = frozenset({S.HELD, S.MINUTES_DRAFT, S.MINUTES_CIRCULATED})
# Statuses in which the agenda may still change.
AGENDA_EDITABLE = frozenset({S.SCHEDULED, S.AGENDA_PUBLISHED, S.HELD, S.MINUTES_DRAFT})

# Month-based cycles step by months (keeping the week of the month); the others by weeks.
CYCLE_MONTHS = {
    MeetingCycle.MONTHLY: 1,
    MeetingCycle.QUARTERLY: 3,
    MeetingCycle.TWICE_A_YEAR: 6,
    MeetingCycle.ANNUAL: 12,
}
CYCLE_WEEKS = {MeetingCycle.SIX_TO_EIGHT_WEEKS: 6}


def valid_transition(from_status: str, to_status: str) -> bool:
    """A meeting moves only along its life: scheduled, agenda published, held, minutes in draft,
    circulated, agreed; it may be cancelled before it is held."""
    return to_status in TRANSITIONS.get(from_status, frozenset())


def is_quorate(
    settings: Any, present_members: int, voting_members: int, chair_present: bool
) -> bool:
    """A meeting is quorate when enough members are present, by number and by share of the
    voting members, and the chair is there if the body requires it; a body with no quorum rule
    is quorate whenever a member is present."""
    if present_members <= 0:
        return False
    if settings is None:
        return True
    if settings.quorum_members is not None and present_members < settings.quorum_members:
        return False
    share = settings.quorum_share
    if share is not None and Decimal(present_members) < Decimal(share) * voting_members:
        return False
    return not (settings.quorum_needs_chair and not chair_present)


def standing_items() -> list[tuple[str, str]]:
    """Every agenda opens with welcome and apologies, then the minutes and matters arising of
    the last meeting, and closes with any other business."""
    return [
        (StandingItem.WELCOME, "Welcome, introductions and apologies"),
        (StandingItem.MINUTES, "Minutes and matters arising of the last meeting"),
        (StandingItem.AOB, "Any other business"),
    ]


def minutes_can_be_agreed(meeting: Any, agreeing_meeting: Any) -> bool:
    """Minutes in draft or circulated are agreed only at a later meeting of the same body that
    has been held."""
    return (
        meeting.status in (S.MINUTES_DRAFT, S.MINUTES_CIRCULATED)
        and agreeing_meeting.body_id == meeting.body_id
        and agreeing_meeting.pk != meeting.pk
        and agreeing_meeting.date > meeting.date
        and agreeing_meeting.status not in (S.SCHEDULED, S.AGENDA_PUBLISHED, S.CANCELLED)
    )


def agreed_minutes_are_fixed(status: str) -> bool:
    """Once minutes are agreed their text no longer changes: a correction is an amendment."""
    return status == S.MINUTES_AGREED


def minutes_editable(status: str) -> bool:
    """Minutes are written once the meeting has been held and until they are agreed."""
    return status in MINUTES_EDITABLE


def agenda_editable(status: str) -> bool:
    """The agenda changes until the minutes are circulated, and never for a cancelled meeting."""
    return status in AGENDA_EDITABLE


def signed_after_agreed(signed_on: dt.date, agreed_on: dt.date) -> bool:
    """The chair signs agreed minutes on or after the day they were agreed."""
    return signed_on >= agreed_on


def substitute_names_whom(capacity: str, substitute_for_id: int | None) -> bool:
    """A substitute says whom they stand in for, and only a substitute does."""
    return (capacity == "substitute") == (substitute_for_id is not None)


def _add_months(day: dt.date, months: int, weekday: int | None) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if weekday is None:
        return dt.date(year, month, min(day.day, last))
    # The same week of the month: the third Monday stays the third Monday, and a fifth one
    # becomes the last of the month.
    nth = (day.day - 1) // 7
    first = dt.date(year, month, 1)
    candidate = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * nth)
    while candidate.month != month:
        candidate -= dt.timedelta(days=7)
    return candidate


def next_meeting_dates(cycle: str, weekday: int | None, after: dt.date, n: int) -> list[dt.date]:
    """The next `n` dates a body's meeting cycle offers after `after` (usually its last
    meeting), on its usual weekday if it has one; none for bodies that meet as needed."""
    if n <= 0:
        return []
    dates: list[dt.date] = []
    if cycle in CYCLE_MONTHS:
        step = CYCLE_MONTHS[MeetingCycle(cycle)]
        k = 1
        while len(dates) < n:
            day = _add_months(after, step * k, weekday)
            if day > after and (not dates or day > dates[-1]):
                dates.append(day)
            k += 1
        return dates
    if cycle in CYCLE_WEEKS:
        weeks = CYCLE_WEEKS[MeetingCycle(cycle)]
        for k in range(1, n + 1):
            day = after + dt.timedelta(weeks=weeks * k)
            if weekday is not None:
                day += dt.timedelta(days=(weekday - day.weekday()) % 7)
            dates.append(day)
        return dates
    return []
