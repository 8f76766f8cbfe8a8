"""Large assessments, column-wise: the rules of `accord.scorecards.assess`, worked over numpy
arrays of a copy of the figures that this process keeps, so that assessing every authority
for every indicator does not read half a million figures through the database driver and
Python one at a time.

`assess()` hands over here when asked for at least `COLUMNS_FROM` series; a partnership's
scorecard keeps reading only the figures it needs. The copy holds every current figure for
the whole population with a value, about 50 bytes each (152 MB for the 3 million figures of
the national benchmark). It is read on first use and again after any change to the figures
(`accord.observations.versions`). The tests of `assess` run both ways and expect the same
assessment; the forecast agrees to rounding (numpy sums where the rule uses `math.fsum`)."""

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Case, IntegerField, Value, When

from accord.indicators.models import Period, Provenance
from accord.observations.models import Observation, ObservationStatus
from accord.observations.selectors import signed_in
from accord.observations.versions import figures_version
from accord.scorecards import rules

# Series (indicator × area) from which `assess()` works column-wise.
COLUMNS_FROM = 20_000

# A figure's key: indicator, area and the order of its period, packed into one integer that
# sorts as the series and then the period do.
_AREA_SHIFT, _IND_SHIFT = 16, 40
_ORDER_MASK = (1 << _AREA_SHIFT) - 1
_AREA_LIMIT = 1 << (_IND_SHIFT - _AREA_SHIFT)
_CHUNK = 200_000

# What both ways read of a figure first (the row-wise reading adds provenance and status).
FIGURE_COLUMNS = ("indicator_id", "area_id", "period_id", "value", "ci_lower", "ci_upper")


def packable(largest_indicator: int, largest_area: int) -> bool:
    """Whether ids this large fit a figure's key."""
    return largest_indicator < 1 << (63 - _IND_SHIFT) and largest_area < _AREA_LIMIT


@dataclass(frozen=True)
class FigureCopy:
    """The current figures for the whole population with a value, sorted by series and then
    by period (ending later, then shorter, last)."""

    version: Any
    order_of: np.ndarray  # period id -> its order; -1 for a period the copy has not seen
    ends: np.ndarray  # period order -> its end (proleptic ordinal, as date.toordinal)
    period_at: np.ndarray  # period order -> period id
    key: np.ndarray  # int64, sorted
    value: np.ndarray
    lower: np.ndarray  # nan where there is no interval
    upper: np.ndarray
    status: np.ndarray  # codes into `statuses`
    provenance: np.ndarray  # codes into `provenances`
    statuses: tuple[str, ...]
    provenances: tuple[str, ...]
    public: np.ndarray  # positions of the final figures, which the public sees
    public_key: np.ndarray

    @property
    def nbytes(self) -> int:
        arrays = (self.key, self.value, self.lower, self.upper, self.status, self.provenance)
        return sum(a.nbytes for a in (*arrays, self.public, self.public_key))


_KEPT: list[FigureCopy | None] = [None]
_LOCK = threading.Lock()


def forget_copy() -> None:
    """Drop this process's copy of the figures (it is read again when next needed)."""
    _KEPT[0] = None


def kept_copy() -> FigureCopy:
    """This process's copy of the figures, read again when they have changed since."""
    version = figures_version()
    with _LOCK:
        kept = _KEPT[0]
        if kept is None or kept.version != version:
            _KEPT[0] = kept = None  # let the old copy go before the new one is read
            # The version is read before the figures: a write in between makes the copy newer
            # than its version says, so it is only read again needlessly, never kept stale.
            kept = _read(version)
            _KEPT[0] = kept
        return kept


