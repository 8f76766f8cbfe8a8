"""The responsibility matrix journey in Debian chromium: a manager edits the matrix in the page,
breaks the one-lead rule and sees the error, fixes it, exports xlsx and CSV and imports the
downloaded files back; axe on every matrix page type."""

import re

import pytest
from playwright.sync_api import expect

from accord.bodies.models import Body
from accord.common.factories import CommitmentFactory, StrategyFactory
from accord.strategies.models import Responsibility
from accord.strategies.services import matrix_apply
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SAFER = "Safer Communities Partnership"
STRONGER = "Stronger Communities Partnership"
HEALTH = "Health and Wellbeing Partnership"


def cells(strategy):
    return {
        (r.commitment.number, r.body.name): r.role
        for r in Responsibility.objects.live()
        .filter(commitment__strategy=strategy)
        .select_related("commitment", "body")
    }


@pytest.fixture
def strategy(example):
    s = StrategyFactory(title="Matrix journey strategy", short_title="Journey SCS")
    c1 = CommitmentFactory(strategy=s, number="1", title="Recognising our diverse communities")
    c2 = CommitmentFactory(strategy=s, number="2", title="Increasing confidence and safety")
    CommitmentFactory(strategy=s, number="3", title="Reducing health inequalities")
    bodies = {b.name: b for b in Body.objects.filter(name__in=[SAFER, STRONGER, HEALTH])}
    matrix_apply(
        strategy=s,
        cells={
            (c1.pk, bodies[STRONGER].pk): "lead",
            (c1.pk, bodies[HEALTH].pk): "contributing",
            (c2.pk, bodies[SAFER].pk): "lead",
        },
        by=None,
    )
    return s


def test_edit_break_fix_export_and_reimport_the_matrix(page, axe, strategy, tmp_path):
    sign_in(page, "manager")
    page.goto(f"/strategy/{strategy.pk}/matrix/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Responsibility matrix")
    table = page.get_by_role("table", name=re.compile("lead and contributing bodies"))
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name=re.compile("^1\\. Recognising"))).to_contain_text("Lead")
    axe(page, "matrix page")

    # Edit in the page: give commitment 3 two leads.
    page.get_by_role("link", name="Change the matrix").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the responsibility matrix")
    axe(page, "matrix edit form")
    page.get_by_label(f"Commitment 3, {SAFER}").select_option("lead")
    page.get_by_label(f"Commitment 3, {HEALTH}").select_option("lead")
    page.get_by_label(f"Commitment 3, {STRONGER}").select_option("contributing")
    page.get_by_role("button", name="Save the matrix").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Commitment 3 would have 2 lead bodies")
    # The user's choices are still in the table.
    expect(page.get_by_label(f"Commitment 3, {HEALTH}")).to_have_value("lead")
    expect(page.get_by_label(f"Commitment 3, {STRONGER}")).to_have_value("contributing")
    axe(page, "matrix edit form with errors")
    # The error links to the first cell of commitment 3's row.
    c3 = strategy.commitments.get(number="3")
    summary.get_by_role("link", name=re.compile("Commitment 3")).click()
    expect(page.locator(":focus")).to_have_attribute("id", re.compile(rf"^cell-{c3.pk}-\d+$"))
    assert ("3", SAFER) not in cells(strategy)  # nothing was saved

    # Fix it and save.
    page.get_by_label(f"Commitment 3, {HEALTH}").select_option("contributing")
    page.get_by_role("button", name="Save the matrix").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Responsibility matrix saved"
    )
    saved = cells(strategy)
    assert saved[("3", SAFER)] == "lead"
    assert saved[("3", HEALTH)] == "contributing"
    assert saved[("3", STRONGER)] == "contributing"

    # Export both ways.
    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="Download as Excel (.xlsx)").click()
    xlsx_path = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(xlsx_path)
    assert xlsx_path.name.endswith("-responsibility-matrix.xlsx")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download as CSV").click()
    csv_path = tmp_path / csv_download.value.suggested_filename
    csv_download.value.save_as(csv_path)
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Number,Commitment,")

    # Someone changes the matrix; re-importing the xlsx puts it back.
    exported = cells(strategy)
    c1 = strategy.commitments.get(number="1")
    health = Body.objects.get(name=HEALTH)
    matrix_apply(strategy=strategy, cells={(c1.pk, health.pk): None}, by=None)
    page.goto(f"/strategy/{strategy.pk}/matrix/")
    page.get_by_role("link", name="Import from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import the responsibility matrix")
    axe(page, "matrix import page")
    page.get_by_label("Upload a file").set_input_files(str(xlsx_path))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-panel")).to_contain_text("1 role added, 0 roles changed")
    expect(page.get_by_role("table", name="What changed")).to_contain_text(HEALTH)
    assert cells(strategy) == exported
    axe(page, "matrix import result")

    # The CSV matches already: nothing changes.
    page.get_by_role("link", name="Import another file").click()
    page.get_by_label("Upload a file").set_input_files(str(csv_path))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-panel")).to_contain_text(
        "0 roles added, 0 roles changed, 0 roles removed"
    )
    assert cells(strategy) == exported

    # A bad file is refused with the row and column of each problem.
    bad = tmp_path / "bad.csv"
    text = csv_path.read_text(encoding="utf-8-sig").replace("LEAD ROLE", "Top dog", 1)
    bad.write_text(text + "99,Not a commitment,,,\r\n", encoding="utf-8")
    page.get_by_role("link", name="Import another file").click()
    page.get_by_label("Upload a file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The file was not imported")
    problems = page.locator("#problems")
    expect(problems).to_contain_text("“Top dog” is not a role")
    expect(problems).to_contain_text("There is no commitment 99")
    expect(problems).to_contain_text("A (Number)")
    axe(page, "matrix import result with errors")
    assert cells(strategy) == exported


def test_public_sees_the_matrix_without_edit_controls(page, axe, strategy):
    page.goto(f"/strategy/{strategy.pk}/matrix/")
    expect(page.get_by_role("table", name=re.compile("lead and contributing"))).to_be_visible()
    expect(page.get_by_role("link", name="Change the matrix")).to_have_count(0)
    page.goto(f"/strategy/{strategy.pk}/matrix/change/")
    expect(page).to_have_url(re.compile("/account/sign-in/"))
