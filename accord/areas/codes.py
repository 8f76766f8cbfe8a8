"""Find areas by the codes that files name them with, following code changes over time.

A figure in an old file may name its area by a code that has since changed: a GSS code retired
when districts merged (Christchurch's E07000048, now part of Bournemouth, Christchurch and Poole),
an authority recoded without a boundary change (Northumberland's E06000048), or an ONS SNAC code
from before GSS codes (Cheshire West and Chester's 00EW). `AreaCode` rows record those, each for
the area that covers it now.

How a code is resolved, for a day `on` (today when not given):
1. a live area whose GSS code it is, if that area is in being on the day;
2. else a live `AreaCode` row with that code: rows whose span covers the day first, then those
   whose area is in being on the day, then the latest;
3. else a live area whose GSS code it is, even if not in being on the day;
4. an area reached through a code that is itself no longer in being is followed on through
   its own GSS code's `AreaCode` rows, up to a few steps.
A code that could mean several areas equally is left unresolved rather than guessed. Codes are
compared without case or surrounding spaces; the answer is keyed by the code as given.

Each step is one query for all the codes at once."""

import datetime as dt
from collections.abc import Iterable

from django.db.models.functions import Upper

from accord.areas.models import Area, AreaCode
from accord.common.querysets import today

# Code changes chain rarely (Taunton Deane → Somerset West and Taunton → Somerset); the
# reference loader already points old codes at today's areas, so this is a safety net.
MAX_STEPS = 4


def _normal(code: str) -> str:
    return code.strip().upper()


def _in_being(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    return (start is None or start <= day) and (end is None or end >= day)


def _pick_area(areas: list[Area], day: dt.date) -> Area | None:
    """Of several live areas with one GSS code: the one in being on the day, else the latest."""
    living = [a for a in areas if _in_being(a.valid_from, a.valid_to, day)]
    if living:
        return living[0] if len({a.pk for a in living}) == 1 else None
    return max(areas, key=lambda a: (a.valid_to or dt.date.max, a.pk))


def _pick_code(rows: list[AreaCode], day: dt.date) -> Area | None:
    """Of the AreaCode rows for one code: the best-ranked area, or None if that is a tie."""

    def rank(row: AreaCode) -> tuple:
        return (
            _in_being(row.valid_from, row.valid_to, day),
            _in_being(row.area.valid_from, row.area.valid_to, day),
            row.valid_to or dt.date.max,
        )

    best = max(rank(row) for row in rows)
    areas = {row.area_id: row.area for row in rows if rank(row) == best}
    return next(iter(areas.values())) if len(areas) == 1 else None


def _by_gss(codes: set[str]) -> dict[str, list[Area]]:
    found: dict[str, list[Area]] = {}
    # GSS codes are upper case by definition (E06000050), so the index on the column serves.
    for area in Area.objects.live().filter(gss_code__in=codes).order_by("pk"):
        found.setdefault(area.gss_code.upper(), []).append(area)
    return found


def _by_area_code(codes: set[str]) -> dict[str, list[AreaCode]]:
    found: dict[str, list[AreaCode]] = {}
    # Other codes may have been typed in any case; there are only some thousands of them.
    rows = (
        AreaCode.objects.live()
        .annotate(upper_code=Upper("code"))
        .filter(upper_code__in=codes, area__archived_on__isnull=True)
        .select_related("area")
        .order_by("pk")
    )
    for row in rows:
        found.setdefault(row.code.upper(), []).append(row)
    return found


def resolve_area_codes(codes: Iterable[str], on: dt.date | None = None) -> dict[str, Area]:
    """The area each code stands for on the day `on` (today if None), keyed by the code as
    given; codes that name no area, or several equally, are absent."""
    day = on or today()
    given = {code: _normal(code) for code in codes if isinstance(code, str) and code.strip()}
    wanted = set(given.values())
    if not wanted:
        return {}
    gss = _by_gss(wanted)
    rows = _by_area_code(wanted)

    resolved: dict[str, Area] = {}
    for code in wanted:
        areas = gss.get(code, [])
        area = _pick_area(areas, day) if areas else None
        if area is not None and _in_being(area.valid_from, area.valid_to, day):
            resolved[code] = area
            continue
        if code in rows:
            picked = _pick_code(rows[code], day)
            if picked is not None:
                resolved[code] = picked
                continue
            if not areas:
                continue
        if area is not None:
            resolved[code] = area

    # Follow areas that are no longer in being on the day through their own code's changes.
    for _ in range(MAX_STEPS):
        stale = {
            code: area.gss_code.upper()
            for code, area in resolved.items()
            if area.gss_code and not _in_being(area.valid_from, area.valid_to, day)
        }
        if not stale:
            break
        onward_rows = _by_area_code(set(stale.values()))
        moved = False
        for code, own in stale.items():
            if own in onward_rows:
                onward = _pick_code(onward_rows[own], day)
                if onward is not None and onward.pk != resolved[code].pk:
                    resolved[code] = onward
                    moved = True
        if not moved:
            break
    return {text: resolved[code] for text, code in given.items() if code in resolved}


def resolve_area_code(code: str, on: dt.date | None = None) -> Area | None:
    """The area one code stands for on the day `on` (today if None), or None."""
    return resolve_area_codes([code], on).get(code)
