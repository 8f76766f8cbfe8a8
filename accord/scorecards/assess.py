"""The assessment behind every scorecard: for each indicator and area, the latest figure, its
target and RAG, direction of travel, forecast to the final target, and how it compares with
England, the region, similar areas and all areas of its kind.

`assess()` makes a fixed number of queries, whatever the number of indicators and areas (twelve
at most, including one to read the indicators when given ids), and does its arithmetic
in plain loops over tuples, so that the same code serves one partnership's scorecard and all
350 authorities × 200 indicators of the benchmark.

The rules, in order (each is a named function in `accord.scorecards.rules`):

- Figures: the current, visible figures for the whole population (no breakdown) with a value,
  for periods ended by the `as_of` day (default today). Anonymous readers see final figures
  only. The latest figure is the one whose period ends last (then the shortest period).
- RAG, the first that applies: `no_data` (no figure), `data_late` (the next figure was due and
  has not come: `rules.data_late`), `no_data_due` (none falls due in the financial quarter being
  reported, the latest ended by `as_of`: `rules.data_due`), `not_judged` (the indicator has no
  polarity), `no_target` (no live target whose period is the figure's, or else contains the end
  of the figure's period — a target for the area itself before one for a group it belongs to),
  then green, amber or red by `rules.rag` with the indicator's tolerance.
- Direction of travel against the previous period and the same period a year earlier
  (`accord.indicators.periods.previous_period` / `year_earlier`), by
  `rules.direction_of_travel`.
- Forecast: a least-squares line through the last `indicator.forecast_points` figures (x = the
  end of each figure's period), projected to the end of the final target's period (the live
  target ending last, if it ends after the latest figure), kept within the indicator's minimum
  and maximum; its status by `rules.forecast_status`.
- Benchmarks for the same period: England (GSS code E92000001), the area's region (the nearest
  ancestor of kind region), the median of the area's comparator group (AreaGroup of kind
  comparator anchored on the area, the area itself left out). Significance (`rules.significance`)
  is against England for authorities and larger areas, and against the authority (e.g. the
  borough) for areas within one. Quartile (`rules.quartile`) is among all areas of the same
  level with a figure for the same period (local authorities of every tier together)."""

import datetime as dt
import statistics
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.contrib.auth.models import AnonymousUser
from django.db.models import BooleanField, Expression, F, QuerySet, Window
from django.db.models.functions import RowNumber

from accord.areas.models import Area, AreaGroup, AreaGroupKind
from accord.common.collector import collector_paused
from accord.common.querysets import today
from accord.indicators.models import Indicator, Period
from accord.indicators.periods import PeriodSpec, previous_period, year_earlier
from accord.observations.models import Observation
from accord.observations.selectors import signed_in, visible_observations
from accord.observations.versions import figures_version
from accord.scorecards import columns, rules
from accord.targets.models import Target

ENGLAND_CODE = "E92000001"
LA_KINDS = frozenset({"county", "borough", "district"})
ABOVE_LA_KINDS = frozenset({"country", "region"})

RAG_VALUES = (
    "green",
    "amber",
    "red",
    "no_target",
    "no_data_due",
    "data_late",
    "no_data",
    "not_judged",
)
DIRECTION_VALUES = ("improving", "worsening", "no_change", "not_comparable")
FORECAST_VALUES = ("on_track", "at_risk", "off_track", "no_forecast")
SIGNIFICANCE_VALUES = ("better", "similar", "worse", "not_compared")

# The rows the benchmark compares with its pandas and DuckDB implementations.
ROW_FIELDS = (
    "indicator_id",
    "area_id",
    "period_code",
    "value",
    "target_value",
    "rag",
    "direction_previous",
    "direction_year",
    "england_value",
    "significance",
    "quartile",
)


# A named tuple, not a dataclass: the column-wise assessment makes all of a large assessment's
# rows in C (tuple.__new__); a dataclass's __init__ took a third of its time.
class Assessment(NamedTuple):
    indicator_id: int
    area_id: int
    period_code: str | None
    value: float | None
    ci_lower: float | None
    ci_upper: float | None
    provenance: str | None
    target_value: float | None
    target_period_code: str | None
    target_illustrative: bool
    rag: str
    direction_previous: str
    direction_year: str
    forecast_value: float | None
    forecast_method: str
    forecast_status: str
    england_value: float | None
    region_value: float | None
    comparator_value: float | None
    significance: str
    quartile: int | None
    # Beyond the shared contract: what pages and exports also show.
    status: str | None = None
    period_end: dt.date | None = None
    previous_value: float | None = None
    year_earlier_value: float | None = None
    final_target_value: float | None = None
    final_target_period_code: str | None = None
    benchmark_area_id: int | None = None
    benchmark_value: float | None = None
    comparator_count: int = 0
    gap: float | None = None

    def row(self) -> tuple:
        return tuple(getattr(self, name) for name in ROW_FIELDS)


