"""Writes for actions: create, change, progress notes, complete, drop with a reason, archive.

An action's origin (for a meeting, the agenda item it arose at) is any record; when that record
has an `origin_date` (the date of the meeting), the action cannot close before it."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.actions import rules
from accord.actions.models import Action, ActionNote, ActionStatus
from accord.common import querysets
from accord.common.services import record_archive, record_create, record_update

ACTION_FIELDS = [
    "title",
    "description",
    "owner",
    "owner_text",
    "organisation",
    "body",
    "due_on",
    "status",
    "closed_on",
    "drop_reason",
    "origin",
    "is_illustrative",
    "source",
]


def origin_date(action: Action) -> dt.date | None:
    """The date the action arose, when its origin knows one (an agenda item: its meeting's)."""
    origin = action.origin if action.origin_id else None
    return getattr(origin, "origin_date", None)


def _fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError(f"Unexpected fields: {', '.join(sorted(unknown))}.")
    return fields


def _check(action: Action) -> None:
    if not (action.owner_id or action.owner_text.strip() or action.organisation_id):
        raise ValidationError({"owner": "Choose the person responsible, or write who it is."})
    if not rules.dropping_needs_reason(action.status, action.drop_reason):
        raise ValidationError({"drop_reason": "Enter why the action is being dropped."})
    if not rules.done_or_dropped_is_closed(action.status, action.closed_on):
        if action.closed_on is None:
            raise ValidationError({"closed_on": "Enter the date the action was closed."})
        raise ValidationError({"closed_on": "An open action has no closing date."})
    if not rules.closed_not_before_it_arose(origin_date(action), action.closed_on):
        raise ValidationError(
            {"closed_on": "The action cannot be closed before the meeting it arose at."}
        )


def action_create(*, fields: dict[str, Any], by: Any) -> Action:
    """Record an action; `fields` may carry its `origin` (for example an agenda item)."""
    return record_create(Action, fields=_fields(fields), by=by, validate=_check)


def action_update(
    *, action: Action, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Action:
    return record_update(
        action, changes=_fields(changes), by=by, expected_version=expected_version, validate=_check
    )


@transaction.atomic
def action_add_note(
    *, action: Action, text: str, written_on: dt.date | None = None, by: Any
) -> ActionNote:
    """Add a progress note; an open action with progress becomes "in progress"."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the progress note."})
    if action.is_archived:
        raise ValidationError("An archived action cannot be changed.")
    note = record_create(
        ActionNote,
        fields={"action": action, "written_on": written_on or querysets.today(), "text": text},
        by=by,
    )
    if action.status == ActionStatus.OPEN:
        action_update(
            action=action,
            changes={"status": ActionStatus.IN_PROGRESS},
            expected_version=None,
            by=by,
        )
    return note


def action_complete(
    *, action: Action, on: dt.date | None = None, expected_version: int | None, by: Any
) -> Action:
    """Mark an action done on a day (today unless given): it leaves the matters-arising list."""
    if not action.is_outstanding:
        raise ValidationError({"status": "Only an open action can be completed."})
    return action_update(
        action=action,
        changes={"status": ActionStatus.DONE, "closed_on": on or querysets.today()},
        expected_version=expected_version,
        by=by,
    )


def action_drop(
    *,
    action: Action,
    reason: str,
    on: dt.date | None = None,
    expected_version: int | None,
    by: Any,
) -> Action:
    """Drop an action, with the reason, on a day (today unless given)."""
    if not action.is_outstanding:
        raise ValidationError({"status": "Only an open action can be dropped."})
    return action_update(
        action=action,
        changes={
            "status": ActionStatus.DROPPED,
            "drop_reason": (reason or "").strip(),
            "closed_on": on or querysets.today(),
        },
        expected_version=expected_version,
        by=by,
    )


def action_reopen(*, action: Action, expected_version: int | None, by: Any) -> Action:
    """Open a done or dropped action again: it returns to the matters-arising list."""
    return action_update(
        action=action,
        changes={"status": ActionStatus.OPEN, "closed_on": None, "drop_reason": ""},
        expected_version=expected_version,
        by=by,
    )


def action_archive(*, action: Action, reason: str, expected_version: int | None, by: Any) -> Action:
    """Archive an action recorded in error (an action no longer wanted is dropped instead)."""
    return record_archive(action, by=by, reason=reason, expected_version=expected_version)
