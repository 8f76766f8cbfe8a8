"""/api/v1/areas: the places the partnership covers, nested borough → wards."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.areas.models import Area, AreaKind
from accord.areas.services import area_archive, area_create, area_update
from accord.common.api import (
    CREATE_ERRORS,
    LIST_ERRORS,
    CleanText,
    DatedParams,
    Id,
    InputSchema,
    Meta,
    Name,
    RecordDocs,
    RecordEndpoints,
    caller,
    check_span,
    dated,
    declare_record_endpoints,
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

router = Router(tags=["areas"])


class AreaOut(Meta):
    id: int
    name: str
    kind: AreaKind
    parent_id: int | None = Field(description="The area this one lies in.")
    gss_code: str = Field(description="ONS GSS code, where the area has one.")
    valid_from: dt.date | None
    valid_to: dt.date | None
    description: str


AreaPage = page_schema(AreaOut, "AreaPage")


class AreaIn(InputSchema):
    name: Name
    kind: AreaKind
    parent_id: Id | None = Field(None, description="The area this one lies in.")
    gss_code: Annotated[CleanText, Field(max_length=9)] = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    description: CleanText = ""
    source: CleanText = ""


AreaPatch = patch_schema(AreaIn, "AreaPatch")


class AreaFilters(DatedParams):
    kind: AreaKind | None = None
    parent: Id | None = Field(None, description="Only areas directly inside this area.")
    gss_code: Annotated[CleanText, Field(max_length=9)] | None = None


def _out(area: Area) -> dict[str, Any]:
    return {
        "id": area.pk,
        "name": area.name,
        "kind": area.kind,
        "parent_id": area.parent_id,
        "gss_code": area.gss_code,
        "valid_from": area.valid_from,
        "valid_to": area.valid_to,
        "description": area.description,
        **meta(area),
    }


def _respond(request: HttpRequest, response: HttpResponse, area: Area) -> dict[str, Any]:
    with_etag(response, area)
    return _out(area)


def _fields(data: dict[str, Any], area: Area | None = None) -> dict[str, Any]:
    check_span(data, area, "valid_from", "valid_to", what="area")
    return resolve(data, {"parent_id": ("parent", Area.objects.all())})


def _changes(request: HttpRequest, data: dict[str, Any], area: Area) -> dict[str, Any]:
    return {"changes": _fields(data, area)}


ENDPOINTS = RecordEndpoints(
    model=Area,
    update_service=area_update,
    archive_service=area_archive,
    respond=_respond,
    prepare=_changes,
)


@router.get("", response={200: AreaPage, **LIST_ERRORS}, auth=read_auth, url_name="areas-list")
def list_areas(request: HttpRequest, filters: Query[AreaFilters]):
    """Areas, by name. Filter by `kind`, `parent`, `gss_code`, `current`, `as_of`."""
    qs = dated(live_unless_asked(Area.objects.all(), filters), filters)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.parent:
        qs = qs.filter(parent_id=filters.parent)
    if filters.gss_code:
        qs = qs.filter(gss_code=filters.gss_code)
    return paginate(request, qs.order_by("name", "pk"), filters, lambda rows: map(_out, rows))


declare_record_endpoints(
    router,
    ENDPOINTS,
    module=__name__,
    noun="area",
    path_param="area_id",
    schema_in=AreaIn,
    schema_patch=AreaPatch,
    schema_out=AreaOut,
    docs=RecordDocs(
        put="Replace an area's fields. Needs `If-Match`.",
        archive="Archive an area, with the reason. Needs `If-Match`.",
        detail="One area, with its `ETag`.",
    ),
    detail_url_name="areas-detail",
)


@router.post("", response={201: AreaOut, **CREATE_ERRORS}, auth=write_auth)
def create_area(request: HttpRequest, response: HttpResponse, payload: AreaIn):
    """Add an area (partnership managers)."""
    require_perm(request, "areas.add_area")
    area = area_create(fields=_fields(payload.model_dump()), by=caller(request))
    response["Location"] = reverse("api:areas-detail", kwargs={"area_id": area.pk})
    return Status(201, _respond(request, response, area))
