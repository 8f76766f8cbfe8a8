"""/api/v1/strategies, commitments, priorities and responsibilities: the partnership's strategy.

Anonymous callers see published strategies only (`is_published`), and only the commitments,
priorities and responsibilities that hang from them; managers see everything. Writes are for
partnership managers. Responsibilities are the cells of the matrix: they are never changed in
place but archived and recorded afresh, so a strategy's matrix can be read as of any date
(`GET /strategies/{id}/matrix?as_of=`). Every change goes through the matrix rule: a commitment
with any responsible body has exactly one lead; `PUT /strategies/{id}/matrix` sets several cells
at once, all or nothing, which is how a lead passes from one body to another."""

import datetime as dt
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    LIST_ERRORS,
    UPDATE_ERRORS,
    ApiProblem,
    ArchiveIn,
    CleanText,
    DatedParams,
    Id,
    IfMatch,
    InputSchema,
    ListParams,
    Meta,
    Name,
    PathId,
    ProblemOut,
    RecordDocs,
    RecordEndpoints,
    caller,
    check_span,
    dated,
    declare_record_endpoints,
    expected_version,
    is_manager,
    live_unless_asked,
    meta,
    page_schema,
    paginate,
    patch_schema,
    read_auth,
    require_perm,
    resolve,
    with_etag,
    write_auth,
)
from accord.common.querysets import today
from accord.people.models import Person
from accord.strategies.matrix_selectors import matrix_version
from accord.strategies.models import (
    Commitment,
    CommitmentKind,
    Priority,
    Responsibility,
    ResponsibilityRole,
    Strategy,
    StrategyKind,
    StrategyStatus,
)
from accord.strategies.services import (
    commitment_archive,
    commitment_create,
    commitment_update,
    matrix_apply,
    priority_archive,
    priority_create,
    priority_update,
    responsibility_set,
    strategy_archive,
    strategy_create,
    strategy_update,
)

strategies_router = Router(tags=["strategies"])
commitments_router = Router(tags=["commitments"])
priorities_router = Router(tags=["priorities"])
responsibilities_router = Router(tags=["responsibilities"])

Position = Annotated[int, Field(ge=0, le=2_147_483_647)]


# --- Visibility -------------------------------------------------------------------------------


def visible_strategies(user: Any) -> QuerySet[Strategy]:
    """Managers see every strategy; everyone else the published ones."""
    qs = Strategy.objects.all()
    return qs if is_manager(user) else qs.filter(is_published=True)


def _published(user: Any, field: str, *, nullable: bool = False) -> Q:
    """Records whose strategy (reached through `field`) the user may see."""
    if is_manager(user):
        return Q()
    q = Q(**{f"{field}__is_published": True})
    return q | Q(**{f"{field}__isnull": True}) if nullable else q


class _Bodies:
    """Which bodies the caller may see, for hiding links to the others (one query)."""

    def __init__(self, user: Any):
        self.all = is_manager(user)
        self.ids: set[int] = (
            set() if self.all else set(visible_bodies(user).values_list("pk", flat=True))
        )

    def __call__(self, pk: int | None) -> int | None:
        return pk if pk is not None and (self.all or pk in self.ids) else None


# --- Strategies -------------------------------------------------------------------------------


class StrategyOut(Meta):
    id: int
    kind: StrategyKind
    title: str
    short_title: str
    owning_body_id: int | None = Field(description="The body that owns the strategy.")
    area_id: int | None = Field(description="For an area action plan: the area it is for.")
    period_start: dt.date | None
    period_end: dt.date | None
    status: StrategyStatus
    adopted_by_id: int | None = Field(description="The body that adopted it.")
    adopted_on: dt.date | None
    delivers_id: int | None = Field(description="The strategy this one delivers.")
    revises_id: int | None = Field(description="The earlier version this one revises.")
    vision: str
    description: str
    is_published: bool


StrategyPage = page_schema(StrategyOut, "StrategyPage")


class StrategyIn(InputSchema):
    kind: StrategyKind
    title: Name
    short_title: Annotated[CleanText, Field(max_length=80)] = ""
    owning_body_id: Id | None = Field(None, description="The body that owns the strategy.")
    area_id: Id | None = Field(None, description="For an area action plan: the area it is for.")
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    status: StrategyStatus = StrategyStatus.DRAFT
    adopted_by_id: Id | None = Field(None, description="The body that adopted it.")
    adopted_on: dt.date | None = None
    delivers_id: Id | None = Field(None, description="The strategy this one delivers.")
    revises_id: Id | None = Field(None, description="The earlier version this one revises.")
    vision: CleanText = ""
    description: CleanText = ""
    is_published: bool = True
    source: CleanText = ""


