"""Named rules for memberships of bodies."""

import datetime as dt
from collections.abc import Iterable

Span = tuple[dt.date | None, dt.date | None]


def spans_overlap(a: Span, b: Span) -> bool:
    """Two inclusive date spans share at least one day; an open end runs for ever."""
    a_start, a_end = a
    b_start, b_end = b
    return (a_end is None or b_start is None or b_start <= a_end) and (
        b_end is None or a_start is None or a_start <= b_end
    )


def membership_within_body_life(membership: Span, body: Span) -> bool:
    """A membership starts no earlier than its body is established and ends no later than it ends.

    An unrecorded start is taken as the body's own start; an open end is not allowed on a body
    that has ended."""
    m_start, m_end = membership
    b_start, b_end = body
    if b_start is not None and m_start is not None and m_start < b_start:
        return False
    if b_end is not None and (m_end is None or m_end > b_end):
        return False
    return True


def at_most_one_chair(
    new_chair: Span, other_chairs: Iterable[Span], allows_co_chairs: bool
) -> bool:
    """A body has one chair at a time, unless its terms of reference provide for co-chairs."""
    if allows_co_chairs:
        return True
    return not any(spans_overlap(new_chair, other) for other in other_chairs)
