"""Reads of strategies, their commitments, priorities and who is responsible: the query shape
of every strategy page lives here, each in a fixed number of queries however many rows."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q

from accord.bodies.models import Body, BodyKind
from accord.bodies.selectors import visible_bodies
from accord.common.models import end_of_day
from accord.people.models import Person
from accord.strategies.models import (
    Commitment,
    CommitmentKind,
    Priority,
    Responsibility,
    ResponsibilityRole,
    Strategy,
    StrategyKind,
    StrategyStatus,
)


def is_manager(user) -> bool:
    return bool(user.is_authenticated and (user.is_manager or user.is_superuser))


def visible_strategies(user):
    """Strategies this user may see: managers see all; everyone else sees published, live ones."""
    qs = Strategy.objects.all()
    if is_manager(user):
        return qs
    return qs.live().filter(is_published=True)


def visible_priorities(user):
    """Live priorities this user may see: those of no strategy, or of a strategy they may see."""
    return Priority.objects.live().filter(
        Q(strategy__isnull=True) | Q(strategy__in=visible_strategies(user))
    )


# --- The list ---------------------------------------------------------------------------------


@dataclass
class KindGroup:
    kind: str
    label: str
    strategies: list[Strategy]


def strategy_list(*, user, include_archived: bool = False) -> list[KindGroup]:
    """Visible strategies grouped by kind (in the order of StrategyKind), newest first, each with
    its owning body, what it delivers and revises, and what delivers it (two queries)."""
    visible = visible_strategies(user)
    qs = visible if include_archived else visible.live()
    strategies = list(
        qs.select_related(
            "owning_body", "area", "adopted_by", "delivers", "revises"
        ).prefetch_related(
            Prefetch(
                "delivered_by",
                queryset=visible.live().order_by("title"),
                to_attr="visible_deliverers",
            ),
            Prefetch(
                "revisions", queryset=visible.live().order_by("title"), to_attr="visible_revisions"
            ),
        )
    )
    visible_ids = {s.pk for s in strategies}
    groups = []
    for kind, label in StrategyKind.choices:
        rows = [s for s in strategies if s.kind == kind]
        for s in rows:
            # Links to strategies this user may not see are left out.
            s.visible_delivers = s.delivers if s.delivers_id in visible_ids else None
            s.visible_revises = s.revises if s.revises_id in visible_ids else None
        if rows:
            groups.append(KindGroup(kind, _plural(label), rows))
    return groups


def _plural(label: str) -> str:
    return label + "s" if not label.endswith("y") else label[:-1] + "ies"


# --- One strategy -----------------------------------------------------------------------------


def strategy_detail(*, pk: int, user) -> Strategy:
    """One strategy with the strategies it relates to (three queries)."""
    visible = visible_strategies(user)
    return (
        visible.select_related(
            "owning_body", "area", "adopted_by", "delivers", "revises", "delivers__owning_body"
        )
        .prefetch_related(
            Prefetch(
                "delivered_by",
                queryset=visible.live().select_related("owning_body").order_by("kind", "title"),
                to_attr="visible_deliverers",
            ),
            Prefetch(
                "revisions", queryset=visible.live().order_by("title"), to_attr="visible_revisions"
            ),
        )
        .get(pk=pk)
    )


def strategy_as_of(strategy: Strategy, on: dt.date) -> Strategy | None:
    """The strategy's recorded text on `on`, or None if it was not yet recorded."""
    try:
        return strategy.history.as_of(end_of_day(on))
    except Strategy.DoesNotExist:
        return None


@dataclass
class CommitmentNode:
    commitment: Commitment
    depth: int = 0
    children: list["CommitmentNode"] = field(default_factory=list)
    lead: Body | None = None
    contributors: list[Body] = field(default_factory=list)
    priorities: list[Priority] = field(default_factory=list)


def live_responsibilities(on: dt.date | None = None):
    """Responsibilities live now, or as they stood at the end of `on`."""
    return Responsibility.objects.live_on(on)


def _commitments(strategy: Strategy, on: dt.date | None) -> list[Commitment]:
    if on is None:
        return list(
            Commitment.objects.live().filter(strategy=strategy).order_by("position", "number")
        )
    when = end_of_day(on)
    then = Commitment.history.as_of(when).filter(strategy_id=strategy.pk)
    rows = [c for c in then if c.archived_on is None or c.archived_on >= when]
    rows.sort(key=lambda c: (c.position, _number_key(c.number)))
    return rows


def _number_key(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in number.replace("-", ".").split("."))


