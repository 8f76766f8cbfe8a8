"""Test data for assessment and scorecards: a small England with a region, a borough and its
area partnership board areas, neighbours, a comparator group, indicators, figures and targets.

The figures here are made up for tests and are labelled illustrative where they reach a page."""

import itertools
from dataclasses import dataclass, field

from accord.areas.models import Area, AreaGroup, AreaGroupKind, AreaKind
from accord.indicators.models import Indicator
from accord.indicators.periods import period_for
from accord.observations.models import Observation
from accord.observations.versions import figures_changed
from accord.targets.models import Target

_codes = itertools.count(1)


def make_indicator(**fields) -> Indicator:
    n = next(_codes)
    defaults = {
        "code": f"T {n}",
        "title": f"Test indicator {n}",
        "polarity": "higher",
        "frequency": "annual",
        "period_kind": "financial_year",
        "unit": "%",
        "value_type": "percentage",
        "tolerance_kind": "relative",
        "tolerance": 5.0,
        "data_source": "Test data",
    }
    return Indicator.objects.create(**{**defaults, **fields})


def observe(
    indicator: Indicator,
    area: Area,
    period: str,
    value: float | None,
    lower: float | None = None,
    upper: float | None = None,
    **fields,
) -> Observation:
    made = Observation.objects.create(
        indicator=indicator,
        area=area,
        period=period_for(period),
        value=value,
        ci_lower=lower,
        ci_upper=upper,
        **{"provenance": "illustrative", **fields},
    )
    figures_changed()  # as every writer of figures does
    return made


def target(
    indicator: Indicator,
    area: Area | None,
    period: str,
    value: float,
    *,
    group: AreaGroup | None = None,
    **fields,
) -> Target:
    return Target.objects.create(
        indicator=indicator,
        area=area,
        area_group=group,
        period=period_for(period),
        value=value,
        **{"provenance": "illustrative", **fields},
    )


@dataclass
class World:
    england: Area
    region: Area
    borough: Area
    neighbours: list[Area]
    apbs: list[Area]
    wards: list[Area]
    comparators: AreaGroup
    extra: dict = field(default_factory=dict)


def make_world(neighbours: int = 4, apbs: int = 3, wards: int = 0) -> World:
    england = Area.objects.create(name="England", kind=AreaKind.COUNTRY, gss_code="E92000001")
    region = Area.objects.create(
        name="North West", kind=AreaKind.REGION, gss_code="E12000002", parent=england
    )
    borough = Area.objects.create(
        name="Cheshire West and Chester",
        kind=AreaKind.BOROUGH,
        gss_code="E06000050",
        parent=region,
    )
    others = [
        Area.objects.create(
            name=f"Neighbour {i}", kind=AreaKind.BOROUGH, gss_code=f"E0600010{i}", parent=region
        )
        for i in range(neighbours)
    ]
    apb_areas = [
        Area.objects.create(name=f"Board area {i}", kind=AreaKind.APB_AREA, parent=borough)
        for i in range(apbs)
    ]
    ward_areas = [
        Area.objects.create(name=f"Ward {i}", kind=AreaKind.WARD, parent=borough)
        for i in range(wards)
    ]
    group = AreaGroup.objects.create(
        name="Similar to Cheshire West and Chester", kind=AreaGroupKind.COMPARATOR, anchor=borough
    )
    group.members.set([borough, *others[:3]])
    return World(england, region, borough, others, apb_areas, ward_areas, group)
