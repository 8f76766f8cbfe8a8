"""Named rules for targets."""

import datetime as dt

PERCENTAGE = "percentage"


def for_one_footprint(area_id: int | None, area_group_id: int | None) -> bool:
    """A target is for exactly one footprint: one area or one named group of areas, not both."""
    return (area_id is None) != (area_group_id is None)


def baseline_before_target(
    baseline_start: dt.date, baseline_end: dt.date, target_start: dt.date, target_end: dt.date
) -> bool:
    """A baseline period starts before the target period does and does not end after it."""
    return baseline_start < target_start and baseline_end <= target_end


def within_limits(value: float, minimum: float | None, maximum: float | None) -> bool:
    """A figure lies within the lowest and highest values the indicator can take, where set."""
    return (minimum is None or value >= minimum) and (maximum is None or value <= maximum)


def percentage_in_bounds(value_type: str, value: float) -> bool:
    """A percentage lies between 0 and 100."""
    return value_type != PERCENTAGE or 0 <= value <= 100
