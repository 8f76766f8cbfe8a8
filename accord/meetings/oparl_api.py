"""/api/v1/oparl: the partnership's public meetings, papers and people as OParl 1.1.

Start at `/oparl/system`; every object names the addresses of the others, as OParl clients
expect. Lists are OParl object lists (`data`, `pagination`, `links`), paged with `?page=` and
`?limit=` and filtered with `created_since`, `created_until`, `modified_since` and
`modified_until`. Public material only, with or without a token (see `accord.meetings.oparl`)."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel, ConfigDict

from accord.common.api import PathId, ProblemOut
from accord.meetings import oparl
from accord.meetings.oparl import Links, ListQuery

router = Router(tags=["oparl"])

OBJECT_ERRORS = {404: ProblemOut}
LIST_ERRORS = {400: ProblemOut, 404: ProblemOut}


class OParlObject(BaseModel):
    """An OParl 1.1 object; its other properties follow schema.oparl.org/1.1/<type>."""

    # A plain pydantic model: ninja's Schema would drop the properties not declared here.
    model_config = ConfigDict(extra="allow")

    id: str = Field(description="The object's own address.")
    type: str = Field(description="https://schema.oparl.org/1.1/<type>")


class OParlPagination(Schema):
    totalElements: int
    elementsPerPage: int
    currentPage: int
    totalPages: int


class OParlLinks(Schema):
    first: str
    self: str
    last: str
    prev: str | None = Field(None, description="Absent on the first page.")
    next: str | None = Field(None, description="Absent on the last page.")


class OParlList(Schema):
    """An OParl object list: one page of objects, where it is, and the pages around it."""

    data: list[OParlObject]
    pagination: OParlPagination
    links: OParlLinks


class OParlListParams(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    limit: int = Field(
        oparl.DEFAULT_LIMIT,
        ge=1,
        le=oparl.MAX_LIMIT,
        description=f"Objects per page (at most {oparl.MAX_LIMIT}).",
    )
    created_since: dt.datetime | None = Field(None, description="Created at or after.")
    created_until: dt.datetime | None = Field(None, description="Created at or before.")
    modified_since: dt.datetime | None = Field(None, description="Modified at or after.")
    modified_until: dt.datetime | None = Field(None, description="Modified at or before.")

    def as_query(self) -> ListQuery:
        def aware(value: dt.datetime | None) -> dt.datetime | None:
            if value is not None and timezone.is_naive(value):
                return timezone.make_aware(value, oparl.LONDON)
            return value

        return ListQuery(
            page=self.page,
            limit=self.limit,
            created_since=aware(self.created_since),
            created_until=aware(self.created_until),
            modified_since=aware(self.modified_since),
            modified_until=aware(self.modified_until),
        )


def links_for(request: HttpRequest) -> Links:
    system = request.build_absolute_uri(reverse("api:oparl-system"))
    return Links(api=system.removesuffix("/system"), site=request.build_absolute_uri("/")[:-1])


def _open(response: HttpResponse) -> None:
    # OParl asks servers to allow reading from any web page; everything here is public.
    response["Access-Control-Allow-Origin"] = "*"


def _body_only(pk: int) -> None:
    if pk != oparl.BODY_ID:
        raise Http404("No such body")


def _one(qs: Any, pk: int) -> Any:
    rows = qs.filter(pk=pk)
    if not rows:
        raise Http404("No such object")
    return rows[0]


def _loaded(load: Any, qs: Any, pk: int) -> Any:
    rows = load(qs.filter(pk=pk))
    if not rows:
        raise Http404("No such object")
    return rows[0]


ListParams = Query[OParlListParams]


# --- System and Body ------------------------------------------------------------------------------


@router.get("/system", response={200: OParlObject}, url_name="oparl-system")
def oparl_system(request: HttpRequest, response: HttpResponse):
    """The OParl entry point: this server, and the address of its list of bodies."""
    _open(response)
    return oparl.system_object(links_for(request))


@router.get("/body", response={200: OParlList, **LIST_ERRORS}, exclude_none=True)
def oparl_bodies(request: HttpRequest, response: HttpResponse, params: ListParams):
    """The bodies: one, the partnership."""
    _open(response)
    links = links_for(request)
    query = params.as_query()
    data = [oparl.body_object(links)] if query.page == 1 else []
    return oparl.page_envelope(links.body_list(), query, 1, data)


@router.get("/body/{pk}", response={200: OParlObject, **OBJECT_ERRORS}, url_name="oparl-body")
def oparl_body(request: HttpRequest, response: HttpResponse, pk: PathId):
    """The partnership as an OParl Body, with the addresses of its lists."""
    _body_only(pk)
    _open(response)
    return oparl.body_object(links_for(request))


@router.get("/body/{pk}/organization", response={200: OParlList, **LIST_ERRORS}, exclude_none=True)
def oparl_body_organizations(
    request: HttpRequest, response: HttpResponse, pk: PathId, params: ListParams
):
    """The partnership's bodies, then its partner organisations."""
    _body_only(pk)
    _open(response)
    return oparl.organization_list(links_for(request), params.as_query())


