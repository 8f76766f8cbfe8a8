"""A body's quarterly performance report as a Word document (python-docx) and a PDF (reportlab):
a title page, a narrative (the RAG counts and the exceptions, with the commentary given with
each figure), the scorecard as a table, a trend chart for each indicator with its figures in
words beside it, the case studies of the body's outcomes and indicators, and the sources.

Everything the report says comes from the scorecard the body's page shows
(`selectors.scorecard_for_body`), so the two always agree. Charts are drawn once, as a list of
shapes (`trend_shapes`), then rendered as vector graphics in the PDF and as a PNG in the Word
document (both with Pillow and reportlab, which need no system libraries). The PDF uses
Helvetica, which has Arial's metrics (docs/decisions/0007)."""

import datetime as dt
import io
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.casestudies.models import CaseStudy
from accord.casestudies.selectors import case_studies_linked
from accord.common.querysets import today
from accord.indicators.periods import PeriodError, parse_period, spec_from_dates
from accord.scorecards import rules
from accord.scorecards.assess import ENGLAND_CODE, live_targets, target_for, visible
from accord.scorecards.charts import nice_ticks
from accord.scorecards.selectors import Row, Scorecard, fmt, scorecard_for_body
from accord.strategies.models import Commitment
from accord.strategies.selectors import live_responsibilities

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
QUARTER_KINDS = ("financial_quarter", "quarter")
# How many periods a trend chart shows, the latest last.
TREND_PERIODS = 12


class ReportError(ValueError):
    """The report asked for cannot be made (e.g. a quarter that is not a quarter)."""


# --- What the report says ---------------------------------------------------------------------


@dataclass
class Trend:
    periods: list[str]
    values: dict[str, float]
    targets: dict[str, float]
    england: dict[str, float]

    @property
    def chartable(self) -> bool:
        return len(self.values) >= 2


@dataclass
class ReportRow:
    row: Row
    trend: Trend
    commentary: str = ""

    @property
    def indicator(self):
        return self.row.indicator

    @property
    def label(self) -> str:
        return f"{self.indicator.code} {self.indicator.display_title}"

    @property
    def unit(self) -> str:
        return f" {self.indicator.unit}" if self.indicator.unit else ""

    @property
    def latest(self) -> str:
        a = self.row.a
        if a.value is None:
            return "No figure"
        text = f"{self.row.value}{self.unit} ({a.period_code})"
        if a.status == "provisional":
            text += ", provisional"
        if a.provenance and a.provenance != "real":
            text += ", synthetic" if a.provenance == "synthetic" else ", illustrative"
        return text

    @property
    def target(self) -> str:
        a = self.row.a
        if a.target_value is None:
            return "None"
        text = f"{self.row.target} ({a.target_period_code})"
        return f"{text}, illustrative" if a.target_illustrative else text

    @property
    def direction(self) -> str:
        a = self.row.a
        prev = rules.DIRECTION_LABELS.get(a.direction_previous, a.direction_previous)
        year = rules.DIRECTION_LABELS.get(a.direction_year, a.direction_year)
        return f"{prev} since the previous period; {year.lower()} since a year earlier"

    @property
    def benchmark(self) -> str:
        parts = []
        if self.row.a.england_value is not None:
            parts.append(f"England {self.row.england}")
        if self.row.a.region_value is not None:
            parts.append(f"region {self.row.region}")
        if self.row.a.comparator_value is not None:
            parts.append(f"similar areas {self.row.comparator}")
        if self.row.a.significance != rules.NOT_COMPARED:
            parts.append(self.row.significance_label.lower())
        return "; ".join(parts) or "None"


