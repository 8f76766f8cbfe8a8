"""Each figure rule on its own."""

import math

from hypothesis import assume, given
from hypothesis import strategies as st

from accord.observations import rules

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
maybe = st.none() | finite


@given(maybe, maybe, maybe)
def test_within_range_means_not_below_the_minimum_nor_above_the_maximum(value, low, high):
    expected = value is None or ((low is None or value >= low) and (high is None or value <= high))
    assert rules.within_range(value, low, high) == expected


def test_range_limits_are_inclusive():
    assert rules.within_range(0.0, 0.0, 100.0)
    assert rules.within_range(100.0, 0.0, 100.0)
    assert not rules.within_range(100.1, 0.0, 100.0)
    assert not rules.within_range(-0.1, 0.0, None)


@given(finite, finite, finite)
def test_an_interval_in_order_contains_a_value_between_its_limits(a, b, c):
    low, value, high = sorted([a, b, c])
    assert rules.interval_contains_value(value, low, high)


@given(finite, finite, finite)
def test_a_value_outside_its_interval_breaks_the_rule(value, low, high):
    assume(low <= high)
    assume(value < low or value > high)
    assert not rules.interval_contains_value(value, low, high)


@given(maybe, finite, finite)
def test_an_interval_upside_down_breaks_the_rule_whatever_the_value(value, low, high):
    assume(low > high)
    assert not rules.interval_contains_value(value, low, high)


def test_one_limit_alone_is_checked_against_the_value():
    assert rules.interval_contains_value(76.6, 72.6, None)
    assert not rules.interval_contains_value(70.0, 72.6, None)
    assert rules.interval_contains_value(None, 72.6, 80.6)


def test_suppressed_figure_says_why_and_has_no_value():
    assert rules.suppressed_has_reason_and_no_value(True, "Fewer than 5 cases", None)
    assert not rules.suppressed_has_reason_and_no_value(True, "", None)
    assert not rules.suppressed_has_reason_and_no_value(True, "   ", None)
    assert not rules.suppressed_has_reason_and_no_value(True, "Small numbers", 3.0)
    assert rules.suppressed_has_reason_and_no_value(False, "", 3.0)


def test_a_figure_has_a_value_unless_suppressed():
    assert rules.has_value_or_is_suppressed(False, 0.0)
    assert rules.has_value_or_is_suppressed(True, None)
    assert not rules.has_value_or_is_suppressed(False, None)


def test_counts_are_not_negative_and_the_denominator_is_positive():
    assert rules.counts_are_possible(25, 200)
    assert rules.counts_are_possible(0, 200)
    assert rules.counts_are_possible(None, None)
    assert not rules.counts_are_possible(-1, 200)
    assert not rules.counts_are_possible(25, 0)
    assert not rules.counts_are_possible(None, -3)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**7),
    st.sampled_from(sorted(rules.RATIO_SCALE)),
    st.integers(min_value=0, max_value=4),
)
def test_a_figure_rounded_from_its_counts_matches_them(numerator, denominator, kind, places):
    value = round(numerator / denominator * rules.RATIO_SCALE[kind], places)
    assert rules.counts_match_value(value, numerator, denominator, kind, places)


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**7),
    st.sampled_from(sorted(rules.RATIO_SCALE)),
    st.integers(min_value=0, max_value=3),
    st.floats(min_value=0.51, max_value=1000),
)
def test_a_figure_further_out_than_its_rounding_does_not_match(
    numerator, denominator, kind, places, units
):
    exact = numerator / denominator * rules.RATIO_SCALE[kind]
    assume(exact <= 1e6)
    off = exact + units * 10.0**-places
    assume(math.isfinite(off))
    assert not rules.counts_match_value(off, numerator, denominator, kind, places)


def test_counts_check_leaves_other_kinds_and_missing_counts_alone():
    assert rules.counts_match_value(12.5, 25, 200, "percentage", 1)
    assert not rules.counts_match_value(13.0, 25, 200, "percentage", 1)
    assert rules.counts_match_value(13.0, 25, 200, "percentage", 0)  # 12.5 rounds either way
    assert rules.counts_match_value(999.0, 25, 200, "count", 0)
    assert rules.counts_match_value(13.0, None, 200, "percentage", 1)
    assert rules.counts_match_value(None, 25, 200, "percentage", 1)
    assert rules.counts_match_value(125.0, 25, 200, "rate_1000", 0)
    assert rules.counts_match_value(12500.0, 25, 200, "rate_100000", 0)


def test_standardised_figures_are_not_crude():
    assert rules.is_crude("%", "Employment rate", "")
    assert not rules.is_crude("per 100,000", "Alcohol-related mortality", "Directly standardised")
    assert not rules.is_crude("per 100", "Emergency readmissions", "indirectly age-standardised")
    assert not rules.is_crude("per 100,000", "Age-standardized rate", "")


def test_restating_a_locked_figure_needs_a_reason():
    assert rules.restating_locked_has_reason(False, "")
    assert rules.restating_locked_has_reason(True, "Revised by ONS in May 2010")
    assert not rules.restating_locked_has_reason(True, "")
    assert not rules.restating_locked_has_reason(True, "  ")
