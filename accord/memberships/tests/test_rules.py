"""Membership rules on their own."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from accord.memberships import rules

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
maybe = st.one_of(st.none(), dates)
D = dt.date


def spans():
    return st.tuples(maybe, maybe).filter(lambda s: s[0] is None or s[1] is None or s[0] <= s[1])


def test_membership_inside_the_body_life_is_allowed():
    assert rules.membership_within_body_life((D(2009, 4, 1), D(2010, 3, 31)), (D(2009, 4, 1), None))


def test_membership_before_the_body_is_refused():
    assert not rules.membership_within_body_life((D(2009, 3, 1), None), (D(2009, 4, 1), None))


def test_open_membership_of_an_ended_body_is_refused():
    assert not rules.membership_within_body_life((D(2008, 1, 1), None), (None, D(2009, 3, 31)))


def test_membership_outliving_its_body_is_refused():
    assert not rules.membership_within_body_life(
        (D(2008, 1, 1), D(2009, 4, 30)), (None, D(2009, 3, 31))
    )


def test_an_unrecorded_start_is_taken_as_the_body_start():
    assert rules.membership_within_body_life((None, None), (D(2009, 4, 1), None))


@given(spans(), spans())
def test_within_means_inside_both_ends(m, b):
    inside = (b[0] is None or m[0] is None or m[0] >= b[0]) and (
        b[1] is None or (m[1] is not None and m[1] <= b[1])
    )
    assert rules.membership_within_body_life(m, b) == inside


@given(spans(), spans())
def test_overlap_is_symmetric(a, b):
    assert rules.spans_overlap(a, b) == rules.spans_overlap(b, a)


def test_a_second_chair_at_the_same_time_is_refused():
    assert not rules.at_most_one_chair((D(2010, 1, 1), None), [(D(2009, 4, 1), None)], False)


def test_a_chair_after_the_last_one_ended_is_allowed():
    assert rules.at_most_one_chair((D(2010, 1, 1), None), [(D(2009, 4, 1), D(2009, 12, 31))], False)


def test_co_chairs_are_allowed_when_the_terms_say_so():
    assert rules.at_most_one_chair((D(2010, 1, 1), None), [(D(2009, 4, 1), None)], True)


@given(spans(), st.lists(spans(), max_size=5))
def test_one_chair_rule_matches_overlap(new, others):
    assert rules.at_most_one_chair(new, others, False) == (
        not any(rules.spans_overlap(new, o) for o in others)
    )
