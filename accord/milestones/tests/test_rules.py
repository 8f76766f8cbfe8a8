import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.milestones import rules

STATUSES = ["planned", "in_progress", "done", "missed", "cancelled"]


@given(st.dates(), st.dates(), st.sampled_from(STATUSES))
def test_overdue_means_open_and_past_due(due, on, status):
    assert rules.is_overdue(due, status, on) == (status in ("planned", "in_progress") and due < on)


def test_due_today_is_not_overdue():
    assert not rules.is_overdue(dt.date(2009, 3, 26), "planned", dt.date(2009, 3, 26))


def test_done_needs_a_date():
    assert not rules.done_needs_a_date("done", None)
    assert rules.done_needs_a_date("done", dt.date(2009, 3, 26))
    assert rules.done_needs_a_date("planned", None)
