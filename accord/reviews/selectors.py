"""Reads of indicator reviews. The grid of a review (partnership → outcome → lines) costs a fixed
number of queries however many partnerships, outcomes and indicators it holds."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q

from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.models import ArchivableQuerySet
from accord.indicators.models import Indicator, IndicatorStatus
from accord.reviews import rules
from accord.reviews.models import IndicatorReview, ReviewEntry
from accord.strategies.models import Commitment, Responsibility, ResponsibilityRole


def is_manager(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (getattr(user, "is_manager", False) or user.is_superuser)
    )


def visible_reviews(user: Any) -> ArchivableQuerySet:
    """Reviews this user may read: managers see all; everyone else the reviews of published
    strategies (the review is the partnership's own working paper, like the strategy)."""
    qs = IndicatorReview.objects.all()
    if is_manager(user):
        return qs
    return qs.filter(strategy__is_published=True, strategy__archived_on__isnull=True)


@dataclass
class ReviewSummary:
    review: IndicatorReview
    in_place: int
    decided: int
    proposed: int

    @property
    def undecided(self) -> int:
        return self.in_place - self.decided


def review_list(*, user: Any, include_archived: bool = False) -> list[ReviewSummary]:
    """Reviews, newest first, with their counts of lines decided and proposed (one query)."""
    live = Q(entries__archived_on__isnull=True)
    in_place = live & Q(entries__indicator__isnull=False)
    qs = visible_reviews(user)
    if not include_archived:
        qs = qs.live()
    rows = (
        qs.select_related("strategy")
        .annotate(
            n_in_place=Count("entries", filter=in_place),
            n_decided=Count(
                "entries",
                filter=in_place & Q(entries__decision__in=[rules.RETAIN, rules.DROP]),
            ),
            n_proposed=Count("entries", filter=live & Q(entries__indicator__isnull=True)),
        )
        .order_by("-created_on", "-pk")
    )
    return [
        ReviewSummary(r, r.n_in_place, r.n_decided, r.n_proposed)  # type: ignore[attr-defined]
        for r in rows
    ]


# --- Outcomes and their lead partnerships -----------------------------------------------------


@dataclass
class OutcomeLead:
    outcome: Commitment
    lead: Body | None


def _number_key(number: str) -> tuple:
    return tuple(
        (0, int(p), "") if p.isdigit() else (1, 0, p) for p in number.replace("-", ".").split(".")
    )


def outcome_leads(strategy_id: int) -> list[OutcomeLead]:
    """The live commitments and outcomes of a strategy in order, each with its lead body (its
    own, or the nearest one above it: two queries)."""
    outcomes = list(
        Commitment.objects.live().filter(strategy_id=strategy_id).order_by("position", "number")
    )
    by_id = {c.pk: c for c in outcomes}
    outcomes.sort(key=lambda c: _tree_key(c, by_id))
    leads = {
        r.commitment_id: r.body
        for r in Responsibility.objects.live()
        .filter(commitment__strategy_id=strategy_id, role=ResponsibilityRole.LEAD)
        .select_related("body")
    }
    parent_of = {c.pk: c.parent_id for c in outcomes}
    lead_ids = {cid: b.pk for cid, b in leads.items()}
    bodies = {b.pk: b for b in leads.values()}
    result = []
    for c in outcomes:
        lead_id = rules.inherited_lead(c.pk, parent_of, lead_ids)
        result.append(OutcomeLead(c, bodies.get(lead_id) if lead_id else None))
    return result


def _tree_key(c: Commitment, by_id: dict[int, Commitment]) -> tuple:
    # Outcomes sit right after the commitment they belong to, as the strategy reads.
    chain: list[tuple] = []
    seen: set[int] = set()
    current: Commitment | None = c
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        chain.append((current.position, _number_key(current.number), current.pk))
        current = by_id.get(current.parent_id) if current.parent_id else None
    return tuple(reversed(chain))


def in_use_indicators(outcome_ids: Iterable[int]) -> dict[int, list[Indicator]]:
    """The indicators in use for each outcome, by code (one query)."""
    links = (
        Indicator.outcomes.through.objects.filter(
            commitment_id__in=list(outcome_ids),
            indicator__status=IndicatorStatus.IN_USE,
            indicator__archived_on__isnull=True,
        )
        .select_related("indicator")
        .order_by("indicator__code")
    )
    found: dict[int, list[Indicator]] = {}
    for link in links:
        found.setdefault(link.commitment_id, []).append(link.indicator)
    return found


# --- The grid -------------------------------------------------------------------------------


@dataclass
class OutcomeBlock:
    outcome: Commitment
    in_place: list[ReviewEntry] = field(default_factory=list)
    proposed: list[ReviewEntry] = field(default_factory=list)


@dataclass
class PartnershipSection:
    body: Body
    outcomes: list[OutcomeBlock] = field(default_factory=list)

    @property
    def in_place(self) -> list[ReviewEntry]:
        return [e for o in self.outcomes for e in o.in_place]

    @property
    def proposed(self) -> list[ReviewEntry]:
        return [e for o in self.outcomes for e in o.proposed]

    @property
    def decided(self) -> int:
        return sum(e.decision in (rules.RETAIN, rules.DROP) for e in self.in_place)


@dataclass
class ReviewGrid:
    review: IndicatorReview
    sections: list[PartnershipSection]
    # Outcomes nobody leads: no partnership to review them.
    unled: list[Commitment]

    @property
    def entries(self) -> list[ReviewEntry]:
        return [e for s in self.sections for o in s.outcomes for e in o.in_place + o.proposed]

    @property
    def counts(self) -> dict[str, int]:
        in_place = [e for s in self.sections for e in s.in_place]
        return {
            "in_place": len(in_place),
            "retain": sum(e.decision == rules.RETAIN for e in in_place),
            "drop": sum(e.decision == rules.DROP for e in in_place),
            "undecided": sum(e.decision not in (rules.RETAIN, rules.DROP) for e in in_place),
            "proposed": sum(len(s.proposed) for s in self.sections),
        }


def review_detail(*, pk: int, user: Any) -> IndicatorReview:
    """One review with its strategy (one query). Raises IndicatorReview.DoesNotExist if there
    is none this user may read."""
    return visible_reviews(user).select_related("strategy").get(pk=pk)


def review_grid(
    review: IndicatorReview, *, user: Any = None, body: Body | None = None
) -> ReviewGrid:
    """The review laid out as the template: each partnership, the outcomes it leads, and under
    each the indicators in place and those proposed (four queries). With `body`, only that
    partnership's section. Partnerships the user may not see are left out."""
    leads = outcome_leads(review.strategy_id)
    entries = list(
        ReviewEntry.objects.live()
        .filter(review=review)
        .select_related("indicator", "body")
        .order_by("indicator__code", "proposed_title", "pk")
    )
    order = {ol.outcome.pk: i for i, ol in enumerate(leads)}
    outcomes = {ol.outcome.pk: ol.outcome for ol in leads}
    sections: dict[int, PartnershipSection] = {}
    blocks: dict[tuple[int, int], OutcomeBlock] = {}

    def block(b: Body, outcome: Commitment) -> OutcomeBlock:
        section = sections.setdefault(b.pk, PartnershipSection(b))
        key = (b.pk, outcome.pk)
        if key not in blocks:
            blocks[key] = OutcomeBlock(outcome)
            section.outcomes.append(blocks[key])
        return blocks[key]

    for ol in leads:
        if ol.lead is not None:
            block(ol.lead, ol.outcome)
    gone = {e.outcome_id for e in entries} - set(outcomes)
    if gone:
        # Outcomes archived since the review opened: their lines stay visible, at the end.
        for c in Commitment.objects.filter(pk__in=gone).order_by("number"):
            outcomes[c.pk] = c
            order[c.pk] = len(order)
    for e in entries:
        outcome = outcomes[e.outcome_id]
        e._state.fields_cache["outcome"] = outcome
        b = block(e.body, outcome)
        (b.in_place if e.indicator_id else b.proposed).append(e)
    result = sorted(sections.values(), key=lambda s: s.body.name.lower())
    for s in result:
        s.outcomes.sort(key=lambda b: order[b.outcome.pk])
    if body is not None:
        result = [s for s in result if s.body.pk == body.pk]
    if not is_manager(user):
        seen = set(visible_bodies(user or AnonymousUser()).values_list("pk", flat=True))
        result = [s for s in result if s.body.pk in seen]
    unled = [ol.outcome for ol in leads if ol.lead is None]
    return ReviewGrid(review, result, unled)


def entry_detail(*, pk: int, user: Any) -> ReviewEntry:
    """One line of a review the user may read, with its review, body, outcome and indicator
    (one query)."""
    return (
        ReviewEntry.objects.filter(review__in=visible_reviews(user))
        .select_related("review", "review__strategy", "body", "outcome", "indicator")
        .get(pk=pk)
    )
