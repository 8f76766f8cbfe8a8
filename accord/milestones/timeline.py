"""A server-rendered SVG timeline of a programme's milestones: no JavaScript.

Months run along the top; each milestone has a row with its title on the left, a bar for a
step that runs over a span (or a whole month) and a diamond for a single day, and its status in
words on the right. Overdue milestones are hatched as well as red and say "Overdue", so nothing
rests on colour alone. The table on the same page carries the same data with links."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.milestones.models import Milestone, MilestoneStatus

WIDTH = 960
LABEL_W = 290
STATUS_W = 110
CHART_X0 = LABEL_W + 10
CHART_X1 = WIDTH - STATUS_W - 10
AXIS_H = 46
ROW_H = 40
LEGEND_H = 44
FONT = 13
TEXT = "#0b0c0c"
SECONDARY = "#505a5f"
GRID = "#b1b4b6"
COLOURS = {
    "done": "#00703c",
    "open": "#1d70b8",
    "overdue": "#d4351c",
    "missed": "#942514",
    "cancelled": "#505a5f",
    "unrecorded": "#505a5f",
}


@dataclass
class Row:
    title: str
    start: dt.date
    end: dt.date
    state: str  # done, open, overdue, missed, cancelled
    status_text: str
    date_text: str
    is_span: bool


def state_of(m: Milestone, on: dt.date) -> tuple[str, str]:
    """The state used for drawing, and the status in words."""
    if m.is_overdue_on(on):
        return "overdue", "Overdue"
    if m.status == MilestoneStatus.DONE:
        return "done", "Done"
    if m.status == MilestoneStatus.MISSED:
        return "missed", "Missed"
    if m.status == MilestoneStatus.CANCELLED:
        return "cancelled", "Cancelled"
    if m.status == MilestoneStatus.UNRECORDED:
        return "unrecorded", "Outcome not recorded"
    return "open", m.get_status_display()


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    return dt.date(d.year + y, m + 1, 1)


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months = []
    d = _month_start(start)
    while d <= end:
        months.append(d)
        d = _add_months(d, 1)
    return months


def _wrap(text: str, max_chars: int = 42, max_lines: int = 2) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= max_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        lines = lines[: max_lines - 1] + [last[: max_chars - 1].rstrip() + "…"]
    return [line if len(line) <= max_chars else line[: max_chars - 1] + "…" for line in lines]


def _diamond(cx: float, cy: float, r: float = 8) -> str:
    top, right, bottom, left = cy - r, cx + r, cy + r, cx - r
    return (
        f"M{cx:.1f} {top:.1f} L{right:.1f} {cy:.1f} L{cx:.1f} {bottom:.1f} L{left:.1f} {cy:.1f} Z"
    )


def timeline_rows(milestones: list[Milestone], on: dt.date) -> list[Row]:
    rows = []
    for m in milestones:
        state, words = state_of(m, on)
        rows.append(
            Row(
                title=m.title,
                start=m.first_day,
                end=m.due_on,
                state=state,
                status_text=words,
                date_text=m.date_label,
                is_span=m.is_span,
            )
        )
    return rows


def render_timeline(
    milestones: list[Milestone], *, on: dt.date, name: str, uid: str = "tl"
) -> SafeString:
    """The SVG for `milestones` (already in date order) as seen on `on`."""
    rows = timeline_rows(milestones, on)
    if not rows:
        return mark_safe("")
    first = _month_start(min(r.start for r in rows))
    last = _month_end(max(r.end for r in rows))
    months = _months(first, last)
    while len(months) < 3:
        months.append(_add_months(months[-1], 1))
        last = _month_end(months[-1])
    span_days = (last - first).days + 1
    chart_w = CHART_X1 - CHART_X0

    def x_of(d: dt.date, end_of_day: bool = False) -> float:
        days = (d - first).days + (1 if end_of_day else 0.5)
        return CHART_X0 + chart_w * days / span_days

    height = AXIS_H + len(rows) * ROW_H + LEGEND_H
    n_done = sum(r.state == "done" for r in rows)
    n_overdue = sum(r.state == "overdue" for r in rows)
    n_open = sum(r.state in ("open", "overdue") for r in rows)
    today_in_range = first <= on <= last
    desc = (
        f"{len(rows)} milestones from {first:%B %Y} to {last:%B %Y}: {n_done} done, "
        f"{n_open} still open, of which {n_overdue} overdue. "
        + (f"A line marks today, {on.day} {on:%B %Y}. " if today_in_range else "")
        + "The table that follows gives every milestone with its date, owner and status."
    )
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="accord-timeline" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="arial, sans-serif" '
        f'font-size="{FONT}">',
        f'<title id="{uid}-title">Timeline of {escape(name)}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        "<defs>"
        f'<pattern id="{uid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{COLOURS["overdue"]}" stroke-width="3"/>'
        "</pattern></defs>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]

    # Axis: a gridline at each month, labelled by month (by quarter or year when long).
    step = 1 if len(months) <= 18 else 3 if len(months) <= 48 else 12
    grid_bottom = AXIS_H + len(rows) * ROW_H
    out.append('<g class="accord-timeline__axis">')
    for i, m in enumerate(months):
        x = x_of(m) - chart_w * 0.5 / span_days
        out.append(
            f'<line x1="{x:.1f}" y1="{AXIS_H - 8}" x2="{x:.1f}" y2="{grid_bottom}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        if i % step == 0 or (step == 12 and m.month == 1):
            label = f"{m:%b}" if (i and m.month != 1 and step == 1) else f"{m:%b %Y}"
            if step == 12:
                label = f"{m:%Y}"
            mid = x + (chart_w * (calendar.monthrange(m.year, m.month)[1]) / span_days) / 2
            anchor_x = mid if step == 1 else x + 3
            anchor = "middle" if step == 1 else "start"
            out.append(
                f'<text x="{anchor_x:.1f}" y="{AXIS_H - 16}" text-anchor="{anchor}" '
                f'fill="{TEXT}" font-size="12">{escape(label)}</text>'
            )
    end_x = x_of(last, end_of_day=True)
    out.append(
        f'<line x1="{end_x:.1f}" y1="{AXIS_H - 8}" x2="{end_x:.1f}" y2="{grid_bottom}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    )
    out.append(
        f'<text x="{CHART_X1 + 12}" y="{AXIS_H - 16}" fill="{TEXT}" font-size="12" '
        f'font-weight="bold">Status</text>'
    )
    out.append("</g>")

    # Rows.
    for i, r in enumerate(rows):
        top = AXIS_H + i * ROW_H
        cy = top + ROW_H / 2
        if i % 2 == 0:
            out.append(
                f'<rect x="0" y="{top}" width="{WIDTH}" height="{ROW_H}" fill="#f3f2f1" '
                'fill-opacity="0.6"/>'
            )
        lines = _wrap(r.title)
        y0 = cy - (len(lines) - 1) * 8 + 4
        out.append(f'<text x="6" y="{y0:.1f}" fill="{TEXT}">')
        for j, line in enumerate(lines):
            dy = "0" if j == 0 else "16"
            out.append(f'<tspan x="6" dy="{dy}">{escape(line)}</tspan>')
        out.append("</text>")
        colour = COLOURS[r.state]
        fill = f"url(#{uid}-hatch)" if r.state == "overdue" else colour
        if r.state == "cancelled":
            fill = "#ffffff"
        dash = ' stroke-dasharray="4 3"' if r.state == "cancelled" else ""
        if r.is_span:
            x0, x1 = x_of(r.start) - 3, x_of(r.end) + 3
            out.append(
                f'<rect x="{x0:.1f}" y="{cy - 7:.1f}" width="{max(x1 - x0, 6):.1f}" height="14" '
                f'rx="3" fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/>'
            )
        else:
            out.append(
                f'<path d="{_diamond(x_of(r.end), cy)}" fill="{fill}" stroke="{colour}" '
                f'stroke-width="2"{dash}/>'
            )
        weight = ' font-weight="bold"' if r.state in ("overdue", "missed") else ""
        mark = "⚠ " if r.state == "overdue" else "✓ " if r.state == "done" else ""
        out.append(
            f'<text x="{CHART_X1 + 12}" y="{cy + 4:.1f}" fill="{TEXT}"{weight}>'
            f"{mark}{escape(r.status_text)}</text>"
        )

    # Today's line.
    if today_in_range:
        tx = x_of(on)
        out.append(
            f'<line x1="{tx:.1f}" y1="{AXIS_H - 4}" x2="{tx:.1f}" y2="{grid_bottom}" '
            f'stroke="{TEXT}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{tx + 4:.1f}" y="{AXIS_H - 2}" fill="{TEXT}" font-size="12" '
            f'font-weight="bold">Today</text>'
        )

    # Key.
    ky = grid_bottom + 26
    out.append(f'<g class="accord-timeline__key" font-size="12" fill="{TEXT}">')
    out.append(f'<text x="6" y="{ky + 4}" font-weight="bold">Key</text>')
    out.append(f'<path d="{_diamond(60, ky, 7)}" fill="{COLOURS["open"]}"/>')
    out.append(f'<text x="74" y="{ky + 4}">a single day</text>')
    out.append(
        f'<rect x="170" y="{ky - 6}" width="36" height="12" rx="3" fill="{COLOURS["open"]}"/>'
    )
    out.append(f'<text x="214" y="{ky + 4}">a span or a whole month</text>')
    out.append(
        f'<rect x="390" y="{ky - 6}" width="36" height="12" rx="3" fill="url(#{uid}-hatch)" '
        f'stroke="{COLOURS["overdue"]}" stroke-width="2"/>'
    )
    out.append(f'<text x="434" y="{ky + 4}">overdue (hatched)</text>')
    out.append(f'<path d="{_diamond(570, ky, 7)}" fill="{COLOURS["done"]}"/>')
    out.append(f'<text x="584" y="{ky + 4}">done</text>')
    if today_in_range:
        out.append(
            f'<line x1="640" y1="{ky - 9}" x2="640" y2="{ky + 9}" stroke="{TEXT}" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        out.append(f'<text x="648" y="{ky + 4}">today</text>')
    out.append("</g></svg>")
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped
