"""Scorecards: which indicators and areas a scorecard covers, assessed in one pass
(`accord.scorecards.assess`), shaped for pages, exports, the API and the golden thread.

Each function makes a fixed number of queries however many indicators and areas it covers."""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from accord.areas.models import Area, AreaKind
from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.querysets import today
from accord.indicators.models import Indicator, IndicatorStatus, Provenance
from accord.indicators.selectors import visible_outcomes
from accord.scorecards import rules
from accord.scorecards.assess import LA_KINDS, Assessment, assess
from accord.strategies.models import Commitment, Responsibility, ResponsibilityRole
from accord.strategies.selectors import live_responsibilities

# Areas below an authority that the focus page compares with it.
SUB_AREA_KINDS = (AreaKind.APB_AREA, AreaKind.LAF_AREA, AreaKind.WARD, AreaKind.NEIGHBOURHOOD)

RAG_TAGS = {
    "green": "govuk-tag--green",
    "amber": "govuk-tag--yellow",
    "red": "govuk-tag--red",
    "data_late": "govuk-tag--orange",
    "no_data_due": "govuk-tag--blue",
    "no_target": "govuk-tag--grey",
    "no_data": "govuk-tag--grey",
    "not_judged": "govuk-tag--grey",
}
RAG_ORDER = (
    "red",
    "amber",
    "green",
    "data_late",
    "no_data_due",
    "no_target",
    "not_judged",
    "no_data",
)
FORECAST_TAGS = {
    "on_track": "govuk-tag--green",
    "at_risk": "govuk-tag--yellow",
    "off_track": "govuk-tag--red",
    "no_forecast": "govuk-tag--grey",
}
SIGNIFICANCE_TAGS = {
    "better": "govuk-tag--green",
    "similar": "govuk-tag--grey",
    "worse": "govuk-tag--red",
    "not_compared": "govuk-tag--grey",
}


def reader(user: Any) -> Any:
    """The user a read is for: anonymous (the public) when none is given."""
    return user if user is not None else AnonymousUser()


# An indicator's texts that no scorecard, scorecard export or report shows.
LONG_TEXTS = ("definition", "rationale", "polarity_note", "status_reason")
# Who made or changed a record and when: read only by its history page.
AUDIT = ("created_on", "modified_on", "created_by", "modified_by")


