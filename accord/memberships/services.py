"""Writes for memberships of bodies."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.bodies.models import Body
from accord.common.services import record_archive, record_create, record_update
from accord.memberships import rules
from accord.memberships.models import Membership, Role

MEMBERSHIP_FIELDS = [
    "person",
    "body",
    "role",
    "post",
    "on_behalf_of",
    "nominated_by",
    "has_vote",
    "start_date",
    "end_date",
    "notes",
    "source",
]


def _fmt(d) -> str:
    return f"{d:%d %B %Y}" if d else "an unrecorded date"


def _check_membership(m: Membership) -> None:
    errors: dict[str, str] = {}
    body = m.body
    if not rules.membership_within_body_life(
        (m.start_date, m.end_date), (body.established_on, body.ended_on)
    ):
        if body.established_on and m.start_date and m.start_date < body.established_on:
            errors["start_date"] = (
                f"{body.name} was established on {_fmt(body.established_on)}: "
                "a membership cannot start before that."
            )
        else:
            errors["end_date"] = (
                f"{body.name} ended on {_fmt(body.ended_on)}: "
                "the membership must end on or before that date."
            )
    if m.role == Role.CHAIR:
        others = list(
            Membership.objects.live()
            .filter(body=body, role=Role.CHAIR)
            .exclude(pk=m.pk)
            .values_list("start_date", "end_date", "person__name")
        )
        span = (m.start_date, m.end_date)
        if not rules.at_most_one_chair(span, [(s, e) for s, e, _ in others], body.allows_co_chairs):
            clashing = [n for s, e, n in others if rules.spans_overlap(span, (s, e))]
            errors["role"] = (
                f"{body.name} already has a chair for these dates ({', '.join(clashing)}). "
                "End that chair's membership first, or record co-chairs in the body's terms."
            )
    if m.post is not None and m.post.body_id != m.body_id:
        errors["post"] = "The post must be a seat on the same body."
    if errors:
        raise ValidationError(errors)


def membership_create(*, fields: dict[str, Any], by: Any) -> Membership:
    return record_create(Membership, fields=fields, by=by, validate=_check_membership)


def membership_update(
    *, membership: Membership, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Membership:
    return record_update(
        membership,
        changes=changes,
        by=by,
        expected_version=expected_version,
        validate=_check_membership,
    )


def membership_archive(
    *, membership: Membership, reason: str, expected_version: int | None, by: Any
) -> Membership:
    return record_archive(membership, by=by, reason=reason, expected_version=expected_version)


def memberships_end_with_body(*, body: Body, by: Any) -> int:
    """When a body ends, its open memberships end with it (and are not deleted)."""
    ended = 0
    with transaction.atomic():
        open_ones = Membership.objects.live().filter(body=body).exclude(end_date__lte=body.ended_on)
        for m in open_ones.select_related("body"):
            record_update(
                m,
                changes={"end_date": body.ended_on},
                by=by,
                expected_version=None,
            )
            ended += 1
    return ended
