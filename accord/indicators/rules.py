"""Named rules of the indicator library."""

from collections.abc import Callable

REFERENCE = "reference"
IN_USE = "in_use"
RETIRED = "retired"
REPLACED = "replaced"
ENDED = frozenset({RETIRED, REPLACED})
RELATIVE = "relative"


def replaced_needs_successor(status: str, replaced_by_id: int | None) -> bool:
    """An indicator marked replaced names the indicator that replaces it."""
    return status != REPLACED or replaced_by_id is not None


def successor_only_when_replaced(status: str, replaced_by_id: int | None) -> bool:
    """Only a replaced indicator names a successor."""
    return replaced_by_id is None or status == REPLACED


def retire_needs_reason(status: str, reason: str) -> bool:
    """A retired or replaced indicator says why it was retired or replaced."""
    return status not in ENDED or bool((reason or "").strip())


def retire_needs_date(status: str, status_on: object | None) -> bool:
    """A retired or replaced indicator says from which day."""
    return status not in ENDED or status_on is not None


def replacement_has_no_loop(
    indicator_id: int | None, replaced_by_id: int | None, next_of: Callable[[int], int | None]
) -> bool:
    """Following 'replaced by' from an indicator never comes back to it."""
    seen: set[int] = set()
    current = replaced_by_id
    while current is not None:
        if current == indicator_id or current in seen:
            return False
        seen.add(current)
        current = next_of(current)
    return True


def successor_is_current(successor_status: str, successor_archived: bool) -> bool:
    """An indicator is replaced by one that is live and neither retired nor replaced itself."""
    return not successor_archived and successor_status not in ENDED


def tolerance_not_negative(tolerance: float | None) -> bool:
    """A tolerance is zero or more (zero: anything short of target is red, with no amber)."""
    return tolerance is not None and tolerance >= 0


def relative_tolerance_within_100(kind: str, tolerance: float | None) -> bool:
    """A relative tolerance is at most 100% of the target."""
    return kind != RELATIVE or tolerance is None or tolerance <= 100


def min_not_above_max(minimum: float | None, maximum: float | None) -> bool:
    """The lowest possible value is not above the highest."""
    return minimum is None or maximum is None or minimum <= maximum


def can_adopt(status: str) -> bool:
    """Only an indicator still in the reference library can be adopted for use."""
    return status == REFERENCE


def adoption_names_owners(lead_officer_id: int | None, owning_body_id: int | None) -> bool:
    """An indicator adopted for use has a lead officer and an owning body."""
    return lead_officer_id is not None and owning_body_id is not None


def can_retire(status: str) -> bool:
    """An indicator already retired or replaced cannot be retired again."""
    return status not in ENDED
