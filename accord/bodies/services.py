"""Writes for bodies and their posts."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.bodies import rules
from accord.bodies.models import Body, Post
from accord.common.services import record_archive, record_create, record_update

BODY_FIELDS = [
    "name",
    "short_name",
    "kind",
    "parent",
    "purpose",
    "terms_of_reference",
    "meeting_cycle",
    "area",
    "chair_arrangements",
    "allows_co_chairs",
    "established_on",
    "ended_on",
    "is_published",
    "source",
]


def _parent_of(body_id: int) -> int | None:
    return Body.objects.filter(pk=body_id).values_list("parent_id", flat=True).first()


def _check_body(body: Body, successors: Iterable[Body] | None) -> None:
    errors: dict[str, str] = {}
    if not rules.body_is_not_own_ancestor(body.pk, body.parent_id, _parent_of):
        errors["parent"] = (
            f"{body.name} cannot report to {body.parent}: that would make it its own ancestor."
        )
    for successor in successors or []:
        if successor.pk == body.pk and body.pk is not None:
            errors["successors"] = "A body cannot be its own successor."
        elif not rules.successor_starts_no_later_than_predecessor_ends(
            body.ended_on, successor.established_on
        ):
            errors["successors"] = (
                f"{successor.name} was established on {successor.established_on:%d %B %Y}, "
                f"after {body.name} ended on {body.ended_on:%d %B %Y}: "
                "a successor must be in place by the day after its predecessor ends."
            )
    if body.pk is not None:
        for predecessor in body.predecessors.all():
            if not rules.successor_starts_no_later_than_predecessor_ends(
                predecessor.ended_on, body.established_on
            ):
                errors["established_on"] = (
                    f"{body.name} succeeds {predecessor.name}, which ended on "
                    f"{predecessor.ended_on:%d %B %Y}: it must be established by the next day."
                )
    if errors:
        raise ValidationError(errors)


def body_create(*, fields: dict[str, Any], successors: Iterable[Body] = (), by: Any) -> Body:
    successors = list(successors)
    return record_create(
        Body,
        fields=fields,
        by=by,
        validate=lambda b: _check_body(b, successors),
        many={"successors": successors},
    )


def body_update(
    *,
    body: Body,
    changes: dict[str, Any],
    expected_version: int | None,
    by: Any,
    successors: Iterable[Body] | None = None,
) -> Body:
    """Change a body. Ending it ends its open memberships on the same day."""
    from accord.memberships.services import memberships_end_with_body

    succ = list(successors) if successors is not None else None
    with transaction.atomic():
        updated = record_update(
            body,
            changes=changes,
            by=by,
            expected_version=expected_version,
            validate=lambda b: _check_body(b, succ if succ is not None else b.successors.all()),
            many={"successors": succ} if succ is not None else None,
        )
        if updated.ended_on:
            memberships_end_with_body(body=updated, by=by)
        return updated


def body_archive(*, body: Body, reason: str, expected_version: int | None, by: Any) -> Body:
    return record_archive(body, by=by, reason=reason, expected_version=expected_version)


def post_create(*, fields: dict[str, Any], by: Any) -> Post:
    return record_create(Post, fields=fields, by=by)


def body_end(*, body: Body, ended_on: dt.date, successors: Iterable[Body], by: Any) -> Body:
    """Record that a body ended, naming what replaced it."""
    return body_update(
        body=body,
        changes={"ended_on": ended_on},
        successors=successors,
        expected_version=None,
        by=by,
    )
