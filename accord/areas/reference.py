"""Reference areas: England, its nine regions and every current English local authority, the
codes they have been known by, and their nearest-neighbour comparator groups.

Benchmarks need the places a partnership compares itself with (England, its region, similar
authorities), and imports name areas by codes that change over time. Everything here comes from
the files in `accord/areas/data/` (see SOURCE.md there): nothing is typed in by hand except
England's own code.

`load_reference_areas` is idempotent: an area is matched by its GSS code, a code by (code, area),
a comparator group by its anchor, and only what is missing is made. The partnership's own
borough (Cheshire West and Chester, loaded by the example) is reused, never duplicated.

Rows are written in bulk (a few hundred areas, about a thousand codes) with their history, after
each one is checked with `full_clean`, as `record_create` would."""

import csv
import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

import accord.areas
from accord.areas.models import Area, AreaCode, AreaGroup, AreaGroupKind, AreaKind
from accord.areas.services import area_update

DATA = Path(accord.areas.__file__).resolve().parent / "data"
AUTHORITIES_FILE = DATA / "uk_local_authorities_future.csv"
REGIONS_FILE = DATA / "lookup_ltla24_region24.csv"
LTLA_CHANGES_FILE = DATA / "lookup_ltla_ltla.csv"
NEIGHBOURS_FILE = DATA / "oflog_nearest_neighbours.json"

ENGLAND_CODE = "E92000001"

MYSOCIETY = "mySociety, UK Local Authority Names and Codes (CC BY 4.0)"
ONS_OGL = (
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0; "
    "contains OS data © Crown copyright and database right"
)
ENGLAND_SOURCE = (
    "England's GSS code E92000001 as ONS uses it in its Explore Local Statistics data "
    f"(accord/observations/data/ons_explore_local_statistics/). {ONS_OGL}."
)
REGION_SOURCE = (
    "ONS regions (December 2024 codes) via geographr lookup_ltla24_region24: "
    f"accord/areas/data/lookup_ltla24_region24.csv. {ONS_OGL}."
)
AUTHORITIES_PATH = "accord/areas/data/uk_local_authorities_future.csv"
AUTHORITY_SOURCE = f"{MYSOCIETY}, row {{registry}}: {AUTHORITIES_PATH}. Region: {{region_source}}."
NEIGHBOURS_SOURCE = (
    "Oflog Local Authority Data Explorer nearest neighbours (communitiesuk/oflog-automated-text, "
    "src/lib/NN.json; Crown copyright, Open Government Licence v3.0, attribution Oflog/MHCLG): "
    "accord/areas/data/oflog_nearest_neighbours.json."
)

# mySociety's authority types, as the kinds of area Accord knows.
KIND_OF_TYPE = {
    "UA": AreaKind.BOROUGH,  # unitary authority
    "MD": AreaKind.BOROUGH,  # metropolitan district
    "LBO": AreaKind.BOROUGH,  # London borough
    "CC": AreaKind.BOROUGH,  # City of London
    "NMD": AreaKind.DISTRICT,  # non-metropolitan district
    "CTY": AreaKind.COUNTY,  # county council
}
# Left out: combined authorities (COMB) and the Greater London Authority (SRA), which are not
# local authority areas of their own (London is a region).

# Prefixes of AreaCode.note: a recode names the same area as before; a successor code names an
# area that has since become part of a larger one.
RECODED = "Same area, earlier code:"
SUCCEEDED = "Earlier authority, now part of this one:"
SNAC = "ONS SNAC code (the ONS code before GSS codes):"


@dataclass(frozen=True)
class Authority:
    registry: str
    name: str
    official_name: str
    gss_code: str
    type: str
    type_name: str
    region: str
    start: dt.date | None
    end: dt.date | None
    replaced_by: tuple[str, ...]
    former_gss_codes: tuple[str, ...]
    snac: str
    current: bool


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(code.strip() for code in text.split(",") if code.strip())


def english_authorities() -> list[Authority]:
    """Every English local authority in the mySociety register, current and former."""
    return [
        Authority(
            registry=row["local-authority-code"],
            name=row["nice-name"],
            official_name=row["official-name"],
            gss_code=row["gss-code"],
            type=row["local-authority-type"],
            type_name=row["local-authority-type-name"],
            region=row["region"],
            start=_date(row["start-date"]),
            end=_date(row["end-date"]),
            replaced_by=_codes(row["replaced-by"]),
            former_gss_codes=_codes(row["former-gss-codes"]),
            snac=row["snac"].strip(),
            current=row["current-authority"] == "True",
        )
        for row in _read_csv(AUTHORITIES_FILE)
        if row["nation"] == "England" and row["local-authority-type"] in KIND_OF_TYPE
    ]


