import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from accord.targets import rules

ids = st.none() | st.integers(min_value=1, max_value=10**6)
numbers = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)


@given(ids, ids)
def test_a_target_is_for_exactly_one_footprint(area, group):
    assert rules.for_one_footprint(area, group) == ((area is None) ^ (group is None))


def test_footprint_examples():
    assert rules.for_one_footprint(1, None)
    assert rules.for_one_footprint(None, 2)
    assert not rules.for_one_footprint(1, 2)
    assert not rules.for_one_footprint(None, None)


@given(st.dates(), st.integers(0, 3000), st.dates(), st.integers(0, 3000))
def test_baseline_starts_before_and_ends_no_later(b_start, b_len, t_start, t_len):
    assume(b_start.year < 9000 and t_start.year < 9000)
    b_end = b_start + dt.timedelta(days=b_len)
    t_end = t_start + dt.timedelta(days=t_len)
    ok = rules.baseline_before_target(b_start, b_end, t_start, t_end)
    assert ok == (b_start < t_start and b_end <= t_end)
    # A period is never its own baseline.
    assert not rules.baseline_before_target(t_start, t_end, t_start, t_end)


def test_baseline_examples():
    d = dt.date
    # 2007/08 baseline for a 2010/11 target.
    assert rules.baseline_before_target(
        d(2007, 4, 1), d(2008, 3, 31), d(2010, 4, 1), d(2011, 3, 31)
    )
    # A baseline after the target period is refused.
    assert not rules.baseline_before_target(
        d(2011, 4, 1), d(2012, 3, 31), d(2010, 4, 1), d(2011, 3, 31)
    )
    # Rolling pooled years: 2005-07 before 2006-08.
    assert rules.baseline_before_target(
        d(2005, 1, 1), d(2007, 12, 31), d(2006, 1, 1), d(2008, 12, 31)
    )


@given(numbers, st.none() | numbers, st.none() | numbers)
def test_within_limits(value, low, high):
    expected = (low is None or value >= low) and (high is None or value <= high)
    assert rules.within_limits(value, low, high) == expected


@given(numbers, st.sampled_from(["percentage", "count", "rate_1000", "score"]))
def test_percentages_lie_between_0_and_100(value, value_type):
    ok = rules.percentage_in_bounds(value_type, value)
    assert ok == (value_type != "percentage" or 0 <= value <= 100)


def test_percentage_edges():
    assert rules.percentage_in_bounds("percentage", 0)
    assert rules.percentage_in_bounds("percentage", 100)
    assert not rules.percentage_in_bounds("percentage", 100.1)
    assert rules.percentage_in_bounds("count", 1500)