ASSESSMENT_FIELDS = Assessment._fields

IND_FIELDS = (
    "id",
    "polarity",
    "frequency",
    "period_kind",
    "tolerance_kind",
    "tolerance",
    "forecast_points",
    "geography",
    "minimum",
    "maximum",
)


@dataclass(frozen=True, slots=True)
class _Ind:
    id: int
    polarity: str
    frequency: str
    period_kind: str
    tolerance_kind: str
    tolerance: float
    forecast_points: int
    geography: str
    minimum: float | None
    maximum: float | None


class _Ids(Expression):
    """A condition on integer ids only, written into the SQL as literals: a scorecard asks for
    thousands of ids, and passing each as a parameter cost more in the ORM and the driver
    than the database took to answer. Every id goes through int(), so no text reaches the
    SQL; column names are quoted by the connection."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, table: str, terms: list[list[tuple[str, Iterable[int]]]]) -> None:
        super().__init__()
        self.table = table
        self.terms = terms  # OR of ANDs of (column, ids)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[str | int, ...]]:
        q = connection.ops.quote_name
        ors = []
        for term in self.terms:
            ands = []
            for column, ids in term:
                values = sorted({int(i) for i in ids})
                if not values:
                    ands = ["1 = 0"]
                    break
                listed = ", ".join(map(str, values))
                ands.append(f"{q(self.table)}.{q(column)} IN ({listed})")
            ors.append("(" + " AND ".join(ands) + ")")
        return ("(" + " OR ".join(ors) + ")" if ors else "(1 = 0)"), ()


def ids_in(model: Any, **columns: Iterable[int]) -> _Ids:
    """`model`'s rows whose columns hold one of the given ids (all columns must match)."""
    return _Ids(model._meta.db_table, [list(columns.items())])


def visible(user: Any) -> QuerySet[Observation]:
    """The figures this user may read: current ones; final only for the public (and when no
    user is given)."""
    return visible_observations(user if user is not None else AnonymousUser())


def _indicators(indicators: Any) -> list[_Ind]:
    if isinstance(indicators, QuerySet):
        return [_Ind(*row) for row in indicators.values_list(*IND_FIELDS)]
    rows, ids = [], []
    for item in indicators:
        if isinstance(item, Indicator):
            rows.append(_Ind(*(getattr(item, f) for f in IND_FIELDS)))
        else:
            ids.append(int(item))
    if ids:
        rows += [
            _Ind(*row) for row in Indicator.objects.filter(pk__in=ids).values_list(*IND_FIELDS)
        ]
    return list({r.id: r for r in rows}.values())


def _ids(items: Iterable[Any]) -> list[int]:
    if isinstance(items, QuerySet):
        return list(items.values_list("pk", flat=True))
    return list(dict.fromkeys(getattr(item, "pk", item) for item in items))


class _Areas:
    """Every area's parent, kind and code (one query), for walking up to the region, England
    and the authority an area lies within."""

    def __init__(self) -> None:
        self.parent: dict[int, int | None] = {}
        self.kind: dict[int, str] = {}
        self.england: int | None = None
        self._region: dict[int, int | None] = {}
        self._benchmark: dict[int, int | None] = {}
        countries: list[int] = []
        for pk, parent_id, kind, code in Area.objects.values_list(
            "id", "parent_id", "kind", "gss_code"
        ):
            self.parent[pk] = parent_id
            self.kind[pk] = kind
            if code == ENGLAND_CODE:
                self.england = pk
            elif kind == "country":
                countries.append(pk)
        if self.england is None and len(countries) == 1:
            self.england = countries[0]

    def ancestors(self, pk: int) -> Iterable[int]:
        seen = {pk}
        current = self.parent.get(pk)
        while current is not None and current not in seen:
            seen.add(current)
            yield current
            current = self.parent.get(current)

    def region(self, pk: int) -> int | None:
        found = self._region.get(pk, -1)
        if found == -1:
            found = next((a for a in self.ancestors(pk) if self.kind.get(a) == "region"), None)
            self._region[pk] = found
        return found

    def authority(self, pk: int) -> int | None:
        """The local authority an area below authority level lies within."""
        return next((a for a in self.ancestors(pk) if self.kind.get(a) in LA_KINDS), None)

    def peer_class(self, pk: int) -> str:
        kind = self.kind.get(pk, "")
        return "authority" if kind in LA_KINDS else kind

    def benchmark(self, pk: int) -> int | None:
        """England for authorities and larger areas; the authority for areas within one."""
        found = self._benchmark.get(pk, -1)
        if found == -1:
            kind = self.kind.get(pk, "")
            if kind in LA_KINDS or kind in ABOVE_LA_KINDS:
                found = self.england if self.england != pk else None
            else:
                found = self.authority(pk) or self.england
            self._benchmark[pk] = found
        return found


