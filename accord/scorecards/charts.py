"""Server-rendered, accessible SVG charts: an indicator's trend with its target, the England
benchmark and confidence intervals; and areas against a benchmark (a caterpillar chart).

Every chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`, with
text labels on the axes and in a legend, and meaning carried by line patterns and marker shapes
as well as colour (all at least 3:1 against white). Pages always show the same figures in a
table beside the chart; the chart is never the only way to read them."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.scorecards import rules

FONT = 'font-family="Arial, sans-serif"'
INK = "#0b0c0c"
GRID = "#b1b4b6"
BLUE = "#1d70b8"
RED = "#d4351c"
GREEN = "#00703c"
GREY = "#505a5f"
PURPLE = "#4c2c92"

# Marker shapes by significance, so that no meaning rests on colour alone.
SIGNIFICANCE_MARKS = {
    rules.BETTER: ("triangle-up", GREEN),
    rules.SIMILAR: ("circle", GREY),
    rules.WORSE: ("triangle-down", RED),
    rules.NOT_COMPARED: ("diamond", BLUE),
}


@dataclass(frozen=True)
class Point:
    """One figure on a chart: its label (a period or an area), value and 95% interval."""

    label: str
    value: float | None
    lower: float | None = None
    upper: float | None = None
    significance: str = rules.NOT_COMPARED


def fmt(value: float | None, places: int = 1) -> str:
    """A figure as shown in charts and tables: fixed decimal places, thousands separated."""
    if value is None:
        return "–"
    return f"{value:,.{places}f}"


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round, evenly spaced tick values from at or below lo to at or above hi, about `count`
    of them."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return [0.0, 1.0]
    lo, hi = min(lo, hi), max(lo, hi)
    if hi - lo <= 1e-9 * max(1.0, abs(lo), abs(hi)):
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    places = max(0, 2 - math.floor(math.log10(step)))
    first = math.floor(lo / step)
    ticks = []
    i = first
    while True:
        tick = round(i * step, places)
        ticks.append(tick)
        if tick >= hi:
            break
        i += 1
    if ticks[0] > lo:
        ticks.insert(0, round((first - 1) * step, places))
    return ticks


def _marker(shape: str, x: float, y: float, colour: str, size: float = 5) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'
    if shape == "square":
        s = size * 0.9
        return (
            f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" '
            f'fill="{colour}"/>'
        )
    if shape == "diamond":
        pts = [(x, y - size * 1.2), (x + size * 1.2, y), (x, y + size * 1.2), (x - size * 1.2, y)]
    elif shape == "triangle-up":
        pts = [(x, y - size * 1.3), (x + size * 1.2, y + size), (x - size * 1.2, y + size)]
    else:  # triangle-down
        pts = [(x, y + size * 1.3), (x + size * 1.2, y - size), (x - size * 1.2, y - size)]
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in pts)
    return f'<polygon points="{path}" fill="{colour}"/>'


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="accord-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _text(x: float, y: float, label: str, *, anchor: str = "start", size: int = 13, **attrs) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" fill="{INK}" '
        f'text-anchor="{anchor}"{extra}>{escape(label)}</text>'
    )


def _legend(items: list[tuple[str, str, str | None, str]], x: float, y: float) -> list[str]:
    """Legend rows of (label, colour, dash pattern, marker shape), one per line."""
    out = []
    for i, (label, colour, dash, shape) in enumerate(items):
        ly = y + i * 20
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if dash is not None:
            out.append(
                f'<line x1="{x:.1f}" y1="{ly:.1f}" x2="{x + 28:.1f}" y2="{ly:.1f}" '
                f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>'
            )
        if shape:
            out.append(_marker(shape, x + 14, ly, colour, 4.5))
        out.append(_text(x + 36, ly + 4.5, label))
    return out


def trend_chart(
    *,
    chart_id: str,
    title: str,
    periods: Sequence[str],
    values: dict[str, Point],
    targets: dict[str, float] | None = None,
    england: dict[str, float] | None = None,
    unit: str = "",
    places: int = 1,
    width: int = 640,
    height: int = 320,
) -> SafeString:
    """An indicator's figures over `periods` (in order) as a solid line with round markers and
    95% interval whiskers, its targets as a dashed line with square markers, and England as a
    dotted line with diamonds."""
    targets = targets or {}
    england = england or {}
    left, right, top = 64, 16, 16
    legend_rows = 1 + bool(targets) + bool(england)
    bottom = 56 + legend_rows * 20
    plot_w, plot_h = width - left - right, height - top - bottom
    numbers = [
        n
        for p in values.values()
        for n in (p.value, p.lower, p.upper)
        if n is not None and math.isfinite(n)
    ]
    numbers += [v for v in (*targets.values(), *england.values()) if math.isfinite(v)]
    shown = [p for p in periods if p in values or p in targets or p in england]
    described = _trend_description(title, shown, values, targets, england, unit, places)
    out = _open(chart_id, width, height, title, described)
    if not numbers or not shown:
        out.append(_text(width / 2, height / 2, "No figures to chart", anchor="middle"))
        out.append("</svg>")
        return mark_safe("".join(out))
    lo, hi = min(numbers), max(numbers)
    ticks = nice_ticks(min(lo, 0) if lo >= 0 and lo < (hi - lo) else lo, hi)
    y0, y1 = ticks[0], ticks[-1]

    def ys(v: float) -> float:
        return top + plot_h - (v - y0) / (y1 - y0) * plot_h

    step = plot_w / max(1, len(shown))

    def xs(i: int) -> float:
        return left + step * (i + 0.5)

    for t in ticks:
        out.append(
            f'<line x1="{left}" y1="{ys(t):.1f}" x2="{left + plot_w}" y2="{ys(t):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(left - 6, ys(t) + 4, fmt(t, _tick_places(ticks)), anchor="end"))
    out.append(
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{INK}" '
        f'stroke-width="1"/>'
    )
    if unit:
        out.append(_text(4, top - 4 if top > 12 else 12, unit, size=12))
    every = max(1, math.ceil(len(shown) / max(1, plot_w // 70)))
    for i, label in enumerate(shown):
        if i % every == 0 or i == len(shown) - 1:
            out.append(_text(xs(i), top + plot_h + 18, label, anchor="middle", size=12))

    def series(source: dict[str, float], colour: str, dash: str, shape: str) -> None:
        pts = [(xs(i), ys(source[p])) for i, p in enumerate(shown) if p in source]
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{dash_attr}/>"
            )
        for x, y in pts:
            out.append(_marker(shape, x, y, colour, 4.5))

    series(england, GREY, "2 4", "diamond")
    series(targets, PURPLE, "8 5", "square")
    for i, p in enumerate(shown):
        point = values.get(p)
        if point is None or point.lower is None or point.upper is None:
            continue
        x = xs(i)
        out.append(
            f'<path d="M{x:.1f},{ys(point.lower):.1f} V{ys(point.upper):.1f} '
            f"M{x - 5:.1f},{ys(point.lower):.1f} H{x + 5:.1f} "
            f'M{x - 5:.1f},{ys(point.upper):.1f} H{x + 5:.1f}" stroke="{BLUE}" '
            f'stroke-width="1.5" fill="none"/>'
        )
    series({p: v.value for p, v in values.items() if v.value is not None}, BLUE, "", "circle")
    last = next((p for p in reversed(shown) if p in values and values[p].value is not None), None)
    if last is not None:
        i = shown.index(last)
        out.append(
            _text(
                xs(i),
                ys(values[last].value) - 10,  # type: ignore[arg-type]
                fmt(values[last].value, places),
                anchor="middle",
                size=12,
                font_weight="bold",
            )
        )
    legend: list[tuple[str, str, str | None, str]] = [
        ("This area (with 95% interval)", BLUE, "", "circle")
    ]
    if targets:
        legend.append(("Target", PURPLE, "8 5", "square"))
    if england:
        legend.append(("England", GREY, "2 4", "diamond"))
    out += _legend(legend, left, top + plot_h + 40)
    out.append("</svg>")
    return mark_safe("".join(out))


def _tick_places(ticks: list[float]) -> int:
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1
    return 0 if step >= 1 else min(3, max(1, -math.floor(math.log10(step))))


def _trend_description(title, shown, values, targets, england, unit, places) -> str:
    figures = [p for p in shown if p in values and values[p].value is not None]
    if not figures:
        return f"{title}: no figures yet."
    first, last = figures[0], figures[-1]
    suffix = f" {unit}" if unit else ""
    text = (
        f"{len(figures)} figure{'s' if len(figures) != 1 else ''} from {first} to {last}: "
        f"{fmt(values[first].value, places)}{suffix} in {first}, "
        f"{fmt(values[last].value, places)}{suffix} in {last}."
    )
    if targets:
        text += f" Targets for {len(targets)} period{'s' if len(targets) != 1 else ''}."
    if england.get(last) is not None:
        text += f" England in {last}: {fmt(england[last], places)}{suffix}."
    return text + " The table beside the chart gives every figure."


def caterpillar_chart(
    *,
    chart_id: str,
    title: str,
    points: Sequence[Point],
    benchmark: float | None,
    benchmark_label: str,
    unit: str = "",
    places: int = 1,
    width: int = 640,
) -> SafeString:
    """Areas' figures in the order given, one row each, with 95% interval bars and a marker
    whose shape says whether the area is significantly better than, similar to or worse than
    the benchmark, drawn as a dashed vertical line."""
    label_w, value_w, top = 190, 70, 28
    legend_h = 4 * 20 + 10
    row_h = 24
    height = top + row_h * max(1, len(points)) + 30 + legend_h
    plot_l, plot_r = label_w, width - value_w
    numbers = [
        n for p in points for n in (p.value, p.lower, p.upper) if n is not None and math.isfinite(n)
    ]
    if benchmark is not None:
        numbers.append(benchmark)
    desc = _caterpillar_description(points, benchmark, benchmark_label, unit, places)
    out = _open(chart_id, width, height, title, desc)
    if not numbers:
        out.append(_text(width / 2, top + 20, "No figures to chart", anchor="middle"))
        out.append("</svg>")
        return mark_safe("".join(out))
    ticks = nice_ticks(min(numbers), max(numbers), 4)
    x0, x1 = ticks[0], ticks[-1]

    def xs(v: float) -> float:
        return plot_l + (v - x0) / (x1 - x0) * (plot_r - plot_l)

    axis_y = top + row_h * max(1, len(points))
    for t in ticks:
        out.append(
            f'<line x1="{xs(t):.1f}" y1="{top - 6}" x2="{xs(t):.1f}" y2="{axis_y}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(xs(t), axis_y + 16, fmt(t, _tick_places(ticks)), anchor="middle"))
    if unit:
        out.append(_text(plot_l, 14, unit, size=12))
    out.append(_text(width - 4, 14, "Value", anchor="end", size=12, font_weight="bold"))
    for i, p in enumerate(points):
        y = top + row_h * i + row_h / 2
        out.append(_text(label_w - 8, y + 4, _shorten(p.label, 26), anchor="end"))
        if p.value is None:
            out.append(_text(width - 4, y + 4, "–", anchor="end"))
            continue
        if p.lower is not None and p.upper is not None:
            out.append(
                f'<path d="M{xs(p.lower):.1f},{y:.1f} H{xs(p.upper):.1f} '
                f"M{xs(p.lower):.1f},{y - 5:.1f} V{y + 5:.1f} "
                f'M{xs(p.upper):.1f},{y - 5:.1f} V{y + 5:.1f}" stroke="{INK}" '
                f'stroke-width="1.5" fill="none"/>'
            )
        shape, colour = SIGNIFICANCE_MARKS.get(p.significance, SIGNIFICANCE_MARKS["not_compared"])
        out.append(_marker(shape, xs(p.value), y, colour, 5.5))
        out.append(_text(width - 4, y + 4, fmt(p.value, places), anchor="end"))
    if benchmark is not None:
        bx = xs(benchmark)
        out.append(
            f'<line x1="{bx:.1f}" y1="{top - 8}" x2="{bx:.1f}" y2="{axis_y}" stroke="{INK}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        out.append(
            _text(
                bx,
                top - 12,
                f"{benchmark_label} {fmt(benchmark, places)}",
                anchor="middle",
                size=12,
                font_weight="bold",
            )
        )
    legend_y = axis_y + 40
    out += _legend(
        [
            (f"Significantly better than {benchmark_label}", GREEN, None, "triangle-up"),
            (f"Similar to {benchmark_label}", GREY, None, "circle"),
            (f"Significantly worse than {benchmark_label}", RED, None, "triangle-down"),
            ("Not compared (no interval)", BLUE, None, "diamond"),
        ],
        plot_l - 20,
        legend_y,
    )
    out.append("</svg>")
    return mark_safe("".join(out))


def _shorten(label: str, n: int) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


def _caterpillar_description(points, benchmark, benchmark_label, unit, places) -> str:
    suffix = f" {unit}" if unit else ""
    counts = {s: sum(1 for p in points if p.significance == s) for s in SIGNIFICANCE_MARKS}
    text = f"{len(points)} area{'s' if len(points) != 1 else ''}"
    if benchmark is not None:
        text += f" against {benchmark_label} ({fmt(benchmark, places)}{suffix})"
    text += (
        f": {counts[rules.WORSE]} significantly worse, {counts[rules.SIMILAR]} similar, "
        f"{counts[rules.BETTER]} significantly better, {counts[rules.NOT_COMPARED]} not compared."
    )
    return text + " The table beside the chart gives every figure."