def regions() -> dict[str, str]:
    """The nine English regions: name → GSS code."""
    return {row["region24_name"]: row["region24_code"] for row in _read_csv(REGIONS_FILE)}


def _stamp(obj: Any, by: Any) -> None:
    user = by if getattr(by, "is_authenticated", False) else None
    obj.created_by = obj.modified_by = user
    obj.created_on = obj.modified_on = timezone.now()
    # The related rows were read or made just now, so their existence is not checked again.
    related = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    obj.full_clean(exclude=related, validate_unique=False, validate_constraints=False)


def _bulk(model: type, rows: list, by: Any) -> list:
    if not rows:
        return []
    for row in rows:
        _stamp(row, by)
    user = by if getattr(by, "is_authenticated", False) else None
    return bulk_create_with_history(rows, model, default_user=user, batch_size=500)


def _live_by_code() -> dict[str, Area]:
    found: dict[str, Area] = {}
    for area in Area.objects.live().exclude(gss_code="").order_by("pk"):
        found.setdefault(area.gss_code, area)
    return found


def _load_areas(by: Any, authorities: list[Authority], counts: Counter) -> dict[str, Area]:
    region_codes = regions()
    existing = _live_by_code()

    england = existing.get(ENGLAND_CODE)
    if england is None:
        (england,) = _bulk(
            Area,
            [
                Area(
                    name="England",
                    kind=AreaKind.COUNTRY,
                    gss_code=ENGLAND_CODE,
                    description="England, the benchmark for every English authority.",
                    source=ENGLAND_SOURCE,
                )
            ],
            by,
        )
        counts["reference_areas"] += 1
    new_regions = [
        Area(
            name=name,
            kind=AreaKind.REGION,
            parent=england,
            gss_code=code,
            description=f"The {name} region of England.",
            source=REGION_SOURCE,
        )
        for name, code in sorted(region_codes.items(), key=lambda item: item[1])
        if code not in existing
    ]
    _bulk(Area, new_regions, by)
    counts["reference_areas"] += len(new_regions)
    by_code = _live_by_code()

    new_authorities = []
    for a in authorities:
        if not a.current:
            continue
        region = by_code[region_codes[a.region]]
        current = by_code.get(a.gss_code)
        if current is not None:
            if current.parent_id is None and current.kind != AreaKind.COUNTRY:
                # The example's borough arrives without a parent: it lies in its region.
                area_update(area=current, changes={"parent": region}, expected_version=None, by=by)
            continue
        new_authorities.append(
            Area(
                name=a.name,
                kind=KIND_OF_TYPE[a.type],
                parent=region,
                gss_code=a.gss_code,
                valid_from=a.start,
                description=f"{a.official_name}: {a.type_name.lower()}, {a.region}.",
                source=AUTHORITY_SOURCE.format(registry=a.registry, region_source=a.region),
            )
        )
    _bulk(Area, new_authorities, by)
    counts["reference_areas"] += len(new_authorities)
    return _live_by_code()


