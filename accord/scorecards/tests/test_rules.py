"""Each assessment rule on its own, with examples and properties."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accord.scorecards import rules
from accord.scorecards.rules import Span

D = dt.date
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)
polarities = st.sampled_from([rules.HIGHER, rules.LOWER])
kinds = st.sampled_from([rules.ABSOLUTE, rules.RELATIVE])
dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
ORDER = {rules.GREEN: 0, rules.AMBER: 1, rules.RED: 2}


# --- RAG ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, target, polarity, kind, tolerance, expected",
    [
        (80, 75, "higher", "relative", 5, "green"),
        (75, 75, "higher", "relative", 5, "green"),  # met exactly
        (72, 75, "higher", "relative", 5, "amber"),  # 3 short, 5% of 75 = 3.75
        (71.25, 75, "higher", "relative", 5, "amber"),  # exactly at the tolerance
        (71, 75, "higher", "relative", 5, "red"),
        (72, 75, "higher", "absolute", 2, "red"),  # 3 short, 2 allowed
        (73, 75, "higher", "absolute", 2, "amber"),
        (10, 12, "lower", "relative", 5, "green"),  # lower is better: under target is met
        (12.5, 12, "lower", "relative", 5, "amber"),
        (13, 12, "lower", "relative", 5, "red"),
        (-1, -2, "lower", "absolute", 1, "amber"),  # negative targets, e.g. a net change
        (0.1 + 0.2, 0.3, "higher", "absolute", 0, "green"),  # floating-point noise is met
    ],
)
def test_rag_examples(value, target, polarity, kind, tolerance, expected):
    assert rules.rag(value, target, polarity, kind, tolerance) == expected


def test_rag_has_nothing_to_judge_without_polarity_value_or_target():
    assert rules.rag(5, 10, "none", "relative", 5) is None
    assert rules.rag(None, 10, "higher", "relative", 5) is None
    assert rules.rag(5, None, "higher", "relative", 5) is None


@given(finite, finite, polarities, kinds, positive)
def test_rag_is_symmetric_between_polarities(value, target, polarity, kind, tolerance):
    other = rules.LOWER if polarity == rules.HIGHER else rules.HIGHER
    assert rules.rag(value, target, polarity, kind, tolerance) == rules.rag(
        -value, -target, other, kind, tolerance
    )


@given(finite, finite, finite, polarities, kinds, positive)
def test_a_better_figure_is_never_a_worse_rag(a, b, target, polarity, kind, tolerance):
    better, worse = (max(a, b), min(a, b)) if polarity == rules.HIGHER else (min(a, b), max(a, b))
    assert (
        ORDER[rules.rag(better, target, polarity, kind, tolerance)]
        <= ORDER[rules.rag(worse, target, polarity, kind, tolerance)]
    )


@given(finite, finite, polarities, kinds, positive, positive)
def test_more_tolerance_is_never_a_worse_rag(value, target, polarity, kind, t1, t2):
    low, high = sorted((t1, t2))
    assert (
        ORDER[rules.rag(value, target, polarity, kind, high)]
        <= ORDER[rules.rag(value, target, polarity, kind, low)]
    )


@given(finite, polarities, kinds, positive)
def test_meeting_the_target_exactly_is_green(target, polarity, kind, tolerance):
    assert rules.rag(target, target, polarity, kind, tolerance) == rules.GREEN


# --- Data due and late ------------------------------------------------------------------------


Q1 = Span(D(2009, 4, 1), D(2009, 6, 30))
Q2 = Span(D(2009, 7, 1), D(2009, 9, 30))
Q3 = Span(D(2009, 10, 1), D(2009, 12, 31))
Q4 = Span(D(2010, 1, 1), D(2010, 3, 31))


def test_monthly_and_quarterly_figures_are_due_every_quarter():
    for span in (Q1, Q2, Q3, Q4):
        assert rules.data_due("quarterly", "financial_quarter", span)
        assert rules.data_due("monthly", "month", span)


def test_an_annual_financial_year_figure_is_due_only_in_the_quarter_its_year_ends():
    due = [rules.data_due("annual", "financial_year", q) for q in (Q1, Q2, Q3, Q4)]
    assert due == [False, False, False, True]


def test_an_annual_calendar_year_figure_is_due_in_october_to_december():
    due = [rules.data_due("annual", "calendar_year", q) for q in (Q1, Q2, Q3, Q4)]
    assert due == [False, False, True, False]


def test_an_annual_figure_counts_from_the_end_of_its_last_period():
    # An academic-year indicator whose last figure's period ended on 31 August.
    due = [rules.data_due("annual", "interval", q, D(2008, 8, 31)) for q in (Q1, Q2, Q3, Q4)]
    assert due == [False, True, False, False]


def test_a_biennial_survey_is_due_every_other_year():
    # The Place Survey: autumn 2008, so next due in autumn 2010, not 2009.
    last = D(2008, 12, 31)
    assert not rules.data_due("biennial", "calendar_year", Q3, last)
    assert rules.data_due("biennial", "calendar_year", Span(D(2010, 10, 1), D(2010, 12, 31)), last)


def test_an_ad_hoc_survey_is_due_only_when_it_ran():
    assert not rules.data_due("ad_hoc", "interval", Q3)
    assert rules.data_due("ad_hoc", "interval", Q3, D(2009, 11, 30))
    assert not rules.data_due("ad_hoc", "interval", Q4, D(2009, 11, 30))


def test_a_leap_day_anchor_falls_on_28_february_in_other_years():
    assert rules.data_due("annual", "interval", Span(D(2009, 2, 1), D(2009, 2, 28)), D(2008, 2, 29))


@given(dates, st.sampled_from(["financial_year", "calendar_year"]))
def test_an_annual_figure_is_due_in_exactly_one_quarter_a_year(day, kind):
    start = rules.reporting_quarter(day).start
    quarters = [rules.add_months(start, 3 * i) for i in range(4)]
    spans = [Span(q, rules.add_months(q, 3) - dt.timedelta(days=1)) for q in quarters]
    assert sum(rules.data_due("annual", kind, s) for s in spans) == 1


@pytest.mark.parametrize(
    "on, expected",
    [
        (D(2010, 1, 15), Span(D(2009, 10, 1), D(2009, 12, 31))),
        (D(2009, 12, 31), Span(D(2009, 10, 1), D(2009, 12, 31))),
        (D(2009, 4, 1), Span(D(2009, 1, 1), D(2009, 3, 31))),
        (D(2009, 3, 31), Span(D(2009, 1, 1), D(2009, 3, 31))),
    ],
)
def test_reporting_quarter(on, expected):
    assert rules.reporting_quarter(on) == expected


@given(dates)
def test_the_reporting_quarter_has_ended_by_the_day_and_is_the_latest(day):
    span = rules.reporting_quarter(day)
    assert span.end <= day
    assert rules.add_months(span.start, 3) - dt.timedelta(days=1) == span.end
    assert rules.add_months(span.end + dt.timedelta(days=1), 3) > day


@given(dates, st.integers(min_value=-400, max_value=400))
def test_add_months_moves_by_whole_months(day, months):
    moved = rules.add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    month_end = (day + dt.timedelta(days=1)).day == 1
    if month_end:
        assert (moved + dt.timedelta(days=1)).day == 1
    else:
        assert moved.day == day.day or (moved + dt.timedelta(days=1)).day == 1


def test_data_late_after_the_next_period_and_its_publication_lag():
    last = D(2009, 6, 30)  # Q1 2009/10
    assert not rules.data_late("quarterly", last, D(2009, 12, 30))
    assert not rules.data_late("quarterly", last, D(2009, 12, 31))
    assert rules.data_late("quarterly", last, D(2010, 1, 1))
    assert not rules.data_late("annual", D(2009, 3, 31), D(2011, 3, 31))
    assert rules.data_late("annual", D(2009, 3, 31), D(2011, 4, 1))
    assert not rules.data_late("ad_hoc", D(2000, 3, 31), D(2020, 1, 1))
    assert not rules.data_late("annual", None, D(2020, 1, 1))


@given(dates, dates, st.sampled_from(["monthly", "quarterly", "annual", "biennial"]))
def test_late_stays_late(last, later, frequency):
    due_by = rules.next_figure_due_by(frequency, last)
    assert due_by is not None and due_by > last
    if rules.data_late(frequency, last, later):
        assert rules.data_late(frequency, last, later + dt.timedelta(days=1))


# --- Direction of travel --------------------------------------------------------------------


def test_direction_examples():
    assert rules.direction_of_travel(80, 70, "higher") == "improving"
    assert rules.direction_of_travel(80, 70, "lower") == "worsening"
    assert rules.direction_of_travel(70.5, 70.2, "higher") == "no_change"  # under 1%
    assert rules.direction_of_travel(0, 0, "higher") == "no_change"
    assert rules.direction_of_travel(80, 70, "none") == "not_comparable"
    assert rules.direction_of_travel(80, None, "higher") == "not_comparable"


def test_overlapping_confidence_intervals_are_no_change():
    assert rules.direction_of_travel(80, 70, "higher", (72, 88), (62, 78)) == "no_change"
    assert rules.direction_of_travel(80, 70, "higher", (78, 82), (68, 72)) == "improving"
    # One interval missing: judged on the figures alone.
    assert rules.direction_of_travel(80, 70, "higher", (72, 88), (None, None)) == "improving"


@given(finite, finite, polarities)
def test_direction_reverses_when_the_figures_swap(a, b, polarity):
    there = rules.direction_of_travel(a, b, polarity)
    back = rules.direction_of_travel(b, a, polarity)
    swap = {"improving": "worsening", "worsening": "improving", "no_change": "no_change"}
    assert back == swap[there]


@given(finite, finite, polarities)
def test_direction_flips_with_polarity(a, b, polarity):
    other = rules.LOWER if polarity == rules.HIGHER else rules.HIGHER
    swap = {"improving": "worsening", "worsening": "improving", "no_change": "no_change"}
    assert rules.direction_of_travel(a, b, other) == swap[rules.direction_of_travel(a, b, polarity)]


# --- Forecast -------------------------------------------------------------------------------


def test_forecast_follows_a_straight_line_through_the_last_n_points():
    points = [(0, 100), (1, 50), (2, 10), (3, 20), (4, 30)]
    value, used = rules.forecast_linear(points, 6, n=3)
    assert used == 3 and value == pytest.approx(50)
    assert rules.forecast_method(used) == "linear trend of the last 3 points (least squares)"


def test_no_forecast_from_too_few_points_or_one_moment():
    assert rules.forecast_linear([(0, 1), (1, 2)], 5) is None
    assert rules.forecast_linear([(1, 1), (1, 2), (1, 3)], 5) is None


@given(
    st.floats(min_value=-100, max_value=100),
    st.floats(min_value=-100, max_value=100),
    st.lists(st.integers(min_value=0, max_value=1000), min_size=3, max_size=8, unique=True),
    st.integers(min_value=0, max_value=2000),
)
def test_forecast_reproduces_an_exact_line(slope, intercept, xs, target):
    xs = sorted(xs)
    value, used = rules.forecast_linear([(x, intercept + slope * x) for x in xs], target, n=8)
    assert used == len(xs)
    assert value == pytest.approx(intercept + slope * target, abs=1e-6 * (1 + abs(slope) * 2000))


def test_forecast_status():
    assert rules.forecast_status(80, 75, "higher", "relative", 5) == "on_track"
    assert rules.forecast_status(73, 75, "higher", "relative", 5) == "at_risk"
    assert rules.forecast_status(60, 75, "higher", "relative", 5) == "off_track"
    assert rules.forecast_status(None, 75, "higher", "relative", 5) == "no_forecast"
    assert rules.forecast_status(80, 75, "none", "relative", 5) == "no_forecast"


# --- Significance and quartiles -------------------------------------------------------------


def test_significance_as_fingertips_does():
    assert rules.significance(60, 55, 65, 50, "higher") == "better"
    assert rules.significance(60, 55, 65, 50, "lower") == "worse"
    assert rules.significance(60, 55, 65, 70, "higher") == "worse"
    assert rules.significance(60, 55, 65, 65, "higher") == "similar"  # on the limit
    assert rules.significance(60, None, None, 50, "higher") == "not_compared"
    assert rules.significance(60, 55, 65, None, "higher") == "not_compared"
    assert rules.significance(60, 55, 65, 50, "none") == "not_compared"


@given(finite, positive, positive, finite, polarities)
def test_significance_is_similar_exactly_when_the_benchmark_is_inside(v, lo, hi, bench, pol):
    result = rules.significance(v, v - lo, v + hi, bench, pol)
    assert (result == "similar") == (v - lo <= bench <= v + hi)


@pytest.mark.parametrize(
    "value, expected_higher, expected_lower",
    [(10, 1, 4), (8, 1, 3), (6, 2, 3), (5, 3, 2), (2, 4, 1), (1, 4, 1)],
)
def test_quartile_examples(value, expected_higher, expected_lower):
    values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert rules.quartile(value, values, "higher") == expected_higher
    assert rules.quartile(value, values, "lower") == expected_lower


def test_quartile_needs_a_value_and_a_polarity():
    assert rules.quartile(None, [1, 2], "higher") is None
    assert rules.quartile(1, [1, 2], "none") is None
    assert rules.quartile(1, [], "higher") is None


@given(st.lists(finite, min_size=1, max_size=60), polarities)
def test_quartiles_order_areas_best_first(values, polarity):
    best = max(values) if polarity == rules.HIGHER else min(values)
    assert rules.quartile(best, values, polarity) == 1
    q = {v: rules.quartile(v, values, polarity) for v in values}
    for a in values:
        for b in values:
            a_better = a > b if polarity == rules.HIGHER else a < b
            if a_better:
                assert q[a] <= q[b]


@given(st.lists(finite, min_size=4, max_size=60, unique=True), polarities)
def test_distinct_values_fill_every_quartile(values, polarity):
    assert {rules.quartile(v, values, polarity) for v in values} == {1, 2, 3, 4}


def test_gap_from_benchmark():
    assert rules.gap_from_benchmark(40, 50, "higher") == pytest.approx(0.2)
    assert rules.gap_from_benchmark(40, 50, "lower") == pytest.approx(-0.2)
    assert rules.gap_from_benchmark(40, 0, "lower") is None


@given(finite, finite, polarities)
def test_gap_sign_agrees_with_significance_direction(value, benchmark, polarity):
    assume(benchmark != 0)
    gap = rules.gap_from_benchmark(value, benchmark, polarity)
    if gap is not None and gap > 0:
        assert rules.significance(value, value, value, benchmark, polarity) == "worse"


def test_published_for():
    assert rules.published_for("borough", "borough")
    assert rules.published_for("borough", "country")
    assert not rules.published_for("borough", "apb_area")
    assert rules.published_for("apb_area", "apb_area")
    assert not rules.published_for("apb_area", "ward")
    assert rules.published_for("ward", "ward")
    assert rules.published_for("lsoa", "ward")
