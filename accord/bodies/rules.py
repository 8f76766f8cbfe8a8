"""Named rules of the partnership framework."""

import datetime as dt
from collections.abc import Callable


def body_is_not_own_ancestor(
    body_id: int | None, proposed_parent_id: int | None, parent_of: Callable[[int], int | None]
) -> bool:
    """A body cannot report to itself, directly or through any chain of parents."""
    seen: set[int] = set()
    current = proposed_parent_id
    while current is not None:
        if body_id is not None and current == body_id:
            return False
        if current in seen:  # an existing loop elsewhere must not hang us
            return False
        seen.add(current)
        current = parent_of(current)
    return True


def successor_starts_no_later_than_predecessor_ends(
    predecessor_ended_on: dt.date | None, successor_established_on: dt.date | None
) -> bool:
    """A successor body is in place by the day after its predecessor ends, so no gap is left."""
    if predecessor_ended_on is None or successor_established_on is None:
        return True
    return successor_established_on <= predecessor_ended_on + dt.timedelta(days=1)
