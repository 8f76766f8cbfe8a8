"""Straight-to-the-table bulk writes: how the benchmark seeds millions of rows quickly (SQLite:
executemany in one transaction; PostgreSQL: COPY), and the raw loads the import is measured
against."""

import csv
import io
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from django.db import connection, models, transaction


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _column_defaults(model: type[models.Model]) -> dict[str, object]:
    """Every column the ORM would fill on save, with its default, so a raw row is a whole row."""
    defaults: dict[str, object] = {}
    for field in model._meta.concrete_fields:
        if not field.primary_key:
            value = field.get_default()
            defaults[field.column] = connection.ops.adapt_unknown_value(value) if value else value
    return defaults


@contextmanager
def indexes_set_aside(model: type[models.Model]) -> Iterator[None]:
    """Drop the table's secondary indexes and build them again afterwards: building an index
    once over sorted millions of rows is far quicker than keeping it up to date row by row."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname "
                "NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
                [table, table],
            )
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, definition in indexes:
                cursor.execute(definition)


def analyze() -> None:
    """Refresh the planner's statistics after a bulk load, as PostgreSQL's autovacuum would."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def insert_frame(
    model: type[models.Model],
    frame: pd.DataFrame,
    constants: dict[str, object] | None = None,
) -> int:
    """Write `frame` (columns named as the table's columns) into the model's table, with
    `constants` in every row and every other column at its default. Bypasses save(), signals,
    history and (on PostgreSQL) the foreign key triggers, since the rows are consistent by
    construction: seeding only."""
    from accord.observations.models import Observation
    from accord.observations.versions import figures_changed

    with _page_cache(1_000_000), transaction.atomic():
        _write(model, frame, constants, foreign_keys=False)
        if model is Observation:
            figures_changed()
    return len(frame)


def table_load_seconds(
    model: type[models.Model], frame: pd.DataFrame, constants: dict[str, object] | None = None
) -> float:
    """How long the database's own bulk load of `frame` into the model's real table takes,
    with every index, constraint and foreign key in force (PostgreSQL checks the foreign keys
    row by row, as it would at commit); then rolled back, leaving nothing behind."""
    with _page_cache(262_144), transaction.atomic():
        if is_postgres():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        start = time.perf_counter()
        _write(model, frame, constants, foreign_keys=True)
        seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


KEYED_TABLE = "bench_keyed_observation"
# A foreign key in SQLite's CREATE TABLE, as Django writes it.
REFERENCES = r' REFERENCES "[^"]+" \("[^"]+"\)( DEFERRABLE INITIALLY DEFERRED)?'


def keyed_table_load_seconds(
    model: type[models.Model], frame: pd.DataFrame, constants: dict[str, object] | None = None
) -> float:
    """How long the same bulk load takes into a copy of the model's table that keeps only its
    primary key and its unique constraints (for figures: one current figure per indicator,
    period, area and breakdown), without the other indexes or foreign keys: what no table
    holding these figures with their integrity rules can beat. Then dropped."""
    table = model._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {KEYED_TABLE}")
        if is_postgres():
            cursor.execute(
                f"CREATE TABLE {KEYED_TABLE} "
                f"(LIKE {q(table)} INCLUDING DEFAULTS INCLUDING IDENTITY)"
            )
            cursor.execute(f"ALTER TABLE {KEYED_TABLE} ADD PRIMARY KEY (id)")
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            (ddl,) = cursor.fetchone()
            ddl = re.sub(REFERENCES, "", ddl)
            cursor.execute(ddl.replace(q(table), KEYED_TABLE, 1))
        # The model's unique constraints as Django writes them, onto the copy.
        with connection.schema_editor(collect_sql=True) as editor:
            for constraint in model._meta.constraints:
                if isinstance(constraint, models.UniqueConstraint):
                    sql = str(constraint.create_sql(model, editor))
                    name = q(constraint.name)
                    cursor.execute(
                        sql.replace(q(table), KEYED_TABLE).replace(
                            name, q(f"{KEYED_TABLE}_{constraint.name}")
                        )
                    )
    try:
        with _page_cache(262_144), transaction.atomic():
            start = time.perf_counter()
            _write(model, frame, constants, foreign_keys=True, table=KEYED_TABLE)
            return time.perf_counter() - start
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {KEYED_TABLE}")


