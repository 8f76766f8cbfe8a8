"""Checking two assessments equal: the same rows, the same words (RAG, direction, forecast
status, significance), the same quartiles and period codes, and numbers equal within a small
relative tolerance."""

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .ref_pandas import OUTPUT_COLUMNS

KEYS = ["indicator_id", "area_id"]
NUMBERS = [
    "value",
    "ci_lower",
    "ci_upper",
    "target_value",
    "forecast_value",
    "england_value",
    "region_value",
    "comparator_value",
]
EXACT = [c for c in OUTPUT_COLUMNS if c not in NUMBERS and c not in KEYS]
RELATIVE_TOLERANCE = 1e-6


def ours_frame(assessments: Iterable) -> pd.DataFrame:
    """Accord's Assessment objects as a frame of the compared columns."""
    rows = [tuple(getattr(a, c) for c in OUTPUT_COLUMNS) for a in assessments]
    return normalise(pd.DataFrame.from_records(rows, columns=OUTPUT_COLUMNS))


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[OUTPUT_COLUMNS].copy()
    for c in KEYS:
        frame[c] = frame[c].astype("int64")
    for c in NUMBERS:
        frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("float64")
    frame["quartile"] = pd.to_numeric(frame["quartile"], errors="coerce").astype("Int64")
    for c in EXACT:
        if c != "quartile":
            frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame.sort_values(KEYS).reset_index(drop=True)


def differences(ours: pd.DataFrame, theirs: pd.DataFrame, limit: int = 5) -> dict:
    """What differs: rows only on one side, and per column the count of differing rows with a
    few examples. Empty lists and zero counts mean equal."""
    ours, theirs = normalise(ours), normalise(theirs)
    joined = ours.merge(theirs, on=KEYS, how="outer", suffixes=("_ours", "_ref"), indicator=True)
    only_ours = joined[joined["_merge"] == "left_only"][KEYS].head(limit).values.tolist()
    only_ref = joined[joined["_merge"] == "right_only"][KEYS].head(limit).values.tolist()
    both = joined[joined["_merge"] == "both"]
    columns: dict[str, dict] = {}
    for c in NUMBERS:
        a, b = both[f"{c}_ours"].to_numpy(), both[f"{c}_ref"].to_numpy()
        same = (np.isnan(a) & np.isnan(b)) | np.isclose(a, b, rtol=RELATIVE_TOLERANCE, atol=1e-9)
        columns[c] = _report(both, c, ~same, limit)
    for c in EXACT:
        a, b = both[f"{c}_ours"], both[f"{c}_ref"]
        same = (a.isna() & b.isna()) | (a.astype(object) == b.astype(object)).fillna(False)
        columns[c] = _report(both, c, ~same.to_numpy(bool), limit)
    return {
        "rows_ours": len(ours),
        "rows_reference": len(theirs),
        "only_ours": only_ours,
        "only_reference": only_ref,
        "columns": {c: r for c, r in columns.items() if r["differing"]},
    }


def _report(both: pd.DataFrame, column: str, mask: np.ndarray, limit: int) -> dict:
    examples = both.loc[mask, [*KEYS, f"{column}_ours", f"{column}_ref"]].head(limit)
    return {
        "differing": int(mask.sum()),
        "examples": [
            [None if isinstance(v, float) and math.isnan(v) else _plain(v) for v in row]
            for row in examples.values.tolist()
        ],
    }


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    if value is pd.NA:
        return None
    return value


def equal(report: dict) -> bool:
    return (
        report["rows_ours"] == report["rows_reference"]
        and not report["only_ours"]
        and not report["only_reference"]
        and not report["columns"]
    )
