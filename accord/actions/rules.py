"""Named rules of actions: closing them, and when they stay on a body's matters-arising list."""

import datetime as dt

from accord.actions.models import CLOSED_STATUSES, OUTSTANDING_STATUSES, ActionStatus


def dropping_needs_reason(status: str, drop_reason: str) -> bool:
    """An action is dropped only with the reason for dropping it written down."""
    return status != ActionStatus.DROPPED or bool((drop_reason or "").strip())


def done_or_dropped_is_closed(status: str, closed_on: dt.date | None) -> bool:
    """A done or dropped action has the date it was closed, and an outstanding one has none."""
    if status in CLOSED_STATUSES:
        return closed_on is not None
    return closed_on is None


def on_matters_arising(
    *, arose_on: dt.date | None, status: str, closed_on: dt.date | None, meeting_date: dt.date
) -> bool:
    """An action that arose at an earlier meeting stays on the body's matters-arising list at
    each later meeting until it is done or dropped: it is listed when it was still outstanding
    on the meeting's date."""
    if arose_on is None or arose_on >= meeting_date:
        return False
    if status in OUTSTANDING_STATUSES:
        return True
    return closed_on is not None and closed_on >= meeting_date


def closed_not_before_it_arose(arose_on: dt.date | None, closed_on: dt.date | None) -> bool:
    """An action cannot be closed before the meeting it arose at."""
    return arose_on is None or closed_on is None or closed_on >= arose_on
