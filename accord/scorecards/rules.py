"""Named rules of performance assessment: RAG against target, whether data is due or late,
direction of travel, forecast, significance against a benchmark and quartile position.

Each rule is a pure function of plain values (numbers, strings, dates), so the assessment can
run them over hundreds of thousands of rows without touching the ORM, and the benchmark's
pandas and DuckDB implementations can restate them exactly."""

import datetime as dt
import math
from collections.abc import Sequence
from typing import NamedTuple

# Polarity and frequency values, as stored on Indicator (accord.indicators.models).
HIGHER, LOWER, NONE = "higher", "lower", "none"
MONTHLY, QUARTERLY, ANNUAL, BIENNIAL, AD_HOC = (
    "monthly",
    "quarterly",
    "annual",
    "biennial",
    "ad_hoc",
)
ABSOLUTE, RELATIVE = "absolute", "relative"

GREEN, AMBER, RED = "green", "amber", "red"
IMPROVING, WORSENING, NO_CHANGE, NOT_COMPARABLE = (
    "improving",
    "worsening",
    "no_change",
    "not_comparable",
)
ON_TRACK, AT_RISK, OFF_TRACK, NO_FORECAST = "on_track", "at_risk", "off_track", "no_forecast"
BETTER, SIMILAR, WORSE, NOT_COMPARED = "better", "similar", "worse", "not_compared"

# A change smaller than this share of the larger figure is "no change".
NO_CHANGE_SHARE = 0.01
# Fewer points than this make no trend worth projecting.
MIN_FORECAST_POINTS = 3
# Floating-point slack when deciding whether a figure meets its target exactly.
_EPSILON = 1e-9

# How long after the end of its last figure's period the next figure may arrive before it is
# late, in months: one interval of the indicator's frequency (the next period), plus the time
# the publisher usually takes to produce it.
EXPECTED_WITHIN_MONTHS = {
    MONTHLY: 1 + 2,
    QUARTERLY: 3 + 3,
    ANNUAL: 12 + 12,
    BIENNIAL: 24 + 12,
}

# The words of each rule's outcome, for pages, the API and exports.
RAG_LABELS = {
    GREEN: "Green",
    AMBER: "Amber",
    RED: "Red",
    "no_target": "No target",
    "no_data_due": "No data due",
    "data_late": "Data late",
    "no_data": "No data",
    "not_judged": "Not judged",
}
DIRECTION_LABELS = {
    IMPROVING: "Improving",
    WORSENING: "Worsening",
    NO_CHANGE: "No change",
    NOT_COMPARABLE: "Not comparable",
}
FORECAST_LABELS = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    NO_FORECAST: "No forecast",
}
SIGNIFICANCE_LABELS = {
    BETTER: "Better",
    SIMILAR: "Similar",
    WORSE: "Worse",
    NOT_COMPARED: "Not compared",
}

DIRECTION_RULE = (
    "No change means the two figures differ by less than 1% of the larger, or both have 95% "
    "confidence intervals and the intervals overlap."
)
SIGNIFICANCE_RULE = (
    "As Fingertips does: significantly better or worse when the benchmark lies outside the "
    "area's 95% confidence interval; similar when it lies inside."
)
QUARTILE_RULE = (
    "Quartile 1 is the best quarter of areas: 1 + ⌊4 × (areas with a strictly better value) ÷ "
    "(areas with a value)⌋."
)


class Span(NamedTuple):
    start: dt.date
    end: dt.date


# --- RAG ----------------------------------------------------------------------------------------


def shortfall(value: float, target: float, polarity: str) -> float:
    """How far a figure falls short of its target in the indicator's unit (zero or less when the
    target is met), reading polarity: below target is short when higher is better."""
    return target - value if polarity == HIGHER else value - target


def tolerance_allowed(target: float, tolerance_kind: str, tolerance: float) -> float:
    """The shortfall still counted amber: the tolerance itself when absolute, or that
    percentage of the target when relative."""
    if tolerance_kind == ABSOLUTE:
        return abs(tolerance)
    return abs(target) * abs(tolerance) / 100.0


def rag(
    value: float | None,
    target: float | None,
    polarity: str,
    tolerance_kind: str,
    tolerance: float,
) -> str | None:
    """Green when the figure meets its target (respecting polarity), amber when it falls short by
    no more than the tolerance, red beyond it; None when there is nothing to judge (no figure, no
    target, or an indicator with no polarity)."""
    if value is None or target is None or polarity not in (HIGHER, LOWER):
        return None
    short = shortfall(value, target, polarity)
    slack = _EPSILON * max(1.0, abs(target))
    if short <= slack:
        return GREEN
    if short <= tolerance_allowed(target, tolerance_kind, tolerance) + slack:
        return AMBER
    return RED


