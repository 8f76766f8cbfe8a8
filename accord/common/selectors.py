"""Reads that cross the framework: what is new, and search across names."""

from dataclasses import dataclass

from django.db.models import Q


@dataclass
class SearchHit:
    kind: str
    name: str
    url: str
    detail: str


def search_framework(query: str, *, user, limit: int = 25) -> list[SearchHit]:
    """Bodies, organisations, people and areas whose names contain every word of `query`."""
    from accord.areas.models import Area
    from accord.bodies.models import Body
    from accord.organisations.models import Organisation
    from accord.people.models import Person

    words = [w for w in query.split() if w][:8]
    if not words:
        return []

    def matching(fields: list[str]) -> Q:
        q = Q()
        for word in words:
            any_field = Q()
            for field in fields:
                any_field |= Q(**{f"{field}__icontains": word})
            q &= any_field
        return q

    bodies = Body.objects.live().filter(matching(["name", "short_name"]))
    if not (user.is_authenticated and getattr(user, "is_manager", False)):
        bodies = bodies.filter(is_published=True)
    hits: list[SearchHit] = []
    for b in bodies.order_by("name")[:limit]:
        hits.append(SearchHit("Body", b.name, b.get_absolute_url(), b.get_kind_display()))
    for o in Organisation.objects.live().filter(matching(["name", "short_name"]))[:limit]:
        hits.append(SearchHit("Organisation", o.name, o.get_absolute_url(), o.get_sector_display()))
    for p in Person.objects.live().filter(matching(["name"]))[:limit]:
        hits.append(SearchHit("Person", str(p), p.get_absolute_url(), ""))
    for a in Area.objects.live().filter(matching(["name", "gss_code"]))[:limit]:
        hits.append(SearchHit("Area", a.name, a.get_absolute_url(), a.get_kind_display()))
    return hits


def recent_changes(*, user, limit: int = 10) -> list[dict]:
    """The latest changes to published framework records, newest first."""
    from accord.bodies.models import Body
    from accord.memberships.models import Membership

    rows: list[dict] = []
    for h in (
        Body.history.filter(is_published=True)
        .order_by("-history_date")
        .only("id", "name", "history_date", "history_type")[:limit]
    ):
        rows.append(
            {
                "when": h.history_date,
                "what": f"{h.name}",
                "how": {"+": "added", "~": "changed", "-": "removed"}[h.history_type],
                "url": f"/bodies/{h.id}/",
            }
        )
    for m in (
        Membership.history.filter(body__is_published=True)
        .select_related("person", "body")
        .order_by("-history_date")[:limit]
    ):
        rows.append(
            {
                "when": m.history_date,
                "what": f"{m.person} on {m.body}",
                "how": {"+": "joined", "~": "membership changed", "-": "removed"}[m.history_type],
                "url": f"/bodies/{m.body_id}/",
            }
        )
    rows.sort(key=lambda r: r["when"], reverse=True)
    return rows[:limit]
