"""The responsibility matrix as a spreadsheet: export to xlsx and CSV in the layout of seed 003
appendix 1, and parse an uploaded file back into cells, finding every problem before anything
is changed."""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from accord.strategies import rules
from accord.strategies.matrix_selectors import Matrix, bodies_by_name, commitments_by_number
from accord.strategies.models import ResponsibilityRole, Strategy

LEAD_TEXT = "LEAD ROLE"
CONTRIBUTING_TEXT = "Contributing role"
ROLE_TEXT = {ResponsibilityRole.LEAD: LEAD_TEXT, ResponsibilityRole.CONTRIBUTING: CONTRIBUTING_TEXT}
# What a cell may say (compared without case or surrounding spaces).
CELL_VALUES = {
    "": None,
    "lead role": ResponsibilityRole.LEAD,
    "lead": ResponsibilityRole.LEAD,
    "contributing role": ResponsibilityRole.CONTRIBUTING,
    "contributing": ResponsibilityRole.CONTRIBUTING,
}
NUMBER_HEADER = "Number"
TITLE_HEADER = "Commitment"
MATRIX_SHEET = "Responsibility matrix"
ABOUT_SHEET = "About"
ABOUT_COLUMNS_HEADING = "Columns"
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
MAX_COLUMNS = 200
XLSX_TYPES = {".xlsx"}
CSV_TYPES = {".csv"}


# --- Export ----------------------------------------------------------------------------------


def grid(matrix: Matrix) -> list[list[str]]:
    """The header row and one row per commitment: number, title, then one column per body."""
    rows = [[NUMBER_HEADER, TITLE_HEADER, *(b.name for b in matrix.bodies)]]
    for c in matrix.rows:
        rows.append(
            [
                c.number,
                c.title,
                *(ROLE_TEXT.get(matrix.role(c.pk, b.pk), "") for b in matrix.bodies),  # type: ignore[call-overload]
            ]
        )
    return rows


def export_filename(strategy: Strategy, extension: str, as_of: dt.date | None = None) -> str:
    from django.utils.text import slugify

    stem = slugify(strategy.short_title or strategy.title)[:60] or f"strategy-{strategy.pk}"
    suffix = f"-{as_of.isoformat()}" if as_of else ""
    return f"{stem}-responsibility-matrix{suffix}.{extension}"


