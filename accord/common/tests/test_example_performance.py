"""The example's performance data: real published figures for the borough and every English
comparator, illustrative targets labelled as such, a collection cycle under way, the indicator
review of seed 003 appendix 2 and an illustrative case study, each record saying where it comes
from."""

import csv
import datetime as dt

import pytest
from django.db import transaction

from accord.accounts.models import User
from accord.areas.models import Area, AreaGroup
from accord.casestudies.models import CaseStudy
from accord.collection.models import CollectionRound, Return, ReturnStatus
from accord.collection.selectors import late_returns, my_returns
from accord.common.example import ExampleAlreadyLoaded, ensure_demo_users, load_example, performance
from accord.common.querysets import today
from accord.indicators.models import Indicator, IndicatorStatus, Polarity, Provenance
from accord.observations.models import ImportBatch, Observation
from accord.reviews.models import IndicatorReview, ReviewEntry
from accord.targets.models import Target

CWAC = "E06000050"
PERFORMANCE_MODELS = [Observation, Target, CollectionRound, Return, CaseStudy, IndicatorReview]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    """Load the example once for the module, inside a transaction rolled back afterwards;
    each test runs in a savepoint."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield {"counts": load_example()}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def example(_loaded_once, db):
    return _loaded_once


# Before any test that uses the loaded example: the module's load would be in the way.
@pytest.mark.django_db
def test_performance_loading_is_atomic(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("simulated failure at the end")

    monkeypatch.setattr(performance, "_case_study", fail)
    with pytest.raises(RuntimeError):
        load_example()
    for model in [*PERFORMANCE_MODELS, Indicator, Area, AreaGroup]:
        assert model.objects.count() == 0, model


def _csv(path: str) -> list[dict[str, str]]:
    with (performance.DATA / path).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _figure(code: str, area: str, period: str) -> Observation:
    return Observation.objects.current().get(
        indicator__code=code, area__gss_code=area, period__code=period
    )


def test_counts_are_what_is_in_the_database(example):
    counts = example["counts"]
    loaded = Observation.objects.filter(batch__isnull=False)
    assert counts["observations"] == loaded.count() > 50_000
    # The only others are the figures submitted in the approved returns.
    assert Observation.objects.filter(batch__isnull=True).count() == counts["returns_approved"]
    assert counts["import_batches"] == ImportBatch.objects.count()
    assert counts["targets"] == Target.objects.count() > 0
    assert (
        counts["indicators_in_use"] == Indicator.objects.in_use().count() == len(performance.USES)
    )
    assert counts["collection_rounds"] == CollectionRound.objects.count() == 2
    assert counts["returns"] == Return.objects.count()
    assert counts["case_studies"] == CaseStudy.objects.count() == 1
    assert counts["review_entries"] == ReviewEntry.objects.count() > 0
    assert counts["area_groups"] == AreaGroup.objects.count() > 300
    assert counts["library_indicators"] == 250


def test_a_second_load_is_refused(example):
    with pytest.raises(ExampleAlreadyLoaded):
        load_example()


def test_place_survey_values_are_the_published_ones(example):
    (row,) = [r for r in _csv(performance.PLACE_SURVEY_FILE) if r["gss_code"] == CWAC]
    for code, column in performance.PLACE_SURVEY_COLUMNS.items():
        figure = _figure(code, CWAC, "2008/09")
        assert figure.value == float(row[column]), code
        assert figure.provenance == Provenance.REAL
        assert figure.period.start == dt.date(2008, 4, 1)
    ni5 = _figure("NI 5", CWAC, "2008/09")
    assert ni5.value == 83.4
    assert "Place Survey 2008" in ni5.source and performance.PLACE_SURVEY_FILE in ni5.source
    assert ni5.batch.filename.endswith(performance.PLACE_SURVEY_FILE)
    # Comparators: every current authority the survey covered.
    assert Observation.objects.filter(indicator__code="NI 5").count() > 300


def test_ons_figures_keep_their_confidence_intervals_and_suppressions(example):
    rows = _csv("ons_explore_local_statistics/employment-rate.csv")
    (row,) = [
        r
        for r in rows
        if r["areacd"] == CWAC
        and r["indicator"] == "Employment rate"
        and r["period"] == "2010-01-01/P1Y"
    ]
    figure = _figure("ONS employment-rate", CWAC, "2010")
    assert figure.value == float(row["observation"])
    assert (figure.ci_lower, figure.ci_upper) == (float(row["lci_95"]), float(row["uci_95"]))
    suppressed = Observation.objects.filter(suppressed=True, indicator__scheme="ons").first()
    assert suppressed is not None and suppressed.value is None
    assert "status 'x'" in suppressed.suppression_reason
    # Pay is dated by the survey's April reference day: it is the calendar year's figure.
    assert _figure("ONS median-weekly-pay", CWAC, "2015").value == 424.6


def test_benchmarks_england_region_and_every_authority(example):
    code = "ONS claimant-count"
    assert _figure(code, "E92000001", "2025").value is not None
    assert _figure(code, "E12000002", "2025").value is not None  # North West
    authorities = Area.objects.filter(kind__in=["borough", "district", "county"])
    with_figures = authorities.filter(
        observations__indicator__code=code, observations__period__code="2025"
    )
    assert with_figures.count() == authorities.count() == 317
    borough = Area.objects.get(gss_code=CWAC)
    assert borough.parent.gss_code == "E12000002"
    assert AreaGroup.objects.get(anchor=borough).members.count() == 15


def test_fingertips_series_are_real_and_credited(example):
    rows = _csv("fingertips_via_trafford_data_lab/alcohol_related_admissions.csv")
    (row,) = [r for r in rows if r["area_code"] == CWAC and r["period"] == "2008/09"]
    figure = _figure("FT 91414", CWAC, "2008/09")
    assert figure.value == float(row["value"]) == 570
    assert "Trafford Data Lab" in figure.source
    indicator = figure.indicator
    assert indicator.external_id == "91414" and indicator.polarity == Polarity.LOWER
    assert indicator.polarity_note


def test_deprivation_by_ward_with_its_method(example):
    indicator = Indicator.objects.get(code="LOCAL DEPRIVED-20")
    assert indicator.geography == "ward"
    assert "most deprived" in indicator.definition and "population" in indicator.definition
    wards = Observation.objects.filter(indicator=indicator, area__kind="ward")
    assert wards.count() == 45
    # A ward all of whose LSOAs were redrawn in 2021 has no figure, and says why.
    assert all("2021 codes" in f.suppression_reason for f in wards.filter(suppressed=True))
    for figure in wards.filter(suppressed=False):
        assert figure.value == round(100 * figure.numerator / figure.denominator, 1)
    partial = wards.exclude(commentary="")
    assert partial.exists() and all("LSOAs" in f.commentary for f in partial)
    england = _figure("LOCAL DEPRIVED-20", "E92000001", "2019")
    assert 19 < england.value < 21  # a fifth of England, by construction
    assert _figure("LOCAL DEPRIVED-20", CWAC, "2019").value < england.value


@pytest.mark.django_db
def test_deprivation_of_board_areas_sums_their_wards():
    """Where a board area's wards are known, its figure comes from all their LSOAs."""
    areas = {
        "E92000001": Area(gss_code="E92000001", kind="country"),
    }
    series = performance.deprivation(areas, {"area:1": ["E05012209", "E05012210"]})
    by_area = {f.area: f for f in series.figures}
    wards = [by_area["E05012209"], by_area["E05012210"]]
    board = by_area["area:1"]
    assert board.numerator == sum(w.numerator for w in wards)
    assert board.denominator == sum(w.denominator for w in wards)


