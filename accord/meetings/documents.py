"""A meeting's agenda pack and minutes as Word documents (python-docx) and PDFs (reportlab),
laid out as a council lays them out: the pack's front page gives the body, date, time and
venue, then the agenda ("Item No. 1" with presenter, purpose and time allowed), then each
paper's cover sheet as seed 003 has it (with the frozen table of an exception report); the
minutes give who attended for which organisation, apologies and support staff, then each item's
minute with its "Action - Decision" lines and actions, the next meeting and the chair's
signature, as seed 004 has them.

Both are built from `selectors.meeting_page(meeting, user)`, so they show exactly what the
meeting page shows that user: restricted items, papers not for publication and minutes not yet
agreed only to the body's members and managers; for anyone else they are left out with a line
saying so. Each document is laid out once, as a list of blocks, and rendered twice, so the Word
document and the PDF always say the same. The PDF uses Helvetica (docs/decisions/0007)."""

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from accord.meetings.models import Capacity, DecisionKind, MeetingStatus, StandingItem
from accord.meetings.selectors import HELD_STATUSES, ItemView, MeetingPage
from accord.papers.models import Paper, PaperFile

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
# Where a signature or date is still to be written in by hand.
DOTS = "." * 40
EXCEPTION_REPORT = "exception_report"  # Paper.snapshot_kind of a frozen exception report


# --- Blocks: what a document says, before it is rendered --------------------------------------


@dataclass
class Para:
    """A paragraph: `lead` in bold, then `text`. Styles: body, small, strong (bold), mark (a
    bold marking such as DRAFT), bullet, and the headings title, h1, h2, h3."""

    text: str = ""
    style: str = "body"
    lead: str = ""


@dataclass
class Grid:
    """A table; each cell is a list of paragraphs. `widths` are shares of the text width."""

    rows: list[list[list[Para]]]
    widths: list[float]
    header: bool = False  # the first row names the columns
    labels: bool = False  # the first column names the rows (cover sheet, minutes)


@dataclass
class PageBreak:
    pass


Block = Para | Grid | PageBreak


@dataclass
class Document:
    title: str
    subject: str
    blocks: list[Block] = field(default_factory=list)
    marking: str = ""  # printed on every page, e.g. "DRAFT"
    landscape: bool = False


# --- Words ------------------------------------------------------------------------------------


def day(d: dt.date | None) -> str:
    return f"{d.day} {d:%B %Y}" if d else ""


def long_day(d: dt.date) -> str:
    """A date as councils write it: Monday 27 April 2009."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def clock(t: dt.time | None) -> str:
    """A time as councils write it: 2.30pm."""
    if t is None:
        return ""
    hour = t.hour % 12 or 12
    return f"{hour}.{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


def times(start: dt.time | None, end: dt.time | None) -> str:
    if start and end:
        return f"{clock(start)} – {clock(end)}"
    return clock(start)


def prose(text: str, style: str = "body") -> list[Para]:
    """Text as typed into a form: paragraphs split on blank lines, and lines starting with a
    dash or bullet as a bulleted list."""
    out: list[Para] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        plain: list[str] = []
        for line in lines:
            if line[:2] in ("- ", "• ", "* "):
                if plain:
                    out.append(Para(" ".join(plain), style))
                    plain = []
                out.append(Para(line[2:].strip(), "bullet"))
            else:
                plain.append(line)
        if plain:
            out.append(Para(" ".join(plain), style))
    return out


def with_organisations(rows: list[Any]) -> str:
    """People grouped by the organisation they came for, as minutes list apologies and support
    staff: "Alistair Jeffs, Alison Armstrong (Cheshire West and Chester Council)"."""
    groups: dict[str, list[str]] = {}
    for row in rows:
        org = row.organisation.name if row.organisation_id else ""
        groups.setdefault(org, []).append(attendee(row))
    parts = [
        f"{', '.join(names)} ({org})" if org else ", ".join(names) for org, names in groups.items()
    ]
    return ", ".join(parts)


def attendee(row: Any) -> str:
    """A person as the attendance list names them: Steve Robinson (Chair)."""
    name = str(row.person)
    if row.capacity == Capacity.CHAIR:
        name += " (Chair)"
    elif row.capacity in (Capacity.OBSERVER, Capacity.ADVISER):
        name += f" ({row.get_capacity_display()})"
    if row.substitute_for_id:
        name += f" (substitute for {row.substitute_for})"
    return name


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def left_out(page: MeetingPage, hidden_papers: int) -> list[Para]:
    """The lines saying what this reader's copy leaves out."""
    out = []
    if page.hidden_items:
        n = page.hidden_items
        out.append(
            Para(
                f"{n} restricted {_plural(n, 'item is', 'items are')} left out: "
                f"{_plural(n, 'it is', 'they are')} for the body's members only.",
                "small",
            )
        )
    if hidden_papers:
        n = hidden_papers
        out.append(
            Para(
                f"{n} {_plural(n, 'paper is', 'papers are')} not for publication and "
                f"{_plural(n, 'is', 'are')} left out.",
                "small",
            )
        )
    return out


