"""The named rules of the indicator review, each on its own."""

from hypothesis import given
from hypothesis import strategies as st

from accord.reviews import rules


def test_a_line_is_an_indicator_in_place_or_a_proposal():
    assert rules.entry_is_one_kind(5, "")
    assert rules.entry_is_one_kind(None, "Older people who feel they have a say")
    assert not rules.entry_is_one_kind(5, "Something else too")
    assert not rules.entry_is_one_kind(None, "")
    assert not rules.entry_is_one_kind(None, "   ")
    assert rules.is_proposal(None, "A new measure")
    assert not rules.is_proposal(5, "")
    assert not rules.is_proposal(None, " ")


def test_decisions_fit_the_kind_of_line():
    assert rules.decision_fits_entry("retain", proposed=False)
    assert rules.decision_fits_entry("drop", proposed=False)
    assert rules.decision_fits_entry("", proposed=False)
    assert not rules.decision_fits_entry("add", proposed=False)
    assert rules.decision_fits_entry("add", proposed=True)
    assert rules.decision_fits_entry("", proposed=True)
    assert not rules.decision_fits_entry("retain", proposed=True)
    assert not rules.decision_fits_entry("drop", proposed=True)


def test_dropping_needs_a_reason():
    assert not rules.drop_needs_reason("drop", "")
    assert not rules.drop_needs_reason("drop", "  \n")
    assert rules.drop_needs_reason("drop", "Data only every two years")
    assert rules.drop_needs_reason("retain", "")
    assert rules.drop_needs_reason("", "")


def test_only_open_live_reviews_take_changes():
    assert rules.review_accepts_changes("open", archived=False)
    assert not rules.review_accepts_changes("complete", archived=False)
    assert not rules.review_accepts_changes("open", archived=True)


def test_complete_once_every_indicator_in_place_is_decided():
    assert rules.can_complete([])
    assert rules.can_complete(["retain", "drop", "retain"])
    assert not rules.can_complete(["retain", ""])
    assert not rules.can_complete(["add"])


def test_only_proposals_are_withdrawn():
    assert rules.withdrawable(True)
    assert not rules.withdrawable(False)


def test_an_outcome_inherits_the_lead_of_the_commitment_above_it():
    parent_of = {7: None, 71: 7, 711: 71, 8: None}
    lead_of = {7: 100}
    assert rules.inherited_lead(7, parent_of, lead_of) == 100
    assert rules.inherited_lead(711, parent_of, lead_of) == 100
    assert rules.inherited_lead(8, parent_of, lead_of) is None
    # Its own lead wins over the one above.
    assert rules.inherited_lead(71, parent_of, {7: 100, 71: 200}) == 200
    # A broken chain with a loop ends rather than spinning.
    assert rules.inherited_lead(1, {1: 2, 2: 1}, {}) is None


@given(
    parents=st.lists(st.integers(min_value=-1, max_value=19), min_size=20, max_size=20),
    leads=st.dictionaries(st.integers(0, 19), st.integers(100, 105), max_size=8),
    start=st.integers(0, 19),
)
def test_inherited_lead_is_the_nearest_lead_up_the_chain(parents, leads, start):
    parent_of = {i: (p if p >= 0 else None) for i, p in enumerate(parents)}
    expected, seen, current = None, set(), start
    while current is not None and current not in seen:
        if current in leads:
            expected = leads[current]
            break
        seen.add(current)
        current = parent_of[current]
    assert rules.inherited_lead(start, parent_of, leads) == expected