def _comparators(area_ids: list[int]) -> dict[int, list[int]]:
    """Each area's comparator group members, the area itself left out (one query; the first
    group by name where an area anchors several)."""
    groups: dict[int, tuple[int, list[int]]] = {}
    rows = (
        AreaGroup.objects.live()
        .filter(kind=AreaGroupKind.COMPARATOR, anchor_id__in=area_ids)
        .order_by("name", "pk")
        .values_list("pk", "anchor_id", "members__id")
    )
    for group_id, anchor_id, member_id in rows:
        chosen = groups.setdefault(anchor_id, (group_id, []))
        if chosen[0] == group_id and member_id is not None and member_id != anchor_id:
            chosen[1].append(member_id)
    return {anchor: members for anchor, (_, members) in groups.items()}


# Up to this many areas, the recent figures are read in one query rather than one per period.
FEW_AREAS = 20

# A figure as fetched: indicator, area, period, value, lower, upper, provenance, status.
_OBS = (*columns.FIGURE_COLUMNS, "provenance", "status")


def _base(user: Any) -> QuerySet[Observation]:
    """Figures for the whole population with a value; callers keep to periods ended by the
    as-of day. order_by() drops the model's ordering, which would join and sort every row."""
    return visible(user).filter(breakdown="", value__isnull=False).order_by()


@dataclass(frozen=True, slots=True)
class _Period:
    id: int
    code: str
    kind: str
    start: dt.date
    end: dt.date


class _Periods:
    """Every period ended by the as-of day, with each one's previous period and the same period
    a year earlier; and every period's code and span, for targets (one query)."""

    def __init__(self, as_of: dt.date) -> None:
        self.as_of = as_of
        self._recent: dict[str, frozenset[int]] = {}
        self.by_id: dict[int, _Period] = {}
        self.by_code: dict[str, _Period] = {}
        # Every period, ended or not: (code, start, end), as targets name them.
        self.spans: dict[int, tuple[str, dt.date, dt.date]] = {}
        for row in Period.objects.values_list("id", "code", "kind", "start", "end"):
            p = _Period(*row)
            self.spans[p.id] = (p.code, p.start, p.end)
            if p.end <= as_of:
                self.by_id[p.id] = p
                self.by_code[p.code] = p
        # Later figures rank higher: ending later, or ending together and shorter.
        # Periods with the same dates (a calendar and a financial quarter) rank by id, here,
        # in the window below and in the column-wise copy alike.
        ordered = sorted(self.by_id.values(), key=lambda p: (p.end, p.start, p.id))
        self.rank = {p.id: i for i, p in enumerate(ordered)}
        self.ordinal = {p.id: p.end.toordinal() for p in ordered}
        self._back: dict[int, tuple[int | None, int | None]] = {}
        self._chain: dict[tuple[int, int], list[int]] = {}

    def since(self, day: dt.date) -> list[int]:
        return [p.id for p in self.by_id.values() if p.end >= day]

    def recent(self, frequency: str) -> frozenset[int]:
        """The periods recent enough for a figure of this frequency not to be late: every
        figure of these is read for the latest (none for ad hoc surveys, which may be any
        age)."""
        found = self._recent.get(frequency)
        if found is None:
            months = rules.EXPECTED_WITHIN_MONTHS.get(frequency)
            found = frozenset(
                self.since(rules.add_months(self.as_of, -months)) if months is not None else ()
            )
            self._recent[frequency] = found
        return found

    def back(self, period_id: int) -> tuple[int | None, int | None]:
        """The ids of the previous period and the same period a year earlier, where stored."""
        found = self._back.get(period_id)
        if found is None:
            p = self.by_id[period_id]
            spec = PeriodSpec(p.code, p.kind, p.start, p.end)
            try:
                codes = (previous_period(spec).code, year_earlier(spec).code)
            except ValueError:
                codes = ("", "")
            prev, year = (self.by_code.get(c) for c in codes)
            found = (prev.id if prev else None, year.id if year else None)
            self._back[period_id] = found
        return found

    def chain(self, period_id: int, n: int) -> list[int]:
        """This period and up to n - 1 periods before it, one after another, latest first."""
        found = self._chain.get((period_id, n))
        if found is None:
            found = [period_id]
            while len(found) < n:
                prev = self.back(found[-1])[0]
                if prev is None:
                    break
                found.append(prev)
            self._chain[(period_id, n)] = found
        return found