StrategyPatch = patch_schema(StrategyIn, "StrategyPatch")


class StrategyFilters(DatedParams):
    kind: StrategyKind | None = None
    status: StrategyStatus | None = None


def _strategy_out(s: Strategy, body: _Bodies, strategy_ids: set[int] | None) -> dict[str, Any]:
    def seen(pk: int | None) -> int | None:
        return pk if pk is not None and (strategy_ids is None or pk in strategy_ids) else None

    return {
        "id": s.pk,
        "kind": s.kind,
        "title": s.title,
        "short_title": s.short_title,
        "owning_body_id": body(s.owning_body_id),
        "area_id": s.area_id,
        "period_start": s.period_start,
        "period_end": s.period_end,
        "status": s.status,
        "adopted_by_id": body(s.adopted_by_id),
        "adopted_on": s.adopted_on,
        "delivers_id": seen(s.delivers_id),
        "revises_id": seen(s.revises_id),
        "vision": s.vision,
        "description": s.description,
        "is_published": s.is_published,
        **meta(s),
    }


def _strategy_ids(user: Any) -> set[int] | None:
    """The strategies a non-manager may see, for hiding links to the others (None: all)."""
    if is_manager(user):
        return None
    return set(visible_strategies(user).values_list("pk", flat=True))


def _get_strategy(request: HttpRequest, strategy_id: int) -> Strategy:
    return visible_strategies(caller(request)).get(pk=strategy_id)


def _respond_strategy(request: HttpRequest, response: HttpResponse, s: Strategy) -> dict:
    s = _get_strategy(request, s.pk)
    with_etag(response, s)
    user = caller(request)
    return _strategy_out(s, _Bodies(user), _strategy_ids(user))


def _strategy_fields(
    request: HttpRequest, data: dict[str, Any], s: Strategy | None = None
) -> dict[str, Any]:
    user = caller(request)
    check_span(data, s, "period_start", "period_end", what="strategy")
    refs = {
        "owning_body_id": ("owning_body", visible_bodies(user)),
        "area_id": ("area", Area.objects.all()),
        "adopted_by_id": ("adopted_by", visible_bodies(user)),
        "delivers_id": ("delivers", visible_strategies(user)),
        "revises_id": ("revises", visible_strategies(user)),
    }
    return resolve(data, refs)


def _strategy_changes(request: HttpRequest, data: dict[str, Any], s: Strategy) -> dict:
    return {"changes": _strategy_fields(request, data, s)}


STRATEGY = RecordEndpoints(
    model=Strategy,
    update_service=strategy_update,
    archive_service=strategy_archive,
    respond=_respond_strategy,
    get=_get_strategy,
    prepare=_strategy_changes,
)


@strategies_router.get(
    "", response={200: StrategyPage, **LIST_ERRORS}, auth=read_auth, url_name="strategies-list"
)
def list_strategies(request: HttpRequest, filters: Query[StrategyFilters]):
    """Strategies and plans, latest period first. Filter by `kind`, `status`, `current`
    (in its period today) and `as_of`. Anonymous callers see published strategies only."""
    user = caller(request)
    qs = dated(live_unless_asked(visible_strategies(user), filters), filters)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    qs = qs.order_by("-period_start", "title", "pk")
    body, ids = _Bodies(user), _strategy_ids(user)
    return paginate(request, qs, filters, lambda rows: [_strategy_out(s, body, ids) for s in rows])


declare_record_endpoints(
    strategies_router,
    STRATEGY,
    module=__name__,
    noun="strategy",
    path_param="strategy_id",
    schema_in=StrategyIn,
    schema_patch=StrategyPatch,
    schema_out=StrategyOut,
    docs=RecordDocs(
        put=(
            "Replace a strategy's fields; those left out return to their defaults. "
            "Needs `If-Match`."
        ),
        patch="Change the fields sent, and only those (e.g. `status`). Needs `If-Match`.",
        archive=(
            "Archive a strategy recorded in error, with the reason. "
            "A strategy replaced by a newer\n"
            "one is `superseded` instead. Needs `If-Match`."
        ),
        detail="One strategy, with its `ETag`.",
    ),
    detail_url_name="strategies-detail",
)