def test_indicators_in_use_have_owners_outcomes_and_sources(example):
    for indicator in Indicator.objects.in_use():
        assert indicator.lead_officer is not None, indicator.code
        assert indicator.owning_body.kind == "thematic", indicator.code
        assert indicator.outcomes.exists(), indicator.code
        assert indicator.source and "illustrative" in indicator.rationale.lower()
    alcohol = Indicator.objects.get(code="FT 91414")
    assert alcohol.lead_officer.name == "Tim Jackson"
    assert alcohol.owning_body.name == "Safer Communities Partnership"
    assert set(alcohol.outcomes.values_list("number", flat=True)) == {"4", "7"}
    assert Indicator.objects.filter(status=IndicatorStatus.REFERENCE).exists()


def test_every_figure_and_batch_names_its_file(example):
    published = Observation.objects.filter(collection_return__isnull=True)
    assert not published.exclude(source__contains="accord/observations/data/").exists()
    assert (
        not Observation.objects.exclude(provenance=Provenance.REAL)
        .exclude(collection_return__isnull=False)
        .exists()
    )
    for batch in ImportBatch.objects.all():
        assert batch.status == "done" and batch.rows_loaded > 0
        assert (performance.DATA.parent.parent.parent / batch.filename).exists(), batch.filename


def test_targets_are_illustrative_and_say_so(example):
    targets = Target.objects.select_related("indicator", "baseline_period", "period")
    assert targets.exists()
    for target in targets:
        assert target.provenance == Provenance.ILLUSTRATIVE and target.is_illustrative
        assert target.notes.startswith("Illustrative target")
        assert target.area.gss_code == CWAC
        assert (
            target.baseline_period.start < target.period.start
            or (target.baseline_period == target.period) is False
        )
        better = target.value - target.baseline_value
        if target.indicator.polarity == Polarity.LOWER:
            assert better <= 0, target
        else:
            assert better >= 0, target
    assert not targets.filter(indicator__polarity=Polarity.NONE).exists()


def test_rounds_lead_officer_returns_and_late_ones(example):
    day = today()
    current = CollectionRound.objects.get(deadline__gt=day)
    assert current.status == "open" and current.deadline <= day + dt.timedelta(days=30)
    ensure_demo_users()
    lead = User.objects.get(username="lead")
    mine = my_returns(lead, today=day)
    assert {r.round_id for r in mine} >= {current.pk}
    assert all(r.lead_officer_id == lead.person_id for r in mine)
    late = late_returns(today=day)
    assert late and any(r.lead_officer_id == lead.person_id for r in late)
    approved = Return.objects.filter(status=ReturnStatus.APPROVED)
    assert approved.exists()
    for ret in approved:
        assert ret.observation.is_locked and ret.observation.restates is not None
        assert ret.value == ret.observation.restates.value  # the published figure


def test_indicator_review_of_appendix_2_is_open_with_blank_ratings(example):
    review = IndicatorReview.objects.get()
    assert review.strategy.kind == "scs" and review.status == "open"
    assert "Appendix 2" in review.source
    entries = review.entries.all()
    assert entries.values("body").distinct().count() >= 2
    assert not entries.exclude(rating="").exists()
    assert entries.filter(indicator__code="NI 42", body__name="Safer Communities Partnership")


def test_case_study_is_illustrative_and_linked(example):
    case = CaseStudy.objects.get()
    assert case.is_illustrative and case.title.startswith("Illustrative")
    assert case.indicators.filter(code="FT 91414").exists()
    assert case.outcomes.filter(number="4").exists()
    assert "not a real case" in case.source
