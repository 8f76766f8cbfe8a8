"""Reads that cross the framework: what is new, and search across names."""

from dataclasses import dataclass
from typing import Any

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
                "how": {"+": "body recorded", "~": "body changed", "-": "removed"}[h.history_type],
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
                "how": {"+": "membership recorded", "~": "membership changed", "-": "removed"}[
                    m.history_type
                ],
                "url": f"/bodies/{m.body_id}/",
            }
        )
    rows.sort(key=lambda r: r["when"], reverse=True)
    return rows[:limit]


HIDDEN_HISTORY_FIELDS = {"modified_on", "modified_by", "version", "created_on", "created_by"}


def history_for(
    obj, *, limit: int = 50, hide: set[str] | frozenset[str] = frozenset()
) -> list[dict]:
    """The record's changes, newest first, each with who, when and field-by-field differences.

    Foreign keys are shown by name, fetched in one query per related model."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    model = type(obj)
    fields = {f.name: f for f in model._meta.concrete_fields}
    entries: list[dict] = []
    fk_ids: dict[Any, set] = {}
    raw: list[tuple[Any, list[tuple[str, Any, Any]]]] = []
    for newer, older in zip(records, records[1:] + [None], strict=False):
        if len(raw) == limit:
            break
        changes: list[tuple[str, object, object]] = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                if change.field in HIDDEN_HISTORY_FIELDS or change.field in hide:
                    continue
                changes.append((change.field, change.old, change.new))
                f = fields.get(change.field)
                if f is not None and f.is_relation:
                    for v in (change.old, change.new):
                        if v is not None:
                            fk_ids.setdefault(f.related_model, set()).add(v)
        raw.append((newer, changes))
    names: dict[tuple[Any, Any], str] = {}
    for rel_model, ids in fk_ids.items():
        for o in rel_model._default_manager.filter(pk__in=ids):
            names[(rel_model, o.pk)] = str(o)

    def show(field_name: str, value: object) -> str:
        f = fields.get(field_name)
        if value is None or value == "":
            return ""
        if f is not None and f.is_relation:
            return names.get((f.related_model, value), f"#{value}")
        if f is not None and f.choices:
            return str(dict(f.choices).get(value, value))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return str(value)

    for newer, changes in raw:
        action = {"+": "Created", "~": "Changed", "-": "Removed"}[newer.history_type]
        if newer.history_type == "~" and any(c[0] == "archived_on" and c[2] for c in changes):
            action = "Archived"
        entries.append(
            {
                "action": action,
                "who": (newer.history_user.get_full_name() or newer.history_user.username)
                if newer.history_user
                else "the system",
                "when": newer.history_date,
                "changes": [
                    {
                        "field": str(fields[c[0]].verbose_name).capitalize()
                        if c[0] in fields
                        else c[0],
                        "old": show(c[0], c[1]),
                        "new": show(c[0], c[2]),
                    }
                    for c in changes
                ],
            }
        )
    return entries
