"""The import engine against real, messy files (see files/SOURCE.md): a Fingertips export with a
byte-order mark and an old area code, a Windows-1252 CSV with suppressed values and ISO periods,
financial years written four ways, and a file with three bad rows. Files and tests named
`testonly` use test values, not published figures."""

import csv
import io

import pytest
from openpyxl import Workbook

from accord.observations import importing
from accord.observations.models import ImportStatus, Observation
from accord.observations.services import import_observations, observation_lock
from accord.observations.tests.conftest import FILES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(name, manager, **kwargs):
    return import_observations(file_path=FILES / name, filename=name, by=manager, **kwargs)


def run_text(text, manager, name="figures.csv", **kwargs):
    return import_observations(
        file=io.BytesIO(text.encode("utf-8")), filename=name, by=manager, **kwargs
    )


def figures(batch):
    return {
        (o.area.gss_code, o.period.code, o.breakdown): o
        for o in Observation.objects.filter(batch=batch).select_related("area", "period")
    }


def rejects(batch) -> list[list[str]]:
    with batch.rejects_file.open("rb") as f:
        return list(csv.reader(io.StringIO(f.read().decode("utf-8-sig"))))


def test_fingertips_export_with_a_bom_and_an_old_area_code(places, library, manager):
    batch = run("fingertips_hle_bom.csv", manager)
    assert batch.status == ImportStatus.DONE, batch.problems
    assert batch.layout == "fingertips"
    assert (batch.rows_total, batch.rows_loaded, batch.rows_rejected) == (22, 22, 0)
    got = figures(batch)
    male = got[("E06000050", "2016 - 18", "Male")]
    assert (male.value, male.ci_lower, male.ci_upper) == (66.0, 63.3, 68.8)
    assert male.indicator == library["HLE"]
    assert male.period.start.isoformat() == "2016-01-01"
    assert male.period.end.isoformat() == "2018-12-31"
    assert got[("E92000001", "2020 - 22", "Female")].value == 62.8
    # 2011 - 13 was given under Cheshire West and Chester's old code, 00EW.
    assert got[("E06000050", "2011 - 13", "Female")].value == 65.1
    assert male.provenance == "real" and male.status == "final" and male.is_current


def test_bulk_rows_carry_their_batch_as_their_history(places, library, manager):
    batch = run("fingertips_hle_bom.csv", manager)
    obs = Observation.objects.filter(batch=batch).first()
    assert obs.batch.created_by == manager and obs.batch.filename == "fingertips_hle_bom.csv"
    assert obs.created_by is None  # who loaded it is recorded once, on the batch
    assert obs.history.count() == 0  # per-row history is not written for bulk loads
    assert batch.history.filter(status=ImportStatus.DONE).exists()


def test_windows_1252_file_with_suppressed_values_and_iso_periods(places, library, manager):
    batch = run("template_employment_cp1252.csv", manager)
    assert batch.status == ImportStatus.DONE, batch.problems
    assert batch.layout == "accord" and batch.rows_loaded == 23
    got = figures(batch)
    first = got[("E06000050", "2004", "")]
    assert first.value == 74.8 and first.ci_lower == 72.89999999999999
    assert first.source == "ONS – Annual Population Survey, via Explore Local Statistics"
    scilly = got[("E06000053", "2017", "")]
    assert scilly.suppressed and scilly.value is None
    assert "x" in scilly.suppression_reason


def test_financial_years_written_four_ways(places, library, manager):
    batch = run("template_financial_years.csv", manager)
    assert batch.status == ImportStatus.DONE, batch.problems
    got = figures(batch)
    assert sorted(code for _, code, _ in got) == ["2021/22", "2022/23", "2023/24", "2024/25"]
    assert got[("E06000050", "2022/23", "")].value == 15.96271203


def test_testonly_quarters_months_and_pooled_years(places, library, manager):
    batch = run("template_quarters_testonly.csv", manager)
    assert batch.status == ImportStatus.DONE, batch.problems
    got = {code: o for (_, code, _), o in figures(batch).items()}
    assert set(got) == {
        "2019/20 Q2",
        "2019/20 Q3",
        "2020 Q1",
        "2020-04",
        "2020-07",
        "2020/21 Q3",
        "2001 - 03",
    }
    assert got["2020-04"].value == 1300.0  # written "1,300"
    assert got["2020-07"].value == 14.0  # written "14%"
    assert got["2019/20 Q2"].status == "provisional"


