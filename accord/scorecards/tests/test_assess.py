"""The assessment over real rows, both ways (row-wise as a scorecard reads, column-wise as a
large assessment works): each rule applied in order, benchmarks, quartiles, what the public
sees. How each way reads is in test_assess_reading."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.areas.models import AreaGroup, AreaGroupKind
from accord.common.factories import ManagerFactory
from accord.scorecards import columns, rules
from accord.scorecards.assess import ROW_FIELDS, assess, assess_rows
from accord.scorecards.tests.factories import make_indicator, make_world, observe, target

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2010, 1, 15)  # reporting quarter: 2009/10 Q3 (October to December 2009)
QUARTERS = ["2008/09 Q3", "2008/09 Q4", "2009/10 Q1", "2009/10 Q2", "2009/10 Q3"]


@pytest.fixture
def world():
    return make_world()


@pytest.fixture(autouse=True, params=["rows", "columns"])
def engine(request, monkeypatch):
    """Every test runs twice: reading the figures it needs row-wise, as a scorecard does, and
    column-wise from the process's copy of the figures, as a large assessment does."""
    if request.param == "columns":
        monkeypatch.setattr(columns, "COLUMNS_FROM", 1)
    return request.param


def quarterly(**fields):
    return make_indicator(frequency="quarterly", period_kind="financial_quarter", **fields)


def one(rows, indicator, area):
    (found,) = [r for r in rows if r.indicator_id == indicator.pk and r.area_id == area.pk]
    return found


def test_a_full_assessment(world):
    ind = quarterly(forecast_points=4)
    for period, value in zip(QUARTERS, [60, 62, 63, 65, 70], strict=True):
        observe(ind, world.borough, period, value)
    observe(ind, world.borough, "2009/10 Q3", None, suppressed=True, breakdown="Female")
    # The borough's latest figure has an interval that leaves England outside it.
    latest = ind.observations.get(period__code="2009/10 Q3", breakdown="")
    latest.ci_lower, latest.ci_upper = 68, 72
    latest.save()
    observe(ind, world.england, "2009/10 Q3", 66)
    observe(ind, world.region, "2009/10 Q3", 67)
    for area, value in zip(world.neighbours, [50, 60, 75, 80], strict=True):
        observe(ind, area, "2009/10 Q3", value)
    target(ind, world.borough, "2009/10", 68)
    target(ind, world.borough, "2010/11", 80, provenance="real")

    a = one(assess(indicators=[ind], areas=[world.borough], as_of=AS_OF), ind, world.borough)
    assert (a.period_code, a.value, a.status) == ("2009/10 Q3", 70, "final")
    assert (a.target_value, a.target_period_code, a.target_illustrative) == (68, "2009/10", True)
    assert a.rag == "green"
    assert (a.direction_previous, a.previous_value) == ("improving", 65)
    assert (a.direction_year, a.year_earlier_value) == ("improving", 60)
    assert (a.england_value, a.region_value) == (66, 67)
    # Comparator: the median of the three similar areas, the borough itself left out.
    assert (a.comparator_value, a.comparator_count) == (60, 3)
    assert a.significance == "better"
    assert a.benchmark_area_id == world.england.pk
    # Among the five authorities (50, 60, 70, 75, 80) two are better: 1 + ⌊8/5⌋ = 2.
    assert a.quartile == 2
    assert (a.final_target_value, a.final_target_period_code) == (80, "2010/11")
    assert a.forecast_method == "linear trend of the last 4 points (least squares)"
    assert a.forecast_value > 80 and a.forecast_status == "on_track"


