"""The framework's named rules, each on its own, with hypothesis for the date arithmetic."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.bodies import rules

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))


def chain(parents: dict[int, int | None]):
    return lambda body_id: parents.get(body_id)


def test_a_body_cannot_report_to_itself():
    assert not rules.body_is_not_own_ancestor(1, 1, chain({}))


def test_a_body_cannot_report_to_its_own_descendant():
    # 3 reports to 2, 2 reports to 1: making 1 report to 3 closes a loop.
    parents = {3: 2, 2: 1, 1: None}
    assert not rules.body_is_not_own_ancestor(1, 3, chain(parents))


def test_a_body_may_report_to_an_unrelated_branch():
    parents = {3: 2, 2: None, 5: 4, 4: None}
    assert rules.body_is_not_own_ancestor(5, 3, chain(parents))


def test_a_new_body_has_no_descendants_to_loop_through():
    assert rules.body_is_not_own_ancestor(None, 7, chain({7: 6, 6: None}))


def test_an_existing_loop_elsewhere_does_not_hang_the_check():
    assert not rules.body_is_not_own_ancestor(9, 1, chain({1: 2, 2: 1}))


@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=30, unique=True))
def test_any_chain_through_the_body_itself_is_refused(ids):
    # ids[0] ← ids[1] ← … ← ids[-1]; proposing ids[-1] as the parent of ids[0] makes a loop.
    parents = {child: parent for parent, child in zip(ids, ids[1:], strict=False)}
    parents[ids[0]] = None
    assert not rules.body_is_not_own_ancestor(ids[0], ids[-1], chain(parents))


def test_successor_the_day_after_is_allowed():
    assert rules.successor_starts_no_later_than_predecessor_ends(
        dt.date(2009, 3, 31), dt.date(2009, 4, 1)
    )


def test_successor_after_a_gap_is_refused():
    assert not rules.successor_starts_no_later_than_predecessor_ends(
        dt.date(2009, 3, 31), dt.date(2009, 4, 2)
    )


@given(dates, st.integers(min_value=-400, max_value=400))
def test_successor_rule_is_a_one_day_window(ended, offset):
    started = ended + dt.timedelta(days=offset)
    assert rules.successor_starts_no_later_than_predecessor_ends(ended, started) == (offset <= 1)


@given(st.one_of(st.none(), dates))
def test_unknown_dates_never_break_the_successor_rule(d):
    assert rules.successor_starts_no_later_than_predecessor_ends(None, d)
    assert rules.successor_starts_no_later_than_predecessor_ends(d, None)