# --- When data is due -----------------------------------------------------------------------


def _anniversary(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return dt.date(year, 2, 28)


def _last_day(year: int, month: int) -> int:
    return (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later, keeping to the month's end: the last day of a
    month (as periods end) moves to the last day of the other month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    last = _last_day(year, month)
    if day.day == _last_day(day.year, day.month):
        return dt.date(year, month, last)
    return dt.date(year, month, min(day.day, last))


def reporting_quarter(on: dt.date) -> Span:
    """The financial quarter (April–June, July–September, October–December, January–March)
    that a scorecard drawn up on `on` reports: the latest one ended on or before that day."""
    # Financial quarters fall on calendar quarters: take the one containing `on`, then step back
    # unless `on` is its last day.
    start = dt.date(on.year, (on.month - 1) // 3 * 3 + 1, 1)
    end = add_months(start, 3) - dt.timedelta(days=1)
    if end != on:
        start = add_months(start, -3)
        end = add_months(start, 3) - dt.timedelta(days=1)
    return Span(start, end)


def _usual_year_end(period_kind: str) -> dt.date | None:
    if period_kind in ("financial_year", "financial_quarter"):
        return dt.date(2000, 3, 31)
    if period_kind in ("calendar_year", "quarter", "month"):
        return dt.date(2000, 12, 31)
    return None


def data_due(
    frequency: str,
    period_kind: str,
    reporting: Span,
    last_period_end: dt.date | None = None,
) -> bool:
    """Whether a figure falls due in the reporting period: monthly and quarterly figures always;
    annual ones when a year of theirs ends in it, biennial ones every other such year (both
    counted from the end of the last figure's period, or 31 March for financial years and 31
    December for calendar years); ad hoc surveys only when the last survey's period ends in it."""
    if frequency in (MONTHLY, QUARTERLY):
        return True
    if frequency == AD_HOC:
        return last_period_end is not None and reporting.start <= last_period_end <= reporting.end
    anchor = last_period_end or _usual_year_end(period_kind)
    if anchor is None:
        return True
    step = 2 if frequency == BIENNIAL else 1
    if frequency == BIENNIAL and last_period_end is None:
        return True  # which years the survey runs in is unknown until it has run once
    for year in range(reporting.start.year - 1, reporting.end.year + 2):
        if (year - anchor.year) % step:
            continue
        if reporting.start <= _anniversary(anchor, year) <= reporting.end:
            return True
    return False


def next_figure_due_by(frequency: str, last_period_end: dt.date) -> dt.date | None:
    """The day by which the figure after the last one is expected: the end of the next period
    plus the usual publication lag (see EXPECTED_WITHIN_MONTHS); None for ad hoc surveys."""
    months = EXPECTED_WITHIN_MONTHS.get(frequency)
    if months is None:
        return None
    return add_months(last_period_end, months)


def data_late(frequency: str, last_period_end: dt.date | None, as_of: dt.date) -> bool:
    """A figure is late when the day by which the next one was expected has passed without it
    (ad hoc surveys and indicators with no figure yet are never late)."""
    if last_period_end is None:
        return False
    due_by = next_figure_due_by(frequency, last_period_end)
    return due_by is not None and as_of > due_by


# --- Direction of travel --------------------------------------------------------------------


def intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Two closed intervals overlap when each starts no later than the other ends."""
    return a[0] <= b[1] and b[0] <= a[1]


def direction_of_travel(
    current: float | None,
    previous: float | None,
    polarity: str,
    current_ci: tuple[float | None, float | None] | None = None,
    previous_ci: tuple[float | None, float | None] | None = None,
    threshold: float = NO_CHANGE_SHARE,
) -> str:
    """Improving or worsening by polarity; no change when the figures differ by less than 1% of
    the larger or their 95% confidence intervals overlap; not comparable without both figures
    or without a polarity."""
    if current is None or previous is None or polarity not in (HIGHER, LOWER):
        return NOT_COMPARABLE
    if (
        current_ci is not None
        and previous_ci is not None
        and None not in current_ci
        and None not in previous_ci
        and intervals_overlap(current_ci, previous_ci)  # type: ignore[arg-type]
    ):
        return NO_CHANGE
    change = current - previous
    scale = max(abs(current), abs(previous))
    if abs(change) <= threshold * scale:
        return NO_CHANGE
    better = change > 0 if polarity == HIGHER else change < 0
    return IMPROVING if better else WORSENING


# --- Forecast -------------------------------------------------------------------------------


def forecast_method(points_used: int) -> str:
    """The forecast's method in words, as shown beside it."""
    return f"linear trend of the last {points_used} points (least squares)"


def forecast_linear(
    points: Sequence[tuple[float, float]], target_x: float, n: int = 4
) -> tuple[float, int] | None:
    """Project to `target_x` the least-squares straight line through the last `n` points (x, y),
    returning the projected value and the number of points used; None with fewer than three
    points or no spread in x."""
    recent = list(points)[-n:] if n > 0 else []
    k = len(recent)
    if k < MIN_FORECAST_POINTS:
        return None
    xs = [x for x, _ in recent]
    ys = [y for _, y in recent]
    mean_x = math.fsum(xs) / k
    mean_y = math.fsum(ys) / k
    dx = [x - mean_x for x in xs]
    sxx = math.fsum([d * d for d in dx])
    if sxx == 0:
        return None
    sxy = math.fsum([d * (y - mean_y) for d, y in zip(dx, ys, strict=True)])
    slope = sxy / sxx
    return mean_y + slope * (target_x - mean_x), k


def forecast_status(
    forecast: float | None,
    target: float | None,
    polarity: str,
    tolerance_kind: str,
    tolerance: float,
) -> str:
    """On track when the forecast meets the final target, at risk when it falls short within
    the tolerance, off track beyond it; no forecast when there is none to judge."""
    judged = rag(forecast, target, polarity, tolerance_kind, tolerance)
    return {GREEN: ON_TRACK, AMBER: AT_RISK, RED: OFF_TRACK}.get(judged or "", NO_FORECAST)


# --- Benchmarking ---------------------------------------------------------------------------


def significance(
    value: float | None,
    lci: float | None,
    uci: float | None,
    benchmark: float | None,
    polarity: str = HIGHER,
) -> str:
    """Significantly better or worse than the benchmark when it lies outside the area's 95%
    confidence interval (as Fingertips does), similar when inside; not compared without an
    interval, a benchmark or a polarity."""
    if (
        value is None
        or lci is None
        or uci is None
        or benchmark is None
        or polarity not in (HIGHER, LOWER)
    ):
        return NOT_COMPARED
    if lci <= benchmark <= uci:
        return SIMILAR
    above = lci > benchmark
    return BETTER if above == (polarity == HIGHER) else WORSE


def quartile_from_rank(better_count: int, n: int) -> int | None:
    """The quartile (1 best) of an area with `better_count` of `n` areas strictly better."""
    if n <= 0:
        return None
    return min(4, 1 + (4 * better_count) // n)


def quartile(value: float | None, all_values: Sequence[float], polarity: str) -> int | None:
    """The quarter of all areas this value falls in, 1 the best: 1 + ⌊4 × (areas with a strictly
    better value) ÷ (areas with a value)⌋, so tied areas share the better quartile; None without
    a value or a polarity."""
    if value is None or polarity not in (HIGHER, LOWER):
        return None
    values = [v for v in all_values if v is not None]
    if not values:
        return None
    if polarity == HIGHER:
        better = sum(1 for v in values if v > value)
    else:
        better = sum(1 for v in values if v < value)
    return quartile_from_rank(better, len(values))


def gap_from_benchmark(value: float, benchmark: float, polarity: str) -> float | None:
    """How much worse than the benchmark a figure is, as a share of the benchmark (positive is
    worse, negative better); None when the benchmark is zero or there is no polarity."""
    if polarity not in (HIGHER, LOWER) or benchmark == 0:
        return None
    return shortfall(value, benchmark, polarity) / abs(benchmark)


# --- Where an indicator is published -------------------------------------------------------

# The levels an indicator's `geography` reaches, finest last; every level above is included.
_LEVELS = {
    "borough": 0,
    "apb_area": 1,
    "ward": 2,
    "lsoa": 3,
}
_AREA_LEVEL = {
    "country": 0,
    "region": 0,
    "county": 0,
    "borough": 0,
    "district": 0,
    "apb_area": 1,
    "laf_area": 2,
    "neighbourhood": 2,
    "ward": 2,
    "lsoa": 3,
}


def published_for(geography: str, area_kind: str) -> bool:
    """Whether an indicator published down to `geography` has figures for areas of this kind
    (a borough-only indicator has none for a ward)."""
    return _AREA_LEVEL.get(area_kind, 0) <= _LEVELS.get(geography, 0)