def test_rag_precedence(world):
    b = world.borough
    not_due = make_indicator(polarity="lower")  # annual, financial year: due January to March
    observe(not_due, b, "2008/09", 10)
    target(not_due, b, "2008/09", 5)
    late = make_indicator()
    observe(late, b, "2006/07", 10)
    missing = quarterly()
    unjudged = quarterly(polarity="none")
    observe(unjudged, b, "2009/10 Q3", 3)
    target(unjudged, b, "2009/10", 5)
    untargeted = quarterly()
    observe(untargeted, b, "2009/10 Q3", 3)
    grouped = quarterly(tolerance_kind="absolute", tolerance=2)
    observe(grouped, b, "2009/10 Q2", 49)
    group = AreaGroup.objects.create(name="West", kind=AreaGroupKind.NAMED)
    group.members.set([b, world.neighbours[0]])
    target(grouped, None, "2009/10", 50, group=group)
    red = quarterly()
    observe(red, b, "2009/10 Q3", 40)
    target(red, b, "2009/10 Q3", 50)
    target(red, b, "2009/10", 45)  # the figure's own period comes first

    rows = assess(
        indicators=[not_due, late, missing, unjudged, untargeted, grouped, red],
        areas=[b],
        as_of=AS_OF,
    )
    assert [r.rag for r in rows] == [
        "no_data_due",
        "data_late",
        "no_data",
        "not_judged",
        "no_target",
        "amber",
        "red",
    ]
    assert rows[-1].target_period_code == "2009/10 Q3"
    # In January to March the annual figure falls due, and is judged against its target.
    (again,) = assess(indicators=[not_due], areas=[b], as_of=dt.date(2010, 4, 1))
    assert again.rag == "red"


def test_the_public_sees_final_figures_only(world):
    ind = quarterly()
    observe(ind, world.borough, "2009/10 Q2", 60)
    observe(ind, world.borough, "2009/10 Q3", 70, status="provisional")
    (public,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF, user=AnonymousUser())
    (manager,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF, user=ManagerFactory())
    assert (public.period_code, public.value) == ("2009/10 Q2", 60)
    assert (manager.period_code, manager.value, manager.status) == ("2009/10 Q3", 70, "provisional")


def test_the_public_sees_no_data_where_every_figure_is_provisional(world):
    ind = quarterly()
    observe(ind, world.borough, "2009/10 Q3", 70, status="provisional")
    (public,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF, user=AnonymousUser())
    assert (public.rag, public.value, public.period_code) == ("no_data", None, None)


@pytest.mark.parametrize("as_of", [dt.date(2009, 8, 15), dt.date(2011, 1, 15)])
def test_of_two_periods_with_the_same_dates_the_later_made_is_the_latest(world, as_of):
    """A financial and a calendar quarter can share their dates; both ways of reading, and the
    window for a late series, take the period made last."""
    ind = quarterly()
    observe(ind, world.borough, "2009/10 Q1", 60)  # April to June 2009, made first
    observe(ind, world.borough, "2009 Q2", 61)  # April to June 2009 too
    (a,) = assess(indicators=[ind], areas=[world.borough], as_of=as_of)
    assert (a.period_code, a.value) == ("2009 Q2", 61)
    assert a.rag == ("data_late" if as_of.year == 2011 else "no_target")


def test_restated_and_future_figures_are_left_out(world):
    ind = quarterly()
    old = observe(ind, world.borough, "2009/10 Q3", 70)
    old.is_current = False
    old.save()
    observe(ind, world.borough, "2009/10 Q3", 71, restates=old)
    observe(ind, world.borough, "2009/10 Q4", 90)  # ends after the as-of day
    (a,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF)
    assert (a.period_code, a.value) == ("2009/10 Q3", 71)


def test_sub_areas_are_compared_with_their_borough(world):
    ind = quarterly(geography="apb_area")
    borough_only = quarterly()
    observe(ind, world.borough, "2009/10 Q3", 55, 54, 56)
    observe(borough_only, world.borough, "2009/10 Q3", 1)
    observe(ind, world.england, "2009/10 Q3", 50)
    for area, (v, lo, hi) in zip(
        world.apbs, [(40, 35, 45), (54, 50, 58), (70, 65, 75)], strict=True
    ):
        observe(ind, area, "2009/10 Q3", v, lo, hi)
    rows = assess(indicators=[ind, borough_only], areas=[world.borough, *world.apbs], as_of=AS_OF)
    # The borough-only indicator is not assessed for the board areas.
    assert {(r.indicator_id, r.area_id) for r in rows if r.indicator_id == borough_only.pk} == {
        (borough_only.pk, world.borough.pk)
    }
    subs = [one(rows, ind, a) for a in world.apbs]
    assert [s.significance for s in subs] == ["worse", "similar", "better"]
    assert {s.benchmark_value for s in subs} == {55}
    assert [s.quartile for s in subs] == [3, 2, 1]  # 1 + ⌊4 × 2 ÷ 3⌋ for the worst
    assert subs[0].gap == pytest.approx(15 / 55)
    assert one(rows, ind, world.borough).significance == "better"  # against England