def hidden_paper_count(page: MeetingPage) -> int:
    """Papers on the items shown that this reader may not see (one query, none for members)."""
    if page.can_see_restricted:
        return 0
    item_ids = [iv.item.pk for iv in page.items]
    return (
        Paper.objects.live()
        .filter(agenda_items__in=item_ids, is_public=False)
        .values("pk")
        .distinct()
        .count()
    )


def _meeting_lines(page: MeetingPage) -> list[Para]:
    m = page.meeting
    lines = [Para(m.long_date_label, lead="Date: ")]
    if m.start_time:
        lines.append(Para(times(m.start_time, m.end_time), lead="Time: "))
    if m.location:
        lines.append(Para(m.location, lead="Venue: "))
    if m.venue is not None and m.venue.accessibility:
        lines.append(Para(m.venue.accessibility, lead="Access: "))
    return lines


def _status_lines(page: MeetingPage) -> list[Para]:
    m = page.meeting
    out = []
    if m.is_cancelled:
        out.append(Para(f"CANCELLED: {m.cancelled_reason}", "mark"))
    if not m.is_public:
        out.append(Para("This meeting is not open to the public."))
    if m.is_illustrative:
        out.append(Para("Illustrative example: written for the demonstration, not a real meeting."))
    return out


# --- The agenda pack --------------------------------------------------------------------------

COVER_FIELDS = [
    ("Report title", "title"),
    ("Description", "description"),
    ("Document purpose", "purpose_text"),
    ("Circulation list", "circulation"),
    ("Decision/Action required", "decision_required"),
    ("Author", "author_label"),
    ("Contact details", "contact_details"),
    ("Publication date", "published_on"),
    ("Target audience", "target_audience"),
    ("Cross reference", "cross_reference"),
]


def _latest_files(papers: list[Paper]) -> dict[int, PaperFile]:
    """Each paper's latest live file (one query)."""
    latest: dict[int, PaperFile] = {}
    for f in (
        PaperFile.objects.live()
        .filter(paper_id__in=[p.pk for p in papers])
        .order_by("paper_id", "-revision")
    ):
        latest.setdefault(f.paper_id, f)
    return latest


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def cover_sheet(paper: Paper, latest: PaperFile | None, base_url: str) -> Grid:
    """A paper's cover sheet, row by row as seed 003 lays it out."""
    rows = []
    for label, name in COVER_FIELDS:
        value = getattr(paper, name)
        if name == "published_on":
            cell = [Para(day(value))]
        elif name == "purpose_text":
            cell = prose(value) if value else []
            if paper.purpose:
                cell.append(Para(f"{paper.get_purpose_display()}."))
        else:
            cell = prose(value or "")
        rows.append([[Para(label, "strong")], cell or [Para("")]])
    status = []
    if not paper.is_public:
        status.append(Para("Not for publication: for the body's members only.", "strong"))
    if paper.is_illustrative:
        status.append(Para("Illustrative example, not a real paper or real figures."))
    if status:
        rows.append([[Para("Status", "strong")], status])
    if latest is not None:
        rows.append(
            [
                [Para("File", "strong")],
                [Para(f"{latest.original_name} (version {latest.revision}, {_size(latest.size)})")],
            ]
        )
    if base_url:
        rows.append([[Para("Online", "strong")], [Para(base_url + paper.get_absolute_url())]])
    return Grid(rows, [0.28, 0.72], labels=True)


EXCEPTION_COLUMNS = ["Indicator", "Latest", "Target", "RAG", "Direction of travel", "Forecast"]


