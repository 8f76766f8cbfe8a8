"""The assessment again, in DuckDB SQL: the second reference Accord's `assess()` is timed
against and checked equal to. Same rules as `accord.scorecards.rules` (their constants are
formatted into the SQL from there), same choices as `accord.scorecards.assess` documents.

DuckDB reads the tables from the frames `frames.load_frames` made (an export of Accord's own
tables), copied once into DuckDB's own storage; that copy is timed as DuckDB's load, apart from
the computation."""

import datetime as dt

import duckdb
import pandas as pd

from accord.scorecards import rules

from .frames import Frames
from .ref_pandas import OUTPUT_COLUMNS, reporting_quarter

LA = "('county', 'borough', 'district')"
LA_AND_ABOVE = "('county', 'borough', 'district', 'country', 'region')"
ENGLAND_CODE = "E92000001"


def connect(f: Frames) -> duckdb.DuckDBPyConnection:
    """A DuckDB database holding the frames as tables of its own."""
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    for name, frame in f.tables().items():
        con.register("incoming", frame)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
        con.unregister("incoming")
    for table, column in (("periods", "start"), ("periods", '"end"')):
        con.execute(f"ALTER TABLE {table} ALTER {column} TYPE DATE")
    return con


def _levels(name: str, mapping: dict[str, int]) -> str:
    rows = ", ".join(f"('{k}', {v})" for k, v in mapping.items())
    return f"(VALUES {rows}) AS {name}(k, lvl)"


def _date(day) -> str:
    return f"DATE '{pd.Timestamp(day).date().isoformat()}'"


def _data_due_sql(rep_start, rep_end) -> str:
    """rules.data_due for annual and biennial indicators, as an SQL condition on l."end"."""
    first = pd.Timestamp(rep_start).year - 1
    last = pd.Timestamp(rep_end).year + 1
    parts = []
    for year in range(first, last + 1):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        day = (
            'day(l."end")'
            if leap
            else (
                'CASE WHEN month(l."end") = 2 AND day(l."end") = 29 THEN 28 ELSE day(l."end") END'
            )
        )
        anniversary = f'make_date({year}, month(l."end"), {day})'
        parts.append(
            f'(({year} - year(l."end")) % l.step = 0 AND {anniversary} '
            f"BETWEEN {_date(rep_start)} AND {_date(rep_end)})"
        )
    return "(" + " OR ".join(parts) + ")"


def neighbours_sql() -> str:
    """The previous period and the one a year earlier of every period, where stored (see
    ref_pandas.period_neighbours)."""
    return """
    CREATE OR REPLACE TEMP TABLE neighbours AS
    WITH p AS (
        SELECT id, kind, start, "end",
            CAST((year("end") - year(start)) * 12 + month("end") - month(start) + 1
                 AS INTEGER) AS months,
            day(start) = 1 AND day("end" + 1) = 1 AS whole,
            CAST(("end" - start) + 1 AS INTEGER) AS days
        FROM periods
    ),
    s AS (
        SELECT id, kind,
            CASE WHEN kind = 'interval' AND NOT whole THEN start - days
                 ELSE CAST(start - to_months(CASE WHEN kind = 'pooled_years' THEN 12
                                                  ELSE months END) AS DATE) END AS prev_start,
            CASE WHEN kind = 'interval' AND NOT whole THEN start - 1
                 WHEN kind = 'interval'
                     THEN CAST(("end" + 1) - to_months(months) AS DATE) - 1
                 ELSE last_day(CAST("end" - to_months(CASE WHEN kind = 'pooled_years'
                                                           THEN 12 ELSE months END) AS DATE))
            END AS prev_end,
            CAST(start - INTERVAL 12 MONTH AS DATE) AS year_start,
            CASE WHEN kind = 'interval'
                 THEN CAST(("end" + 1) - INTERVAL 12 MONTH AS DATE) - 1
                 ELSE last_day(CAST("end" - INTERVAL 12 MONTH AS DATE)) END AS year_end
        FROM p
    ),
    shifted AS (
        SELECT id, kind AS was, 'prev' AS which, prev_start AS start, prev_end AS "end" FROM s
        UNION ALL
        SELECT id, kind, 'year', year_start, year_end FROM s
    ),
    tidy AS (
        SELECT *,
            CAST((year("end") - year(start)) * 12 + month("end") - month(start) + 1
                 AS INTEGER) AS months,
            day(start) = 1 AND day("end" + 1) = 1 AS whole
        FROM shifted
    ),
    kinded AS (
        SELECT id, which, start, "end",
            CASE WHEN whole AND months = 1 THEN 'month'
                 WHEN whole AND months = 3 AND month(start) IN (1, 4, 7, 10)
                     THEN CASE WHEN was = 'quarter' THEN 'quarter'
                               ELSE 'financial_quarter' END
                 WHEN whole AND months = 12 AND month(start) = 1 THEN 'calendar_year'
                 WHEN whole AND months = 12 AND month(start) = 4 THEN 'financial_year'
                 WHEN whole AND months % 12 = 0 AND month(start) IN (1, 4)
                     THEN 'pooled_years'
                 ELSE 'interval' END AS kind
        FROM tidy
    )
    SELECT k.id,
        max(p.id) FILTER (WHERE k.which = 'prev') AS prev_id,
        max(p.id) FILTER (WHERE k.which = 'year') AS year_id
    FROM kinded k
    LEFT JOIN periods p ON p.kind = k.kind AND p.start = k.start AND p."end" = k."end"
    GROUP BY k.id
    """