def _latest(
    user: Any,
    inds: list["_Ind"],
    area_ids: list[int],
    as_of: dt.date,
    periods: _Periods,
    figures: dict[tuple[int, int, int], tuple],
    kinds: dict[int, str],
) -> tuple[dict[tuple[int, int], int], dict[str, frozenset[int]]]:
    """The period of each indicator and area's latest figure, filling `figures` (keyed by
    indicator, area and period) with the rows read; and, for each frequency, the periods whose
    figures it read whole for the indicators of that frequency, which need not be read again.

    One query for the figures recent enough not to be late (one branch per recent period, with
    the indicators for which that period is recent), then, only for what it did not find,
    one query taking the latest of each series with a window function."""
    by_frequency: dict[str, list[int]] = defaultdict(list)
    for ind in inds:
        by_frequency[ind.frequency].append(ind.id)
    # Each recent period with the indicators for which it is recent enough.
    recent_figures: list[tuple[int, int | None, int]] = []
    read_whole: dict[str, frozenset[int]] = {}
    for frequency, ids in by_frequency.items():
        recent = periods.recent(frequency)  # none for ad hoc surveys: read by the window below
        recent_figures += [(i, None, p) for i in ids for p in recent]
        read_whole[frequency] = recent
    latest: dict[tuple[int, int], int] = {}

    rank = periods.rank

    def take(rows: Iterable[tuple]) -> None:
        for row in rows:
            ind, area, period = row[0], row[1], row[2]
            figures[(ind, area, period)] = row[3:]
            pair = (ind, area)
            known = latest.get(pair)
            if known is None or rank[period] > rank[known]:
                latest[pair] = period

    if recent_figures and len(area_ids) <= FEW_AREAS:
        # A scorecard's few areas: one read through the (area, indicator, period) index costs
        # less than building a branch per period. It reads every recent period of any
        # frequency for every indicator it reads.
        every = frozenset().union(*read_whole.values())
        read_whole = {f: every if recent else recent for f, recent in read_whole.items()}
        take(
            _base(user)
            .filter(
                ids_in(
                    Observation,
                    indicator_id={f[0] for f in recent_figures},
                    area_id=area_ids,
                    period_id={f[2] for f in recent_figures},
                )
            )
            .values_list(*_OBS)
        )
    elif recent_figures:
        take(_by_period(user, _OBS, recent_figures, area_ids))
    missing = [
        (i.id, a)
        for i in inds
        for a in area_ids
        if (i.id, a) not in latest and rules.published_for(i.geography, kinds[a])
    ]
    if missing:
        rows = (
            _base(user)
            .filter(_pairs(missing), period__end__lte=as_of)
            .annotate(
                rn=Window(
                    RowNumber(),
                    partition_by=[F("indicator_id"), F("area_id")],
                    order_by=[
                        F("period__end").desc(),
                        F("period__start").desc(),
                        F("period_id").desc(),
                    ],
                )
            )
            .filter(rn=1)
            .values_list(*_OBS)
        )
        take(r for r in rows if (r[0], r[1]) not in latest)
    return latest, read_whole


def _by_period(
    user: Any,
    columns: tuple[str, ...],
    wanted: Iterable[tuple[int, int | None, int]],
    areas: Iterable[int] = (),
) -> QuerySet[Observation, tuple[Any, ...]]:
    """These (indicator, area, period) figures' columns, read one period at a time (UNION ALL),
    so that each branch reads only its own indicators and areas through an index: as one OR,
    SQLite scanned the whole table and PostgreSQL every figure of the areas. With `areas`,
    each period's branch also takes those areas (the area in `wanted` may then be None)."""
    per_period: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set(areas)))
    for ind, area, period in wanted:
        inds, in_areas = per_period[period]
        inds.add(ind)
        if area is not None:
            in_areas.add(area)
    return _per_period(user, columns, per_period)


