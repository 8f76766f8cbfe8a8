"""Writes for people and where they work."""

from typing import Any

from django.core.exceptions import ValidationError

from accord.common.services import record_archive, record_create, record_update
from accord.people.models import Employment, Person

PERSON_FIELDS = ["honorific", "name", "sort_name", "email", "phone", "biography", "source"]


def person_create(*, fields: dict[str, Any], by: Any) -> Person:
    return record_create(Person, fields=fields, by=by)


def person_update(
    *, person: Person, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Person:
    return record_update(person, changes=changes, by=by, expected_version=expected_version)


def person_archive(*, person: Person, reason: str, expected_version: int | None, by: Any) -> Person:
    return record_archive(person, by=by, reason=reason, expected_version=expected_version)


def _check_employment(employment: Employment) -> None:
    start, end = employment.start_date, employment.end_date
    if start and end and end < start:
        raise ValidationError({"end_date": "The end date must be on or after the start date."})


def employment_create(*, fields: dict[str, Any], by: Any) -> Employment:
    return record_create(Employment, fields=fields, by=by, validate=_check_employment)