def test_overlapping_intervals_and_small_changes_are_no_change(world):
    ind = quarterly()
    observe(ind, world.borough, "2009/10 Q2", 60, 55, 65)
    observe(ind, world.borough, "2009/10 Q3", 63, 58, 68)
    observe(ind, world.borough, "2008/09 Q3", 62.9)
    (a,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF)
    assert a.direction_previous == "no_change"
    assert a.direction_year == "no_change"


def test_year_earlier_beyond_the_fetched_window_is_found(world):
    ind = make_indicator(frequency="monthly", period_kind="month", forecast_points=3)
    for month in range(1, 13):
        observe(ind, world.borough, f"2009-{month:02d}", 50 + month)
    observe(ind, world.borough, "2008-12", 40)
    (a,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF)
    assert (a.period_code, a.previous_value, a.year_earlier_value) == ("2009-12", 61, 40)


def test_forecast_is_kept_within_the_possible_range(world):
    ind = quarterly(maximum=100, forecast_points=3)
    for period, value in zip(QUARTERS[2:], [80, 90, 99], strict=True):
        observe(ind, world.borough, period, value)
    target(ind, world.borough, "2012/13", 100)
    (a,) = assess(indicators=[ind], areas=[world.borough], as_of=AS_OF)
    assert a.forecast_value == 100
    assert a.forecast_method == "linear trend of the last 3 points (least squares)"


def _data(world, n_indicators: int):
    inds = [quarterly(geography="apb_area") for _ in range(n_indicators)]
    areas = [world.borough, *world.apbs, *world.neighbours]
    for ind in inds:
        for area in areas:
            for i, period in enumerate(QUARTERS):
                observe(ind, area, period, 50 + i, 45 + i, 55 + i)
        target(ind, world.borough, "2010/11", 70)
    return inds, areas


def test_assess_rows_are_plain_sorted_tuples(world):
    inds, areas = _data(world, 2)
    rows = assess_rows(indicators=reversed(inds), areas=areas, as_of=AS_OF)
    assert rows == sorted(rows)
    assert all(len(r) == len(ROW_FIELDS) for r in rows)
    assert {r[ROW_FIELDS.index("rag")] for r in rows} <= set(rules.RAG_LABELS)


def test_quartiles_kept_between_assessments_follow_every_change_to_the_figures(world, engine):
    """The national distributions are kept per process; recording, restating or archiving a
    figure through the services drops them, so the next quartile sees the change."""
    from accord.observations.services import observation_archive, observation_record
    from accord.scorecards.assess import _PEERS

    manager = ManagerFactory()
    ind = quarterly()
    observe(ind, world.borough, "2009/10 Q3", 70)
    for area, value in zip(world.neighbours, [50, 60, 65, 68], strict=True):
        observe(ind, area, "2009/10 Q3", value)

    def quartile():
        return one(
            assess(indicators=[ind], areas=[world.borough], as_of=AS_OF), ind, world.borough
        ).quartile

    with CaptureQueriesContext(connection) as first:
        assert quartile() == 1  # best of five
    assert _PEERS  # kept
    with CaptureQueriesContext(connection) as again:
        assert quartile() == 1
    # The peers' figures are not read again (nor, column-wise, the copy's periods and figures).
    assert len(again) == len(first) - (1 if engine == "rows" else 3)

    period = ind.observations.get(area=world.borough).period
    better = [
        observation_record(
            fields={"indicator": ind, "area": area, "period": period, "value": 90},
            reason="Corrected by the source",
            by=manager,
        )
        for area in world.neighbours[:2]
    ]
    assert quartile() == 2  # two of five now better: 1 + ⌊4 × 2 ÷ 5⌋
    for figure in better:
        observation_archive(
            observation=figure, reason="Recorded in error", expected_version=None, by=manager
        )
    assert quartile() == 1
