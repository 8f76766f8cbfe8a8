"""A small partnership for the collection tests: the borough with its LSP, an area board area,
a lead officer who signs in, and indicators of each frequency."""

import datetime as dt
from dataclasses import dataclass

import pytest

from accord.areas.models import Area
from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    ManagerFactory,
    PersonFactory,
    UserFactory,
)
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.indicators.models import Indicator
from accord.observations.models import Observation
from accord.observations.versions import figures_changed

D = dt.date


@dataclass
class Partnership:
    borough: Area
    apb: Area
    lead: object  # the lead officer's user
    manager: object
    claimants: Indicator  # quarterly, borough only
    crime: Indicator  # quarterly, down to area board areas
    homes: Indicator  # annual
    place_survey: Indicator  # biennial


def figure(indicator, area, period: str, value: float, **extra) -> Observation:
    """An earlier published figure, written directly as an import would."""
    made = Observation.objects.create(
        indicator=indicator, area=area, period=PeriodFactory(text=period), value=value, **extra
    )
    figures_changed()  # as every writer of figures does
    return made


@pytest.fixture
def partnership(db) -> Partnership:
    borough = AreaFactory(kind="borough", name="Cheshire West and Chester", gss_code="E06000050")
    apb = AreaFactory(kind="apb_area", name="Chester", parent=borough)
    BodyFactory(kind="lsp_board", name="West Cheshire Together", area=borough)
    owner = BodyFactory(name="Business Enterprise and Culture Partnership")
    person = PersonFactory(name="Tim Jackson", email="tim.jackson@example.org")
    lead = UserFactory(person=person, is_lead_officer=True, first_name="Tim", last_name="Jackson")
    common = {"lead_officer": person, "owning_body": owner}
    claimants = IndicatorFactory(
        code="NI 152",
        title="Working age people on out of work benefits",
        frequency="quarterly",
        period_kind="financial_quarter",
        minimum=0,
        maximum=100,
        **common,
    )
    crime = IndicatorFactory(
        code="SC 7",
        title="Serious acquisitive crime rate",
        value_type="rate_1000",
        unit="per 1,000",
        frequency="quarterly",
        geography="apb_area",
        **common,
    )
    homes = IndicatorFactory(
        code="NI 154",
        title="Net additional homes provided",
        value_type="count",
        unit="homes",
        frequency="annual",
        **common,
    )
    place_survey = IndicatorFactory(
        code="NI 1",
        title="% of people who believe people from different backgrounds get on well together",
        frequency="biennial",
        **common,
    )
    IndicatorFactory(code="AH 1", frequency="ad_hoc", **common)
    IndicatorFactory(code="NI 200", frequency="quarterly", status="reference", **common)
    for period, value in [("2008/09 Q3", 3.1), ("2008/09 Q4", 3.3), ("2009/10 Q1", 3.2)]:
        figure(claimants, borough, period, value)
    figure(claimants, borough, "2009/10 Q2", 3.4)
    figure(place_survey, borough, "2008/09", 77.6)
    return Partnership(borough, apb, lead, ManagerFactory(), claimants, crime, homes, place_survey)
