"""`make bench`: how Accord scales, printed side by side for SQLite and PostgreSQL in one run
and written to var/bench/results.json. Never a timed test: timings vary with the machine.

Sections, each in its own process with its own throwaway database:
- framework (tests/bench_framework.py): a large synthetic framework's pages, on SQLite;
- performance (tests/bench_performance.py), once per database: the national-scale data set of
  issue 4 (the example's real series, then a deterministic synthetic scale-up, labelled
  synthetic, to 350 areas x 200 indicators x 40 quarters) and the three measurements: import
  against the database's raw bulk load, assessment against pandas and DuckDB (checked equal),
  and the scorecard pages' server time.

Knobs: BENCH_SCALE (e.g. 0.05 for a quick run), BENCH_BACKENDS (default
"sqlite,postgresql"), BENCH_SECTIONS (default "framework,performance"), BENCH_RESULTS (default
var/bench/results.json), BENCH_PAGE_SECONDS (most seconds spent timing each page, default 30),
BENCH_KEEP (keep the databases and files to look into), and the sizes in
tests/benchdata/config.py. Exits non-zero only when a section fails or our assessment differs
from the reference implementations; a missed target is reported, not an error. PostgreSQL is the
server at postgres://postgres@127.0.0.1:5432/; the benchmark makes and drops its own database
`accord_bench` there."""

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS") or ROOT / "var" / "bench" / "results.json")
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _section(module: str, *args: str) -> dict[str, Any]:
    """Run one section in a fresh interpreter (each needs its own Django database) and read
    the figures it wrote."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        path = Path(out.name)
    try:
        completed = subprocess.run(
            [sys.executable, "-m", module, *args, "--out", str(path)], cwd=ROOT, check=False
        )
        if completed.returncode != 0:
            return {"error": f"{module} {' '.join(args)} exited with {completed.returncode}"}
        return json.loads(path.read_text())
    finally:
        path.unlink(missing_ok=True)


def _postgres_reachable() -> str | None:
    try:
        import psycopg

        with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", connect_timeout=5):
            return None
    except Exception as error:  # noqa: BLE001 - any failure means: skip, saying why
        return f"PostgreSQL not reachable: {error}"


# --- The side-by-side table -------------------------------------------------------------------


def _n(value: Any, places: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, int) or places == 0:
        return f"{value:,.0f}"
    return f"{value:,.{places}f}"


def _verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "MISSED")


def summary(performance: dict[str, dict]) -> list[dict[str, Any]]:
    """The measurements as rows: a label, each database's figure (and whether its target was
    met), and the target."""
    rows: list[dict[str, Any]] = []

    def row(label, pick, places=0, target="", met=None, heading=False):
        cells, verdicts = {}, {}
        for backend, result in performance.items():
            try:
                cells[backend] = _n(pick(result), places)
                verdicts[backend] = met(result) if met else None
            except (KeyError, TypeError, ZeroDivisionError):
                cells[backend], verdicts[backend] = "—", None
        rows.append(
            {"label": label, "values": cells, "met": verdicts, "target": target, "heading": heading}
        )

    first = next(iter(performance.values()), {})
    rows_import = first.get("import", {}).get("rows", 0)
    row(f"1. Import of {rows_import:,} rows (template CSV)", lambda r: None, heading=True)
    row(
        "   raw bulk load into a bare table, rows/s",
        lambda r: r["import"]["raw"]["rows_per_second"],
    )
    row("   accord import observations, rows/s", lambda r: r["import"]["accord"]["rows_per_second"])
    row(
        "   ratio (accord / raw)",
        lambda r: r["import"]["ratio"],
        2,
        "≥ 0.50",
        lambda r: r["import"]["met"],
    )
    row(
        "   for scale: observations table's own bulk load, rows/s",
        lambda r: r["import"]["table_ceiling"]["rows_per_second"],
    )
    row(
        "     its ratio to the raw load (an import's ceiling)",
        lambda r: r["import"]["table_ceiling"]["ratio_to_raw"],
        2,
    )
    row(
        "   for scale: only its key and uniqueness kept, rows/s",
        lambda r: r["import"]["keyed_table_ceiling"]["rows_per_second"],
    )
    row(
        "     its ratio to the raw load",
        lambda r: r["import"]["keyed_table_ceiling"]["ratio_to_raw"],
        2,
    )
    row(
        "   for scale: the import's checking alone, rows/s",
        lambda r: r["import"]["check_ceiling"]["rows_per_second"],
    )
    row(
        "     its ratio to the raw load (an import's ceiling)",
        lambda r: r["import"]["check_ceiling"]["ratio_to_raw"],
        2,
    )
    row("2. Assessment (compute only; load apart)", lambda r: None, heading=True)
    row(
        "   load: database → pandas, s",
        lambda r: r["assessment"]["load"]["db_to_pandas_seconds"],
        2,
    )
    row(
        "   load: pandas → DuckDB, s",
        lambda r: r["assessment"]["load"]["pandas_to_duckdb_seconds"],
        2,
    )
    row(
        "   load: database → our copy of the figures (all areas), s",
        lambda r: r["assessment"]["load"]["db_to_our_copy_seconds"],
        2,
    )
    row(
        "     our copy's size, MB",
        lambda r: r["assessment"]["load"]["our_copy_megabytes"],
    )
    for case, label in (
        ("partnership", "one partnership (the borough)"),
        ("national", "all areas"),
    ):
        c = first.get("assessment", {}).get(case, {})
        row(
            f"   {label}: {c.get('indicators', 0)} indicators × {c.get('areas', 0)} areas "
            f"= {c.get('rows', 0):,} rows",
            lambda r: None,
            heading=True,
        )
        row("     ours: assess(), s", lambda r, k=case: r["assessment"][k]["ours_seconds"], 3)
        row("     pandas, s", lambda r, k=case: r["assessment"][k]["pandas_seconds"], 3)
        row("     DuckDB SQL, s", lambda r, k=case: r["assessment"][k]["duckdb_seconds"], 3)
        row(
            "     ours / pandas",
            lambda r, k=case: r["assessment"][k]["ours_over_pandas"],
            2,
            "< 1",
            lambda r, k=case: r["assessment"][k]["met_faster_than_pandas"],
        )
        row(
            "     ours / DuckDB",
            lambda r, k=case: r["assessment"][k]["ours_over_duckdb"],
            2,
            "≤ 2",
            lambda r, k=case: r["assessment"][k]["met_within_2x_duckdb"],
        )
        row(
            "     equal to pandas and DuckDB",
            lambda r, k=case: (
                r["assessment"][k]["equal_pandas"] and r["assessment"][k]["equal_duckdb"]
            ),
            target="equal",
            met=lambda r, k=case: (
                r["assessment"][k]["equal_pandas"] and r["assessment"][k]["equal_duckdb"]
            ),
        )
    requests = first.get("pages", {}).get("requests", 0)
    row(f"3. Pages, server time (up to {requests} requests each)", lambda r: None, heading=True)
    for page, label in (("body_scorecard", "body scorecard"), ("focus", "focus page")):
        row(f"   {label}: requests timed", lambda r, p=page: r["pages"][p]["requests"])
        row(f"   {label}: queries per request", lambda r, p=page: r["pages"][p]["queries"])
        row(f"   {label} p50, ms", lambda r, p=page: r["pages"][p]["p50_ms"], 1)
        row(
            f"   {label} p95, ms",
            lambda r, p=page: r["pages"][p]["p95_ms"],
            1,
            "< 150",
            lambda r, p=page: r["pages"][p]["met"],
        )
    return rows


def table(rows: list[dict[str, Any]], backends: list[str]) -> str:
    width = 58
    head = f"{'':{width}}" + "".join(f"{BACKENDS.get(b, b):>22}" for b in backends)
    lines = [head + f"  {'target':<8}", "-" * (len(head) + 10)]
    for r in rows:
        if r["heading"]:
            lines.append(r["label"])
            continue
        cells = ""
        for b in backends:
            verdict = _verdict(r["met"].get(b))
            cells += f"{r['values'].get(b, '—'):>14} {verdict:<7}"
        lines.append(f"{r['label']:{width}}{cells}  {r['target']}")
    return "\n".join(lines)


def framework_table(framework: dict[str, Any]) -> str:
    if "reads" not in framework:
        return f"framework section: {framework.get('error', 'not run')}"
    d = framework["data"]
    lines = [
        f"Framework (SQLite; synthetic, not real data: {d['bodies']} bodies, {d['people']} "
        f"people, {d['memberships']} memberships, built in {d['seconds_to_build']}s)",
        f"{'read':40} {'status':>6} {'queries':>8} {'median ms':>10} {'max ms':>8}",
    ]
    for r in framework["reads"]:
        lines.append(
            f"{r['read']:40} {r['status']:>6} {r['queries']:>8} {r['median_ms']:>10.1f} "
            f"{r['max_ms']:>8.1f}"
        )
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    parts = []
    if "framework" in results:
        parts.append(framework_table(results["framework"]))
    performance = {
        b: r
        for b, r in results.get("performance", {}).items()
        if "error" not in r and "skipped" not in r
    }
    for backend, r in results.get("performance", {}).items():
        if backend not in performance:
            parts.append(f"{BACKENDS.get(backend, backend)}: {r.get('error') or r.get('skipped')}")
    if performance:
        first = next(iter(performance.values()))
        scale = first["scale"]
        data = first["data"]
        parts.append(
            f"National scale (synthetic, labelled so; seed {scale['seed']}): {scale['areas']} "
            f"areas × {scale['indicators']} indicators × {scale['quarters']} quarters = "
            f"{scale['observations']:,} figures, plus {data['synthetic_region_observations']:,} "
            f"region, {data['synthetic_england_observations']:,} England and "
            f"{data['synthetic_sub_area_observations']:,} sub-area figures, "
            f"{data['synthetic_targets']:,} targets, and {data['real_observations']:,} real "
            f"figures from the example.\n"
            f"Assessment as of {first['assessment']['as_of']}; pandas and DuckDB times are "
            f"computation only (loading shown apart); ours includes its own queries."
        )
        parts.append(table(results["summary"], list(performance)))
        for backend, r in performance.items():
            parts.append(
                f"{BACKENDS[backend]} ({r['server']}): import ran as the "
                f"{r['import']['accord']['how']}; whole section {r['seconds_total']}s."
            )
    return "\n\n".join(parts)


def assemble(framework: dict | None, performance: dict[str, dict]) -> dict[str, Any]:
    results: dict[str, Any] = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "targets": {
            "import": "accord import at least half the raw bulk load's rows/s",
            "assessment": "faster than pandas; within 2x of DuckDB (compute only)",
            "pages": "p95 server time under 150 ms",
        },
    }
    if framework is not None:
        results["framework"] = framework
    results["performance"] = performance
    measured = {b: r for b, r in performance.items() if "error" not in r and "skipped" not in r}
    results["summary"] = summary(measured)
    return results


def write(results: dict[str, Any], path: Path = RESULTS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str))
    return path


def main() -> int:
    sections = os.environ.get("BENCH_SECTIONS", "framework,performance").split(",")
    backends = [
        b.strip() for b in os.environ.get("BENCH_BACKENDS", "sqlite,postgresql").split(",") if b
    ]
    started = time.perf_counter()
    framework = None
    if "framework" in sections:
        print("Framework section (SQLite) ...", flush=True)
        framework = _section("tests.bench_framework")
    performance: dict[str, dict] = {}
    if "performance" in sections:
        for backend in backends:
            if backend == "postgresql" and (why := _postgres_reachable()):
                performance[backend] = {"skipped": why}
                continue
            print(f"Performance section on {BACKENDS.get(backend, backend)} ...", flush=True)
            performance[backend] = _section("tests.bench_performance", "--backend", backend)
    results = assemble(framework, performance)
    results["seconds_total"] = round(time.perf_counter() - started, 1)
    print()
    print(report(results))
    path = write(results)
    print(
        f"\nAll figures: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
        f"({results['seconds_total']}s in all)"
    )
    unequal = [
        f"{b} {case}"
        for b, r in performance.items()
        for case in ("partnership", "national")
        if "assessment" in r
        and not (r["assessment"][case]["equal_pandas"] and r["assessment"][case]["equal_duckdb"])
    ]
    failed = [b for b, r in performance.items() if "error" in r]
    if framework and "error" in framework:
        failed.append("framework")
    if unequal:
        print(f"Our assessment differs from the reference implementations: {unequal}")
    if failed:
        print(f"Sections that failed: {failed}")
    return 1 if unequal or failed else 0


if __name__ == "__main__":
    sys.exit(main())
