"""Reads of bodies and the framework they make: query shape lives here."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from accord.bodies.models import Body, BodyKind
from accord.common.querysets import today
from accord.memberships.models import Membership


def visible_bodies(user):
    """Bodies this user may see: managers see all; others see published bodies and their own."""
    qs = Body.objects.all()
    if user.is_authenticated and (user.is_manager or user.is_superuser):
        return qs
    if user.is_authenticated and user.person_id:
        return qs.filter(
            Q(is_published=True)
            | Q(memberships__person_id=user.person_id, memberships__archived_on__isnull=True)
        ).distinct()
    return qs.filter(is_published=True)


@dataclass
class TreeNode:
    body: Body
    children: list["TreeNode"] = field(default_factory=list)
    depth: int = 0


def framework_tree(*, user, as_of: dt.date | None = None) -> list[TreeNode]:
    """The bodies in being on `as_of`, as a forest by reporting line (one query)."""
    on = as_of or today()
    bodies = list(
        visible_bodies(user)
        .live()
        .as_of(on)
        .select_related("area")
        .prefetch_related("successors")
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


def framework_summary(*, user) -> dict:
    """Counts for the home page: bodies by kind, people and organisations in current bodies."""
    current = visible_bodies(user).live().current()
    by_kind = dict(current.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    labels = dict(BodyKind.choices)
    members = Membership.objects.current().filter(body__in=current.values("pk"))
    return {
        "bodies": sum(by_kind.values()),
        "by_kind": [(labels[k], n) for k, n in sorted(by_kind.items(), key=lambda kv: -kv[1])],
        "people": members.values("person").distinct().count(),
        "organisations": members.exclude(on_behalf_of=None)
        .values("on_behalf_of")
        .distinct()
        .count(),
        "roots": current.filter(parent__isnull=True).order_by("name"),
    }


def body_detail(*, pk: int, user) -> Body:
    """One body with what its page shows, in a fixed number of queries."""
    member_qs = Membership.objects.live().select_related("person", "on_behalf_of", "post")
    return (
        visible_bodies(user)
        .select_related("parent", "area", "area__parent")
        .prefetch_related(
            "successors",
            "predecessors",
            Prefetch("children", queryset=Body.objects.live().order_by("name")),
            Prefetch("memberships", queryset=member_qs.order_by("role", "person__sort_name")),
            "posts__organisation",
        )
        .get(pk=pk)
    )
