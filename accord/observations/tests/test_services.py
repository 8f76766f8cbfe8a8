"""Recording, restating, locking and archiving figures, and attaching evidence. Values here are
test values, not published figures."""

import io
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from accord.common.factories import AreaFactory, UserFactory
from accord.common.services import StaleEditError
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.indicators.models import ValueType
from accord.observations import selectors, services
from accord.observations.factories import ObservationFactory
from accord.observations.models import Evidence, Observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def key():
    return {
        "indicator": IndicatorFactory(code="EMP", minimum=0, maximum=100, decimal_places=1),
        "period": PeriodFactory(text="2008/09"),
        "area": AreaFactory(name="Cheshire West and Chester", gss_code="E06000050"),
    }


def record(key, manager, reason="", **figure):
    return services.observation_record(
        fields={**key, "value": 70.0, **figure}, reason=reason, by=manager
    )


def test_recording_a_new_figure_makes_it_current(key, manager):
    obs = record(key, manager, value=74.8, ci_lower=72.9, ci_upper=76.7)
    assert obs.is_current and obs.restates is None
    assert obs.created_by == manager
    assert obs.history.count() == 1


def test_recording_again_restates_and_keeps_the_earlier_figure(key, manager):
    first = record(key, manager, value=74.8)
    second = record(key, manager, value=75.2, reason="Revised by ONS")
    first.refresh_from_db()
    assert not first.is_current
    assert second.is_current and second.restates == first
    assert second.restatement_reason == "Revised by ONS"
    assert list(Observation.objects.current()) == [second]


def test_recording_the_same_figure_again_changes_nothing(key, manager):
    first = record(key, manager, value=74.8)
    again = record(key, manager, value=74.8)
    assert again == first
    assert Observation.objects.count() == 1


def test_a_breakdown_is_a_separate_figure(key, manager):
    record(key, manager, value=74.8)
    female = record(key, manager, value=71.0, breakdown="Female")
    assert female.restates is None
    assert Observation.objects.current().count() == 2


def test_restating_a_locked_figure_needs_a_reason(key, manager):
    obs = record(key, manager, value=74.8)
    services.observation_lock(observation=obs, by=manager)
    with pytest.raises(ValidationError) as error:
        record(key, manager, value=75.0)
    assert "reason" in error.value.message_dict
    assert Observation.objects.get().value == 74.8
    newer = record(key, manager, value=75.0, reason="Corrected after audit")
    assert newer.restates_id == obs.pk and newer.is_locked


@pytest.mark.parametrize(
    ("figure", "field"),
    [
        ({"value": 101.0}, "value"),
        ({"value": 50.0, "ci_lower": 51.0, "ci_upper": 60.0}, "ci_lower"),
        ({"value": 50.0, "ci_lower": 40.0, "ci_upper": 45.0}, "ci_upper"),
        ({"value": 50.0, "ci_lower": 60.0, "ci_upper": 40.0}, "ci_upper"),
        ({"value": None, "suppressed": True}, "suppression_reason"),
        ({"value": 4.0, "suppressed": True, "suppression_reason": "Small"}, "value"),
        ({"value": None}, "value"),
        ({"value": 50.0, "numerator": 25, "denominator": 200}, "numerator"),
        ({"value": 50.0, "numerator": 25, "denominator": 0}, "denominator"),
        ({"value": 50.0, "numerator": -1, "denominator": 10}, "numerator"),
    ],
)
def test_each_broken_rule_is_reported_on_its_field(key, manager, figure, field):
    with pytest.raises(ValidationError) as error:
        record(key, manager, **figure)
    assert field in error.value.message_dict
    assert not Observation.objects.exists()


def test_counts_that_give_the_value_are_accepted(key, manager):
    obs = record(key, manager, value=12.5, numerator=25, denominator=200)
    assert obs.numerator == 25


def test_a_standardised_rate_is_not_checked_against_its_counts(manager):
    dsr = IndicatorFactory(
        value_type=ValueType.RATE_100000, definition="Directly age-standardised rate"
    )
    obs = services.observation_record(
        fields={
            "indicator": dsr,
            "period": PeriodFactory(text="2019"),
            "area": AreaFactory(),
            "value": 623.4,
            "numerator": 2010,
            "denominator": 343_823,
        },
        by=manager,
    )
    assert obs.value == 623.4


def test_a_suppressed_figure_with_its_reason(key, manager):
    obs = record(key, manager, value=None, suppressed=True, suppression_reason="Fewer than 5")
    assert obs.suppressed and obs.value is None


