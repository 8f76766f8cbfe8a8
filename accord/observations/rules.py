"""Named rules for figures. Each is a pure function of plain values, so the one-figure services
and the bulk import apply exactly the same rules."""

import math

# How many units a figure of each kind is per one of its numerator over its denominator.
RATIO_SCALE = {"percentage": 100.0, "rate_1000": 1_000.0, "rate_100000": 100_000.0}

# A figure given only to a few decimal places still matches counts to within half a unit in
# its last place; this guards the float arithmetic on top of that.
_FLOAT_SLACK = 1e-12


def within_range(value: float | None, minimum: float | None, maximum: float | None) -> bool:
    """A figure lies within the lowest and highest values its indicator allows."""
    if value is None:
        return True
    if minimum is not None and value < minimum:
        return False
    return not (maximum is not None and value > maximum)


def interval_contains_value(
    value: float | None, ci_lower: float | None, ci_upper: float | None
) -> bool:
    """A confidence interval runs from its lower to its upper limit and contains the figure."""
    if ci_lower is not None and ci_upper is not None and ci_lower > ci_upper:
        return False
    if value is None:
        return True
    if ci_lower is not None and value < ci_lower:
        return False
    return not (ci_upper is not None and value > ci_upper)


def suppressed_has_reason_and_no_value(suppressed: bool, reason: str, value: float | None) -> bool:
    """A suppressed figure says why it is suppressed and carries no value."""
    if not suppressed:
        return True
    return bool((reason or "").strip()) and value is None


def has_value_or_is_suppressed(suppressed: bool, value: float | None) -> bool:
    """A figure either has a value or is marked suppressed."""
    return suppressed or value is not None


def counts_are_possible(numerator: float | None, denominator: float | None) -> bool:
    """Counts are not negative and the denominator, when given, is more than zero."""
    if numerator is not None and numerator < 0:
        return False
    return not (denominator is not None and denominator <= 0)


def counts_match_value(
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    value_type: str,
    decimal_places: int,
) -> bool:
    """A percentage or a crude rate equals its numerator over its denominator (times 100,
    1,000 or 100,000) to within the rounding of the published figure."""
    scale = RATIO_SCALE.get(value_type)
    if scale is None or value is None or numerator is None or not denominator:
        return True
    expected = numerator / denominator * scale
    tolerance = 0.5 * 10.0 ** -max(decimal_places, 0)
    return math.fabs(expected - value) <= tolerance + _FLOAT_SLACK * max(1.0, math.fabs(value))


def is_crude(unit: str, title: str, definition: str) -> bool:
    """An age-standardised figure (directly or indirectly) is not its count over its
    denominator, so the counts check applies only to crude figures."""
    text = f"{unit} {title} {definition}".lower()
    return "standardised" not in text and "standardized" not in text


def restating_locked_has_reason(is_locked: bool, reason: str) -> bool:
    """A figure approved in a collection round (locked) is restated only with a reason."""
    return not is_locked or bool((reason or "").strip())