def _read(version: Any) -> FigureCopy:
    statuses = tuple(ObservationStatus.values)
    provenances = tuple(Provenance.values)

    def code(field: str, values: tuple[str, ...]) -> Case:
        return Case(
            *(When(**{field: v}, then=Value(i)) for i, v in enumerate(values)),
            default=Value(-1),
            output_field=IntegerField(),
        )

    # Every column a number (status and provenance as codes), so each chunk of rows becomes
    # one array in C rather than a column at a time in Python.
    qs = (
        Observation.objects.current()
        .filter(breakdown="", value__isnull=False)
        .order_by()
        .annotate(
            status_code=code("status", statuses), provenance_code=code("provenance", provenances)
        )
        .values_list(*FIGURE_COLUMNS, "status_code", "provenance_code")
    )
    sql, params = qs.query.sql_with_params()
    names = ("ind", "area", "period", "value", "lower", "upper", "status", "provenance")
    types = (np.int64, np.int64, np.int64, np.float64, np.float64, np.float64, np.int8, np.int8)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in names}
    # A server-side cursor where the database has them, so the figures arrive a chunk at a time.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(_CHUNK):
            rows = np.array(chunk, dtype=np.float64)  # None becomes nan; ids are exact
            for i, (name, kind) in enumerate(zip(names, types, strict=True)):
                parts[name].append(rows[:, i].astype(kind))
    joined = {
        name: np.concatenate(parts[name]) if parts[name] else np.empty(0, dtype=kind)
        for name, kind in zip(names, types, strict=True)
    }
    ind, area = joined.pop("ind"), joined.pop("area")
    if len(ind) and not packable(int(ind.max()), int(area.max())):
        raise OverflowError("an indicator or area id too large to pack into a key")
    joined["series"] = (ind << _IND_SHIFT) | (area << _AREA_SHIFT)
    del ind, area, parts

    # The periods after the figures: periods are never deleted, so every figure's period is
    # among them even if an import added periods and figures meanwhile.
    periods = list(Period.objects.values_list("id", "start", "end"))
    # Ordered as the assessment ranks periods: by end, then start, then id.
    ordered = sorted(periods, key=lambda p: (p[2], p[1], p[0]))
    if len(ordered) > _ORDER_MASK:
        raise OverflowError("too many periods to pack into a figure's key")
    top = max((p[0] for p in ordered), default=0)
    order_of = np.full(top + 1, -1, dtype=np.int64)
    for i, (pk, _, _) in enumerate(ordered):
        order_of[pk] = i
    ends = np.array([p[2].toordinal() for p in ordered], dtype=np.int64)
    period_at = np.array([p[0] for p in ordered], dtype=np.int64)

    joined["key"] = joined.pop("series") | order_of[joined.pop("period")]
    by_key = np.argsort(joined["key"], kind="stable")
    cols = {name: array[by_key] for name, array in joined.items()}
    public = np.flatnonzero(cols["status"] == statuses.index(ObservationStatus.FINAL))
    return FigureCopy(
        version=version,
        order_of=order_of,
        ends=ends,
        period_at=period_at,
        key=cols["key"],
        value=cols["value"],
        lower=cols["lower"],
        upper=cols["upper"],
        status=cols["status"],
        provenance=cols["provenance"],
        statuses=statuses,
        provenances=provenances,
        public=public,
        public_key=cols["key"][public],
    )


