"""/api/v1/people: the people in the framework. Their email and phone are personal data, shown
only to callers entitled to them (managers, themselves, members of a body they sit on)."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from accord.accounts.permissions import personal_data_people
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
from accord.people.models import Employment, Person
from accord.people.services import person_archive, person_create, person_update

router = Router(tags=["people"])


class EmploymentOut(Schema):
    organisation_id: int
    organisation_name: str
    job_title: str
    start_date: dt.date | None
    end_date: dt.date | None


class PersonOut(Meta):
    id: int
    honorific: str
    name: str
    sort_name: str
    biography: str
    employments: list[EmploymentOut]
    # Personal data: present only for callers entitled to it.
    email: str | None = Field(None, description="Only for callers entitled to personal data.")
    phone: str | None = Field(None, description="Only for callers entitled to personal data.")


PersonPage = page_schema(PersonOut, "PersonPage")


class PersonIn(InputSchema):
    honorific: Annotated[CleanText, Field(max_length=30)] = ""
    name: Name
    sort_name: Annotated[CleanText, Field(max_length=200)] = ""
    email: Annotated[CleanText, Field(max_length=254)] = ""
    phone: Annotated[CleanText, Field(max_length=40)] = ""
    biography: CleanText = ""
    source: CleanText = ""


PersonPatch = patch_schema(PersonIn, "PersonPatch")


class PersonFilters(ListParams):
    q: Annotated[CleanText, Field(max_length=200)] | None = Field(
        None, description="Only people whose name contains this."
    )
    organisation: Id | None = Field(None, description="Only people employed by this organisation.")


def _queryset():
    employments = Employment.objects.live().select_related("organisation")
    return Person.objects.prefetch_related(
        Prefetch("employments", queryset=employments.order_by("-start_date", "pk"))
    )


def _out(person: Person, entitled) -> dict[str, Any]:
    data = {
        "id": person.pk,
        "honorific": person.honorific,
        "name": person.name,
        "sort_name": person.sort_name,
        "biography": person.biography,
        "employments": [
            {
                "organisation_id": e.organisation_id,
                "organisation_name": e.organisation.name,
                "job_title": e.job_title,
                "start_date": e.start_date,
                "end_date": e.end_date,
            }
            for e in person.employments.all()
        ],
        **meta(person),
    }
    if entitled(person.pk):
        data["email"] = person.email
        data["phone"] = person.phone
    return data


def _respond(request: HttpRequest, response: HttpResponse, person: Person) -> dict[str, Any]:
    person = _queryset().get(pk=person.pk)
    with_etag(response, person)
    user = caller(request)
    return _out(person, lambda pk: user.has_perm("people.view_personal_data", person))


ENDPOINTS = RecordEndpoints(
    model=Person, update_service=person_update, archive_service=person_archive, respond=_respond
)


@router.get(
    "",
    response={200: PersonPage, **LIST_ERRORS},
    auth=read_auth,
    url_name="people-list",
    exclude_unset=True,
)
def list_people(request: HttpRequest, filters: Query[PersonFilters]):
    """People, by surname. Filter by `q` (name) and `organisation` (employer)."""
    qs = live_unless_asked(_queryset(), filters)
    if filters.q:
        for word in filters.q.split()[:8]:
            qs = qs.filter(Q(name__icontains=word) | Q(sort_name__icontains=word))
    if filters.organisation:
        qs = qs.filter(
            pk__in=Employment.objects.live()
            .filter(organisation_id=filters.organisation)
            .values("person_id")
        )
    entitled = personal_data_people(caller(request))
    return paginate(
        request,
        qs.order_by("sort_name", "name", "pk"),
        filters,
        lambda rows: [_out(p, entitled) for p in rows],
    )


declare_record_endpoints(
    router,
    ENDPOINTS,
    module=__name__,
    noun="person",
    path_param="person_id",
    schema_in=PersonIn,
    schema_patch=PersonPatch,
    schema_out=PersonOut,
    docs=RecordDocs(
        put="Replace a person's fields. Needs `If-Match`.",
        archive="Archive a person, with the reason. Needs `If-Match`.",
        detail="One person, with their `ETag`.",
    ),
    detail_url_name="people-detail",
    exclude_unset=True,
)


@router.post("", response={201: PersonOut, **CREATE_ERRORS}, auth=write_auth, exclude_unset=True)
def create_person(request: HttpRequest, response: HttpResponse, payload: PersonIn):
    """Add a person (partnership managers)."""
    require_perm(request, "people.add_person")
    person = person_create(fields=payload.model_dump(), by=caller(request))
    response["Location"] = reverse("api:people-detail", kwargs={"person_id": person.pk})
    return Status(201, _respond(request, response, person))