@router.get("/body/{pk}/person", response={200: OParlList, **LIST_ERRORS}, exclude_none=True)
def oparl_body_people(request: HttpRequest, response: HttpResponse, pk: PathId, params: ListParams):
    """People, each with their memberships of public bodies (no contact details)."""
    _body_only(pk)
    _open(response)
    links = links_for(request)
    return oparl.object_list(
        oparl.public_people(),
        url=links.body_sublist("person"),
        query=params.as_query(),
        load=oparl.people,
        build=lambda p: oparl.person_object(p, links),
    )


@router.get("/body/{pk}/meeting", response={200: OParlList, **LIST_ERRORS}, exclude_none=True)
def oparl_body_meetings(
    request: HttpRequest, response: HttpResponse, pk: PathId, params: ListParams
):
    """Public meetings whose agenda is published, with their agenda items."""
    _body_only(pk)
    _open(response)
    links = links_for(request)
    return oparl.object_list(
        oparl.public_meetings(),
        url=links.body_sublist("meeting"),
        query=params.as_query(),
        load=oparl.meetings,
        build=lambda m: oparl.meeting_object(m, links),
    )


@router.get("/body/{pk}/paper", response={200: OParlList, **LIST_ERRORS}, exclude_none=True)
def oparl_body_papers(request: HttpRequest, response: HttpResponse, pk: PathId, params: ListParams):
    """Public papers, with their files and where they were considered."""
    _body_only(pk)
    _open(response)
    links = links_for(request)
    return oparl.object_list(
        oparl.public_papers(),
        url=links.body_sublist("paper"),
        query=params.as_query(),
        load=oparl.papers,
        build=lambda p: oparl.paper_object(p, links),
    )


# --- Objects --------------------------------------------------------------------------------------


@router.get("/organization/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_organization(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A body of the partnership."""
    body = _one(oparl.public_bodies(), pk)
    rows, shown = oparl.organizations([body])
    _open(response)
    return oparl.organization_object(rows[0], links_for(request), shown=shown)


@router.get("/organization/partner/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_partner(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A partner organisation."""
    org = _one(oparl.public_partners(), pk)
    _open(response)
    return oparl.partner_object(org, links_for(request))


@router.get("/person/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_person(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A person, with their memberships of public bodies."""
    person = _loaded(oparl.people, oparl.public_people(), pk)
    _open(response)
    return oparl.person_object(person, links_for(request))


@router.get("/membership/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_membership(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A person's seat on a public body."""
    membership = _one(oparl.public_memberships(), pk)
    _open(response)
    return oparl.membership_object(membership, links_for(request))


@router.get("/meeting/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_meeting(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A public meeting, with its public agenda items."""
    meeting = _loaded(oparl.meetings, oparl.public_meetings(), pk)
    _open(response)
    return oparl.meeting_object(meeting, links_for(request))


@router.get("/agendaitem/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_agenda_item(request: HttpRequest, response: HttpResponse, pk: PathId):
    """An agenda item of a public meeting that is not restricted."""
    item = _loaded(oparl.agenda_items, oparl.public_items(), pk)
    _open(response)
    return oparl.agenda_item_object(
        item, links_for(request), agreed=item.meeting.minutes_are_agreed
    )


@router.get("/paper/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_paper(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A public paper."""
    paper = _loaded(oparl.papers, oparl.public_papers(), pk)
    _open(response)
    return oparl.paper_object(paper, links_for(request))


@router.get("/consultation/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_consultation(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A public paper considered at a public agenda item."""
    consultation = _one(oparl.consultation_rows(), pk)
    _open(response)
    return oparl.consultation_object(consultation, links_for(request))


@router.get("/file/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_file(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A version of a public paper's file."""
    file = _loaded(oparl.files, oparl.public_files(), pk)
    _open(response)
    return oparl.file_object(file, links_for(request))


@router.get("/location/{pk}", response={200: OParlObject, **OBJECT_ERRORS})
def oparl_location(request: HttpRequest, response: HttpResponse, pk: PathId):
    """A venue where public meetings are held."""
    venue = _one(oparl.public_venues(), pk)
    _open(response)
    return oparl.venue_location(venue, links_for(request))
