"""Named rules of the indicator review (seed 003, appendix 2)."""

from collections.abc import Mapping

RETAIN = "retain"
DROP = "drop"
ADD = "add"
UNDECIDED = ""


def is_proposal(indicator_id: int | None, proposed_title: str) -> bool:
    """A line with no indicator in place is an additional indicator proposed."""
    return indicator_id is None and bool(proposed_title.strip())


def entry_is_one_kind(indicator_id: int | None, proposed_title: str) -> bool:
    """A line is either an indicator in place or one proposed, never both and never neither."""
    return (indicator_id is None) != (not proposed_title.strip())


def decision_fits_entry(decision: str, proposed: bool) -> bool:
    """An indicator in place is retained or dropped; a proposed one can only be added."""
    if decision == UNDECIDED:
        return True
    return decision == ADD if proposed else decision in (RETAIN, DROP)


def drop_needs_reason(decision: str, comment: str) -> bool:
    """Dropping an indicator says why, so the partnership's reasoning stays on the record."""
    return decision != DROP or bool(comment.strip())


def review_accepts_changes(status: str, archived: bool) -> bool:
    """Only an open review that has not been archived can be filled in."""
    return status == "open" and not archived


def can_complete(decisions_in_place: list[str]) -> bool:
    """A review is complete once every indicator in place has a retain or drop decision."""
    return all(d in (RETAIN, DROP) for d in decisions_in_place)


def withdrawable(proposed: bool) -> bool:
    """Only a proposed indicator can be withdrawn; an indicator in place is dropped instead."""
    return proposed


def inherited_lead(
    commitment_id: int, parent_of: Mapping[int, int | None], lead_of: Mapping[int, int]
) -> int | None:
    """An outcome with no lead body of its own is led by the lead of the nearest commitment
    above it."""
    seen: set[int] = set()
    current: int | None = commitment_id
    while current is not None and current not in seen:
        if current in lead_of:
            return lead_of[current]
        seen.add(current)
        current = parent_of.get(current)
    return None
