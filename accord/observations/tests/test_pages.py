"""The figure pages: list with filters and CSV export, a figure with its restatements and
evidence, the restate and archive forms, and importing a file with its progress page. Values
made here are test values, not published figures."""

import csv
import io
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed
from accord.common.factories import AreaFactory, UserFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.observations import services
from accord.observations.factories import (
    EvidenceFactory,
    ImportBatchFactory,
    ObservationFactory,
)
from accord.observations.models import Evidence, ImportBatch, ImportStatus, Observation
from accord.observations.tests.conftest import FILES

pytestmark = pytest.mark.django_db
LIST = reverse("observations:list")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACCORD_IMPORT_SYNC = True


@pytest.fixture
def signed_in_manager(client, manager):
    client.force_login(manager)
    return manager


@pytest.fixture
def figures():
    """Nine test figures: three indicators × three areas, one provisional, one illustrative."""
    indicators = [IndicatorFactory(code=f"T {n}", decimal_places=1) for n in range(3)]
    areas = [AreaFactory(name=f"Area {n}", gss_code=f"E0600009{n}") for n in range(3)]
    period = PeriodFactory(text="2008/09")
    made = []
    for i, ind in enumerate(indicators):
        for a, area in enumerate(areas):
            made.append(
                ObservationFactory(
                    indicator=ind,
                    area=area,
                    period=period,
                    value=10.0 * i + a,
                    ci_lower=10.0 * i + a - 1,
                    ci_upper=10.0 * i + a + 1,
                    status="provisional" if (i, a) == (2, 2) else "final",
                    provenance="illustrative" if (i, a) == (1, 1) else "real",
                )
            )
    return made


def test_the_public_list_shows_final_figures_with_labels(client, figures):
    html = assert_well_formed(client.get(LIST))
    assert "<strong>8</strong> figures" in html
    assert "Illustrative" in html
    provisional = figures[8]
    assert provisional.get_absolute_url() not in html
    assert figures[7].get_absolute_url() in html


def test_signed_in_users_see_provisional_figures_and_can_filter(client, figures):
    client.force_login(UserFactory())
    html = client.get(LIST).content.decode()
    assert "<strong>9</strong> figures" in html
    ind = figures[0].indicator
    html = client.get(LIST, {"indicator": ind.pk}).content.decode()
    assert "<strong>3</strong> figures" in html
    html = client.get(LIST, {"status": "provisional"}).content.decode()
    assert "<strong>1</strong> figures" in html or "<strong>1</strong> figure" in html
    html = client.get(LIST, {"provenance": "illustrative", "area": figures[4].area_id}).content
    assert b"<strong>1</strong>" in html


def test_a_filter_that_cannot_be_applied_is_reported_at_the_top(client, figures):
    """As GOV.UK forms do: "Error:" in the title, a summary linking to the field, the message
    on the field; the figures stay listed unfiltered."""
    html = assert_well_formed(client.get(LIST, {"indicator": "zzz"}))
    assert "<title>Error: Figures" in html
    summary = html.index("govuk-error-summary")
    assert summary < html.index("<h1")
    assert 'href="#id_indicator"' in html[summary:]
    assert "govuk-form-group--error" in html
    # The message names the field, and the select is styled and described by it.
    assert html.count("Select a valid choice of indicator from the list") == 2  # summary, field
    assert 'aria-describedby="indicator-error"' in html
    assert "govuk-select--error" in html
    assert "<strong>8</strong> figures" in html
    assert (
        "<title>Figures"
        in client.get(LIST, {"indicator": figures[0].indicator_id}).content.decode()
    )