def exception_table(snapshot: dict[str, Any]) -> list[Block]:
    """The frozen rows of an exception report paper, as they were on the day it was taken."""
    rows = snapshot.get("rows") or []
    out: list[Block] = [
        Para(f"Exception report as at {snapshot.get('as_of_text', '')}", "h3"),
        Para(
            "The figures as they stood on that day, kept as they were so the paper still shows "
            "what the meeting considered.",
            "small",
        ),
    ]
    if snapshot.get("has_illustrative"):
        out.append(
            Para(
                "Figures and targets marked illustrative are examples, not published figures "
                "or agreed targets.",
                "small",
            )
        )
    if not rows:
        out.append(Para("No indicator was an exception on that day."))
        return out
    grid: list[list[list[Para]]] = [[[Para(c, "strong")] for c in EXCEPTION_COLUMNS]]
    for r in rows:
        unit = f" {r['unit']}" if r.get("unit") else ""
        latest = [Para(f"{r['value_text']}{unit} ({r['period']})" if r["period"] else "No figure")]
        if r.get("status") == "provisional":
            latest.append(Para("Provisional", "small"))
        if r.get("provenance") and r["provenance"] != "real":
            latest.append(Para("Illustrative", "small"))
        target = [Para(r["target_text"] if r.get("target") is not None else "None")]
        if r.get("target") is not None and r.get("target_period"):
            target[0].text += f" ({r['target_period']})"
        if r.get("target_illustrative"):
            target.append(Para("Illustrative", "small"))
        forecast = [Para(r.get("forecast_label") or "No forecast")]
        if r.get("forecast_text"):
            forecast.append(Para(f"{r['forecast_text']} by {r['final_target_period']}", "small"))
        grid.append(
            [
                [
                    Para(f"{r['indicator']['code']} {r['indicator']['title']}", "strong"),
                    Para(r["area"]["name"], "small"),
                    *[Para(why, "bullet") for why in r.get("exceptions", [])],
                ],
                latest,
                target,
                [Para(r["rag_label"])],
                [
                    Para(f"{r['direction_previous_label']} since the previous period"),
                    Para(f"{r['direction_year_label']} since a year earlier", "small"),
                ],
                forecast,
            ]
        )
    out.append(Grid(grid, [0.32, 0.15, 0.13, 0.1, 0.18, 0.12], header=True))
    return out


def _agenda_row(iv: ItemView) -> list[list[Para]]:
    item = iv.item
    business = [Para(item.title, "strong")]
    if item.is_restricted:
        business.append(Para("Restricted item: not for publication.", "small"))
    business.extend(Para(f"Paper: {p.title}", "small") for p in iv.papers)
    return [
        [Para(f"Item No. {item.number}", "strong")],
        business,
        [Para(item.presenter_label)],
        [Para(item.get_purpose_display())],
        [Para(f"{item.minutes_allowed} minutes" if item.minutes_allowed else "")],
    ]


def _matters_arising(page: MeetingPage) -> list[Para]:
    out = []
    for a in page.matters_arising:
        parts = [a.title]
        if a.owner_label:
            parts.append(f"Owner: {a.owner_label}")
        if a.due_on:
            parts.append(f"Due: {day(a.due_on)}")
        parts.append(f"Status: {a.get_status_display()}")
        # Annotated by selectors.matters_arising.
        arose, number = getattr(a, "arose_label", None), getattr(a, "arose_item_number", None)
        if arose:
            parts.append(f"Arose at the meeting of {arose}, Item No. {number}")
        out.append(Para(". ".join(parts) + ".", "bullet"))
    return out