def commitment_tree(strategy: Strategy, *, user, on: dt.date | None = None) -> list[CommitmentNode]:
    """The strategy's commitments as a tree (commitment → outcomes → sub-outcomes), each with its
    lead and contributing bodies and the priorities that serve it — now, or as they were at the
    end of `on` (four queries, however many commitments)."""
    rows = _commitments(strategy, on)
    officer_ids = {c.lead_officer_id for c in rows if c.lead_officer_id}
    officers = Person.objects.in_bulk(officer_ids) if officer_ids else {}
    for c in rows:
        # Historical instances would fetch each officer on access: attach them from one query.
        c._state.fields_cache["lead_officer"] = officers.get(c.lead_officer_id)
    nodes = {c.pk: CommitmentNode(c) for c in rows}
    ids = list(nodes)
    responsibilities = (
        live_responsibilities(on)
        .filter(commitment_id__in=ids, body__in=visible_bodies(user))
        .select_related("body")
        .order_by("body__name")
    )
    for r in responsibilities:
        node = nodes[r.commitment_id]
        if r.role == ResponsibilityRole.LEAD:
            node.lead = r.body
        else:
            node.contributors.append(r.body)
    if on is None:
        links = (
            Priority.commitments.through.objects.filter(
                commitment_id__in=ids, priority__archived_on__isnull=True
            )
            .select_related("priority")
            .order_by("priority__position", "priority__title")
        )
        for link in links:
            nodes[link.commitment_id].priorities.append(link.priority)
    roots: list[CommitmentNode] = []
    for c in rows:
        node = nodes[c.pk]
        parent = nodes.get(c.parent_id) if c.parent_id else None
        (parent.children if parent else roots).append(node)

    def settle(items: list[CommitmentNode], depth: int) -> None:
        for n in items:
            n.depth = depth
            settle(n.children, depth + 1)

    settle(roots, 0)
    return roots


def flatten(nodes: list[CommitmentNode]) -> list[CommitmentNode]:
    out: list[CommitmentNode] = []
    for n in nodes:
        out.append(n)
        out.extend(flatten(n.children))
    return out


def strategy_priorities(strategy: Strategy, *, user):
    """Live priorities set by this strategy or serving its commitments (two queries)."""
    return (
        visible_priorities(user)
        .filter(Q(strategy=strategy) | Q(commitments__strategy=strategy))
        .distinct()
        .select_related("area", "action_group", "strategy")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.live()
                .filter(strategy__in=visible_strategies(user))
                .select_related("strategy")
                .order_by("strategy_id", "position"),
                to_attr="visible_commitments",
            )
        )
        .order_by("-valid_from", "position", "title")
    )


# --- Commitments and priorities ---------------------------------------------------------------


def commitment_detail(*, pk: int, user) -> Commitment:
    """A commitment of a strategy this user may see, with its strategy and delivery owner."""
    return Commitment.objects.select_related(
        "strategy", "strategy__owning_body", "lead_officer", "parent"
    ).get(pk=pk, strategy__in=visible_strategies(user))


def strategy_outline(strategy_id: int) -> dict[int, Commitment]:
    """Every live commitment of a strategy, by id, with delivery owners (one query)."""
    return {
        c.pk: c
        for c in Commitment.objects.live()
        .filter(strategy_id=strategy_id)
        .select_related("lead_officer")
        .order_by("position", "number")
    }


def ancestors(commitment: Commitment, outline: dict[int, Commitment]) -> list[Commitment]:
    chain = []
    current = outline.get(commitment.parent_id) if commitment.parent_id else None
    seen = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append(current)
        current = outline.get(current.parent_id) if current.parent_id else None
    return list(reversed(chain))


def descendants(commitment: Commitment, outline: dict[int, Commitment]) -> list[CommitmentNode]:
    """The outcomes and sub-outcomes beneath `commitment`, as a tree."""
    children: dict[int, list[Commitment]] = {}
    for c in outline.values():
        if c.parent_id:
            children.setdefault(c.parent_id, []).append(c)

    def build(pk: int, depth: int, seen: frozenset) -> list[CommitmentNode]:
        return [
            CommitmentNode(c, depth=depth, children=build(c.pk, depth + 1, seen | {c.pk}))
            for c in children.get(pk, [])
            if c.pk not in seen
        ]

    return build(commitment.pk, 0, frozenset({commitment.pk}))


def priority_detail(*, pk: int, user) -> Priority:
    return (
        Priority.objects.select_related(
            "area", "action_group", "action_group__parent", "strategy", "strategy__owning_body"
        )
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.live()
                .filter(strategy__in=visible_strategies(user))
                .select_related("strategy")
                .order_by("strategy_id", "position"),
                to_attr="visible_commitments",
            )
        )
        .get(pk=pk)
    )


def commitment_choices():
    """Live commitments of live strategies, for the priority form."""
    return (
        Commitment.objects.live()
        .filter(strategy__archived_on__isnull=True)
        .select_related("strategy")
        .order_by("strategy__kind", "strategy__title", "position", "number")
    )


# --- Gap analysis -----------------------------------------------------------------------------

GAP_BODY_KINDS = (BodyKind.THEMATIC, BodyKind.APB)


