"""Fixtures for the figures tests: the areas and indicators the test files name."""

from pathlib import Path

import pytest

from accord.areas.models import AreaCode, AreaKind
from accord.common.factories import AreaFactory, ManagerFactory
from accord.indicators.factories import IndicatorFactory
from accord.indicators.models import Scheme, ValueType

FILES = Path(__file__).parent / "files"


@pytest.fixture
def places(db):
    """England, Cheshire West and Chester (also known by its old code 00EW) and the Isles of
    Scilly."""
    england = AreaFactory(name="England", kind=AreaKind.COUNTRY, gss_code="E92000001")
    cwac = AreaFactory(
        name="Cheshire West and Chester", kind=AreaKind.BOROUGH, gss_code="E06000050"
    )
    AreaCode.objects.create(area=cwac, code="00EW", note="ONS SNAC code before GSS codes")
    scilly = AreaFactory(name="Isles of Scilly", kind=AreaKind.BOROUGH, gss_code="E06000053")
    return {"england": england, "cwac": cwac, "scilly": scilly}


@pytest.fixture
def library(db):
    """The indicators the test files name."""
    return {
        "EMP": IndicatorFactory(
            code="EMP",
            title="Employment rate",
            value_type=ValueType.PERCENTAGE,
            minimum=0,
            maximum=100,
        ),
        "CRP": IndicatorFactory(
            code="CRP",
            title="Children in relative poverty before housing costs",
            value_type=ValueType.PERCENTAGE,
            minimum=0,
            maximum=100,
        ),
        "TQ": IndicatorFactory(code="TQ", title="Test-only count", value_type=ValueType.COUNT),
        "HLE": IndicatorFactory(
            code="PHOF 0.1i",
            title="Healthy life expectancy at birth",
            scheme=Scheme.FINGERTIPS,
            external_id="90362",
            value_type=ValueType.YEARS,
            unit="years",
        ),
        "FT": IndicatorFactory(
            code="FT 99999",
            title="Test-only Fingertips indicator",
            scheme=Scheme.FINGERTIPS,
            external_id="99999",
            value_type=ValueType.PERCENTAGE,
            minimum=0,
            maximum=100,
        ),
    }


@pytest.fixture
def manager(db):
    return ManagerFactory()
