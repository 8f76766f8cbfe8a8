"""Export and import of the responsibility matrix: the round trip keeps everything, and a bad
file is rejected whole with its problems named by row and column."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from accord.bodies.models import BodyKind
from accord.common.factories import (
    BodyFactory,
    CommitmentFactory,
    ManagerFactory,
    StrategyFactory,
)
from accord.strategies import matrix_io
from accord.strategies.models import Responsibility
from accord.strategies.services import matrix_apply

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def scs():
    """A small matrix in the shape of seed 003 appendix 1."""
    strategy = StrategyFactory(title="Together we can aim high", short_title="SCS 2010")
    c1 = CommitmentFactory(strategy=strategy, number="1", title="Diverse communities")
    c2 = CommitmentFactory(strategy=strategy, number="2", title="Third sector")
    c3 = CommitmentFactory(strategy=strategy, number="3", title="Feeling safe")
    safer = BodyFactory(name="Safer Communities Partnership", kind=BodyKind.THEMATIC)
    stronger = BodyFactory(name="Stronger Communities Partnership", kind=BodyKind.THEMATIC)
    health = BodyFactory(name="Health and Wellbeing Partnership", kind=BodyKind.THEMATIC)
    matrix_apply(
        strategy=strategy,
        cells={
            (c1.pk, stronger.pk): "lead",
            (c1.pk, health.pk): "contributing",
            (c2.pk, stronger.pk): "lead",
            (c3.pk, safer.pk): "lead",
            (c3.pk, health.pk): "contributing",
        },
        by=None,
    )
    return strategy, (c1, c2, c3), (safer, stronger, health)


@pytest.fixture
def manager(client):
    client.force_login(ManagerFactory())
    return client


def cells(strategy):
    return {
        (r.commitment_id, r.body_id): r.role
        for r in Responsibility.objects.live().filter(commitment__strategy=strategy)
    }


def export(client, strategy, fmt):
    r = client.get(reverse("strategies:matrix_export", args=[strategy.pk]), {"format": fmt})
    assert r.status_code == 200
    return r


def upload(client, strategy, name, content, content_type="text/csv"):
    return client.post(
        reverse("strategies:matrix_import", args=[strategy.pk]),
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def xlsx_bytes(rows, about=None):
    wb = Workbook()
    ws = wb.active
    ws.title = matrix_io.MATRIX_SHEET
    for row in rows:
        ws.append(row)
    if about is not None:
        a = wb.create_sheet(matrix_io.ABOUT_SHEET)
        for row in about:
            a.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_xlsx_export_has_the_grid_and_an_about_sheet(client, scs):
    strategy, (c1, c2, c3), (safer, stronger, health) = scs
    r = export(client, strategy, "xlsx")
    assert r["Content-Type"] == XLSX
    assert "scs-2010-responsibility-matrix.xlsx" in r["Content-Disposition"]
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Responsibility matrix", "About"]
    rows = [list(r) for r in wb["Responsibility matrix"].iter_rows(values_only=True)]
    assert rows[0] == ["Number", "Commitment", safer.name, stronger.name, health.name]
    assert rows[1] == ["1", "Diverse communities", None, "LEAD ROLE", "Contributing role"]
    assert rows[3] == ["3", "Feeling safe", "LEAD ROLE", None, "Contributing role"]
    about = {row[0]: row[1:] for row in wb["About"].iter_rows(values_only=True) if row}
    assert about["Strategy"][0] == "Together we can aim high"
    assert about["Strategy id"][0] == strategy.pk
    assert "Matrix as it stood on" in about and "Source" in about
    assert about["C"] == (safer.name, safer.pk)
    assert about["E"] == (health.name, health.pk)


def test_csv_export_is_the_same_grid(client, scs):
    strategy, _, (safer, stronger, health) = scs
    r = export(client, strategy, "csv")
    assert r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == ["Number", "Commitment", safer.name, stronger.name, health.name]
    assert rows[2] == ["2", "Third sector", "", "LEAD ROLE", ""]


def test_unknown_export_format_is_a_bad_request(client, scs):
    strategy, _, _ = scs
    r = client.get(reverse("strategies:matrix_export", args=[strategy.pk]), {"format": "pdf"})
    assert r.status_code == 400


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip_keeps_everything(manager, scs, fmt):
    strategy, (c1, c2, c3), (safer, stronger, health) = scs
    original = cells(strategy)
    exported = export(manager, strategy, fmt)
    # Importing the file unchanged changes nothing.
    r = upload(manager, strategy, f"matrix.{fmt}", exported.content, exported["Content-Type"])
    assert r.status_code == 200, r.content.decode()[:2000]
    assert "0 roles added, 0 roles changed, 0 roles removed" in r.content.decode()
    assert cells(strategy) == original
    # After the matrix changes, re-importing the export puts it back exactly.
    matrix_apply(
        strategy=strategy,
        cells={
            (c1.pk, stronger.pk): "contributing",
            (c1.pk, safer.pk): "lead",
            (c2.pk, health.pk): "contributing",
        },
        by=None,
    )
    assert cells(strategy) != original
    r = upload(manager, strategy, f"matrix.{fmt}", exported.content, exported["Content-Type"])
    html = r.content.decode()
    assert r.status_code == 200
    assert "Import complete" in html
    assert "0 roles added, 1 role changed, 2 roles removed" in html
    assert cells(strategy) == original
    assert "What changed" in html


def test_import_summary_counts_added_changed_removed(manager, scs):
    strategy, (c1, c2, c3), (safer, stronger, health) = scs
    rows = [
        ["Number", "Commitment", safer.name, stronger.name, health.name],
        ["1", "Diverse communities", "", "LEAD ROLE", ""],  # health removed
        ["2", "Third sector", "Contributing role", "LEAD ROLE", ""],  # safer added
        ["3", "Feeling safe", "Contributing role", "", "LEAD ROLE"],  # two changed
    ]
    r = upload(manager, strategy, "m.csv", csv_bytes(rows))
    html = r.content.decode()
    assert r.status_code == 200
    assert "1 role added, 2 roles changed, 1 role removed" in html
    saved = cells(strategy)
    assert saved[(c3.pk, health.pk)] == "lead" and saved[(c3.pk, safer.pk)] == "contributing"
    assert (c1.pk, health.pk) not in saved


def test_xlsx_columns_match_by_body_id_from_the_about_sheet(manager, scs):
    strategy, _, (safer, stronger, health) = scs
    exported = export(manager, strategy, "xlsx")
    original = cells(strategy)
    stronger.name = "Stronger Communities Partnership (renamed)"
    stronger.save()
    r = upload(manager, strategy, "m.xlsx", exported.content, XLSX)
    assert r.status_code == 200
    assert cells(strategy) == original


def problems_of(response):
    """The rows of the error table: (row, column, problem)."""
    html = response.content.decode()
    assert response.status_code == 422, html[:3000]
    assert "The file was not imported and the matrix has not changed" in html
    table = html.split('id="problems"')[1].split("</table>")[0]
    out = []
    for tr in table.split("<tbody")[1].split("<tr")[1:]:
        tds = [td.split(">", 1)[1].split("</td>")[0] for td in tr.split("<td")[1:]]
        out.append(tuple(tds))
    return out


def assert_unchanged(strategy, before):
    assert cells(strategy) == before


HEADER = [
    "Number",
    "Commitment",
    "Safer Communities Partnership",
    "Stronger Communities Partnership",
    "Health and Wellbeing Partnership",
]


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            [
                HEADER,
                ["1", "Diverse communities", "", "LEAD ROLE", ""],
                ["99", "x", "", "LEAD ROLE", ""],
            ],
            [("3", "A (Number)", "There is no commitment 99")],
        ),
        (
            [HEADER[:4] + ["Nobody at all"], ["1", "Diverse communities", "", "LEAD ROLE", ""]],
            [("1", "E (Nobody at all)", "No body is called")],
        ),
        (
            [
                HEADER,
                ["1", "Diverse communities", "", "LEAD ROLE", "Sort of"],
                ["2", "Third sector", "Boss", "LEAD ROLE", ""],
            ],
            [
                ("2", "E (Health and Wellbeing Partnership)", "“Sort of” is not a role"),
                ("3", "C (Safer Communities Partnership)", "“Boss” is not a role"),
            ],
        ),
        (
            [["1", "Diverse communities", "", "LEAD ROLE", ""]],
            [("1", "—", "The header row is missing")],
        ),
        (
            [
                HEADER,
                ["1", "Diverse communities", "", "LEAD ROLE", ""],
                ["1", "Diverse communities", "", "LEAD ROLE", ""],
            ],
            [("3", "A (Number)", "Commitment 1 is already in row 2")],
        ),
        (
            [HEADER, ["1", "Diverse communities", "LEAD ROLE", "LEAD ROLE", ""]],
            [
                (
                    "2",
                    "C (Safer Communities Partnership), D (Stronger Communities Partnership)",
                    "Commitment 1 would have 2 lead bodies",
                )
            ],
        ),
    ],
    ids=[
        "unknown-commitment",
        "unknown-body",
        "unknown-value",
        "no-header",
        "duplicate-row",
        "two-leads",
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_bad_files_are_rejected_with_row_and_column_and_change_nothing(
    manager, scs, rows, expected, fmt
):
    strategy, _, _ = scs
    before = cells(strategy)
    if fmt == "csv":
        r = upload(manager, strategy, "bad.csv", csv_bytes(rows))
    else:
        r = upload(manager, strategy, "bad.xlsx", xlsx_bytes(rows), XLSX)
    found = problems_of(r)
    assert len(found) == len(expected), found
    for (row, column, problem), (want_row, want_col, want_text) in zip(
        found, expected, strict=True
    ):
        assert row == want_row
        assert column == want_col
        assert want_text in problem.replace("&#x27;", "'").replace("&quot;", '"')
    assert_unchanged(strategy, before)


@pytest.mark.parametrize(
    "name, content, text",
    [
        ("matrix.pdf", b"%PDF-1.4 not a spreadsheet", "must be an Excel spreadsheet (.xlsx) or"),
        ("matrix.xlsx", b"Number,Commitment\n1,x\n", "must be an Excel spreadsheet (.xlsx) or"),
        ("matrix.csv", b"\xef\xbb\xbf\r\n", "The file is empty"),
        ("matrix.csv", b"Number,Commitment,Safer Communities Partnership\n", "no commitments"),
    ],
    ids=["wrong-type", "fake-xlsx", "empty-file", "header-only"],
)
def test_wrong_type_and_empty_files_are_rejected(manager, scs, name, content, text):
    strategy, _, _ = scs
    before = cells(strategy)
    found = problems_of(upload(manager, strategy, name, content))
    assert len(found) == 1
    assert text in found[0][2]
    assert_unchanged(strategy, before)


def test_an_empty_upload_is_refused_by_the_form(manager, scs):
    strategy, _, _ = scs
    before = cells(strategy)
    r = upload(manager, strategy, "empty.csv", b"")
    assert r.status_code == 422
    assert (
        "The file is empty" in r.content.decode() or "submitted file is empty" in r.content.decode()
    )
    assert_unchanged(strategy, before)


def test_too_big_file_is_rejected(manager, scs, monkeypatch):
    strategy, _, _ = scs
    before = cells(strategy)
    monkeypatch.setattr(matrix_io, "MAX_BYTES", 100)
    big = csv_bytes([HEADER] + [["1", "x" * 50, "", "LEAD ROLE", ""]] * 5)
    found = problems_of(upload(manager, strategy, "big.csv", big))
    assert found[0][0] == "Whole file" and "larger than" in found[0][2]
    assert_unchanged(strategy, before)


def test_a_file_of_another_strategy_is_rejected(manager, scs):
    strategy, _, _ = scs
    other = StrategyFactory()
    CommitmentFactory(strategy=other, number="1")
    exported = export(manager, strategy, "xlsx")
    found = problems_of(upload(manager, other, "m.xlsx", exported.content, XLSX))
    assert "another strategy" in found[0][2]


def test_all_problems_are_listed_together(manager, scs):
    strategy, _, _ = scs
    before = cells(strategy)
    rows = [
        HEADER[:4] + ["Nobody"],
        ["1", "Diverse communities", "", "LEAD ROLE", "Maybe"],
        ["77", "x", "", "LEAD ROLE", ""],
    ]
    found = problems_of(upload(manager, strategy, "m.csv", csv_bytes(rows)))
    assert [(row, col) for row, col, _ in found] == [
        ("1", "E (Nobody)"),
        ("2", "E (Nobody)"),
        ("3", "A (Number)"),
    ]
    assert_unchanged(strategy, before)


def test_import_page_needs_a_file(manager, scs):
    strategy, _, _ = scs
    r = manager.post(reverse("strategies:matrix_import", args=[strategy.pk]), {})
    assert r.status_code == 422
    assert "Choose a file to upload" in r.content.decode()


def test_lead_problems_are_listed_with_the_other_problems(manager, scs):
    strategy, _, _ = scs
    before = cells(strategy)
    rows = [
        HEADER[:4] + ["Nobody"],
        ["1", "Diverse communities", "LEAD ROLE", "LEAD ROLE", "Maybe"],
        ["2", "Third sector", "Contributing role", "", ""],
        ["3", "Feeling safe", "", "Contributing role", "LEAD ROLE"],
        ["77", "x", "LEAD ROLE", "LEAD ROLE", ""],
    ]
    found = problems_of(upload(manager, strategy, "m.csv", csv_bytes(rows)))
    assert [(row, col) for row, col, _ in found] == [
        ("1", "E (Nobody)"),
        ("2", "E (Nobody)"),
        ("2", "C (Safer Communities Partnership), D (Stronger Communities Partnership)"),
        ("3", "all body columns"),
        ("5", "A (Number)"),
    ]
    assert "Commitment 1 would have 2 lead bodies" in found[2][2]
    assert "Commitment 2 would have 0 lead bodies" in found[3][2]
    # Row 4 leads in the unknown body's column: the file gives it one lead, so no lead problem.
    assert_unchanged(strategy, before)


def test_a_row_with_an_unreadable_cell_is_only_faulted_for_two_leads(manager, scs):
    strategy, _, _ = scs
    rows = [HEADER, ["1", "Diverse communities", "Contributing role", "", "Boss"]]
    found = problems_of(upload(manager, strategy, "m.csv", csv_bytes(rows)))
    assert [(row, col) for row, col, _ in found] == [("2", "E (Health and Wellbeing Partnership)")]


def test_a_changed_title_is_a_problem_on_its_row(manager, scs):
    strategy, _, _ = scs
    before = cells(strategy)
    rows = [
        HEADER,
        ["1", "  DIVERSE communities ", "", "LEAD ROLE", "Contributing role"],
        ["2", "The third sector", "", "LEAD ROLE", ""],
        ["3", "", "LEAD ROLE", "", "Contributing role"],
    ]
    found = problems_of(upload(manager, strategy, "m.csv", csv_bytes(rows)))
    assert len(found) == 1, found
    row, col, problem = found[0]
    assert (row, col) == ("3", "B (Commitment)")
    assert problem.replace("&#x27;", "'") == (
        "The title does not match commitment 2: 'Third sector'. The matrix import sets roles "
        "only; change titles on the commitment's page."
    )
    assert_unchanged(strategy, before)
    # With the title put back the same file imports (case and surrounding spaces aside).
    rows[2][1] = "third sector"
    r = upload(manager, strategy, "m.csv", csv_bytes(rows))
    assert r.status_code == 200, r.content.decode()[:2000]
    assert cells(strategy) == before