def agenda_pack(page: MeetingPage, *, base_url: str = "") -> Document:
    """The agenda pack of the meeting, as the reader of `page` may see it."""
    m = page.meeting
    title = f"{m.display_title}: agenda, {m.date_label}"
    doc = Document(title=title, subject="Agenda pack")
    if m.status == MeetingStatus.SCHEDULED:
        doc.marking = "DRAFT AGENDA"
    b = doc.blocks
    b.append(Para(settings.ACCORD_PARTNERSHIP_NAME, "h2"))
    b.append(Para(m.body.name, "title"))
    if m.title:
        b.append(Para(m.title, "h1"))
    b.append(Para("Agenda", "h1"))
    if m.status == MeetingStatus.SCHEDULED:
        b.append(Para("DRAFT AGENDA: not yet published.", "mark"))
    b.extend(_meeting_lines(page))
    if m.agenda_published_on:
        b.append(Para(f"Agenda published on {day(m.agenda_published_on)}."))
    b.extend(_status_lines(page))
    hidden_papers = hidden_paper_count(page)
    b.append(PageBreak())

    b.append(Para("Agenda", "h1"))
    header = [[Para(c, "strong")] for c in ("Item", "Business", "Presenter", "Purpose", "Time")]
    rows = [header] + [_agenda_row(iv) for iv in page.items]
    b.append(Grid(rows, [0.12, 0.40, 0.18, 0.15, 0.15], header=True))
    if not page.items:
        b.append(Para("There are no items on this agenda yet."))
    b.extend(left_out(page, hidden_papers))
    if page.matters_arising:
        b.append(Para("Matters arising from earlier meetings", "h2"))
        b.append(
            Para(
                "Actions from the body's earlier meetings still open on the date of this one.",
                "small",
            )
        )
        b.extend(_matters_arising(page))

    # Each paper once, under the first item that considers it.
    papers: dict[int, tuple[int, Paper]] = {}
    for iv in page.items:
        for paper in iv.papers:
            papers.setdefault(paper.pk, (iv.item.number, paper))
    latest = _latest_files([p for _, p in papers.values()]) if papers else {}
    for number, paper in papers.values():
        b.append(PageBreak())
        b.append(Para(settings.ACCORD_PARTNERSHIP_NAME, "small"))
        b.append(Para(f"Item No. {number}: {paper.title}", "h2"))
        b.append(cover_sheet(paper, latest.get(paper.pk), base_url))
        if paper.snapshot_kind == EXCEPTION_REPORT and paper.snapshot:
            b.extend(exception_table(paper.snapshot))
    return doc


# --- The minutes ------------------------------------------------------------------------------


def minutes_available(page: MeetingPage) -> bool:
    """Whether the meeting has minutes this reader may read: it was held, and the minutes are
    agreed or the reader is a member or manager."""
    return page.minutes_visible and page.meeting.status in HELD_STATUSES


def _decisions(decisions: list[Any]) -> list[Para]:
    texts = [
        d.text or ("None required." if d.kind == DecisionKind.NONE_REQUIRED else "")
        for d in decisions
    ]
    if len(texts) == 1:
        return prose(texts[0])
    return [Para(" ".join(p.text for p in prose(t)), "bullet") for t in texts]


def _action_line(a: Any) -> Para:
    parts = [a.title.rstrip(".")]
    owner = a.owner_label
    if owner and a.organisation_id:
        owner += f" ({a.organisation})"
    parts.append(f"Owner: {owner or 'not recorded'}")
    parts.append(f"Due: {day(a.due_on) if a.due_on else 'no date set'}")
    if a.status in ("done", "dropped"):
        parts.append(f"{a.get_status_display()}{' on ' + day(a.closed_on) if a.closed_on else ''}")
    return Para(". ".join(parts) + ".", "bullet")


def _amendment_lines(amendments: list[Any]) -> list[Para]:
    out = []
    for am in amendments:
        agreed = f" Agreed at the meeting of {am.agreed_at.date_label}." if am.agreed_at_id else ""
        out.append(Para(f"{am.text} (Reason: {am.reason}.){agreed}"))
    return out


