"""The golden thread: from a commitment down to what delivers it, and from any body up to the
commitments it serves.

The pages are a list of sections drawn from a registry, so later parts of Accord (indicators,
targets, actions, resources, decisions) add their own without touching the pages:

    from accord.strategies.thread import ThreadSection, thread_section

    @thread_section(direction="down", order=50)
    def indicators(commitment, user):
        rows = list(Indicator.objects.filter(outcome=commitment)...)   # a fixed number of queries
        return ThreadSection("Indicators", "indicators/_thread.html", {"indicators": rows})

registered from the app's AppConfig.ready(). A section function takes the subject (a
Commitment walking down, a Body walking up) and the user, and returns a ThreadSection or None
to leave itself out. Each section must make a fixed number of queries, whatever the rows."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Prefetch, Q
from django.utils.text import slugify

from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.strategies import selectors
from accord.strategies.models import Commitment, ResponsibilityRole

Direction = Literal["down", "up"]
DIRECTIONS = ("down", "up")


@dataclass
class ThreadSection:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    slug: str = ""
    intro: str = ""

    def __post_init__(self) -> None:
        if not self.slug:
            self.slug = slugify(self.title)


SectionFunc = Callable[[Any, Any], ThreadSection | None]


@dataclass(frozen=True)
class Registration:
    name: str
    direction: Direction
    order: int
    func: SectionFunc


_registry: dict[str, Registration] = {}


def thread_section(*, direction: Direction, order: int, name: str | None = None):
    """Register the decorated function as a section of the golden thread. Registering the same
    name again replaces the earlier one (so reloading a module does not double a section)."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}, not {direction!r}")

    def register(func: SectionFunc) -> SectionFunc:
        key = name or f"{func.__module__}.{func.__qualname__}"
        _registry[key] = Registration(key, direction, order, func)
        return func

    return register


def unregister(name: str) -> None:
    _registry.pop(name, None)


def registrations(direction: Direction) -> list[Registration]:
    return sorted(
        (r for r in _registry.values() if r.direction == direction),
        key=lambda r: (r.order, r.name),
    )


@contextmanager
def temporary_section(func: SectionFunc, *, direction: Direction, order: int) -> Iterator[str]:
    """Register a section for the length of a `with` block (for tests)."""
    key = f"temporary.{func.__module__}.{func.__qualname__}"
    thread_section(direction=direction, order=order, name=key)(func)
    try:
        yield key
    finally:
        unregister(key)


def sections_for(direction: Direction, subject: Any, user: Any) -> list[ThreadSection]:
    """The sections of the thread from `subject`, in order, leaving out those that decline."""
    out = []
    for reg in registrations(direction):
        section = reg.func(subject, user)
        if section is not None:
            out.append(section)
    return out


# --- Shared reads, fetched once per page and kept on the subject -------------------------------


def outline_of(commitment: Commitment) -> dict[int, Commitment]:
    """Every live commitment of the commitment's strategy (one query, cached on the object)."""
    cached = getattr(commitment, "_thread_outline", None)
    if cached is None:
        cached = selectors.strategy_outline(commitment.strategy_id)
        commitment._thread_outline = cached
    return cached


def family_of(body: Body, user: Any) -> dict[int, Body]:
    """Every body this user may see, by id, for walking up and down reporting lines (one query,
    cached on the object)."""
    cached = getattr(body, "_thread_family", None)
    if cached is None:
        cached = {b.pk: b for b in visible_bodies(user).only("id", "name", "kind", "parent_id")}
        body._thread_family = cached
    return cached


def reporting_line(body: Body, family: dict[int, Body]) -> list[Body]:
    """The bodies `body` reports to, nearest first."""
    chain, seen = [], {body.pk}
    current = family.get(body.parent_id) if body.parent_id else None
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = family.get(current.parent_id) if current.parent_id else None
    return chain


def sub_bodies(body: Body, family: dict[int, Body]) -> list[Body]:
    """Every body reporting to `body`, directly or through others."""
    children: dict[int, list[Body]] = {}
    for b in family.values():
        if b.parent_id:
            children.setdefault(b.parent_id, []).append(b)
    out, stack, seen = [], list(children.get(body.pk, [])), {body.pk}
    while stack:
        b = stack.pop()
        if b.pk in seen:
            continue
        seen.add(b.pk)
        out.append(b)
        stack.extend(children.get(b.pk, []))
    return sorted(out, key=lambda b: b.name)


def _can_change(user) -> bool:
    return user.has_perm("strategies.change_commitment")


# --- Walking down from a commitment -----------------------------------------------------------


@thread_section(direction="down", order=10, name="strategies.outcomes")
def outcomes(commitment: Commitment, user) -> ThreadSection:
    outline = outline_of(commitment)
    tree = selectors.descendants(commitment, outline)
    noun = "sub-outcomes" if commitment.kind == "outcome" else "outcomes and sub-outcomes"
    return ThreadSection(
        noun.capitalize(),
        "strategies/thread/_outcomes.html",
        {
            "nodes": selectors.flatten(tree),
            "commitment": commitment,
            "noun": noun,
            "can_change": _can_change(user) and not commitment.is_archived,
        },
        slug="outcomes",
    )


