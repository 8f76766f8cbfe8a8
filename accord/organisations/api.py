"""/api/v1/organisations: the partner organisations (council, police, NHS, voluntary groups…)."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.common.api import (
    CREATE_ERRORS,
    LIST_ERRORS,
    CleanText,
    DatedParams,
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
    with_etag,
    write_auth,
)
from accord.organisations.models import Organisation, OrganisationKind, Sector
from accord.organisations.services import (
    organisation_archive,
    organisation_create,
    organisation_update,
)

router = Router(tags=["organisations"])


class OrganisationOut(Meta):
    id: int
    name: str
    short_name: str
    sector: Sector
    kind: OrganisationKind
    gss_code: str = Field(description="ONS GSS code, for public bodies that have one.")
    charity_number: str
    company_number: str
    website: str
    start_date: dt.date | None
    end_date: dt.date | None
    description: str


OrganisationPage = page_schema(OrganisationOut, "OrganisationPage")


class OrganisationIn(InputSchema):
    name: Name
    short_name: Annotated[CleanText, Field(max_length=50)] = ""
    sector: Sector
    kind: OrganisationKind
    gss_code: Annotated[CleanText, Field(max_length=9)] = ""
    charity_number: Annotated[CleanText, Field(max_length=20)] = ""
    company_number: Annotated[CleanText, Field(max_length=20)] = ""
    website: Annotated[CleanText, Field(max_length=200)] = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    description: CleanText = ""
    source: CleanText = ""


OrganisationPatch = patch_schema(OrganisationIn, "OrganisationPatch")


class OrganisationFilters(DatedParams):
    sector: Sector | None = None
    kind: OrganisationKind | None = None


def _out(org: Organisation) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "short_name": org.short_name,
        "sector": org.sector,
        "kind": org.kind,
        "gss_code": org.gss_code,
        "charity_number": org.charity_number,
        "company_number": org.company_number,
        "website": org.website,
        "start_date": org.start_date,
        "end_date": org.end_date,
        "description": org.description,
        **meta(org),
    }


def _respond(request: HttpRequest, response: HttpResponse, org: Organisation) -> dict[str, Any]:
    with_etag(response, org)
    return _out(org)


def _changes(request: HttpRequest, data: dict[str, Any], org: Organisation) -> dict[str, Any]:
    check_span(data, org, "start_date", "end_date", what="organisation")
    return {"changes": data}


ENDPOINTS = RecordEndpoints(
    model=Organisation,
    update_service=organisation_update,
    archive_service=organisation_archive,
    respond=_respond,
    prepare=_changes,
)


@router.get(
    "", response={200: OrganisationPage, **LIST_ERRORS}, auth=read_auth, url_name="orgs-list"
)
def list_organisations(request: HttpRequest, filters: Query[OrganisationFilters]):
    """Partner organisations, by name. Filter by `sector`, `kind`, `current`, `as_of`."""
    qs = dated(live_unless_asked(Organisation.objects.all(), filters), filters)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return paginate(request, qs.order_by("name", "pk"), filters, lambda rows: map(_out, rows))


declare_record_endpoints(
    router,
    ENDPOINTS,
    module=__name__,
    noun="organisation",
    path_param="organisation_id",
    schema_in=OrganisationIn,
    schema_patch=OrganisationPatch,
    schema_out=OrganisationOut,
    docs=RecordDocs(
        put="Replace an organisation's fields. Needs `If-Match`.",
        archive="Archive an organisation, with the reason. Needs `If-Match`.",
        detail="One organisation, with its `ETag`.",
    ),
    detail_url_name="orgs-detail",
)


@router.post("", response={201: OrganisationOut, **CREATE_ERRORS}, auth=write_auth)
def create_organisation(request: HttpRequest, response: HttpResponse, payload: OrganisationIn):
    """Add a partner organisation (partnership managers)."""
    require_perm(request, "organisations.add_organisation")
    data = payload.model_dump()
    check_span(data, None, "start_date", "end_date", what="organisation")
    org = organisation_create(fields=data, by=caller(request))
    response["Location"] = reverse("api:orgs-detail", kwargs={"organisation_id": org.pk})
    return Status(201, _respond(request, response, org))
