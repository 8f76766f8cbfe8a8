"""Indicator services: every write validated by the named rules, history kept, stale edits
refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.common.factories import BodyFactory, CommitmentFactory, ManagerFactory, PersonFactory
from accord.common.services import StaleEditError
from accord.indicators import services
from accord.indicators.factories import IndicatorFactory
from accord.indicators.models import Indicator

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def manager():
    return ManagerFactory()


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_create_a_local_indicator_with_outcomes(manager):
    outcome = CommitmentFactory(kind="outcome")
    ind = services.indicator_create(
        fields={
            "code": "L 1",
            "title": "Residents satisfied with their area",
            "value_type": "percentage",
            "unit": "%",
            "minimum": 0.0,
            "maximum": 100.0,
            "polarity": "higher",
            "outcomes": [outcome],
        },
        by=manager,
    )
    assert ind.status == "in_use" and ind.version == 1 and ind.created_by == manager
    assert list(ind.outcomes.all()) == [outcome]
    assert ind.history.count() == 1
    assert ind.history.first().history_user == manager


def test_codes_are_unique_among_live_indicators(manager):
    IndicatorFactory(code="NI 154")
    with pytest.raises(ValidationError, match="already exists"):
        services.indicator_create(fields={"code": "NI 154"}, by=manager)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"minimum": 10.0, "maximum": 5.0}, "maximum"),
        ({"tolerance": -1.0}, "tolerance"),
        ({"tolerance_kind": "relative", "tolerance": 150.0}, "tolerance"),
        ({"status": "replaced", "status_on": D(2011, 3, 31), "status_reason": "x"}, "replaced_by"),
        ({"status": "retired", "status_on": D(2011, 3, 31)}, "status_reason"),
        ({"status": "retired", "status_reason": "NIS abolished"}, "status_on"),
    ],
)
def test_rules_name_the_field(manager, fields, field):
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_create(fields={"code": "L 9", **fields}, by=manager)
    assert field in errors_of(excinfo)
    assert not Indicator.objects.exists()


def test_an_absolute_tolerance_may_be_large(manager):
    ind = services.indicator_create(
        fields={"code": "L 2", "tolerance_kind": "absolute", "tolerance": 250.0}, by=manager
    )
    assert ind.tolerance == 250.0


def test_update_checks_the_version(manager):
    ind = IndicatorFactory()
    services.indicator_update(
        indicator=ind, changes={"title": "New"}, expected_version=1, by=manager
    )
    with pytest.raises(StaleEditError):
        services.indicator_update(
            indicator=ind, changes={"title": "Old"}, expected_version=1, by=manager
        )
    ind.refresh_from_db()
    assert ind.title == "New" and ind.version == 2


def test_adopt_a_reference_indicator(manager):
    ind = IndicatorFactory(code="NI 154", status="reference", is_national=True)
    officer, body = PersonFactory(), BodyFactory()
    outcome = CommitmentFactory(kind="outcome")
    adopted = services.indicator_adopt(
        indicator=ind,
        lead_officer=officer,
        owning_body=body,
        outcomes=[outcome],
        on=D(2008, 6, 1),
        expected_version=1,
        by=manager,
    )
    assert adopted.status == "in_use" and adopted.status_on == D(2008, 6, 1)
    assert adopted.lead_officer == officer and adopted.owning_body == body
    assert list(adopted.outcomes.all()) == [outcome]
    with pytest.raises(ValidationError, match="Only an indicator in the reference library"):
        services.indicator_adopt(
            indicator=adopted,
            lead_officer=officer,
            owning_body=body,
            expected_version=adopted.version,
            by=manager,
        )


def test_adopting_needs_a_lead_officer_and_an_owning_body(manager):
    ind = IndicatorFactory(status="reference")
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_adopt(
            indicator=ind, lead_officer=None, owning_body=None, expected_version=1, by=manager
        )
    assert {"lead_officer", "owning_body"} <= set(errors_of(excinfo))
    ind.refresh_from_db()
    assert ind.status == "reference"


def test_retire_with_date_and_reason(manager):
    ind = IndicatorFactory(code="NI 5")
    retired = services.indicator_retire(
        indicator=ind,
        status="retired",
        on=D(2011, 3, 31),
        reason="The National Indicator Set was abolished with LAAs.",
        expected_version=1,
        by=manager,
    )
    assert retired.status == "retired" and retired.replaced_by is None
    with pytest.raises(ValidationError, match="already retired"):
        services.indicator_retire(
            indicator=retired,
            status="retired",
            on=D(2011, 4, 1),
            reason="again",
            expected_version=retired.version,
            by=manager,
        )


def test_retire_without_reason_is_refused(manager):
    ind = IndicatorFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_retire(
            indicator=ind, status="retired", on=None, reason=" ", expected_version=1, by=manager
        )
    assert {"status_reason", "status_on"} <= set(errors_of(excinfo))


def test_replace_needs_a_current_successor_and_no_loop(manager):
    old, new, newer = IndicatorFactory(), IndicatorFactory(), IndicatorFactory()
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_retire(
            indicator=old,
            status="replaced",
            on=D(2011, 3, 31),
            reason="Replaced",
            expected_version=1,
            by=manager,
        )
    assert "replaced_by" in errors_of(excinfo)
    services.indicator_retire(
        indicator=old,
        status="replaced",
        replaced_by=new,
        on=D(2011, 3, 31),
        reason="Replaced by the local measure",
        expected_version=1,
        by=manager,
    )
    old.refresh_from_db()
    assert old.status == "replaced" and old.replaced_by == new
    # A replaced indicator cannot be the successor of another.
    with pytest.raises(ValidationError, match="itself retired, replaced or archived"):
        services.indicator_retire(
            indicator=newer,
            status="replaced",
            replaced_by=old,
            on=D(2012, 3, 31),
            reason="x",
            expected_version=1,
            by=manager,
        )
    # new → old would close a loop (old is already replaced by new).
    old_again = Indicator.objects.get(pk=old.pk)
    Indicator.objects.filter(pk=old.pk).update(status="in_use")  # as if reopened by hand
    with pytest.raises(ValidationError) as excinfo:
        services.indicator_update(
            indicator=new,
            changes={
                "status": "replaced",
                "replaced_by": old_again,
                "status_on": D(2012, 1, 1),
                "status_reason": "loop",
            },
            expected_version=1,
            by=manager,
        )
    assert "replaced_by" in errors_of(excinfo)


def test_retiring_as_retired_drops_a_successor_given_by_mistake(manager):
    ind, other = IndicatorFactory(), IndicatorFactory()
    retired = services.indicator_retire(
        indicator=ind,
        status="retired",
        replaced_by=other,
        on=D(2011, 3, 31),
        reason="Stopped",
        expected_version=1,
        by=manager,
    )
    assert retired.replaced_by is None


def test_archive_needs_a_reason_and_keeps_history(manager):
    ind = IndicatorFactory()
    with pytest.raises(ValidationError):
        services.indicator_archive(indicator=ind, reason="", expected_version=1, by=manager)
    archived = services.indicator_archive(
        indicator=ind, reason="Added twice", expected_version=1, by=manager
    )
    assert archived.is_archived and archived.archive_reason == "Added twice"
    # Its code is free again for a live indicator.
    services.indicator_create(fields={"code": ind.code}, by=manager)
