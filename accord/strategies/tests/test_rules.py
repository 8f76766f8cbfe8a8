from hypothesis import given
from hypothesis import strategies as st

from accord.strategies import rules

roles = st.lists(st.sampled_from(["lead", "contributing"]), max_size=8)


@given(roles)
def test_exactly_one_lead_when_any_body_is_responsible(rs):
    assert rules.lead_count_is_valid(rs) == (not rs or rs.count("lead") == 1)


def test_no_bodies_is_a_gap_not_a_breach():
    assert rules.lead_count_is_valid([])


def test_two_leads_break_the_rule():
    assert not rules.lead_count_is_valid(["lead", "lead", "contributing"])


def test_an_outcome_cannot_sit_beneath_itself():
    parents = {3: 2, 2: 1, 1: None}
    assert not rules.commitment_is_not_own_ancestor(1, 3, parents.get)
    assert rules.commitment_is_not_own_ancestor(4, 3, parents.get)


def test_outcome_in_same_strategy():
    assert rules.outcome_in_same_strategy(1, None)
    assert rules.outcome_in_same_strategy(1, 1)
    assert not rules.outcome_in_same_strategy(1, 2)


def test_delivers_chain_without_loop():
    links = {2: 3, 3: None}
    assert rules.chain_has_no_loop(1, 2, links.get)
    assert not rules.chain_has_no_loop(1, 1, links.get)
    # 1 → 2 → 3 → 1 closes a loop.
    assert not rules.chain_has_no_loop(1, 2, {2: 3, 3: 1}.get)
    assert rules.chain_has_no_loop(None, 2, links.get)
