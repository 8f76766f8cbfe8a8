"""Named rules for milestones."""

import datetime as dt

OPEN = frozenset({"planned", "in_progress"})


def is_overdue(due_on: dt.date, status: str, on: dt.date) -> bool:
    """A milestone is overdue when it is still open after the day it was due."""
    return status in OPEN and due_on < on


def done_needs_a_date(status: str, completed_on: dt.date | None) -> bool:
    """A milestone marked done says when it was done."""
    return status != "done" or completed_on is not None