@dataclass
class BodyReport:
    body: Body
    card: Scorecard
    quarter: str
    quarter_start: dt.date
    quarter_end: dt.date
    produced_on: dt.date
    rows: list[ReportRow]
    case_studies: list[CaseStudy] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.body.name}: performance report, {self.quarter}"

    @property
    def as_of(self) -> dt.date:
        return self.card.as_of

    @property
    def exceptions(self) -> list[ReportRow]:
        rows = [r for r in self.rows if r.row.exceptions]
        return sorted(rows, key=lambda r: (-len(r.row.exceptions), r.indicator.code))

    @property
    def summary(self) -> str:
        """The RAG counts in a sentence."""
        n = len(self.rows)
        if not n:
            return "There are no indicators on this body's scorecard."
        counts = ", ".join(f"{c['count']} {c['label'].lower()}" for c in self.card.counts)
        return f"Of the {n} indicator{'s' if n != 1 else ''} on the scorecard: {counts}."

    @property
    def intro(self) -> str:
        return (
            f"This report sets out the performance of {self.body.name} for the quarter "
            f"{self.quarter} ({day(self.quarter_start)} to {day(self.quarter_end)}), using the "
            f"figures available on {day(self.as_of)}. It shows the indicators of the outcomes "
            "the body and the bodies reporting to it lead or contribute to, and those they "
            "own, as its scorecard does."
        )

    @property
    def illustrative_note(self) -> str:
        if not self.card.has_illustrative:
            return ""
        return (
            "Figures and targets marked illustrative are examples, not published figures or "
            "agreed targets."
        )


def day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def report_dates(
    quarter: str | None = None, as_of: dt.date | None = None
) -> tuple[str, dt.date, dt.date, dt.date]:
    """The quarter reported (code, start, end) and the day the figures are taken at: a named
    quarter is reported as at its last day; otherwise the quarter the scorecard of `as_of`
    (default today) reports."""
    if quarter:
        try:
            spec = parse_period(quarter)
        except PeriodError as exc:
            raise ReportError(str(exc)) from None
        if spec.kind not in QUARTER_KINDS:
            raise ReportError(f"“{quarter}” is not a quarter; write it like 2009/10 Q1.")
        return spec.code, spec.start, spec.end, spec.end
    on = as_of or today()
    span = rules.reporting_quarter(on)
    return spec_from_dates(span.start, span.end).code, span.start, span.end, on


def _trends(card: Scorecard, user: Any) -> tuple[dict[tuple[int, int], Trend], dict]:
    """Each row's latest figures over time, the target in force for each of those periods (as
    the RAG reads it), England's figures, and the commentary of each figure (four queries)."""
    pairs = {(r.indicator.pk, r.area.pk) for r in card.rows}
    if not pairs:
        return {}, {}
    ind_ids = {i for i, _ in pairs}
    area_ids = {a for _, a in pairs}
    england = Area.objects.filter(gss_code=ENGLAND_CODE).values_list("pk", flat=True).first()
    wanted = area_ids | ({england} if england else set())
    figures = (
        visible(user)
        .filter(
            indicator_id__in=ind_ids,
            area_id__in=wanted,
            breakdown="",
            value__isnull=False,
            period__end__lte=card.as_of,
        )
        .order_by("period__start", "period__end")
        .values_list(
            "indicator_id", "area_id", "period__code", "period__end", "value", "commentary"
        )
    )
    series: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
    ends: dict[str, dt.date] = {}
    notes: dict[tuple[int, int, str], str] = {}
    for ind, area, code, end, value, commentary in figures:
        if value is None:
            continue
        series[(ind, area)][code] = value
        ends[code] = end
        if commentary:
            notes[(ind, area, code)] = commentary
    targets = live_targets(list(ind_ids), list(area_ids))
    out = {}
    for ind, area in pairs:
        own = series.get((ind, area), {})
        # Figures come in period order; the chart shows the latest few.
        codes = list(own)[-TREND_PERIODS:]
        goal = {}
        for code in codes:
            t = target_for(targets.get((ind, area), []), code, ends[code])
            if t is not None:
                goal[code] = t[3]
        eng = series.get((ind, england), {}) if england and england != area else {}
        out[(ind, area)] = Trend(
            codes,
            {c: own[c] for c in codes},
            goal,
            {c: eng[c] for c in codes if c in eng},
        )
    return out, notes


def _outcome_ids(body: Body) -> list[int]:
    """The outcomes a body leads or contributes to, and those up to two levels beneath them
    (one query)."""
    mine = live_responsibilities().filter(body=body).values("commitment_id")
    return list(
        Commitment.objects.live()
        .filter(Q(pk__in=mine) | Q(parent__in=mine) | Q(parent__parent__in=mine))
        .values_list("pk", flat=True)
    )