def test_testonly_fingertips_suppressions_and_breakdowns(places, library, manager):
    batch = run("fingertips_suppressed_testonly.csv", manager)
    assert batch.status == ImportStatus.DONE, batch.problems
    got = {(code, bd): o for (_, code, bd), o in figures(batch).items()}
    noted = got[("2018/19", "18+ yrs")]
    assert noted.suppressed and noted.value is None
    assert noted.suppression_reason == "Value suppressed for disclosure control due to small count"
    assert got[("2018/19", "")].suppression_reason == "Suppressed in the source (shown as “*”)."
    assert got[("2018/19", "Female")].suppression_reason == "Data not available"
    decile = got[
        (
            "2018/19",
            "County & UA deprivation deciles in England (IMD2019, 4/21 geog.): "
            "Most deprived decile (IMD2019)",
        )
    ]
    assert (decile.value, decile.numerator, decile.denominator) == (12.5, 25, 200)
    assert decile.commentary == "Test value: not a published figure"
    assert got[("2019/20", "Male")].ci_upper == 15.2


def test_a_file_with_three_bad_rows_is_refused_whole(places, library, manager):
    batch = run("template_three_bad_rows.csv", manager)
    assert batch.status == ImportStatus.REJECTED
    assert not Observation.objects.exists()
    assert (batch.rows_total, batch.rows_loaded, batch.rows_rejected) == (6, 0, 3)
    where = [(p["row"], p["column"]) for p in batch.problems]
    assert where == [(3, "area_code"), (5, "value"), (6, "period")]
    messages = " ".join(p["problem"] for p in batch.problems)
    assert "E06999999" in messages and "2022/21" in messages
    rows = rejects(batch)
    assert rows[0][-1] == "problem" and len(rows) == 4
    assert rows[1][1] == "E06999999" and "No area" in rows[1][-1]


def test_good_rows_mode_loads_the_rest_and_returns_the_rejects(places, library, manager):
    batch = run("template_three_bad_rows.csv", manager, load_good_rows=True)
    assert batch.status == ImportStatus.DONE
    assert (batch.rows_loaded, batch.rows_rejected) == (3, 3)
    assert sorted(o.period.code for o in Observation.objects.all()) == ["2018", "2020", "2023"]
    rows = rejects(batch)
    with open(FILES / "template_three_bad_rows.csv", encoding="utf-8") as f:
        original = list(csv.reader(f))
    assert rows[0] == [*original[0], "problem"]
    assert [r[:-1] for r in rows[1:]] == [original[2], original[4], original[5]]
    assert [r[3] for r in rows[1:]] == ["76.9", "seventy-six", "72.5"]


