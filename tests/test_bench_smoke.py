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