def test_the_list_makes_the_same_queries_however_many_figures(
    client, figures, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200
    for n in range(30):
        ObservationFactory(indicator=figures[0].indicator, period=PeriodFactory(text=f"{1990 + n}"))
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200


def test_the_list_pages_each_series_by_its_periods_dates_not_their_ids(client):
    """Periods made latest first have ids in the reverse of date order; each page still runs
    by indicator, area, then period dates, and the second page carries on from the first."""
    indicator = IndicatorFactory(code="T 9")
    areas = [AreaFactory(name=f"Place {n}", gss_code=f"E0800001{n}") for n in range(2)]
    periods = [PeriodFactory(text=f"{2030 - n}") for n in range(30)]  # 2030 first, 2001 last
    for area in areas:
        for period in periods:
            ObservationFactory(indicator=indicator, area=area, period=period)
    first = client.get(LIST).context["page"]
    second = client.get(LIST, {"page": 2}).context["page"]
    shown = [(f.area.name, f.period.code) for f in [*first.object_list, *second.object_list]]
    expected = [(a.name, str(year)) for a in areas for year in range(2001, 2031)]
    assert first.paginator.count == 60
    assert shown == expected[: len(shown)]
    assert len(shown) == min(60, 2 * first.paginator.per_page)


def test_csv_export_streams_the_filtered_figures(client, figures):
    ind = figures[3].indicator
    response = client.get(reverse("observations:export"), {"indicator": ind.pk})
    assert response.streaming and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "indicator_code", "indicator_title"]
    assert {r[1] for r in rows[1:]} == {"T 1"} and len(rows) == 4
    assert "illustrative" in {r[rows[0].index("provenance")] for r in rows[1:]}


def test_the_detail_page_shows_the_figure_and_its_restatements(
    client, signed_in_manager, django_assert_max_num_queries
):
    first = ObservationFactory(value=74.8, ci_lower=72.9, ci_upper=76.7, numerator=None)
    second = services.observation_record(
        fields={
            "indicator": first.indicator,
            "period": first.period,
            "area": first.area,
            "value": 75.2,
        },
        reason="Revised by ONS in the test",
        by=signed_in_manager,
    )
    EvidenceFactory(observation=second, title="Test bulletin")
    with django_assert_max_num_queries(14):
        response = client.get(second.get_absolute_url())
    html = assert_well_formed(response)
    assert "75.2" in html and "74.8" in html
    assert "Revised by ONS in the test" in html
    assert "Test bulletin" in html
    assert reverse("observations:restate", args=[second.pk]) in html
    old = client.get(first.get_absolute_url()).content.decode()
    assert "has since been restated" in old
    assert reverse("observations:restate", args=[first.pk]) not in old


def test_the_public_cannot_open_a_provisional_figure(client):
    obs = ObservationFactory(status="provisional")
    assert client.get(obs.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    html = client.get(obs.get_absolute_url()).content.decode()
    assert reverse("observations:restate", args=[obs.pk]) not in html


def test_a_manager_restates_a_figure(client, signed_in_manager):
    obs = ObservationFactory(value=74.8, indicator=IndicatorFactory(minimum=0, maximum=100))
    url = reverse("observations:restate", args=[obs.pk])
    assert_well_formed(client.get(url))
    data = {
        "value": "75.2",
        "status": "final",
        "provenance": "real",
        "source": "Test",
        "reason": "",
        "version": obs.version,
    }
    response = client.post(url, data)
    assert (
        response.status_code == 422
        and b"Enter why the figure is being restated" in response.content
    )
    response = client.post(url, {**data, "reason": "Revised in the test"})
    new = Observation.objects.get(is_current=True)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.value == 75.2 and new.restates == obs
    stale = client.post(url, {**data, "reason": "Again", "value": "76"})
    assert stale.status_code == 404  # no longer the current figure


def test_restate_and_archive_are_for_managers(client):
    obs = ObservationFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("observations:restate", args=[obs.pk])).status_code == 403
    assert client.get(reverse("observations:archive", args=[obs.pk])).status_code == 403


def test_a_manager_archives_a_figure(client, signed_in_manager):
    obs = ObservationFactory()
    url = reverse("observations:archive", args=[obs.pk])
    response = client.post(url, {"reason": "Recorded against the wrong area", "version": 1})
    assert response.status_code == 302
    obs.refresh_from_db()
    assert obs.is_archived


