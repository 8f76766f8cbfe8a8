"""The partnership framework as a Popolo export (popoloproject.com): persons, organizations
(bodies and partner organisations), memberships, posts and areas.

Ids are prefixed by what they name ("body-3", "organisation-7") because bodies and partner
organisations share Popolo's `organizations`. Only live (not archived) records are exported, plus
any archived person, organisation or area an exported record still points to, so that every id
resolves. What the export holds follows the caller: bodies they may not see are left out with
their posts and memberships, and personal data (email, phone) appears only for people whose
personal data they may see — none at all in the public export. A fixed number of queries,
whatever the size of the framework."""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accord.accounts.permissions import personal_data_people
from accord.areas.models import Area
from accord.bodies.models import Body, Post
from accord.bodies.selectors import visible_bodies
from accord.memberships.models import Membership
from accord.organisations.models import Organisation
from accord.people.models import Person

# Schemes of org-id.guide for UK charities and companies; "gss" for ONS codes.
CHARITY_SCHEME = "GB-CHC"
COMPANY_SCHEME = "GB-COH"
GSS_SCHEME = "gss"


def _id(kind: str, pk: int | None) -> str | None:
    return f"{kind}-{pk}" if pk is not None else None


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _stamp(obj) -> dict[str, Any]:
    return {
        "created_at": obj.created_on.isoformat(),
        "updated_at": obj.modified_on.isoformat(),
    }


def _links(url: str, note: str) -> list[dict[str, str]]:
    return [{"url": url, "note": note}] if url else []


def _area(area: Area) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": _id("area", area.pk),
        "name": area.name,
        "classification": area.get_kind_display(),
        "parent_id": _id("area", area.parent_id),
        "identifiers": [],
        **_stamp(area),
    }
    if area.gss_code:
        out["identifier"] = area.gss_code
        out["identifiers"] = [{"scheme": GSS_SCHEME, "identifier": area.gss_code}]
    return out


def _body(body: Body, shown: set[int]) -> dict[str, Any]:
    other_names = [{"name": body.short_name, "note": "short name"}] if body.short_name else []
    return {
        "id": _id("body", body.pk),
        "name": body.name,
        "other_names": other_names,
        "identifiers": [],
        "classification": body.get_kind_display(),
        "parent_id": _id("body", body.parent_id) if body.parent_id in shown else None,
        "area_id": _id("area", body.area_id),
        "description": body.purpose or None,
        "founding_date": _date(body.established_on),
        "dissolution_date": _date(body.ended_on),
        **_stamp(body),
    }


def _organisation(org: Organisation) -> dict[str, Any]:
    identifiers = []
    if org.gss_code:
        identifiers.append({"scheme": GSS_SCHEME, "identifier": org.gss_code})
    if org.charity_number:
        identifiers.append({"scheme": CHARITY_SCHEME, "identifier": org.charity_number})
    if org.company_number:
        identifiers.append({"scheme": COMPANY_SCHEME, "identifier": org.company_number})
    other_names = [{"name": org.short_name, "note": "short name"}] if org.short_name else []
    return {
        "id": _id("organisation", org.pk),
        "name": org.name,
        "other_names": other_names,
        "identifiers": identifiers,
        "classification": org.get_kind_display(),
        "description": org.description or None,
        "founding_date": _date(org.start_date),
        "dissolution_date": _date(org.end_date),
        "links": _links(org.website, "website"),
        **_stamp(org),
    }


def _person(person: Person, personal: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": _id("person", person.pk),
        "name": person.name,
        "sort_name": person.sort_name or None,
        "honorific_prefix": person.honorific or None,
        "biography": person.biography or None,
        "contact_details": [],
        **_stamp(person),
    }
    if personal:
        if person.email:
            out["email"] = person.email
            out["contact_details"].append({"type": "email", "value": person.email})
        if person.phone:
            out["contact_details"].append({"type": "voice", "value": person.phone})
    return out


def _post(post: Post) -> dict[str, Any]:
    return {
        "id": _id("post", post.pk),
        "label": post.label,
        "role": post.role or None,
        "organization_id": _id("body", post.body_id),
        "start_date": _date(post.start_date),
        "end_date": _date(post.end_date),
        **_stamp(post),
    }


def _membership(m: Membership) -> dict[str, Any]:
    return {
        "id": _id("membership", m.pk),
        "label": f"{m.get_role_display()}, {m.body.name}",
        "role": m.get_role_display(),
        "person_id": _id("person", m.person_id),
        "organization_id": _id("body", m.body_id),
        "post_id": _id("post", m.post_id),
        "on_behalf_of_id": _id("organisation", m.on_behalf_of_id),
        "start_date": _date(m.start_date),
        "end_date": _date(m.end_date),
        **_stamp(m),
    }


def popolo_export(*, user) -> dict[str, Any]:
    """The framework `user` may see, as Popolo (seven queries at most)."""
    bodies = list(visible_bodies(user).live().order_by("name", "pk"))  # 1
    shown = {b.pk for b in bodies}
    memberships = list(
        Membership.objects.live()
        .filter(body_id__in=shown)
        .select_related("body")
        .order_by("body__name", "role", "person__sort_name", "pk")
    )  # 2
    posts = list(
        Post.objects.live().filter(body_id__in=shown).order_by("body__name", "position", "pk")
    )  # 3
    # Members' posts may have been archived; keep every post a membership points to.
    post_ids = {p.pk for p in posts}
    missing_posts = {m.post_id for m in memberships if m.post_id and m.post_id not in post_ids}
    if missing_posts:
        posts += list(Post.objects.filter(pk__in=missing_posts))  # 3b

    person_ids = {m.person_id for m in memberships}
    org_ids = {m.on_behalf_of_id for m in memberships if m.on_behalf_of_id}
    people = list(
        Person.objects.filter(Q(archived_on__isnull=True) | Q(pk__in=person_ids)).order_by(
            "sort_name", "name", "pk"
        )
    )  # 4
    organisations = list(
        Organisation.objects.filter(Q(archived_on__isnull=True) | Q(pk__in=org_ids)).order_by(
            "name", "pk"
        )
    )  # 5
    area_ids = {b.area_id for b in bodies if b.area_id}
    areas = list(
        Area.objects.filter(Q(archived_on__isnull=True) | Q(pk__in=area_ids)).order_by("name", "pk")
    )  # 6
    # Parents of exported areas must resolve too, even when archived.
    have = {a.pk for a in areas}
    for _ in range(10):
        wanted = {a.parent_id for a in areas if a.parent_id and a.parent_id not in have}
        if not wanted:
            break
        extra = list(Area.objects.filter(pk__in=wanted))
        areas += extra
        have |= {a.pk for a in extra}
    entitled = personal_data_people(user)  # 7 at most

    return {
        "meta": {
            "publisher": settings.ACCORD_PARTNERSHIP_NAME,
            "generator": "Accord",
            "generated_at": timezone.now().isoformat(),
        },
        "persons": [_person(p, entitled(p.pk)) for p in people],
        "organizations": [_body(b, shown) for b in bodies]
        + [_organisation(o) for o in organisations],
        "memberships": [_membership(m) for m in memberships],
        "posts": [_post(p) for p in posts],
        "areas": [_area(a) for a in areas],
    }
