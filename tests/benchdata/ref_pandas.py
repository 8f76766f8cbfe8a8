"""The assessment again, vectorised in pandas: the reference Accord's `assess()` is timed against
and checked equal to. The rules are those of `accord.scorecards.rules` (their constants are
imported from there; their logic is restated here column-wise), applied as
`accord.scorecards.assess` documents: latest figure, target and RAG, direction of travel,
forecast to the final target, England, region and comparator values, significance, quartile."""

import datetime as dt

import numpy as np
import pandas as pd

from accord.scorecards import rules

from .frames import Frames

ENGLAND_CODE = "E92000001"
LA_KINDS = {"county", "borough", "district"}
ABOVE_LA_KINDS = {"country", "region"}
HIGHER, LOWER = rules.HIGHER, rules.LOWER
OUTPUT_COLUMNS = [
    "indicator_id",
    "area_id",
    "period_code",
    "value",
    "ci_lower",
    "ci_upper",
    "target_value",
    "target_period_code",
    "rag",
    "direction_previous",
    "direction_year",
    "forecast_value",
    "forecast_status",
    "england_value",
    "region_value",
    "comparator_value",
    "significance",
    "quartile",
]


# --- Dates, column-wise ------------------------------------------------------------------------


def _ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of datetime64[D] values."""
    months = days.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(int) + 1970
    month = months.astype(int) % 12 + 1
    day = (days - months.astype("datetime64[D]")).astype(int) + 1
    return year, month, day


def _date(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    first = ((year - 1970) * 12 + month - 1).astype("datetime64[M]").astype("datetime64[D]")
    return first + (day - 1).astype("timedelta64[D]")


def _days_in_month(year: np.ndarray, month: np.ndarray) -> np.ndarray:
    start = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    return ((start + 1).astype("datetime64[D]") - start.astype("datetime64[D]")).astype(int)


def _shift_months(year, month, k):
    index = year * 12 + month - 1 + k
    return index // 12, index % 12 + 1


def add_months_clipped(days: np.ndarray, k) -> np.ndarray:
    """accord.indicators.periods.add_months: the same day, clipped to a shorter month."""
    y, m, d = _ymd(days)
    y2, m2 = _shift_months(y, m, k)
    return _date(y2, m2, np.minimum(d, _days_in_month(y2, m2)))


def add_months_month_end(days: np.ndarray, k) -> np.ndarray:
    """rules.add_months: as above, but a month's last day moves to the other month's last."""
    y, m, d = _ymd(days)
    y2, m2 = _shift_months(y, m, k)
    last = _days_in_month(y2, m2)
    return _date(y2, m2, np.where(d == _days_in_month(y, m), last, np.minimum(d, last)))


def _month_end_after(days: np.ndarray, k) -> np.ndarray:
    """The last day of the month `k` months after the month of `days`."""
    y, m, _ = _ymd(days)
    y2, m2 = _shift_months(y, m, k)
    return _date(y2, m2, _days_in_month(y2, m2))


def _ordinal(days: np.ndarray) -> np.ndarray:
    """date.toordinal(), column-wise."""
    return (days - np.datetime64("1970-01-01", "D")).astype(np.int64) + 719163


def reporting_quarter(on: dt.date) -> tuple[np.datetime64, np.datetime64]:
    """The latest calendar (and so financial) quarter ended on or before `on`."""
    start = dt.date(on.year, (on.month - 1) // 3 * 3 + 1, 1)
    days = np.array([start], dtype="datetime64[D]")
    end = _month_end_after(days, 2)[0]
    if end != np.datetime64(on, "D"):
        days = add_months_clipped(days, -3)
        end = _month_end_after(days, 2)[0]
    return days[0], end


# --- Periods: the previous one and the one a year earlier -----------------------------------


def _months_spanned(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    sy, sm, _ = _ymd(start)
    ey, em, _ = _ymd(end)
    return (ey - sy) * 12 + em - sm + 1


def _whole_months(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    return (_ymd(start)[2] == 1) & (_ymd(end + np.timedelta64(1, "D"))[2] == 1)


def tidy_kind(start: np.ndarray, end: np.ndarray, was: np.ndarray) -> np.ndarray:
    """The kind accord.indicators.periods.spec_from_dates gives a span (a calendar quarter
    stays one when shifted)."""
    whole = _whole_months(start, end)
    months = _months_spanned(start, end)
    first_month = _ymd(start)[1]
    years = months // 12
    return np.select(
        [
            whole & (months == 1),
            whole & (months == 3) & np.isin(first_month, (1, 4, 7, 10)) & (was == "quarter"),
            whole & (months == 3) & np.isin(first_month, (1, 4, 7, 10)),
            whole & (months % 12 == 0) & (first_month == 1) & (years == 1),
            whole & (months % 12 == 0) & (first_month == 4) & (years == 1),
            whole & (months % 12 == 0) & np.isin(first_month, (1, 4)),
        ],
        [
            "month",
            "quarter",
            "financial_quarter",
            "calendar_year",
            "financial_year",
            "pooled_years",
        ],
        default="interval",
    )


def period_neighbours(periods: pd.DataFrame) -> pd.DataFrame:
    """For each period, the id of the previous period and of the same period a year earlier
    (accord.indicators.periods.previous_period / year_earlier), where they are stored: shifted
    back by the period's length in months (a year for pooled years; its length in days for a
    span that is not whole months), a year back for the year earlier; month-end spans stay
    month-end."""
    start = periods["start"].to_numpy().astype("datetime64[D]")
    end = periods["end"].to_numpy().astype("datetime64[D]")
    kind = periods["kind"].to_numpy()
    one = np.timedelta64(1, "D")
    interval = kind == "interval"
    by_days = interval & ~_whole_months(start, end)
    back = np.where(kind == "pooled_years", 12, _months_spanned(start, end))
    days = end - start + one

    def shifted_end(months) -> np.ndarray:
        return np.where(
            interval, add_months_clipped(end + one, months) - one, _month_end_after(end, months)
        )

    prev_start = np.where(by_days, start - days, add_months_clipped(start, -back))
    prev_end = np.where(by_days, start - one, shifted_end(-back))
    year_start = add_months_clipped(start, -12)
    year_end = shifted_end(-12)

    keyed = pd.DataFrame({"kind": kind, "start": start, "end": end, "nid": periods["id"]})
    out = pd.DataFrame({"id": periods["id"].to_numpy()})
    for name, s, e in (("prev_id", prev_start, prev_end), ("year_id", year_start, year_end)):
        probe = pd.DataFrame({"kind": tidy_kind(s, e, kind), "start": s, "end": e})
        found = probe.merge(keyed, on=["kind", "start", "end"], how="left")
        out[name] = found["nid"].astype("Int64").to_numpy()
    return out


# --- Areas ------------------------------------------------------------------------------------


def _nearest_ancestor(areas: pd.DataFrame, kinds: set[str]) -> pd.Series:
    """Each area's nearest ancestor whose kind is one of `kinds`."""
    parent = areas.set_index("id")["parent_id"]
    kind = areas.set_index("id")["kind"]
    found = pd.Series(pd.NA, index=parent.index, dtype="Int64")
    current = parent.copy()
    for _ in range(32):
        if current.isna().all():
            break
        hit = found.isna() & current.notna() & current.map(kind).isin(kinds).fillna(False)
        found[hit] = current[hit]
        current = current.map(parent).astype("Int64")
    return found


