"""Named rules of the collection cycle: which returns a round asks for, what a plausible
figure is, when a return is late and when reminders go."""

import datetime as dt
from collections.abc import Sequence
from statistics import median
from typing import Protocol

from accord.targets.rules import percentage_in_bounds, within_limits

__all__ = [
    "can_decide",
    "can_submit",
    "data_due_in_period",
    "indicator_covers_area",
    "is_implausible_change",
    "is_overdue",
    "percentage_in_bounds",
    "plausible_change_limit",
    "reminder_due",
    "round_span_months",
    "within_limits",
]


class Span(Protocol):
    start: dt.date
    end: dt.date


# How many months of data each frequency brings; a round spanning fewer asks for none.
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12, "biennial": 12}
ROUND_MONTHS = {
    "month": 1,
    "quarter": 3,
    "financial_quarter": 3,
    "financial_year": 12,
    "calendar_year": 12,
}
AVERAGE_MONTH_DAYS = 365.25 / 12


def round_span_months(period_kind: str, period: Span) -> int:
    """How many months a round's period spans: by its kind, or by its dates for pooled years
    and other spans."""
    if period_kind in ROUND_MONTHS:
        return ROUND_MONTHS[period_kind]
    days = (period.end - period.start).days + 1
    return max(1, round(days / AVERAGE_MONTH_DAYS))


def data_due_in_period(
    frequency: str, period_kind_of_round: str, period: Span, *, first_year: int | None = None
) -> bool:
    """An indicator owes a figure in a round when the round spans at least the indicator's
    frequency (no annual or biennial figure in a quarter); a biennial one only in every other
    year from its first year of data; an ad hoc survey never on a schedule."""
    needed = FREQUENCY_MONTHS.get(frequency)
    if needed is None:
        return False
    if round_span_months(period_kind_of_round, period) < needed:
        return False
    if frequency == "biennial" and first_year is not None:
        return (period.start.year - first_year) % 2 == 0
    return True


# From the widest area to the finest; an indicator published down to one level is available at
# every level above it.
AREA_LEVELS = {
    "country": 0,
    "region": 1,
    "county": 2,
    "borough": 3,
    "district": 3,
    "apb_area": 4,
    "laf_area": 5,
    "neighbourhood": 6,
    "ward": 6,
    "lsoa": 7,
}


def indicator_covers_area(geography: str, area_kind: str) -> bool:
    """An indicator is collected for an area no finer than the finest level it is published
    for (a borough-only indicator has no figure for an area board)."""
    finest = AREA_LEVELS.get(geography, AREA_LEVELS["borough"])
    return AREA_LEVELS.get(area_kind, len(AREA_LEVELS)) <= finest


PLAUSIBLE_MULTIPLE = 3  # times the typical change
RELATIVE_FLOOR = 0.1  # a tenth of the latest figure is never flagged
MIN_HISTORY = 3  # earlier figures needed before judging


def plausible_change_limit(history: Sequence[float], decimal_places: int = 1) -> float | None:
    """The largest change from the latest figure the history makes plausible: three times the
    median absolute period-on-period change, but never less than a tenth of the latest figure
    or one unit of its last decimal place; None with fewer than three earlier figures."""
    if len(history) < MIN_HISTORY:
        return None
    changes = [abs(later - earlier) for earlier, later in zip(history, history[1:], strict=False)]
    return max(
        PLAUSIBLE_MULTIPLE * median(changes),
        RELATIVE_FLOOR * abs(history[-1]),
        10.0 ** -max(decimal_places, 0),
    )


def is_implausible_change(previous: float | None, value: float, limit: float | None) -> bool:
    """A figure is implausible when it moves from the previous one by more than the limit."""
    return previous is not None and limit is not None and abs(value - previous) > limit


OUTSTANDING = frozenset({"due", "returned"})


def is_overdue(deadline: dt.date, status: str, today: dt.date) -> bool:
    """A return is overdue when it is still owed (due, or returned for changes) after its
    deadline."""
    return status in OUTSTANDING and deadline < today


def can_submit(return_status: str, round_status: str) -> bool:
    """A lead officer may submit (or resubmit) until the figure is approved or the round
    closes."""
    return round_status == "open" and return_status in {"due", "returned", "submitted"}


def can_decide(return_status: str) -> bool:
    """A manager approves or sends back only a submitted return."""
    return return_status == "submitted"


def reminder_due(
    kind: str, deadline: dt.date, today: dt.date, days_before: int, days_after: int
) -> bool:
    """The "before" reminder goes from `days_before` days ahead until the deadline; the "after"
    reminder from `days_after` days past it (each goes once; the log says whether it went)."""
    if kind == "before":
        return deadline - dt.timedelta(days=days_before) <= today <= deadline
    return today >= deadline + dt.timedelta(days=days_after)
