"""Reads of timetables and their milestones: the query shape lives here, so each page makes a
fixed number of queries however many milestones there are."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from accord.common import querysets
from accord.common.models import ArchivableQuerySet
from accord.milestones.models import (
    OPEN_STATUSES,
    Milestone,
    MilestoneQuerySet,
    MilestoneStatus,
    Programme,
)

COMING_UP_DAYS = 42  # six weeks
WINDOWS = {14: "2 weeks", 42: "6 weeks", 91: "3 months", 182: "6 months", 365: "12 months"}

MILESTONE_RELATED = ("programme", "owner_body", "owner_organisation", "owner_person")


def can_manage(user) -> bool:
    return bool(user.is_authenticated and user.has_perm("milestones.change_milestone"))


def visible_programmes(user=None) -> ArchivableQuerySet:
    """Programmes this user may read: managers see all; everyone else those with no strategy
    or a published one."""
    qs = Programme.objects.all()
    if user is not None and can_manage(user):
        return qs
    return qs.filter(Q(strategy__isnull=True) | Q(strategy__is_published=True))


def visible_milestones(user=None) -> MilestoneQuerySet:
    """Live milestones of live programmes this user may read."""
    return Milestone.objects.live().filter(  # type: ignore[return-value]
        programme__in=visible_programmes(user).live().values("pk")
    )


@dataclass
class ProgrammeProgress:
    programme: Programme
    total: int
    done: int
    open: int
    overdue: int

    @property
    def other(self) -> int:
        """Missed or cancelled."""
        return self.total - self.done - self.open


def programme_progress(*, user, on: dt.date | None = None) -> list[ProgrammeProgress]:
    """Every live programme with its counts of milestones done, open and overdue (one query)."""
    on = on or querysets.today()
    live = Q(milestones__archived_on__isnull=True)
    open_ = live & Q(milestones__status__in=OPEN_STATUSES)
    rows = (
        visible_programmes(user)
        .live()
        .select_related("owning_body", "strategy")
        .annotate(
            n_total=Count("milestones", filter=live),
            n_done=Count("milestones", filter=live & Q(milestones__status=MilestoneStatus.DONE)),
            n_open=Count("milestones", filter=open_),
            n_overdue=Count("milestones", filter=open_ & Q(milestones__due_on__lt=on)),
        )
        .order_by("title")
    )
    return [
        ProgrammeProgress(p, p.n_total, p.n_done, p.n_open, p.n_overdue)  # type: ignore[attr-defined]
        for p in rows
    ]


def overdue(*, user, on: dt.date | None = None) -> list[Milestone]:
    """Open milestones past their day, across every programme, oldest first (one query)."""
    return list(
        visible_milestones(user)
        .overdue(on=on or querysets.today())
        .select_related(*MILESTONE_RELATED)
        .order_by("due_on", "position", "pk")
    )


def coming_up(*, user, on: dt.date | None = None, days: int = COMING_UP_DAYS) -> list[Milestone]:
    """Open milestones due from `on` to `days` later, soonest first (one query)."""
    return list(
        visible_milestones(user)
        .coming_up(days=days, on=on or querysets.today())
        .select_related(*MILESTONE_RELATED)
        .order_by("due_on", "position", "pk")
    )


def programme_detail(*, pk: int, user) -> Programme:
    """The programme with its owner, strategy and live milestones in order (two queries).
    Raises Programme.DoesNotExist if there is none this user may read."""
    return (
        visible_programmes(user)
        .select_related("owning_body", "strategy")
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.live()
                .select_related("owner_body", "owner_organisation", "owner_person")
                .order_by("due_on", "position", "pk"),
                to_attr="live_milestones",
            )
        )
        .get(pk=pk)
    )


def milestone_detail(*, pk: int, user) -> Milestone:
    """One milestone with its programme and owners (one query). Raises Milestone.DoesNotExist
    if there is none this user may read."""
    return (
        Milestone.objects.filter(programme__in=visible_programmes(user).values("pk"))
        .select_related(
            "programme",
            "programme__owning_body",
            "owner_body",
            "owner_organisation",
            "owner_person",
        )
        .get(pk=pk)
    )


def feed_milestones(*, programme: Programme | None = None) -> list[Milestone]:
    """The published milestones for the calendar feed, which anyone may subscribe to without
    signing in (one query)."""
    qs = visible_milestones(None)
    if programme is not None:
        qs = qs.filter(programme=programme)
    return list(qs.select_related(*MILESTONE_RELATED).order_by("due_on", "position", "pk"))
