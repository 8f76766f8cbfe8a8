"""Each named rule of the indicator library on its own."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.indicators import rules

statuses = st.sampled_from(["reference", "in_use", "retired", "replaced"])
ids = st.none() | st.integers(min_value=1, max_value=10_000)
numbers = st.none() | st.floats(allow_nan=False, allow_infinity=False)


@given(statuses, ids)
def test_replaced_needs_successor(status, successor):
    assert rules.replaced_needs_successor(status, successor) == (
        status != "replaced" or successor is not None
    )


def test_a_replaced_indicator_without_successor_breaks_the_rule():
    assert not rules.replaced_needs_successor("replaced", None)
    assert rules.replaced_needs_successor("replaced", 7)
    assert rules.replaced_needs_successor("retired", None)


@given(statuses, ids)
def test_successor_only_when_replaced(status, successor):
    assert rules.successor_only_when_replaced(status, successor) == (
        successor is None or status == "replaced"
    )


@given(statuses, st.text(max_size=20))
def test_retire_needs_reason(status, reason):
    expected = status not in ("retired", "replaced") or reason.strip() != ""
    assert rules.retire_needs_reason(status, reason) == expected


def test_a_blank_reason_is_no_reason():
    assert not rules.retire_needs_reason("retired", "   ")
    assert rules.retire_needs_reason("retired", "NIS abolished with LAAs")
    assert rules.retire_needs_reason("in_use", "")


@given(statuses, st.none() | st.dates())
def test_retire_needs_date(status, day):
    assert rules.retire_needs_date(status, day) == (
        status not in ("retired", "replaced") or day is not None
    )


def test_retired_on_a_date():
    assert rules.retire_needs_date("replaced", dt.date(2011, 3, 31))
    assert not rules.retire_needs_date("replaced", None)


@given(st.dictionaries(st.integers(1, 12), st.none() | st.integers(1, 12), max_size=12))
def test_replacement_chain_loops_are_found(links):
    """Walking the links by hand agrees with the rule, for any set of links."""

    def walk(start):
        seen, current = set(), links.get(start)
        while current is not None:
            if current == start or current in seen:
                return False
            seen.add(current)
            current = links.get(current)
        return True

    for start in links:
        assert rules.replacement_has_no_loop(start, links.get(start), links.get) == walk(start)


def test_replacement_loops():
    assert not rules.replacement_has_no_loop(1, 1, {}.get)  # replaced by itself
    assert not rules.replacement_has_no_loop(1, 2, {2: 1}.get)  # 1 → 2 → 1
    assert rules.replacement_has_no_loop(1, 2, {2: 3, 3: None}.get)
    assert rules.replacement_has_no_loop(None, 2, {2: None}.get)  # a new indicator


def test_successor_is_current():
    assert rules.successor_is_current("in_use", False)
    assert rules.successor_is_current("reference", False)
    assert not rules.successor_is_current("retired", False)
    assert not rules.successor_is_current("replaced", False)
    assert not rules.successor_is_current("in_use", True)


@given(st.none() | st.floats(allow_nan=False))
def test_tolerance_not_negative(tolerance):
    assert rules.tolerance_not_negative(tolerance) == (tolerance is not None and tolerance >= 0)


def test_zero_tolerance_is_allowed_and_negative_is_not():
    assert rules.tolerance_not_negative(0.0)
    assert not rules.tolerance_not_negative(-0.5)


@given(st.sampled_from(["absolute", "relative"]), numbers)
def test_relative_tolerance_within_100(kind, tolerance):
    expected = kind != "relative" or tolerance is None or tolerance <= 100
    assert rules.relative_tolerance_within_100(kind, tolerance) == expected


def test_absolute_tolerance_may_exceed_100():
    assert rules.relative_tolerance_within_100("absolute", 250.0)
    assert not rules.relative_tolerance_within_100("relative", 100.5)


@given(numbers, numbers)
def test_min_not_above_max(low, high):
    expected = low is None or high is None or low <= high
    assert rules.min_not_above_max(low, high) == expected


def test_min_above_max_breaks_the_rule():
    assert not rules.min_not_above_max(100.0, 0.0)
    assert rules.min_not_above_max(0.0, 0.0)


@given(statuses)
def test_only_reference_indicators_are_adopted(status):
    assert rules.can_adopt(status) == (status == "reference")


@given(ids, ids)
def test_adoption_names_owners(person, body):
    assert rules.adoption_names_owners(person, body) == (person is not None and body is not None)


@given(statuses)
def test_cannot_retire_twice(status):
    assert rules.can_retire(status) == (status in ("reference", "in_use"))
