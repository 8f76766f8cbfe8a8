"""/api/v1/actions: who will do what by when, with progress notes.

An action arising at a meeting names its agenda item (`agenda_item_id`) and stays on the body's
matters-arising list until it is done or dropped with a reason. Anyone sees the actions of
published bodies that arose at unrestricted items of meetings whose minutes are agreed (and
actions not from a meeting); the body's members, the action's owner and partnership managers see
the rest. The owner may add progress notes; the body's secretary and managers change, complete
and drop actions."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.actions import selectors
from accord.actions.models import Action, ActionNote, ActionStatus
from accord.actions.services import (
    action_add_note,
    action_archive,
    action_complete,
    action_create,
    action_drop,
    action_update,
)
from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    LIST_ERRORS,
    UPDATE_ERRORS,
    ApiProblem,
    CleanText,
    Id,
    IfMatch,
    InputSchema,
    ListParams,
    Meta,
    PathId,
    RecordDocs,
    RecordEndpoints,
    caller,
    declare_record_endpoints,
    expected_version,
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
from accord.meetings.api import Viewer, named_errors
from accord.meetings.services import meeting_action_add
from accord.organisations.models import Organisation
from accord.people.models import Person

router = Router(tags=["actions"])

LongText = Annotated[CleanText, Field(max_length=50000)]
Reason = Annotated[CleanText, Field(min_length=1, max_length=2000)]
AGENDA_ITEM = "meetings.agendaitem"
# A note adds to the action rather than changing what was read, so it needs no If-Match.
NOTE_ERRORS = {k: v for k, v in UPDATE_ERRORS.items() if k not in (412, 428)}
ALIASES = {
    "owner": "owner_id",
    "organisation": "organisation_id",
    "body": "body_id",
    "origin": "agenda_item_id",
    "__all__": "non_field_errors",
}


class NoteOut(Meta):
    id: int
    written_on: dt.date
    text: str


class ActionOut(Meta):
    id: int
    title: str
    description: str
    owner_id: int | None = Field(description="The person responsible.")
    owner_text: str = Field(description="The owner as recorded, e.g. All Chairs and Vice Chairs.")
    owner_label: str = Field(description="Who is responsible, as the pages show it.")
    organisation_id: int | None
    body_id: int | None = Field(description="The body whose matters-arising list it is on.")
    due_on: dt.date | None
    status: ActionStatus
    closed_on: dt.date | None
    drop_reason: str
    origin_type: str | None = Field(
        description="The kind of record it arose from, e.g. meetings.agendaitem."
    )
    origin_id: int | None
    agenda_item_id: int | None = Field(description="The agenda item it arose at, if any.")
    is_overdue: bool = Field(description="Still outstanding and due before today.")
    is_illustrative: bool = Field(
        description="An example written for the demonstration, not a real action."
    )
    notes: list[NoteOut] = Field(description="Progress notes, oldest first.")


ActionPage = page_schema(ActionOut, "ActionPage")


class ActionIn(InputSchema):
    title: Annotated[CleanText, Field(min_length=1, max_length=300)]
    description: LongText = ""
    owner_id: Id | None = Field(None, description="The person responsible.")
    owner_text: Annotated[CleanText, Field(max_length=300)] = Field(
        "", description="For an owner recorded only by name or role."
    )
    organisation_id: Id | None = None
    body_id: Id | None = Field(
        None, description="Left out with an agenda item: the meeting's body."
    )
    due_on: dt.date | None = None
    status: ActionStatus = ActionStatus.OPEN
    closed_on: dt.date | None = Field(None, description="Needed when done or dropped.")
    drop_reason: LongText = Field("", description="Needed when dropped.")
    agenda_item_id: Id | None = Field(None, description="The agenda item it arose at.")
    is_illustrative: bool = False
    source: LongText = ""


ActionPatch = patch_schema(ActionIn, "ActionPatch")


class ActionFilters(ListParams):
    body: Id | None = Field(None, description="Only actions on this body's list.")
    owner: Id | None = Field(None, description="Only actions this person is responsible for.")
    status: ActionStatus | None = None
    outstanding: bool | None = Field(
        None, description="true: open or in progress; false: done or dropped."
    )
    overdue: bool | None = Field(
        None, description="true: outstanding and due before today; false: all the others."
    )


class NoteIn(InputSchema):
    text: Annotated[CleanText, Field(min_length=1, max_length=20000)]
    written_on: dt.date | None = Field(None, description="Today if left out.")


class CompleteIn(InputSchema):
    on: dt.date | None = Field(None, description="The day it was done; today if left out.")


class DropIn(InputSchema):
    reason: Reason = Field(..., description="Why the action is dropped.")
    on: dt.date | None = Field(None, description="The day it was dropped; today if left out.")


def _notes() -> Prefetch:
    return Prefetch(
        "notes",
        queryset=ActionNote.objects.live().order_by("written_on", "pk"),
        to_attr="api_notes",
    )


def _out(a: Action, day: dt.date) -> dict[str, Any]:
    origin_type = f"{a.origin_type.app_label}.{a.origin_type.model}" if a.origin_type else None
    return {
        "id": a.pk,
        "title": a.title,
        "description": a.description,
        "owner_id": a.owner_id,
        "owner_text": a.owner_text,
        "owner_label": a.owner_label,
        "organisation_id": a.organisation_id,
        "body_id": a.body_id,
        "due_on": a.due_on,
        "status": a.status,
        "closed_on": a.closed_on,
        "drop_reason": a.drop_reason,
        "origin_type": origin_type,
        "origin_id": a.origin_id,
        "agenda_item_id": a.origin_id if origin_type == AGENDA_ITEM else None,
        "is_overdue": selectors.is_overdue(a, day),
        "is_illustrative": a.is_illustrative,
        "notes": [
            {"id": n.pk, "written_on": n.written_on, "text": n.text, **meta(n)}
            for n in a.api_notes  # type: ignore[attr-defined]
        ],
        **meta(a),
    }


def _actions(qs: QuerySet[Action]) -> QuerySet[Action]:
    return qs.select_related("owner", "origin_type").prefetch_related(_notes())


def _get(request: HttpRequest, action_id: int) -> Action:
    user = caller(request)
    return _actions(selectors.visible_actions(user)).get(pk=action_id)


def _respond(request: HttpRequest, response: HttpResponse, a: Action) -> dict[str, Any]:
    # The caller has just read or written this action (perhaps archiving it): shown as it is.
    a = _actions(Action.objects.all()).get(pk=a.pk)
    with_etag(response, a)
    return _out(a, today())


def _fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    v = Viewer(caller(request))
    refs = {
        "owner_id": ("owner", Person.objects.all()),
        "organisation_id": ("organisation", Organisation.objects.all()),
        "body_id": ("body", visible_bodies(v.user)),
        "agenda_item_id": ("origin", v.items().select_related("meeting__body")),
    }
    return resolve(data, refs)


def _changes(request: HttpRequest, data: dict[str, Any], a: Action) -> dict[str, Any]:
    fields = _fields(request, data)
    if "body" in fields and fields["body"] is not None and fields["body"].pk != a.body_id:
        # Moving an action to another body's list needs the right to add actions there.
        require_perm(request, "actions.add_action", fields["body"])
    return {"changes": fields}


ACTION = RecordEndpoints(
    model=Action,
    update_service=named_errors(action_update, ALIASES),
    archive_service=named_errors(action_archive, ALIASES),
    respond=_respond,
    get=_get,
    prepare=_changes,
)


@router.get("", response={200: ActionPage, **LIST_ERRORS}, auth=read_auth, url_name="actions-list")
def list_actions(request: HttpRequest, filters: Query[ActionFilters]):
    """Actions, by status then soonest due. Filter by `body`, `owner`, `status`, `outstanding`
    and `overdue`."""
    user = caller(request)
    day = today()
    qs = selectors.action_list(
        user=user,
        body=filters.body,
        owner=filters.owner,
        status=filters.status,
        outstanding=bool(filters.outstanding),
        overdue_on=day if filters.overdue else None,
        include_archived=filters.include_archived,
    )
    if filters.outstanding is False:
        qs = qs.exclude(status__in=(ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
    if filters.overdue is False:
        qs = qs.exclude(pk__in=Action.objects.overdue(day).values("pk"))
    return paginate(request, _actions(qs), filters, lambda rows: [_out(a, day) for a in rows])


declare_record_endpoints(
    router,
    ACTION,
    module=__name__,
    noun="action",
    path_param="action_id",
    schema_in=ActionIn,
    schema_patch=ActionPatch,
    schema_out=ActionOut,
    docs=RecordDocs(
        put="Replace an action's fields. Needs `If-Match`.",
        archive="Archive an action recorded in error, with the reason (an action no longer "
        "wanted is dropped instead). Needs `If-Match`.",
        detail="One action, with its progress notes and its `ETag`.",
    ),
    detail_url_name="actions-detail",
)


@router.post("", response={201: ActionOut, **CREATE_ERRORS}, auth=write_auth)
def create_action(request: HttpRequest, response: HttpResponse, payload: ActionIn):
    """Record an action (the body's secretary, or managers). With `agenda_item_id` it arose at
    that item and goes on the meeting's body's matters-arising list."""
    fields = _fields(request, payload.model_dump())
    item = fields.pop("origin")
    if item is not None and fields["body"] is None:
        fields.pop("body")
    body = fields.get("body") or (item.meeting.body if item is not None else None)
    require_perm(request, "actions.add_action", body)
    by = caller(request)
    if item is not None:
        a = named_errors(meeting_action_add, ALIASES)(item=item, fields=fields, by=by)
    else:
        a = named_errors(action_create, ALIASES)(fields=fields, by=by)
    response["Location"] = reverse("api:actions-detail", kwargs={"action_id": a.pk})
    return Status(201, _respond(request, response, a))


@router.post(
    "/{action_id}/notes",
    response={201: ActionOut, **NOTE_ERRORS},
    auth=write_auth,
)
def add_note(request: HttpRequest, response: HttpResponse, action_id: PathId, payload: NoteIn):
    """Add a progress note (the action's owner, the body's secretary, or managers); an open
    action becomes in progress. The answer is the action with its notes."""
    a = _get(request, action_id)
    require_perm(request, "actions.add_actionnote", a)
    named_errors(action_add_note, ALIASES)(
        action=a, text=payload.text, written_on=payload.written_on, by=caller(request)
    )
    return Status(201, _respond(request, response, a))


def _close(
    request: HttpRequest, action_id: int, if_match: str, service: Any, **kwargs: Any
) -> Action:
    a = _get(request, action_id)
    require_perm(request, "actions.change_action", a)
    version = expected_version(if_match, a)
    aliases = {**ALIASES, "drop_reason": "reason", "closed_on": "on"}
    return named_errors(service, aliases)(
        action=a, expected_version=version, by=caller(request), **kwargs
    )


@router.post("/{action_id}/complete", response={200: ActionOut, **UPDATE_ERRORS}, auth=write_auth)
def complete_action(
    request: HttpRequest,
    response: HttpResponse,
    action_id: PathId,
    payload: CompleteIn,
    if_match: IfMatch,
):
    """Mark an outstanding action done (on `on`, today unless given): it leaves the
    matters-arising list. Needs `If-Match`."""
    a = _close(request, action_id, if_match, action_complete, on=payload.on)
    return _respond(request, response, a)


@router.post("/{action_id}/drop", response={200: ActionOut, **UPDATE_ERRORS}, auth=write_auth)
def drop_action(
    request: HttpRequest,
    response: HttpResponse,
    action_id: PathId,
    payload: DropIn,
    if_match: IfMatch,
):
    """Drop an outstanding action with the reason (on `on`, today unless given): it leaves the
    matters-arising list. Needs `If-Match`."""
    if not payload.reason.strip():
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={"reason": ["Enter why the action is being dropped."]},
        )
    a = _close(request, action_id, if_match, action_drop, reason=payload.reason, on=payload.on)
    return _respond(request, response, a)
