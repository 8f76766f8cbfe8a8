"""Figures in the browser: a manager uploads a Fingertips export and sees the result, a file
with bad rows shows its problems, and axe finds nothing on the list, a figure's page, the
import page, a running import's progress page and a finished import. The import file is real
(accord/observations/tests/files/SOURCE.md)."""

import pytest

from accord.areas.models import Area, AreaCode, AreaKind
from accord.indicators.models import Indicator, Scheme, ValueType
from accord.observations.factories import ImportBatchFactory
from accord.observations.models import ImportStatus, Observation
from accord.observations.tests.conftest import FILES
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def ready(settings, tmp_path, example):
    """What the test files name: England, Cheshire West and Chester (and its old code 00EW),
    healthy life expectancy (Fingertips 90362) and an indicator coded EMP."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACCORD_IMPORT_SYNC = True
    england = Area.objects.filter(gss_code="E92000001").first() or Area.objects.create(
        name="England", kind=AreaKind.COUNTRY, gss_code="E92000001"
    )
    cwac = Area.objects.filter(gss_code="E06000050").first() or Area.objects.create(
        name="Cheshire West and Chester", kind=AreaKind.BOROUGH, gss_code="E06000050"
    )
    if not AreaCode.objects.filter(code="00EW").exists():
        AreaCode.objects.create(area=cwac, code="00EW")
    hle = Indicator.objects.filter(scheme=Scheme.FINGERTIPS, external_id="90362").first()
    if hle is None:
        hle = Indicator.objects.create(
            code="TEST HLE",
            title="Healthy life expectancy at birth",
            scheme=Scheme.FINGERTIPS,
            external_id="90362",
            value_type=ValueType.YEARS,
        )
    if not Indicator.objects.live().filter(code="EMP").exists():
        Indicator.objects.create(code="EMP", title="Employment rate (test file)", maximum=100)
    return {"england": england, "cwac": cwac, "hle": hle}


def test_a_manager_imports_a_fingertips_export_and_sees_the_result(page, axe, ready):
    sign_in(page, "manager")
    page.goto("/observations/import/")
    axe(page, "import page")
    page.get_by_label("File of figures").set_input_files(str(FILES / "fingertips_hle_bom.csv"))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    main = page.locator("main")
    assert "Import complete" in main.inner_text()
    assert "22 figures loaded" in main.inner_text()
    axe(page, "finished import")

    page.get_by_role("link", name="See the figures").click()
    page.wait_for_load_state()
    axe(page, "figures list")
    obs = Observation.objects.filter(indicator=ready["hle"], area=ready["cwac"]).first()
    page.goto(obs.get_absolute_url())
    assert "Restatements" in page.locator("main").inner_text()
    axe(page, "figure page")
    for form in ("restate", "archive"):
        page.goto(f"/observations/{obs.pk}/{form}/")
        axe(page, f"{form} form")
    page.goto(f"/observations/{obs.pk}/restate/")
    page.locator("#id_value").fill("66.5")
    page.get_by_role("button", name="Restate the figure").click()
    page.wait_for_load_state()
    assert (
        "Enter why the figure is being restated"
        in page.locator(".govuk-error-summary").inner_text()
    )
    axe(page, "restate form with an error")
    page.get_by_label("Why is the figure being restated?").fill("Test-only restatement")
    page.get_by_role("button", name="Restate the figure").click()
    page.wait_for_load_state()
    assert "Test-only restatement" in page.locator("main").inner_text()
    axe(page, "restated figure")


def test_a_file_with_bad_rows_lists_its_problems(page, axe, ready):
    sign_in(page, "manager")
    page.goto("/observations/import/")
    page.get_by_label("File of figures").set_input_files(str(FILES / "template_three_bad_rows.csv"))
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "The file was not imported" in summary.inner_text()
    table = page.get_by_role("table", name="Problems")
    assert table.locator("tbody tr").count() == 3
    axe(page, "refused import")
    page.goto("/observations/import/")
    page.get_by_role("button", name="Import").click()
    page.wait_for_load_state()
    assert "Choose a file to import" in page.locator(".govuk-error-summary").inner_text()
    axe(page, "import form with an error")


def test_the_progress_page_of_a_running_import(page, axe, ready):
    from accord.accounts.models import User

    manager = User.objects.get(username="manager")
    batch = ImportBatchFactory(
        status=ImportStatus.CHECKING, rows_total=200_000, rows_done=50_000, created_by=manager
    )
    sign_in(page, "manager")
    page.goto(batch.get_absolute_url())
    progress = page.get_by_label("Progress of the import")
    assert progress.get_attribute("value") == "25"
    assert "25% checked" in page.locator("main").inner_text()
    axe(page, "import in progress")
    # The script follows the status and shows the result once the import has finished.
    type(batch).objects.filter(pk=batch.pk).update(
        status=ImportStatus.DONE, rows_done=200_000, rows_loaded=200_000
    )
    page.wait_for_selector("text=Import complete", timeout=10_000)


def test_the_public_list_and_the_template_downloads(page, axe, ready):
    page.goto("/observations/")
    axe(page, "public figures list")
    response = page.request.get("/observations/import/template.csv")
    assert response.text().startswith("indicator_code,area_code,period,value")
