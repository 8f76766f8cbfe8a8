"""/api/v1/area-groups: named groups of areas (a target's footprint) and comparator groups (the
authorities most similar to one, for benchmarking), each with its members' codes.

Groups are reference data, open to every caller; they are loaded from published files (see
`accord.areas.reference`), so the API reads them only."""

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from accord.areas.models import Area, AreaGroup, AreaGroupKind, AreaKind
from accord.areas.selectors import area_groups
from accord.common.api import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    CleanText,
    Id,
    ListParams,
    Meta,
    PathId,
    meta,
    page_schema,
    paginate,
    read_auth,
    with_etag,
)

router = Router(tags=["areas"])


class AreaRef(Schema):
    id: int
    name: str
    kind: AreaKind
    gss_code: str = Field(description="ONS GSS code, where the area has one.")


class AreaGroupOut(Meta):
    id: int
    name: str
    kind: AreaGroupKind
    description: str
    anchor: AreaRef | None = Field(
        description="For a comparator group: the area the members are similar to."
    )
    members: list[AreaRef] = Field(description="The areas in the group, by name.")
    member_codes: list[str] = Field(
        description="The members' GSS codes, in the order of `members` (those that have one)."
    )


AreaGroupPage = page_schema(AreaGroupOut, "AreaGroupPage")


class AreaGroupFilters(ListParams):
    kind: AreaGroupKind | None = None
    anchor: Id | None = Field(None, description="Only the groups anchored on this area.")
    anchor_code: Annotated[CleanText, Field(max_length=9)] | None = Field(
        None, description="Only the groups anchored on the area with this GSS code."
    )
    member: Id | None = Field(None, description="Only the groups this area belongs to.")


def _ref(area: Area) -> dict[str, Any]:
    return {"id": area.pk, "name": area.name, "kind": area.kind, "gss_code": area.gss_code}


def _out(group: AreaGroup) -> dict[str, Any]:
    members = list(group.members.all())
    return {
        "id": group.pk,
        "name": group.name,
        "kind": group.kind,
        "description": group.description,
        "anchor": _ref(group.anchor) if group.anchor else None,
        "members": [_ref(m) for m in members],
        "member_codes": [m.gss_code for m in members if m.gss_code],
        **meta(group),
    }


@router.get(
    "", response={200: AreaGroupPage, **LIST_ERRORS}, auth=read_auth, url_name="area-groups-list"
)
def list_area_groups(request: HttpRequest, filters: Query[AreaGroupFilters]):
    """Groups of areas, by name. Filter by `kind`, `anchor`, `anchor_code` and `member`."""
    qs = area_groups(
        kind=filters.kind or "",
        anchor=filters.anchor,
        member=filters.member,
        archived=filters.include_archived,
    )
    if filters.anchor_code:
        qs = qs.filter(anchor__gss_code=filters.anchor_code.strip().upper())
    return paginate(request, qs, filters, lambda rows: map(_out, rows))


@router.get(
    "/{group_id}",
    response={200: AreaGroupOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="area-groups-detail",
)
def get_area_group(request: HttpRequest, response: HttpResponse, group_id: PathId):
    """One group with its members, and its `ETag`."""
    group = area_groups(archived=True).get(pk=group_id)
    with_etag(response, group)
    return _out(group)