@strategies_router.post("", response={201: StrategyOut, **CREATE_ERRORS}, auth=write_auth)
def create_strategy(request: HttpRequest, response: HttpResponse, payload: StrategyIn):
    """Create a strategy or plan (partnership managers)."""
    require_perm(request, "strategies.add_strategy")
    s = strategy_create(fields=_strategy_fields(request, payload.model_dump()), by=caller(request))
    response["Location"] = reverse("api:strategies-detail", kwargs={"strategy_id": s.pk})
    return Status(201, _respond_strategy(request, response, s))


# --- The matrix as of a date ------------------------------------------------------------------


class MatrixBodyOut(Schema):
    id: int
    name: str


class MatrixRowOut(Schema):
    commitment_id: int
    number: str
    title: str
    lead_body_id: int | None = Field(description="The one body with the lead role, if any.")
    contributing_body_ids: list[int]


class MatrixOut(Schema):
    strategy_id: int
    as_of: dt.date
    bodies: list[MatrixBodyOut] = Field(description="The columns: every body with a role.")
    rows: list[MatrixRowOut] = Field(description="The commitments, in the strategy's order.")


class MatrixParams(Schema):
    as_of: dt.date | None = Field(None, description="The matrix as it stood on this day (today).")


class MatrixCellIn(InputSchema):
    commitment_id: Id
    body_id: Id
    role: ResponsibilityRole | None = Field(
        ..., description="The body's role on the commitment; null removes it."
    )


class MatrixIn(InputSchema):
    cells: Annotated[list[MatrixCellIn], Field(max_length=10_000)] = Field(
        ..., description="The cells to set. Cells not named keep their role unless `replace`."
    )
    replace: bool = Field(
        False, description="true: the cells sent are the whole matrix; every other role goes."
    )


def _matrix_etag(strategy: Strategy, version: str | None = None) -> str:
    """The matrix's ETag: the strategy's id and a fingerprint of its live cells."""
    return f'"matrix-{strategy.pk}-{version or matrix_version(strategy)}"'


def _matrix_out(request: HttpRequest, strategy: Strategy, day: dt.date) -> dict[str, Any]:
    commitments = list(
        Commitment.objects.live_on(day)
        .filter(strategy=strategy, kind=CommitmentKind.COMMITMENT)
        .order_by("position", "number", "pk")
        .values("pk", "number", "title")
    )
    cells = (
        Responsibility.objects.live_on(day)
        .filter(commitment__strategy=strategy)
        .select_related("body")
        .order_by("body__name", "pk")
    )
    see = _Bodies(caller(request))
    bodies: dict[int, str] = {}
    rows = {
        c["pk"]: {
            "commitment_id": c["pk"],
            "number": c["number"],
            "title": c["title"],
            "lead_body_id": None,
            "contributing_body_ids": [],
        }
        for c in commitments
    }
    for cell in cells:
        row = rows.get(cell.commitment_id)
        if row is None or see(cell.body_id) is None:
            continue
        bodies[cell.body_id] = cell.body.name
        if cell.role == ResponsibilityRole.LEAD:
            row["lead_body_id"] = cell.body_id
        else:
            row["contributing_body_ids"].append(cell.body_id)
    return {
        "strategy_id": strategy.pk,
        "as_of": day,
        "bodies": [
            {"id": pk, "name": name} for pk, name in sorted(bodies.items(), key=lambda b: b[1])
        ],
        "rows": list(rows.values()),
    }


@strategies_router.get(
    "/{strategy_id}/matrix",
    response={200: MatrixOut, 400: ProblemOut, 401: ProblemOut, 404: ProblemOut},
    auth=read_auth,
    url_name="strategies-matrix",
)
def strategy_matrix(
    request: HttpRequest,
    response: HttpResponse,
    strategy_id: PathId,
    params: Query[MatrixParams],
):
    """The responsibility matrix (seed 003, appendix 1): for each commitment, its lead body and
    contributing bodies, as recorded on `as_of` (default today). Matrix cells are archived,
    never deleted, so any earlier matrix can be read back. The matrix as it is now carries an
    `ETag`, for `PUT /strategies/{id}/matrix`."""
    strategy = _get_strategy(request, strategy_id)
    if params.as_of is None or params.as_of == today():
        response["ETag"] = _matrix_etag(strategy)
    return _matrix_out(request, strategy, params.as_of or today())


