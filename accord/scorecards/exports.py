"""Scorecards as xlsx workbooks: the scorecard itself, then a sheet of sources, credits and the
rules behind each column, with illustrative figures labelled as such."""

import io
from collections.abc import Iterable

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accord.scorecards import rules
from accord.scorecards.selectors import Row, Scorecard

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

COLUMNS: list[tuple[str, int]] = [
    ("Indicator code", 12),
    ("Indicator", 48),
    ("Area", 26),
    ("Period", 12),
    ("Value", 10),
    ("Lower 95% limit", 10),
    ("Upper 95% limit", 10),
    ("Unit", 10),
    ("Figure status", 12),
    ("Figure provenance", 18),
    ("Target", 10),
    ("Target period", 12),
    ("Target provenance", 18),
    ("RAG", 12),
    ("Previous period value", 10),
    ("Direction since the previous period", 16),
    ("Value a year earlier", 10),
    ("Direction since a year earlier", 16),
    ("Final target", 10),
    ("Final target period", 12),
    ("Forecast", 10),
    ("Forecast method", 30),
    ("Forecast status", 12),
    ("England", 10),
    ("Region", 10),
    ("Similar areas (median)", 10),
    ("Compared with", 24),
    ("Significance", 14),
    ("Quartile (1 best)", 10),
    ("Exceptions", 36),
    ("Why on this scorecard", 40),
]


def _target_provenance(row: Row) -> str:
    if row.a.target_value is None:
        return ""
    return "Illustrative" if row.a.target_illustrative else "Published"


def _provenance(value: str | None) -> str:
    return {"real": "Published", "illustrative": "Illustrative", "synthetic": "Synthetic"}.get(
        value or "", ""
    )


def _cells(row: Row, card: Scorecard) -> list:
    a = row.a
    compared = card.areas.get(a.benchmark_area_id) if a.benchmark_area_id else None
    return [
        row.indicator.code,
        row.indicator.display_title,
        row.area.name,
        a.period_code or "",
        a.value,
        a.ci_lower,
        a.ci_upper,
        row.indicator.unit,
        (a.status or "").capitalize(),
        _provenance(a.provenance),
        a.target_value,
        a.target_period_code or "",
        _target_provenance(row),
        row.rag_label,
        a.previous_value,
        rules.DIRECTION_LABELS.get(a.direction_previous, ""),
        a.year_earlier_value,
        rules.DIRECTION_LABELS.get(a.direction_year, ""),
        a.final_target_value,
        a.final_target_period_code or "",
        a.forecast_value,
        a.forecast_method,
        row.forecast_label,
        a.england_value,
        a.region_value,
        a.comparator_value,
        compared.name if compared else "",
        row.significance_label,
        a.quartile,
        "; ".join(row.exceptions),
        "; ".join(row.why),
    ]


NOTES = [
    (
        "RAG",
        "Green: the target is met, reading the indicator's polarity. Amber: short of it by "
        "no more than the indicator's tolerance (absolute, in its unit, or relative, a percentage "
        "of the target). Red: further short. No data due: an annual or biennial figure not due "
        "in the quarter reported. Data late: the next figure has not come by the end of the next "
        "period plus the usual publication lag. Not judged: the indicator has no polarity.",
    ),
    (
        "Direction of travel",
        f"Against the previous period and the same period a year earlier. {rules.DIRECTION_RULE}",
    ),
    (
        "Forecast",
        "A least-squares straight line through the figures of the last n periods "
        "(n is the indicator's setting, at least three figures), projected to the end of the "
        "final target's period and kept within the indicator's possible range. On track: it "
        "meets the final target; at risk: short within the tolerance; off track: further short.",
    ),
    (
        "Significance",
        f"{rules.SIGNIFICANCE_RULE} Authorities are compared with England; "
        f"areas within an authority with the authority.",
    ),
    (
        "Quartile",
        f"Among all areas of the same level with a figure for the same period. "
        f"{rules.QUARTILE_RULE}",
    ),
    (
        "Similar areas",
        "The median of the area's comparator group (its nearest neighbours), "
        "the area itself left out.",
    ),
]


def workbook(card: Scorecard, *, heading: str) -> bytes:
    """The scorecard as an xlsx workbook (bytes)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Scorecard"
    ws.append([heading])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(
        [
            f"As at {card.as_of:%-d %B %Y}; reporting the quarter "
            f"{card.reporting.start:%-d %B %Y} to {card.reporting.end:%-d %B %Y}."
        ]
    )
    if card.has_illustrative:
        ws.append(
            [
                "Figures and targets marked Illustrative are examples, not published or agreed "
                "figures."
            ]
        )
    ws.append([])
    header_row = ws.max_row + 1
    ws.append([name for name, _ in COLUMNS])
    for i, (_, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=i)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in card.rows:
        ws.append(_cells(row, card))
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)

    notes = wb.create_sheet("Sources and notes")
    notes.column_dimensions["A"].width = 24
    notes.column_dimensions["B"].width = 110
    _append_all(
        notes,
        [
            ("Scorecard", heading),
            ("Produced by", f"Accord, for {settings.ACCORD_PARTNERSHIP_NAME}"),
            ("As at", f"{card.as_of:%-d %B %Y}"),
            ("Figures shown", ", ".join(card.provenances) or "None"),
        ],
    )
    notes.append([])
    notes.append(["Sources of the figures"])
    notes.cell(row=notes.max_row, column=1).font = Font(bold=True)
    for source in card.sources:
        notes.append([", ".join(source["codes"]), source["source"]])
    notes.append([])
    notes.append(["How each column is worked out"])
    notes.cell(row=notes.max_row, column=1).font = Font(bold=True)
    _append_all(notes, NOTES)
    for row in notes.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _append_all(ws, rows: Iterable[tuple[str, str]]) -> None:
    for row in rows:
        ws.append(list(row))
