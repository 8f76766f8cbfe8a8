"""Reads of actions: who may see which, the list with filters, and one action with its notes.

An action arising at a meeting is public once that meeting's minutes are agreed, unless it
arose at a restricted item; the body's members, the action's owner and managers see it at once."""

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accord.actions.models import OUTSTANDING_STATUSES, Action, ActionNote, ActionQuerySet
from accord.common.querysets import today
from accord.memberships.models import Membership


def _is_manager(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (getattr(user, "is_manager", False) or user.is_superuser)
    )


def _public_q() -> Q:
    from accord.meetings.models import AgendaItem, MeetingStatus

    hidden_origin = AgendaItem.objects.filter(pk=OuterRef("origin_id")).filter(
        Q(is_restricted=True) | ~Q(meeting__status=MeetingStatus.MINUTES_AGREED)
    )
    from_item = Q(origin_type__app_label="meetings", origin_type__model="agendaitem")
    hidden = Q(Exists(hidden_origin)) & from_item
    return (Q(body__isnull=True) | Q(body__is_published=True)) & ~hidden


def visible_actions(user: Any) -> ActionQuerySet:
    """Actions this user may read: managers all (archived too); others the live ones that are
    public, of their bodies, or their own."""
    qs: ActionQuerySet = Action.objects.all()  # type: ignore[assignment]
    if _is_manager(user):
        return qs
    allowed = _public_q()
    person_id = getattr(user, "person_id", None) if user is not None else None
    if user is not None and user.is_authenticated and person_id:
        mine = Membership.objects.current().filter(person_id=person_id).values("body_id")
        allowed |= Q(body_id__in=mine) | Q(owner_id=person_id)
    return qs.live().filter(allowed)


def action_list(
    *,
    user: Any,
    body: Any = None,
    owner: Any = None,
    status: str | None = None,
    outstanding: bool = False,
    overdue_on: dt.date | None = None,
    include_archived: bool = False,
) -> QuerySet[Action]:
    """Actions the user may read, soonest due first (undated last), with owner, organisation and
    body (one query)."""
    qs = visible_actions(user)
    if not include_archived:
        qs = qs.live()
    if body is not None:
        qs = qs.filter(body=body)
    if owner is not None:
        qs = qs.filter(owner=owner)
    if status:
        qs = qs.filter(status=status)
    if outstanding:
        qs = qs.filter(status__in=OUTSTANDING_STATUSES)
    if overdue_on is not None:
        qs = qs.filter(status__in=OUTSTANDING_STATUSES, due_on__lt=overdue_on)
    return qs.select_related("owner", "organisation", "body").order_by("status", "due_on", "pk")


def action_detail(*, pk: int, user: Any) -> Action:
    """One action with its owner, body, origin and live notes (three queries, four with an
    origin). Raises Action.DoesNotExist if there is none this user may read."""
    action = (
        visible_actions(user)
        .select_related("owner", "organisation", "body", "origin_type")
        .prefetch_related(
            Prefetch(
                "notes",
                queryset=ActionNote.objects.live().order_by("written_on", "pk"),
                to_attr="live_notes",
            )
        )
        .get(pk=pk)
    )
    return action


def is_overdue(action: Action, on: dt.date | None = None) -> bool:
    """Whether an outstanding action is past its due date."""
    return bool(action.is_outstanding and action.due_on and action.due_on < (on or today()))
