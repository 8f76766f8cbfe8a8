"""Writes for partner organisations."""

from typing import Any

from accord.common.services import record_archive, record_create, record_update
from accord.organisations.models import Organisation

ORGANISATION_FIELDS = [
    "name",
    "short_name",
    "sector",
    "kind",
    "gss_code",
    "charity_number",
    "company_number",
    "website",
    "start_date",
    "end_date",
    "description",
    "source",
]


def organisation_create(*, fields: dict[str, Any], by: Any) -> Organisation:
    return record_create(Organisation, fields=fields, by=by)


def organisation_update(
    *, organisation: Organisation, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Organisation:
    return record_update(organisation, changes=changes, by=by, expected_version=expected_version)


def organisation_archive(
    *, organisation: Organisation, reason: str, expected_version: int | None, by: Any
) -> Organisation:
    return record_archive(organisation, by=by, reason=reason, expected_version=expected_version)