def about_rows(matrix: Matrix) -> list[list[Any]]:
    s = matrix.strategy
    on = matrix.as_of or timezone.localdate()
    rows: list[list[Any]] = [
        ["Strategy", s.title],
        ["Strategy id", s.pk],
        ["Matrix as it stood on", on.isoformat()],
        ["Exported", timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        ["Source", "; ".join(matrix.sources) or "Not recorded"],
        [
            "How to use",
            f"Each cell says {LEAD_TEXT}, {CONTRIBUTING_TEXT} or is blank. Every commitment "
            "with any body has exactly one lead. Columns are matched to bodies by the ids "
            "below, or else by the exact body name in the header row.",
        ],
        [],
        [ABOUT_COLUMNS_HEADING],
        ["Column", "Header", "Body id"],
    ]
    for i, body in enumerate(matrix.bodies, start=3):
        rows.append([get_column_letter(i), body.name, body.pk])
    return rows


def to_xlsx(matrix: Matrix) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = MATRIX_SHEET
    for row in grid(matrix):
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 9
    ws.column_dimensions["B"].width = 60
    for i in range(3, len(matrix.bodies) + 3):
        ws.column_dimensions[get_column_letter(i)].width = 20
    for row in ws.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    about = wb.create_sheet(ABOUT_SHEET)
    for row in about_rows(matrix):
        about.append(row)
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 60
    for row in about.iter_rows():
        if row[0].value in (ABOUT_COLUMNS_HEADING, "Column") or row[0].column_letter == "A":
            row[0].font = Font(bold=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def to_csv(matrix: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(grid(matrix))
    # A byte order mark, so spreadsheet programs read the names' characters correctly.
    return "\ufeff" + out.getvalue()


# --- Import ----------------------------------------------------------------------------------


@dataclass
class Problem:
    row: int | None  # 1-based, as the spreadsheet shows it; None for the whole file
    column: str  # "D (Health and Wellbeing)", "" for the whole row or file
    message: str

    @property
    def where(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(f"Row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts) or "Whole file"


@dataclass
class ParsedMatrix:
    cells: dict[tuple[int, int], str | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    row_of: dict[str, int] = field(default_factory=dict)  # commitment number → file row
    ids_of: dict[str, int] = field(default_factory=dict)  # commitment number → id
    columns: dict[int, str] = field(default_factory=dict)  # body id → column label
    commitments: int = 0
    bodies: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _kind(name: str, head: bytes) -> str | None:
    lower = name.lower()
    if any(lower.endswith(x) for x in XLSX_TYPES):
        return "xlsx" if head.startswith(b"PK\x03\x04") else None
    if any(lower.endswith(x) for x in CSV_TYPES):
        return "csv" if b"\x00" not in head[:2048] and not head.startswith(b"PK\x03\x04") else None
    return None


def _read_xlsx(data: bytes) -> tuple[list[list[str]], dict[str, int], int | None]:
    """The matrix sheet's cells as text, the About sheet's header → body id mapping and the
    id of the strategy it was exported from."""
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb[MATRIX_SHEET] if MATRIX_SHEET in wb.sheetnames else wb.worksheets[0]
        rows = []
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            if i >= MAX_ROWS + 1:
                raise _TooBig(f"The file has more than {MAX_ROWS} rows.")
            rows.append([_text(v) for v in row[: MAX_COLUMNS + 1]])
        ids: dict[str, int] = {}
        strategy_id = None
        if ABOUT_SHEET in wb.sheetnames:
            in_columns = False
            for row in wb[ABOUT_SHEET].iter_rows(values_only=True, max_col=3):
                first = _text(row[0]) if row else ""
                if first == "Strategy id" and len(row) > 1:
                    try:
                        strategy_id = int(_text(row[1]))
                    except ValueError:
                        strategy_id = None
                if first == "Column":
                    in_columns = True
                    continue
                if in_columns and len(row) >= 3 and row[1] is not None:
                    try:
                        ids[_text(row[1])] = int(_text(row[2]))
                    except ValueError:
                        continue
        return rows, ids, strategy_id
    finally:
        wb.close()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = []
    for i, row in enumerate(csv.reader(io.StringIO(text))):
        if i >= MAX_ROWS + 1:
            raise _TooBig(f"The file has more than {MAX_ROWS} rows.")
        rows.append([_text(v) for v in row[: MAX_COLUMNS + 1]])
    return rows


_KIND_NAMES = {"xlsx": "an Excel spreadsheet (.xlsx)", "csv": "a CSV file"}


class _TooBig(Exception):
    pass


def _label(index: int, header: str) -> str:
    letter = get_column_letter(index + 1)
    return f"{letter} ({header})" if header else letter


def parse_upload(upload, strategy: Strategy) -> ParsedMatrix:
    """Read an uploaded xlsx or CSV file in the export layout. Every problem is collected, with
    its row and column; the cells are only usable when there are none."""
    result = ParsedMatrix()
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        result.problems.append(
            Problem(None, "", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        )
        return result
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        result.problems.append(
            Problem(None, "", f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        )
        return result
    if not data.strip(b"\xef\xbb\xbf \r\n\t"):
        result.problems.append(Problem(None, "", "The file is empty."))
        return result
    kind = _kind(name, data[:4096])
    if kind is None:
        result.problems.append(
            Problem(
                None,
                "",
                "The file must be an Excel spreadsheet (.xlsx) or a comma-separated values "
                "file (.csv) in the layout of the export.",
            )
        )
        return result
    ids: dict[str, int] = {}
    strategy_id = None
    try:
        if kind == "xlsx":
            rows, ids, strategy_id = _read_xlsx(data)
        else:
            rows = _read_csv(data)
    except _TooBig as too_big:
        result.problems.append(Problem(None, "", str(too_big)))
        return result
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, csv.Error):
        result.problems.append(
            Problem(None, "", f"The file could not be read as {_KIND_NAMES[kind]}.")
        )
        return result
    if strategy_id is not None and strategy_id != strategy.pk:
        result.problems.append(
            Problem(
                None,
                f"{ABOUT_SHEET} sheet",
                f"This file holds the matrix of another strategy (id {strategy_id}), not "
                f"{strategy.title}.",
            )
        )
        return result
    _parse_grid(rows, ids, strategy, result)
    return result


def _parse_grid(
    rows: list[list[str]], ids: dict[str, int], strategy: Strategy, result: ParsedMatrix
) -> None:
    problems = result.problems
    # Leading blank rows are tolerated; the first row with anything in it is the header.
    start = next((i for i, r in enumerate(rows) if any(r)), None)
    if start is None:
        problems.append(Problem(None, "", "The file is empty."))
        return
    header = rows[start]
    header_row = start + 1
    # Trailing empty header cells are not columns.
    while header and not header[-1]:
        header.pop()
    if (
        len(header) < 2
        or header[0].lower() not in ("number", "no", "no.")
        or (header[1].lower() not in ("commitment", "title"))
    ):
        problems.append(
            Problem(
                header_row,
                "",
                f"The header row is missing: the first row must start with "
                f"“{NUMBER_HEADER}” and “{TITLE_HEADER}”, followed by one column per body.",
            )
        )
        return

    # Body columns: by id from the About sheet, else by exact name.
    names = [h for h in header[2:] if h]
    by_name = bodies_by_name(names)
    from accord.bodies.models import Body

    by_id = {b.pk: b for b in Body.objects.live().filter(pk__in=list(ids.values()))}
    columns: dict[int, int] = {}  # column index → body id
    for index in range(2, len(header)):
        name = header[index]
        label = _label(index, name)
        if not name:
            problems.append(
                Problem(header_row, label, "The column has no body name in the header row.")
            )
            continue
        body = by_id.get(ids[name]) if name in ids else None
        if body is None:
            matches = by_name.get(name, [])
            if len(matches) > 1:
                problems.append(
                    Problem(
                        header_row,
                        label,
                        f"More than one body is called “{name}”: export the matrix again "
                        "and use its About sheet, which names each body by its id.",
                    )
                )
                continue
            if not matches:
                problems.append(
                    Problem(
                        header_row,
                        label,
                        f"No body is called “{name}”. Use the exact name of a body in the "
                        "framework.",
                    )
                )
                continue
            body = matches[0]
        if body.pk in columns.values():
            problems.append(Problem(header_row, label, f"“{body.name}” has more than one column."))
            continue
        columns[index] = body.pk
        result.columns[body.pk] = label

    commitments = commitments_by_number(strategy)
    seen: dict[str, int] = {}
    # Each commitment row read: (file row, number, its roles by column, whether a cell was not
    # a role), for the one-lead check.
    rows_roles: list[tuple[int, str, list[tuple[str, str]], bool]] = []
    for offset, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(row):
            continue
        number = row[0] if row else ""
        if not number:
            problems.append(
                Problem(offset, _label(0, NUMBER_HEADER), "The commitment number is missing.")
            )
            continue
        commitment = commitments.get(number)
        if commitment is None:
            problems.append(
                Problem(
                    offset,
                    _label(0, NUMBER_HEADER),
                    f"There is no commitment {number} in {strategy.title}.",
                )
            )
        elif number in seen:
            problems.append(
                Problem(
                    offset,
                    _label(0, NUMBER_HEADER),
                    f"Commitment {number} is already in row {seen[number]}.",
                )
            )
            commitment = None
        else:
            seen[number] = offset
            result.row_of[number] = offset
            result.ids_of[number] = commitment.pk
            title = row[1] if len(row) > 1 else ""
            if title and title.casefold() != commitment.title.strip().casefold():
                problems.append(
                    Problem(
                        offset,
                        _label(1, TITLE_HEADER),
                        f"The title does not match commitment {number}: "
                        f"'{commitment.title.strip()}'. The matrix import sets roles only; "
                        "change titles on the commitment's page.",
                    )
                )
        roles: list[tuple[str, str]] = []  # (column label, role) of each role the row gives
        unreadable = False
        for index in range(2, max(len(row), len(header))):
            value = row[index] if index < len(row) else ""
            header_name = header[index] if index < len(header) else ""
            if index >= len(header):
                if value:
                    problems.append(
                        Problem(
                            offset,
                            _label(index, ""),
                            "This cell is outside the body columns: its column has no body "
                            "name in the header row.",
                        )
                    )
                    unreadable = True
                continue
            key = value.lower()
            if key not in CELL_VALUES:
                problems.append(
                    Problem(
                        offset,
                        _label(index, header_name),
                        f"“{value}” is not a role: write {LEAD_TEXT}, {CONTRIBUTING_TEXT} "
                        "or leave the cell blank.",
                    )
                )
                unreadable = True
                continue
            role = CELL_VALUES[key]
            if role:
                roles.append((_label(index, header_name), role))
            if commitment is not None and index in columns:
                result.cells[(commitment.pk, columns[index])] = role
        if commitment is not None:
            rows_roles.append((offset, number, roles, unreadable))
    if problems:
        # The file will be rejected, so the matrix service never checks it: check the one-lead
        # rule here on the rows that were read, so that one upload shows every problem.
        problems.extend(_row_lead_problems(rows_roles))
        problems.sort(key=lambda p: p.row or 0)
    result.commitments = len(seen)
    result.bodies = len(columns)
    if not seen and not problems:
        problems.append(
            Problem(header_row + 1, "", "The file has a header row but no commitments.")
        )


def _row_lead_problems(
    rows_roles: list[tuple[int, str, list[tuple[str, str]], bool]],
) -> list[Problem]:
    """The one-lead rule on each row as the file gives it, in the matrix service's words. A
    row with an unreadable cell is only faulted for too many leads: that cell may be its lead.
    Every role in the row counts, even in a column whose body is not known, since the file
    says it."""
    out = []
    for offset, number, roles, unreadable in rows_roles:
        if rules.lead_count_is_valid(role for _, role in roles):
            continue
        leads = [label for label, role in roles if role == ResponsibilityRole.LEAD]
        if unreadable and len(leads) < 2:
            continue
        out.append(
            Problem(
                offset,
                ", ".join(leads) if leads else "all body columns",
                f"Commitment {number} would have {len(leads)} lead bodies: "
                "a commitment has exactly one lead body"
                + (" — choose which one leads." if len(leads) > 1 else " — choose one to lead."),
            )
        )
    return out


def lead_problems(messages: list[str], parsed: ParsedMatrix) -> list[Problem]:
    """The service's one-lead messages placed on the file's rows, naming the lead columns."""
    out = []
    for message in messages:
        number = _number_in(message, parsed.row_of)
        row = parsed.row_of.get(number) if number else None
        cid = parsed.ids_of.get(number) if number else None
        leads = [
            parsed.columns[bid]
            for (c, bid), role in parsed.cells.items()
            if c == cid and role == ResponsibilityRole.LEAD and bid in parsed.columns
        ]
        out.append(Problem(row, ", ".join(leads) if leads else "all body columns", message))
    return out


def _number_in(message: str, numbers: dict[str, int]) -> str | None:
    for number in sorted(numbers, key=len, reverse=True):
        if message.startswith(f"Commitment {number} "):
            return number
    return None
