"""Setting, revising and archiving targets, with the rules each write checks."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.areas.models import AreaGroup
from accord.common.factories import AreaFactory, ManagerFactory
from accord.common.services import StaleEditError
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.targets import selectors, services
from accord.targets.factories import TargetFactory
from accord.targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return ManagerFactory()


@pytest.fixture
def ni_1():
    # Place Survey 2008, NI 1: % who believe people from different backgrounds get on well.
    return IndicatorFactory(code="NI 1", value_type="percentage", minimum=0, maximum=100)


def fields(indicator, **overrides):
    base = {
        "indicator": indicator,
        "period": "2010/11",
        "area": AreaFactory(kind="borough", name="Cheshire West and Chester"),
        "value": 80.0,
        "baseline_value": 77.6,
        "baseline_period": "2008/09",
        "kind": "laa_designated",
        "provenance": "illustrative",
    }
    return {**base, **overrides}


def errors_of(exc) -> dict:
    return exc.value.message_dict


def test_create_turns_period_text_into_periods(ni_1, manager):
    t = services.target_create(fields=fields(ni_1), by=manager)
    assert (t.period.code, t.baseline_period.code) == ("2010/11", "2008/09")
    assert t.is_illustrative and t.created_by == manager
    assert t.history.count() == 1


def test_create_for_a_group_of_areas(ni_1, manager):
    group = AreaGroup.objects.create(name="Three Chester wards", kind="named")
    t = services.target_create(fields=fields(ni_1, area=None, area_group=group), by=manager)
    assert t.area_group == group


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"area": None}, "area", "Choose the area"),
        ({"period": "sometime"}, "period", ""),
        ({"baseline_period": "2011/12"}, "baseline_period", "before the target period"),
        ({"baseline_period": "2010/11"}, "baseline_period", "before the target period"),
        ({"baseline_period": None}, "baseline_period", "Enter the period"),
        ({"baseline_value": None}, "baseline_value", "Enter the baseline value"),
        ({"value": 104.0}, "value", "percentage"),
        ({"baseline_value": -3.0}, "baseline_value", "percentage"),
    ],
)
def test_create_rules(ni_1, manager, overrides, field, words):
    with pytest.raises(ValidationError) as exc:
        services.target_create(fields=fields(ni_1, **overrides), by=manager)
    assert field in errors_of(exc)
    assert words in " ".join(errors_of(exc)[field])
    assert not Target.objects.exists()


def test_area_and_group_both_refused(ni_1, manager):
    group = AreaGroup.objects.create(name="Chester", kind="named")
    with pytest.raises(ValidationError) as exc:
        services.target_create(fields=fields(ni_1, area_group=group), by=manager)
    assert "not both" in errors_of(exc)["area"][0]


def test_indicator_limits(manager):
    days = IndicatorFactory(value_type="days", unit="days", minimum=0, maximum=365)
    with pytest.raises(ValidationError) as exc:
        services.target_create(
            fields=fields(days, value=400.0, baseline_value=None, baseline_period=None), by=manager
        )
    assert "runs from 0 to 365" in errors_of(exc)["value"][0]


def test_one_live_target_per_indicator_period_and_area(ni_1, manager):
    t = services.target_create(fields=fields(ni_1), by=manager)
    with pytest.raises(ValidationError):
        services.target_create(fields=fields(ni_1, area=t.area), by=manager)


def test_revise_keeps_the_earlier_target(ni_1, manager):
    old = services.target_create(fields=fields(ni_1), by=manager)
    new = services.target_revise(
        target=old,
        changes={"value": 82.0, "period": "2011/12"},
        reason="2009 refresh agreed with GONW",
        expected_version=old.version,
        by=manager,
    )
    old.refresh_from_db()
    assert old.is_archived and old.archive_reason == "Revised: 2009 refresh agreed with GONW"
    assert (new.value, new.period.code, new.revision_of, new.revision_reason) == (
        82.0,
        "2011/12",
        old,
        "2009 refresh agreed with GONW",
    )
    # Everything not changed is carried over.
    assert (new.area, new.baseline_value, new.kind, new.provenance) == (
        old.area,
        77.6,
        "laa_designated",
        "illustrative",
    )
    assert list(Target.objects.live()) == [new]


def test_revise_swaps_the_indicator(ni_1, manager):
    old = services.target_create(fields=fields(ni_1), by=manager)
    ni_4 = IndicatorFactory(code="NI 4")
    new = services.target_revise(
        target=old,
        changes={"indicator": ni_4},
        reason="NI 1 dropped at the refresh",
        expected_version=None,
        by=manager,
    )
    assert new.indicator == ni_4 and new.revision_of == old


def test_revise_needs_a_reason_and_a_change(ni_1, manager):
    old = services.target_create(fields=fields(ni_1), by=manager)
    with pytest.raises(ValidationError) as exc:
        services.target_revise(
            target=old, changes={"value": 81.0}, reason="  ", expected_version=None, by=manager
        )
    assert "reason" in errors_of(exc)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.target_revise(
            target=old,
            changes={"value": 80.0, "period": "2010/11"},
            reason="no change",
            expected_version=None,
            by=manager,
        )
    with pytest.raises(ValidationError) as exc:
        services.target_revise(
            target=old, changes={"area": None}, reason="x", expected_version=None, by=manager
        )
    assert "area" in errors_of(exc)
    assert not Target.objects.filter(archived_on__isnull=False).exists()


def test_a_refused_revision_leaves_the_target_standing(ni_1, manager):
    old = services.target_create(fields=fields(ni_1), by=manager)
    with pytest.raises(ValidationError):
        services.target_revise(
            target=old, changes={"value": 180.0}, reason="typo", expected_version=None, by=manager
        )
    old.refresh_from_db()
    assert not old.is_archived and Target.objects.count() == 1


def test_revise_refuses_stale_and_archived(ni_1, manager):
    old = services.target_create(fields=fields(ni_1), by=manager)
    with pytest.raises(StaleEditError):
        services.target_revise(
            target=old,
            changes={"value": 81.0},
            reason="x",
            expected_version=old.version + 1,
            by=manager,
        )
    services.target_revise(
        target=old, changes={"value": 81.0}, reason="x", expected_version=None, by=manager
    )
    with pytest.raises(ValidationError, match="revise the target that replaced it"):
        services.target_revise(
            target=old, changes={"value": 83.0}, reason="y", expected_version=None, by=manager
        )


def test_archive_needs_a_reason(ni_1, manager):
    t = services.target_create(fields=fields(ni_1), by=manager)
    with pytest.raises(ValidationError):
        services.target_archive(target=t, reason="", expected_version=None, by=manager)
    t = services.target_archive(target=t, reason="Set in error", expected_version=None, by=manager)
    assert t.is_archived


def test_revision_chain_is_two_queries_however_long(ni_1, manager):
    first = services.target_create(fields=fields(ni_1), by=manager)
    chain = [first]
    for n in range(4):
        chain.append(
            services.target_revise(
                target=chain[-1],
                changes={"value": 81.0 + n},
                reason=f"refresh {n}",
                expected_version=None,
                by=manager,
            )
        )
    TargetFactory()  # an unrelated target stays out
    for middle in (chain[0], chain[2], chain[-1]):
        with CaptureQueriesContext(connection) as ctx:
            got = selectors.revision_chain(middle)
            [(t.created_by, t.modified_by, t.indicator.code) for t in got]
        assert [t.pk for t in got] == [t.pk for t in chain]
        assert len(ctx.captured_queries) == 2


def test_targets_for_indicators(ni_1):
    a = TargetFactory(indicator=ni_1)
    b = TargetFactory(indicator=ni_1, period=PeriodFactory(text="2011/12"), area=a.area)
    TargetFactory()
    archived = TargetFactory(indicator=ni_1, period=PeriodFactory(text="2009/10"))
    archived.archived_on = archived.created_on
    archived.save()
    assert selectors.targets_for_indicators([ni_1.pk]) == [a, b]
