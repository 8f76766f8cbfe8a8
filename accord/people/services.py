"""Writes for people and where they work."""

from typing import Any

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


def employment_create(*, fields: dict[str, Any], by: Any) -> Employment:
    return record_create(Employment, fields=fields, by=by)
