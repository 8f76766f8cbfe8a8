"""Load the example partnership through the domain services, all at once or not at all."""

import csv
import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from django.db import transaction

import accord.areas
from accord.areas.models import Area, AreaKind
from accord.areas.services import area_create
from accord.bodies.models import Body
from accord.bodies.services import body_create, post_create
from accord.common.example import data
from accord.common.example.meetings import load_meetings
from accord.common.example.performance import load_performance
from accord.common.example.strategy import load_strategy
from accord.memberships.services import membership_create
from accord.organisations.services import organisation_create
from accord.people.services import employment_create, person_create

AREA_DATA = Path(accord.areas.__file__).resolve().parent / "data"
BOROUGH_FILE = AREA_DATA / "local_authority_cheshire_west_and_chester.csv"
WARDS_FILE = AREA_DATA / "wards_2021_cheshire_west_and_chester.csv"

BOROUGH_SOURCE = (
    "mySociety, UK Local Authority Names and Codes (CC BY 4.0), row CHW: "
    "accord/areas/data/local_authority_cheshire_west_and_chester.csv. "
    "The borough of seeds 001, 003 and 004."
)
WARD_SOURCE = (
    "ONS electoral wards, May 2021 (WD21), via geographr lookup_ward21_ltla21 (Open Government "
    "Licence v3.0; contains OS data © Crown copyright and database right): "
    "accord/areas/data/wards_2021_cheshire_west_and_chester.csv."
)
WARD_DESCRIPTION = (
    "Electoral ward of Cheshire West and Chester as at May 2021, with its 2021 ONS code. The wards "
    "of 2009–2012 differ; the shared data has no earlier ward list."
)


class ExampleAlreadyLoaded(Exception):
    """The database already holds a partnership; loading the example again would duplicate it."""


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _load_areas(by: Any, counts: Counter) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    (row,) = [r for r in _read_csv(BOROUGH_FILE) if r["gss-code"] == "E06000050"]
    borough = area_create(
        fields={
            "name": row["nice-name"],
            "kind": AreaKind.BOROUGH,
            "gss_code": row["gss-code"],
            "valid_from": dt.date.fromisoformat(row["start-date"]),
            "description": (
                f"{row['official-name']}: {row['local-authority-type-name'].lower()}, "
                f"{row['region']}."
            ),
            "source": BOROUGH_SOURCE,
        },
        by=by,
    )
    areas[data.BOROUGH] = borough
    for ward in _read_csv(WARDS_FILE):
        if ward["ltla21_code"] != borough.gss_code:
            continue
        areas[f"ward:{ward['ward21_name']}"] = area_create(
            fields={
                "name": ward["ward21_name"],
                "kind": AreaKind.WARD,
                "parent": borough,
                "gss_code": ward["ward21_code"],
                "description": WARD_DESCRIPTION,
                "source": WARD_SOURCE,
            },
            by=by,
        )
    for item in data.APB_AREAS:
        areas[item["key"]] = area_create(
            fields={
                "name": item["name"],
                "kind": AreaKind.APB_AREA,
                "parent": borough,
                "description": data.APB_AREA_DESCRIPTION,
                "source": data.APB_AREA_SOURCE,
            },
            by=by,
        )
    for item in data.NEIGHBOURHOOD_AREAS:
        description = (
            "A neighbourhood with its own neighbourhood management arrangements (seed 001). "
            "Its boundary is not given in the seeds."
        )
        if item["ward"]:
            description += (
                f" A 2021 ward is also called {item['ward']}; the seeds do not say the two match, "
                "so the neighbourhood is not linked to it."
            )
        areas[item["key"]] = area_create(
            fields={
                "name": item["name"],
                "kind": AreaKind.NEIGHBOURHOOD,
                "parent": borough,
                "description": description,
                "source": data.NEIGHBOURHOOD_SOURCE,
            },
            by=by,
        )
    counts["areas"] = len(areas)
    return areas


def _load_organisations(by: Any, counts: Counter) -> dict[str, Any]:
    organisations = {}
    for item in data.ORGANISATIONS:
        fields = {k: v for k, v in item.items() if k != "key"}
        organisations[item["key"]] = organisation_create(fields=fields, by=by)
    counts["organisations"] = len(organisations)
    return organisations


