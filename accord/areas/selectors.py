"""Reads of areas: each page's queries are fixed here, however many rows it shows."""

from django.db.models import Count, F, Prefetch, Q, QuerySet

from accord.areas.models import Area, AreaGroup
from accord.bodies.selectors import visible_bodies

# Parents are followed in one join up to this depth; deeper chains are unusual
# (county → borough → board area → forum area → neighbourhood → ward → LSOA).
ANCESTOR_DEPTH = 7


def area_list(*, kind: str = "", parent: Area | None = None, archived: bool = False) -> QuerySet:
    """Areas for the list page, with their parent's name and their number of child areas."""
    qs = Area.objects.all() if archived else Area.objects.live()
    if kind:
        qs = qs.filter(kind=kind)
    if parent is not None:
        qs = qs.filter(parent=parent)
    return (
        qs.select_related("parent")
        .annotate(child_count=Count("children", filter=Q(children__archived_on__isnull=True)))
        .order_by("name", "pk")
    )


def parent_choices() -> QuerySet:
    """Areas that contain other areas: the useful values of the 'part of' filter."""
    return Area.objects.live().filter(children__isnull=False).distinct().order_by("name")


def area_detail(*, pk: int) -> Area:
    """One area with its parent chain in a single query."""
    chain = "__".join(["parent"] * ANCESTOR_DEPTH)
    return Area.objects.select_related(chain).get(pk=pk)


def ancestors(area: Area) -> list[Area]:
    """The areas this one lies in, outermost first, using only what `area_detail` fetched."""
    found: list[Area] = []
    current = area
    parent_field = Area._meta.get_field("parent")
    while current.parent_id is not None and parent_field.is_cached(current):
        parent = current.parent
        if parent is None or parent in found or parent == area:
            break
        found.append(parent)
        current = parent
    return list(reversed(found))


def child_areas(area: Area) -> QuerySet:
    return area.children.live().order_by("kind", "name")


def footprint_bodies(area: Area, *, user) -> QuerySet:
    """The bodies whose area footprint this is, as far as this user may see them."""
    return (
        visible_bodies(user)
        .live()
        .filter(area=area)
        .order_by(F("ended_on").desc(nulls_first=True), "name")
    )


def area_groups(
    *,
    kind: str = "",
    anchor: int | None = None,
    member: int | None = None,
    archived: bool = False,
) -> QuerySet:
    """Named and comparator groups of areas with their anchor and members: three queries for
    any number of groups."""
    qs = AreaGroup.objects.all() if archived else AreaGroup.objects.live()
    if kind:
        qs = qs.filter(kind=kind)
    if anchor is not None:
        qs = qs.filter(anchor_id=anchor)
    if member is not None:
        qs = qs.filter(members__pk=member).distinct()
    members = Area.objects.only("pk", "name", "kind", "gss_code").order_by("name", "pk")
    return (
        qs.select_related("anchor")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("name", "pk")
    )