@thread_section(direction="down", order=20, name="strategies.priorities")
def priorities(commitment: Commitment, user) -> ThreadSection:
    outline = outline_of(commitment)
    subtree = [commitment.pk] + [
        n.commitment.pk for n in selectors.flatten(selectors.descendants(commitment, outline))
    ]
    rows = list(
        selectors.visible_priorities(user)
        .filter(commitments__in=subtree)
        .distinct()
        .select_related("action_group", "action_group__parent", "area", "strategy")
        .order_by("-valid_from", "position", "title")
    )
    return ThreadSection(
        "Priorities that serve it",
        "strategies/thread/_priorities.html",
        {"priorities": rows, "can_add": user.has_perm("strategies.add_priority")},
        slug="priorities",
    )


@thread_section(direction="down", order=30, name="strategies.bodies")
def responsible_bodies(commitment: Commitment, user) -> ThreadSection:
    outline = outline_of(commitment)
    chain = selectors.ancestors(commitment, outline)
    ids = [commitment.pk] + [c.pk for c in chain]
    rows = list(
        selectors.live_responsibilities()
        .filter(commitment_id__in=ids, body__in=visible_bodies(user))
        .select_related("body", "body__parent", "body__parent__parent")
        .order_by("role", "body__name")
    )
    for r in rows:
        r.through = outline.get(r.commitment_id) if r.commitment_id != commitment.pk else None
        line, b = [], r.body.parent
        if b is not None:
            line.append(b)
            if b.parent is not None:
                line.append(b.parent)
        r.reporting_line = line
    return ThreadSection(
        "Bodies responsible",
        "strategies/thread/_bodies.html",
        {
            "lead": [r for r in rows if r.role == ResponsibilityRole.LEAD],
            "contributors": [r for r in rows if r.role == ResponsibilityRole.CONTRIBUTING],
            "commitment": commitment,
        },
        slug="bodies",
    )


@thread_section(direction="down", order=40, name="strategies.delivery_owner")
def delivery_owner(commitment: Commitment, user) -> ThreadSection:
    outline = outline_of(commitment)
    below = [n.commitment for n in selectors.flatten(selectors.descendants(commitment, outline))]
    return ThreadSection(
        "Delivery owner",
        "strategies/thread/_owner.html",
        {
            "commitment": commitment,
            "owner": commitment.lead_officer,
            "below": below,
            "can_change": _can_change(user) and not commitment.is_archived,
        },
        slug="delivery-owner",
    )


# --- Walking up from a body -------------------------------------------------------------------


@thread_section(direction="up", order=10, name="strategies.reporting_line")
def where_it_sits(body: Body, user) -> ThreadSection:
    family = family_of(body, user)
    return ThreadSection(
        "Where it sits",
        "strategies/thread/_reporting_line.html",
        {"body": body, "line": reporting_line(body, family), "below": sub_bodies(body, family)},
        slug="where-it-sits",
    )


@thread_section(direction="up", order=20, name="strategies.commitments")
def commitments_served(body: Body, user) -> ThreadSection:
    family = family_of(body, user)
    below = sub_bodies(body, family)
    ids = [body.pk] + [b.pk for b in below]
    rows = list(
        selectors.live_responsibilities()
        .filter(
            body_id__in=ids,
            commitment__archived_on__isnull=True,
            commitment__strategy__in=selectors.visible_strategies(user).live(),
        )
        .select_related("commitment", "commitment__strategy", "body")
        .order_by(
            "commitment__strategy__kind",
            "commitment__strategy__title",
            "commitment__position",
            "role",
        )
    )
    groups: dict[int, dict] = {}
    for r in rows:
        g = groups.setdefault(
            r.commitment.strategy_id, {"strategy": r.commitment.strategy, "rows": []}
        )
        g["rows"].append(r)
    return ThreadSection(
        "Commitments it leads or contributes to",
        "strategies/thread/_commitments.html",
        {"groups": list(groups.values()), "body": body, "count": len(rows)},
        slug="commitments",
    )


@thread_section(direction="up", order=30, name="strategies.body_priorities")
def priorities_delivered(body: Body, user) -> ThreadSection | None:
    family = family_of(body, user)
    ids = [body.pk] + [b.pk for b in sub_bodies(body, family)]
    rows = list(
        selectors.visible_priorities(user)
        .filter(action_group_id__in=ids)
        .select_related("action_group", "strategy", "area")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.live()
                .filter(strategy__in=selectors.visible_strategies(user).live())
                .select_related("strategy")
                .order_by("strategy_id", "position"),
                to_attr="visible_commitments",
            )
        )
        .order_by("position", "title")
    )
    if not rows:
        return None
    return ThreadSection(
        "Priorities it delivers",
        "strategies/thread/_body_priorities.html",
        {"priorities": rows, "body": body},
        slug="priorities",
    )


@thread_section(direction="up", order=40, name="strategies.owned_strategies")
def strategies_owned(body: Body, user) -> ThreadSection | None:
    rows = list(
        selectors.visible_strategies(user)
        .live()
        .filter(Q(owning_body=body) | Q(adopted_by=body))
        .order_by("-period_start", "title")
    )
    if not rows:
        return None
    return ThreadSection(
        "Strategies it owns or adopted",
        "strategies/thread/_strategies.html",
        {"strategies": rows, "body": body},
        slug="strategies",
    )