def test_evidence_is_uploaded_and_downloaded(client, signed_in_manager):
    obs = ObservationFactory()
    url = reverse("observations:evidence-add", args=[obs.pk])
    bad = client.post(
        url, {"title": "Fake", "file": SimpleUploadedFile("fake.pdf", b"MZ not a pdf")}
    )
    assert bad.status_code == 422 and b"must be a PDF" in bad.content
    assert_well_formed(bad)
    ok = client.post(
        url, {"title": "Bulletin", "file": SimpleUploadedFile("bulletin.pdf", b"%PDF-1.4 test")}
    )
    assert ok.status_code == 302
    evidence = Evidence.objects.get()
    download = client.get(reverse("observations:evidence-file", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    client.logout()
    obs.status = "provisional"
    obs.save()
    assert client.get(reverse("observations:evidence-file", args=[evidence.pk])).status_code == 404


# --- Import -----------------------------------------------------------------------------------

IMPORT = reverse("observations:import")


def test_the_import_page_is_for_managers(client):
    assert client.get(IMPORT).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(IMPORT).status_code == 403


def test_uploading_a_file_shows_the_result(client, signed_in_manager, places, library):
    html = assert_well_formed(client.get(IMPORT))
    assert "indicator_code" in html and "Fingertips" in html
    with open(FILES / "fingertips_hle_bom.csv", "rb") as f:
        response = client.post(IMPORT, {"file": f})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == batch.get_absolute_url()
    html = assert_well_formed(client.get(batch.get_absolute_url()))
    assert "Import complete" in html and "22 figures loaded" in html
    assert "<progress" not in html and "refresh" not in html


def test_a_refused_file_shows_each_problem_and_the_rejects(
    client, signed_in_manager, places, library
):
    with open(FILES / "template_three_bad_rows.csv", "rb") as f:
        client.post(IMPORT, {"file": f})
    batch = ImportBatch.objects.get()
    html = assert_well_formed(client.get(batch.get_absolute_url()))
    assert "The file was not imported" in html
    assert "E06999999" in html and "seventy-six" not in html and "2022/21" in html
    rejects = client.get(reverse("observations:import-rejects", args=[batch.pk]))
    text = b"".join(rejects.streaming_content).decode("utf-8-sig")
    assert text.count("\n") == 4 and "seventy-six" in text


def test_the_import_form_explains_a_missing_or_wrong_file(client, signed_in_manager):
    response = client.post(IMPORT, {})
    assert response.status_code == 422 and b"Choose a file to import" in response.content
    response = client.post(IMPORT, {"file": SimpleUploadedFile("notes.pdf", b"%PDF-1.4")})
    assert response.status_code == 422 and b"must be a CSV file" in response.content


def test_the_progress_page_while_an_import_runs(client, signed_in_manager):
    batch = ImportBatchFactory(
        status=ImportStatus.CHECKING,
        rows_total=1_000_000,
        rows_done=450_000,
        created_by=signed_in_manager,
    )
    html = assert_well_formed(client.get(batch.get_absolute_url()))
    assert '<meta http-equiv="refresh" content="2">' in html
    assert '<progress class="accord-progress" id="import-progress" max="100" value="45"' in html
    assert '<label class="govuk-label" for="import-progress">' in html
    assert "45% checked (450,000 of about 1,000,000 rows)" in html
    status = client.get(reverse("observations:import-status", args=[batch.pk])).json()
    assert status["running"] and status["percent"] == 45 and status["status"] == "checking"


def test_someone_elses_import_is_private(client):
    batch = ImportBatchFactory(created_by=UserFactory())
    client.force_login(UserFactory())
    assert client.get(batch.get_absolute_url()).status_code == 403
    assert client.get(reverse("observations:import-status", args=[batch.pk])).status_code == 403


def test_the_templates_download(client):
    xlsx = client.get(reverse("observations:import-template", args=["xlsx"]))
    assert xlsx.content.startswith(b"PK\x03\x04")
    csv_template = client.get(reverse("observations:import-template", args=["csv"]))
    assert csv_template.content.decode().startswith("indicator_code,area_code,period,value")
    assert client.get(reverse("observations:import-template", args=["pdf"])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_imported_in_the_background(client, settings, places, library):
    from accord.common.factories import ManagerFactory

    settings.ACCORD_IMPORT_SYNC = False
    settings.ACCORD_IMPORT_INLINE_BYTES = 0
    client.force_login(ManagerFactory())
    before = set(threading.enumerate())
    with open(FILES / "template_employment_cp1252.csv", "rb") as f:
        response = client.post(IMPORT, {"file": f})
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=30)
    deadline = time.monotonic() + 30
    while batch.status != ImportStatus.DONE and time.monotonic() < deadline:
        time.sleep(0.1)
        batch.refresh_from_db()
    assert batch.status == ImportStatus.DONE, batch.problems
    assert batch.rows_loaded == 23