def test_xlsx_export_reads_like_the_csv(places, library, manager, tmp_path):
    with open(FILES / "fingertips_hle_bom.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    book = Workbook()
    sheet = book.active
    sheet.append(rows[0])
    for row in rows[1:]:
        sheet.append([float(c) if c.replace(".", "").isdigit() else c for c in row])
    path = tmp_path / "hle.xlsx"
    book.save(path)
    batch = import_observations(file_path=path, filename="hle.xlsx", by=manager)
    assert batch.status == ImportStatus.DONE, batch.problems
    got = figures(batch)
    assert got[("E06000050", "2016 - 18", "Male")].value == 66.0
    assert len(got) == 22


def test_importing_again_restates_changed_figures_and_leaves_the_rest(places, library, manager):
    run("template_financial_years.csv", manager)
    text = (FILES / "template_financial_years.csv").read_text()
    revised = text.replace("14.65037405", "14.7")  # a test-only revision of 2021/22
    second = run_text(revised, manager, name="revised_testonly.csv")
    assert second.status == ImportStatus.DONE, second.problems
    assert (second.rows_total, second.rows_loaded) == (4, 1)
    new = Observation.objects.get(batch=second)
    assert new.value == 14.7 and new.is_current
    assert new.restates.value == 14.65037405 and not new.restates.is_current
    assert "revised_testonly.csv" in new.restatement_reason
    assert Observation.objects.current().count() == 4


def test_a_locked_figure_needs_a_restatement_reason_in_the_file(places, library, manager):
    first = run("template_financial_years.csv", manager)
    observation_lock(
        observation=Observation.objects.get(batch=first, value=14.65037405), by=manager
    )
    header = "indicator_code,area_code,period,value,restatement_reason\n"
    refused = run_text(header + "CRP,E06000050,2021/22,14.7,\n", manager)
    assert refused.status == ImportStatus.REJECTED
    assert refused.problems[0]["column"] == "restatement_reason"
    assert "locked" in refused.problems[0]["problem"]
    done = run_text(header + "CRP,E06000050,2021/22,14.7,Test-only correction\n", manager)
    assert done.status == ImportStatus.DONE, done.problems
    new = Observation.objects.get(batch=done)
    assert new.restatement_reason == "Test-only correction" and new.restates.is_locked


def test_testonly_rows_breaking_the_figure_rules(places, library, manager):
    text = (
        "indicator_code,area_code,period,value,numerator,denominator,ci_lower,ci_upper,"
        "status,suppressed_reason,provenance\n"
        "EMP,E06000050,2008,101,,,,,,,\n"  # row 2: above the maximum
        "EMP,E06000050,2009,50,25,200,,,,,\n"  # row 3: 25/200 is 12.5%
        "EMP,E06000050,2010,50,,,55,60,,,\n"  # row 4: below its interval
        "EMP,E06000050,2011,40,,,,,maybe,,\n"  # row 5: status
        "EMP,E06000050,2012,4,,,,,,Small numbers,\n"  # row 6: suppressed with a value
        "EMP,E06000050,2013,,,,,,,,\n"  # row 7: no value, no reason
        "EMP,E06000050,2014,50,,,,,,,invented\n"  # row 8: provenance
        "EMP,E06000050,2015,51,,,,,,,\n"  # row 9: good
        "NI 999,E06000050,2015,50,,,,,,,\n"  # row 10: no such indicator
        "EMP,E06000050,2016,inf,,,,,,,\n"  # row 11: not a number
        "EMP,E06000050,2015,52,,,,,,,\n"  # row 12: 2015 again
    )
    batch = run_text(text, manager)
    assert batch.status == ImportStatus.REJECTED
    found = {(p["row"], p["column"]) for p in batch.problems}
    assert found == {
        (2, "value"),
        (3, "numerator"),
        (4, "ci_lower"),
        (5, "status"),
        (6, "value"),
        (7, "value"),
        (8, "provenance"),
        (10, "indicator_code"),
        (11, "value"),
        (12, ""),
    }
    duplicate = next(p for p in batch.problems if p["row"] == 12)
    assert "Row 9" in duplicate["problem"]


def test_testonly_synthetic_rows_are_labelled(places, library, manager):
    text = "indicator_code,area_code,period,value\nTQ,E06000050,2019/20 Q1,3\n"
    batch = run_text(text, manager, provenance="synthetic")
    assert Observation.objects.get(batch=batch).provenance == "synthetic"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "empty"),
        (b"indicator_code,area_code,period,value\n", "header.csv", "no rows"),
        (b"%PDF-1.4\x00\x00\x00 binary", "figures.csv", "not a CSV"),
        (b"not a spreadsheet", "figures.xlsx", "not an Excel"),
        (b"PK\x03\x04broken zip", "figures.xlsx", "Excel"),
        (b"Area,Value\nE06000050,3\n", "figures.csv", "column headings"),
        (b"indicator_code,area_code,period,vlaue\nTQ,E06000050,2019,3\n", "f.csv", "vlaue"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_one_problem(
    places, library, manager, content, name, message
):
    batch = import_observations(file=io.BytesIO(content), filename=name, by=manager)
    assert batch.status == ImportStatus.REJECTED
    assert message in " ".join(p["problem"] for p in batch.problems)
    assert not Observation.objects.exists()


def test_blank_rows_are_skipped_and_overlong_rows_reported(places, library, manager):
    text = (
        "indicator_code,area_code,period,value\n"
        ",,,\n"
        "TQ,E06000050,2019,3\n"
        "\n"
        "TQ,E06000050,2020,4,stray\n"
    )
    batch = run_text(text, manager, load_good_rows=True)
    assert (batch.rows_total, batch.rows_loaded, batch.rows_rejected) == (2, 1, 1)
    assert batch.problems[0]["row"] == 5 and "more cells" in batch.problems[0]["problem"]


def test_progress_is_reported_chunk_by_chunk(places, library, manager, monkeypatch):
    monkeypatch.setattr(importing, "CHUNK_ROWS", 5)
    monkeypatch.setattr(importing, "PROGRESS_SECONDS", 0)
    seen = []
    batch = run(
        "template_employment_cp1252.csv",
        manager,
        progress=lambda b: seen.append((b.status, b.rows_done)),
    )
    assert batch.status == ImportStatus.DONE
    checking = [done for status, done in seen if status == ImportStatus.CHECKING]
    assert checking == sorted(checking) and {5, 10, 15, 20} <= set(checking)
    assert seen[-1] == (ImportStatus.LOADING, 23)


def test_the_template_downloads_hold_the_header(places, library, manager, tmp_path):
    assert importing.template_csv().strip() == ",".join(importing.TEMPLATE_HEADER)
    path = tmp_path / "template.xlsx"
    path.write_bytes(importing.template_xlsx())
    batch = import_observations(file_path=path, filename="template.xlsx", by=manager)
    # The empty template is read as the template: it just has no figures yet.
    assert batch.problems == [
        {
            "row": None,
            "column": "",
            "problem": "The file has column headings but no rows of figures.",
        }
    ]