def assess_duckdb(
    con: duckdb.DuckDBPyConnection, indicator_ids: list[int], area_ids: list[int], as_of: dt.date
) -> pd.DataFrame:
    """One row per indicator and area it is published for, in the order given."""
    rep_start, rep_end = reporting_quarter(as_of)
    as_of_sql = _date(as_of)
    months = " ".join(f"WHEN '{k}' THEN {v}" for k, v in rules.EXPECTED_WITHIN_MONTHS.items())
    con.register(
        "sel_ind_in", pd.DataFrame({"id": list(dict.fromkeys(indicator_ids))}).reset_index()
    )
    con.register("sel_area_in", pd.DataFrame({"id": list(dict.fromkeys(area_ids))}).reset_index())
    statements = [
        "CREATE OR REPLACE TEMP TABLE sel_ind AS SELECT id, index AS i_order FROM sel_ind_in",
        "CREATE OR REPLACE TEMP TABLE sel_area AS SELECT id, index AS a_order FROM sel_area_in",
        # The area tree: each area's region, benchmark area and peer class.
        f"""
        CREATE OR REPLACE TEMP TABLE area_info AS
        WITH RECURSIVE anc(id, anc_id, depth) AS (
            SELECT id, parent_id, 1 FROM areas WHERE parent_id IS NOT NULL
            UNION ALL
            SELECT anc.id, a.parent_id, anc.depth + 1 FROM anc JOIN areas a ON a.id = anc.anc_id
            WHERE a.parent_id IS NOT NULL AND anc.depth < 32
        ),
        anc_kind AS (SELECT anc.*, a.kind FROM anc JOIN areas a ON a.id = anc.anc_id),
        region AS (
            SELECT id, arg_min(anc_id, depth) AS region_id FROM anc_kind
            WHERE kind = 'region' GROUP BY id
        ),
        authority AS (
            SELECT id, arg_min(anc_id, depth) AS authority_id FROM anc_kind
            WHERE kind IN {LA} GROUP BY id
        ),
        eng AS (
            SELECT COALESCE(
                (SELECT max(id) FROM areas WHERE gss_code = '{ENGLAND_CODE}'),
                (SELECT CASE WHEN count(*) = 1 THEN min(id) END FROM areas
                 WHERE kind = 'country')
            ) AS id
        )
        SELECT a.id, a.kind, region.region_id, eng.id AS england_id,
            CASE WHEN a.kind IN {LA_AND_ABOVE}
                 THEN CASE WHEN a.id = eng.id THEN NULL ELSE eng.id END
                 ELSE COALESCE(authority.authority_id, eng.id) END AS benchmark_id,
            CASE WHEN a.kind IN {LA} THEN 'authority' ELSE a.kind END AS peer_class
        FROM areas a CROSS JOIN eng
        LEFT JOIN region ON region.id = a.id LEFT JOIN authority ON authority.id = a.id
        """,
        # The grid of indicators and the areas they are published for.
        f"""
        CREATE OR REPLACE TEMP TABLE grid AS
        SELECT i.id AS indicator_id, ai.id AS area_id, si.i_order, sa.a_order, i.polarity,
            i.frequency, i.tolerance_kind, i.tolerance, i.forecast_points, i.minimum, i.maximum,
            ai.kind, ai.region_id, ai.benchmark_id, ai.peer_class
        FROM sel_ind si JOIN indicators i ON i.id = si.id
        CROSS JOIN sel_area sa JOIN area_info ai ON ai.id = sa.id
        LEFT JOIN {_levels("al", rules._AREA_LEVEL)} ON al.k = ai.kind
        LEFT JOIN {_levels("gl", rules._LEVELS)} ON gl.k = i.geography
        WHERE COALESCE(al.lvl, 0) <= COALESCE(gl.lvl, 0)
        """,
        # The assessed areas' own figures for periods ended by as_of; k orders them: the
        # period ending last, then the shortest.
        f"""
        CREATE OR REPLACE TEMP TABLE figures AS
        SELECT o.indicator_id, o.area_id, o.period_id, o.value, o.ci_lower, o.ci_upper,
            CAST(p."end" - DATE '1970-01-01' AS BIGINT) * 1048576
                + CAST(p.start - DATE '1970-01-01' AS BIGINT) AS k
        FROM observations o JOIN periods p ON p.id = o.period_id
        WHERE p."end" <= {as_of_sql} AND o.indicator_id IN (SELECT id FROM sel_ind)
            AND o.area_id IN (SELECT id FROM sel_area)
        """,
        neighbours_sql(),
        # The latest figure of each grid pair, with the grid's facts.
        """
        CREATE OR REPLACE TEMP TABLE latest AS
        WITH best AS (
            SELECT f.indicator_id, f.area_id, arg_max(
                {'period_id': f.period_id, 'value': f.value, 'lo': f.ci_lower, 'hi': f.ci_upper},
                f.k) AS b
            FROM figures f
            JOIN grid g ON g.indicator_id = f.indicator_id AND g.area_id = f.area_id
            GROUP BY f.indicator_id, f.area_id
        )
        SELECT best.indicator_id, best.area_id, b.period_id, p.code, p.start, p."end",
            b.value, b.lo AS ci_lower, b.hi AS ci_upper, g.polarity, g.frequency,
            g.tolerance_kind, g.tolerance, g.forecast_points, g.minimum, g.maximum, g.region_id,
            g.benchmark_id, g.polarity IN ('higher', 'lower') AS judged,
            CASE WHEN g.frequency = 'biennial' THEN 2 ELSE 1 END AS step,
            n.prev_id, n.year_id
        FROM best
        JOIN grid g ON g.indicator_id = best.indicator_id AND g.area_id = best.area_id
        JOIN periods p ON p.id = b.period_id
        LEFT JOIN neighbours n ON n.id = b.period_id
        """,
        # The figures for the previous period and the one a year earlier.
        """
        CREATE OR REPLACE TEMP TABLE back AS
        WITH wanted AS (
            SELECT indicator_id, area_id, prev_id AS period_id, 'p' AS which FROM latest
            WHERE prev_id IS NOT NULL
            UNION ALL
            SELECT indicator_id, area_id, year_id, 'y' FROM latest WHERE year_id IS NOT NULL
        )
        SELECT w.indicator_id, w.area_id,
            max(f.value) FILTER (WHERE w.which = 'p') AS p_value,
            max(f.ci_lower) FILTER (WHERE w.which = 'p') AS p_lo,
            max(f.ci_upper) FILTER (WHERE w.which = 'p') AS p_hi,
            max(f.value) FILTER (WHERE w.which = 'y') AS y_value,
            max(f.ci_lower) FILTER (WHERE w.which = 'y') AS y_lo,
            max(f.ci_upper) FILTER (WHERE w.which = 'y') AS y_hi
        FROM wanted w JOIN figures f ON f.indicator_id = w.indicator_id
            AND f.area_id = w.area_id AND f.period_id = w.period_id
        GROUP BY w.indicator_id, w.area_id
        """,
        # Every area's figures in the latest periods: the benchmarks, comparators and peers.
        """
        CREATE OR REPLACE TEMP TABLE recent AS
        SELECT indicator_id, area_id, period_id, value FROM observations
        WHERE period_id IN (SELECT DISTINCT period_id FROM latest)
            AND indicator_id IN (SELECT id FROM sel_ind)
        """,
        # Live targets of the areas and of the live groups they belong to.
        """
        CREATE OR REPLACE TEMP TABLE tp AS
        WITH t AS (
            SELECT indicator_id, area_id, period_id, value, true AS own FROM targets
            WHERE area_id IN (SELECT id FROM sel_area)
                AND indicator_id IN (SELECT id FROM sel_ind)
            UNION ALL
            SELECT t.indicator_id, m.area_id, t.period_id, t.value, false FROM targets t
            JOIN members m ON m.areagroup_id = t.area_group_id
            WHERE m.area_id IN (SELECT id FROM sel_area)
                AND t.indicator_id IN (SELECT id FROM sel_ind)
        )
        SELECT t.indicator_id, t.area_id, t.period_id AS t_period_id, t.value AS t_value, t.own,
            p.code AS t_code, p.start AS t_start, p."end" AS t_end
        FROM t JOIN periods p ON p.id = t.period_id
        """,
        """
        CREATE OR REPLACE TEMP TABLE cur_target AS
        SELECT indicator_id, area_id, t_value, t_code FROM (
            SELECT l.indicator_id, l.area_id, tp.t_value, tp.t_code, row_number() OVER (
                PARTITION BY l.indicator_id, l.area_id
                ORDER BY CASE WHEN tp.t_period_id = l.period_id THEN 0 ELSE 1 END, NOT tp.own,
                    CASE WHEN tp.t_period_id = l.period_id THEN 0
                         ELSE tp.t_end - tp.t_start END) AS k
            FROM latest l
            JOIN tp ON tp.indicator_id = l.indicator_id AND tp.area_id = l.area_id
            WHERE tp.t_period_id = l.period_id OR (tp.t_start <= l."end" AND l."end" <= tp.t_end)
        ) WHERE k = 1
        """,
        """
        CREATE OR REPLACE TEMP TABLE final_target AS
        SELECT indicator_id, area_id, t_value, t_end FROM (
            SELECT l.indicator_id, l.area_id, tp.t_value, tp.t_end, row_number() OVER (
                PARTITION BY l.indicator_id, l.area_id
                ORDER BY tp.t_end DESC, tp.own DESC, tp.t_end - tp.t_start) AS k
            FROM latest l
            JOIN tp ON tp.indicator_id = l.indicator_id AND tp.area_id = l.area_id
            WHERE tp.t_end > l."end"
        ) WHERE k = 1
        """,
        # Least squares through the figures of the last forecast_points periods (the latest
        # figure's and those before it, one after another; x = each period's last day).
        f"""
        CREATE OR REPLACE TEMP TABLE trend AS
        WITH RECURSIVE steps(start_id, period_id, step) AS (
            SELECT id, id, 1 FROM periods
            UNION ALL
            SELECT s.start_id, nb.prev_id, s.step + 1 FROM steps s
            JOIN neighbours nb ON nb.id = s.period_id
            WHERE nb.prev_id IS NOT NULL
                AND s.step < (SELECT max(forecast_points) FROM latest)
        ),
        chain AS (
            SELECT l.indicator_id, l.area_id, s.period_id
            FROM latest l
            JOIN final_target ft ON ft.indicator_id = l.indicator_id AND ft.area_id = l.area_id
            JOIN steps s ON s.start_id = l.period_id AND s.step <= l.forecast_points
        )
        SELECT c.indicator_id, c.area_id, count(*) AS k, avg(x) AS mx, avg(f.value) AS my,
            regr_sxx(f.value, x) AS sxx, regr_sxy(f.value, x) AS sxy
        FROM chain c
        JOIN figures f ON f.indicator_id = c.indicator_id AND f.area_id = c.area_id
            AND f.period_id = c.period_id
        JOIN (SELECT id, (("end" - DATE '1970-01-01') + 719163)::DOUBLE AS x FROM periods) px
            ON px.id = c.period_id
        GROUP BY c.indicator_id, c.area_id
        HAVING count(*) >= {rules.MIN_FORECAST_POINTS}
        """,
        # Each comparator group's median for the same indicator and period.
        """
        CREATE OR REPLACE TEMP TABLE comparator AS
        WITH g AS (
            SELECT id, anchor_id FROM (
                SELECT id, anchor_id, row_number() OVER (PARTITION BY anchor_id ORDER BY name, id)
                    AS k
                FROM groups WHERE kind = 'comparator' AND anchor_id IN (SELECT id FROM sel_area)
            ) WHERE k = 1
        ),
        pairs AS (
            SELECT g.anchor_id AS area_id, m.area_id AS member_id FROM g
            JOIN members m ON m.areagroup_id = g.id WHERE m.area_id <> g.anchor_id
        )
        SELECT l.indicator_id, l.area_id, median(f.value) AS comparator_value
        FROM latest l JOIN pairs ON pairs.area_id = l.area_id
        JOIN recent f ON f.indicator_id = l.indicator_id AND f.period_id = l.period_id
            AND f.area_id = pairs.member_id
        GROUP BY l.indicator_id, l.area_id
        """,
        # Position among all areas of the same level with a figure for the same period.
        f"""
        CREATE OR REPLACE TEMP TABLE peers AS
        WITH chosen_kinds AS (
            SELECT DISTINCT ai.kind FROM sel_area sa JOIN area_info ai ON ai.id = sa.id
        ),
        peer_kinds AS (
            SELECT kind FROM chosen_kinds
            UNION
            SELECT unnest(['county', 'borough', 'district'])
            WHERE EXISTS (SELECT 1 FROM chosen_kinds WHERE kind IN {LA})
        ),
        wanted AS (SELECT DISTINCT indicator_id, period_id FROM latest)
        SELECT f.indicator_id, f.period_id, f.area_id,
            count(*) OVER w AS n,
            rank() OVER (w ORDER BY f.value DESC) - 1 AS above,
            rank() OVER (w ORDER BY f.value ASC) - 1 AS below
        FROM recent f
        JOIN wanted USING (indicator_id, period_id)
        JOIN area_info ai ON ai.id = f.area_id
        WHERE ai.kind IN (SELECT kind FROM peer_kinds)
        WINDOW w AS (PARTITION BY f.indicator_id, f.period_id, ai.peer_class)
        """,
    ]
    for sql in statements:
        con.execute(sql)

    rag_value = """
        CASE WHEN {short} <= 1e-9 * greatest(1.0, abs({t})) THEN 'green'
             WHEN {short} <= CASE WHEN l.tolerance_kind = 'absolute' THEN abs(l.tolerance)
                                  ELSE abs({t}) * abs(l.tolerance) / 100.0 END
                             + 1e-9 * greatest(1.0, abs({t})) THEN 'amber'
             ELSE 'red' END"""

    def short(v: str, t: str) -> str:
        return f"(CASE WHEN l.polarity = 'higher' THEN {t} - {v} ELSE {v} - {t} END)"

    def direction(p: str) -> str:
        return f"""
        CASE WHEN l.{p}_value IS NULL OR NOT l.judged THEN 'not_comparable'
             WHEN (l.ci_lower IS NOT NULL AND l.ci_upper IS NOT NULL AND l.{p}_lo IS NOT NULL
                   AND l.{p}_hi IS NOT NULL AND l.ci_lower <= l.{p}_hi
                   AND l.{p}_lo <= l.ci_upper)
                  OR abs(l.value - l.{p}_value)
                     <= {rules.NO_CHANGE_SHARE!r} * greatest(abs(l.value), abs(l.{p}_value))
                 THEN 'no_change'
             WHEN (l.polarity = 'higher' AND l.value - l.{p}_value > 0)
                  OR (l.polarity = 'lower' AND l.value - l.{p}_value < 0) THEN 'improving'
             ELSE 'worsening' END"""

    forecast_raw = "(tr.my + tr.sxy / tr.sxx * (((ft.t_end - DATE '1970-01-01') + 719163) - tr.mx))"
    forecast = f"""
        CASE WHEN tr.sxx IS NULL OR tr.sxx = 0 THEN NULL ELSE
            CASE WHEN l.maximum IS NOT NULL AND
                      CASE WHEN l.minimum IS NOT NULL AND l.minimum > {forecast_raw}
                           THEN l.minimum ELSE {forecast_raw} END > l.maximum
                 THEN l.maximum
                 ELSE CASE WHEN l.minimum IS NOT NULL AND l.minimum > {forecast_raw}
                           THEN l.minimum ELSE {forecast_raw} END END
        END"""
    final = f"""
        SELECT g.indicator_id, g.area_id, l.code AS period_code, l.value, l.ci_lower, l.ci_upper,
            ct.t_value AS target_value, ct.t_code AS target_period_code,
            CASE WHEN l.indicator_id IS NULL THEN 'no_data'
                 WHEN l.late THEN 'data_late'
                 WHEN NOT l.due THEN 'no_data_due'
                 WHEN NOT l.judged THEN 'not_judged'
                 WHEN ct.t_value IS NULL THEN 'no_target'
                 ELSE {rag_value.format(short=short("l.value", "ct.t_value"), t="ct.t_value")}
            END AS rag,
            CASE WHEN l.indicator_id IS NULL THEN 'not_comparable' ELSE {direction("p")} END
                AS direction_previous,
            CASE WHEN l.indicator_id IS NULL THEN 'not_comparable' ELSE {direction("y")} END
                AS direction_year,
            l.forecast_value,
            CASE WHEN l.forecast_value IS NULL OR NOT l.judged THEN 'no_forecast'
                 ELSE CASE {
        rag_value.format(short=short("l.forecast_value", "l.final_value"), t="l.final_value")
    }
                      WHEN 'green' THEN 'on_track' WHEN 'amber' THEN 'at_risk'
                      ELSE 'off_track' END
            END AS forecast_status,
            fe.value AS england_value, fr.value AS region_value, cp.comparator_value,
            CASE WHEN l.indicator_id IS NULL OR NOT l.judged OR l.ci_lower IS NULL
                      OR l.ci_upper IS NULL OR fb.value IS NULL THEN 'not_compared'
                 WHEN l.ci_lower <= fb.value AND fb.value <= l.ci_upper THEN 'similar'
                 WHEN (l.ci_lower > fb.value) = (l.polarity = 'higher') THEN 'better'
                 ELSE 'worse' END AS significance,
            CASE WHEN l.judged AND pr.n > 0 THEN least(4, 1 + (4 * CASE WHEN l.polarity = 'higher'
                 THEN pr.above ELSE pr.below END) // pr.n) END AS quartile
        FROM grid g
        LEFT JOIN (
            SELECT l.*,
                m.months IS NOT NULL AND {as_of_sql} > CASE
                    WHEN l."end" = last_day(l."end")
                    THEN last_day(CAST(l."end" + to_months(CAST(m.months AS INTEGER)) AS DATE))
                    ELSE CAST(l."end" + to_months(CAST(m.months AS INTEGER)) AS DATE) END AS late,
                CASE WHEN l.frequency IN ('monthly', 'quarterly') THEN true
                     WHEN l.frequency = 'ad_hoc'
                         THEN l."end" BETWEEN {_date(rep_start)} AND {_date(rep_end)}
                     ELSE {_data_due_sql(rep_start, rep_end)} END AS due,
                {forecast} AS forecast_value,
                ft.t_value AS final_value
            FROM (SELECT latest.*, back.* EXCLUDE (indicator_id, area_id) FROM latest
                  LEFT JOIN back ON back.indicator_id = latest.indicator_id
                  AND back.area_id = latest.area_id) l
            LEFT JOIN (SELECT k, CASE k {months} END AS months
                       FROM (SELECT DISTINCT frequency AS k FROM latest)) m ON m.k = l.frequency
            LEFT JOIN final_target ft ON ft.indicator_id = l.indicator_id
                AND ft.area_id = l.area_id
            LEFT JOIN trend tr ON tr.indicator_id = l.indicator_id AND tr.area_id = l.area_id
        ) l ON l.indicator_id = g.indicator_id AND l.area_id = g.area_id
        LEFT JOIN cur_target ct ON ct.indicator_id = g.indicator_id AND ct.area_id = g.area_id
        LEFT JOIN area_info ae ON ae.id = g.area_id
        LEFT JOIN recent fe ON fe.indicator_id = l.indicator_id AND fe.period_id = l.period_id
            AND fe.area_id = ae.england_id
        LEFT JOIN recent fr ON fr.indicator_id = l.indicator_id AND fr.period_id = l.period_id
            AND fr.area_id = l.region_id
        LEFT JOIN recent fb ON fb.indicator_id = l.indicator_id AND fb.period_id = l.period_id
            AND fb.area_id = l.benchmark_id
        LEFT JOIN comparator cp ON cp.indicator_id = g.indicator_id AND cp.area_id = g.area_id
        LEFT JOIN peers pr ON pr.indicator_id = l.indicator_id AND pr.period_id = l.period_id
            AND pr.area_id = l.area_id
        ORDER BY g.i_order, g.a_order
    """
    result = con.execute(final).df()
    con.unregister("sel_ind_in")
    con.unregister("sel_area_in")
    return result[OUTPUT_COLUMNS]