@dataclass
class Gaps:
    no_lead: list[Commitment]
    no_contributors: list[Commitment]
    bodies_leading_nothing: list[Body]
    priorities_unlinked: list[Priority]
    outcomes_without_owner: list[Commitment]

    @property
    def total(self) -> int:
        return (
            len(self.no_lead)
            + len(self.no_contributors)
            + len(self.bodies_leading_nothing)
            + len(self.priorities_unlinked)
            + len(self.outcomes_without_owner)
        )


def gap_analysis(*, user, strategy: Strategy | None = None) -> Gaps:
    """What the strategy is missing, in five queries: commitments with no lead or no
    contributors, thematic partnerships and area boards leading nothing, priorities serving no
    commitment and outcomes with no delivery owner."""
    strategies = visible_strategies(user).live()
    if strategy is not None:
        strategies = strategies.filter(pk=strategy.pk)
    commitments = Commitment.objects.live().filter(strategy__in=strategies)
    live = Responsibility.objects.live()
    top = commitments.filter(kind=CommitmentKind.COMMITMENT).select_related("strategy")
    order = ("strategy__title", "position", "number")
    no_lead = top.exclude(
        Exists(live.filter(commitment=OuterRef("pk"), role=ResponsibilityRole.LEAD))
    ).order_by(*order)
    no_contributors = top.exclude(
        Exists(live.filter(commitment=OuterRef("pk"), role=ResponsibilityRole.CONTRIBUTING))
    ).order_by(*order)
    leads = live.filter(
        body=OuterRef("pk"), role=ResponsibilityRole.LEAD, commitment__strategy__in=strategies
    )
    idle = (
        visible_bodies(user)
        .current()
        .filter(kind__in=GAP_BODY_KINDS)
        .exclude(Exists(leads))
        .order_by("kind", "name")
    )
    priorities = Priority.objects.live().filter(commitments__isnull=True)
    if strategy is not None:
        priorities = priorities.filter(strategy=strategy)
    else:
        priorities = priorities.filter(Q(strategy__isnull=True) | Q(strategy__in=strategies))
    unowned = (
        commitments.filter(
            kind__in=(CommitmentKind.OUTCOME, CommitmentKind.SUB_OUTCOME),
            lead_officer__isnull=True,
        )
        .select_related("strategy")
        .order_by(*order)
    )
    return Gaps(
        no_lead=list(no_lead),
        no_contributors=list(no_contributors),
        bodies_leading_nothing=list(idle),
        priorities_unlinked=list(priorities.select_related("strategy", "area").distinct()),
        outcomes_without_owner=list(unowned),
    )


def main_strategy(*, user) -> Strategy | None:
    """The adopted sustainable community strategy (the latest), where the matrix usually lives."""
    scs = visible_strategies(user).live().filter(kind=StrategyKind.SCS).order_by("-period_start")
    return scs.filter(status=StrategyStatus.ADOPTED).first() or scs.first()


# --- Area action plans ------------------------------------------------------------------------


@dataclass
class AreaBoard:
    board: Body
    plans: list[Strategy]
    steering_groups: list[Body]


def area_action_plans(*, user) -> list[AreaBoard]:
    """Each current area partnership board with its area action plans (adopted first), their
    priorities, each priority's action group and the steering group it reports to, and the
    board's steering groups (five queries)."""
    bodies = visible_bodies(user)
    boards = list(
        bodies.live()
        .current()
        .filter(kind=BodyKind.APB)
        .select_related("area")
        .prefetch_related(
            Prefetch(
                "children",
                queryset=bodies.live().current().filter(kind=BodyKind.STEERING).order_by("name"),
                to_attr="steering_groups",
            )
        )
        .order_by("name")
    )
    plans = list(
        visible_strategies(user)
        .live()
        .filter(kind=StrategyKind.AREA_ACTION_PLAN, owning_body__in=[b.pk for b in boards])
        .select_related("area", "adopted_by", "delivers")
        .prefetch_related(
            Prefetch(
                "priorities",
                queryset=Priority.objects.live()
                .select_related("action_group", "action_group__parent", "area")
                .prefetch_related(
                    Prefetch(
                        "commitments",
                        queryset=Commitment.objects.live()
                        .filter(strategy__in=visible_strategies(user))
                        .select_related("strategy"),
                        to_attr="visible_commitments",
                    )
                )
                .order_by("position", "title"),
                to_attr="live_priorities",
            )
        )
        .order_by("-adopted_on", "-period_start")
    )
    visible_body_ids = set(bodies.values_list("pk", flat=True)) if not is_manager(user) else None
    status_order = {StrategyStatus.ADOPTED: 0, StrategyStatus.CONSULTATION: 1}
    out = []
    for b in boards:
        mine = [p for p in plans if p.owning_body_id == b.pk]
        mine.sort(key=lambda p: status_order.get(p.status, 2))
        for p in mine:
            for pr in p.live_priorities:
                g = pr.action_group
                pr.visible_group = (
                    g if g and (visible_body_ids is None or g.pk in visible_body_ids) else None
                )
        out.append(AreaBoard(b, mine, b.steering_groups))
    return out
