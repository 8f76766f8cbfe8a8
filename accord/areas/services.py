"""Writes for areas."""

from typing import Any

from django.core.exceptions import ValidationError

from accord.areas.models import Area
from accord.common.services import record_archive, record_create, record_update

AREA_FIELDS = [
    "name",
    "kind",
    "parent",
    "gss_code",
    "valid_from",
    "valid_to",
    "description",
    "source",
]


def area_is_not_own_ancestor(area: Area) -> bool:
    """An area cannot lie inside itself, directly or through its parents."""
    seen: set[int] = set()
    current = area.parent
    while current is not None:
        if current.pk == area.pk or current.pk in seen:
            return False
        seen.add(current.pk)
        current = current.parent
    return True


def _check_area(area: Area) -> None:
    if area.pk and not area_is_not_own_ancestor(area):
        raise ValidationError({"parent": "An area cannot lie inside itself."})


def area_create(*, fields: dict[str, Any], by: Any) -> Area:
    return record_create(Area, fields=fields, by=by, validate=_check_area)


def area_update(
    *, area: Area, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Area:
    return record_update(
        area, changes=changes, by=by, expected_version=expected_version, validate=_check_area
    )


def area_archive(*, area: Area, reason: str, expected_version: int | None, by: Any) -> Area:
    return record_archive(area, by=by, reason=reason, expected_version=expected_version)