class _Finder:
    """Finds the figures a reader may see by indicator, area and period."""

    def __init__(self, copy: FigureCopy, signed: bool) -> None:
        self.copy = copy
        self.keys = copy.key if signed else copy.public_key
        self.positions = None if signed else copy.public

    def _to_copy(self, found: np.ndarray) -> np.ndarray:
        return found if self.positions is None else self.positions[found]

    def order(self, period_ids: np.ndarray) -> np.ndarray:
        """Each period's order in the copy, -1 for none (or a period the copy has not seen)."""
        order_of = self.copy.order_of
        inside = (period_ids >= 0) & (period_ids < len(order_of))
        return np.where(inside, order_of[np.where(inside, period_ids, 0)], -1)

    def find(self, series: np.ndarray, period_ids: np.ndarray) -> np.ndarray:
        """Positions in the copy of each series' figure for each period, -1 where none."""
        order = self.order(period_ids)
        wanted = series | np.maximum(order, 0)
        keys = self.keys
        if not len(keys):
            return np.full(len(series), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        hit = (order >= 0) & (keys[at] == wanted)
        return np.where(hit, self._to_copy(at), -1)

    def latest(self, series: np.ndarray, as_of: dt.date) -> np.ndarray:
        """Positions in the copy of each series' latest figure for a period ended by `as_of`
        (the last in period order: periods ended by then come first), -1 where none."""
        cut = int(np.searchsorted(self.copy.ends, as_of.toordinal(), side="right"))
        keys = self.keys
        if not len(keys):
            return np.full(len(series), -1, dtype=np.int64)
        first = np.searchsorted(keys, series)
        past = np.searchsorted(keys, series | cut)
        hit = past > first
        return np.where(hit, self._to_copy(np.maximum(past - 1, 0)), -1)


def _take(array: np.ndarray, at: np.ndarray, missing: float = np.nan) -> np.ndarray:
    """array[at] with `missing` where at is -1."""
    if not len(array):
        return np.full(len(at), missing)
    return np.where(at >= 0, array[np.maximum(at, 0)], missing)


def _optional(array: np.ndarray) -> list[float | None]:
    """Floats, with None for nan."""
    out = array.astype(object)
    out[np.isnan(array)] = None
    return out.tolist()


def _optional_ids(array: np.ndarray) -> list[int | None]:
    """Ids, with None for -1."""
    out = array.astype(object)
    out[array < 0] = None
    return out.tolist()


def _judge(
    value: np.ndarray,
    target: np.ndarray,
    higher: np.ndarray,
    absolute: np.ndarray,
    tolerance: np.ndarray,
) -> np.ndarray:
    """`rules.rag` column-wise for judged rows with a value and a target: 0 green, 1 amber,
    2 red; the same arithmetic in the same order, so the same answers."""
    short = np.where(higher, target - value, value - target)
    slack = rules._EPSILON * np.maximum(1.0, np.abs(target))
    allowed = np.where(absolute, np.abs(tolerance), np.abs(target) * np.abs(tolerance) / 100.0)
    return np.where(short <= slack, 0, np.where(short <= allowed + slack, 1, 2))


def _direction(
    current: np.ndarray,
    earlier: np.ndarray,
    higher: np.ndarray,
    judged: np.ndarray,
    current_ci: tuple[np.ndarray, np.ndarray],
    earlier_ci: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """`rules.direction_of_travel` column-wise, as codes into DIRECTIONS."""
    lo, hi = current_ci
    e_lo, e_hi = earlier_ci
    both = ~(np.isnan(lo) | np.isnan(hi) | np.isnan(e_lo) | np.isnan(e_hi))
    with np.errstate(invalid="ignore"):
        overlap = both & (lo <= e_hi) & (e_lo <= hi)
        change = current - earlier
        small = np.abs(change) <= rules.NO_CHANGE_SHARE * np.maximum(
            np.abs(current), np.abs(earlier)
        )
        better = np.where(higher, change > 0, change < 0)
    code = np.where(overlap | small, 2, np.where(better, 0, 1))
    comparable = judged & ~np.isnan(current) & ~np.isnan(earlier)
    return np.where(comparable, code, 3)


DIRECTIONS = (rules.IMPROVING, rules.WORSENING, rules.NO_CHANGE, rules.NOT_COMPARABLE)
RAGS = (rules.GREEN, rules.AMBER, rules.RED)
FORECASTS = (rules.ON_TRACK, rules.AT_RISK, rules.OFF_TRACK)
SIGNIFICANCES = (rules.BETTER, rules.SIMILAR, rules.WORSE, rules.NOT_COMPARED)


def assess_columns(
    *,
    inds: list[Any],
    area_ids: list[int],
    as_of: dt.date,
    user: Any,
    tree: Any,
    comparators: dict[int, list[int]],
    periods: Any,
    reporting: rules.Span,
    targets: dict[tuple[int, int], list[tuple]],
) -> list[Any]:
    """The assessment of `accord.scorecards.assess.assess`, column-wise (see the module
    docstring); the caller has read the areas, comparators, periods and targets."""
    from accord.scorecards.assess import (
        ASSESSMENT_FIELDS,
        Assessment,
        _final_target,
        _peers,
        target_for,
    )

    copy = kept_copy()
    finder = _Finder(copy, signed_in(user if user is not None else AnonymousUser()))

    # The series, in the order the rows come: indicators, then areas.
    kinds = tree.kind
    series_ind: list[int] = []
    series_area: list[int] = []
    series_pos: list[int] = []
    for i, ind in enumerate(inds):
        for area in area_ids:
            if rules.published_for(ind.geography, kinds[area]):
                series_ind.append(ind.id)
                series_area.append(area)
                series_pos.append(i)
    if not series_ind:
        return []
    s_ind = np.array(series_ind, dtype=np.int64)
    s_area = np.array(series_area, dtype=np.int64)
    s_pos = np.array(series_pos, dtype=np.int64)
    series = (s_ind << _IND_SHIFT) | (s_area << _AREA_SHIFT)
    n = len(series)

    # Each indicator's settings, spread over its series.
    higher_i = np.array([ind.polarity == rules.HIGHER for ind in inds])
    judged_i = np.array([ind.polarity in (rules.HIGHER, rules.LOWER) for ind in inds])
    absolute_i = np.array([ind.tolerance_kind == rules.ABSOLUTE for ind in inds])
    tolerance_i = np.array([float(ind.tolerance) for ind in inds])
    minimum_i = np.array([np.nan if ind.minimum is None else ind.minimum for ind in inds])
    maximum_i = np.array([np.nan if ind.maximum is None else ind.maximum for ind in inds])
    higher, judged = higher_i[s_pos], judged_i[s_pos]
    absolute, tolerance = absolute_i[s_pos], tolerance_i[s_pos]

    # The latest figure.
    at = finder.latest(series, as_of)
    has = at >= 0
    value = _take(copy.value, at)
    lower, upper = _take(copy.lower, at), _take(copy.upper, at)
    latest_order = _take(copy.key, at, -1).astype(np.int64) & _ORDER_MASK
    period_id = _take(copy.period_at, np.where(has, latest_order, -1), -1).astype(np.int64)

    # Each latest period's previous period and the same period a year earlier, found once a
    # period and spread over its series (-1 where there is none).
    unique_periods = [int(p) for p in np.unique(period_id[has])]
    prev_of = np.full(max(unique_periods, default=0) + 1, -1, dtype=np.int64)
    year_of = prev_of.copy()
    for p in unique_periods:
        prev, year = periods.back(p)
        prev_of[p], year_of[p] = prev or -1, year or -1
    prev_at = finder.find(series, _take(prev_of, period_id, -1))
    year_at = finder.find(series, _take(year_of, period_id, -1))
    prev_value, year_value = _take(copy.value, prev_at), _take(copy.value, year_at)
    direction_prev = _direction(
        value,
        prev_value,
        higher,
        judged,
        (lower, upper),
        (_take(copy.lower, prev_at), _take(copy.upper, prev_at)),
    )
    direction_year = _direction(
        value,
        year_value,
        higher,
        judged,
        (lower, upper),
        (_take(copy.lower, year_at), _take(copy.upper, year_at)),
    )

    # Targets, the final target and whether data is late or due: rules over each series' few
    # targets and each indicator's timing, in plain Python.
    target_value = np.full(n, np.nan)
    final_value = np.full(n, np.nan)
    final_end = np.zeros(n, dtype=np.int64)
    target_code: list[str | None] = [None] * n
    target_illustrative = [False] * n
    final_target_value: list[float | None] = [None] * n
    final_target_code: list[str | None] = [None] * n
    timing = np.zeros(n, dtype=np.int8)  # 0 due, 1 data late, 2 no data due
    memo: dict[tuple[str, str, int], int] = {}
    by_id = periods.by_id
    period_list = period_id.tolist()
    for row in range(n):
        p = period_list[row]
        pair_targets = targets.get((series_ind[row], series_area[row]))
        if p < 0:
            # No figure: the final target is still shown.
            if pair_targets and (final := _final_target(pair_targets, dt.date.min)):
                final_target_value[row], final_target_code[row] = final[3], final[0]
            continue
        ind = inds[series_pos[row]]
        period = by_id[p]
        key = (ind.frequency, ind.period_kind, p)
        t = memo.get(key)
        if t is None:
            if rules.data_late(ind.frequency, period.end, as_of):
                t = 1
            elif not rules.data_due(ind.frequency, ind.period_kind, reporting, period.end):
                t = 2
            else:
                t = 0
            memo[key] = t
        timing[row] = t
        if pair_targets:
            found = target_for(pair_targets, period.code, period.end)
            if found is not None:
                target_value[row] = found[3]
                target_code[row] = found[0]
                target_illustrative[row] = found[4] != "real"
            final = _final_target(pair_targets, period.end)
            if final is not None:
                final_value[row] = final_target_value[row] = final[3]
                final_target_code[row] = final[0]
                final_end[row] = final[2].toordinal()

    # RAG, in order of precedence.
    rag = np.full(n, "", dtype=object)
    can_judge = has & (timing == 0) & judged & ~np.isnan(target_value)
    judged_rag = _judge(value, target_value, higher, absolute, tolerance)
    rag[can_judge] = np.array(RAGS, dtype=object)[judged_rag[can_judge]]
    rag[has & (timing == 0) & judged & np.isnan(target_value)] = "no_target"
    rag[has & (timing == 0) & ~judged] = "not_judged"
    rag[has & (timing == 2)] = "no_data_due"
    rag[has & (timing == 1)] = "data_late"
    rag[~has] = "no_data"

    # Forecast to the final target: the least-squares line through the figures of the
    # series' last n periods, for each latest period and depth of forecast.
    forecast = np.full(n, np.nan)
    points_used = np.zeros(n, dtype=np.int64)
    wants = has & ~np.isnan(final_value)
    if wants.any():
        depth = np.array([ind.forecast_points for ind in inds], dtype=np.int64)[s_pos]
        groups = np.unique(np.stack([period_id[wants], depth[wants]]), axis=1)
        for p, k in groups.T.tolist():
            rows = np.flatnonzero(wants & (period_id == p) & (depth == k))
            chain = periods.chain(p, k)[::-1]  # oldest first
            xs = np.array([periods.ordinal[c] for c in chain], dtype=np.float64)
            ys = np.stack(
                [
                    _take(copy.value, finder.find(series[rows], np.full(len(rows), c)))
                    for c in chain
                ],
                axis=1,
            )
            present = ~np.isnan(ys)
            count = present.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                x = np.where(present, xs, 0.0)
                mean_x = x.sum(axis=1) / count
                mean_y = np.where(present, ys, 0.0).sum(axis=1) / count
                dx = np.where(present, xs - mean_x[:, None], 0.0)
                sxx = (dx * dx).sum(axis=1)
                sxy = (dx * np.where(present, ys - mean_y[:, None], 0.0)).sum(axis=1)
                projected = mean_y + sxy / sxx * (final_end[rows] - mean_x)
            ok = (count >= rules.MIN_FORECAST_POINTS) & (sxx != 0)
            forecast[rows[ok]] = projected[ok]
            points_used[rows[ok]] = count[ok]
        minimum, maximum = minimum_i[s_pos], maximum_i[s_pos]
        forecast = np.where(np.isnan(minimum), forecast, np.maximum(minimum, forecast))
        forecast = np.where(np.isnan(maximum), forecast, np.minimum(maximum, forecast))
    forecast_code = np.where(
        ~np.isnan(forecast) & judged, _judge(forecast, final_value, higher, absolute, tolerance), 3
    )

    # Benchmarks for the same period: England, the region, the area's own benchmark (England,
    # or the authority of an area within one) and the median of its comparators.
    def value_of(areas: np.ndarray) -> np.ndarray:
        return _take(
            copy.value,
            finder.find(
                (s_ind << _IND_SHIFT) | (np.maximum(areas, 0) << _AREA_SHIFT),
                np.where(has & (areas >= 0), period_id, -1),
            ),
        )

    area_set = sorted(set(area_ids))
    region_of = np.array([tree.region(a) or -1 for a in area_set], dtype=np.int64)
    bench_of = np.array([tree.benchmark(a) or -1 for a in area_set], dtype=np.int64)
    place = np.searchsorted(np.array(area_set, dtype=np.int64), s_area)
    england = tree.england if tree.england is not None else -1
    england_value = value_of(np.full(n, england, dtype=np.int64))
    region_value = value_of(region_of[place])
    bench_area = bench_of[place]
    bench_value = value_of(bench_area)

    comparator_value = np.full(n, np.nan)
    comparator_count = np.zeros(n, dtype=np.int64)
    # One entry per series and comparator member, then each series' members' figures sorted.
    member_rows: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    members: list[np.ndarray] = [np.empty(0, dtype=np.int64)]
    for a, group in comparators.items():
        rows = np.flatnonzero((s_area == a) & has)
        member_rows.append(np.repeat(rows, len(group)))
        members.append(np.tile(np.array(group, dtype=np.int64), len(rows)))
    m_rows = np.concatenate(member_rows)
    m_value = _take(
        copy.value,
        finder.find(
            (s_ind[m_rows] << _IND_SHIFT) | (np.concatenate(members) << _AREA_SHIFT),
            period_id[m_rows],
        ),
    )
    keep = ~np.isnan(m_value)
    m_rows, m_value = m_rows[keep], m_value[keep]
    if len(m_rows):
        by = np.lexsort((m_value, m_rows))
        m_rows, m_value = m_rows[by], m_value[by]
        starts = np.flatnonzero(np.r_[True, m_rows[1:] != m_rows[:-1]])
        counts = np.diff(np.r_[starts, len(m_rows)])
        middle = starts + counts // 2
        odd = counts % 2 == 1
        median = np.where(odd, m_value[middle], (m_value[middle - 1] + m_value[middle]) / 2)
        comparator_value[m_rows[starts]] = median
        comparator_count[m_rows[starts]] = counts

    # Significance against the benchmark, and how far the figure falls short of it.
    compared = has & judged & ~np.isnan(lower) & ~np.isnan(upper) & ~np.isnan(bench_value)
    with np.errstate(invalid="ignore", divide="ignore"):
        inside = (lower <= bench_value) & (bench_value <= upper)
        above = lower > bench_value
        significance_code = np.where(
            compared, np.where(inside, 1, np.where(above == higher, 0, 2)), 3
        )
        gap = np.where(
            has & judged & ~np.isnan(bench_value) & (bench_value != 0),
            np.where(higher, bench_value - value, value - bench_value) / np.abs(bench_value),
            np.nan,
        )

    # Quartile among all areas of the same level (their sorted figures are kept per process).
    latest_pairs = {
        (series_ind[r], series_area[r]): period_list[r] for r in np.flatnonzero(has).tolist()
    }
    peers = _peers(user, latest_pairs, tree)
    quartile: list[int | None] = [None] * n
    values_list = value.tolist()
    higher_list = higher.tolist()
    for r in np.flatnonzero(has & judged).tolist():
        vals = peers.get((series_ind[r], period_list[r], tree.peer_class(series_area[r])))
        if vals:
            v = values_list[r]
            better = len(vals) - bisect_right(vals, v) if higher_list[r] else bisect_left(vals, v)
            quartile[r] = rules.quartile_from_rank(better, len(vals))

    # The rows, made column by column and then in one pass, each argument in field order.
    def words(codes: np.ndarray, names: tuple[str | None, ...]) -> list[Any]:
        """Each code's name; a code of -1 takes the last name."""
        return np.array(names, dtype=object)[codes.astype(np.int64)].tolist()

    period_of = {p: by_id[p] for p in unique_periods}
    methods = ("", *(rules.forecast_method(k) for k in range(1, int(points_used.max()) + 1)))
    cols: dict[str, list[Any]] = {
        "indicator_id": series_ind,
        "area_id": series_area,
        "period_code": [period_of[p].code if p >= 0 else None for p in period_list],
        "value": _optional(value),
        "ci_lower": _optional(lower),
        "ci_upper": _optional(upper),
        "provenance": words(_take(copy.provenance, at, -1), (*copy.provenances, None)),
        "target_value": _optional(target_value),
        "target_period_code": target_code,
        "target_illustrative": target_illustrative,
        "rag": rag.tolist(),
        "direction_previous": words(direction_prev, DIRECTIONS),
        "direction_year": words(direction_year, DIRECTIONS),
        "forecast_value": _optional(forecast),
        "forecast_method": words(points_used, methods),
        "forecast_status": words(forecast_code, (*FORECASTS, rules.NO_FORECAST)),
        "england_value": _optional(england_value),
        "region_value": _optional(region_value),
        "comparator_value": _optional(comparator_value),
        "significance": words(significance_code, SIGNIFICANCES),
        "quartile": quartile,
        "status": words(_take(copy.status, at, -1), (*copy.statuses, None)),
        "period_end": [period_of[p].end if p >= 0 else None for p in period_list],
        "previous_value": _optional(prev_value),
        "year_earlier_value": _optional(year_value),
        "final_target_value": final_target_value,
        "final_target_period_code": final_target_code,
        "benchmark_area_id": _optional_ids(bench_area),
        "benchmark_value": _optional(bench_value),
        "comparator_count": comparator_count.tolist(),
        "gap": _optional(gap),
    }
    fields_in_order = zip(*(cols[name] for name in ASSESSMENT_FIELDS), strict=True)
    # tuple.__new__ makes each named tuple in C; mypy cannot see it returns an Assessment.
    return list(map(tuple.__new__, repeat(Assessment), fields_in_order))  # type: ignore[arg-type]