def build_report(
    body: Body, *, quarter: str | None = None, as_of: dt.date | None = None, user: Any = None
) -> BodyReport:
    """Everything the quarterly report of `body` says (a fixed number of queries)."""
    user = user or AnonymousUser()
    code, start, end, on = report_dates(quarter, as_of)
    card = scorecard_for_body(body, as_of=on, user=user)
    trends, notes = _trends(card, user)
    rows = []
    for r in card.rows:
        key = (r.indicator.pk, r.area.pk)
        trend = trends.get(key) or Trend([], {}, {}, {})
        rows.append(
            ReportRow(r, trend, notes.get((*key, r.a.period_code or ""), "")),
        )
    studies = case_studies_linked(
        outcome_ids=_outcome_ids(body),
        indicator_ids=[r.indicator.pk for r in card.rows],
        user=user,
    )
    return BodyReport(body, card, code, start, end, today(), rows, studies)


# --- Charts: drawn once as shapes, rendered for the PDF and as a PNG ----------------------------

BLUE = (29, 112, 184)  # GOV.UK blue: the figures
BLACK = (11, 12, 12)  # the target
GREY = (80, 90, 95)  # England
LIGHT = (177, 180, 182)


@dataclass
class Shape:
    kind: str  # "line", "polyline", "marker", "text"
    points: list[tuple[float, float]]
    colour: tuple[int, int, int] = BLACK
    width: float = 1.0
    dash: tuple[int, ...] = ()
    text: str = ""
    anchor: str = "start"  # start, middle, end
    size: float = 9
    shape: str = "circle"  # for markers: circle, square, diamond


@dataclass
class Chart:
    width: float
    height: float
    shapes: list[Shape]
    description: str


def _short(values: Iterable[float | None], places: int) -> list[str]:
    return [fmt(v, places) for v in values]