def _matrix_cells(
    request: HttpRequest, strategy: Strategy, payload: MatrixIn
) -> dict[tuple[int, int], str | None]:
    """The cells sent, as the matrix service takes them; every bad cell is reported at once."""
    user = caller(request)
    commitment_ids = {c.commitment_id for c in payload.cells}
    body_ids = {c.body_id for c in payload.cells}
    known_commitments = set(
        _commitments(user)
        .live()
        .filter(strategy=strategy, pk__in=commitment_ids)
        .values_list("pk", flat=True)
    )
    known_bodies = set(visible_bodies(user).filter(pk__in=body_ids).values_list("pk", flat=True))
    errors: list[str] = []
    cells: dict[tuple[int, int], str | None] = {}
    for n, cell in enumerate(payload.cells, start=1):
        if cell.commitment_id not in known_commitments:
            errors.append(f"Cell {n}: no commitment with id {cell.commitment_id} in this strategy.")
        if cell.body_id not in known_bodies:
            errors.append(f"Cell {n}: no body with id {cell.body_id}.")
        key = (cell.commitment_id, cell.body_id)
        role = cell.role.value if cell.role is not None else None
        if key in cells and cells[key] != role:
            errors.append(
                f"Cell {n}: body {cell.body_id} is given more than one role on commitment "
                f"{cell.commitment_id}."
            )
        cells[key] = role
    if errors:
        raise ApiProblem(
            422, "The matrix was not changed: see each field.", errors={"cells": errors}
        )
    return cells


