"""Named rules of the strategy."""

from collections.abc import Callable, Iterable

LEAD = "lead"


def lead_count_is_valid(roles: Iterable[str]) -> bool:
    """A commitment with any responsible body has exactly one lead among them."""
    roles = list(roles)
    return not roles or roles.count(LEAD) == 1


def commitment_is_not_own_ancestor(
    commitment_id: int | None, parent_id: int | None, parent_of: Callable[[int], int | None]
) -> bool:
    """An outcome cannot sit beneath itself, directly or through its parents."""
    seen: set[int] = set()
    current = parent_id
    while current is not None:
        if current == commitment_id or current in seen:
            return False
        seen.add(current)
        current = parent_of(current)
    return True


def outcome_in_same_strategy(strategy_id: int, parent_strategy_id: int | None) -> bool:
    """An outcome belongs to the same strategy as the commitment it sits under."""
    return parent_strategy_id is None or parent_strategy_id == strategy_id


def chain_has_no_loop(
    start_id: int | None, first_link: int | None, next_of: Callable[[int], int | None]
) -> bool:
    """Following a strategy's 'delivers' (or 'revises') links never comes back to it."""
    seen: set[int] = set()
    current = first_link
    while current is not None:
        if current == start_id or current in seen:
            return False
        seen.add(current)
        current = next_of(current)
    return True
