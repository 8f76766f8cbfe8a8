"""`make bench` at a tiny scale, in the test database: every section runs, the results file has
every figure, and Accord's assessment equals the pandas and DuckDB implementations. Nothing
here is timed; the timings it prints are meaningless at this size."""

import json

import pytest
from django.db import connection

from tests import bench, bench_framework, bench_performance
from tests.benchdata.config import SEED, Scale

TINY = Scale(
    areas=14, indicators=9, quarters=12, import_rows=400, requests=2, seed=SEED, factor=0.0001
)

CASE_KEYS = {
    "indicators",
    "areas",
    "rows",
    "ours_seconds",
    "ours_queries",
    "pandas_seconds",
    "duckdb_seconds",
    "ours_over_pandas",
    "ours_over_duckdb",
    "equal_pandas",
    "equal_duckdb",
    "differences_pandas",
    "differences_duckdb",
    "met_faster_than_pandas",
    "met_within_2x_duckdb",
}
PAGE_KEYS = {"url", "status", "queries", "requests", "p50_ms", "p95_ms", "met"}


@pytest.fixture
def results(tmp_path):
    performance = bench_performance.run(TINY, tmp_path)
    framework = bench_framework.run(bodies=8, people=20, members=3)
    results = bench.assemble(framework, {connection.vendor: performance})
    path = bench.write(results, tmp_path / "results.json")
    return json.loads(path.read_text()), bench.report(results)


@pytest.mark.django_db(transaction=True)
def test_the_whole_bench_runs_at_a_tiny_scale(results):
    saved, text = results
    (backend,) = saved["performance"]
    r = saved["performance"][backend]

    assert r["scale"]["observations"] == 14 * 9 * 12
    assert r["data"]["synthetic_area_observations"] == 14 * 9 * 12
    assert r["data"]["real_observations"] > 0
    assert r["data"]["provenance"].startswith("synthetic")

    imp = r["import"]
    assert imp["rows"] == 400
    assert imp["accord"]["rows_loaded"] == 400, imp["accord"]["batch_problems"]
    assert imp["raw"]["rows_per_second"] > 0 and imp["accord"]["rows_per_second"] > 0
    assert {"ratio", "met", "target"} <= imp.keys()

    assessment = r["assessment"]
    assert {"as_of", "load", "partnership", "national"} <= assessment.keys()
    for case in ("partnership", "national"):
        c = assessment[case]
        assert c.keys() >= CASE_KEYS
        assert c["equal_pandas"], c["differences_pandas"]
        assert c["equal_duckdb"], c["differences_duckdb"]
    assert assessment["partnership"]["areas"] == 1
    assert assessment["national"]["areas"] == 14
    # The tiny data set still reaches every branch worth comparing.
    rag = assessment["national"]["rag_counts"]
    assert rag.get("data_late", 0) + rag.get("green", 0) + rag.get("red", 0) > 0

    for page in ("body_scorecard", "focus"):
        assert r["pages"][page].keys() >= PAGE_KEYS, r["pages"][page]
        assert r["pages"][page]["status"] == 200

    assert [read["status"] for read in saved["framework"]["reads"]] == [200] * 8
    labels = [row["label"] for row in saved["summary"]]
    assert any("ratio (accord / raw)" in label for label in labels)
    assert any("ours / DuckDB" in label for label in labels)
    assert "ours / pandas" in text and "focus page p95" in text


PERIOD_TEXTS = [
    "2008/09",
    "2009/10",
    "2010/11",
    "2008",
    "2009",
    "2010",
    "2009/10 Q1",
    "2009/10 Q2",
    "2009/10 Q3",
    "2009/10 Q4",
    "2010/11 Q1",
    "2010/11 Q3",
    "2009 Q1",
    "2009 Q2",
    "2009 Q4",
    "2010 Q1",
    "2010 Q4",
    "2009-03",
    "2009-04",
    "2010-03",
    "2010-04",
    "2001 - 03",
    "2002 - 04",
    "2000 - 02",
    "2006/07 - 08/09",
    "2005/06 - 07/08",
    "2015-08-01/2016-07-31",
    "2016-08-01/2017-07-31",
    "2008-09-01/2008-12-31",
    "2008-05-02/2008-08-31",
    "2007-09-01/2007-12-31",
    "2008-09-02/2008-12-31",
    "2008-05-04/2008-09-01",
    "2007-09-02/2007-12-31",
    "2008-02-29/2008-03-30",
]


@pytest.mark.django_db
def test_the_references_find_the_same_previous_and_year_earlier_periods():
    """The reference implementations' period arithmetic agrees with the library's on periods
    of every kind, so a change to accord.indicators.periods shows up here first."""
    import pandas as pd

    from accord.indicators.models import Period
    from accord.indicators.periods import as_spec, periods_for, previous_period, year_earlier
    from tests.benchdata.frames import load_frames
    from tests.benchdata.ref_duckdb import connect, neighbours_sql
    from tests.benchdata.ref_pandas import period_neighbours

    periods_for(PERIOD_TEXTS)
    frames = load_frames()
    by_pandas = period_neighbours(frames.periods).set_index("id")
    con = connect(frames)
    con.execute(neighbours_sql())
    by_duckdb = con.execute("SELECT * FROM neighbours").df().set_index("id")
    codes = dict(Period.objects.values_list("pk", "code"))

    def code(pk):
        return None if pd.isna(pk) else codes[int(pk)]

    for period in Period.objects.all():
        expected = []
        for step in (previous_period, year_earlier):
            found = step(as_spec(period)).code
            expected.append(found if found in codes.values() else None)
        for label, table in (("pandas", by_pandas), ("duckdb", by_duckdb)):
            got = [code(table.loc[period.pk, "prev_id"]), code(table.loc[period.pk, "year_id"])]
            assert got == expected, (label, period.code)