@strategies_router.put(
    "/{strategy_id}/matrix",
    response={200: MatrixOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def replace_strategy_matrix(
    request: HttpRequest,
    response: HttpResponse,
    strategy_id: PathId,
    payload: MatrixIn,
    if_match: IfMatch,
):
    """Set several cells of the matrix at once, all or nothing (partnership managers): each
    cell gives a body the lead or a contributing role on a commitment, or (null) removes its
    role. With `replace`, the cells sent are the whole matrix. Afterwards every commitment with
    any body must have exactly one lead, so moving the lead is one request with two cells.
    Needs `If-Match` with the matrix's `ETag` from `GET /strategies/{id}/matrix`; the answer is
    the matrix as it now is, with its new `ETag`."""
    strategy = _get_strategy(request, strategy_id)
    require_perm(request, "strategies.change_strategy", strategy)
    if not if_match.strip():
        raise ApiProblem(
            428,
            "Send an If-Match header with the ETag you last read, so that nobody's changes "
            "are overwritten.",
            errors={"If-Match": ["This header is required."]},
        )
    with transaction.atomic():
        current = _matrix_etag(strategy, matrix_version(strategy, lock=True))
        if current not in [tag.strip() for tag in if_match.split(",")]:
            raise ApiProblem(
                412,
                "The matrix has changed since that ETag was issued; nothing was saved. Read it "
                "again and reapply your change.",
                errors={"If-Match": [f"The current ETag is {current}."]},
                headers={"ETag": current},
            )
        if strategy.is_archived:
            raise ApiProblem(
                422,
                "An archived strategy's matrix cannot be changed.",
                errors={"non_field_errors": ["An archived strategy's matrix cannot be changed."]},
            )
        cells = _matrix_cells(request, strategy, payload)
        try:
            matrix_apply(
                strategy=strategy, cells=cells, by=caller(request), replace=payload.replace
            )
        except ValidationError as exc:
            messages = (
                exc.message_dict.get("cells", exc.messages)
                if hasattr(exc, "error_dict")
                else exc.messages
            )
            raise ApiProblem(
                422, "The matrix was not changed: see each field.", errors={"cells": messages}
            ) from exc
    response["ETag"] = _matrix_etag(strategy)
    return _matrix_out(request, strategy, today())


# --- Commitments ------------------------------------------------------------------------------


class CommitmentOut(Meta):
    id: int
    strategy_id: int
    parent_id: int | None = Field(description="The commitment or outcome this sits under.")
    kind: CommitmentKind
    number: str
    title: str
    description: str
    theme: str
    lead_officer_id: int | None = Field(description="The delivery owner (a person).")
    position: int


CommitmentPage = page_schema(CommitmentOut, "CommitmentPage")


class CommitmentIn(InputSchema):
    strategy_id: Id
    parent_id: Id | None = Field(None, description="The commitment or outcome this sits under.")
    kind: CommitmentKind = CommitmentKind.COMMITMENT
    number: Annotated[CleanText, Field(min_length=1, max_length=20)] = Field(
        ..., description="For example 7, or 7.2."
    )
    title: Annotated[CleanText, Field(min_length=1, max_length=2000)]
    description: CleanText = ""
    theme: Annotated[CleanText, Field(max_length=100)] = ""
    lead_officer_id: Id | None = Field(None, description="The delivery owner (a person).")
    position: Position = 0
    source: CleanText = ""


CommitmentPatch = patch_schema(CommitmentIn, "CommitmentPatch")


class CommitmentFilters(ListParams):
    strategy: Id | None = Field(None, description="Only commitments of this strategy.")
    parent: Id | None = Field(None, description="Only those directly under this commitment.")
    kind: CommitmentKind | None = None


def _commitments(user: Any) -> QuerySet[Commitment]:
    return Commitment.objects.filter(_published(user, "strategy"))


def _commitment_out(c: Commitment) -> dict[str, Any]:
    return {
        "id": c.pk,
        "strategy_id": c.strategy_id,
        "parent_id": c.parent_id,
        "kind": c.kind,
        "number": c.number,
        "title": c.title,
        "description": c.description,
        "theme": c.theme,
        "lead_officer_id": c.lead_officer_id,
        "position": c.position,
        **meta(c),
    }


def _get_commitment(request: HttpRequest, commitment_id: int) -> Commitment:
    return _commitments(caller(request)).get(pk=commitment_id)


def _respond_commitment(request: HttpRequest, response: HttpResponse, c: Commitment) -> dict:
    c = _get_commitment(request, c.pk)
    with_etag(response, c)
    return _commitment_out(c)


def _commitment_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = caller(request)
    refs = {
        "strategy_id": ("strategy", visible_strategies(user)),
        "parent_id": ("parent", _commitments(user)),
        "lead_officer_id": ("lead_officer", Person.objects.all()),
    }
    return resolve(data, refs)


def _commitment_changes(request: HttpRequest, data: dict[str, Any], c: Commitment) -> dict:
    return {"changes": _commitment_fields(request, data)}


COMMITMENT = RecordEndpoints(
    model=Commitment,
    update_service=commitment_update,
    archive_service=commitment_archive,
    respond=_respond_commitment,
    get=_get_commitment,
    prepare=_commitment_changes,
)


@commitments_router.get(
    "", response={200: CommitmentPage, **LIST_ERRORS}, auth=read_auth, url_name="commitments-list"
)
def list_commitments(request: HttpRequest, filters: Query[CommitmentFilters]):
    """Commitments, outcomes and sub-outcomes, in each strategy's order. Filter by `strategy`,
    `parent` and `kind`."""
    qs = live_unless_asked(_commitments(caller(request)), filters)
    if filters.strategy:
        qs = qs.filter(strategy_id=filters.strategy)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    qs = qs.order_by("strategy_id", "position", "number", "pk")
    return paginate(request, qs, filters, lambda rows: map(_commitment_out, rows))


declare_record_endpoints(
    commitments_router,
    COMMITMENT,
    module=__name__,
    noun="commitment",
    path_param="commitment_id",
    schema_in=CommitmentIn,
    schema_patch=CommitmentPatch,
    schema_out=CommitmentOut,
    docs=RecordDocs(
        put="Replace a commitment's fields. Needs `If-Match`.",
        archive="Archive a commitment, with the reason. Needs `If-Match`.",
        detail="One commitment or outcome, with its `ETag`.",
    ),
    detail_url_name="commitments-detail",
)


@commitments_router.post("", response={201: CommitmentOut, **CREATE_ERRORS}, auth=write_auth)
def create_commitment(request: HttpRequest, response: HttpResponse, payload: CommitmentIn):
    """Add a commitment, or an outcome under one (partnership managers)."""
    require_perm(request, "strategies.add_commitment")
    c = commitment_create(
        fields=_commitment_fields(request, payload.model_dump()), by=caller(request)
    )
    response["Location"] = reverse("api:commitments-detail", kwargs={"commitment_id": c.pk})
    return Status(201, _respond_commitment(request, response, c))


# --- Priorities -------------------------------------------------------------------------------


class PriorityOut(Meta):
    id: int
    title: str
    description: str
    strategy_id: int | None = Field(description="The plan that sets this priority.")
    commitment_ids: list[int] = Field(description="The commitments this priority serves.")
    area_id: int | None = Field(description="Where the priority is for one area only.")
    action_group_id: int | None = Field(description="The priority action group delivering it.")
    valid_from: dt.date | None
    valid_to: dt.date | None
    position: int


PriorityPage = page_schema(PriorityOut, "PriorityPage")


class PriorityIn(InputSchema):
    title: Annotated[CleanText, Field(min_length=1, max_length=2000)]
    description: CleanText = ""
    strategy_id: Id | None = Field(None, description="The plan that sets this priority.")
    commitment_ids: Annotated[list[Id], Field(max_length=100)] = Field(
        default_factory=list, description="The commitments this priority serves."
    )
    area_id: Id | None = Field(None, description="Where the priority is for one area only.")
    action_group_id: Id | None = Field(None, description="The priority action group delivering it.")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    position: Position = 0
    source: CleanText = ""


PriorityPatch = patch_schema(PriorityIn, "PriorityPatch")


class PriorityFilters(DatedParams):
    strategy: Id | None = Field(None, description="Only priorities set by this strategy.")
    area: Id | None = Field(None, description="Only priorities for this area.")


def _priorities(user: Any) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(_published(user, "strategy", nullable=True))
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.filter(_published(user, "strategy")).only("id"),
            )
        )
        .distinct()
    )