def trend_shapes(rr: ReportRow, width: float = 480, height: float = 220) -> Chart:
    """The trend chart of one row: figures as a solid line with round markers, targets as a
    dashed line with squares, England as a dotted line with diamonds, and a legend in words.
    Coordinates run from the top left, in points."""
    t = rr.trend
    places = rr.indicator.decimal_places
    left, right, top, bottom = 52.0, 12.0, 10.0, 58.0
    pw, ph = width - left - right, height - top - bottom
    numbers = [*t.values.values(), *t.targets.values(), *t.england.values()]
    numbers = [n for n in numbers if math.isfinite(n)]
    lo, hi = min(numbers), max(numbers)
    ticks = nice_ticks(min(lo, 0) if 0 <= lo < (hi - lo) else lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    step = pw / max(1, len(t.periods))

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    def y(v: float) -> float:
        return top + ph - (v - y0) / ((y1 - y0) or 1) * ph

    shapes = [Shape("line", [(left, top + ph), (left + pw, top + ph)], LIGHT)]
    for tick in ticks:
        shapes.append(Shape("line", [(left, y(tick)), (left + pw, y(tick))], LIGHT, 0.5))
        shapes.append(
            Shape("text", [(left - 4, y(tick) + 3)], BLACK, text=fmt(tick, places), anchor="end")
        )
    every = max(1, math.ceil(len(t.periods) / 8))
    for i, code in enumerate(t.periods):
        if i % every == 0 or i == len(t.periods) - 1:
            shapes.append(Shape("text", [(x(i), top + ph + 12)], BLACK, text=code, anchor="middle"))
    index = {code: i for i, code in enumerate(t.periods)}
    series = [
        (t.values, BLUE, (), "circle", 2.0),
        (t.targets, BLACK, (5, 3), "square", 1.5),
        (t.england, GREY, (1, 2), "diamond", 1.5),
    ]
    for data, colour, dash, marker, w in series:
        pts = [(x(index[c]), y(v)) for c, v in data.items() if c in index]
        if len(pts) > 1:
            shapes.append(Shape("polyline", pts, colour, w, dash))
        for p in pts:
            shapes.append(Shape("marker", [p], colour, shape=marker))
    legend: list[tuple[str, tuple[int, int, int], tuple[int, ...], str]] = [
        (f"Figure ({rr.indicator.unit})" if rr.indicator.unit else "Figure", BLUE, (), "circle")
    ]
    if t.targets:
        legend.append(("Target", BLACK, (5, 3), "square"))
    if t.england:
        legend.append(("England", GREY, (1, 2), "diamond"))
    lx = left
    for label, colour, dash, marker in legend:
        ly = height - 14
        shapes.append(Shape("polyline", [(lx, ly), (lx + 22, ly)], colour, 1.5, dash))
        shapes.append(Shape("marker", [(lx + 11, ly)], colour, shape=marker))
        shapes.append(Shape("text", [(lx + 28, ly + 3)], BLACK, text=label))
        lx += 28 + 6 * len(label) + 24
    words = ", ".join(
        f"{c} {v}" for c, v in zip(t.values, _short(t.values.values(), places), strict=True)
    )
    desc = f"Trend of {rr.label}: {words}."
    if t.targets:
        desc += " Targets: " + ", ".join(
            f"{c} {v}" for c, v in zip(t.targets, _short(t.targets.values(), places), strict=True)
        )
        desc += "."
    return Chart(width, height, shapes, desc)


def chart_drawing(chart: Chart):
    """The chart as a reportlab Drawing (vector graphics in the PDF)."""
    from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
    from reportlab.lib.colors import Color

    d = Drawing(chart.width, chart.height)
    d.setProperties({"title": chart.description})

    def c(rgb):
        return Color(*(v / 255 for v in rgb))

    def fy(v: float) -> float:
        return chart.height - v

    for s in chart.shapes:
        colour = c(s.colour)
        if s.kind == "line":
            (x1, y1), (x2, y2) = s.points
            d.add(Line(x1, fy(y1), x2, fy(y2), strokeColor=colour, strokeWidth=s.width))
        elif s.kind == "polyline":
            pts = [v for px, py in s.points for v in (px, fy(py))]
            d.add(
                PolyLine(
                    pts,
                    strokeColor=colour,
                    strokeWidth=s.width,
                    strokeDashArray=list(s.dash) or None,
                )
            )
        elif s.kind == "marker":
            (px, py), r = s.points[0], 3.0
            if s.shape == "square":
                d.add(Rect(px - r, fy(py) - r, 2 * r, 2 * r, fillColor=colour, strokeColor=None))
            elif s.shape == "diamond":
                pts = [
                    px,
                    fy(py) + r + 1,
                    px + r + 1,
                    fy(py),
                    px,
                    fy(py) - r - 1,
                    px - r - 1,
                    fy(py),
                ]
                d.add(Polygon(pts, fillColor=colour, strokeColor=None))
            else:
                d.add(Circle(px, fy(py), r, fillColor=colour, strokeColor=None))
        elif s.kind == "text":
            px, py = s.points[0]
            d.add(
                String(
                    px,
                    fy(py),
                    s.text,
                    fontName="Helvetica",
                    fontSize=s.size,
                    fillColor=colour,
                    textAnchor=s.anchor,
                )
            )
    return d


def chart_png(chart: Chart, scale: float = 3.0) -> bytes:
    """The chart as a PNG (for the Word document), drawn with Pillow at `scale` pixels a
    point."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (round(chart.width * scale), round(chart.height * scale)), "white")
    draw = ImageDraw.Draw(img)
    font_cache: dict[float, Any] = {}

    def font(size: float):
        if size not in font_cache:
            font_cache[size] = ImageFont.load_default(size=size * scale)
        return font_cache[size]

    def sc(p: tuple[float, float]) -> tuple[float, float]:
        return (p[0] * scale, p[1] * scale)

    def dashed(points, colour, width, dash):
        on, off = dash[0] * scale, dash[1] * scale
        for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
            length = math.hypot(x2 - x1, y2 - y1)
            pos = 0.0
            while pos < length:
                end = min(pos + on, length)
                a, b = pos / length, end / length
                draw.line(
                    [
                        (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                        (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                    ],
                    fill=colour,
                    width=width,
                )
                pos = end + off

    for s in chart.shapes:
        width = max(1, round(s.width * scale))
        if s.kind in ("line", "polyline"):
            pts = [sc(p) for p in s.points]
            if s.dash:
                dashed(pts, s.colour, width, s.dash)
            else:
                draw.line(pts, fill=s.colour, width=width, joint="curve")
        elif s.kind == "marker":
            px, py = sc(s.points[0])
            r = 3.0 * scale
            if s.shape == "square":
                draw.rectangle([px - r, py - r, px + r, py + r], fill=s.colour)
            elif s.shape == "diamond":
                r += scale
                draw.polygon(
                    [(px, py - r), (px + r, py), (px, py + r), (px - r, py)], fill=s.colour
                )
            else:
                draw.ellipse([px - r, py - r, px + r, py + r], fill=s.colour)
        elif s.kind == "text":
            px, py = sc(s.points[0])
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[s.anchor]
            draw.text((px, py), s.text, fill=s.colour, font=font(s.size), anchor=anchor)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


# --- Word -------------------------------------------------------------------------------------

TABLE_COLUMNS = ["Indicator", "Latest", "Target", "RAG", "Direction of travel", "Benchmark"]


def _credits(report: BodyReport) -> list[str]:
    lines = [f"{', '.join(s['codes'])}: {s['source']}" for s in report.card.sources] or [
        "No figures are shown, so no sources are drawn on."
    ]
    lines.append(
        f"Produced by Accord for {settings.ACCORD_PARTNERSHIP_NAME} on {day(report.produced_on)}."
    )
    return lines


def report_docx(report: BodyReport) -> bytes:
    """The report as a Word document."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.8))
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    doc.core_properties.title = report.title
    doc.core_properties.author = settings.ACCORD_PARTNERSHIP_NAME

    # Title page.
    doc.add_paragraph(settings.ACCORD_PARTNERSHIP_NAME)
    doc.add_heading(report.body.name, level=0)
    doc.add_paragraph(f"Quarterly performance report: {report.quarter}").runs[0].bold = True
    doc.add_paragraph(f"{day(report.quarter_start)} to {day(report.quarter_end)}")
    doc.add_paragraph(f"Figures as at {day(report.as_of)}. Produced on {day(report.produced_on)}.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    doc.add_heading("Summary", level=1)
    doc.add_paragraph(report.intro)
    doc.add_paragraph(report.summary)
    if report.illustrative_note:
        doc.add_paragraph(report.illustrative_note)
    if report.card.note:
        doc.add_paragraph(report.card.note)

    doc.add_heading("Exceptions", level=1)
    if not report.exceptions:
        doc.add_paragraph("No indicator is red, late, off track or worsening.")
    for rr in report.exceptions:
        doc.add_heading(rr.label, level=2)
        doc.add_paragraph("; ".join(rr.row.exceptions) + ".")
        doc.add_paragraph(f"Latest: {rr.latest}. Target: {rr.target}. RAG: {rr.row.rag_label}.")
        doc.add_paragraph(
            f"Commentary: {rr.commentary}" if rr.commentary else "No commentary was given."
        )

    doc.add_heading("Scorecard", level=1)
    table = doc.add_table(rows=1, cols=len(TABLE_COLUMNS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_COLUMNS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for rr in report.rows:
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            [rr.label, rr.latest, rr.target, rr.row.rag_label, rr.direction, rr.benchmark],
            strict=True,
        ):
            cell.text = text

    charted = [rr for rr in report.rows if rr.trend.chartable]
    if charted:
        doc.add_heading("Trends", level=1)
        doc.add_paragraph(
            "Each chart shows the figures as a solid line with round markers, the targets as a "
            "dashed line with square markers and England as a dotted line with diamonds."
        )
    for rr in charted:
        chart = trend_shapes(rr)
        doc.add_heading(rr.label, level=2)
        doc.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
        # The picture's alternative text: the same figures in words.
        doc.inline_shapes[-1]._inline.docPr.set("descr", chart.description)
        doc.add_paragraph(chart.description)

    doc.add_heading("Real benefits to real people", level=1)
    if not report.case_studies:
        doc.add_paragraph("No case study is linked to this body's outcomes or indicators yet.")
    for cs in report.case_studies:
        p = doc.add_paragraph()
        p.add_run(cs.title).bold = True
        if cs.is_illustrative:
            p.add_run(" (Illustrative example)")
        doc.add_paragraph(cs.summary)

    doc.add_heading("Sources", level=1)
    for line in _credits(report):
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF --------------------------------------------------------------------------------------


def report_pdf(report: BodyReport, *, compress: bool = True) -> bytes:
    """The report as a PDF (A4 landscape, Helvetica)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    body = ParagraphStyle(
        "AccordBody",
        parent=styles["BodyText"],
        fontName="Helvetica",
        fontSize=10.5,
        leading=14,
        alignment=TA_LEFT,
    )
    small = ParagraphStyle("AccordSmall", parent=body, fontSize=8.5, leading=11)
    h1 = ParagraphStyle(
        "AccordH1",
        parent=styles["Heading1"],
        fontName="Helvetica-Bold",
        fontSize=18,
        leading=22,
        spaceBefore=6,
    )
    h2 = ParagraphStyle(
        "AccordH2", parent=styles["Heading2"], fontName="Helvetica-Bold", fontSize=13, leading=16
    )
    title = ParagraphStyle("AccordTitle", parent=h1, fontSize=30, leading=36, spaceAfter=18)

    def para(text: str, style=body) -> Paragraph:
        return Paragraph(escape(text), style)

    out = io.BytesIO()
    page_w, _ = landscape(A4)

    def footer(canvas, doc_) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(1.8 * cm, 1.0 * cm, report.title)
        canvas.drawRightString(page_w - 1.8 * cm, 1.0 * cm, f"Page {doc_.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=1.8 * cm,
        rightMargin=1.8 * cm,
        topMargin=1.6 * cm,
        bottomMargin=1.8 * cm,
        title=report.title,
        author=settings.ACCORD_PARTNERSHIP_NAME,
        subject=f"Quarterly performance report, {report.quarter}",
        lang="en-GB",
        pageCompression=1 if compress else 0,
    )
    story: list[Any] = [
        para(settings.ACCORD_PARTNERSHIP_NAME, h2),
        Spacer(1, 3 * cm),
        para(report.body.name, title),
        para(f"Quarterly performance report: {report.quarter}", h1),
        para(f"{day(report.quarter_start)} to {day(report.quarter_end)}"),
        para(f"Figures as at {day(report.as_of)}. Produced on {day(report.produced_on)}."),
        PageBreak(),
        para("Summary", h1),
        para(report.intro),
        para(report.summary),
    ]
    if report.illustrative_note:
        story.append(para(report.illustrative_note))
    if report.card.note:
        story.append(para(report.card.note))
    story.append(para("Exceptions", h1))
    if not report.exceptions:
        story.append(para("No indicator is red, late, off track or worsening."))
    for rr in report.exceptions:
        story.append(
            KeepTogether(
                [
                    para(rr.label, h2),
                    para("; ".join(rr.row.exceptions) + "."),
                    para(f"Latest: {rr.latest}. Target: {rr.target}. RAG: {rr.row.rag_label}."),
                    para(
                        f"Commentary: {rr.commentary}"
                        if rr.commentary
                        else "No commentary was given."
                    ),
                ]
            )
        )
    story.append(para("Scorecard", h1))
    data = [[para(c, small) for c in TABLE_COLUMNS]]
    for rr in report.rows:
        data.append(
            [
                para(t, small)
                for t in (
                    rr.label,
                    rr.latest,
                    rr.target,
                    rr.row.rag_label,
                    rr.direction,
                    rr.benchmark,
                )
            ]
        )
    widths = [7.5 * cm, 4 * cm, 3.6 * cm, 2.2 * cm, 4.6 * cm, 4.2 * cm]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b1b4b6")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(table)
    charted = [rr for rr in report.rows if rr.trend.chartable]
    if charted:
        story.append(PageBreak())
        story.append(para("Trends", h1))
        story.append(
            para(
                "Each chart shows the figures as a solid line with round markers, the targets as "
                "a dashed line with square markers and England as a dotted line with diamonds."
            )
        )
    for rr in charted:
        chart = trend_shapes(rr)
        story.append(
            KeepTogether([para(rr.label, h2), chart_drawing(chart), para(chart.description, small)])
        )
    story.append(para("Real benefits to real people", h1))
    if not report.case_studies:
        story.append(para("No case study is linked to this body's outcomes or indicators yet."))
    for cs in report.case_studies:
        marker = " (Illustrative example)" if cs.is_illustrative else ""
        story.append(Paragraph(f"<b>{escape(cs.title)}</b>{escape(marker)}", body))
        story.append(para(cs.summary))
    story.append(para("Sources", h1))
    story.extend(para(line) for line in _credits(report))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()