def _load_people(by: Any, organisations: dict[str, Any], counts: Counter) -> dict[str, Any]:
    people = {}
    for item in data.PEOPLE:
        fields = {k: v for k, v in item.items() if k not in {"key", "jobs"}}
        person = person_create(fields=fields, by=by)
        people[item["key"]] = person
        for org_key, job_title, source in item["jobs"]:
            employment_create(
                fields={
                    "person": person,
                    "organisation": organisations[org_key],
                    "job_title": job_title,
                    "source": source,
                },
                by=by,
            )
            counts["employments"] += 1
    counts["people"] = len(people)
    return people


def _load_bodies(by: Any, areas: dict[str, Area], counts: Counter) -> dict[str, Body]:
    bodies: dict[str, Body] = {}
    for item in data.BODIES:
        fields = {k: v for k, v in item.items() if k not in {"key", "parent", "area", "successors"}}
        if item.get("parent"):
            fields["parent"] = bodies[item["parent"]]
        if item.get("area"):
            fields["area"] = areas[item["area"]]
        successors = [bodies[k] for k in item.get("successors", [])]
        bodies[item["key"]] = body_create(fields=fields, successors=successors, by=by)
    counts["bodies"] = len(bodies)
    return bodies


def _load_posts(by: Any, bodies: dict[str, Body], organisations: dict[str, Any], counts: Counter):
    for position, item in enumerate(data.LSP_POSTS, start=1):
        source = data.LSP_POSTS_SOURCE.format(position)
        if item.get("note"):
            source += " " + item["note"]
        post_create(
            fields={
                "body": bodies["lsp"],
                "label": item["label"],
                "role": "co_opted" if item.get("co_opted") else "member",
                "organisation": organisations.get(item.get("organisation", "")),
                "sector": item.get("sector", ""),
                "is_co_opted": bool(item.get("co_opted")),
                "position": position,
                "source": source,
            },
            by=by,
        )
        counts["posts"] += 1


def _load_memberships(
    by: Any,
    bodies: dict[str, Body],
    people: dict[str, Any],
    organisations: dict[str, Any],
    counts: Counter,
) -> None:
    for item in data.MEMBERSHIPS:
        body = bodies[item["body"]]
        fields: dict[str, Any] = {
            "person": people[item["person"]],
            "body": body,
            "role": item["role"],
            "notes": item.get("notes", ""),
            "source": item["source"],
        }
        if item.get("on_behalf_of"):
            fields["on_behalf_of"] = organisations[item["on_behalf_of"]]
        if "has_vote" in item:
            fields["has_vote"] = item["has_vote"]
        if body.ended_on:
            # A membership cannot outlast its body; the seeds give no earlier end.
            fields["end_date"] = body.ended_on
        membership_create(fields=fields, by=by)
        counts["memberships"] += 1


def load_example(*, by: Any = None, performance: bool = True) -> dict[str, int]:
    """Load the example partnership and return how many records of each kind were made.

    Atomic: if anything fails, nothing is left behind. Refuses (ExampleAlreadyLoaded) if the
    database already has any body, so it never duplicates a partnership. `performance=False`
    leaves out the indicators and figures (tests of the framework alone load faster)."""
    counts: Counter = Counter()
    with transaction.atomic():
        if Body.objects.exists():
            raise ExampleAlreadyLoaded("The database already has bodies; nothing was loaded.")
        areas = _load_areas(by, counts)
        organisations = _load_organisations(by, counts)
        people = _load_people(by, organisations, counts)
        bodies = _load_bodies(by, areas, counts)
        _load_posts(by, bodies, organisations, counts)
        _load_memberships(by, bodies, people, organisations, counts)
        load_strategy(by=by, bodies=bodies, areas=areas, organisations=organisations, counts=counts)
        load_meetings(by=by, counts=counts)
        if performance:
            load_performance(by=by, bodies=bodies, areas=areas, people=people, counts=counts)
    order = [
        "areas",
        "organisations",
        "people",
        "employments",
        "bodies",
        "posts",
        "memberships",
        "strategies",
        "commitments",
        "responsibilities",
        "priorities",
        "programmes",
        "milestones",
        "venues",
        "meetings",
        "agenda_items",
        "attendance",
        "decisions",
        "actions",
        "forward_plan_items",
        "papers",
        "reference_areas",
        "area_codes",
        "area_groups",
        "library_indicators",
        "indicators_in_use",
        "import_batches",
        "observations",
        "targets",
        "collection_rounds",
        "returns",
        "returns_approved",
        "returns_late",
        "indicator_reviews",
        "review_entries",
        "case_studies",
    ]
    return {name: counts[name] for name in order if name in counts or performance}
