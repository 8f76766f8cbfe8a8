import datetime as dt
from dataclasses import dataclass

import pytest

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.common.factories import (
    BodyFactory,
    CommitmentFactory,
    ResponsibilityFactory,
    StrategyFactory,
)
from accord.indicators.models import Indicator
from accord.scorecards.tests.factories import World, make_indicator, make_world, observe, target
from accord.strategies.models import Commitment

AS_OF = dt.date(2010, 1, 15)  # reports 2009/10 Q3, October to December 2009
QUARTERS = ["2008/09 Q3", "2008/09 Q4", "2009/10 Q1", "2009/10 Q2", "2009/10 Q3"]


@dataclass
class Partnership:
    world: World
    lsp: Body
    theme: Body
    board: Body
    commitment: Commitment
    outcome: Commitment
    local_outcome: Commitment
    indicators: list[Indicator]
    local: list[Indicator]
    owned: Indicator


def add_figures(world: World, ind: Indicator, *, with_sub_areas: bool = False, seed: int = 0):
    """Five quarters for the borough, and the latest for England, the region and neighbours."""
    for i, period in enumerate(QUARTERS):
        v = 60 + i + seed
        observe(ind, world.borough, period, v, v - 1, v + 1)
    last = QUARTERS[-1]
    observe(ind, world.england, last, 62)
    observe(ind, world.region, last, 63)
    for j, area in enumerate(world.neighbours):
        observe(ind, area, last, 55 + 5 * j)
    if with_sub_areas:
        for j, area in enumerate(world.apbs):
            v = 50 + 8 * j
            observe(ind, area, last, v, v - 2, v + 2)
    target(ind, world.borough, "2009/10", 63)
    target(ind, world.borough, "2010/11", 70)


def make_partnership(n_indicators: int = 2, n_local: int = 1) -> Partnership:
    world = make_world()
    lsp = BodyFactory(name="Test LSP", area=world.borough, kind="lsp_board")
    theme = BodyFactory(name="Test Health and Wellbeing", area=world.borough, parent=lsp)
    board = BodyFactory(name="Test Area Board", area=world.apbs[0], parent=lsp)
    strategy = StrategyFactory(is_published=True)
    commitment = CommitmentFactory(strategy=strategy, title="Healthier lives")
    outcome = CommitmentFactory(
        strategy=strategy, parent=commitment, kind="outcome", title="Fewer admissions"
    )
    local_outcome = CommitmentFactory(
        strategy=strategy, parent=commitment, kind="outcome", title="Narrow the gap"
    )
    ResponsibilityFactory(commitment=commitment, body=theme, role="lead")
    ResponsibilityFactory(commitment=local_outcome, body=board, role="contributing")
    indicators = []
    for i in range(n_indicators):
        ind = make_indicator(frequency="quarterly", period_kind="financial_quarter")
        ind.outcomes.add(outcome)
        add_figures(world, ind, seed=i)
        indicators.append(ind)
    local = []
    for i in range(n_local):
        ind = make_indicator(
            frequency="quarterly", period_kind="financial_quarter", geography="apb_area"
        )
        ind.outcomes.add(local_outcome)
        add_figures(world, ind, with_sub_areas=True, seed=i)
        local.append(ind)
    owned = make_indicator(owning_body=theme, polarity="lower")
    observe(owned, world.borough, "2008/09", 12)
    return Partnership(
        world, lsp, theme, board, commitment, outcome, local_outcome, indicators, local, owned
    )


@pytest.fixture
def partnership(db) -> Partnership:
    return make_partnership()


def area_names(areas: list[Area]) -> list[str]:
    return [a.name for a in areas]