def _priority_out(p: Priority, body: _Bodies) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "description": p.description,
        "strategy_id": p.strategy_id,
        "commitment_ids": sorted(c.pk for c in p.commitments.all()),
        "area_id": p.area_id,
        "action_group_id": body(p.action_group_id),
        "valid_from": p.valid_from,
        "valid_to": p.valid_to,
        "position": p.position,
        **meta(p),
    }


def _get_priority(request: HttpRequest, priority_id: int) -> Priority:
    return _priorities(caller(request)).get(pk=priority_id)


def _respond_priority(request: HttpRequest, response: HttpResponse, p: Priority) -> dict:
    p = _get_priority(request, p.pk)
    with_etag(response, p)
    return _priority_out(p, _Bodies(caller(request)))


def _priority_fields(
    request: HttpRequest, data: dict[str, Any], p: Priority | None = None
) -> tuple[dict[str, Any], list[Commitment] | None]:
    user = caller(request)
    check_span(data, p, "valid_from", "valid_to", what="priority")
    refs = {
        "strategy_id": ("strategy", visible_strategies(user)),
        "commitment_ids": ("commitments", _commitments(user)),
        "area_id": ("area", Area.objects.all()),
        "action_group_id": ("action_group", visible_bodies(user)),
    }
    fields = resolve(data, refs)
    return fields, fields.pop("commitments", None)


def _priority_changes(request: HttpRequest, data: dict[str, Any], p: Priority) -> dict:
    fields, commitments = _priority_fields(request, data, p)
    return {"changes": fields, "commitments": commitments}


PRIORITY = RecordEndpoints(
    model=Priority,
    update_service=priority_update,
    archive_service=priority_archive,
    respond=_respond_priority,
    get=_get_priority,
    prepare=_priority_changes,
)


@priorities_router.get(
    "", response={200: PriorityPage, **LIST_ERRORS}, auth=read_auth, url_name="priorities-list"
)
def list_priorities(request: HttpRequest, filters: Query[PriorityFilters]):
    """Priorities, latest first, with the ids of the commitments they serve. Filter by
    `strategy`, `area`, `current` and `as_of`."""
    user = caller(request)
    qs = dated(live_unless_asked(_priorities(user), filters), filters)
    if filters.strategy:
        qs = qs.filter(strategy_id=filters.strategy)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    qs = qs.order_by("strategy_id", "-valid_from", "position", "pk")  # a stable order across pages
    body = _Bodies(user)
    return paginate(request, qs, filters, lambda rows: [_priority_out(p, body) for p in rows])


declare_record_endpoints(
    priorities_router,
    PRIORITY,
    module=__name__,
    noun="priority",
    path_param="priority_id",
    schema_in=PriorityIn,
    schema_patch=PriorityPatch,
    schema_out=PriorityOut,
    docs=RecordDocs(
        put="Replace a priority's fields, including the commitments it serves. Needs `If-Match`.",
        archive="Archive a priority, with the reason. Needs `If-Match`.",
        detail="One priority, with its `ETag`.",
    ),
    detail_url_name="priorities-detail",
)


