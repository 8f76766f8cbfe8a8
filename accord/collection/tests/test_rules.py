"""The collection rules on their own: which rounds owe a figure, what a plausible change is,
when a return is late and when reminders go."""

import datetime as dt
from dataclasses import dataclass
from statistics import median

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accord.collection import rules

D = dt.date
FREQUENCIES = ["monthly", "quarterly", "annual", "biennial", "ad_hoc"]
ROUND_KINDS = {
    "month": (D(2009, 10, 1), D(2009, 10, 31)),
    "financial_quarter": (D(2009, 10, 1), D(2009, 12, 31)),
    "quarter": (D(2009, 7, 1), D(2009, 9, 30)),
    "financial_year": (D(2009, 4, 1), D(2010, 3, 31)),
    "calendar_year": (D(2009, 1, 1), D(2009, 12, 31)),
}


@dataclass(frozen=True)
class P:
    start: dt.date
    end: dt.date


def span(kind: str) -> P:
    return P(*ROUND_KINDS[kind])


@pytest.mark.parametrize(
    ("frequency", "kind", "due"),
    [
        ("quarterly", "financial_quarter", True),
        ("quarterly", "financial_year", True),  # the year-end round
        ("quarterly", "month", False),
        ("monthly", "month", True),
        ("monthly", "financial_quarter", True),
        ("annual", "financial_quarter", False),
        ("annual", "quarter", False),
        ("annual", "financial_year", True),
        ("annual", "calendar_year", True),
        ("biennial", "financial_quarter", False),
        ("biennial", "financial_year", True),
        ("ad_hoc", "financial_year", False),
    ],
)
def test_data_due_examples(frequency, kind, due):
    assert rules.data_due_in_period(frequency, kind, span(kind)) is due


def test_biennial_only_in_its_years():
    # The Place Survey: 2008, then 2010.
    fy = "financial_year"
    assert rules.data_due_in_period(
        "biennial", fy, P(D(2008, 4, 1), D(2009, 3, 31)), first_year=2008
    )
    assert not rules.data_due_in_period(
        "biennial", fy, P(D(2009, 4, 1), D(2010, 3, 31)), first_year=2008
    )
    assert rules.data_due_in_period(
        "biennial", fy, P(D(2010, 4, 1), D(2011, 3, 31)), first_year=2008
    )


def test_other_spans_are_measured_by_their_dates():
    half_year = P(D(2009, 4, 1), D(2009, 9, 30))
    assert rules.round_span_months("interval", half_year) == 6
    assert rules.data_due_in_period("quarterly", "interval", half_year)
    assert not rules.data_due_in_period("annual", "interval", half_year)
    pooled = P(D(2006, 1, 1), D(2008, 12, 31))
    assert rules.data_due_in_period("annual", "pooled_years", pooled)


@given(
    st.sampled_from(FREQUENCIES),
    st.sampled_from(sorted(ROUND_KINDS)),
    st.none() | st.integers(1990, 2030),
)
def test_no_figure_is_due_in_a_round_shorter_than_the_frequency(frequency, kind, first_year):
    due = rules.data_due_in_period(frequency, kind, span(kind), first_year=first_year)
    needed = rules.FREQUENCY_MONTHS.get(frequency)
    if needed is None or rules.ROUND_MONTHS[kind] < needed:
        assert not due
    elif frequency != "biennial" or first_year is None:
        assert due


@given(st.integers(1990, 2030), st.integers(1990, 2030))
def test_biennial_alternates(first_year, year):
    this = P(D(year, 4, 1), D(year + 1, 3, 31))
    following = P(D(year + 1, 4, 1), D(year + 2, 3, 31))
    due_now = rules.data_due_in_period("biennial", "financial_year", this, first_year=first_year)
    due_next = rules.data_due_in_period(
        "biennial", "financial_year", following, first_year=first_year
    )
    assert due_now != due_next


def test_areas_covered_by_geography():
    assert rules.indicator_covers_area("borough", "borough")
    assert not rules.indicator_covers_area("borough", "apb_area")
    assert rules.indicator_covers_area("apb_area", "apb_area")
    assert not rules.indicator_covers_area("apb_area", "ward")
    assert rules.indicator_covers_area("lsoa", "ward")
    assert rules.indicator_covers_area("ward", "country")


histories = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    min_size=3,
    max_size=20,
)


@given(histories, st.integers(0, 3))
def test_plausible_limit_is_at_least_three_typical_changes_and_a_tenth(history, places):
    limit = rules.plausible_change_limit(history, places)
    changes = [abs(b - a) for a, b in zip(history, history[1:], strict=False)]
    assert limit is not None
    assert limit >= 3 * median(changes)
    assert limit >= 0.1 * abs(history[-1])
    assert limit >= 10.0**-places


@given(histories, st.floats(0, 1))
def test_a_typical_change_is_never_implausible(history, share):
    changes = [abs(b - a) for a, b in zip(history, history[1:], strict=False)]
    step = share * median(changes)
    limit = rules.plausible_change_limit(history)
    for value in (history[-1] + step, history[-1] - step):
        assert not rules.is_implausible_change(history[-1], value, limit)


@given(histories, st.floats(min_value=0.5, max_value=100))
def test_the_limit_scales_with_the_figures(history, k):
    assume(max(abs(v) for v in history) > 1)
    scaled = rules.plausible_change_limit([k * v for v in history], decimal_places=12)
    limit = rules.plausible_change_limit(history, decimal_places=12)
    assert scaled == pytest.approx(k * limit, rel=1e-6, abs=1e-9)


def test_plausibility_example():
    # Excess weight in reception children, %: small moves year to year.
    history = [9.8, 10.1, 9.9, 10.0]
    limit = rules.plausible_change_limit(history)
    assert limit == pytest.approx(1.0)  # a tenth of 10.0 beats 3 × median change (0.6)
    assert not rules.is_implausible_change(10.0, 10.9, limit)
    assert rules.is_implausible_change(10.0, 15.0, limit)
    assert rules.plausible_change_limit([9.8, 10.1]) is None
    assert not rules.is_implausible_change(None, 50, 1)


@given(st.dates(), st.dates(), st.sampled_from(["due", "returned", "submitted", "approved"]))
def test_overdue_means_owed_after_the_deadline(deadline, today, status):
    expected = status in ("due", "returned") and deadline < today
    assert rules.is_overdue(deadline, status, today) == expected


def test_submit_and_decide():
    assert rules.can_submit("due", "open") and rules.can_submit("returned", "open")
    assert rules.can_submit("submitted", "open")
    assert not rules.can_submit("approved", "open")
    assert not rules.can_submit("due", "closed")
    assert rules.can_decide("submitted") and not rules.can_decide("due")


@given(
    st.dates(D(2000, 1, 1), D(2030, 1, 1)),
    st.integers(-40, 40),
    st.integers(0, 10),
    st.integers(0, 10),
)
def test_reminder_windows(deadline, offset, before, after):
    today = deadline + dt.timedelta(days=offset)
    assert rules.reminder_due("before", deadline, today, before, after) == (-before <= offset <= 0)
    assert rules.reminder_due("after", deadline, today, before, after) == (offset >= after)
