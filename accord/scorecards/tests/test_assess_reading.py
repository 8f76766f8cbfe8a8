"""How the assessment reads: the row-wise reading's queries (a fixed number, ids written as
integers, no earlier figures without the trend), and the column-wise way of large assessments
checked against it field by field on random data."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.common.factories import ManagerFactory
from accord.scorecards import columns, rules
from accord.scorecards.assess import assess
from accord.scorecards.tests.factories import make_indicator, make_world, observe, target
from accord.scorecards.tests.test_assess import AS_OF, QUARTERS, _data, one, quarterly

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


def test_a_fixed_number_of_queries_whatever_the_size(world):
    small_inds, small_areas = _data(world, 1)
    more_inds, _ = _data(world, 4)
    with CaptureQueriesContext(connection) as small:
        assess(indicators=small_inds, areas=small_areas[:2], as_of=AS_OF)
    with CaptureQueriesContext(connection) as large:
        rows = assess(indicators=small_inds + more_inds, areas=small_areas, as_of=AS_OF)
    assert len(rows) == 5 * len(small_areas)
    assert len(large) == len(small) <= 12


def _random_world(world, seed: int):
    """Indicators of every polarity, frequency and tolerance, figures with and without
    intervals, gaps, provisional figures, the areas' own and their groups' targets."""
    rng = random.Random(seed)
    quarters = [f"{y}/{str(y + 1)[2:]} Q{q}" for y in range(2006, 2010) for q in (1, 2, 3, 4)]
    years = [f"{y}/{str(y + 1)[2:]}" for y in range(2003, 2011)]
    areas = [world.england, world.region, world.borough, *world.apbs, *world.neighbours]
    inds = []
    for i in range(8):
        kind = "quarterly" if i % 2 else "annual"
        ind = make_indicator(
            frequency=kind,
            period_kind="financial_quarter" if kind == "quarterly" else "financial_year",
            polarity=("higher", "lower", "none")[i % 3],
            tolerance_kind=("relative", "absolute")[i % 2],
            tolerance=rng.choice([5, 10, 20, 30]),
            forecast_points=rng.choice([0, 3, 4, 6]),
            geography=rng.choice(["borough", "apb_area"]),
            minimum=0 if i % 4 == 0 else None,
            maximum=100 if i % 4 == 0 else None,
        )
        inds.append(ind)
        periods = quarters if kind == "quarterly" else years
        for area in areas:
            for period in periods:
                if area == world.neighbours[-1] and i % 3 == 0:
                    break  # a series with no figures at all
                if rng.random() < 0.25:
                    continue
                value = round(rng.uniform(20, 80), 1)
                spread = rng.choice([None, 1.0, 4.0])
                observe(
                    ind,
                    area,
                    period,
                    value,
                    None if spread is None else value - spread,
                    None if spread is None else value + spread,
                    status=rng.choice(["final", "final", "provisional"]),
                )
        for area in areas:
            for period in [*rng.sample(periods, len(periods) // 2), "2011/12"]:
                target(ind, area, period, round(rng.uniform(40, 60)))
        target(ind, None, rng.choice(periods), 55, group=world.comparators)
    return inds, areas


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_both_ways_give_the_same_assessment(world, seed, monkeypatch):
    inds, areas = _random_world(world, seed)
    seen: set[str] = set()
    for user in (None, ManagerFactory()):
        for as_of in (AS_OF, dt.date(2010, 4, 30), dt.date(2010, 7, 20), dt.date(2012, 1, 1)):
            by_rows = assess(indicators=inds, areas=areas, as_of=as_of, user=user)
            with monkeypatch.context() as m:
                m.setattr(columns, "COLUMNS_FROM", 1)
                by_columns = assess(indicators=inds, areas=areas, as_of=as_of, user=user)
            assert len(by_rows) == len(by_columns) > 0
            for a, b in zip(by_rows, by_columns, strict=True):
                if a.forecast_value is not None:  # to rounding: numpy sums, not math.fsum
                    assert b.forecast_value == pytest.approx(a.forecast_value, rel=1e-12)
                    b = b._replace(forecast_value=a.forecast_value)
                assert a == b
                seen.update((a.rag, a.direction_previous, a.forecast_status, a.significance))
    # Every outcome turned up somewhere, so the comparison covered each rule.
    outcomes = (*rules.RAG_LABELS, *rules.DIRECTION_LABELS, *rules.SIGNIFICANCE_LABELS)
    assert seen >= set(outcomes) | {"on_track", "off_track", "no_forecast"}


def test_without_the_trend_the_earlier_figures_are_not_read(world):
    ind = quarterly(forecast_points=4)
    for period, value in zip(QUARTERS, [60, 62, 63, 65, 70], strict=True):
        observe(ind, world.borough, period, value)
    target(ind, world.borough, "2010/11", 80)
    full = one(assess(indicators=[ind], areas=[world.borough], as_of=AS_OF), ind, world.borough)
    with CaptureQueriesContext(connection) as with_trend:
        assess(indicators=[ind], areas=[world.borough], as_of=AS_OF)
    with CaptureQueriesContext(connection) as without:
        rows = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF, trend=False)
    standing = one(rows, ind, world.borough)
    assert (standing.value, standing.rag, standing.quartile) == (
        full.value,
        full.rag,
        full.quartile,
    )
    assert len(without) == len(with_trend) - 1


def test_ids_written_into_the_sql_are_integers_only(world):
    """The id condition matches exactly the ids given, none for an empty list, and refuses
    anything that is not an integer rather than writing it into the SQL."""
    from accord.observations.models import Observation
    from accord.scorecards.assess import ids_in

    ind = quarterly()
    first = observe(ind, world.borough, "2009/10 Q1", 10)
    observe(ind, world.borough, "2009/10 Q2", 11)
    found = Observation.objects.filter(ids_in(Observation, id=[first.pk, first.pk]))
    assert list(found.values_list("pk", flat=True)) == [first.pk]
    assert not Observation.objects.filter(ids_in(Observation, id=[])).exists()
    assert not Observation.objects.filter(ids_in(Observation, id=[first.pk], area_id=[])).exists()
    with pytest.raises(ValueError):
        list(Observation.objects.filter(ids_in(Observation, id=["1) OR (1 = 1"])))
