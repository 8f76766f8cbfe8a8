"""`accord import observations FILE [--good-rows] [--rejects OUT.csv] [--user USERNAME]`."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from accord.observations.models import ImportBatch, ImportStatus, Observation
from accord.observations.tests.conftest import FILES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_importing_a_fingertips_export(places, library, manager):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import",
        "observations",
        str(FILES / "fingertips_hle_bom.csv"),
        "--user",
        manager.username,
        stdout=out,
        stderr=err,
    )
    assert "Loaded 22 figures from fingertips_hle_bom.csv" in out.getvalue()
    batch = ImportBatch.objects.get()
    assert batch.created_by == manager and batch.status == ImportStatus.DONE
    assert Observation.objects.filter(batch=batch).count() == 22


def test_a_bad_file_exits_non_zero_with_the_problems(places, library, tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="was not imported"):
        call_command(
            "import",
            "observations",
            str(FILES / "template_three_bad_rows.csv"),
            "--rejects",
            str(tmp_path / "rejects.csv"),
            stderr=err,
        )
    report = err.getvalue()
    assert "3 problems in template_three_bad_rows.csv" in report
    assert "row 3, column area_code: No area has the code “E06999999”" in report
    assert "row 5, column value" in report and "row 6, column period" in report
    assert not Observation.objects.exists()
    with open(tmp_path / "rejects.csv", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert len(rows) == 4 and rows[0][-1] == "problem"


def test_good_rows_loads_the_rest_and_writes_the_rejects(places, library, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import",
        "observations",
        str(FILES / "template_three_bad_rows.csv"),
        "--good-rows",
        "--rejects",
        str(tmp_path / "rejects.csv"),
        stdout=out,
        stderr=err,
    )
    assert "Loaded 3 figures" in out.getvalue() and "3 rejected" in out.getvalue()
    assert f"The rejected rows are in {tmp_path / 'rejects.csv'}" in err.getvalue()
    assert Observation.objects.count() == 3
    assert (tmp_path / "rejects.csv").read_text(encoding="utf-8-sig").count("\n") == 4


def test_unknown_user_and_missing_file_are_clear_errors(places, library, tmp_path):
    with pytest.raises(CommandError, match="no file"):
        call_command("import", "observations", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="no active user called 'nobody'"):
        call_command(
            "import", "observations", str(FILES / "fingertips_hle_bom.csv"), "--user", "nobody"
        )
    assert not ImportBatch.objects.exists()