def _indicators(qs: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return qs.order_by("scheme", "code")


def in_use() -> QuerySet[Indicator]:
    return Indicator.objects.live().filter(status=IndicatorStatus.IN_USE)


def fmt(value: float | None, places: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{places}f}"


@dataclass
class Row:
    """One indicator for one area on a scorecard, with the words and tags the page shows."""

    indicator: Indicator
    area: Area
    a: Assessment
    why: list[str] = field(default_factory=list)
    benchmark_area: Area | None = None

    def _fmt(self, value: float | None) -> str:
        return fmt(value, self.indicator.decimal_places)

    @property
    def value(self) -> str:
        return self._fmt(self.a.value)

    @property
    def interval(self) -> str:
        if self.a.ci_lower is None or self.a.ci_upper is None:
            return ""
        return f"{self._fmt(self.a.ci_lower)} to {self._fmt(self.a.ci_upper)}"

    @property
    def target(self) -> str:
        return self._fmt(self.a.target_value)

    @property
    def final_target(self) -> str:
        return self._fmt(self.a.final_target_value)

    @property
    def forecast(self) -> str:
        return self._fmt(self.a.forecast_value)

    @property
    def england(self) -> str:
        return self._fmt(self.a.england_value)

    @property
    def region(self) -> str:
        return self._fmt(self.a.region_value)

    @property
    def comparator(self) -> str:
        return self._fmt(self.a.comparator_value)

    @property
    def benchmark(self) -> str:
        return self._fmt(self.a.benchmark_value)

    @property
    def previous(self) -> str:
        return self._fmt(self.a.previous_value)

    @property
    def year_earlier(self) -> str:
        return self._fmt(self.a.year_earlier_value)

    @property
    def gap_percent(self) -> str:
        if self.a.gap is None:
            return "–"
        return f"{self.a.gap * 100:+.1f}%"

    @property
    def rag_label(self) -> str:
        return rules.RAG_LABELS.get(self.a.rag, self.a.rag)

    @property
    def rag_tag(self) -> str:
        return RAG_TAGS.get(self.a.rag, "govuk-tag--grey")

    @property
    def forecast_label(self) -> str:
        return rules.FORECAST_LABELS.get(self.a.forecast_status, "")

    @property
    def forecast_tag(self) -> str:
        return FORECAST_TAGS.get(self.a.forecast_status, "govuk-tag--grey")

    @property
    def significance_label(self) -> str:
        return rules.SIGNIFICANCE_LABELS.get(self.a.significance, "")

    @property
    def significance_tag(self) -> str:
        return SIGNIFICANCE_TAGS.get(self.a.significance, "govuk-tag--grey")

    def _direction(self, judged: str, earlier: float | None) -> dict[str, str]:
        arrow = ""
        if earlier is not None and self.a.value is not None:
            arrow = "▲" if self.a.value > earlier else "▼" if self.a.value < earlier else "▶"
        moved = (
            "up" if arrow == "▲" else "down" if arrow == "▼" else "level" if arrow == "▶" else ""
        )
        return {
            "value": judged,
            "label": rules.DIRECTION_LABELS.get(judged, judged),
            "arrow": arrow,
            "moved": moved,
        }

    @property
    def direction_previous(self) -> dict[str, str]:
        return self._direction(self.a.direction_previous, self.a.previous_value)

    @property
    def direction_year(self) -> dict[str, str]:
        return self._direction(self.a.direction_year, self.a.year_earlier_value)

    @property
    def is_illustrative(self) -> bool:
        return self.a.target_illustrative or (
            self.a.provenance is not None and self.a.provenance != Provenance.REAL
        )

    @property
    def exceptions(self) -> list[str]:
        """Why this row is an exception: red, data late, off track, worsening."""
        out = []
        if self.a.rag == "red":
            out.append("Red against target")
        if self.a.rag == "data_late":
            out.append("Data late")
        if self.a.forecast_status == "off_track":
            out.append("Off track for the final target")
        if self.a.direction_previous == "worsening":
            out.append("Worsening since the previous period")
        if self.a.direction_year == "worsening":
            out.append("Worse than a year earlier")
        return out


@dataclass
class Scorecard:
    title: str
    as_of: dt.date
    rows: list[Row]
    areas: dict[int, Area]
    subject: Any = None
    area: Area | None = None
    note: str = ""

    @property
    def reporting(self) -> rules.Span:
        return rules.reporting_quarter(self.as_of)

    @property
    def is_today(self) -> bool:
        return self.as_of == today()

    @property
    def counts(self) -> list[dict[str, Any]]:
        tally: dict[str, int] = defaultdict(int)
        for r in self.rows:
            tally[r.a.rag] += 1
        return [
            {"rag": k, "label": rules.RAG_LABELS[k], "tag": RAG_TAGS[k], "count": tally[k]}
            for k in RAG_ORDER
            if tally[k]
        ]

    @property
    def region(self) -> Area | None:
        """The region of the scorecard's area (its parents selected with it)."""
        current, seen = self.area, set()
        while current is not None and current.pk not in seen:
            if current.kind == AreaKind.REGION:
                return current
            seen.add(current.pk)
            current = current.parent
        return None

    @property
    def has_illustrative(self) -> bool:
        return any(r.is_illustrative for r in self.rows)

    @property
    def sources(self) -> list[dict[str, Any]]:
        """The sources of the figures shown, each with the indicators drawn from it."""
        by_source: dict[str, list[str]] = defaultdict(list)
        for r in self.rows:
            if r.a.value is None:
                continue
            by_source[r.indicator.data_source or "Source not recorded"].append(r.indicator.code)
        return [
            {"source": s, "codes": sorted(set(codes))} for s, codes in sorted(by_source.items())
        ]

    @property
    def provenances(self) -> list[str]:
        found = {r.a.provenance for r in self.rows if r.a.provenance}
        return [Provenance(p).label for p in Provenance.values if p in found]


def _rows(
    indicators: list[Indicator],
    areas: list[Area],
    pairs: dict[int, int] | None,
    as_of: dt.date,
    user: Any,
    trend: bool = True,
) -> list[Row]:
    """Assess `indicators` for `areas`; with `pairs`, keep only each indicator's chosen area."""
    by_id = {i.pk: i for i in indicators}
    area_by_id = {a.pk: a for a in areas}
    out = []
    for a in assess(indicators=indicators, areas=areas, as_of=as_of, user=user, trend=trend):
        if pairs is not None and pairs.get(a.indicator_id) != a.area_id:
            continue
        out.append(Row(by_id[a.indicator_id], area_by_id[a.area_id], a))
    return out


def _benchmark_areas(rows: list[Row]) -> dict[int, Area]:
    """The areas rows are compared with (England, or the authority), by id, each row given its
    own (one query)."""
    ids = {r.a.benchmark_area_id for r in rows if r.a.benchmark_area_id}
    found = {a.pk: a for a in Area.objects.filter(pk__in=ids)} if ids else {}
    for r in rows:
        if r.a.benchmark_area_id:
            r.benchmark_area = found.get(r.a.benchmark_area_id)
    return found


def _authority(area: Area) -> Area | None:
    """The area itself or the nearest ancestor at authority level or above (needs the parents
    selected with it)."""
    current: Area | None = area
    seen = set()
    while current is not None and current.pk not in seen:
        if current.kind in LA_KINDS or current.kind in ("region", "country"):
            return current
        seen.add(current.pk)
        current = current.parent
    return None


def _area_for(indicator: Indicator, area: Area) -> Area:
    """The area an indicator is reported for on a scorecard for `area`: the area itself where
    the indicator is published for it, else the authority it lies in (a borough-only
    indicator on an area board's scorecard shows the borough's figure)."""
    if rules.published_for(indicator.geography, area.kind):
        return area
    return _authority(area) or area


def _scorecard(
    title: str,
    indicators: list[Indicator],
    area: Area | None,
    as_of: dt.date | None,
    user: Any,
    subject: Any = None,
    note: str = "",
) -> Scorecard:
    on = as_of or today()
    if area is None:
        return Scorecard(title, on, [], {}, subject, None, note)
    chosen = {i.pk: _area_for(i, area) for i in indicators}
    areas = list({a.pk: a for a in [area, *chosen.values()]}.values())
    pairs = {i: a.pk for i, a in chosen.items()}
    rows = _rows(indicators, areas, pairs, on, user)
    known = _benchmark_areas(rows)
    known.update({a.pk: a for a in areas})
    return Scorecard(title, on, rows, known, subject, area, note)


def _with_parents(qs: QuerySet[Area]) -> QuerySet[Area]:
    return qs.select_related("parent", "parent__parent", "parent__parent__parent")


def home_area(user: Any = None) -> Area | None:
    """The partnership's own area: the footprint of its top body (one query)."""
    body = (
        Body.objects.live()
        .filter(parent__isnull=True, area__isnull=False)
        .select_related("area__parent__parent__parent")
        .order_by("established_on", "pk")
        .first()
    )
    return body.area if body else None


def body_area(body: Body) -> Area | None:
    """A body's footprint, or the nearest body above it with one."""
    current: Body | None = body
    seen = set()
    while current is not None and current.pk not in seen:
        if current.area_id:
            return current.area
        seen.add(current.pk)
        current = current.parent
    return None


def body_with_area(*, pk: int, user: Any) -> Body:
    """A body this user may see, with its footprint and those of the bodies above it (one
    query). Raises Body.DoesNotExist."""
    return (
        visible_bodies(reader(user))
        .select_related(
            "area__parent__parent__parent",
            "parent__area__parent__parent",
            "parent__parent__area__parent",
        )
        .get(pk=pk)
    )


def _subtree(roots: set[int], strategy_ids: set[int]) -> dict[int, int]:
    """Every live commitment at or below `roots`, mapped to the root it descends from (one
    query)."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in (
        Commitment.objects.live()
        .filter(strategy_id__in=strategy_ids)
        .values_list("pk", "parent_id")
        .order_by()
    ):
        if parent_id:
            children[parent_id].append(pk)
    found: dict[int, int] = {}
    for root in roots:
        stack = [root]
        while stack:
            pk = stack.pop()
            if pk in found:
                continue
            found[pk] = root
            stack.extend(children.get(pk, ()))
    return found


def family_ids(body: Body, user: Any) -> list[int]:
    """The body and every body reporting to it, directly or through others, that this user may
    see: a board answers for what its partnerships and groups lead (one query)."""
    children: dict[int, list[int]] = defaultdict(list)
    for pk, parent_id in visible_bodies(reader(user)).values_list("id", "parent_id"):
        if parent_id:
            children[parent_id].append(pk)
    ids, stack = [body.pk], list(children.get(body.pk, []))
    while stack:
        pk = stack.pop()
        if pk not in ids:
            ids.append(pk)
            stack.extend(children.get(pk, []))
    return ids


def served_outcomes(body: Body | list[int], user: Any) -> QuerySet[Commitment]:
    """The live commitments this user may see that a body (or any of the given bodies) leads or
    contributes to, and the outcomes and sub-outcomes beneath them (two levels down), as a
    subquery."""
    ids = body if isinstance(body, list) else [body.pk]
    own = live_responsibilities().filter(body_id__in=ids).values("commitment_id")
    return visible_outcomes(reader(user)).filter(
        Q(pk__in=own) | Q(parent_id__in=own) | Q(parent__parent_id__in=own)
    )


def body_indicators(body: Body, user: Any) -> tuple[list[Indicator], dict[int, list[str]]]:
    """The indicators in use of the outcomes a body or its sub-bodies lead or contribute to (and
    the outcomes beneath them), and those they own, with why each is on its scorecard (two
    queries when there are none, four when there are)."""
    ids = family_ids(body, user)
    served = served_outcomes(ids, user)
    # A subquery rather than a join, so no DISTINCT over every column; the long texts are not
    # shown on a scorecard.
    linked = Indicator.outcomes.through.objects.filter(commitment__in=served).values("indicator_id")
    indicators = list(
        _indicators(
            in_use()
            .filter(Q(owning_body_id__in=ids) | Q(pk__in=linked))
            .select_related("owning_body")
            .defer(
                *LONG_TEXTS,
                *AUDIT,
                *(f"owning_body__{f}" for f in (*AUDIT, "purpose", "terms_of_reference")),
            )
        )
    )
    if not indicators:
        return [], {}
    responsibilities: dict[int, list[Responsibility]] = defaultdict(list)
    for r in live_responsibilities().filter(body_id__in=ids).select_related("commitment", "body"):
        responsibilities[r.commitment_id].append(r)
    links: dict[int, list[Responsibility]] = defaultdict(list)
    for ind_id, *chain in Indicator.outcomes.through.objects.filter(
        indicator_id__in=[i.pk for i in indicators], commitment__in=served
    ).values_list(
        "indicator_id", "commitment_id", "commitment__parent_id", "commitment__parent__parent_id"
    ):
        root = next((responsibilities[c] for c in chain if c in responsibilities), [])
        links[ind_id].extend(root)
    why: dict[int, list[str]] = {}
    for ind in indicators:
        lines = []
        by_commitment: dict[int, list[Responsibility]] = defaultdict(list)
        for r in links.get(ind.pk, []):
            by_commitment[r.commitment_id].append(r)
        for held in sorted(by_commitment.values(), key=lambda rs: rs[0].commitment.position):
            lines.append(_why_line(body, held))
        if ind.owning_body_id == body.pk:
            lines.append("Owns this indicator")
        elif ind.owning_body_id in ids:
            lines.append(f"Owned by {ind.owning_body.name}" if ind.owning_body else "Owned below")
        why[ind.pk] = list(dict.fromkeys(lines))
    return indicators, why


def _why_line(body: Body, held: list[Responsibility]) -> str:
    """One line per commitment: the body's own role, or which bodies below it hold one."""
    commitment = held[0].commitment
    title = f"{commitment.number}. {commitment.title}"
    own = [r for r in held if r.body_id == body.pk]
    if own:
        return f"{'Leads' if own[0].role == ResponsibilityRole.LEAD else 'Contributes to'} {title}"
    held = sorted(held, key=lambda r: (r.role != ResponsibilityRole.LEAD, r.body.name))
    first = held[0]
    role = "Leads" if first.role == ResponsibilityRole.LEAD else "Contributes to"
    if len(held) == 1:
        return f"Through {first.body.name}: {role} {title}"
    others = len(held) - 1
    return (
        f"Through {first.body.name} ({role.lower()}) and {others} other "
        f"{'body' if others == 1 else 'bodies'}: {title}"
    )


def scorecard_for_body(
    body: Body,
    as_of: dt.date | None = None,
    user: Any = None,
    *,
    indicators: tuple[list[Indicator], dict[int, list[str]]] | None = None,
) -> Scorecard:
    """The scorecard of a body: the indicators of the outcomes it leads or contributes to, and
    those it owns, for its footprint (or the authority's where an indicator goes no lower).
    `indicators` passes what `body_indicators` already found."""
    chosen, why = indicators if indicators is not None else body_indicators(body, user)
    area = body_area(body)
    card = _scorecard(
        body.name,
        chosen,
        area,
        as_of,
        user,
        subject=body,
        note="" if area else "This body has no area footprint, so it has no figures to show.",
    )
    for row in card.rows:
        row.why = why.get(row.indicator.pk, [])
    return card


def outcome_area(commitment: Commitment) -> Area | None:
    """The area an outcome's scorecard is for: its strategy's area, the owning body's, or the
    partnership's (needs strategy, its area and owning body's area selected)."""
    strategy = commitment.strategy
    if strategy.area_id:
        return strategy.area
    if strategy.owning_body_id and strategy.owning_body.area_id:  # type: ignore[union-attr]
        return strategy.owning_body.area  # type: ignore[union-attr]
    return home_area()


def commitment_with_area(*, pk: int, user: Any) -> Commitment:
    """A commitment this user may see, with its strategy's area (one query)."""
    return (
        visible_outcomes(reader(user))
        .select_related(
            "strategy",
            "strategy__area__parent__parent",
            "strategy__owning_body__area__parent__parent",
        )
        .get(pk=pk)
    )


def outcome_indicators(commitment: Commitment, under: list[int] | None = None) -> list[Indicator]:
    """The indicators in use that measure a commitment or any outcome beneath it (`under`, the
    ids of the commitment and those beneath it, where known; else one more query)."""
    if under is None:
        under = list(_subtree({commitment.pk}, {commitment.strategy_id}))
    return list(_indicators(in_use().filter(outcomes__in=under).distinct()))


def scorecard_for_outcome(
    commitment: Commitment,
    as_of: dt.date | None = None,
    user: Any = None,
    *,
    indicators: list[Indicator] | None = None,
) -> Scorecard:
    """The scorecard of a commitment or outcome: the indicators measuring it and the outcomes
    beneath it, for the strategy's area. `indicators` passes those already found."""
    return _scorecard(
        f"{commitment.number}. {commitment.title}",
        indicators if indicators is not None else outcome_indicators(commitment),
        outcome_area(commitment),
        as_of,
        user,
        subject=commitment,
    )


def scorecard_for_indicator(
    indicator: Indicator, area: Area, as_of: dt.date | None = None, user: Any = None
) -> Scorecard:
    """One indicator assessed for an area (or its authority where it goes no lower)."""
    return _scorecard(indicator.code, [indicator], area, as_of, user, subject=indicator)


def scorecard_for_area(area: Area, as_of: dt.date | None = None, user: Any = None) -> Scorecard:
    """The scorecard of an area: every indicator in use that is published for it."""
    indicators = [i for i in _indicators(in_use()) if rules.published_for(i.geography, area.kind)]
    on = as_of or today()
    rows = _rows(indicators, [area], None, on, user)
    known = _benchmark_areas(rows)
    known[area.pk] = area
    return Scorecard(area.name, on, rows, known, area, area)


def partnership_areas(user: Any) -> list[Area]:
    """The partnership's area and the footprints of its bodies (one query)."""
    return list(
        Area.objects.live()
        .filter(bodies__in=visible_bodies(reader(user)).live())
        .select_related("parent", "parent__parent")
        .distinct()
        .order_by("kind", "name")
    )


def exceptions(
    as_of: dt.date | None = None, user: Any = None, body: Body | None = None
) -> Scorecard:
    """The exception report: every indicator in use, for the partnership's areas (or one body's
    scorecard), that is red, late, off track for its final target or worsening; the most
    exceptional first."""
    if body is not None:
        card = scorecard_for_body(body, as_of, user)
        card.title = f"Exceptions: {body.name}"
    else:
        on = as_of or today()
        areas = partnership_areas(user)
        indicators = list(_indicators(in_use()))
        rows = _rows(indicators, areas, None, on, user)
        known = _benchmark_areas(rows)
        known.update({a.pk: a for a in areas})
        card = Scorecard("Exceptions", on, rows, known)
    card.rows = sorted(
        (r for r in card.rows if r.exceptions),
        key=lambda r: (-len(r.exceptions), r.indicator.code, r.area.name),
    )
    return card


# --- Focus ------------------------------------------------------------------------------------


# On the focus page each indicator shows this many of its worst areas; its own page shows all.
FOCUS_SHOWN = 5


@dataclass
class FocusIndicator:
    indicator: Indicator
    borough: Row | None
    rows: list[Row]

    @property
    def worse(self) -> list[Row]:
        return [r for r in self.rows if r.a.significance == rules.WORSE]

    @property
    def period_code(self) -> str | None:
        return self.borough.a.period_code if self.borough else None

    @property
    def furthest(self) -> list[Row]:
        """The areas significantly worse, furthest from the benchmark first, at most five."""
        return sorted(self.worse, key=lambda r: -(r.a.gap or 0.0))[:FOCUS_SHOWN]


@dataclass
class FocusArea:
    area: Area
    significantly_worse: list[Row]
    worse_unjudged: list[Row]
    rows: list[Row]

    @property
    def mean_gap(self) -> float | None:
        gaps = [r.a.gap for r in self.rows if r.a.gap is not None]
        return statistics.fmean(gaps) if gaps else None

    @property
    def mean_gap_percent(self) -> str:
        gap = self.mean_gap
        return "–" if gap is None else f"{gap * 100:+.1f}%"

    @property
    def furthest(self) -> Row | None:
        worse = [r for r in self.rows if r.a.gap is not None and r.a.gap > 0]
        return max(worse, key=lambda r: r.a.gap or 0) if worse else None

    @property
    def worse_shown(self) -> list[Row]:
        return self.significantly_worse[:FOCUS_SHOWN]

    @property
    def worse_more(self) -> int:
        return max(0, len(self.significantly_worse) - FOCUS_SHOWN)

    @property
    def unjudged_shown(self) -> list[Row]:
        return self.worse_unjudged[:FOCUS_SHOWN]

    @property
    def unjudged_more(self) -> int:
        return max(0, len(self.worse_unjudged) - FOCUS_SHOWN)


@dataclass
class Focus:
    area: Area | None
    as_of: dt.date
    indicators: list[FocusIndicator]
    areas: list[FocusArea]
    sources: list[dict[str, Any]] = field(default_factory=list)
    has_illustrative: bool = False


def focus(
    as_of: dt.date | None = None,
    user: Any = None,
    area: Area | None = None,
    indicator: Indicator | None = None,
    trend: bool = True,
) -> Focus:
    """Where below the borough to concentrate: for every indicator in use with figures for
    areas within the borough, each such area against the borough for the same period, and the
    areas ranked by how many indicators are significantly worse there, then by how far they
    are from the borough on average (gap as a share of the borough's figure, worse positive).
    Without `trend`, earlier figures are not read for direction of travel or forecasts (the
    page shows neither)."""
    on = as_of or today()
    area = area or home_area(user)
    if area is None:
        return Focus(None, on, [], [])
    subs = list(
        Area.objects.live()
        .filter(parent=area, kind__in=SUB_AREA_KINDS)
        .select_related("parent")
        .order_by("name")
    )
    candidates = in_use().exclude(geography="borough")
    if indicator is not None:
        candidates = candidates.filter(pk=indicator.pk)
    indicators = [i for i in _indicators(candidates) if i.polarity != "none"]
    rows = _rows(indicators, [area, *subs], None, on, user, trend=trend)
    by_indicator: dict[int, list[Row]] = defaultdict(list)
    borough: dict[int, Row] = {}
    for r in rows:
        if r.area.pk == area.pk:
            borough[r.indicator.pk] = r
        elif r.a.value is not None and r.a.benchmark_area_id == area.pk:
            by_indicator[r.indicator.pk].append(r)
    items = []
    for ind in indicators:
        sub_rows = by_indicator.get(ind.pk)
        if not sub_rows:
            continue
        best_first = ind.polarity == rules.LOWER
        sub_rows.sort(key=lambda r: (r.a.value or 0.0) if best_first else -(r.a.value or 0.0))
        items.append(FocusIndicator(ind, borough.get(ind.pk), sub_rows))
    per_area: dict[int, list[Row]] = defaultdict(list)
    for item in items:
        for r in item.rows:
            per_area[r.area.pk].append(r)
    ranked = [
        FocusArea(
            a,
            [r for r in per_area[a.pk] if r.a.significance == rules.WORSE],
            [
                r
                for r in per_area[a.pk]
                if r.a.significance == rules.NOT_COMPARED and (r.a.gap or 0) > 0
            ],
            per_area[a.pk],
        )
        for a in subs
        if per_area.get(a.pk)
    ]
    ranked.sort(
        key=lambda f: (
            -len(f.significantly_worse),
            -(f.mean_gap if f.mean_gap is not None else float("-inf")),
            f.area.name,
        )
    )
    shown = [r for item in items for r in item.rows] + [
        item.borough for item in items if item.borough
    ]
    card = Scorecard("Focus", on, shown, {})
    return Focus(area, on, items, ranked, card.sources, card.has_illustrative)
