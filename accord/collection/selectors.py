"""Reads of the collection cycle: a lead officer's returns, the rounds with their counts, late
returns, and the earlier figures a new one is checked against. Each is a fixed number of
queries however many returns there are."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from accord.collection import rules
from accord.collection.models import CollectionRound, Return, ReturnStatus, RoundStatus
from accord.indicators.models import Period
from accord.observations.models import Observation

RETURN_RELATED = ("round", "round__period", "indicator", "area", "lead_officer")
STATUS_ORDER = {
    ReturnStatus.RETURNED: 0,
    ReturnStatus.DUE: 1,
    ReturnStatus.SUBMITTED: 2,
    ReturnStatus.APPROVED: 3,
}
HISTORY_POINTS = 12


def can_manage(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("collection.add_collectionround"))


def _mark_overdue(returns: list[Return], today: dt.date) -> list[Return]:
    for r in returns:
        r.is_overdue = rules.is_overdue(r.round.deadline, r.status, today)  # type: ignore[attr-defined]
    return returns


def visible_returns(user: Any) -> QuerySet[Return]:
    """Returns this user may read: managers all; a lead officer their own; members of the body
    that owns an indicator its returns; the public none."""
    if not user.is_authenticated:
        return Return.objects.none()
    if can_manage(user):
        return Return.objects.all()
    from accord.accounts.permissions import body_roles

    mine = Q(lead_officer_id=user.person_id) if user.person_id else Q(pk__in=[])
    return Return.objects.filter(mine | Q(indicator__owning_body_id__in=list(body_roles(user))))


def my_returns(user: Any, *, today: dt.date) -> list[Return]:
    """The returns this user owes or has made in the open rounds, those sent back first, then
    by deadline (one query). Each carries `is_overdue`."""
    if not (user.is_authenticated and user.person_id):
        return []
    rows = list(
        Return.objects.live()
        .filter(
            lead_officer_id=user.person_id,
            round__status=RoundStatus.OPEN,
            round__archived_on__isnull=True,
        )
        .select_related(*RETURN_RELATED)
    )
    rows.sort(
        key=lambda r: (r.round.deadline, STATUS_ORDER[r.status], r.indicator.code, r.area.name)
    )
    return _mark_overdue(rows, today)


def _count(status: str) -> Count:
    return Count("returns", filter=Q(returns__archived_on__isnull=True, returns__status=status))


def _late(today: dt.date) -> Count:
    return Count(
        "returns",
        filter=Q(
            returns__archived_on__isnull=True,
            returns__status__in=rules.OUTSTANDING,
            deadline__lt=today,
        ),
    )


def annotate_counts(qs: QuerySet[CollectionRound], *, today: dt.date) -> QuerySet[CollectionRound]:
    """Rounds with their live returns counted by status and the late ones, as attributes
    n_total, n_due, n_submitted, n_returned, n_approved and n_late (in the same query)."""
    return qs.annotate(
        n_total=Count("returns", filter=Q(returns__archived_on__isnull=True)),
        n_due=_count(ReturnStatus.DUE),
        n_submitted=_count(ReturnStatus.SUBMITTED),
        n_returned=_count(ReturnStatus.RETURNED),
        n_approved=_count(ReturnStatus.APPROVED),
        n_late=_late(today),
    )


def rounds_with_counts(*, today: dt.date) -> list[CollectionRound]:
    """Every live round, latest deadline first, with its counts (one query)."""
    qs = CollectionRound.objects.live().select_related("period").order_by("-deadline", "-pk")
    return list(annotate_counts(qs, today=today))


@dataclass
class RoundDetail:
    round: CollectionRound
    returns: list[Return]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def late(self) -> list[Return]:
        return [r for r in self.returns if r.is_overdue]  # type: ignore[attr-defined]

    @property
    def total(self) -> int:
        return len(self.returns)


def round_detail(pk: int, *, today: dt.date) -> RoundDetail:
    """A round with all its live returns (late ones flagged) and their counts by status (two
    queries). Raises CollectionRound.DoesNotExist."""
    rnd = CollectionRound.objects.select_related("period", "created_by").get(pk=pk)
    returns = list(
        rnd.returns.live()
        .select_related("indicator", "area", "lead_officer")
        .order_by("indicator__code", "area__name", "pk")
    )
    for r in returns:
        r.round = rnd
    counts = {status: 0 for status in ReturnStatus.values}
    for r in returns:
        counts[r.status] += 1
    return RoundDetail(rnd, _mark_overdue(returns, today), counts)


def late_returns(*, today: dt.date, round_id: int | None = None) -> list[Return]:
    """Returns still owed after their round's deadline, in open rounds, oldest deadline first
    (one query)."""
    qs = Return.objects.live().filter(
        round__archived_on__isnull=True,
        round__status=RoundStatus.OPEN,
        round__deadline__lt=today,
        status__in=rules.OUTSTANDING,
    )
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    rows = list(
        qs.select_related(*RETURN_RELATED).order_by(
            "round__deadline", "indicator__code", "area__name", "pk"
        )
    )
    return _mark_overdue(rows, today)


def return_detail(pk: int, *, user: Any, today: dt.date) -> Return:
    """One return this user may read, with its round, indicator, area, people and figure (one
    query). Raises Return.DoesNotExist."""
    ret = (
        visible_returns(user)
        .select_related(
            *RETURN_RELATED,
            "indicator__owning_body",
            "observation",
            "submitted_by",
            "decided_by",
        )
        .get(pk=pk)
    )
    return _mark_overdue([ret], today)[0]


def figure_history(
    *, indicator_id: int, area_id: int, period: Period, points: int = HISTORY_POINTS
) -> list[Observation]:
    """The current figures for this indicator and area in periods of the same kind before
    `period`, oldest first: what a new figure is checked against (one query)."""
    rows = list(
        Observation.objects.current()
        .filter(
            indicator_id=indicator_id,
            area_id=area_id,
            breakdown="",
            suppressed=False,
            value__isnull=False,
            period__kind=period.kind,
            period__start__lt=period.start,
        )
        .select_related("period")
        .order_by("-period__start")[:points]
    )
    rows.reverse()
    return rows


@dataclass(frozen=True)
class Plausibility:
    previous: float | None
    previous_period: str
    limit: float | None
    history: tuple[Observation, ...] = ()

    def implausible(self, value: float) -> bool:
        return rules.is_implausible_change(self.previous, value, self.limit)


def plausibility(*, indicator: Any, area_id: int, period: Period) -> Plausibility:
    """How far a new figure may move from the latest one before it needs confirming (one
    query)."""
    history = figure_history(indicator_id=indicator.pk, area_id=area_id, period=period)
    values = [o.value for o in history if o.value is not None]
    return Plausibility(
        previous=values[-1] if values else None,
        previous_period=history[-1].period.code if history else "",
        limit=rules.plausible_change_limit(values, indicator.decimal_places),
        history=tuple(history),
    )
