"""The named rules of actions."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.actions import rules
from accord.actions.models import ActionStatus

STATUSES = st.sampled_from(list(ActionStatus))
DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def test_dropping_needs_a_reason():
    assert not rules.dropping_needs_reason(ActionStatus.DROPPED, "")
    assert not rules.dropping_needs_reason(ActionStatus.DROPPED, "   ")
    assert rules.dropping_needs_reason(ActionStatus.DROPPED, "Overtaken by the new LAA.")
    assert rules.dropping_needs_reason(ActionStatus.OPEN, "")
    assert rules.dropping_needs_reason(ActionStatus.DONE, "")


@given(STATUSES, st.one_of(st.none(), DAYS))
def test_closed_exactly_when_done_or_dropped(status, closed_on):
    closed = status in (ActionStatus.DONE, ActionStatus.DROPPED)
    assert rules.done_or_dropped_is_closed(status, closed_on) == (closed == (closed_on is not None))


@given(DAYS, st.integers(-400, 400), STATUSES, st.integers(-400, 400))
def test_on_matters_arising_until_closed(arose_on, gap, status, closed_offset):
    meeting_date = arose_on + dt.timedelta(days=gap)
    closed = status in (ActionStatus.DONE, ActionStatus.DROPPED)
    closed_on = meeting_date + dt.timedelta(days=closed_offset) if closed else None
    listed = rules.on_matters_arising(
        arose_on=arose_on, status=status, closed_on=closed_on, meeting_date=meeting_date
    )
    if gap <= 0:
        # Never at the meeting it arose at, nor at an earlier one.
        assert not listed
    elif not closed:
        assert listed
    else:
        # Closed on the meeting's day or later: it was still outstanding at that meeting.
        assert listed == (closed_offset >= 0)


def test_an_action_without_a_meeting_is_not_a_matter_arising():
    assert not rules.on_matters_arising(
        arose_on=None, status=ActionStatus.OPEN, closed_on=None, meeting_date=dt.date(2009, 5, 18)
    )


@given(DAYS, st.integers(-30, 30))
def test_not_closed_before_it_arose(arose_on, offset):
    closed_on = arose_on + dt.timedelta(days=offset)
    assert rules.closed_not_before_it_arose(arose_on, closed_on) == (offset >= 0)
    assert rules.closed_not_before_it_arose(None, closed_on)
    assert rules.closed_not_before_it_arose(arose_on, None)