def _per_period(
    user: Any, columns: tuple[str, ...], per_period: dict[int, tuple[set[int], set[int]]]
) -> QuerySet[Observation, tuple[Any, ...]]:
    """Each period's figures for its (indicators, areas), one UNION ALL branch a period."""
    branches = [
        _base(user)
        .filter(ids_in(Observation, period_id=[period], indicator_id=inds, area_id=in_areas))
        .values_list(*columns)
        for period, (inds, in_areas) in sorted(per_period.items())
    ]
    if len(branches) == 1:
        return branches[0]
    return branches[0].union(*branches[1:], all=True)


def _pairs(missing: list[tuple[int, int]]) -> _Ids:
    """A filter for exactly these (indicator, area) series: indicators missing the same areas
    share one clause. A few late series must not make the window read the whole table; when
    the clauses would carry too many parameters, it reads every missing indicator × area."""
    per_indicator: dict[int, set[int]] = defaultdict(set)
    for ind, area in missing:
        per_indicator[ind].add(area)
    shared: dict[frozenset[int], list[int]] = defaultdict(list)
    for ind, areas in per_indicator.items():
        shared[frozenset(areas)].append(ind)
    if sum(len(a) + len(i) for a, i in shared.items()) > 20000:
        return ids_in(Observation, indicator_id=per_indicator, area_id={a for _, a in missing})
    return _Ids(
        Observation._meta.db_table,
        [[("indicator_id", inds), ("area_id", area_set)] for area_set, inds in shared.items()],
    )


# Every area's figures for an indicator and period, sorted, by the level of area and whether
# the reader sees provisional figures: kept in this process until the figures change, so that
# a scorecard does not read all 350 authorities' figures again on every view.
_PEERS: dict[tuple[bool, int, int, str], list[float]] = {}
_PEERS_VERSION: list[Any] = [None]
PEERS_KEPT = 50_000


def forget_kept_figures() -> None:
    """Drop what this process keeps from the figures (it is read again when next needed)."""
    _PEERS.clear()
    _PEERS_VERSION[0] = None
    columns.forget_copy()


def _peers(
    user: Any, latest: dict[tuple[int, int], int], tree: _Areas
) -> dict[tuple[int, int, str], list[float]]:
    """The sorted figures of all areas of each assessed area's level for the periods of the
    latest figures, for quartiles (one query for the version, one for what is not kept)."""
    signed = signed_in(user if user is not None else AnonymousUser())
    version = figures_version()
    if _PEERS_VERSION[0] != version or len(_PEERS) > PEERS_KEPT:
        _PEERS.clear()
        _PEERS_VERSION[0] = version
    needed = {(ind_id, period, tree.peer_class(area)) for (ind_id, area), period in latest.items()}
    # Each kept list read once into our own answer: another thread may clear what is kept.
    out: dict[tuple[int, int, str], list[float]] = {}
    for k in needed:
        kept = _PEERS.get((signed, *k))
        if kept is not None:
            out[k] = kept
    missing = needed - out.keys()
    if missing:
        classes = {k[2] for k in missing}
        peer_ids = [a for a in tree.kind if tree.peer_class(a) in classes]
        found: dict[tuple[int, int, str], list[float]] = {k: [] for k in missing}
        rows = _by_period(
            user,
            ("indicator_id", "period_id", "area_id", "value"),
            {(k[0], None, k[1]) for k in missing},
            peer_ids,
        )
        for ind_id, period, area, value in rows:
            vals = found.get((ind_id, period, tree.peer_class(area)))
            if vals is not None and value is not None:
                vals.append(value)
        for key, vals in found.items():
            vals.sort()
            _PEERS[(signed, *key)] = out[key] = vals
    return out


