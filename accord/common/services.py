"""Writes shared by every domain: create, update with optimistic concurrency, archive."""

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from accord.common import rules
from accord.common.models import AccordModel

M = TypeVar("M", bound=AccordModel)


class StaleEditError(Exception):
    """Someone else changed the record after this edit began; nothing was saved."""

    def __init__(self, current: AccordModel):
        super().__init__("This record was changed by someone else after you opened it.")
        self.current = current


def _validate(obj: AccordModel, validate: Callable[[Any], None] | None) -> None:
    """Field checks, then the dated-span rule and the domain rules with their field names, then
    the database constraints as a last guard (their messages name no field)."""
    obj.full_clean(validate_constraints=False)
    span = getattr(obj, "date_span", None)
    if span:
        start, end = span
        if not rules.ends_on_or_after_start(getattr(obj, start), getattr(obj, end)):
            label = getattr(obj._meta.get_field(start), "verbose_name", start)
            raise ValidationError({end: f"This date must be on or after the {label}."})
    if validate:
        validate(obj)
    obj.validate_constraints()


def _save(obj: AccordModel, *, by: Any) -> None:
    by_user = by if getattr(by, "is_authenticated", False) else None
    obj.modified_by = by_user
    obj.modified_on = timezone.now()
    # simple_history reads this attribute, so services need not depend on the request.
    obj._history_user = by_user  # type: ignore[attr-defined]
    obj.save()


def record_create(
    model: type[M],
    *,
    fields: Mapping[str, Any],
    by: Any,
    validate: Callable[[M], None] | None = None,
    many: Mapping[str, Any] | None = None,
) -> M:
    """Validate and save a new record, then set its many-to-many fields."""
    with transaction.atomic():
        obj = model(**fields)
        obj.created_by = by if getattr(by, "is_authenticated", False) else None
        _validate(obj, validate)
        _save(obj, by=by)
        for name, values in (many or {}).items():
            getattr(obj, name).set(values)
        return obj


def record_update(
    obj: M,
    *,
    changes: Mapping[str, Any],
    by: Any,
    expected_version: int | None,
    validate: Callable[[M], None] | None = None,
    many: Mapping[str, Any] | None = None,
) -> M:
    """Apply changes if nobody has changed the record since `expected_version`."""
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        if current.is_archived:
            raise ValidationError("An archived record cannot be changed.")
        for name, value in changes.items():
            setattr(current, name, value)
        _validate(current, validate)
        current.version += 1
        _save(current, by=by)
        for name, values in (many or {}).items():
            getattr(current, name).set(values)
        return current


def record_archive(obj: M, *, by: Any, reason: str, expected_version: int | None) -> M:
    """Archive a record: it leaves the live lists but its page and history stay readable."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why this record is being archived."})
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        if current.is_archived:
            raise ValidationError("This record is already archived.")
        current.archived_on = timezone.now()
        current.archive_reason = reason
        current.version += 1
        _save(current, by=by)
        return current


def model_fields(instance: models.Model, names: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}
