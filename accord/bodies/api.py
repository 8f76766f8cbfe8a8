"""/api/v1/bodies: the partnership's boards, partnerships, forums and groups."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.areas.models import Area
from accord.bodies.models import Body, BodyKind, MeetingCycle
from accord.bodies.selectors import visible_bodies
from accord.bodies.services import body_archive, body_create, body_update
from accord.common.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    LIST_ERRORS,
    CleanText,
    DatedParams,
    Id,
    InputSchema,
    Meta,
    Name,
    PathId,
    RecordDocs,
    RecordEndpoints,
    caller,
    check_span,
    dated,
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

router = Router(tags=["bodies"])

BodyId = PathId


class BodyOut(Meta):
    id: int
    name: str
    short_name: str
    kind: BodyKind
    parent_id: int | None = Field(description="The body this one reports to.")
    purpose: str
    terms_of_reference: str
    meeting_cycle: MeetingCycle
    area_id: int | None = Field(description="The area this body covers.")
    chair_arrangements: str
    allows_co_chairs: bool
    established_on: dt.date | None
    ended_on: dt.date | None
    successor_ids: list[int] = Field(description="Bodies that took over when this one ended.")
    predecessor_ids: list[int] = Field(description="Bodies this one took over from.")
    is_published: bool


BodyPage = page_schema(BodyOut, "BodyPage")


class BodyIn(InputSchema):
    name: Name
    short_name: Annotated[CleanText, Field(max_length=60)] = ""
    kind: BodyKind
    parent_id: Id | None = Field(None, description="The body this one reports to.")
    purpose: CleanText = ""
    terms_of_reference: CleanText = ""
    meeting_cycle: MeetingCycle = MeetingCycle.UNKNOWN
    area_id: Id | None = Field(None, description="The area this body covers.")
    chair_arrangements: Annotated[CleanText, Field(max_length=200)] = ""
    allows_co_chairs: bool = False
    established_on: dt.date | None = None
    ended_on: dt.date | None = None
    successor_ids: Annotated[list[Id], Field(max_length=50)] = Field(
        default_factory=list, description="Bodies that took over when this one ended."
    )
    is_published: bool = True
    source: CleanText = ""


BodyPatch = patch_schema(BodyIn, "BodyPatch")


class BodyFilters(DatedParams):
    kind: BodyKind | None = None
    parent: Id | None = Field(None, description="Only bodies reporting to this body.")
    area: Id | None = Field(None, description="Only bodies covering this area.")


class _Visibility:
    """Which bodies the caller may see, for hiding links to the others."""

    def __init__(self, user: Any):
        self.all = is_manager(user)
        self.ids: set[int] = (
            set() if self.all else set(visible_bodies(user).values_list("pk", flat=True))
        )

    def __call__(self, pk: int | None) -> bool:
        return pk is not None and (self.all or pk in self.ids)


def _queryset(user: Any):
    return visible_bodies(user).prefetch_related(
        Prefetch("successors", queryset=Body.objects.only("id")),
        Prefetch("predecessors", queryset=Body.objects.only("id")),
    )


def _out(body: Body, can_see: _Visibility) -> dict[str, Any]:
    return {
        "id": body.pk,
        "name": body.name,
        "short_name": body.short_name,
        "kind": body.kind,
        "parent_id": body.parent_id if can_see(body.parent_id) else None,
        "purpose": body.purpose,
        "terms_of_reference": body.terms_of_reference,
        "meeting_cycle": body.meeting_cycle,
        "area_id": body.area_id,
        "chair_arrangements": body.chair_arrangements,
        "allows_co_chairs": body.allows_co_chairs,
        "established_on": body.established_on,
        "ended_on": body.ended_on,
        "successor_ids": sorted(b.pk for b in body.successors.all() if can_see(b.pk)),
        "predecessor_ids": sorted(b.pk for b in body.predecessors.all() if can_see(b.pk)),
        "is_published": body.is_published,
        **meta(body),
    }


def _get(request: HttpRequest, body_id: int) -> Body:
    return _queryset(caller(request)).get(pk=body_id)


def _fields(
    request: HttpRequest, data: dict[str, Any], body: Body | None = None
) -> tuple[dict[str, Any], Any]:
    user = caller(request)
    check_span(data, body, "established_on", "ended_on", what="body")
    refs = {
        "parent_id": ("parent", visible_bodies(user)),
        "area_id": ("area", Area.objects.all()),
        "successor_ids": ("successors", visible_bodies(user)),
    }
    fields = resolve(data, refs)
    return fields, fields.pop("successors", None)


def _respond(request: HttpRequest, response: HttpResponse, body: Body) -> dict[str, Any]:
    body = _get(request, body.pk)
    with_etag(response, body)
    return _out(body, _Visibility(caller(request)))


def _changes(request: HttpRequest, data: dict[str, Any], body: Body) -> dict[str, Any]:
    fields, successors = _fields(request, data, body)
    return {"changes": fields, "successors": successors}


ENDPOINTS = RecordEndpoints(
    model=Body,
    update_service=body_update,
    archive_service=body_archive,
    respond=_respond,
    get=_get,
    prepare=_changes,
)


@router.get("", response={200: BodyPage, **LIST_ERRORS}, auth=read_auth, url_name="bodies-list")
def list_bodies(request: HttpRequest, filters: Query[BodyFilters]):
    """Bodies, by name. Anonymous callers see published bodies only."""
    qs = live_unless_asked(_queryset(caller(request)), filters)
    qs = dated(qs, filters)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    can_see = _Visibility(caller(request))
    return paginate(
        request, qs.order_by("name", "pk"), filters, lambda rows: [_out(b, can_see) for b in rows]
    )


@router.get(
    "/{body_id}",
    response={200: BodyOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="bodies-detail",
)
def get_body(request: HttpRequest, response: HttpResponse, body_id: BodyId):
    """One body, with its `ETag`."""
    body = _get(request, body_id)
    with_etag(response, body)
    return _out(body, _Visibility(caller(request)))


@router.post("", response={201: BodyOut, **CREATE_ERRORS}, auth=write_auth)
def create_body(request: HttpRequest, response: HttpResponse, payload: BodyIn):
    """Create a body (partnership managers)."""
    require_perm(request, "bodies.add_body")
    fields, successors = _fields(request, payload.model_dump())
    body = body_create(fields=fields, successors=successors or [], by=caller(request))
    response["Location"] = reverse("api:bodies-detail", kwargs={"body_id": body.pk})
    return Status(201, _respond(request, response, body))


declare_record_endpoints(
    router,
    ENDPOINTS,
    module=__name__,
    noun="body",
    path_param="body_id",
    schema_in=BodyIn,
    schema_patch=BodyPatch,
    schema_out=BodyOut,
    docs=RecordDocs(
        put="Replace a body's fields; those left out return to their defaults. Needs `If-Match`.",
        archive=(
            "Archive a body, with the reason: it leaves the lists but stays readable. "
            "Needs `If-Match`."
        ),
    ),
    path_type=BodyId,
)