@priorities_router.post("", response={201: PriorityOut, **CREATE_ERRORS}, auth=write_auth)
def create_priority(request: HttpRequest, response: HttpResponse, payload: PriorityIn):
    """Add a priority (partnership managers)."""
    require_perm(request, "strategies.add_priority")
    fields, commitments = _priority_fields(request, payload.model_dump())
    p = priority_create(fields=fields, commitments=commitments or [], by=caller(request))
    response["Location"] = reverse("api:priorities-detail", kwargs={"priority_id": p.pk})
    return Status(201, _respond_priority(request, response, p))


# --- Responsibilities (the matrix, cell by cell) ----------------------------------------------


class ResponsibilityOut(Meta):
    id: int
    strategy_id: int
    commitment_id: int
    body_id: int
    body_name: str
    role: ResponsibilityRole


ResponsibilityPage = page_schema(ResponsibilityOut, "ResponsibilityPage")


class ResponsibilityIn(InputSchema):
    commitment_id: Id
    body_id: Id
    role: ResponsibilityRole


class ResponsibilityChange(InputSchema):
    role: ResponsibilityRole = Field(
        ..., description="The new role. The record is archived and recorded afresh (a new id)."
    )


ResponsibilityPatch = patch_schema(ResponsibilityChange, "ResponsibilityPatch")


class ResponsibilityFilters(ListParams):
    strategy: Id | None = Field(None, description="Only the matrix of this strategy.")
    commitment: Id | None = Field(None, description="Only roles on this commitment.")
    body: Id | None = Field(None, description="Only roles of this body.")
    role: ResponsibilityRole | None = None


def _responsibilities(user: Any) -> QuerySet[Responsibility]:
    qs = Responsibility.objects.filter(_published(user, "commitment__strategy")).select_related(
        "commitment", "body"
    )
    if not is_manager(user):
        qs = qs.filter(body__in=visible_bodies(user).values("pk"))
    return qs


def _responsibility_out(r: Responsibility) -> dict[str, Any]:
    return {
        "id": r.pk,
        "strategy_id": r.commitment.strategy_id,
        "commitment_id": r.commitment_id,
        "body_id": r.body_id,
        "body_name": r.body.name,
        "role": r.role,
        **meta(r),
    }


def _get_responsibility(request: HttpRequest, responsibility_id: int) -> Responsibility:
    return _responsibilities(caller(request)).get(pk=responsibility_id)


def _respond_responsibility(request: HttpRequest, response: HttpResponse, r: Responsibility):
    r = _get_responsibility(request, r.pk)
    with_etag(response, r)
    return _responsibility_out(r)


def _set_role(commitment: Commitment, body: Body, role: str | None, by: Any, reason: str = ""):
    """One cell through the matrix rule; its errors name `role` (the cell's value)."""
    try:
        responsibility_set(commitment=commitment, body=body, role=role, by=by, reason=reason)
    except ValidationError as exc:
        messages = (
            exc.message_dict.get("cells", exc.messages)
            if hasattr(exc, "error_dict")
            else (exc.messages)
        )
        raise ApiProblem(
            422, "The matrix was not changed: see each field.", errors={"role": messages}
        ) from exc
    return Responsibility.objects.live().filter(commitment=commitment, body=body).first()


def _change_role(
    request: HttpRequest, response: HttpResponse, pk: int, if_match: str, role: str | None
) -> dict[str, Any]:
    record = _get_responsibility(request, pk)
    require_perm(request, "strategies.change_responsibility", record)
    with transaction.atomic():
        current = Responsibility.objects.select_for_update().get(pk=record.pk)
        expected_version(if_match, current)
        if current.is_archived:
            raise ApiProblem(
                422,
                "An archived record cannot be changed.",
                errors={"non_field_errors": ["An archived record cannot be changed."]},
            )
        if role is None or role == current.role:
            return _respond_responsibility(request, response, current)
        new = _set_role(current.commitment, current.body, role, caller(request))
    return _respond_responsibility(request, response, new)


