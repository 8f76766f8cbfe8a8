"""The review as the template document of seed 003 appendix 2, "Performance Information
Gathering Template": per thematic partnership, the five columns a–e, as xlsx and docx."""

import io
from collections.abc import Iterable

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accord.reviews.models import ReviewEntry
from accord.reviews.selectors import OutcomeBlock, ReviewGrid

COLUMNS = [
    "a. What outcomes do we want to achieve?",
    "b. What indicators do we currently have in place?",
    "c. How effectively do they measure the outcomes we want to achieve?",
    "d. Which indicators do we want to retain?",
    "e. Which additional indicators do we want to include?",
]
TEMPLATE_TITLE = "Performance Information Gathering Template"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def day(d) -> str:
    return f"{d.day} {d:%B %Y}"


def indicator_label(e: ReviewEntry) -> str:
    i = e.indicator
    return f"{i.code} {i.display_title}" if i else ""


def effectiveness(e: ReviewEntry) -> str:
    """Column c in words: the rating, then the partnership's comment."""
    parts = [e.get_rating_display() if e.rating else "Not yet assessed"]
    if e.comment.strip():
        parts.append(e.comment.strip())
    return ". ".join(p.rstrip(".") for p in parts) + "."


def decision_words(e: ReviewEntry) -> str:
    return {"retain": "Retain", "drop": "Drop"}.get(e.decision, "Not yet decided")


def proposal_words(e: ReviewEntry) -> str:
    text = e.proposed_title.strip()
    return f"{text} ({e.comment.strip()})" if e.comment.strip() else text


def _rows(block: OutcomeBlock) -> Iterable[list[str]]:
    """One row per line of the template: the indicators in place, then those proposed."""
    outcome = str(block.outcome)
    if not block.in_place and not block.proposed:
        yield [outcome, "None in place", "", "", ""]
    for e in block.in_place:
        yield [outcome, indicator_label(e), effectiveness(e), decision_words(e), ""]
    for e in block.proposed:
        yield [outcome, "", "", "", proposal_words(e)]


def _sheet_title(name: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique within the workbook.
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name)[:31].strip() or "Sheet"
    title, n = clean, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def review_xlsx(grid: ReviewGrid) -> bytes:
    """A workbook: a front sheet, then one sheet per thematic partnership with the template's
    columns a–e and one row per indicator (the outcome repeated so that rows can be filtered)."""
    review = grid.review
    wb = Workbook()
    front = wb.active
    front.title = "Review"
    bold = Font(bold=True)
    front.append([review.title])
    front["A1"].font = Font(bold=True, size=14)
    front.append(["Template", f"{TEMPLATE_TITLE} (seed 003, appendix 2)"])
    front.append(["Strategy", review.strategy.title])
    front.append(["Status", review.get_status_display()])
    front.append(["First cut due by", day(review.due_on) if review.due_on else ""])
    if review.instructions:
        front.append(["Instructions", review.instructions])
    front.append([])
    front.append(["Thematic partnership", "Indicators in place", "Retain", "Drop", "Proposed"])
    for cell in front[front.max_row]:
        cell.font = bold
    for s in grid.sections:
        in_place = s.in_place
        front.append(
            [
                s.body.name,
                len(in_place),
                sum(e.decision == "retain" for e in in_place),
                sum(e.decision == "drop" for e in in_place),
                len(s.proposed),
            ]
        )
    front.column_dimensions["A"].width = 40
    front.column_dimensions["B"].width = 60
    used = {"review"}
    wrap = Alignment(wrap_text=True, vertical="top")
    for s in grid.sections:
        ws = wb.create_sheet(_sheet_title(s.body.name, used))
        ws.append([f"Thematic Partnership: {s.body.name}"])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append(COLUMNS)
        for cell in ws[2]:
            cell.font = bold
            cell.alignment = wrap
        for block in s.outcomes:
            for row in _rows(block):
                ws.append(row)
                for cell in ws[ws.max_row]:
                    cell.alignment = wrap
        for col, width in enumerate([45, 45, 45, 18, 45], start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.freeze_panes = "A3"
        ws.auto_filter.ref = f"A2:E{max(ws.max_row, 2)}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell_lines(cell, lines: list[str]) -> None:
    """Fill a table cell with one paragraph per line (the template lists several per cell)."""
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def review_docx(grid: ReviewGrid) -> bytes:
    """The template document: a title, then for each thematic partnership its name and a table
    of the five columns, one row per outcome, listing its indicators in b–d and the proposals
    in e."""
    review = grid.review
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    doc.core_properties.title = review.title
    doc.add_heading(review.title, level=0)
    doc.add_paragraph(f"{TEMPLATE_TITLE}: {review.strategy.title}")
    facts = [f"Status: {review.get_status_display()}"]
    if review.due_on:
        facts.append(f"First cut due by {day(review.due_on)}")
    doc.add_paragraph(". ".join(facts) + ".")
    if review.instructions:
        doc.add_paragraph(review.instructions)
    if not grid.sections:
        doc.add_paragraph("No outcome of this strategy has a lead partnership yet.")
    for s in grid.sections:
        doc.add_heading(f"Thematic Partnership: {s.body.name}", level=1)
        table = doc.add_table(rows=1, cols=len(COLUMNS))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
            cell.text = text
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for block in s.outcomes:
            cells = table.add_row().cells
            cells[0].text = str(block.outcome)
            _cell_lines(cells[1], [indicator_label(e) for e in block.in_place] or ["None in place"])
            _cell_lines(
                cells[2], [f"{e.indicator.code}: {effectiveness(e)}" for e in block.in_place]
            )
            _cell_lines(
                cells[3], [f"{e.indicator.code}: {decision_words(e)}" for e in block.in_place]
            )
            _cell_lines(cells[4], [proposal_words(e) for e in block.proposed])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
