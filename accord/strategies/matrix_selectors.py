"""Reads of the responsibility matrix: which bodies lead or contribute to each commitment of a
strategy, now or as it stood on any date. Query shape lives here: a fixed number of queries
whatever the number of commitments and bodies."""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from accord.bodies.models import Body, BodyKind
from accord.bodies.selectors import visible_bodies
from accord.strategies.models import (
    Commitment,
    CommitmentKind,
    Responsibility,
    ResponsibilityRole,
    Strategy,
)

LEAD = ResponsibilityRole.LEAD
CONTRIBUTING = ResponsibilityRole.CONTRIBUTING


@dataclass
class Column:
    body: Body
    leads: int = 0
    contributes: int = 0


@dataclass
class Matrix:
    strategy: Strategy
    rows: list[Commitment]
    columns: list[Column]
    cells: dict[tuple[int, int], str]  # (commitment id, body id) → "lead" | "contributing"
    as_of: dt.date | None = None
    sources: list[str] = field(default_factory=list)
    version: str = ""

    def role(self, commitment_id: int, body_id: int) -> str:
        return self.cells.get((commitment_id, body_id), "")

    @property
    def bodies(self) -> list[Body]:
        return [c.body for c in self.columns]

    def table(self) -> list[tuple[Commitment, list[tuple[Column, str]]]]:
        """Each row with its cells in column order, for templates."""
        return [
            (c, [(col, self.role(c.pk, col.body.pk)) for col in self.columns]) for c in self.rows
        ]


def visible_strategy(pk: int, user) -> Strategy:
    """The strategy if this user may see it: the public sees published strategies only.
    Raises Strategy.DoesNotExist otherwise."""
    strategy = Strategy.objects.select_related("owning_body").get(pk=pk)
    if not strategy.is_published and not user.has_perm("strategies.view_strategy", strategy):
        raise Strategy.DoesNotExist
    return strategy


def matrix_version(strategy: Strategy, *, lock: bool = False) -> str:
    """A short fingerprint of the live matrix. Every change archives or adds a responsibility,
    so the set of live ids and roles changes whenever the matrix does."""
    qs = Responsibility.objects.live().filter(commitment__strategy=strategy)
    if lock:
        qs = qs.select_for_update()
    pairs = sorted(qs.values_list("pk", "role"))
    text = ";".join(f"{pk}:{role}" for pk, role in pairs)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _column_order(body: Body) -> tuple[int, int]:
    # Thematic partnerships first, in the order they were set up in the framework.
    return (0 if body.kind == BodyKind.THEMATIC else 1, body.pk)


def matrix_for(
    strategy: Strategy,
    *,
    user,
    as_of: dt.date | None = None,
    editing: bool = False,
    extra_body_ids: Iterable[int] = (),
) -> Matrix:
    """The matrix of `strategy` (as it stood at the end of `as_of`, if given). Rows are the
    strategy's commitments, and any outcome that holds a responsibility; columns are the bodies
    holding any responsibility, plus (when editing) the current thematic partnerships and the
    bodies in `extra_body_ids`."""
    responsibilities = list(
        Responsibility.objects.live_on(as_of)
        .filter(commitment__strategy=strategy)
        .select_related("body")
        .order_by("pk")
    )
    with_roles = {r.commitment_id for r in responsibilities}
    rows = list(
        Commitment.objects.live_on(as_of)
        .filter(strategy=strategy)
        .filter(Q(kind=CommitmentKind.COMMITMENT) | Q(pk__in=with_roles))
        .order_by("position", "number", "pk")
    )
    bodies: dict[int, Body] = {r.body_id: r.body for r in responsibilities}
    extra = set(extra_body_ids) - set(bodies)
    if editing:
        # An added body is shown whatever its dates, so a manager can name a past body too.
        thematic = Body.objects.current().filter(kind=BodyKind.THEMATIC).values("pk")
        for b in Body.objects.live().filter(Q(pk__in=thematic) | Q(pk__in=extra)):
            bodies.setdefault(b.pk, b)
    if not (user.is_authenticated and (user.is_manager or user.is_superuser)):
        shown = set(visible_bodies(user).filter(pk__in=list(bodies)).values_list("pk", flat=True))
        bodies = {pk: b for pk, b in bodies.items() if pk in shown}
    row_ids = {c.pk for c in rows}
    cells = {
        (r.commitment_id, r.body_id): r.role
        for r in responsibilities
        if r.body_id in bodies and r.commitment_id in row_ids
    }
    columns = [Column(b) for b in sorted(bodies.values(), key=_column_order)]
    by_body = {c.body.pk: c for c in columns}
    for (_, body_id), role in cells.items():
        if role == LEAD:
            by_body[body_id].leads += 1
        else:
            by_body[body_id].contributes += 1
    sources = sorted({r.source for r in responsibilities if r.source and r.body_id in bodies})
    if not sources and strategy.source:
        sources = [strategy.source]
    return Matrix(
        strategy=strategy,
        rows=rows,
        columns=columns,
        cells=cells,
        as_of=as_of,
        sources=sources,
        version=matrix_version(strategy) if editing else "",
    )


def addable_bodies(matrix: Matrix):
    """Bodies a manager may add as a column: live bodies not already in the matrix."""
    return (
        Body.objects.live()
        .exclude(pk__in=[c.body.pk for c in matrix.columns])
        .only("pk", "name", "kind", "ended_on")
        .order_by("name")
    )


def bodies_by_name(names: Iterable[str]) -> dict[str, list[Body]]:
    """Live bodies with exactly these names (a name may belong to more than one body)."""
    found: dict[str, list[Body]] = {}
    for b in Body.objects.live().filter(name__in=list(names)).order_by("pk"):
        found.setdefault(b.name, []).append(b)
    return found


def commitments_by_number(strategy: Strategy) -> dict[str, Commitment]:
    return {c.number: c for c in Commitment.objects.live().filter(strategy=strategy)}


def current_cells(strategy: Strategy) -> dict[tuple[int, int], str]:
    return {
        (cid, bid): role
        for cid, bid, role in Responsibility.objects.live()
        .filter(commitment__strategy=strategy)
        .values_list("commitment_id", "body_id", "role")
    }