def live_targets(
    ind_ids: list[int],
    area_ids: list[int],
    spans: dict[int, tuple[str, dt.date, dt.date]] | None = None,
) -> dict[tuple[int, int], list[tuple]]:
    """Live targets for each indicator and area, the area's own before its groups' (two
    queries, and one for the periods unless `spans` gives each period's code, start and end).
    Each: period code, start, end, value, provenance, is the area's own."""
    if spans is None:
        spans = {
            pk: (code, start, end)
            for pk, code, start, end in Period.objects.values_list("id", "code", "start", "end")
        }
    memberships: dict[int, list[int]] = defaultdict(list)
    for group_id, area_id in AreaGroup.members.through.objects.filter(
        area_id__in=area_ids, areagroup__archived_on__isnull=True
    ).values_list("areagroup_id", "area_id"):
        memberships[group_id].append(area_id)
    # The period by its id, not its joined code and dates: parsing two dates on each of
    # a hundred thousand targets took longer than the query.
    columns = ("indicator_id", "area_id", "area_group_id", "period_id", "value", "provenance")
    live = Target.objects.live().filter(ids_in(Target, indicator_id=ind_ids)).order_by()
    # Two branches rather than one OR, so each reads through its own index (by area, by group)
    # instead of every target of the indicators.
    rows = (
        live.filter(ids_in(Target, area_id=area_ids))
        .values_list(*columns)
        .union(
            live.filter(ids_in(Target, area_group_id=memberships)).values_list(*columns), all=True
        )
    )
    out: dict[tuple[int, int], list[tuple]] = defaultdict(list)
    for ind, area, group, period, value, provenance in rows:
        if area is not None:
            out[(ind, area)].append((*spans[period], value, provenance, True))
        else:
            for member in memberships.get(group, ()):
                out[(ind, member)].append((*spans[period], value, provenance, False))
    return out


def target_for(targets: list[tuple], code: str, end: dt.date) -> tuple | None:
    """The target for a figure: for its own period, else the shortest period containing the
    end of the figure's period; the area's own before a group's."""
    best = None
    best_key: tuple | None = None
    for t in targets:
        t_code, t_start, t_end, _, _, own = t
        if t_code == code:
            key = (0, not own, 0)
        elif t_start <= end <= t_end:
            key = (1, not own, (t_end - t_start).days)
        else:
            continue
        if best_key is None or key < best_key:
            best, best_key = t, key
    return best


def _final_target(targets: list[tuple], after: dt.date) -> tuple | None:
    """The target ending last, if it ends after `after` (the area's own before a group's)."""
    later = [t for t in targets if t[2] > after]
    if not later:
        return None
    return max(later, key=lambda t: (t[2], t[5], -(t[2] - t[1]).days))


def assess(
    *,
    indicators: Any,
    areas: Any,
    as_of: dt.date | None = None,
    user: Any = None,
    trend: bool = True,
) -> list[Assessment]:
    """Assess every indicator for every area it is published for (see the module docstring
    for the rules), in a fixed number of queries. `indicators` and `areas` may be querysets,
    model instances or ids. Rows come in the order indicators, then areas, were given. With
    `trend` false the earlier figures are not read for direction of travel and the forecast,
    which then rest only on figures read anyway (for pages that show where areas stand, not
    how they move); a large assessment, worked column-wise, reads them all either way."""
    with collector_paused():
        return _assess(indicators, areas, as_of, user, trend)