def minutes(page: MeetingPage) -> Document:
    """The minutes of the meeting, as the reader of `page` may see them; marked DRAFT until
    they are agreed."""
    m = page.meeting
    agreed = m.minutes_are_agreed
    doc = Document(
        title=f"{m.display_title}: minutes, {m.date_label}",
        subject="Minutes" if agreed else "Draft minutes",
        marking="" if agreed else "DRAFT",
    )
    b = doc.blocks
    b.append(Para(settings.ACCORD_PARTNERSHIP_NAME, "h2"))
    b.append(Para(m.display_title, "title"))
    b.append(Para("Minutes", "h1"))
    if not agreed:
        circulated = (
            f" They were circulated on {day(m.minutes_circulated_on)}."
            if m.minutes_circulated_on
            else ""
        )
        b.append(
            Para(f"DRAFT: these minutes have not yet been agreed.{circulated}", "mark"),
        )
    b.extend(_meeting_lines(page))
    b.extend(_status_lines(page))

    groups = page.attendance
    b.append(Para("Attending:", "h2"))
    if groups.present:
        b.append(
            Grid(
                [
                    [[Para(attendee(a))], [Para(a.organisation.name if a.organisation else "")]]
                    for a in groups.present
                ],
                [0.45, 0.55],
            )
        )
    else:
        b.append(Para("Attendance was not recorded."))
    for label, group in (
        ("Apologies: ", groups.apologies),
        ("Absent: ", groups.absent),
        ("Support Staff: ", groups.support),
        ("In attendance: ", groups.observers),
    ):
        if group:
            b.append(Para(with_organisations(group), lead=label))
    q = page.quorum
    if q.quorate is not None:
        said = "quorate" if q.quorate else "not quorate"
        n = q.present_members
        counted = f"{n} {_plural(n, 'member', 'members')} present"
        if q.chair_present:
            counted += ", the chair among them"
        if q.voting_members:
            counted += f"; the body has {q.voting_members} voting members"
        b.append(Para(f"The meeting was {said}: {counted}.", lead="Quorum: "))
    b.extend(left_out(page, hidden_paper_count(page)))

    rows: list[list[list[Para]]] = []
    for iv in page.items:
        item = iv.item
        minute = [Para(f"{item.title.rstrip('.')}.", "strong")]
        if item.is_restricted:
            minute.append(Para("Restricted item: not for publication.", "small"))
        minute.extend(prose(iv.minutes))
        minute.extend(Para(f"Paper considered: {p.title}", "small") for p in iv.papers)
        rows.append([[Para(f"Item No.{item.number}", "strong")], minute])
        if item.standing == StandingItem.MINUTES and page.matters_arising:
            rows.append([[Para("Matters arising", "strong")], _matters_arising(page)])
        rows.append(
            [
                [Para("Action - Decision", "strong")],
                _decisions(iv.decisions) or [Para("None recorded.")],
            ]
        )
        if iv.actions:
            rows.append([[Para("Actions", "strong")], [_action_line(a) for a in iv.actions]])
        if iv.amendments:
            rows.append([[Para("Amendment", "strong")], _amendment_lines(iv.amendments)])
    if page.decisions:
        rows.append([[Para("Decisions", "strong")], _decisions(page.decisions)])
    if page.amendments:
        rows.append([[Para("Amendments", "strong")], _amendment_lines(page.amendments)])
    if rows:
        b.append(Grid(rows, [0.2, 0.8], labels=True))
    else:
        b.append(Para("No items are recorded."))

    if m.minutes_agreed_at_id:
        b.append(
            Para(
                f"These minutes were agreed at the meeting of {m.minutes_agreed_at.date_label}.",  # type: ignore[union-attr]
            )
        )
    nxt = m.next_meeting
    if nxt is not None and not nxt.is_archived:
        details = ", ".join(
            p for p in (nxt.long_date_label, times(nxt.start_time, nxt.end_time), nxt.location) if p
        )
        if nxt.is_cancelled:
            details += " (cancelled)"
        b.append(Para(details, lead="Details of next meeting: "))
    signer = m.signed_by_name or (str(m.signed_by) if m.signed_by_id else "")
    # Left as dots until the chair signs, for signing by hand on the printed copy.
    b.append(Para(signer or DOTS, lead="Signed (Chair): "))
    b.append(Para(day(m.signed_on) or DOTS, lead="Date: "))
    return doc


# --- Word -------------------------------------------------------------------------------------

HEADING_LEVELS = {"title": 0, "h1": 1, "h2": 2, "h3": 3}


def _docx_runs(p: Any, para: Para) -> None:
    from docx.shared import Pt

    if para.lead:
        p.add_run(para.lead).bold = True
    run = p.add_run(para.text)
    if para.style in ("strong", "mark"):
        run.bold = True
    if para.style == "small":
        run.font.size = Pt(9)
    if para.style == "bullet":
        p.style = "List Bullet"


def render_docx(doc: Document) -> bytes:
    """The document as a Word file (A4, Arial, tables with a grid)."""
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    word = WordDocument()
    section = word.sections[0]
    # A4, with 2 cm margins all round.
    page_w, page_h = (29.7, 21.0) if doc.landscape else (21.0, 29.7)
    section.page_width, section.page_height = Cm(page_w), Cm(page_h)
    if doc.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    text_width = page_w - 4
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    word.core_properties.title = doc.title
    word.core_properties.subject = doc.subject
    word.core_properties.author = settings.ACCORD_PARTNERSHIP_NAME
    if doc.marking:
        head = section.header.paragraphs[0]
        run = head.add_run(doc.marking)
        run.bold = True
        run.font.size = Pt(14)
    section.footer.paragraphs[0].text = doc.title

    for block in doc.blocks:
        if isinstance(block, PageBreak):
            word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Para):
            if block.style in HEADING_LEVELS:
                word.add_heading(block.text, level=HEADING_LEVELS[block.style])
            else:
                _docx_runs(word.add_paragraph(), block)
        else:
            cols = len(block.widths)
            table = word.add_table(rows=0, cols=cols)
            table.style = "Table Grid"
            for r, cells in enumerate(block.rows):
                row = table.add_row().cells
                for c, (cell, paras) in enumerate(zip(row, cells, strict=True)):
                    cell.width = Cm(text_width * block.widths[c])
                    for i, para in enumerate(paras or [Para("")]):
                        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                        _docx_runs(p, para)
                        if (block.header and r == 0) or (block.labels and c == 0):
                            for run in p.runs:
                                run.bold = True
            if block.header:
                # Repeat the column names at the top of each page the table runs onto.
                from docx.oxml import OxmlElement
                from docx.oxml.ns import qn

                tr_pr = table.rows[0]._tr.get_or_add_trPr()
                repeat = OxmlElement("w:tblHeader")
                repeat.set(qn("w:val"), "true")
                tr_pr.append(repeat)
            word.add_paragraph()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------


