"""`{% load scorecards %}{% indicator_performance indicator %}`: an indicator's performance for
the partnership's area — its trend against target and England with the figures in a table, the
latest assessment, and the areas against their benchmark for the latest period — on any page.

A fixed number of queries (about a dozen), however long the series or many the areas."""

from typing import Any

from django import template
from django.db.models import Q

from accord.areas.models import Area, AreaGroup, AreaGroupKind
from accord.indicators.models import Indicator, Provenance
from accord.scorecards import charts, rules, selectors
from accord.scorecards.assess import ENGLAND_CODE, visible
from accord.targets.models import Target

register = template.Library()

SUB_AREAS = selectors.SUB_AREA_KINDS


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


def _fmt(value: float | None, places: int) -> str:
    return selectors.fmt(value, places)


def _areas_chart(
    indicator: Indicator,
    rows: list[tuple[Area, float, float | None, float | None]],
    benchmark: float | None,
    benchmark_label: str,
    period: str,
    chart_id: str,
) -> dict[str, Any]:
    places = indicator.decimal_places
    best_first = indicator.polarity == rules.LOWER
    rows = sorted(rows, key=lambda r: r[1] if best_first else -r[1])
    points = [
        charts.Point(
            area.name,
            value,
            lower,
            upper,
            rules.significance(value, lower, upper, benchmark, indicator.polarity),
        )
        for area, value, lower, upper in rows
    ]
    return {
        "chart": charts.caterpillar_chart(
            chart_id=chart_id,
            title=f"{indicator.code}: areas against {benchmark_label}, {period}",
            points=points,
            benchmark=benchmark,
            benchmark_label=benchmark_label,
            unit=indicator.unit,
            places=places,
        ),
        "benchmark_label": benchmark_label,
        "benchmark": _fmt(benchmark, places),
        "period": period,
        "rows": [
            {
                "name": p.label,
                "value": _fmt(p.value, places),
                "interval": (
                    f"{_fmt(p.lower, places)} to {_fmt(p.upper, places)}"
                    if p.lower is not None and p.upper is not None
                    else "–"
                ),
                "significance": rules.SIGNIFICANCE_LABELS[p.significance],
                "tag": selectors.SIGNIFICANCE_TAGS[p.significance],
            }
            for p in points
        ],
    }


@register.inclusion_tag("scorecards/_indicator_performance.html", takes_context=True)
def indicator_performance(context: template.Context, indicator: Indicator) -> dict[str, Any]:
    user = _user(context)
    home = selectors.home_area(user)
    out: dict[str, Any] = {"indicator": indicator, "home": home, "request": context.get("request")}
    if home is None:
        return out
    places = indicator.decimal_places
    figures = list(
        visible(user)
        .filter(indicator=indicator, area=home, breakdown="")
        .select_related("period")
        .order_by("period__end", "period__start")
    )
    england: dict[int, float] = {}
    for period_id, value in (
        visible(user)
        .filter(indicator=indicator, area__gss_code=ENGLAND_CODE, breakdown="")
        .order_by()
        .values_list("period_id", "value")
    ):
        if value is not None:
            england[period_id] = value
    targets = list(
        Target.objects.live()
        .filter(indicator=indicator)
        .filter(Q(area=home) | Q(area_group__members=home))
        .select_related("period")
        .order_by("period__end", "-area_id")
        .distinct()
    )
    by_period: dict[str, Target] = {}
    for t in targets:
        by_period.setdefault(t.period.code, t)
    periods = {f.period.code: f.period for f in figures}
    for t in by_period.values():
        periods.setdefault(t.period.code, t.period)
    ordered = sorted(periods.values(), key=lambda p: (p.end, p.start))
    figure_by_period = {f.period.code: f for f in figures}
    table: list[dict[str, Any]] = []
    for p in ordered:
        f = figure_by_period.get(p.code)
        t = by_period.get(p.code)
        table.append(
            {
                "period": p.code,
                "figure": f,
                "value": _fmt(f.value, places) if f else "",
                "interval": (
                    f"{_fmt(f.ci_lower, places)} to {_fmt(f.ci_upper, places)}"
                    if f and f.ci_lower is not None and f.ci_upper is not None
                    else ""
                ),
                "target": t,
                "target_value": _fmt(t.value, places) if t else "",
                "england": _fmt(england.get(p.pk), places) if p.pk in england else "",
            }
        )
    values = {
        f.period.code: charts.Point(f.period.code, f.value, f.ci_lower, f.ci_upper)
        for f in figures
        if f.value is not None
    }
    out["trend"] = charts.trend_chart(
        chart_id=f"trend-{indicator.pk}",
        title=f"{indicator.code} {indicator.display_title}: {home.name} over time",
        periods=[p.code for p in ordered],
        values=values,
        targets={code: t.value for code, t in by_period.items()},
        england={p.code: england[p.pk] for p in ordered if p.pk in england},
        unit=indicator.unit,
        places=places,
    )
    out["table"] = table
    out["has_illustrative"] = any(
        (r["figure"] and r["figure"].provenance != Provenance.REAL)
        or (r["target"] and r["target"].is_illustrative)
        for r in table
    )
    card = selectors.scorecard_for_indicator(indicator, home, None, user)
    out["row"] = card.rows[0] if card.rows else None
    out["card"] = card

    latest = next((f for f in reversed(figures) if f.value is not None), None)
    if latest is not None:
        out["area_charts"] = _latest_areas(indicator, home, latest, england, user)
    return out


def _latest_areas(
    indicator: Indicator, home: Area, latest: Any, england: dict[int, float], user: Any
) -> list[dict[str, Any]]:
    """The areas within the borough against it, and the borough's similar areas against
    England, for the latest period (two queries)."""
    group_members = AreaGroup.members.through.objects.filter(
        areagroup__kind=AreaGroupKind.COMPARATOR,
        areagroup__anchor=home,
        areagroup__archived_on__isnull=True,
    ).values("area_id")
    rows = list(
        visible(user)
        .filter(indicator=indicator, period_id=latest.period_id, breakdown="")
        .exclude(value__isnull=True)
        .filter(
            Q(area__parent=home, area__kind__in=SUB_AREAS)
            | Q(area_id__in=group_members)
            | Q(area=home)
        )
        .select_related("area")
        .order_by()
    )
    out = []
    within = [o for o in rows if o.area.parent_id == home.pk and o.area.kind in SUB_AREAS]
    subs = [(o.area, o.value, o.ci_lower, o.ci_upper) for o in within if o.value is not None]
    if subs:
        out.append(
            _areas_chart(
                indicator,
                subs,
                latest.value,
                home.name,
                latest.period.code,
                f"areas-{indicator.pk}",
            )
        )
    similar = [
        (o.area, o.value, o.ci_lower, o.ci_upper)
        for o in rows
        if o not in within and o.value is not None
    ]
    if len(similar) > 1 and latest.period_id in england:
        out.append(
            _areas_chart(
                indicator,
                similar,
                england[latest.period_id],
                "England",
                latest.period.code,
                f"similar-{indicator.pk}",
            )
        )
    return out


@register.simple_tag(takes_context=True)
def scorecard_rows(context: template.Context, card: Any) -> str:
    """The rows of a scorecard's table (see `accord.scorecards.rendering`)."""
    from accord.scorecards.rendering import scorecard_rows as render_rows

    return render_rows(
        card.rows,
        card_area_pk=card.area.pk if card.area else None,
        show_area=bool(context.get("show_area")),
        show_why=bool(context.get("show_why")),
        show_exceptions=bool(context.get("show_exceptions")),
    )
