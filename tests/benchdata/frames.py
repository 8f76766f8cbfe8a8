"""Reading Accord's tables into pandas, for the reference implementations: the same rows the
assessment reads, straight from the same database (timed apart from the computation).

The observations are read as the public sees them (current, not archived, whole population,
final, with a value): that filter is a plain WHERE on one table, so it belongs to loading."""

import io
from dataclasses import dataclass

import pandas as pd
from django.db import connection

from accord.areas.models import Area, AreaGroup
from accord.indicators.models import Indicator, Period
from accord.observations.models import Observation
from accord.targets.models import Target

from .fastload import is_postgres


@dataclass
class Frames:
    observations: pd.DataFrame  # indicator_id, area_id, period_id, value, ci_lower, ci_upper
    periods: pd.DataFrame  # id, code, kind, start, end
    indicators: pd.DataFrame  # id, polarity, frequency, period_kind, tolerance_kind, ...
    areas: pd.DataFrame  # id, parent_id, kind, gss_code
    targets: pd.DataFrame  # indicator_id, area_id, area_group_id, period_id, value, provenance
    groups: pd.DataFrame  # id, name, kind, anchor_id (live groups)
    members: pd.DataFrame  # areagroup_id, area_id (of live groups)

    def tables(self) -> dict[str, pd.DataFrame]:
        return dict(vars(self))

    @property
    def rows(self) -> int:
        return sum(len(f) for f in self.tables().values())


def _query(sql: str, columns: list[str], dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """A query's rows as a frame: COPY ... TO STDOUT on PostgreSQL (its fastest way out),
    fetchall on SQLite."""
    with connection.cursor() as cursor:
        if is_postgres():
            buffer = io.BytesIO()
            with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    buffer.write(block)
            buffer.seek(0)
            frame = pd.read_csv(
                buffer,
                names=columns,
                header=None,
                dtype={k: v for k, v in (dtypes or {}).items() if v != "date"},
                keep_default_na=False,
                na_values=[""],
            )
        else:
            cursor.execute(sql)
            frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    return _typed(frame, dtypes or {})


def _typed(frame: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    for column, dtype in dtypes.items():
        if dtype == "date":
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
        elif frame[column].dtype != dtype:
            frame[column] = frame[column].astype(dtype)
    return frame


def _t(model) -> str:
    return model._meta.db_table


def load_frames(*, public: bool = True) -> Frames:
    """Every row the assessment may read, as frames."""
    status = " AND status = 'final'" if public else ""
    observations = _query(
        f"SELECT indicator_id, area_id, period_id, value, ci_lower, ci_upper "
        f"FROM {_t(Observation)} WHERE is_current AND archived_on IS NULL AND breakdown = '' "
        f"AND value IS NOT NULL{status}",
        ["indicator_id", "area_id", "period_id", "value", "ci_lower", "ci_upper"],
        {
            "indicator_id": "int64",
            "area_id": "int64",
            "period_id": "int64",
            "value": "float64",
            "ci_lower": "float64",
            "ci_upper": "float64",
        },
    )
    periods = _query(
        f'SELECT id, code, kind, start, "end" FROM {_t(Period)}',
        ["id", "code", "kind", "start", "end"],
        {"id": "int64", "start": "date", "end": "date"},
    )
    indicators = _query(
        f"SELECT id, polarity, frequency, period_kind, tolerance_kind, tolerance, "
        f"forecast_points, geography, minimum, maximum FROM {_t(Indicator)}",
        [
            "id",
            "polarity",
            "frequency",
            "period_kind",
            "tolerance_kind",
            "tolerance",
            "forecast_points",
            "geography",
            "minimum",
            "maximum",
        ],
        {
            "id": "int64",
            "tolerance": "float64",
            "forecast_points": "int64",
            "minimum": "float64",
            "maximum": "float64",
        },
    )
    areas = _query(
        f"SELECT id, parent_id, kind, gss_code FROM {_t(Area)}",
        ["id", "parent_id", "kind", "gss_code"],
        {"id": "int64", "parent_id": "Int64"},
    )
    targets = _query(
        f"SELECT indicator_id, area_id, area_group_id, period_id, value, provenance "
        f"FROM {_t(Target)} WHERE archived_on IS NULL",
        ["indicator_id", "area_id", "area_group_id", "period_id", "value", "provenance"],
        {
            "indicator_id": "int64",
            "area_id": "Int64",
            "area_group_id": "Int64",
            "period_id": "int64",
            "value": "float64",
        },
    )
    groups = _query(
        f"SELECT id, name, kind, anchor_id FROM {_t(AreaGroup)} WHERE archived_on IS NULL",
        ["id", "name", "kind", "anchor_id"],
        {"id": "int64", "anchor_id": "Int64"},
    )
    through = AreaGroup.members.through
    members = _query(
        f"SELECT m.areagroup_id, m.area_id FROM {_t(through)} m "
        f"JOIN {_t(AreaGroup)} g ON g.id = m.areagroup_id WHERE g.archived_on IS NULL",
        ["areagroup_id", "area_id"],
        {"areagroup_id": "int64", "area_id": "int64"},
    )
    return Frames(observations, periods, indicators, areas, targets, groups, members)
