"""A small strategy in the shape of seed 003: commitments with their lead partnerships
(appendix 1), an outcome beneath one, and national indicators in use under them."""

from dataclasses import dataclass

import pytest

from accord.bodies.models import Body
from accord.common.factories import (
    BodyFactory,
    CommitmentFactory,
    ResponsibilityFactory,
    StrategyFactory,
)
from accord.indicators.factories import IndicatorFactory
from accord.indicators.models import Indicator, IndicatorStatus
from accord.strategies.models import Commitment, Strategy


@dataclass
class Scs:
    strategy: Strategy
    health: Body
    children: Body
    safer: Body
    c7: Commitment
    c7_1: Commitment
    c8: Commitment
    c15: Commitment
    ni39: Indicator
    ni123: Indicator
    ni116: Indicator
    retired: Indicator


@pytest.fixture
def scs(db) -> Scs:
    strategy = StrategyFactory(title="Together we Can Aim High")
    health = BodyFactory(name="Health and Wellbeing Thematic Partnership")
    children = BodyFactory(name="Children's Trust")
    safer = BodyFactory(name="Safer Communities Thematic Partnership")
    c7 = CommitmentFactory(
        strategy=strategy,
        number="7",
        position=7,
        title="Reducing health inequalities and encouraging people to live longer, healthier "
        "and active lives",
    )
    c7_1 = CommitmentFactory(
        strategy=strategy,
        parent=c7,
        kind="outcome",
        number="7.1",
        position=7,
        title="Fewer people smoke",
    )
    c8 = CommitmentFactory(
        strategy=strategy,
        number="8",
        position=8,
        title="Aiming to eliminate the impact of poverty and deprivation within our communities",
    )
    c15 = CommitmentFactory(
        strategy=strategy,
        number="15",
        position=15,
        title="Adapting built and natural environments to be resilient to climate change.",
    )
    ResponsibilityFactory(commitment=c7, body=health, role="lead")
    ResponsibilityFactory(commitment=c7, body=safer, role="contributing")
    ResponsibilityFactory(commitment=c8, body=children, role="lead")
    ResponsibilityFactory(commitment=c8, body=health, role="contributing")
    ni39 = IndicatorFactory(
        code="NI 39",
        title="Rate of Hospital Admissions per 100,000 for Alcohol Related Harm",
        outcomes=[c7],
    )
    ni123 = IndicatorFactory(code="NI 123", title="Stopping smoking", outcomes=[c7_1])
    ni116 = IndicatorFactory(
        code="NI 116", title="Proportion of children in poverty", outcomes=[c8]
    )
    retired = IndicatorFactory(
        code="NI 117",
        title="16 to 18 year olds not in education, employment or training",
        status=IndicatorStatus.RETIRED,
        outcomes=[c8],
    )
    return Scs(strategy, health, children, safer, c7, c7_1, c8, c15, ni39, ni123, ni116, retired)