@responsibilities_router.get(
    "",
    response={200: ResponsibilityPage, **LIST_ERRORS},
    auth=read_auth,
    url_name="responsibilities-list",
)
def list_responsibilities(request: HttpRequest, filters: Query[ResponsibilityFilters]):
    """The cells of the responsibility matrix: which body leads or contributes to which
    commitment. Filter by `strategy`, `commitment`, `body` and `role`; `include_archived`
    adds the roles that were removed or changed."""
    qs = live_unless_asked(_responsibilities(caller(request)), filters)
    if filters.strategy:
        qs = qs.filter(commitment__strategy_id=filters.strategy)
    if filters.commitment:
        qs = qs.filter(commitment_id=filters.commitment)
    if filters.body:
        qs = qs.filter(body_id=filters.body)
    if filters.role:
        qs = qs.filter(role=filters.role)
    qs = qs.order_by(
        "commitment__strategy_id", "commitment__position", "commitment__number", "role", "pk"
    )
    return paginate(request, qs, filters, lambda rows: map(_responsibility_out, rows))


@responsibilities_router.get(
    "/{responsibility_id}",
    response={200: ResponsibilityOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="responsibilities-detail",
)
def get_responsibility(request: HttpRequest, response: HttpResponse, responsibility_id: PathId):
    """One cell of the matrix, with its `ETag`."""
    return _respond_responsibility(
        request, response, _get_responsibility(request, responsibility_id)
    )


@responsibilities_router.post(
    "", response={201: ResponsibilityOut, **CREATE_ERRORS}, auth=write_auth
)
def create_responsibility(request: HttpRequest, response: HttpResponse, payload: ResponsibilityIn):
    """Give a body the lead or a contributing role on a commitment (partnership managers). The
    commitment must still have exactly one lead afterwards: give the lead first."""
    require_perm(request, "strategies.add_responsibility")
    user = caller(request)
    fields = resolve(
        payload.model_dump(),
        {
            "commitment_id": ("commitment", _commitments(user).live()),
            "body_id": ("body", visible_bodies(user)),
        },
    )
    commitment, body = fields["commitment"], fields["body"]
    if Responsibility.objects.live().filter(commitment=commitment, body=body).exists():
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={
                "body_id": [
                    "That body already has a role on this commitment: change it with PUT or PATCH."
                ]
            },
        )
    r = _set_role(commitment, body, fields["role"], user)
    response["Location"] = reverse(
        "api:responsibilities-detail", kwargs={"responsibility_id": r.pk}
    )
    return Status(201, _respond_responsibility(request, response, r))


@responsibilities_router.put(
    "/{responsibility_id}",
    response={200: ResponsibilityOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def replace_responsibility(
    request: HttpRequest,
    response: HttpResponse,
    responsibility_id: PathId,
    payload: ResponsibilityChange,
    if_match: IfMatch,
):
    """Change a body's role on a commitment. The old record is archived and the new role
    recorded afresh, so the answer has a new `id` (the matrix keeps its history). Needs
    `If-Match`."""
    return _change_role(request, response, responsibility_id, if_match, payload.role)


@responsibilities_router.patch(
    "/{responsibility_id}",
    response={200: ResponsibilityOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def patch_responsibility(
    request: HttpRequest,
    response: HttpResponse,
    responsibility_id: PathId,
    payload: ResponsibilityPatch,  # type: ignore[valid-type]
    if_match: IfMatch,
):
    """As PUT; without `role` nothing changes. Needs `If-Match`."""
    role = payload.model_dump(exclude_unset=True).get("role")
    return _change_role(request, response, responsibility_id, if_match, role)


@responsibilities_router.post(
    "/{responsibility_id}/archive",
    response={200: ResponsibilityOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def archive_responsibility(
    request: HttpRequest,
    response: HttpResponse,
    responsibility_id: PathId,
    payload: ArchiveIn,
    if_match: IfMatch,
):
    """Remove a body's role on a commitment, with the reason; the record is archived, not
    deleted. A lead can only go when no contributors remain (or once another body leads).
    Needs `If-Match`."""
    record = _get_responsibility(request, responsibility_id)
    require_perm(request, "strategies.archive_responsibility", record)
    with transaction.atomic():
        current = Responsibility.objects.select_for_update().get(pk=record.pk)
        expected_version(if_match, current)
        if current.is_archived:
            raise ApiProblem(
                422,
                "This record is already archived.",
                errors={"non_field_errors": ["This record is already archived."]},
            )
        _set_role(current.commitment, current.body, None, caller(request), payload.reason)
    return _respond_responsibility(request, response, record)
