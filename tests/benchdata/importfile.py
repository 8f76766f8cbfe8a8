"""The import benchmark's file: the synthetic figures the seeding left out, as a CSV in the
Accord template layout (every template column, in the template's order)."""

from pathlib import Path

import numpy as np
import pandas as pd

from accord.observations.importing import TEMPLATE_HEADER

from .national import NationalData

IMPORT_SOURCE = "Synthetic benchmark figure (tests/benchdata): not a real statistic"


def write_template_csv(national: NationalData, path: Path) -> int:
    """Write the figures left for the import; the number of rows written."""
    rows = national.import_rows
    codes = {i.pk: i.code for i in national.indicators}
    areas = {a.pk: a.gss_code for a in national.areas}
    periods = {p.pk: p.code for p in national.periods}
    suppressed = rows["suppressed"].to_numpy(bool)
    frame = pd.DataFrame({column: "" for column in TEMPLATE_HEADER}, index=rows.index)
    frame["indicator_code"] = rows["indicator_id"].map(codes)
    frame["area_code"] = rows["area_id"].map(areas)
    frame["period"] = rows["period_id"].map(periods)
    for column in ("value", "ci_lower", "ci_upper"):
        numbers = rows[column].to_numpy()
        frame[column] = np.where(np.isnan(numbers), "", pd.Series(numbers).map(repr).to_numpy())
    frame["status"] = "final"
    frame["suppressed_reason"] = np.where(suppressed, rows["suppression_reason"], "")
    frame["source"] = IMPORT_SOURCE
    frame["provenance"] = "synthetic"
    frame[TEMPLATE_HEADER].to_csv(path, index=False, lineterminator="\n")
    return len(frame)
