"""Which indicators and areas each scorecard covers."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accord.common.factories import CommitmentFactory, ManagerFactory, ResponsibilityFactory
from accord.scorecards import selectors
from accord.scorecards.tests.conftest import AS_OF, make_partnership
from accord.scorecards.tests.factories import make_indicator, observe

pytestmark = pytest.mark.django_db


def codes(indicators) -> set[str]:
    return {i.code for i in indicators}


def test_a_body_reaches_the_indicators_of_outcomes_two_levels_down():
    p = make_partnership(n_indicators=1, n_local=1)
    sub = CommitmentFactory(strategy=p.outcome.strategy, parent=p.outcome, kind="sub_outcome")
    deep = make_indicator()
    deep.outcomes.add(sub)
    retired = make_indicator(status="retired")
    retired.outcomes.add(p.outcome)
    found, why = selectors.body_indicators(p.theme, AnonymousUser())
    assert codes(found) == codes([*p.indicators, *p.local, p.owned, deep])
    assert why[deep.pk] == [f"Leads {p.commitment.number}. Healthier lives"]
    assert why[p.owned.pk] == ["Owns this indicator"]
    board, board_why = selectors.body_indicators(p.board, AnonymousUser())
    assert codes(board) == codes(p.local)
    assert board_why[p.local[0].pk] == [f"Contributes to {p.local_outcome.number}. Narrow the gap"]


def test_a_board_answers_for_what_the_bodies_reporting_to_it_lead():
    p = make_partnership(n_indicators=1, n_local=1)
    found, why = selectors.body_indicators(p.lsp, AnonymousUser())
    assert codes(found) == codes([*p.indicators, *p.local, p.owned])
    assert why[p.indicators[0].pk] == [
        f"Through {p.theme.name}: Leads {p.commitment.number}. Healthier lives"
    ]
    assert why[p.owned.pk] == [f"Owned by {p.theme.name}"]
    ResponsibilityFactory(commitment=p.commitment, body=p.board, role="contributing")
    _, why = selectors.body_indicators(p.lsp, AnonymousUser())
    assert why[p.indicators[0].pk] == [
        f"Through {p.theme.name} (leads) and 1 other body: {p.commitment.number}. Healthier lives"
    ]


def test_unpublished_strategies_and_archived_responsibilities_do_not_count():
    p = make_partnership(n_indicators=1, n_local=0)
    strategy = p.commitment.strategy
    strategy.is_published = False
    strategy.save()
    assert codes(selectors.body_indicators(p.theme, AnonymousUser())[0]) == {p.owned.code}
    assert p.indicators[0] in selectors.body_indicators(p.theme, ManagerFactory())[0]
    strategy.is_published = True
    strategy.save()
    p.theme.responsibilities.update(archived_on=timezone.now())
    assert codes(selectors.body_indicators(p.theme, AnonymousUser())[0]) == {p.owned.code}
    ResponsibilityFactory(commitment=p.outcome, body=p.theme, role="contributing")
    assert p.indicators[0] in selectors.body_indicators(p.theme, AnonymousUser())[0]


def test_an_area_board_scorecard_shows_the_borough_where_an_indicator_goes_no_lower():
    p = make_partnership(n_indicators=1, n_local=1)
    ind = p.indicators[0]
    ind.outcomes.add(p.local_outcome)
    board = selectors.body_with_area(pk=p.board.pk, user=AnonymousUser())
    card = selectors.scorecard_for_body(board, AS_OF)
    areas = {r.indicator.pk: r.area for r in card.rows}
    assert areas == {ind.pk: p.world.borough, p.local[0].pk: p.world.apbs[0]}
    assert card.area == p.world.apbs[0]


def test_exceptions_rank_the_most_exceptional_first():
    p = make_partnership(n_indicators=2, n_local=0)
    late = make_indicator()
    late.outcomes.add(p.outcome)
    observe(late, p.world.borough, "2005/06", 10)
    worse = p.indicators[1]
    worse.observations.filter(period__code="2009/10 Q3", area=p.world.borough).update(
        value=40, ci_lower=39, ci_upper=41
    )
    rows = selectors.exceptions(AS_OF).rows
    assert [r.indicator for r in rows] == [worse, late]
    assert rows[0].exceptions[:2] == ["Red against target", "Off track for the final target"]
    assert rows[1].exceptions == ["Data late"]


def test_focus_ranks_areas_then_gaps():
    p = make_partnership(n_indicators=0, n_local=2)
    result = selectors.focus(AS_OF)
    assert result.area == p.world.borough
    assert [f.area for f in result.areas] == p.world.apbs
    worst = result.areas[0]
    assert [r.indicator for r in worst.significantly_worse] == p.local
    # Board area 0 is 50 against the borough's 64 and 65: about 22% worse.
    assert worst.mean_gap == pytest.approx((14 / 64 + 15 / 65) / 2)
    assert worst.furthest.indicator == p.local[1]
    assert [len(item.rows) for item in result.indicators] == [3, 3]
    assert result.indicators[0].rows[0].area == p.world.apbs[2]  # best first