def _successors(authority: Authority, by_registry: dict[str, Authority]) -> set[str]:
    """The GSS codes of the current authorities that took over a former one's area, following
    chains (Taunton Deane → Somerset West and Taunton → Somerset)."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = list(authority.replaced_by)
    while todo:
        registry = todo.pop()
        if registry in seen or registry not in by_registry:
            continue
        seen.add(registry)
        successor = by_registry[registry]
        if successor.current:
            found.add(successor.gss_code)
        else:
            todo.extend(successor.replaced_by)
    return found


@dataclass(frozen=True)
class _Code:
    code: str
    area_code: str  # the GSS code of the area it resolves to
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str
    source: str


def code_changes(authorities: list[Authority]) -> list[_Code]:
    """Every earlier or other code of a current English authority that the data gives."""
    by_registry = {a.registry: a for a in authorities}
    found: dict[tuple[str, str], _Code] = {}

    def add(item: _Code) -> None:
        found.setdefault((item.code, item.area_code), item)

    for a in authorities:
        source = f"{MYSOCIETY}, row {a.registry}: {AUTHORITIES_PATH}."
        if a.current:
            if a.snac:
                add(_Code(a.snac, a.gss_code, a.start, None, f"{SNAC} {a.name}.", source))
            for former in a.former_gss_codes:
                add(
                    _Code(
                        former,
                        a.gss_code,
                        None,
                        None,
                        f"{RECODED} {a.name} was {former} before it was {a.gss_code}.",
                        source,
                    )
                )
            continue
        successors = _successors(a, by_registry)
        if len(successors) != 1:
            # Split between several authorities (Cumbria, Northamptonshire, North Yorkshire
            # County): its code cannot stand for any one of them.
            continue
        (successor,) = successors
        successor_name = next(x.name for x in authorities if x.gss_code == successor and x.current)
        ended = f" until {a.end.day} {a.end:%B %Y}" if a.end else ""
        note = f"{SUCCEEDED} {a.name}{ended}, now part of {successor_name}."
        for code in (a.gss_code, a.snac):
            if code:
                add(_Code(code, successor, a.start, a.end, note, source))

    current = {a.gss_code for a in authorities if a.current}
    rows = _read_csv(LTLA_CHANGES_FILE)
    columns = [c for c in rows[0] if c.endswith("_code")]
    targets: dict[str, set[str]] = {}
    first_seen: dict[str, str] = {}
    for row in rows:
        latest = row[columns[-1]]
        if not latest.startswith("E") or latest not in current:
            continue
        for column in columns[:-1]:
            code = row[column]
            if code != latest:
                targets.setdefault(code, set()).add(latest)
                first_seen.setdefault(code, column.split("_")[0])
    for code, areas in sorted(targets.items()):
        if len(areas) != 1:
            continue
        (area,) = areas
        add(
            _Code(
                code,
                area,
                None,
                None,
                f"{SUCCEEDED} district {code} of the ONS {first_seen[code]} lookup; "
                f"{area} by the 2024 lookup.",
                "ONS district lookups 2016–2024 via geographr lookup_ltla_ltla: "
                f"accord/areas/data/lookup_ltla_ltla.csv. {ONS_OGL}.",
            )
        )
    return list(found.values())


def _load_codes(by: Any, authorities: list[Authority], areas: dict[str, Area], counts: Counter):
    existing = set(AreaCode.objects.live().values_list("code", "area_id"))
    new = []
    for item in code_changes(authorities):
        area = areas.get(item.area_code)
        if area is None or item.code == area.gss_code or (item.code, area.pk) in existing:
            continue
        existing.add((item.code, area.pk))
        new.append(
            AreaCode(
                area=area,
                code=item.code,
                valid_from=item.valid_from,
                valid_to=item.valid_to,
                note=item.note,
                source=item.source,
            )
        )
    _bulk(AreaCode, new, by)
    counts["area_codes"] += len(new)


def nearest_neighbours() -> dict[str, list[str]]:
    """Each authority's nearest neighbours (GSS codes, itself left out, in the file's order)."""
    with NEIGHBOURS_FILE.open(encoding="utf-8") as f:
        data = json.load(f)
    return {
        anchor: [code for code in dict.fromkeys(codes) if code != anchor]
        for anchor, codes in data.items()
    }


def _load_groups(by: Any, areas: dict[str, Area], counts: Counter) -> None:
    have = set(
        AreaGroup.objects.live()
        .filter(kind=AreaGroupKind.COMPARATOR, anchor__isnull=False)
        .values_list("anchor_id", flat=True)
    )
    planned: list[tuple[AreaGroup, list[Area]]] = []
    for anchor_code, codes in sorted(nearest_neighbours().items()):
        anchor = areas.get(anchor_code)
        if anchor is None or anchor.pk in have or anchor.kind == AreaKind.REGION:
            continue
        members = [areas[c] for c in codes if c in areas]
        if not members:
            continue
        left_out = [c for c in codes if c not in areas]
        description = (
            f"The {len(members)} authorities Oflog lists as most similar to {anchor.name} "
            "(its nearest neighbours), for benchmarking. The anchor itself is not a member."
        )
        if left_out:
            description += (
                f" Left out, as they are no longer authorities: {', '.join(sorted(left_out))}."
            )
        group = AreaGroup(
            name=f"Nearest neighbours of {anchor.name}",
            kind=AreaGroupKind.COMPARATOR,
            anchor=anchor,
            description=description,
            source=NEIGHBOURS_SOURCE,
        )
        planned.append((group, members))
    # Both databases return the new ids from a bulk insert, so members can follow at once.
    made = _bulk(AreaGroup, [group for group, _ in planned], by)
    planned = [(g, members) for g, (_, members) in zip(made, planned, strict=True)]
    through = AreaGroup.members.through
    through.objects.bulk_create(
        [through(areagroup_id=g.pk, area_id=m.pk) for g, members in planned for m in members],
        batch_size=1000,
    )
    counts["area_groups"] += len(planned)


def load_reference_areas(*, by: Any = None) -> dict[str, int]:
    """Make England, the regions and the current English authorities with their codes and
    comparator groups, wherever they are missing. Returns how many of each were made."""
    counts: Counter = Counter()
    with transaction.atomic():
        authorities = english_authorities()
        areas = _load_areas(by, authorities, counts)
        _load_codes(by, authorities, areas, counts)
        _load_groups(by, areas, counts)
    return {name: counts[name] for name in ("reference_areas", "area_codes", "area_groups")}
