"""/api/v1/memberships: who sits on which body, in what role, for whom, and when.

Memberships of bodies the caller may not see are hidden. A body's support staff may add,
change and archive its memberships; managers may do so everywhere."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.bodies.models import Body, Post
from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    LIST_ERRORS,
    CleanText,
    DatedParams,
    Id,
    InputSchema,
    Meta,
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
from accord.memberships.models import Membership, Role
from accord.memberships.services import (
    membership_archive,
    membership_create,
    membership_update,
)
from accord.organisations.models import Organisation
from accord.people.models import Person

router = Router(tags=["memberships"])


class MembershipOut(Meta):
    id: int
    person_id: int
    person_name: str
    body_id: int
    body_name: str
    role: Role
    post_id: int | None = Field(description="The seat on the body this person fills, if any.")
    on_behalf_of_id: int | None = Field(description="The organisation this person represents.")
    on_behalf_of_name: str | None
    nominated_by_id: int | None = Field(description="The organisation that nominated them.")
    has_vote: bool
    start_date: dt.date | None
    end_date: dt.date | None
    notes: str


MembershipPage = page_schema(MembershipOut, "MembershipPage")


class MembershipIn(InputSchema):
    person_id: Id
    body_id: Id
    role: Role = Role.MEMBER
    post_id: Id | None = None
    on_behalf_of_id: Id | None = Field(None, description="The organisation represented.")
    nominated_by_id: Id | None = Field(None, description="The organisation that nominated.")
    has_vote: bool = True
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    notes: CleanText = ""
    source: CleanText = ""


MembershipPatch = patch_schema(MembershipIn, "MembershipPatch")


class MembershipFilters(DatedParams):
    body: Id | None = Field(None, description="Only memberships of this body.")
    person: Id | None = Field(None, description="Only memberships of this person.")
    organisation: Id | None = Field(
        None, description="Only memberships on behalf of this organisation."
    )
    role: Role | None = None


def _queryset(user: Any):
    qs = Membership.objects.select_related("person", "body", "on_behalf_of")
    if not is_manager(user):
        qs = qs.filter(body__in=visible_bodies(user).values("pk"))
    return qs


def _out(m: Membership) -> dict[str, Any]:
    return {
        "id": m.pk,
        "person_id": m.person_id,
        "person_name": str(m.person),
        "body_id": m.body_id,
        "body_name": m.body.name,
        "role": m.role,
        "post_id": m.post_id,
        "on_behalf_of_id": m.on_behalf_of_id,
        "on_behalf_of_name": m.on_behalf_of.name if m.on_behalf_of else None,
        "nominated_by_id": m.nominated_by_id,
        "has_vote": m.has_vote,
        "start_date": m.start_date,
        "end_date": m.end_date,
        "notes": m.notes,
        **meta(m),
    }


def _get(request: HttpRequest, membership_id: int) -> Membership:
    return _queryset(caller(request)).get(pk=membership_id)


def _respond(request: HttpRequest, response: HttpResponse, m: Membership) -> dict[str, Any]:
    m = _get(request, m.pk)
    with_etag(response, m)
    return _out(m)


def _fields(
    request: HttpRequest, data: dict[str, Any], membership: Membership | None = None
) -> dict[str, Any]:
    check_span(data, membership, "start_date", "end_date", what="membership")
    refs = {
        "person_id": ("person", Person.objects.all()),
        "body_id": ("body", visible_bodies(caller(request))),
        "post_id": ("post", Post.objects.all()),
        "on_behalf_of_id": ("on_behalf_of", Organisation.objects.all()),
        "nominated_by_id": ("nominated_by", Organisation.objects.all()),
    }
    return resolve(data, refs)


def _changes(request: HttpRequest, data: dict[str, Any], m: Membership) -> dict[str, Any]:
    fields = _fields(request, data, m)
    moved_to: Body | None = fields.get("body")
    if moved_to is not None and moved_to.pk != m.body_id:
        require_perm(request, "memberships.add_membership", moved_to)
    return {"changes": fields}


ENDPOINTS = RecordEndpoints(
    model=Membership,
    update_service=membership_update,
    archive_service=membership_archive,
    respond=_respond,
    get=_get,
    prepare=_changes,
)


@router.get(
    "", response={200: MembershipPage, **LIST_ERRORS}, auth=read_auth, url_name="memberships-list"
)
def list_memberships(request: HttpRequest, filters: Query[MembershipFilters]):
    """Memberships, by body, role and surname. Filter by `body`, `person`, `organisation`,
    `role`, `current`, `as_of`."""
    qs = dated(live_unless_asked(_queryset(caller(request)), filters), filters)
    if filters.body:
        qs = qs.filter(body_id=filters.body)
    if filters.person:
        qs = qs.filter(person_id=filters.person)
    if filters.organisation:
        qs = qs.filter(on_behalf_of_id=filters.organisation)
    if filters.role:
        qs = qs.filter(role=filters.role)
    qs = qs.order_by("body__name", "role", "person__sort_name", "pk")
    return paginate(request, qs, filters, lambda rows: map(_out, rows))


declare_record_endpoints(
    router,
    ENDPOINTS,
    module=__name__,
    noun="membership",
    path_param="membership_id",
    schema_in=MembershipIn,
    schema_patch=MembershipPatch,
    schema_out=MembershipOut,
    docs=RecordDocs(
        put="Replace a membership's fields. Needs `If-Match`.",
        patch="Change the fields sent, and only those (e.g. `end_date`). Needs `If-Match`.",
        archive=(
            "Archive a membership recorded in error, with the reason. "
            "To record that someone left,\n"
            "set `end_date` instead. Needs `If-Match`."
        ),
        detail="One membership, with its `ETag`.",
    ),
    detail_url_name="memberships-detail",
)


@router.post("", response={201: MembershipOut, **CREATE_ERRORS}, auth=write_auth)
def create_membership(request: HttpRequest, response: HttpResponse, payload: MembershipIn):
    """Add a membership (managers, or the body's support staff)."""
    fields = _fields(request, payload.model_dump())
    require_perm(request, "memberships.add_membership", fields["body"])
    m = membership_create(fields=fields, by=caller(request))
    response["Location"] = reverse("api:memberships-detail", kwargs={"membership_id": m.pk})
    return Status(201, _respond(request, response, m))
