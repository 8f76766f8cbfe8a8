"""Writes for targets: set one, revise it at the annual refresh, archive one set in error."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.common.services import StaleEditError, record_archive, record_create
from accord.indicators.models import Period
from accord.indicators.periods import PeriodError, PeriodSpec, period_for
from accord.targets import rules
from accord.targets.models import Target

TARGET_FIELDS = [
    "indicator",
    "period",
    "area",
    "area_group",
    "value",
    "baseline_value",
    "baseline_period",
    "kind",
    "provenance",
    "notes",
    "source",
]
# What the annual refresh may change. A different area is a different target, not a revision.
REVISABLE_FIELDS = [
    "indicator",
    "period",
    "value",
    "baseline_value",
    "baseline_period",
    "kind",
    "provenance",
    "notes",
    "source",
]
PERIOD_FIELDS = ("period", "baseline_period")


def _as_period(name: str, value: Any) -> Period | None:
    """A period given as text ("2010/11") or a spec becomes the stored Period."""
    if value is None or isinstance(value, Period):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return period_for(value if isinstance(value, PeriodSpec) else value.strip())
    except PeriodError as error:
        raise ValidationError({name: str(error)}) from None


def _resolve(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: _as_period(name, value) if name in PERIOD_FIELDS else value
        for name, value in fields.items()
    }


def _fmt(value: float) -> str:
    return f"{value:g}"


def _check_target(t: Target) -> None:
    errors: dict[str, str] = {}
    if not rules.for_one_footprint(t.area_id, t.area_group_id):
        message = (
            "Choose an area or a group of areas, not both."
            if t.area_id
            else "Choose the area or the group of areas the target is for."
        )
        errors["area"] = message
    if t.indicator.is_archived:
        errors["indicator"] = "That indicator is archived: choose one in the library."
    if (t.baseline_value is None) != (t.baseline_period_id is None):
        if t.baseline_value is None:
            errors["baseline_value"] = "Enter the baseline value, or leave out its period."
        else:
            errors["baseline_period"] = "Enter the period the baseline is for."
    elif t.baseline_period is not None and not rules.baseline_before_target(
        t.baseline_period.start, t.baseline_period.end, t.period.start, t.period.end
    ):
        errors["baseline_period"] = (
            f"The baseline period must come before the target period ({t.period.code})."
        )
    ind = t.indicator
    for name, value in (("value", t.value), ("baseline_value", t.baseline_value)):
        if value is None or name in errors:
            continue
        if not rules.percentage_in_bounds(ind.value_type, value):
            errors[name] = f"{ind.code} is a percentage: enter a number from 0 to 100."
        elif not rules.within_limits(value, ind.minimum, ind.maximum):
            low = _fmt(ind.minimum) if ind.minimum is not None else "no minimum"
            high = _fmt(ind.maximum) if ind.maximum is not None else "no maximum"
            errors[name] = f"{ind.code} runs from {low} to {high}: {_fmt(value)} is outside that."
    if errors:
        raise ValidationError(errors)


def target_create(*, fields: Mapping[str, Any], by: Any) -> Target:
    """Set a target for an indicator, a period and an area (or a group of areas)."""
    return record_create(Target, fields=_resolve(fields), by=by, validate=_check_target)


def target_revise(
    *,
    target: Target,
    changes: Mapping[str, Any],
    reason: str,
    expected_version: int | None,
    by: Any,
) -> Target:
    """Revise a target at the annual refresh: the old one is archived with the reason and the
    new one points back to it, so the earlier value, who changed it, when and why stay visible."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the target is being revised."})
    unknown = set(changes) - set(REVISABLE_FIELDS)
    if unknown:
        raise ValidationError(
            {name: "A revision cannot change this; set a new target instead." for name in unknown}
        )
    with transaction.atomic():
        current = Target.objects.select_for_update().get(pk=target.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        if current.is_archived:
            raise ValidationError(
                "This target is archived: revise the target that replaced it instead."
            )
        before = {name: getattr(current, name) for name in TARGET_FIELDS}
        after = {**before, **_resolve(changes)}
        if after == before:
            raise ValidationError(
                "Nothing was changed: a revision changes the value, the baseline, the period "
                "or the indicator."
            )
        record_archive(current, by=by, reason=f"Revised: {reason}", expected_version=None)
        return record_create(
            Target,
            fields={**after, "revision_of": current, "revision_reason": reason},
            by=by,
            validate=_check_target,
        )


def target_archive(*, target: Target, reason: str, expected_version: int | None, by: Any) -> Target:
    """Archive a target set in error; a target that changed is revised instead."""
    return record_archive(target, by=by, reason=reason, expected_version=expected_version)