def _assess(
    indicators: Any, areas: Any, as_of: dt.date | None, user: Any, trend: bool
) -> list[Assessment]:
    as_of = as_of or today()
    inds = _indicators(indicators)
    area_ids = _ids(areas)
    if not inds or not area_ids:
        return []
    tree = _Areas()
    area_ids = [a for a in area_ids if a in tree.kind]
    ind_ids = [i.id for i in inds]
    comparators = _comparators(area_ids)
    periods = _Periods(as_of)
    reporting = rules.reporting_quarter(as_of)
    targets = live_targets(ind_ids, area_ids, periods.spans)
    # Every area's id must pack, not only the assessed ones': benchmarks and comparators too.
    if len(inds) * len(area_ids) >= columns.COLUMNS_FROM and columns.packable(
        max(ind_ids), max(tree.kind)
    ):
        return columns.assess_columns(
            inds=inds,
            area_ids=area_ids,
            as_of=as_of,
            user=user,
            tree=tree,
            comparators=comparators,
            periods=periods,
            reporting=reporting,
            targets=targets,
        )

    figures: dict[tuple[int, int, int], tuple] = {}
    latest, read_whole = _latest(user, inds, area_ids, as_of, periods, figures, tree.kind)

    # Each series' final target, found once here and used again for its forecast.
    by_id = periods.by_id
    finals = {
        pair: _final_target(targets.get(pair, []), by_id[period].end)
        for pair, period in latest.items()
    }
    if trend and latest:
        # The figures before the latest that direction of travel and the forecast need. Which
        # periods a series needs depends only on its latest period, its indicator's forecast
        # depth and whether it has a final target to forecast to: series are grouped by those,
        # and each period is read for every indicator and area of the groups needing it, unless
        # it is one of the recent periods already read whole for the latest figures. The few
        # figures read beyond a series' needs are real figures too, so all are kept.
        ind_by_id = {i.id: i for i in inds}
        groups: dict[tuple[int, int, str], tuple[set[int], set[int]]] = defaultdict(
            lambda: (set(), set())
        )
        for pair, period in latest.items():
            ind = ind_by_id[pair[0]]
            n = ind.forecast_points if finals[pair] is not None else 0
            group = groups[(period, n, ind.frequency)]
            group[0].add(pair[0])
            group[1].add(pair[1])
        per_period: dict[int, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
        for (period, n, frequency), (group_inds, group_areas) in groups.items():
            needed = {p for p in periods.back(period) if p is not None}
            if n:
                needed.update(periods.chain(period, n)[1:])
            for p in needed - read_whole[frequency]:
                per_period[p][0].update(group_inds)
                per_period[p][1].update(group_areas)
        if per_period:
            keep = figures.setdefault
            # Earlier figures need only their value and interval.
            for row in _per_period(user, columns.FIGURE_COLUMNS, per_period):
                keep((row[0], row[1], row[2]), row[3:])

    # Benchmarks and peers for the same indicators and periods: England, the regions,
    # authorities and comparators, and every area at the assessed areas' levels.
    special: set[int] = {tree.england} if tree.england else set()
    for a in area_ids:
        for other in (tree.region(a), tree.benchmark(a)):
            if other:
                special.add(other)
        special.update(comparators.get(a, ()))
    values: dict[tuple[int, int, int], tuple] = {}
    if latest and special:
        rows = _by_period(
            user,
            ("indicator_id", "period_id", "area_id", "value", "ci_lower", "ci_upper"),
            {(i, None, p) for (i, _), p in latest.items()},
            special,
        )
        for ind_id, period, area, value, lower, upper in rows:
            values[(ind_id, period, area)] = (value, lower, upper)
    peers = _peers(user, latest, tree)

    # Whether a figure is late or due depends only on the indicator's timing and its period.
    memo: dict[tuple[str, str, int], str | None] = {}
    out: list[Assessment] = []
    for ind in inds:
        for area in area_ids:
            if not rules.published_for(ind.geography, tree.kind[area]):
                continue
            out.append(
                _assess_one(
                    ind,
                    area,
                    latest.get((ind.id, area)),
                    figures,
                    periods,
                    targets.get((ind.id, area), []),
                    finals,
                    values,
                    peers,
                    comparators.get(area, []),
                    tree,
                    as_of,
                    reporting,
                    memo,
                )
            )
    return out


def _no_data(ind: _Ind, area: int, targets: list[tuple], tree: _Areas) -> Assessment:
    final = _final_target(targets, dt.date.min)
    return Assessment(
        indicator_id=ind.id,
        area_id=area,
        period_code=None,
        value=None,
        ci_lower=None,
        ci_upper=None,
        provenance=None,
        target_value=None,
        target_period_code=None,
        target_illustrative=False,
        rag="no_data",
        direction_previous=rules.NOT_COMPARABLE,
        direction_year=rules.NOT_COMPARABLE,
        forecast_value=None,
        forecast_method="",
        forecast_status=rules.NO_FORECAST,
        england_value=None,
        region_value=None,
        comparator_value=None,
        significance=rules.NOT_COMPARED,
        quartile=None,
        final_target_value=final[3] if final else None,
        final_target_period_code=final[0] if final else None,
        benchmark_area_id=tree.benchmark(area),
    )


def _assess_one(
    ind: _Ind,
    area: int,
    period_id: int | None,
    figures: dict[tuple[int, int, int], tuple],
    periods: _Periods,
    targets: list[tuple],
    finals: dict[tuple[int, int], tuple | None],
    values: dict,
    peers: dict,
    comparator_ids: list[int],
    tree: _Areas,
    as_of: dt.date,
    reporting: rules.Span,
    memo: dict[tuple[str, str, int], str | None],
) -> Assessment:
    if period_id is None:
        return _no_data(ind, area, targets, tree)
    polarity = ind.polarity
    period = periods.by_id[period_id]
    code, end = period.code, period.end
    value, lower, upper, provenance, status = figures[(ind.id, area, period_id)]

    # Target and RAG.
    target = target_for(targets, code, end)
    target_value = target[3] if target else None
    key = (ind.frequency, ind.period_kind, period_id)
    timing = memo.get(key, "")
    if timing == "":
        if rules.data_late(ind.frequency, end, as_of):
            timing = "data_late"
        elif not rules.data_due(ind.frequency, ind.period_kind, reporting, end):
            timing = "no_data_due"
        else:
            timing = None
        memo[key] = timing
    if timing is not None:
        rag = timing
    elif polarity not in (rules.HIGHER, rules.LOWER):
        rag = "not_judged"
    elif target is None:
        rag = "no_target"
    else:
        rag = rules.rag(value, target_value, polarity, ind.tolerance_kind, ind.tolerance) or ""

    # Direction of travel.
    prev_id, year_id = periods.back(period_id)
    prev = figures.get((ind.id, area, prev_id)) if prev_id else None
    year = figures.get((ind.id, area, year_id)) if year_id else None
    ci = (lower, upper)
    direction_previous = (
        rules.direction_of_travel(value, prev[0], polarity, ci, (prev[1], prev[2]))
        if prev
        else rules.NOT_COMPARABLE
    )
    direction_year = (
        rules.direction_of_travel(value, year[0], polarity, ci, (year[1], year[2]))
        if year
        else rules.NOT_COMPARABLE
    )

    # Forecast to the final target, from the figures of the last n periods.
    final = finals[(ind.id, area)]
    forecast_value = None
    method = ""
    f_status = rules.NO_FORECAST
    if final is not None:
        ordinal = periods.ordinal
        points = [
            (ordinal[p], f[0])
            for p in reversed(periods.chain(period_id, ind.forecast_points))
            if (f := figures.get((ind.id, area, p))) is not None
        ]
        projected = rules.forecast_linear(points, final[2].toordinal(), ind.forecast_points)
        if projected is not None:
            forecast_value, used = projected
            if ind.minimum is not None:
                forecast_value = max(ind.minimum, forecast_value)
            if ind.maximum is not None:
                forecast_value = min(ind.maximum, forecast_value)
            method = rules.forecast_method(used)
            f_status = rules.forecast_status(
                forecast_value, final[3], polarity, ind.tolerance_kind, ind.tolerance
            )

    # Benchmarks.
    england = values.get((ind.id, period_id, tree.england)) if tree.england else None
    region_id = tree.region(area)
    region = values.get((ind.id, period_id, region_id)) if region_id else None
    comparator_values = [
        v[0] for m in comparator_ids if (v := values.get((ind.id, period_id, m))) is not None
    ]
    benchmark_area = tree.benchmark(area)
    bench = values.get((ind.id, period_id, benchmark_area)) if benchmark_area else None
    bench_value = bench[0] if bench else None
    significance = rules.significance(value, lower, upper, bench_value, polarity)
    gap = (
        rules.gap_from_benchmark(value, bench_value, polarity) if bench_value is not None else None
    )
    quartile = None
    if polarity in (rules.HIGHER, rules.LOWER):
        vals = peers.get((ind.id, period_id, tree.peer_class(area)))
        if vals:
            if polarity == rules.HIGHER:
                better = len(vals) - bisect_right(vals, value)
            else:
                better = bisect_left(vals, value)
            quartile = rules.quartile_from_rank(better, len(vals))

    return Assessment(
        indicator_id=ind.id,
        area_id=area,
        period_code=code,
        value=value,
        ci_lower=lower,
        ci_upper=upper,
        provenance=provenance,
        target_value=target_value,
        target_period_code=target[0] if target else None,
        target_illustrative=bool(target and target[4] != "real"),
        rag=rag,
        direction_previous=direction_previous,
        direction_year=direction_year,
        forecast_value=forecast_value,
        forecast_method=method,
        forecast_status=f_status,
        england_value=england[0] if england else None,
        region_value=region[0] if region else None,
        comparator_value=statistics.median(comparator_values) if comparator_values else None,
        significance=significance,
        quartile=quartile,
        status=status,
        period_end=end,
        previous_value=prev[0] if prev else None,
        year_earlier_value=year[0] if year else None,
        final_target_value=final[3] if final else None,
        final_target_period_code=final[0] if final else None,
        benchmark_area_id=benchmark_area,
        benchmark_value=bench_value,
        comparator_count=len(comparator_values),
        gap=gap,
    )


def assess_rows(
    *, indicators: Any, areas: Any, as_of: dt.date | None = None, user: Any = None
) -> list[tuple]:
    """The assessment as plain sorted tuples of ROW_FIELDS, for comparing with other
    implementations of the same rules."""
    return sorted(
        a.row() for a in assess(indicators=indicators, areas=areas, as_of=as_of, user=user)
    )