@contextmanager
def _page_cache(kib: int) -> Iterator[None]:
    """A bigger SQLite page cache for one bulk write (the default 2 MB thrashes on nine indexes
    of millions of rows), put back afterwards so what is measured next runs as configured."""
    if is_postgres():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _write(
    model: type[models.Model],
    frame: pd.DataFrame,
    constants: dict[str, object] | None,
    *,
    foreign_keys: bool,
    chunk: int = 100_000,
    table: str | None = None,
) -> None:
    defaults = _column_defaults(model) | (constants or {})
    table = table or model._meta.db_table
    extra = {column: value for column, value in defaults.items() if column not in frame.columns}
    columns = [*frame.columns, *extra]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if is_postgres():
            if not foreign_keys:
                cursor.execute("SET LOCAL session_replication_role = replica")
            # The same tail of constants ends every line: pandas formats only what varies.
            tail = "\t" + "\t".join(_copy_text(v) for v in extra.values()) + "\n"
        else:
            # Constants go in as literals: binding them row by row costs more than the rest.
            marks = ", ".join(["%s"] * len(frame.columns) + [_literal(v) for v in extra.values()])
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"
        for start in range(0, len(frame), chunk):
            part = frame.iloc[start : start + chunk]
            if is_postgres():
                buffer = io.StringIO()
                part.to_csv(
                    buffer,
                    sep="\t",
                    header=False,
                    index=False,
                    na_rep="\\N",
                    quoting=csv.QUOTE_NONE,
                    lineterminator="\n",
                )
                with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue().replace("\n", tail))
            else:
                part = part.astype(object).where(part.notna(), None)
                cursor.executemany(sql, part.itertuples(index=False, name=None))


def _copy_text(value: object) -> str:
    """A value as COPY's text format writes it."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''").replace("%", "%%") + "'"


# ---------------------------------------------------------------------------------------------
# The raw load the import is measured against: the same CSV file into a bare table (no keys, no
# indexes, no constraints), by the database's own fastest means.

RAW_TABLE = "bench_raw_observation"


NUMBERS = {"value", "numerator", "denominator", "ci_lower", "ci_upper"}


def create_bare_table(header: list[str]) -> None:
    """A table of the file's columns, numbers typed as numbers, nothing else."""
    number = "DOUBLE PRECISION" if is_postgres() else "REAL"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW_TABLE}")
        cursor.execute(
            f"CREATE TABLE {RAW_TABLE} ("
            + ", ".join(
                f"{connection.ops.quote_name(_column(h))} {number if h in NUMBERS else 'TEXT'}"
                for h in header
            )
            + ")"
        )


def _column(header: str) -> str:
    return "c_" + "".join(ch if ch.isalnum() else "_" for ch in header.lower())


def raw_load(path: Path) -> int:
    """Load the CSV into the bare table in one transaction; the row count loaded."""
    with path.open(newline="", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    create_bare_table(header)
    if is_postgres():
        with (
            transaction.atomic(),
            connection.cursor() as cursor,
            path.open("rb") as f,
            cursor.copy(f"COPY {RAW_TABLE} FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while block := f.read(1 << 20):
                copy.write(block)
    else:
        # sqlite3's own executemany, as the rows come from the csv module.
        marks = ", ".join(["?"] * len(header))
        connection.ensure_connection()
        with transaction.atomic(), path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            next(reader)
            connection.connection.executemany(f"INSERT INTO {RAW_TABLE} VALUES ({marks})", reader)
    return count_rows(RAW_TABLE)


def count_rows(table: str, where: str = "") -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table} {where}")
        return cursor.fetchone()[0]


def drop_bare_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {RAW_TABLE}")
