"""Writes of the collection cycle: open a round (and the returns it asks for), submit a return
(recording a provisional figure), send it back or approve it (locking the figure), close the
round."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accord.areas.models import Area, AreaKind
from accord.bodies.models import Body, BodyKind
from accord.collection import rules, selectors
from accord.collection.models import CollectionRound, Return, ReturnStatus, RoundStatus
from accord.common.services import StaleEditError, record_create, record_update
from accord.indicators.models import Frequency, Indicator, Period
from accord.indicators.periods import PeriodError, PeriodSpec, period_for
from accord.observations.models import Observation
from accord.observations.services import observation_lock, observation_record

ROUND_FIELDS = [
    "title",
    "period",
    "opens_on",
    "deadline",
    "instructions",
    "remind_days_before",
    "remind_days_after",
    "source",
]


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _fmt(value: float) -> str:
    return f"{value:,.6g}"


# --- Rounds ---------------------------------------------------------------------------------


def partnership_area() -> Area | None:
    """The top area of the partnership: the footprint of its current LSP board, or else the
    one borough on record."""
    body = (
        Body.objects.current()
        .filter(kind=BodyKind.LSP_BOARD, area__isnull=False, area__archived_on__isnull=True)
        .select_related("area")
        .order_by("-established_on", "pk")
        .first()
    )
    if body is not None:
        return body.area
    boroughs = list(Area.objects.current().filter(kind=AreaKind.BOROUGH)[:2])
    return boroughs[0] if len(boroughs) == 1 else None


def _period(value: Any) -> Period | None:
    if value is None or isinstance(value, Period):
        return value
    try:
        return period_for(value if isinstance(value, PeriodSpec) else str(value).strip())
    except PeriodError as error:
        raise ValidationError({"period": str(error)}) from None


def _check_round(r: CollectionRound) -> None:
    if r.deadline < r.opens_on:
        raise ValidationError({"deadline": "The deadline must be on or after the day it opens."})
    clash = (
        CollectionRound.objects.live()
        .filter(period=r.period, status=RoundStatus.OPEN)
        .exclude(pk=r.pk)
    )
    if r.status == RoundStatus.OPEN and clash.exists():
        raise ValidationError(
            {"period": f"A round for {r.period.code} is already open: close it first."}
        )


def returns_due(collection_round: CollectionRound, areas: Iterable[Area]) -> list[Return]:
    """The returns a round asks for, unsaved: one for each indicator in use that owes a figure
    for the round's period, for each of `areas` it is published for (two queries)."""
    period = collection_round.period
    indicators = list(Indicator.objects.in_use().order_by("code"))
    biennial = [i.pk for i in indicators if i.frequency == Frequency.BIENNIAL]
    first_years = {
        row["indicator"]: row["first"].year
        for row in Observation.objects.current()
        .filter(indicator_id__in=biennial)
        .values("indicator")
        .annotate(first=Min("period__start"))
    }
    areas = list(areas)
    now = timezone.now()
    by = collection_round.created_by
    return [
        Return(
            round=collection_round,
            indicator=indicator,
            area=area,
            lead_officer_id=indicator.lead_officer_id,
            created_by=by,
            modified_by=by,
            created_on=now,
            modified_on=now,
        )
        for indicator in indicators
        if rules.data_due_in_period(
            indicator.frequency, period.kind, period, first_year=first_years.get(indicator.pk)
        )
        for area in areas
        if rules.indicator_covers_area(indicator.geography, area.kind)
    ]


def round_open(
    *, fields: Mapping[str, Any], areas: Iterable[Area] | None = None, by: Any
) -> CollectionRound:
    """Open a round for a period and create the returns it asks for, for the partnership's top
    area or the areas given; each return goes to the indicator's lead officer."""
    fields = {**fields, "period": _period(fields.get("period"))}
    chosen = list(areas or [])
    with transaction.atomic():
        if not chosen:
            top = partnership_area()
            if top is None:
                raise ValidationError(
                    {"areas": "There is no borough on record: choose the areas to collect for."}
                )
            chosen = [top]
        collection_round = record_create(
            CollectionRound,
            fields={**fields, "status": RoundStatus.OPEN},
            by=by,
            validate=_check_round,
        )
        bulk_create_with_history(
            returns_due(collection_round, chosen), Return, default_user=_user(by)
        )
        return collection_round


