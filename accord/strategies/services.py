"""Writes for strategies, commitments, priorities and the responsibility matrix."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from accord.bodies.models import Body
from accord.common.services import record_archive, record_create, record_update
from accord.strategies import rules
from accord.strategies.models import (
    Commitment,
    Priority,
    Responsibility,
    ResponsibilityRole,
    Strategy,
)

STRATEGY_FIELDS = [
    "kind",
    "title",
    "short_title",
    "owning_body",
    "area",
    "period_start",
    "period_end",
    "status",
    "adopted_by",
    "adopted_on",
    "delivers",
    "revises",
    "vision",
    "description",
    "is_published",
    "source",
]
COMMITMENT_FIELDS = [
    "strategy",
    "parent",
    "kind",
    "number",
    "title",
    "description",
    "theme",
    "lead_officer",
    "position",
    "source",
]
PRIORITY_FIELDS = [
    "title",
    "description",
    "strategy",
    "area",
    "action_group",
    "valid_from",
    "valid_to",
    "position",
    "source",
]


def _link_of(field: str):
    def next_of(strategy_id: int) -> int | None:
        return Strategy.objects.filter(pk=strategy_id).values_list(field, flat=True).first()

    return next_of


def _check_strategy(s: Strategy) -> None:
    errors: dict[str, str] = {}
    if not rules.chain_has_no_loop(s.pk, s.delivers_id, _link_of("delivers_id")):
        errors["delivers"] = (
            "A strategy cannot deliver itself, directly or through the strategies it delivers."
        )
    if not rules.chain_has_no_loop(s.pk, s.revises_id, _link_of("revises_id")):
        errors["revises"] = "A strategy cannot revise itself, directly or through earlier versions."
    if s.status in ("adopted", "superseded") and not s.adopted_on:
        errors["adopted_on"] = "Enter the date it was adopted."
    if s.adopted_on and not s.adopted_by_id:
        errors["adopted_by"] = "Choose the body that adopted it."
    if errors:
        raise ValidationError(errors)


def strategy_create(*, fields: dict[str, Any], by: Any) -> Strategy:
    return record_create(Strategy, fields=fields, by=by, validate=_check_strategy)


def strategy_update(
    *, strategy: Strategy, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Strategy:
    return record_update(
        strategy,
        changes=changes,
        by=by,
        expected_version=expected_version,
        validate=_check_strategy,
    )


def strategy_archive(
    *, strategy: Strategy, reason: str, expected_version: int | None, by: Any
) -> Strategy:
    return record_archive(strategy, by=by, reason=reason, expected_version=expected_version)


def _parent_of(commitment_id: int) -> int | None:
    return Commitment.objects.filter(pk=commitment_id).values_list("parent_id", flat=True).first()


def _check_commitment(c: Commitment) -> None:
    errors: dict[str, str] = {}
    if not rules.commitment_is_not_own_ancestor(c.pk, c.parent_id, _parent_of):
        errors["parent"] = "An outcome cannot sit beneath itself."
    elif c.parent is not None and not rules.outcome_in_same_strategy(
        c.strategy_id, c.parent.strategy_id
    ):
        errors["parent"] = "An outcome must sit under a commitment of the same strategy."
    if errors:
        raise ValidationError(errors)


def commitment_create(*, fields: dict[str, Any], by: Any) -> Commitment:
    return record_create(Commitment, fields=fields, by=by, validate=_check_commitment)


def commitment_update(
    *, commitment: Commitment, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Commitment:
    return record_update(
        commitment,
        changes=changes,
        by=by,
        expected_version=expected_version,
        validate=_check_commitment,
    )


def commitment_archive(
    *, commitment: Commitment, reason: str, expected_version: int | None, by: Any
) -> Commitment:
    return record_archive(commitment, by=by, reason=reason, expected_version=expected_version)


def priority_create(
    *, fields: dict[str, Any], commitments: Iterable[Commitment] = (), by: Any
) -> Priority:
    return record_create(Priority, fields=fields, by=by, many={"commitments": list(commitments)})


def priority_update(
    *,
    priority: Priority,
    changes: dict[str, Any],
    expected_version: int | None,
    by: Any,
    commitments: Iterable[Commitment] | None = None,
) -> Priority:
    return record_update(
        priority,
        changes=changes,
        by=by,
        expected_version=expected_version,
        many={"commitments": list(commitments)} if commitments is not None else None,
    )


def priority_archive(
    *, priority: Priority, reason: str, expected_version: int | None, by: Any
) -> Priority:
    return record_archive(priority, by=by, reason=reason, expected_version=expected_version)


MatrixCell = tuple[int, int]  # (commitment id, body id)


def matrix_apply(
    *,
    strategy: Strategy,
    cells: Mapping[MatrixCell, str | None],
    by: Any,
    replace: bool = False,
    reason: str = "",
) -> dict[str, int]:
    """Set each (commitment, body) cell to lead, contributing or nothing, all or nothing.

    With `replace`, cells not given are cleared (an imported matrix is the whole matrix). After
    the change every commitment with any responsible body must have exactly one lead; if not,
    nothing is saved and the error names each commitment. `reason`, if given, is recorded on
    the cells archived by the change."""
    valid_roles = {None, "", *ResponsibilityRole.values}
    bad = {cell: role for cell, role in cells.items() if role not in valid_roles}
    if bad:
        raise ValidationError(
            {"cells": f"Unknown role(s): {sorted({str(r) for r in bad.values()})}"}
        )
    commitments = {c.pk: c for c in strategy.commitments.live()}
    unknown = [c for c, _ in cells if c not in commitments]
    if unknown:
        raise ValidationError({"cells": "Some rows are not commitments of this strategy."})
    body_ids = {b for _, b in cells}
    known_bodies = set(Body.objects.filter(pk__in=body_ids).values_list("pk", flat=True))
    if body_ids - known_bodies:
        raise ValidationError({"cells": "Some columns are not bodies."})

    counts = {"added": 0, "changed": 0, "removed": 0}
    with transaction.atomic():
        existing = {
            (r.commitment_id, r.body_id): r
            for r in Responsibility.objects.live()
            .select_for_update()
            .filter(commitment__strategy=strategy)
        }
        wanted: dict[MatrixCell, str | None] = dict(cells)
        if replace:
            for cell in existing:
                wanted.setdefault(cell, None)
        final = {cell: r.role for cell, r in existing.items()}
        for cell, role in wanted.items():
            if role:
                final[cell] = role
            else:
                final.pop(cell, None)
        broken = []
        for cid, c in commitments.items():
            roles = [role for (c_id, _), role in final.items() if c_id == cid]
            if not rules.lead_count_is_valid(roles):
                leads = roles.count("lead")
                broken.append(
                    f"Commitment {c.number} would have {leads} lead bodies: "
                    "a commitment has exactly one lead body"
                    + (" — choose which one leads." if leads > 1 else " — choose one to lead.")
                )
        if broken:
            raise ValidationError({"cells": broken})
        # Archive before adding so the one-lead index never sees two live leads at once.
        for cell, r in existing.items():
            new_role = final.get(cell)
            if new_role == r.role:
                continue
            record_archive(
                r,
                by=by,
                reason=reason
                or (
                    "Changed in the responsibility matrix"
                    if new_role
                    else "Removed from the responsibility matrix"
                ),
                expected_version=None,
            )
            counts["changed" if new_role else "removed"] += 1
        for cell, role in final.items():
            old = existing.get(cell)
            if old is not None and old.role == role:
                continue
            record_create(
                Responsibility,
                fields={"commitment_id": cell[0], "body_id": cell[1], "role": role},
                by=by,
            )
            if old is None:
                counts["added"] += 1
    return counts


def responsibility_set(
    *, commitment: Commitment, body: Body, role: str | None, by: Any, reason: str = ""
) -> None:
    """Give one body a role on one commitment (or none), under the same rules as the matrix."""
    matrix_apply(
        strategy=commitment.strategy,
        cells={(commitment.pk, body.pk): role},
        by=by,
        reason=reason,
    )
