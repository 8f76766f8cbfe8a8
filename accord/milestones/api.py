"""/api/v1/programmes and /api/v1/milestones: timetables of dated milestones.

A programme tied to a strategy is seen by whoever may see that strategy (anonymous callers:
published strategies only); its milestones go with it. Writes are for partnership managers."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    LIST_ERRORS,
    CleanText,
    Id,
    InputSchema,
    ListParams,
    Meta,
    Name,
    RecordDocs,
    RecordEndpoints,
    caller,
    check_span,
    declare_record_endpoints,
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
from accord.milestones.models import (
    DatePrecision,
    Milestone,
    MilestoneStatus,
    Programme,
)
from accord.milestones.services import (
    milestone_archive,
    milestone_create,
    milestone_update,
    programme_archive,
    programme_create,
    programme_update,
)
from accord.organisations.models import Organisation
from accord.people.models import Person
from accord.strategies.api import visible_strategies

programmes_router = Router(tags=["milestones"])
router = Router(tags=["milestones"])


def _strategy_visible(user: Any, field: str) -> Q:
    if is_manager(user):
        return Q()
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__is_published": True})


class _Bodies:
    """Which bodies the caller may see, for hiding links to the others (one query)."""

    def __init__(self, user: Any):
        self.all = is_manager(user)
        self.ids: set[int] = (
            set() if self.all else set(visible_bodies(user).values_list("pk", flat=True))
        )

    def __call__(self, pk: int | None) -> int | None:
        return pk if pk is not None and (self.all or pk in self.ids) else None


# --- Programmes -------------------------------------------------------------------------------


class ProgrammeOut(Meta):
    id: int
    title: str
    description: str
    owning_body_id: int | None = Field(description="The body that runs the timetable.")
    strategy_id: int | None = Field(description="The strategy the timetable serves.")


ProgrammePage = page_schema(ProgrammeOut, "ProgrammePage")


class ProgrammeIn(InputSchema):
    title: Name
    description: CleanText = ""
    owning_body_id: Id | None = Field(None, description="The body that runs the timetable.")
    strategy_id: Id | None = Field(None, description="The strategy the timetable serves.")
    source: CleanText = ""


ProgrammePatch = patch_schema(ProgrammeIn, "ProgrammePatch")


class ProgrammeFilters(ListParams):
    strategy: Id | None = Field(None, description="Only timetables of this strategy.")
    body: Id | None = Field(None, description="Only timetables this body runs.")


def _programmes(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(_strategy_visible(user, "strategy"))


def _programme_out(p: Programme, body: _Bodies) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "description": p.description,
        "owning_body_id": body(p.owning_body_id),
        "strategy_id": p.strategy_id,
        **meta(p),
    }


def _get_programme(request: HttpRequest, programme_id: int) -> Programme:
    return _programmes(caller(request)).get(pk=programme_id)


def _respond_programme(request: HttpRequest, response: HttpResponse, p: Programme) -> dict:
    p = _get_programme(request, p.pk)
    with_etag(response, p)
    return _programme_out(p, _Bodies(caller(request)))


def _programme_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = caller(request)
    refs = {
        "owning_body_id": ("owning_body", visible_bodies(user)),
        "strategy_id": ("strategy", visible_strategies(user)),
    }
    return resolve(data, refs)


def _programme_changes(request: HttpRequest, data: dict[str, Any], p: Programme) -> dict:
    return {"changes": _programme_fields(request, data)}


PROGRAMME = RecordEndpoints(
    model=Programme,
    update_service=programme_update,
    archive_service=programme_archive,
    respond=_respond_programme,
    get=_get_programme,
    prepare=_programme_changes,
)


@programmes_router.get(
    "", response={200: ProgrammePage, **LIST_ERRORS}, auth=read_auth, url_name="programmes-list"
)
def list_programmes(request: HttpRequest, filters: Query[ProgrammeFilters]):
    """Timetables, by title. Filter by `strategy` and `body`."""
    user = caller(request)
    qs = live_unless_asked(_programmes(user), filters)
    if filters.strategy:
        qs = qs.filter(strategy_id=filters.strategy)
    if filters.body:
        qs = qs.filter(owning_body_id=filters.body)
    body = _Bodies(user)
    return paginate(
        request,
        qs.order_by("title", "pk"),
        filters,
        lambda rows: [_programme_out(p, body) for p in rows],
    )


declare_record_endpoints(
    programmes_router,
    PROGRAMME,
    module=__name__,
    noun="programme",
    path_param="programme_id",
    schema_in=ProgrammeIn,
    schema_patch=ProgrammePatch,
    schema_out=ProgrammeOut,
    docs=RecordDocs(
        put="Replace a timetable's fields. Needs `If-Match`.",
        archive="Archive a timetable, with the reason. Needs `If-Match`.",
        detail="One timetable, with its `ETag`.",
    ),
    detail_url_name="programmes-detail",
)


@programmes_router.post("", response={201: ProgrammeOut, **CREATE_ERRORS}, auth=write_auth)
def create_programme(request: HttpRequest, response: HttpResponse, payload: ProgrammeIn):
    """Create a timetable (partnership managers)."""
    require_perm(request, "milestones.add_programme")
    p = programme_create(
        fields=_programme_fields(request, payload.model_dump()), by=caller(request)
    )
    response["Location"] = reverse("api:programmes-detail", kwargs={"programme_id": p.pk})
    return Status(201, _respond_programme(request, response, p))


# --- Milestones -------------------------------------------------------------------------------


class MilestoneOut(Meta):
    id: int
    programme_id: int
    title: str
    description: str
    starts_on: dt.date | None = Field(description="For a step over a span, its first day.")
    due_on: dt.date = Field(description="The day it is due (the last day of a span or month).")
    precision: DatePrecision = Field(description="How exactly the paper gives the date.")
    owner_body_id: int | None
    owner_organisation_id: int | None
    owner_person_id: int | None
    status: MilestoneStatus
    completed_on: dt.date | None
    position: int
    is_overdue: bool = Field(description="Still open and due before today.")


MilestonePage = page_schema(MilestoneOut, "MilestonePage")


class MilestoneIn(InputSchema):
    programme_id: Id
    title: Annotated[CleanText, Field(min_length=1, max_length=300)]
    description: CleanText = ""
    starts_on: dt.date | None = Field(None, description="For a step over a span, its first day.")
    due_on: dt.date = Field(..., description="The day it is due (last day of a span or month).")
    precision: DatePrecision = DatePrecision.DAY
    owner_body_id: Id | None = None
    owner_organisation_id: Id | None = None
    owner_person_id: Id | None = None
    status: MilestoneStatus = MilestoneStatus.PLANNED
    completed_on: dt.date | None = Field(None, description="Needed when the status is done.")
    position: Annotated[int, Field(ge=0, le=2_147_483_647)] = 0
    source: CleanText = ""


MilestonePatch = patch_schema(MilestoneIn, "MilestonePatch")


class MilestoneFilters(ListParams):
    programme: Id | None = Field(None, description="Only milestones of this timetable.")
    status: MilestoneStatus | None = None
    overdue: bool | None = Field(
        None, description="true: only open milestones due before today; false: all the others."
    )
    due_after: dt.date | None = Field(None, description="Only those due on or after this day.")
    due_before: dt.date | None = Field(None, description="Only those due on or before this day.")


def _milestones(user: Any) -> QuerySet[Milestone]:
    return Milestone.objects.filter(_strategy_visible(user, "programme__strategy"))


def _milestone_out(m: Milestone, body: _Bodies, day: dt.date) -> dict[str, Any]:
    return {
        "id": m.pk,
        "programme_id": m.programme_id,
        "title": m.title,
        "description": m.description,
        "starts_on": m.starts_on,
        "due_on": m.due_on,
        "precision": m.precision,
        "owner_body_id": body(m.owner_body_id),
        "owner_organisation_id": m.owner_organisation_id,
        "owner_person_id": m.owner_person_id,
        "status": m.status,
        "completed_on": m.completed_on,
        "position": m.position,
        "is_overdue": m.is_overdue_on(day),
        **meta(m),
    }


def _get_milestone(request: HttpRequest, milestone_id: int) -> Milestone:
    return _milestones(caller(request)).get(pk=milestone_id)


def _respond_milestone(request: HttpRequest, response: HttpResponse, m: Milestone) -> dict:
    m = _get_milestone(request, m.pk)
    with_etag(response, m)
    return _milestone_out(m, _Bodies(caller(request)), today())


def _milestone_fields(
    request: HttpRequest, data: dict[str, Any], m: Milestone | None = None
) -> dict[str, Any]:
    user = caller(request)
    check_span(data, m, "starts_on", "due_on", what="milestone")
    refs = {
        "programme_id": ("programme", _programmes(user)),
        "owner_body_id": ("owner_body", visible_bodies(user)),
        "owner_organisation_id": ("owner_organisation", Organisation.objects.all()),
        "owner_person_id": ("owner_person", Person.objects.all()),
    }
    return resolve(data, refs)


def _milestone_changes(request: HttpRequest, data: dict[str, Any], m: Milestone) -> dict:
    return {"changes": _milestone_fields(request, data, m)}


MILESTONE = RecordEndpoints(
    model=Milestone,
    update_service=milestone_update,
    archive_service=milestone_archive,
    respond=_respond_milestone,
    get=_get_milestone,
    prepare=_milestone_changes,
)


@router.get(
    "", response={200: MilestonePage, **LIST_ERRORS}, auth=read_auth, url_name="milestones-list"
)
def list_milestones(request: HttpRequest, filters: Query[MilestoneFilters]):
    """Milestones, soonest due first. Filter by `programme`, `status`, `overdue`, `due_after`
    and `due_before` (both inclusive)."""
    user = caller(request)
    qs = live_unless_asked(_milestones(user), filters)
    day = today()
    if filters.programme:
        qs = qs.filter(programme_id=filters.programme)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.overdue is True:
        qs = qs.overdue(on=day)
    elif filters.overdue is False:
        qs = qs.exclude(pk__in=Milestone.objects.overdue(on=day).values("pk"))
    if filters.due_after:
        qs = qs.filter(due_on__gte=filters.due_after)
    if filters.due_before:
        qs = qs.filter(due_on__lte=filters.due_before)
    qs = qs.order_by("due_on", "position", "pk")
    body = _Bodies(user)
    return paginate(request, qs, filters, lambda rows: [_milestone_out(m, body, day) for m in rows])


declare_record_endpoints(
    router,
    MILESTONE,
    module=__name__,
    noun="milestone",
    path_param="milestone_id",
    schema_in=MilestoneIn,
    schema_patch=MilestonePatch,
    schema_out=MilestoneOut,
    docs=RecordDocs(
        put="Replace a milestone's fields. Needs `If-Match`.",
        patch=(
            "Change the fields sent, and only those (e.g. `status` and `completed_on`). Needs\n"
            "`If-Match`."
        ),
        archive=(
            "Archive a milestone recorded in error, with the reason. "
            "A milestone that will not happen\n"
            "is `cancelled` instead. Needs `If-Match`."
        ),
        detail="One milestone, with its `ETag`.",
    ),
    detail_url_name="milestones-detail",
)


@router.post("", response={201: MilestoneOut, **CREATE_ERRORS}, auth=write_auth)
def create_milestone(request: HttpRequest, response: HttpResponse, payload: MilestoneIn):
    """Add a milestone to a timetable (partnership managers)."""
    require_perm(request, "milestones.add_milestone")
    m = milestone_create(
        fields=_milestone_fields(request, payload.model_dump()), by=caller(request)
    )
    response["Location"] = reverse("api:milestones-detail", kwargs={"milestone_id": m.pk})
    return Status(201, _respond_milestone(request, response, m))