def round_close(
    *, collection_round: CollectionRound, expected_version: int | None, by: Any
) -> CollectionRound:
    """Close a round: no more returns are submitted in it (approvals may still be made)."""
    with transaction.atomic():
        current = CollectionRound.objects.select_for_update().get(pk=collection_round.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        if current.status != RoundStatus.OPEN:
            raise ValidationError("This round is already closed.")
        return record_update(
            current,
            changes={"status": RoundStatus.CLOSED},
            by=by,
            expected_version=current.version,
        )


# --- Returns --------------------------------------------------------------------------------


def _locked(ret: Return, expected_version: int | None) -> Return:
    current = (
        Return.objects.select_for_update(of=("self",))
        .select_related("round", "round__period", "indicator", "area")
        .get(pk=ret.pk)
    )
    if expected_version is not None and current.version != expected_version:
        raise StaleEditError(current)
    if current.is_archived:
        raise ValidationError("This return is archived.")
    return current


def _check_figure(
    ret: Return,
    *,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    unusual_change_confirmed: bool,
) -> None:
    ind, period = ret.indicator, ret.round.period
    errors: dict[str, str] = {}
    if value is None:
        errors["value"] = f"Enter the figure for {period.code}."
    elif not rules.percentage_in_bounds(ind.value_type, value):
        errors["value"] = f"{ind.code} is a percentage: enter a number from 0 to 100."
    elif not rules.within_limits(value, ind.minimum, ind.maximum):
        low = _fmt(ind.minimum) if ind.minimum is not None else "no minimum"
        high = _fmt(ind.maximum) if ind.maximum is not None else "no maximum"
        errors["value"] = f"{ind.code} runs from {low} to {high}: {_fmt(value)} is outside that."
    if numerator is not None and numerator < 0:
        errors["numerator"] = "The numerator cannot be negative."
    if denominator is not None and denominator <= 0:
        errors["denominator"] = "The denominator must be more than 0."
    if value is not None and "value" not in errors and not unusual_change_confirmed:
        check = selectors.plausibility(indicator=ind, area_id=ret.area_id, period=period)
        if check.implausible(value) and check.previous is not None and check.limit is not None:
            errors["unusual_change_confirmed"] = (
                f"{_fmt(value)} is {_fmt(abs(value - check.previous))} away from "
                f"{_fmt(check.previous)} in {check.previous_period}; this indicator's "
                f"history makes changes of up to {_fmt(check.limit)} usual. Check the figure, "
                "then confirm it is right."
            )
    if errors:
        raise ValidationError(errors)


def return_submit(
    *,
    ret: Return,
    value: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
    commentary: str = "",
    unusual_change_confirmed: bool = False,
    expected_version: int | None,
    by: Any,
) -> Return:
    """A lead officer submits (or resubmits) the figure for a return: it is checked (limits,
    percentages, a change the indicator's history makes implausible must be confirmed) and
    recorded as a provisional figure, restating any earlier one."""
    with transaction.atomic():
        current = _locked(ret, expected_version)
        if not rules.can_submit(current.status, current.round.status):
            raise ValidationError(
                "This return cannot be submitted: it is approved or its round is closed."
            )
        _check_figure(
            current,
            value=value,
            numerator=numerator,
            denominator=denominator,
            unusual_change_confirmed=unusual_change_confirmed,
        )
        observation = observation_record(
            fields={
                "indicator": current.indicator,
                "period": current.round.period,
                "area": current.area,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "commentary": commentary,
                "status": "provisional",
                # A figure restated in a later round waits for approval again.
                "is_locked": False,
                "source": f"Return in the collection round {current.round.title}",
            },
            reason=f"Submitted in the collection round {current.round.title}",
            by=by,
        )
        return record_update(
            current,
            changes={
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "commentary": commentary,
                "unusual_change_confirmed": unusual_change_confirmed,
                "status": ReturnStatus.SUBMITTED,
                "submitted_on": timezone.now(),
                "submitted_by": _user(by),
                "observation": observation,
            },
            by=by,
            expected_version=current.version,
        )


def return_send_back(*, ret: Return, comment: str, expected_version: int | None, by: Any) -> Return:
    """A manager returns a submitted figure to its lead officer with a comment saying what to
    change."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Enter what the lead officer should change."})
    with transaction.atomic():
        current = _locked(ret, expected_version)
        if not rules.can_decide(current.status):
            raise ValidationError("Only a submitted return can be sent back.")
        if current.round.status != RoundStatus.OPEN:
            raise ValidationError("The round is closed, so the return cannot be resubmitted.")
        return record_update(
            current,
            changes={
                "status": ReturnStatus.RETURNED,
                "manager_comment": comment,
                "decided_on": timezone.now(),
                "decided_by": _user(by),
            },
            by=by,
            expected_version=current.version,
        )


def return_approve(
    *, ret: Return, comment: str = "", expected_version: int | None, by: Any
) -> Return:
    """A manager approves a submitted figure: it becomes final and locked, so from then on it
    changes only by restatement."""
    with transaction.atomic():
        current = _locked(ret, expected_version)
        if not rules.can_decide(current.status):
            raise ValidationError("Only a submitted return can be approved.")
        observation = (
            Observation.objects.select_for_update(of=("self",))
            .filter(collection_return__pk=current.pk)
            .first()
        )
        if observation is None or not observation.is_current or observation.is_archived:
            raise ValidationError(
                "The figure was changed after it was submitted: send the return back so the "
                "lead officer can check it."
            )
        observation_lock(observation=observation, by=by)
        changes: dict[str, Any] = {
            "status": ReturnStatus.APPROVED,
            "decided_on": timezone.now(),
            "decided_by": _user(by),
        }
        if comment.strip():
            changes["manager_comment"] = comment.strip()
        return record_update(current, changes=changes, by=by, expected_version=current.version)