def render_pdf(doc: Document, *, compress: bool = True) -> bytes:
    """The document as a PDF (A4, Helvetica), with its marking (e.g. DRAFT) on every page."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak as PdfPageBreak
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "AccordBody", parent=base["BodyText"], fontName="Helvetica", fontSize=10.5, leading=14
    )
    styles = {
        "body": body,
        "small": ParagraphStyle("AccordSmall", parent=body, fontSize=8.5, leading=11),
        "strong": ParagraphStyle("AccordStrong", parent=body, fontName="Helvetica-Bold"),
        "mark": ParagraphStyle(
            "AccordMark", parent=body, fontName="Helvetica-Bold", fontSize=13, leading=17
        ),
        "bullet": ParagraphStyle("AccordBullet", parent=body, leftIndent=12, bulletIndent=2),
        "title": ParagraphStyle(
            "AccordTitle",
            parent=base["Title"],
            fontName="Helvetica-Bold",
            fontSize=24,
            leading=30,
            alignment=0,
        ),
        "h1": ParagraphStyle(
            "AccordH1", parent=base["Heading1"], fontName="Helvetica-Bold", fontSize=17, leading=21
        ),
        "h2": ParagraphStyle(
            "AccordH2", parent=base["Heading2"], fontName="Helvetica-Bold", fontSize=13, leading=16
        ),
        "h3": ParagraphStyle(
            "AccordH3", parent=base["Heading3"], fontName="Helvetica-Bold", fontSize=11, leading=14
        ),
    }

    def flow(para: Para, bold: bool = False) -> Paragraph:
        text = escape(para.text).replace("\n", "<br/>")
        if para.lead:
            text = f"<b>{escape(para.lead)}</b>{text}"
        style = styles.get(para.style, body)
        if bold and para.style in ("body", "small"):
            text = f"<b>{text}</b>"
        if para.style == "bullet":
            return Paragraph(text, style, bulletText="•")
        return Paragraph(text, style)

    size = landscape(A4) if doc.landscape else A4
    page_w, page_h = size
    margin = 2 * cm
    width = page_w - 2 * margin

    def on_page(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(margin, 1.1 * cm, doc.title)
        canvas.drawRightString(page_w - margin, 1.1 * cm, f"Page {doc_.page}")
        if doc.marking:
            canvas.setFont("Helvetica-Bold", 14)
            canvas.drawRightString(page_w - margin, page_h - 1.2 * cm, doc.marking)
        canvas.restoreState()

    out = io.BytesIO()
    pdf = SimpleDocTemplate(
        out,
        pagesize=size,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=1.8 * cm,
        bottomMargin=1.8 * cm,
        title=doc.title,
        author=settings.ACCORD_PARTNERSHIP_NAME,
        subject=doc.subject,
        lang="en-GB",
        pageCompression=1 if compress else 0,
    )
    story: list[Any] = []
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            story.append(PdfPageBreak())
        elif isinstance(block, Para):
            story.append(flow(block))
        else:
            data = [
                [
                    [
                        flow(p, bold=(block.header and r == 0) or (block.labels and c == 0))
                        for p in (paras or [Para("")])
                    ]
                    for c, paras in enumerate(cells)
                ]
                for r, cells in enumerate(block.rows)
            ]
            table = Table(
                data,
                colWidths=[width * w for w in block.widths],
                repeatRows=1 if block.header else 0,
            )
            commands: list[tuple] = [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b1b4b6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
            if block.header:
                commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")))
            if block.labels:
                commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f2f1")))
            table.setStyle(TableStyle(commands))
            story.append(table)
            story.append(Spacer(1, 0.4 * cm))
    pdf.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()
