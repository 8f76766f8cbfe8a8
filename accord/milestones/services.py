"""Writes for programmes and their milestones."""

from typing import Any

from django.core.exceptions import ValidationError

from accord.common.services import record_archive, record_create, record_update
from accord.milestones import rules
from accord.milestones.models import Milestone, Programme

PROGRAMME_FIELDS = ["title", "description", "owning_body", "strategy", "source"]
MILESTONE_FIELDS = [
    "programme",
    "title",
    "description",
    "starts_on",
    "due_on",
    "precision",
    "owner_body",
    "owner_organisation",
    "owner_person",
    "status",
    "completed_on",
    "position",
    "source",
]


def programme_create(*, fields: dict[str, Any], by: Any) -> Programme:
    return record_create(Programme, fields=fields, by=by)


def programme_update(
    *, programme: Programme, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Programme:
    return record_update(programme, changes=changes, by=by, expected_version=expected_version)


def programme_archive(
    *, programme: Programme, reason: str, expected_version: int | None, by: Any
) -> Programme:
    return record_archive(programme, by=by, reason=reason, expected_version=expected_version)


def _check_milestone(m: Milestone) -> None:
    if not rules.done_needs_a_date(m.status, m.completed_on):
        raise ValidationError({"completed_on": "Enter the date it was done."})


def milestone_create(*, fields: dict[str, Any], by: Any) -> Milestone:
    return record_create(Milestone, fields=fields, by=by, validate=_check_milestone)


def milestone_update(
    *, milestone: Milestone, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Milestone:
    return record_update(
        milestone,
        changes=changes,
        by=by,
        expected_version=expected_version,
        validate=_check_milestone,
    )


def milestone_archive(
    *, milestone: Milestone, reason: str, expected_version: int | None, by: Any
) -> Milestone:
    return record_archive(milestone, by=by, reason=reason, expected_version=expected_version)


def milestone_mark_done(
    *, milestone: Milestone, completed_on: Any, expected_version: int | None, by: Any
) -> Milestone:
    """Record that a milestone was met, and on which day."""
    return milestone_update(
        milestone=milestone,
        changes={"status": "done", "completed_on": completed_on},
        expected_version=expected_version,
        by=by,
    )