def area_table(areas: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
    """Every area with its region, benchmark area and peer class; and England's id."""
    england_rows = areas.loc[areas["gss_code"] == ENGLAND_CODE, "id"]
    countries = areas.loc[(areas["kind"] == "country") & (areas["gss_code"] != ENGLAND_CODE), "id"]
    if len(england_rows):
        england = int(england_rows.iloc[0])
    elif len(countries) == 1:
        england = int(countries.iloc[0])
    else:
        england = None
    table = areas[["id", "kind"]].copy()
    table["region_id"] = _nearest_ancestor(areas, {"region"}).to_numpy()
    authority = _nearest_ancestor(areas, LA_KINDS).to_numpy()
    big = table["kind"].isin(LA_KINDS | ABOVE_LA_KINDS).to_numpy()
    own = table["id"].to_numpy() == (england if england is not None else -1)
    benchmark = pd.Series(authority, dtype="Int64")
    if england is not None:
        benchmark = benchmark.fillna(england)
    benchmark[big] = england if england is not None else pd.NA
    benchmark[big & own] = pd.NA
    table["benchmark_id"] = benchmark.to_numpy()
    table["peer_class"] = np.where(table["kind"].isin(LA_KINDS), "authority", table["kind"])
    return table, england


# --- The assessment ---------------------------------------------------------------------------

_BITS = 21  # ids below 2**21 each, so (indicator, area, period) packs into one int64


def _table(ids, values, default, dtype) -> np.ndarray:
    """A dense array indexed by id, for mapping millions of ids at array speed."""
    ids = np.asarray(ids, dtype=np.int64)
    table = np.full(2**_BITS, default, dtype=dtype)
    table[ids] = values
    return table


def _key(*parts: np.ndarray) -> np.ndarray:
    out = np.zeros(len(parts[0]), dtype=np.int64)
    for part in parts:
        out = (out << _BITS) | np.asarray(part, dtype=np.int64)
    return out


class _Figures:
    """The figures of the assessed indicators for periods ended by as_of, as arrays, with a
    hash index on (indicator, area, period) for lookups."""

    FIELDS = ("ind", "area", "period", "value", "lo", "hi", "ppos")

    def __init__(self, **arrays: np.ndarray):
        for name in self.FIELDS:
            setattr(self, name, arrays[name])
        self._index: pd.Index | None = None

    @classmethod
    def from_observations(cls, obs: pd.DataFrame, mask: np.ndarray, ppos: np.ndarray):
        made = cls(
            ind=obs["indicator_id"].to_numpy()[mask],
            area=obs["area_id"].to_numpy()[mask],
            period=obs["period_id"].to_numpy()[mask],
            value=obs["value"].to_numpy()[mask],
            lo=obs["ci_lower"].to_numpy()[mask],
            hi=obs["ci_upper"].to_numpy()[mask],
            ppos=ppos[mask],
        )
        for ids in (made.ind, made.area, made.period):
            assert len(ids) == 0 or ids.max() < 2**_BITS
        return made

    def subset(self, mask: np.ndarray) -> "_Figures":
        return _Figures(**{name: getattr(self, name)[mask] for name in self.FIELDS})

    def find(self, ind, area, period) -> np.ndarray:
        """Positions of the figures for these (indicator, area, period) triples; -1 if none."""
        if self._index is None:
            self._index = pd.Index(_key(self.ind, self.area, self.period))
        area = pd.array(area, dtype="Int64")
        period = pd.array(period, dtype="Int64")
        known = ~(area.isna() | period.isna())
        keys = _key(ind, area.fillna(0).to_numpy(np.int64), period.fillna(0).to_numpy(np.int64))
        found = self._index.get_indexer(keys)
        return np.where(np.asarray(known), found, -1)

    def take(self, positions: np.ndarray, what: np.ndarray) -> np.ndarray:
        return np.where(positions >= 0, what[np.maximum(positions, 0)], np.nan)


def assess_pandas(
    f: Frames, indicator_ids: list[int], area_ids: list[int], as_of: dt.date
) -> pd.DataFrame:
    """One row per indicator and area it is published for, in the order given."""
    as_of64 = np.datetime64(as_of, "D")
    rep_start, rep_end = reporting_quarter(as_of)

    # The grid of indicators and areas, as given.
    areas, england = area_table(f.areas)
    inds = f.indicators.set_index("id").loc[list(dict.fromkeys(indicator_ids))].reset_index()
    inds["i_order"] = np.arange(len(inds))
    chosen = pd.DataFrame({"id": list(dict.fromkeys(area_ids))})
    chosen = chosen.merge(areas, on="id", how="inner", sort=False)
    chosen["a_order"] = np.arange(len(chosen))
    chosen["level"] = chosen["kind"].map(rules._AREA_LEVEL).fillna(0)
    inds["reach"] = inds["geography"].map(rules._LEVELS).fillna(0)
    grid = inds.rename(columns={"id": "indicator_id"}).merge(
        chosen.rename(columns={"id": "area_id"}), how="cross"
    )
    grid = grid[grid["level"] <= grid["reach"]].reset_index(drop=True)

    # Figures for periods ended by as_of; each grid pair's latest (period ending last, then
    # the shortest).
    periods = f.periods.rename(columns={"id": "period_id", "code": "period_code"})
    periods["start"] = periods["start"].to_numpy().astype("datetime64[D]")
    periods["end"] = periods["end"].to_numpy().astype("datetime64[D]")
    obs = f.observations
    obs_ind = obs["indicator_id"].to_numpy()
    obs_area = obs["area_id"].to_numpy()
    obs_period = obs["period_id"].to_numpy()
    ppos = _table(periods["period_id"], np.arange(len(periods)), -1, np.int32)[obs_period]
    end_days = periods["end"].to_numpy().astype("datetime64[D]").astype(np.int64)
    start_days = periods["start"].to_numpy().astype("datetime64[D]").astype(np.int64)
    end_days_x = np.append(end_days, np.iinfo(np.int64).max)  # position -1: no period
    keep = _table(inds["id"], True, False, bool)[obs_ind]
    keep &= end_days_x[ppos] <= as_of64.astype(np.int64)
    area_level = _table(chosen["id"], chosen["level"], -1, np.int8)
    ind_reach = _table(inds["id"], inds["reach"], -1, np.int8)
    in_chosen = area_level[obs_area] >= 0
    sel = np.nonzero(keep & in_chosen)[0]
    sel = sel[area_level[obs_area[sel]] <= ind_reach[obs_ind[sel]]]
    order = end_days[ppos[sel]] * 2**20 + start_days[ppos[sel]]
    best = (
        pd.DataFrame({"pair": _key(obs_ind[sel], obs_area[sel]), "order": order, "at": sel})
        .sort_values(["pair", "order"])
        .drop_duplicates("pair", keep="last")["at"]
        .to_numpy()
    )
    latest = pd.DataFrame(
        {
            "indicator_id": obs_ind[best],
            "area_id": obs_area[best],
            "period_id": obs_period[best],
            "value": obs["value"].to_numpy()[best],
            "ci_lower": obs["ci_lower"].to_numpy()[best],
            "ci_upper": obs["ci_upper"].to_numpy()[best],
            "period_code": periods["period_code"].to_numpy()[ppos[best]],
            "end": periods["end"].to_numpy()[ppos[best]],
        }
    )
    # From here on only these figures are read: the assessed areas' own, and every area's in
    # the latest periods (benchmarks, comparators and peers).
    latest_periods = _table(latest["period_id"].unique(), True, False, bool)
    fig = _Figures.from_observations(obs, keep & (in_chosen | latest_periods[obs_period]), ppos)
    latest = latest.merge(
        grid[
            [
                "indicator_id",
                "area_id",
                "polarity",
                "frequency",
                "tolerance_kind",
                "tolerance",
                "forecast_points",
                "minimum",
                "maximum",
                "region_id",
                "benchmark_id",
                "peer_class",
            ]
        ],
        on=["indicator_id", "area_id"],
    )
    polarity = latest["polarity"].to_numpy()
    judged = (polarity == HIGHER) | (polarity == LOWER)
    value = latest["value"].to_numpy()
    end = latest["end"].to_numpy().astype("datetime64[D]")
    ind_col, area_col = latest["indicator_id"].to_numpy(), latest["area_id"].to_numpy()

    # Direction of travel, against the previous period and the same period a year earlier.
    neighbours = period_neighbours(f.periods).rename(columns={"id": "period_id"})
    latest = latest.merge(neighbours, on="period_id", how="left")
    for which in ("prev", "year"):
        at = fig.find(ind_col, area_col, latest[f"{which}_id"])
        latest[f"{which}_value"] = fig.take(at, fig.value)
        latest[f"{which}_lo"] = fig.take(at, fig.lo)
        latest[f"{which}_hi"] = fig.take(at, fig.hi)
    latest["direction_previous"] = _direction(latest, "prev", judged)
    latest["direction_year"] = _direction(latest, "year", judged)

    # Targets: the area's own, and its groups', with their periods.
    targets = _targets(f, inds["id"], chosen["id"])
    chosen_t = _target_for(latest, targets)
    latest["target_value"] = chosen_t["t_value"].to_numpy()
    latest["target_period_code"] = chosen_t["t_code"].to_numpy()
    final = _final_target(latest, targets)
    latest["final_value"] = final["t_value"].to_numpy()
    latest["final_end"] = final["t_end"].to_numpy()

    # RAG.
    target = latest["target_value"].to_numpy()
    months = latest["frequency"].map(rules.EXPECTED_WITHIN_MONTHS)
    late = months.notna().to_numpy() & (
        as_of64 > add_months_month_end(end, months.fillna(0).astype(int).to_numpy())
    )
    due = _data_due(latest["frequency"].to_numpy(), end, rep_start, rep_end)
    latest["rag"] = np.select(
        [late, ~due, ~judged, np.isnan(target)],
        ["data_late", "no_data_due", "not_judged", "no_target"],
        default=_rag(
            value,
            target,
            polarity,
            latest["tolerance_kind"].to_numpy(),
            latest["tolerance"].to_numpy(),
        ),
    )

    # Forecast to the final target.
    latest = _forecast(latest, fig, periods, neighbours)

    # Benchmarks: England, the region, the benchmark area, the comparator group's median.
    period_col = latest["period_id"].to_numpy()
    for name, where in (
        ("england_value", np.full(len(latest), england if england is not None else -1)),
        ("region_value", latest["region_id"]),
        ("bench_value", latest["benchmark_id"]),
    ):
        where = pd.array(where, dtype="Int64")
        where[np.asarray(where.fillna(-1)) < 0] = pd.NA
        latest[name] = fig.take(fig.find(ind_col, where, period_col), fig.value)
    latest = _comparators(latest, f, fig, chosen["id"])
    lo = latest["ci_lower"].to_numpy()
    hi = latest["ci_upper"].to_numpy()
    bench = latest["bench_value"].to_numpy()
    compared = judged & ~np.isnan(lo) & ~np.isnan(hi) & ~np.isnan(bench)
    similar = (lo <= bench) & (bench <= hi)
    above = lo > bench
    latest["significance"] = np.select(
        [~compared, similar, above == (polarity == HIGHER)],
        ["not_compared", "similar", "better"],
        default="worse",
    )
    latest = _quartiles(latest, fig, areas, chosen)

    # Every grid row, in the order given; those with no figure get the empty assessment.
    out = (
        grid[["indicator_id", "area_id", "i_order", "a_order"]]
        .merge(latest, on=["indicator_id", "area_id"], how="left")
        .sort_values(["i_order", "a_order"])
    )
    empty = out["period_code"].isna()
    out.loc[empty, "rag"] = "no_data"
    for col in ("direction_previous", "direction_year"):
        out.loc[empty, col] = rules.NOT_COMPARABLE
    out.loc[empty, "forecast_status"] = rules.NO_FORECAST
    out.loc[empty, "significance"] = rules.NOT_COMPARED
    return out[OUTPUT_COLUMNS].reset_index(drop=True)


def _direction(latest: pd.DataFrame, which: str, judged: np.ndarray) -> np.ndarray:
    cur = latest["value"].to_numpy()
    prev = latest[f"{which}_value"].to_numpy()
    c_lo, c_hi = latest["ci_lower"].to_numpy(), latest["ci_upper"].to_numpy()
    p_lo, p_hi = latest[f"{which}_lo"].to_numpy(), latest[f"{which}_hi"].to_numpy()
    both_ci = ~(np.isnan(c_lo) | np.isnan(c_hi) | np.isnan(p_lo) | np.isnan(p_hi))
    overlap = both_ci & (c_lo <= p_hi) & (p_lo <= c_hi)
    change = cur - prev
    small = np.abs(change) <= rules.NO_CHANGE_SHARE * np.maximum(np.abs(cur), np.abs(prev))
    better = np.where(latest["polarity"].to_numpy() == HIGHER, change > 0, change < 0)
    return np.select(
        [np.isnan(prev) | ~judged, overlap | small, better],
        [rules.NOT_COMPARABLE, rules.NO_CHANGE, rules.IMPROVING],
        default=rules.WORSENING,
    )


def _rag(value, target, polarity, tolerance_kind, tolerance) -> np.ndarray:
    short = np.where(polarity == HIGHER, target - value, value - target)
    slack = rules._EPSILON * np.maximum(1.0, np.abs(target))
    allowed = np.where(
        tolerance_kind == rules.ABSOLUTE,
        np.abs(tolerance),
        np.abs(target) * np.abs(tolerance) / 100.0,
    )
    return np.select(
        [short <= slack, short <= allowed + slack], [rules.GREEN, rules.AMBER], default=rules.RED
    )


def _data_due(frequency: np.ndarray, end: np.ndarray, rep_start, rep_end) -> np.ndarray:
    """rules.data_due for figures whose last period ended on `end`."""
    every = (frequency == rules.MONTHLY) | (frequency == rules.QUARTERLY)
    ad_hoc = frequency == rules.AD_HOC
    step = np.where(frequency == rules.BIENNIAL, 2, 1)
    y, m, d = _ymd(end)
    rs_year = rep_start.astype("datetime64[Y]").astype(int) + 1970
    re_year = rep_end.astype("datetime64[Y]").astype(int) + 1970
    yearly = np.zeros(len(end), dtype=bool)
    for year in range(rs_year - 1, re_year + 2):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        day = np.where((m == 2) & (d == 29) & (not leap), 28, d)
        anniversary = _date(np.full_like(y, year), m, day)
        yearly |= ((year - y) % step == 0) & (rep_start <= anniversary) & (anniversary <= rep_end)
    in_report = (rep_start <= end) & (end <= rep_end)
    return np.where(every, True, np.where(ad_hoc, in_report, yearly))


def _targets(f: Frames, ind_ids: pd.Series, area_ids: pd.Series) -> pd.DataFrame:
    """Live targets for the assessed areas: their own, and those of live groups they belong
    to, each with its period's code, start, end and whether it is the area's own."""
    t = f.targets[f.targets["indicator_id"].isin(ind_ids)]
    own = t[t["area_id"].isin(area_ids)].assign(own=True)
    members = f.members[f.members["area_id"].isin(area_ids)]
    grouped = (
        t[t["area_group_id"].notna()]
        .drop(columns="area_id")
        .merge(members.rename(columns={"areagroup_id": "area_group_id"}), on="area_group_id")
        .assign(own=False)
    )
    both = pd.concat([own, grouped], ignore_index=True)
    both["area_id"] = both["area_id"].astype("int64")
    periods = f.periods.rename(
        columns={"id": "period_id", "code": "t_code", "start": "t_start", "end": "t_end"}
    )[["period_id", "t_code", "t_start", "t_end"]]
    both = both.merge(periods, on="period_id")
    both["t_start"] = both["t_start"].to_numpy().astype("datetime64[D]")
    both["t_end"] = both["t_end"].to_numpy().astype("datetime64[D]")
    return both.rename(columns={"period_id": "t_period_id", "value": "t_value"})[
        ["indicator_id", "area_id", "t_period_id", "t_code", "t_start", "t_end", "t_value", "own"]
    ]


def _target_for(latest: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The target for each latest figure: for its own period, else the shortest containing the
    end of its period; the area's own before a group's."""
    keys = latest[["indicator_id", "area_id", "period_id", "end"]].reset_index()
    c = keys.merge(targets, on=["indicator_id", "area_id"])
    exact = (c["t_period_id"] == c["period_id"]).to_numpy()
    contains = ((c["t_start"] <= c["end"]) & (c["end"] <= c["t_end"])).to_numpy()
    c = c.assign(
        k1=np.where(exact, 0, 1),
        k2=~c["own"].to_numpy(bool),
        k3=np.where(exact, 0, (c["t_end"] - c["t_start"]).dt.days),
    )[exact | contains]
    best = c.sort_values(["index", "k1", "k2", "k3"]).drop_duplicates("index")
    return keys[["index"]].merge(best[["index", "t_value", "t_code"]], on="index", how="left")


def _final_target(latest: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The target ending last, if it ends after the latest figure's period (own first)."""
    keys = latest[["indicator_id", "area_id", "end"]].reset_index()
    c = keys.merge(targets, on=["indicator_id", "area_id"])
    c = c[c["t_end"] > c["end"]]
    c = c.assign(length=(c["t_end"] - c["t_start"]).dt.days)
    best = c.sort_values(["index", "t_end", "own", "length"], ascending=[True, False, False, True])
    best = best.drop_duplicates("index")
    return keys[["index"]].merge(best[["index", "t_value", "t_end"]], on="index", how="left")


def _forecast(
    latest: pd.DataFrame, fig: _Figures, periods: pd.DataFrame, neighbours: pd.DataFrame
) -> pd.DataFrame:
    """Least squares through the figures of the last `forecast_points` periods (the latest
    figure's period and those before it, one after another; x = each period's last day),
    projected to the end of the final target's period, within the indicator's limits."""
    aiming = latest.loc[
        latest["final_value"].notna(), ["indicator_id", "area_id", "period_id", "forecast_points"]
    ]
    previous = neighbours.set_index("period_id")["prev_id"]
    links = [aiming]
    current = aiming
    for step in range(1, int(aiming["forecast_points"].max()) if len(aiming) else 0):
        current = current.assign(period_id=current["period_id"].map(previous))
        current = current[current["period_id"].notna() & (current["forecast_points"] > step)]
        if current.empty:
            break
        current = current.assign(period_id=current["period_id"].astype("int64"))
        links.append(current)
    chain = pd.concat(links, ignore_index=True)
    at = fig.find(chain["indicator_id"].to_numpy(), chain["area_id"], chain["period_id"])
    points = chain.loc[at >= 0, ["indicator_id", "area_id"]].assign(
        value=fig.value[at[at >= 0]],
        x=_ordinal(periods["end"].to_numpy().astype("datetime64[D]")[fig.ppos[at[at >= 0]]]),
    )
    group = points.groupby(["indicator_id", "area_id"], sort=False)
    points = points.assign(mx=group["x"].transform("mean"), my=group["value"].transform("mean"))
    points = points.assign(
        dxx=(points["x"] - points["mx"]) ** 2,
        dxy=(points["x"] - points["mx"]) * (points["value"] - points["my"]),
    )
    stats = (
        points.groupby(["indicator_id", "area_id"], sort=False)
        .agg(
            k=("x", "size"),
            mx=("mx", "first"),
            my=("my", "first"),
            sxx=("dxx", "sum"),
            sxy=("dxy", "sum"),
        )
        .reset_index()
    )
    latest = latest.merge(stats, on=["indicator_id", "area_id"], how="left")
    ok = (latest["k"] >= rules.MIN_FORECAST_POINTS) & (latest["sxx"] != 0)
    target_x = _ordinal(latest["final_end"].to_numpy().astype("datetime64[D]"))
    slope = latest["sxy"] / latest["sxx"].where(ok)
    forecast = latest["my"] + slope * (target_x - latest["mx"])
    forecast = forecast.where(ok)
    forecast = np.fmax(forecast, latest["minimum"]).where(ok)
    forecast = np.fmin(forecast, latest["maximum"]).where(ok)
    latest["forecast_value"] = forecast
    judged = latest["polarity"].isin([HIGHER, LOWER]).to_numpy()
    has = forecast.notna().to_numpy() & judged
    status = _rag(
        forecast.to_numpy(),
        latest["final_value"].to_numpy(),
        latest["polarity"].to_numpy(),
        latest["tolerance_kind"].to_numpy(),
        latest["tolerance"].to_numpy(),
    )
    mapped = (
        pd.Series(status)
        .map({rules.GREEN: rules.ON_TRACK, rules.AMBER: rules.AT_RISK, rules.RED: rules.OFF_TRACK})
        .to_numpy()
    )
    latest["forecast_status"] = np.where(has, mapped, rules.NO_FORECAST)
    return latest.drop(columns=["k", "mx", "my", "sxx", "sxy"])


def _comparators(
    latest: pd.DataFrame, f: Frames, fig: _Figures, area_ids: pd.Series
) -> pd.DataFrame:
    """The median of each area's comparator group (the first by name it anchors, the area
    itself left out) for the same indicator and period."""
    groups = f.groups[(f.groups["kind"] == "comparator") & f.groups["anchor_id"].isin(area_ids)]
    groups = groups.sort_values(["name", "id"]).drop_duplicates("anchor_id")
    members = groups.merge(f.members, left_on="id", right_on="areagroup_id")
    members = members[members["area_id"] != members["anchor_id"]]
    pairs = members[["anchor_id", "area_id"]].rename(
        columns={"anchor_id": "area_id", "area_id": "member_id"}
    )
    pairs["area_id"] = pairs["area_id"].astype("int64")
    wanted = latest[["indicator_id", "area_id", "period_id"]].merge(pairs, on="area_id")
    at = fig.find(wanted["indicator_id"].to_numpy(), wanted["member_id"], wanted["period_id"])
    found = wanted[at >= 0].assign(value=fig.value[at[at >= 0]])
    medians = found.groupby(["indicator_id", "area_id"], sort=False)["value"].median()
    return latest.merge(
        medians.rename("comparator_value").reset_index(),
        on=["indicator_id", "area_id"],
        how="left",
    )


def _quartiles(
    latest: pd.DataFrame, fig: _Figures, areas: pd.DataFrame, chosen: pd.DataFrame
) -> pd.DataFrame:
    """Quartile among all areas of the same level with a figure for the same period: 1 + ⌊4 ×
    (strictly better) ÷ (with a figure)⌋, capped at 4."""
    classes = set(chosen["peer_class"])
    names = sorted(set(areas["peer_class"]))
    class_of = _table(areas["id"], [names.index(c) for c in areas["peer_class"]], -1, np.int16)
    peer_code = np.array([n in classes for n in names])
    sel = np.nonzero(_table(latest["period_id"].unique(), True, False, bool)[fig.period])[0]
    wanted = pd.Index(np.unique(_key(latest["indicator_id"], latest["period_id"])))
    sel = sel[wanted.get_indexer(_key(fig.ind[sel], fig.period[sel])) >= 0]
    codes = class_of[fig.area[sel]]
    sel = sel[(codes >= 0) & peer_code[np.maximum(codes, 0)]]
    cls = np.array(names, dtype=object)[class_of[fig.area[sel]]]
    peers = pd.DataFrame(
        {
            "indicator_id": fig.ind[sel],
            "period_id": fig.period[sel],
            "area_id": fig.area[sel],
            "value": fig.value[sel],
            "peer_class": cls,
        }
    )
    group = peers.groupby(["indicator_id", "period_id", "peer_class"], sort=False)["value"]
    peers = peers.assign(
        n=group.transform("size"),
        above=group.rank(method="min", ascending=False) - 1,
        below=group.rank(method="min", ascending=True) - 1,
    )
    latest = latest.merge(
        peers[["indicator_id", "period_id", "area_id", "n", "above", "below"]],
        on=["indicator_id", "period_id", "area_id"],
        how="left",
    )
    polarity = latest["polarity"].to_numpy()
    better = np.where(polarity == HIGHER, latest["above"], latest["below"])
    judged = (polarity == HIGHER) | (polarity == LOWER)
    quartile = np.minimum(4, 1 + (4 * better) // latest["n"].to_numpy())
    latest["quartile"] = pd.array(
        np.where(judged & ~np.isnan(quartile), quartile, np.nan), dtype="Int64"
    )
    return latest.drop(columns=["n", "above", "below"])
