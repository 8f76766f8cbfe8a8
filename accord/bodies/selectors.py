"""Reads of bodies and the framework they make: query shape lives here."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from accord.bodies.models import Body, BodyKind, Post
from accord.common.querysets import today
from accord.memberships.models import Membership, Role


def visible_bodies(user):
    """Bodies this user may see: managers see all; others see published bodies and their own."""
    qs = Body.objects.all()
    if user.is_authenticated and (user.is_manager or user.is_superuser):
        return qs
    if user.is_authenticated and user.person_id:
        own = Membership.objects.live().filter(person_id=user.person_id).values("body_id")
        return qs.filter(Q(is_published=True) | Q(pk__in=own))
    return qs.filter(is_published=True)


@dataclass
class TreeNode:
    body: Body
    children: list["TreeNode"] = field(default_factory=list)
    depth: int = 0


def _chairs_on(on: dt.date) -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.live()
        .as_of(on)
        .filter(role=Role.CHAIR)
        .select_related("person")
        .order_by("person__sort_name"),
        to_attr="chairs_then",
    )


def framework_tree(*, user, as_of: dt.date | None = None) -> list[TreeNode]:
    """The bodies in being on `as_of`, as a forest by reporting line, each with its chair(s)
    on that date and its successors (three queries, however many bodies)."""
    on = as_of or today()
    visible = visible_bodies(user).live()
    bodies = list(
        visible.as_of(on)
        .select_related("area", "parent")
        .prefetch_related(
            Prefetch("successors", queryset=visible.order_by("name"), to_attr="visible_successors"),
            _chairs_on(on),
        )
        .order_by("name")
    )
    nodes = {b.pk: TreeNode(b) for b in bodies}
    roots: list[TreeNode] = []
    for b in bodies:
        node = nodes[b.pk]
        parent = nodes.get(b.parent_id) if b.parent_id else None
        (parent.children if parent else roots).append(node)

    order = {k: i for i, k in enumerate(BodyKind.values)}

    def settle(items: list[TreeNode], depth: int) -> None:
        items.sort(key=lambda n: (order.get(n.body.kind, 99), n.body.name))
        for n in items:
            n.depth = depth
            settle(n.children, depth + 1)

    settle(roots, 0)
    return roots


def tree_size(roots: list[TreeNode]) -> int:
    return sum(1 + tree_size(n.children) for n in roots)


def framework_summary(*, user) -> dict:
    """Counts for the home page: bodies by kind, people and organisations in current bodies."""
    current = visible_bodies(user).live().current()
    by_kind = dict(current.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    labels = dict(BodyKind.choices)
    members = Membership.objects.current().filter(body__in=current.values("pk"))
    return {
        "bodies": sum(by_kind.values()),
        "by_kind": [
            (k, labels[k], n) for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "people": members.values("person").distinct().count(),
        "organisations": members.exclude(on_behalf_of=None)
        .values("on_behalf_of")
        .distinct()
        .count(),
        "roots": current.filter(parent__isnull=True).order_by("name"),
    }


BODY_STATUSES = {"current": "Current", "ended": "Ended", "all": "All"}


def body_list(*, user, kind: str = "", status: str = "current", query: str = ""):
    """Bodies for the list page, filtered, each with its parent, area and current member count."""
    members = (
        Membership.objects.current()
        .filter(body=OuterRef("pk"))
        .order_by()
        .values("body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    qs = (
        visible_bodies(user)
        .live()
        .select_related("parent", "area")
        .annotate(member_count=Coalesce(Subquery(members, output_field=IntegerField()), 0))
        .order_by("name")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if status == "current":
        qs = qs.current()
    elif status == "ended":
        qs = qs.filter(ended_on__lt=today())
    for word in query.split()[:8]:
        qs = qs.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    return qs


def body_detail(*, pk: int, user) -> Body:
    """One body with what its page shows, in a fixed number of queries.

    Sub-bodies, predecessors and successors are limited to those the user may see; members
    come with their person, organisations and seat; posts come with their current holders."""
    visible = visible_bodies(user)
    member_qs = Membership.objects.live().select_related(
        "person", "on_behalf_of", "nominated_by", "post"
    )
    post_qs = (
        Post.objects.live()
        .select_related("organisation")
        .prefetch_related(
            Prefetch(
                "holders",
                queryset=Membership.objects.current().select_related("person"),
                to_attr="current_holders",
            )
        )
        .order_by("position", "label")
    )
    return (
        visible.select_related("parent", "area", "area__parent")
        .prefetch_related(
            Prefetch("successors", queryset=visible.order_by("name"), to_attr="visible_successors"),
            Prefetch(
                "predecessors", queryset=visible.order_by("name"), to_attr="visible_predecessors"
            ),
            Prefetch(
                "children",
                queryset=visible.live().order_by("-ended_on", "name").select_related("area"),
                to_attr="visible_children",
            ),
            Prefetch(
                "memberships",
                queryset=member_qs.order_by("role", "person__sort_name"),
                to_attr="live_memberships",
            ),
            Prefetch("posts", queryset=post_qs, to_attr="live_posts"),
        )
        .get(pk=pk)
    )


ROLE_ORDER = {r: i for i, r in enumerate(Role.values)}


def split_memberships(memberships: list[Membership], on: dt.date | None = None) -> dict:
    """Current, past and future memberships, chairs first, then by role and name."""
    on = on or today()
    current, past, future = [], [], []
    for m in memberships:
        if m.end_date and m.end_date < on:
            past.append(m)
        elif m.start_date and m.start_date > on:
            future.append(m)
        else:
            current.append(m)

    def key(m):
        return (ROLE_ORDER.get(m.role, 99), m.person.sort_name)

    current.sort(key=key)
    future.sort(key=lambda m: (m.start_date, *key(m)))
    past.sort(key=lambda m: (-(m.end_date or dt.date.min).toordinal(), *key(m)))
    return {"current": current, "past": past, "future": future}


def body_choices(*, exclude_pk: int | None = None):
    """Live bodies for a select list (parents, successors)."""
    qs = Body.objects.live().order_by("name")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs
