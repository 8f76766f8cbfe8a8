"""Writes for the indicator library: add, change, archive, adopt a reference indicator for use,
and retire or replace one."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from accord.common.querysets import today
from accord.common.services import record_archive, record_create, record_update
from accord.indicators import rules
from accord.indicators.models import Indicator, IndicatorStatus

INDICATOR_FIELDS = [
    "code",
    "title",
    "title_source",
    "definition",
    "rationale",
    "scheme",
    "external_id",
    "theme",
    "unit",
    "value_type",
    "decimal_places",
    "minimum",
    "maximum",
    "polarity",
    "polarity_note",
    "frequency",
    "period_kind",
    "data_source",
    "geography",
    "lead_officer",
    "owning_body",
    "is_national",
    "status",
    "status_on",
    "status_reason",
    "replaced_by",
    "tolerance_kind",
    "tolerance",
    "forecast_points",
    "source",
]


def _next_replacement(pk: int) -> int | None:
    return Indicator.objects.filter(pk=pk).values_list("replaced_by_id", flat=True).first()


def check_indicator(ind: Indicator) -> None:
    """Every named rule that one indicator's own fields must keep, as field errors."""
    errors: dict[str, str] = {}
    if not rules.min_not_above_max(ind.minimum, ind.maximum):
        errors["maximum"] = "The highest possible value must not be below the lowest."
    if not rules.tolerance_not_negative(ind.tolerance):
        errors["tolerance"] = "Enter a tolerance of zero or more."
    elif not rules.relative_tolerance_within_100(ind.tolerance_kind, ind.tolerance):
        errors["tolerance"] = "A relative tolerance must be 100% of the target or less."
    if not rules.replaced_needs_successor(ind.status, ind.replaced_by_id):
        errors["replaced_by"] = "Choose the indicator that replaces this one."
    elif not rules.successor_only_when_replaced(ind.status, ind.replaced_by_id):
        errors["replaced_by"] = "Only a replaced indicator names the indicator that replaces it."
    elif not rules.replacement_has_no_loop(ind.pk, ind.replaced_by_id, _next_replacement):
        errors["replaced_by"] = (
            "An indicator cannot be replaced by itself, or by one that it replaces."
        )
    if not rules.retire_needs_reason(ind.status, ind.status_reason):
        errors["status_reason"] = "Enter why the indicator was retired or replaced."
    if not rules.retire_needs_date(ind.status, ind.status_on):
        errors["status_on"] = "Enter the date the indicator was retired or replaced."
    if errors:
        raise ValidationError(errors)


def _check_successor(successor: Indicator | None) -> None:
    if successor is not None and not rules.successor_is_current(
        successor.status, successor.is_archived
    ):
        raise ValidationError(
            {
                "replaced_by": f"{successor.code} is itself retired, replaced or archived: "
                "choose the indicator in use now."
            }
        )


def _split(fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Plain fields, and the outcomes (the one many-to-many field) when given."""
    plain = dict(fields)
    many = {"outcomes": list(plain.pop("outcomes"))} if "outcomes" in plain else {}
    return plain, many


def indicator_create(*, fields: dict[str, Any], by: Any) -> Indicator:
    """Add an indicator to the library (local ones are in use from the start)."""
    plain, many = _split(fields)
    _check_successor(plain.get("replaced_by"))
    return record_create(Indicator, fields=plain, by=by, validate=check_indicator, many=many)


def indicator_update(
    *, indicator: Indicator, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Indicator:
    plain, many = _split(changes)
    if "replaced_by" in plain and (
        getattr(plain["replaced_by"], "pk", None) != indicator.replaced_by_id
    ):
        _check_successor(plain["replaced_by"])
    if plain.get("status") == IndicatorStatus.IN_USE and indicator.status != IndicatorStatus.IN_USE:
        # Whatever asks (the adopt page, or the API changing the status), putting an indicator
        # into use keeps the adoption rules.
        _check_adoption(
            indicator,
            plain.get("lead_officer", indicator.lead_officer_id),
            plain.get("owning_body", indicator.owning_body_id),
        )
    return record_update(
        indicator,
        changes=plain,
        by=by,
        expected_version=expected_version,
        validate=check_indicator,
        many=many,
    )


def indicator_archive(
    *, indicator: Indicator, reason: str, expected_version: int | None, by: Any
) -> Indicator:
    """Take an indicator recorded in error out of the library; one that was used and stopped
    is retired instead, so its figures keep their meaning."""
    return record_archive(indicator, by=by, reason=reason, expected_version=expected_version)


def indicator_adopt(
    *,
    indicator: Indicator,
    lead_officer: Any,
    owning_body: Any,
    outcomes: Iterable[Any] = (),
    on: dt.date | None = None,
    expected_version: int | None,
    by: Any,
) -> Indicator:
    """Put a reference indicator into use, with who leads it, which body owns it and the
    outcomes it measures."""
    _check_adoption(indicator, lead_officer, owning_body)
    return indicator_update(
        indicator=indicator,
        changes={
            "status": IndicatorStatus.IN_USE,
            "status_on": on or today(),
            "status_reason": "",
            "lead_officer": lead_officer,
            "owning_body": owning_body,
            "outcomes": list(outcomes),
        },
        expected_version=expected_version,
        by=by,
    )


def _check_adoption(indicator: Indicator, lead_officer: Any, owning_body: Any) -> None:
    """The adoption rules, for the indicator as it stands and the lead officer and owning body
    it will have (each an instance, an id or None)."""
    if not rules.can_adopt(indicator.status):
        raise ValidationError(
            f"Only an indicator in the reference library can be adopted; this one is "
            f"{indicator.get_status_display().lower()}."
        )
    lead_id = getattr(lead_officer, "pk", lead_officer)
    body_id = getattr(owning_body, "pk", owning_body)
    if not rules.adoption_names_owners(lead_id, body_id):
        errors = {}
        if lead_id is None:
            errors["lead_officer"] = "Choose the lead officer."
        if body_id is None:
            errors["owning_body"] = "Choose the body that owns the indicator."
        raise ValidationError(errors)


def indicator_retire(
    *,
    indicator: Indicator,
    status: str,
    on: dt.date | None,
    reason: str,
    replaced_by: Indicator | None = None,
    expected_version: int | None,
    by: Any,
) -> Indicator:
    """Stop using an indicator: retired, or replaced by a named successor. Its figures,
    targets and history stay readable."""
    if not rules.can_retire(indicator.status):
        raise ValidationError(
            f"This indicator is already {indicator.get_status_display().lower()}."
        )
    if status not in rules.ENDED:
        raise ValidationError({"status": "Choose retired or replaced."})
    if status == IndicatorStatus.RETIRED:
        replaced_by = None
    return indicator_update(
        indicator=indicator,
        changes={
            "status": status,
            "status_on": on,
            "status_reason": (reason or "").strip(),
            "replaced_by": replaced_by,
        },
        expected_version=expected_version,
        by=by,
    )