def test_explicit_restatement_needs_a_reason_and_the_current_version(key, manager):
    obs = record(key, manager, value=74.8)
    with pytest.raises(ValidationError):
        services.observation_restate(
            observation=obs, changes={"value": 75.0}, reason="", expected_version=1, by=manager
        )
    with pytest.raises(StaleEditError):
        services.observation_restate(
            observation=obs,
            changes={"value": 75.0},
            reason="Revised",
            expected_version=7,
            by=manager,
        )
    new = services.observation_restate(
        observation=obs,
        changes={"value": 75.0, "commentary": "ONS revision"},
        reason="Revised by ONS",
        expected_version=obs.version,
        by=manager,
    )
    assert new.restates == obs and new.value == 75.0 and new.commentary == "ONS revision"
    assert new.ci_lower is None and new.source == obs.source
    with pytest.raises(ValidationError, match="Only the current figure"):
        services.observation_restate(
            observation=obs,
            changes={"value": 76.0},
            reason="Again",
            expected_version=None,
            by=manager,
        )


def test_restating_with_nothing_changed_is_refused(key, manager):
    obs = record(key, manager, value=74.8)
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.observation_restate(
            observation=obs,
            changes={"value": 74.8},
            reason="Why not",
            expected_version=None,
            by=manager,
        )


def test_locking_makes_a_figure_final_and_locked(key, manager):
    obs = record(key, manager, value=74.8, status="provisional")
    locked = services.observation_lock(observation=obs, by=manager)
    assert locked.status == "final" and locked.is_locked
    assert locked.version == obs.version + 1


def test_archiving_a_restatement_reinstates_the_figure_it_replaced(key, manager):
    first = record(key, manager, value=74.8)
    second = record(key, manager, value=7.48, reason="Typed in")
    services.observation_archive(
        observation=second, reason="Decimal point slipped", expected_version=None, by=manager
    )
    first.refresh_from_db()
    assert first.is_current
    assert list(Observation.objects.current()) == [first]


def test_only_the_current_figure_can_be_archived(key, manager):
    first = record(key, manager, value=74.8)
    record(key, manager, value=75.0, reason="Revised")
    first.refresh_from_db()
    with pytest.raises(ValidationError, match="Only the current figure"):
        services.observation_archive(
            observation=first, reason="No", expected_version=None, by=manager
        )


def test_the_public_sees_final_current_figures_signed_in_users_provisional_too():
    final = ObservationFactory()
    provisional = ObservationFactory(status="provisional")
    ObservationFactory(is_current=False)
    assert list(selectors.visible_observations(AnonymousUser())) == [final]
    assert set(selectors.visible_observations(UserFactory())) == {final, provisional}


# --- Evidence ---------------------------------------------------------------------------------


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"%PDF-1.4\n%test\n", "bulletin.pdf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "chart.png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "photo.JPG"),
        (b"area,value\nE06000050,74.8\n", "figures.csv"),
        (docx_bytes(), "report.docx"),
    ],
)
def test_evidence_files_of_the_allowed_kinds_are_kept(manager, data, name, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    obs = ObservationFactory()
    evidence = services.evidence_add(
        observation=obs, title="Source", file=upload(data, name), filename=name, by=manager
    )
    assert evidence.file.name.endswith(name)
    assert evidence.file.read() == data


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00 not a pdf", "bulletin.pdf"),  # a program named .pdf
        (b"%PDF-1.4", "bulletin.exe"),
        (docx_bytes(), "sheet.xlsx"),  # a Word file named as a spreadsheet
        (b"\x00\x01\x02binary", "data.csv"),
        (b"<html>", "page.html"),
    ],
)
def test_evidence_whose_content_does_not_match_its_kind_is_refused(manager, data, name):
    obs = ObservationFactory()
    with pytest.raises(ValidationError) as error:
        services.evidence_add(
            observation=obs, title="Source", file=upload(data, name), filename=name, by=manager
        )
    assert "file" in error.value.message_dict
    assert not Evidence.objects.exists()


def test_evidence_larger_than_the_limit_is_refused(manager, settings):
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="smaller than"):
        services.evidence_add(
            observation=ObservationFactory(),
            title="Big",
            file=upload(b"%PDF-" + b"x" * 20, "big.pdf"),
            by=manager,
        )


def test_evidence_is_a_file_or_a_link_with_a_title(manager):
    obs = ObservationFactory()
    link = services.evidence_add(
        observation=obs, title="ONS bulletin", link="https://www.ons.gov.uk/", by=manager
    )
    assert link.link == "https://www.ons.gov.uk/" and not link.file
    with pytest.raises(ValidationError) as error:
        services.evidence_add(observation=obs, title="", by=manager)
    assert {"title", "file"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.evidence_add(
            observation=obs,
            title="Both",
            file=upload(b"%PDF-1.4", "a.pdf"),
            link="https://www.ons.gov.uk/",
            by=manager,
        )
    assert "link" in error.value.message_dict
