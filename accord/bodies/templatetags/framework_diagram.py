"""A server-rendered SVG diagram of the framework tree: no JavaScript, every box a link.

Read left to right: each body sits to the right of the body it reports to, joined by a line.
The nested list on the same page is its text alternative."""

from dataclasses import dataclass

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

BOX_W, BOX_H = 196, 80
COL_GAP, ROW_GAP, TREE_GAP = 28, 10, 20
PAD = 8
TEXT_X = 14  # text starts after the kind stripe
NAME_SIZE, SMALL_SIZE = 14, 12
LINE_WIDTH = BOX_W - TEXT_X - 6

# Rough advance widths of Arial Bold, in ems, so names wrap inside their boxes without a browser.
_NARROW = set("fijlrtI.,;:'!|() ")
_WIDE = set("mwMW")


def _em_width(text: str, bold: bool = True) -> float:
    total = 0.0
    for ch in text:
        if ch in _NARROW:
            total += 0.3
        elif ch in _WIDE:
            total += 0.9
        elif ch.isupper() or ch == "&":
            total += 0.72
        else:
            total += 0.58 if bold else 0.52
    return total


SHORT_KIND = {
    "lsp_board": "LSP board",
    "county_partnership": "County partnership",
    "district_lsp": "District LSP",
    "thematic": "Thematic partnership",
    "apb": "Area partnership board",
    "laf": "Local area forum",
    "neighbourhood": "Neighbourhood partnership",
    "steering": "Steering group",
    "priority_action": "Priority action group",
    "officer": "Officer group",
    "sub_group": "Sub-group",
    "network": "Network",
}


@dataclass
class Placed:
    node: object
    x: int
    y: float


def _layout(roots) -> tuple[list[Placed], list[tuple[Placed, Placed]], int, int]:
    placed: list[Placed] = []
    links: list[tuple[Placed, Placed]] = []
    cursor = PAD
    max_depth = 0

    def place(node, depth: int) -> Placed:
        nonlocal cursor, max_depth
        max_depth = max(max_depth, depth)
        x = PAD + depth * (BOX_W + COL_GAP)
        if node.children:
            kids = [place(c, depth + 1) for c in node.children]
            y = (kids[0].y + kids[-1].y) / 2
            me = Placed(node, x, y)
            links.extend((me, k) for k in kids)
        else:
            me = Placed(node, x, cursor)
            cursor += BOX_H + ROW_GAP
        placed.append(me)
        return me

    trees = [r for r in roots if r.children]
    singles = [r for r in roots if not r.children]
    for i, root in enumerate(trees):
        if i:
            cursor += TREE_GAP
        place(root, 0)
    # Bodies that report to none and have none reporting to them sit in rows, not a long column.
    columns = max(max_depth + 1, 4)
    if singles:
        if trees:
            cursor += TREE_GAP
        for i, root in enumerate(singles):
            col, row = i % columns, i // columns
            placed.append(
                Placed(root, PAD + col * (BOX_W + COL_GAP), cursor + row * (BOX_H + ROW_GAP))
            )
        cursor += ((len(singles) - 1) // columns + 1) * (BOX_H + ROW_GAP)
        max_depth = max(max_depth, min(len(singles), columns) - 1)
    width = PAD * 2 + (max_depth + 1) * BOX_W + max_depth * COL_GAP
    height = int(cursor - ROW_GAP + PAD) if placed else PAD * 2
    return placed, links, width, height


def _fits(text: str, size: int = NAME_SIZE) -> bool:
    return _em_width(text) * size <= LINE_WIDTH


def _lines(name: str, max_lines: int = 2) -> list[str]:
    """Wrap a name into at most `max_lines` lines that fit the box, ending in … if cut."""
    lines: list[str] = []
    for word in name.split():
        if lines and _fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        while last and not _fits(last + "…"):
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


@register.simple_tag
def framework_svg(roots, on, count):
    """The tree as an SVG: a labelled group of links, one per body."""
    placed, links, width, height = _layout(roots)
    date = f"{on:%-d %B %Y}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="accord-diagram" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
        f'aria-labelledby="framework-diagram-title" aria-describedby="framework-diagram-desc">',
        f'<title id="framework-diagram-title">Diagram of the partnership framework on '
        f"{escape(date)}</title>",
        f'<desc id="framework-diagram-desc">{count} bodies, read from left to right: each body '
        "is joined to the body it reports to on its left. Each box links to the body's page. "
        "The same structure is listed as text on this page.</desc>",
        '<g class="accord-diagram__lines" aria-hidden="true">',
    ]
    for parent, child in links:
        x1 = parent.x + BOX_W
        y1 = parent.y + BOX_H / 2
        x2 = child.x
        y2 = child.y + BOX_H / 2
        mid = x1 + COL_GAP / 2
        out.append(f'<path d="M{x1} {y1:.1f}H{mid:.1f}V{y2:.1f}H{x2}"/>')
    out.append("</g>")
    for p in sorted(placed, key=lambda p: (p.y, p.x)):
        body = p.node.body
        kind = SHORT_KIND.get(body.kind, body.get_kind_display())
        label = f"{body.name} ({body.get_kind_display()})"
        classes = f"accord-diagram__node accord-diagram__node--{body.kind}"
        if body.ended_on:
            label += f", ended {body.ended_on:%-d %B %Y}"
            classes += " accord-diagram__node--ended"
        out.append(
            f'<a href="{escape(body.get_absolute_url())}" class="{classes}" '
            f'aria-label="{escape(label)}">'
        )
        out.append(
            f'<rect class="accord-diagram__box" x="{p.x}" y="{p.y:.1f}" width="{BOX_W}" '
            f'height="{BOX_H}" rx="3"/>'
        )
        out.append(
            f'<rect class="accord-diagram__stripe" x="{p.x}" y="{p.y:.1f}" width="6" '
            f'height="{BOX_H}"/>'
        )
        tx = p.x + TEXT_X
        lines = _lines(body.name)
        out.append(f'<text class="accord-diagram__name" x="{tx}" y="{p.y + 21:.1f}">')
        for i, line in enumerate(lines):
            out.append(f'<tspan x="{tx}" dy="{0 if i == 0 else 17}">{escape(line)}</tspan>')
        out.append("</text>")
        small_y = p.y + (56 if len(lines) == 2 else 41)
        out.append(
            f'<text class="accord-diagram__kind" x="{tx}" y="{small_y:.1f}">{escape(kind)}</text>'
        )
        if body.ended_on:
            out.append(
                f'<text class="accord-diagram__kind" x="{tx}" y="{small_y + 15:.1f}">'
                f"Ended {body.ended_on:%-d %b %Y}</text>"
            )
        out.append("</a>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every interpolated value is escaped above
