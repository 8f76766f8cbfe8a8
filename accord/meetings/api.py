"""/api/v1/meetings, /api/v1/agenda-items, /api/v1/attendance and /api/v1/decisions: meetings of
the partnership's bodies, their agendas, who came, and what they decided.

Publishing (the selectors' rules): anyone sees a meeting once its agenda is published (a public
meeting of a published body), with its unrestricted items and public papers; the minutes, the
decisions and the attendance once the minutes are agreed. The body's current members and
partnership managers see everything: private and scheduled meetings, restricted items and
minutes in draft. A token shows what its user may see.

Writes need a token and follow the meeting's life: schedule (`POST /meetings`, which adds the
standing items), publish the agenda, mark it held, record attendance, minutes and decisions; a
meeting that will not take place is cancelled with the reason, and a record made in error is
archived. Nothing is deleted."""

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from accord.accounts.permissions import body_roles
from accord.bodies.models import Body
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
from accord.meetings import selectors
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    DatePrecision,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Venue,
)
from accord.meetings.services import (
    agenda_item_add,
    agenda_item_archive,
    agenda_item_move,
    agenda_item_update,
    attendance_record,
    decision_archive,
    decision_record,
    decision_update,
    meeting_archive,
    meeting_cancel,
    meeting_create,
    meeting_mark_held,
    meeting_publish_agenda,
    meeting_update,
    minutes_record,
)
from accord.organisations.models import Organisation
from accord.papers.selectors import visible_papers
from accord.people.models import Person

router = Router(tags=["meetings"])
agenda_items_router = Router(tags=["meetings"])
attendance_router = Router(tags=["meetings"])
decisions_router = Router(tags=["meetings"])

LongText = Annotated[CleanText, Field(max_length=50000)]
Title = Annotated[CleanText, Field(min_length=1, max_length=300)]
Reason = Annotated[CleanText, Field(min_length=1, max_length=2000)]
Purpose = Literal["", "decision", "information", "discussion"]
Standing = Literal["", "welcome", "minutes", "aob"]

# The services name model fields; the API names references with `_id`.
ALIASES = {
    "body": "body_id",
    "venue": "venue_id",
    "next_meeting": "next_meeting_id",
    "meeting": "meeting_id",
    "item": "item_id",
    "presenter": "presenter_id",
    "papers": "paper_ids",
    "forward_plan_item": "forward_plan_item_id",
    "person": "person_id",
    "organisation": "organisation_id",
    "substitute_for": "substitute_for_id",
    "minutes_agreed_at": "minutes_agreed_at_id",
    "minutes_agreed_by": "minutes_agreed_by_id",
    "signed_by": "signed_by_id",
    "__all__": "non_field_errors",
}

# Meetings keep the local time the minutes give, with no time zone ("14:30" or "14:30:00"):
# OpenAPI's `format: time` would demand an offset, which would have to be guessed.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"
LocalTime = Annotated[
    str, Field(pattern=TIME_PATTERN, description="Local time, HH:MM or HH:MM:SS.")
]
TimeOut = Annotated[str, Field(pattern=TIME_PATTERN, description="Local time, HH:MM:SS.")]
TIME_FIELDS = ("start_time", "end_time")


def _time(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M:%S") if value is not None else None


def named_errors(
    service: Callable[..., Any], aliases: Mapping[str, str] = ALIASES
) -> Callable[..., Any]:
    """The service, with its field errors named as the API names the fields (422)."""

    @functools.wraps(service)
    def call(**kwargs: Any) -> Any:
        try:
            return service(**kwargs)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {
                    aliases.get(name, name): [str(m) for m in ValidationError(errs).messages]
                    for name, errs in error.error_dict.items()
                }
            else:
                errors = {"non_field_errors": [str(m) for m in error.messages]}
            raise ApiProblem(
                422, "The record was not saved: see each field.", errors=errors
            ) from None

    return call


class Viewer:
    """What one caller may see of meetings: managers everything; the body's current members its
    restricted items and minutes in draft (`meetings.view_restricted`); everyone else what is
    published."""

    def __init__(self, user: Any):
        self.user = user
        self.manager = is_manager(user)
        roles = body_roles(user) if user.is_authenticated and not self.manager else {}
        self.member_bodies = {
            pk for pk in roles if user.has_perm(selectors.VIEW_RESTRICTED, Body(pk=pk))
        }

    def restricted_ok(self, meeting: Meeting) -> bool:
        return self.manager or selectors.can_see_restricted(self.user, meeting)

    def minutes_ok(self, meeting: Meeting) -> bool:
        """The minutes, decisions and attendance may be shown."""
        return self.restricted_ok(meeting) or meeting.status == MeetingStatus.MINUTES_AGREED

    def meetings(self) -> QuerySet[Meeting]:
        return selectors.visible_meetings(self.user)

    def items(self) -> QuerySet[AgendaItem]:
        if self.manager:
            return AgendaItem.objects.all()
        return (
            AgendaItem.objects.live()
            .filter(meeting__in=self.meetings())
            .filter(Q(is_restricted=False) | Q(meeting__body_id__in=self.member_bodies))
        )

    def decisions(self) -> QuerySet[Decision]:
        if self.manager:
            return Decision.objects.all()
        return (
            Decision.objects.live()
            .filter(meeting__in=self.meetings())
            .filter(Q(item__isnull=True) | Q(item__archived_on__isnull=True))
            .filter(
                Q(meeting__body_id__in=self.member_bodies)
                | Q(meeting__status=MeetingStatus.MINUTES_AGREED, is_restricted=False)
            )
        )

    def attendance(self) -> QuerySet[Attendance]:
        if self.manager:
            return Attendance.objects.all()
        return (
            Attendance.objects.live()
            .filter(meeting__in=self.meetings())
            .filter(
                Q(meeting__body_id__in=self.member_bodies)
                | Q(meeting__status=MeetingStatus.MINUTES_AGREED)
            )
        )


def _viewer(request: HttpRequest) -> Viewer:
    return Viewer(caller(request))


# --- Schemas ----------------------------------------------------------------------------------


class DecisionOut(Meta):
    id: int
    meeting_id: int
    item_id: int | None = Field(description="The agenda item it was made under, if any.")
    number: int = Field(description="Its order within the item.")
    text: str
    kind: DecisionKind
    is_restricted: bool = Field(description="Follows the item it was made under.")


DecisionPage = page_schema(DecisionOut, "DecisionPage")


class AgendaItemOut(Meta):
    id: int
    meeting_id: int
    number: int = Field(description='"Item No. 3" is number 3.')
    title: str
    presenter_id: int | None
    presenter_text: str = Field(description="The presenter as the agenda records them.")
    purpose: Purpose = Field(description="For decision, information or discussion.")
    minutes_allowed: int | None = Field(description="Time allowed, in minutes.")
    is_restricted: bool = Field(description="An exempt item: members and managers only.")
    standing: Standing = Field(
        description="welcome (and apologies), minutes (and matters arising), aob; or empty."
    )
    paper_ids: list[int] = Field(description="The papers it considers that the caller may see.")
    forward_plan_item_id: int | None = Field(description="The forward plan entry it came from.")
    minutes: str | None = Field(
        description="The minute of the item; null for callers who may not read the minutes yet."
    )


AgendaItemPage = page_schema(AgendaItemOut, "AgendaItemPage")


class MeetingItemOut(AgendaItemOut):
    decisions: list[DecisionOut]
    action_ids: list[int] = Field(description="The actions that arose at the item.")


class AttendanceOut(Meta):
    id: int
    meeting_id: int
    person_id: int
    person_name: str
    organisation_id: int | None = Field(description="The organisation they came on behalf of.")
    status: AttendanceStatus
    capacity: Capacity
    substitute_for_id: int | None = Field(description="Whom a substitute stood in for.")
    note: str


AttendancePage = page_schema(AttendanceOut, "AttendancePage")


class QuorumOut(Schema):
    quorate: bool | None = Field(description="Null until the attendance is recorded.")
    present_members: int
    voting_members: int
    chair_present: bool
    rule: str = Field(description="The quorum as the body's terms of reference put it.")


class MeetingOut(Meta):
    id: int
    body_id: int
    title: str = Field(description="Empty when the meeting is named after its body.")
    display_title: str
    date: dt.date = Field(description="Known only by its month or year: the 1st of it.")
    date_precision: DatePrecision = Field(description="How exactly the date is known.")
    date_label: str = Field(description="The date in words, no more exactly than it is known.")
    start_time: TimeOut | None = Field(description="Null when the records give no time.")
    end_time: TimeOut | None
    venue_id: int | None
    venue_text: str = Field(description="The venue (or room) as recorded.")
    location: str = Field(description="Where it is, on one line.")
    status: MeetingStatus
    is_public: bool = Field(description="A private meeting is shown to members only.")
    cancelled_reason: str
    agenda_published_on: dt.date | None
    next_meeting_id: int | None = Field(description="The next meeting, when the caller sees it.")
    sequence: int = Field(description="iCalendar SEQUENCE: goes up when calendars must update.")
    uid: str = Field(description="iCalendar UID, stable for the life of the meeting.")
    minutes_circulated_on: dt.date | None
    minutes_agreed_at_id: int | None = Field(description="The later meeting that agreed them.")
    minutes_agreed_by_id: int | None = Field(description="That meeting's decision agreeing them.")
    signed_by_id: int | None
    signed_by_name: str = Field(description="The chair who signed the agreed minutes.")
    signed_on: dt.date | None
    is_illustrative: bool = Field(
        description="An example written for the demonstration, not a real meeting."
    )


MeetingPage = page_schema(MeetingOut, "MeetingPage")


class MeetingDetailOut(MeetingOut):
    items: list[MeetingItemOut] = Field(description="The agenda, as the caller may see it.")
    hidden_items: int = Field(description="Restricted items left out for this caller.")
    minutes_visible: bool = Field(
        description="Whether the minutes, decisions and attendance are shown to this caller."
    )
    decisions: list[DecisionOut] = Field(description="Decisions of the meeting as a whole.")
    attendance: list[AttendanceOut]
    quorum: QuorumOut | None = Field(description="Null while the minutes are not shown.")
    matters_arising_ids: list[int] = Field(
        description="Outstanding actions from the body's earlier meetings."
    )


class MeetingIn(InputSchema):
    body_id: Id
    title: Annotated[CleanText, Field(max_length=200)] = Field(
        "", description="Leave empty for “<body> meeting”."
    )
    date: dt.date = Field(..., description="Known only by its month or year: the 1st of it.")
    date_precision: DatePrecision = Field(
        DatePrecision.DAY, description="How exactly the date is known (a month or year: no time)."
    )
    start_time: LocalTime | None = Field(
        None, description="Left out: the body's usual start (if it has one)."
    )
    end_time: LocalTime | None = Field(None, description="Left out: the body's usual end.")
    venue_id: Id | None = Field(None, description="Left out: the body's usual venue.")
    venue_text: Annotated[CleanText, Field(max_length=300)] = ""
    is_public: bool = True
    next_meeting_id: Id | None = Field(None, description="A later meeting of the same body.")
    is_illustrative: bool = False
    source: LongText = ""


MeetingPatch = patch_schema(MeetingIn, "MeetingPatch")


class MeetingFilters(ListParams):
    body: Id | None = Field(None, description="Only meetings of this body.")
    from_: dt.date | None = Field(None, alias="from", description="Only meetings on or after.")
    to: dt.date | None = Field(None, description="Only meetings on or before this day.")
    status: MeetingStatus | None = None


class PublishIn(InputSchema):
    on: dt.date | None = Field(None, description="The day it was published; today if left out.")


class CancelIn(InputSchema):
    reason: Reason = Field(..., description="Why the meeting will not take place.")


class AgendaItemIn(InputSchema):
    meeting_id: Id
    number: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        None, description="Its place; left out: last before any other business."
    )
    title: Title
    presenter_id: Id | None = None
    presenter_text: Annotated[CleanText, Field(max_length=300)] = ""
    purpose: Purpose = ""
    minutes_allowed: Annotated[int, Field(ge=1, le=1440)] | None = None
    is_restricted: bool = False
    standing: Standing = ""
    paper_ids: Annotated[list[Id], Field(max_length=200)] = Field(default_factory=list)
    minutes: LongText | None = Field(
        None, description="The minute of the item, once the meeting has been held."
    )
    source: LongText = ""


AgendaItemPatch = patch_schema(AgendaItemIn, "AgendaItemPatch")


class AgendaItemFilters(ListParams):
    meeting: Id | None = Field(None, description="Only the items of this meeting.")


class AttendanceRowIn(InputSchema):
    person_id: Id
    organisation_id: Id | None = Field(None, description="On behalf of this organisation.")
    status: AttendanceStatus = AttendanceStatus.PRESENT
    capacity: Capacity = Capacity.MEMBER
    substitute_for_id: Id | None = Field(None, description="Whom a substitute stands in for.")
    note: Annotated[CleanText, Field(max_length=5000)] = ""
    source: LongText = ""


class AttendanceIn(InputSchema):
    meeting_id: Id
    rows: Annotated[list[AttendanceRowIn], Field(min_length=1, max_length=500)]
    replace: bool = Field(
        False, description="Take people not in `rows` off the record of the meeting."
    )


class AttendanceRecordedOut(Schema):
    meeting_id: int
    results: list[AttendanceOut] = Field(description="The entries of the people sent.")


class AttendanceFilters(ListParams):
    meeting: Id | None = Field(None, description="Only the attendance of this meeting.")
    person: Id | None = Field(None, description="Only this person's attendance.")


class DecisionIn(InputSchema):
    meeting_id: Id | None = Field(None, description="Needed unless `item_id` is given.")
    item_id: Id | None = Field(None, description="The agenda item it was made under.")
    number: Annotated[int, Field(ge=1, le=1000)] | None = Field(
        None, description="Its order within the item; left out: after the others."
    )
    text: Annotated[CleanText, Field(min_length=1, max_length=50000)]
    kind: DecisionKind = DecisionKind.DECISION
    source: LongText = ""


DecisionPatch = patch_schema(DecisionIn, "DecisionPatch")


class DecisionFilters(ListParams):
    meeting: Id | None = Field(None, description="Only the decisions of this meeting.")
    item: Id | None = Field(None, description="Only the decisions under this agenda item.")


# --- Output -----------------------------------------------------------------------------------


def _decision_out(d: Decision) -> dict[str, Any]:
    return {
        "id": d.pk,
        "meeting_id": d.meeting_id,
        "item_id": d.item_id,
        "number": d.number,
        "text": d.text,
        "kind": d.kind,
        "is_restricted": d.is_restricted,
        **meta(d),
    }


def _item_out(item: AgendaItem, *, papers: list[Any], minutes_ok: bool) -> dict[str, Any]:
    return {
        "id": item.pk,
        "meeting_id": item.meeting_id,
        "number": item.number,
        "title": item.title,
        "presenter_id": item.presenter_id,
        "presenter_text": item.presenter_text,
        "purpose": item.purpose,
        "minutes_allowed": item.minutes_allowed,
        "is_restricted": item.is_restricted,
        "standing": item.standing,
        "paper_ids": sorted(p.pk for p in papers),
        "forward_plan_item_id": item.forward_plan_item_id,
        "minutes": item.minutes if minutes_ok else None,
        **meta(item),
    }


def _attendance_out(a: Attendance) -> dict[str, Any]:
    return {
        "id": a.pk,
        "meeting_id": a.meeting_id,
        "person_id": a.person_id,
        "person_name": a.person.name,
        "organisation_id": a.organisation_id,
        "status": a.status,
        "capacity": a.capacity,
        "substitute_for_id": a.substitute_for_id,
        "note": a.note,
        **meta(a),
    }


def _meeting_out(m: Meeting) -> dict[str, Any]:
    """`m` comes from `_meetings`, which says which linked records the caller may see."""
    return {
        "id": m.pk,
        "body_id": m.body_id,
        "title": m.title,
        "display_title": m.display_title,
        "date": m.date,
        "date_precision": m.date_precision,
        "date_label": m.date_label,
        "start_time": _time(m.start_time),
        "end_time": _time(m.end_time),
        "venue_id": m.venue_id,
        "venue_text": m.venue_text,
        "location": m.location,
        "status": m.status,
        "is_public": m.is_public,
        "cancelled_reason": m.cancelled_reason,
        "agenda_published_on": m.agenda_published_on,
        "next_meeting_id": m.next_meeting_id if m.api_next_visible else None,  # type: ignore[attr-defined]
        "sequence": m.sequence,
        "uid": str(m.uid),
        "minutes_circulated_on": m.minutes_circulated_on,
        "minutes_agreed_at_id": (
            m.minutes_agreed_at_id if m.api_agreed_at_visible else None  # type: ignore[attr-defined]
        ),
        "minutes_agreed_by_id": (
            m.minutes_agreed_by_id if m.api_agreed_by_visible else None  # type: ignore[attr-defined]
        ),
        "signed_by_id": m.signed_by_id,
        "signed_by_name": m.signed_by_name,
        "signed_on": m.signed_on,
        "is_illustrative": m.is_illustrative,
        **meta(m),
    }


def _meetings(v: Viewer, qs: QuerySet[Meeting] | None = None) -> QuerySet[Meeting]:
    """Meetings with whether the caller may see the meetings and decision they link to."""
    seen = v.meetings()
    qs = qs if qs is not None else seen.select_related("body", "venue")
    return qs.annotate(
        api_next_visible=Exists(seen.filter(pk=OuterRef("next_meeting_id"))),
        api_agreed_at_visible=Exists(seen.filter(pk=OuterRef("minutes_agreed_at_id"))),
        api_agreed_by_visible=Exists(v.decisions().filter(pk=OuterRef("minutes_agreed_by_id"))),
    )


def _meeting_detail(request: HttpRequest, response: HttpResponse, pk: int) -> dict[str, Any]:
    v = _viewer(request)
    m = _meetings(v).get(pk=pk)
    page = selectors.meeting_page(m.pk, v.user)
    with_etag(response, m)
    shown = page.minutes_visible
    rows = [
        *page.attendance.present,
        *page.attendance.apologies,
        *page.attendance.absent,
        *page.attendance.support,
        *page.attendance.observers,
    ]
    quorum = page.quorum
    return {
        **_meeting_out(m),
        "items": [
            {
                **_item_out(view.item, papers=view.papers, minutes_ok=shown),
                "decisions": [_decision_out(d) for d in view.decisions],
                "action_ids": [a.pk for a in view.actions],
            }
            for view in page.items
        ],
        "hidden_items": page.hidden_items,
        "minutes_visible": shown,
        "decisions": [_decision_out(d) for d in page.decisions],
        "attendance": [_attendance_out(a) for a in rows],
        "quorum": (
            {
                "quorate": quorum.quorate,
                "present_members": quorum.present_members,
                "voting_members": quorum.voting_members,
                "chair_present": quorum.chair_present,
                "rule": quorum.rule,
            }
            if shown
            else None
        ),
        "matters_arising_ids": [a.pk for a in page.matters_arising],
    }


# --- Meetings ---------------------------------------------------------------------------------


def _get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return _viewer(request).meetings().get(pk=meeting_id)


def _respond_meeting(request: HttpRequest, response: HttpResponse, m: Meeting) -> dict:
    return _meeting_detail(request, response, m.pk)


def _meeting_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = caller(request)
    for name in TIME_FIELDS:
        if data.get(name) is not None:
            data[name] = dt.time.fromisoformat(data[name])
    refs = {
        "body_id": ("body", visible_bodies(user)),
        "venue_id": ("venue", Venue.objects.live()),
        "next_meeting_id": ("next_meeting", selectors.visible_meetings(user)),
    }
    return resolve(data, refs)


MEETING = RecordEndpoints(
    model=Meeting,
    update_service=named_errors(meeting_update),
    archive_service=named_errors(meeting_archive),
    respond=_respond_meeting,
    get=_get_meeting,
    prepare=lambda request, data, m: {"changes": _meeting_fields(request, data)},
)


@router.get(
    "", response={200: MeetingPage, **LIST_ERRORS}, auth=read_auth, url_name="meetings-list"
)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]):
    """Meetings, soonest first. Filter by `body`, `from` and `to` (both inclusive) and `status`.
    Without a token: meetings whose agenda is published, of published bodies."""
    v = _viewer(request)
    qs = selectors.meeting_list(
        user=v.user,
        body=filters.body,
        start=filters.from_,
        end=filters.to,
        include_archived=filters.include_archived,
    )
    if filters.status:
        qs = qs.filter(status=filters.status)
    return paginate(request, _meetings(v, qs), filters, lambda rows: map(_meeting_out, rows))


declare_record_endpoints(
    router,
    MEETING,
    module=__name__,
    noun="meeting",
    path_param="meeting_id",
    schema_in=MeetingIn,
    schema_patch=MeetingPatch,
    schema_out=MeetingDetailOut,
    docs=RecordDocs(
        put="Replace a meeting's details. Needs `If-Match`. Its status changes only through "
        "`publish-agenda`, `mark-held` and `cancel`.",
        patch="Change the details sent, and only those (a new date, time or venue makes "
        "calendars update). Needs `If-Match`.",
        archive="Archive a meeting recorded in error, with the reason (a meeting that will not "
        "take place is cancelled instead). Needs `If-Match`.",
        detail="One meeting, with its agenda, decisions and attendance as the caller may see "
        "them, and its `ETag`.",
    ),
    detail_url_name="meetings-detail",
)


@router.post("", response={201: MeetingDetailOut, **CREATE_ERRORS}, auth=write_auth)
def create_meeting(request: HttpRequest, response: HttpResponse, payload: MeetingIn):
    """Schedule a meeting of a body (its secretary, or partnership managers). The standing
    items are put on its agenda; times and venue left out are the body's usual ones."""
    fields = _meeting_fields(request, payload.model_dump(exclude_unset=True))
    require_perm(request, "meetings.add_meeting", fields["body"])
    m = named_errors(meeting_create)(fields=fields, by=caller(request))
    response["Location"] = reverse("api:meetings-detail", kwargs={"meeting_id": m.pk})
    return Status(201, _meeting_detail(request, response, m.pk))


def _life_step(
    request: HttpRequest,
    meeting_id: int,
    if_match: str,
    perm: str,
    step: Callable[..., Meeting],
    **kwargs: Any,
) -> Meeting:
    m = _get_meeting(request, meeting_id)
    require_perm(request, perm, m)
    version = expected_version(if_match, m)
    aliases = {**ALIASES, "cancelled_reason": "reason"}
    return named_errors(step, aliases)(
        meeting=m, expected_version=version, by=caller(request), **kwargs
    )


@router.post(
    "/{meeting_id}/publish-agenda",
    response={200: MeetingDetailOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def publish_agenda(
    request: HttpRequest,
    response: HttpResponse,
    meeting_id: PathId,
    payload: PublishIn,
    if_match: IfMatch,
):
    """Publish a scheduled meeting's agenda: the public now sees the meeting, its unrestricted
    items and public papers. Needs `If-Match`."""
    m = _life_step(
        request,
        meeting_id,
        if_match,
        "meetings.change_meeting",
        meeting_publish_agenda,
        on=payload.on,
    )
    return _meeting_detail(request, response, m.pk)


@router.post(
    "/{meeting_id}/mark-held",
    response={200: MeetingDetailOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def mark_held(request: HttpRequest, response: HttpResponse, meeting_id: PathId, if_match: IfMatch):
    """Record that the meeting took place: its minutes, decisions and attendance can now be
    recorded. Needs `If-Match`."""
    m = _life_step(request, meeting_id, if_match, "meetings.change_meeting", meeting_mark_held)
    return _meeting_detail(request, response, m.pk)


@router.post(
    "/{meeting_id}/cancel",
    response={200: MeetingDetailOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def cancel_meeting(
    request: HttpRequest,
    response: HttpResponse,
    meeting_id: PathId,
    payload: CancelIn,
    if_match: IfMatch,
):
    """Cancel a meeting that has not been held, with the reason; calendars show it cancelled.
    Needs `If-Match`."""
    m = _life_step(
        request,
        meeting_id,
        if_match,
        "meetings.cancel_meeting",
        meeting_cancel,
        reason=payload.reason,
    )
    return _meeting_detail(request, response, m.pk)


# --- Agenda items -----------------------------------------------------------------------------


def _items(v: Viewer, qs: QuerySet[AgendaItem] | None = None) -> QuerySet[AgendaItem]:
    papers = visible_papers(v.user).live().only("pk")
    return (
        (v.items() if qs is None else qs)
        .select_related("meeting")
        .prefetch_related(Prefetch("papers", queryset=papers, to_attr="api_papers"))
    )


def _item_row(v: Viewer, item: AgendaItem) -> dict[str, Any]:
    return _item_out(
        item,
        papers=item.api_papers,  # type: ignore[attr-defined]
        minutes_ok=v.minutes_ok(item.meeting),
    )


def _get_item(request: HttpRequest, item_id: int) -> AgendaItem:
    return _items(_viewer(request)).get(pk=item_id)


def _respond_item(request: HttpRequest, response: HttpResponse, item: AgendaItem) -> dict:
    # The caller has just read or written this item (perhaps archiving it), so it is shown
    # whatever its state; what hangs from it is still filtered for them.
    v = _viewer(request)
    item = _items(v, AgendaItem.objects.all()).get(pk=item.pk)
    with_etag(response, item)
    return _item_row(v, item)


def _item_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    v = _viewer(request)
    refs = {
        "meeting_id": ("meeting", v.meetings()),
        "presenter_id": ("presenter", Person.objects.all()),
        "paper_ids": ("papers", visible_papers(v.user).live()),
    }
    return resolve(data, refs)


def _item_changes(request: HttpRequest, data: dict[str, Any], item: AgendaItem) -> dict:
    if "meeting_id" in data and data.pop("meeting_id") != item.meeting_id:
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={
                "meeting_id": [
                    "An item stays on its meeting's agenda: archive it and add it to the other."
                ]
            },
        )
    if data.get("minutes") is not None:
        require_perm(request, "meetings.record_minutes", item)
    return {"changes": _item_fields(request, data)}


def _differs(item: AgendaItem, name: str, value: Any) -> bool:
    if name == "papers":
        return {p.pk for p in value} != set(item.papers.values_list("pk", flat=True))
    return getattr(item, name) != value


def _item_update(
    *, agendaitem: AgendaItem, changes: dict[str, Any], expected_version: int | None, by: Any
) -> AgendaItem:
    """One change to an item may touch its fields, its place and its minute: each has its own
    service (the agenda is fixed once the minutes are circulated, the minute once agreed), so
    only what really changes is passed on, all or nothing."""
    changes = dict(changes)
    number = changes.pop("number", None)
    minutes = changes.pop("minutes", None)
    item = agendaitem
    with transaction.atomic():
        fields = {k: v for k, v in changes.items() if _differs(item, k, v)}
        if fields:
            item = agenda_item_update(
                item=item, changes=fields, expected_version=expected_version, by=by
            )
            expected_version = None
        if number is not None and number != item.number:
            item = agenda_item_move(
                item=item, to_number=number, expected_version=expected_version, by=by
            )
            expected_version = None
        if minutes is not None and minutes.strip() != item.minutes:
            item = minutes_record(item=item, text=minutes, expected_version=expected_version, by=by)
    return item


def _item_archive(
    *, agendaitem: AgendaItem, reason: str, expected_version: int | None, by: Any
) -> AgendaItem:
    return agenda_item_archive(
        item=agendaitem, reason=reason, expected_version=expected_version, by=by
    )


AGENDA_ITEM = RecordEndpoints(
    model=AgendaItem,
    update_service=named_errors(_item_update),
    archive_service=named_errors(_item_archive),
    respond=_respond_item,
    get=_get_item,
    prepare=_item_changes,
)


@agenda_items_router.get(
    "",
    response={200: AgendaItemPage, **LIST_ERRORS},
    auth=read_auth,
    url_name="agenda-items-list",
)
def list_agenda_items(request: HttpRequest, filters: Query[AgendaItemFilters]):
    """Agenda items of the meetings the caller sees, by meeting date and item number. Filter by
    `meeting`. Restricted items only for the body's members and managers; each item's minute
    only once the minutes are agreed (members and managers: at once)."""
    v = _viewer(request)
    qs = live_unless_asked(_items(v), filters)
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    qs = qs.order_by("meeting__date", "meeting_id", "number", "pk")
    return paginate(request, qs, filters, lambda rows: [_item_row(v, i) for i in rows])


declare_record_endpoints(
    agenda_items_router,
    AGENDA_ITEM,
    module=__name__,
    noun="agenda_item",
    path_param="item_id",
    schema_in=AgendaItemIn,
    schema_patch=AgendaItemPatch,
    schema_out=AgendaItemOut,
    docs=RecordDocs(
        put="Replace an item's fields. Needs `If-Match`.",
        patch="Change the fields sent, and only those: `number` moves the item (the others "
        "close up), `minutes` writes its minute once the meeting is held. Needs `If-Match`.",
        archive="Take an item off the agenda, with the reason; the later items close up. "
        "Needs `If-Match`.",
        detail="One agenda item, with its `ETag`.",
    ),
    detail_url_name="agenda-items-detail",
)


@agenda_items_router.post("", response={201: AgendaItemOut, **CREATE_ERRORS}, auth=write_auth)
def create_agenda_item(request: HttpRequest, response: HttpResponse, payload: AgendaItemIn):
    """Add an item to a meeting's agenda (the body's secretary, or managers): at `number`,
    moving the later items down, or last before any other business."""
    data = payload.model_dump()
    number = data.pop("number")
    minutes = data.pop("minutes")
    fields = _item_fields(request, data)
    meeting = fields.pop("meeting")
    require_perm(request, "meetings.add_agendaitem", meeting.body)
    if minutes:
        require_perm(request, "meetings.record_minutes", meeting)
    with transaction.atomic():
        item = named_errors(agenda_item_add)(
            meeting=meeting, fields=fields, number=number, by=caller(request)
        )
        if minutes:
            item = named_errors(minutes_record)(item=item, text=minutes, by=caller(request))
    response["Location"] = reverse("api:agenda-items-detail", kwargs={"item_id": item.pk})
    return Status(201, _respond_item(request, response, item))


# --- Attendance -------------------------------------------------------------------------------


@attendance_router.get(
    "",
    response={200: AttendancePage, **LIST_ERRORS},
    auth=read_auth,
    url_name="attendance-list",
)
def list_attendance(request: HttpRequest, filters: Query[AttendanceFilters]):
    """Who was present, sent apologies or was absent, by meeting date and name. Filter by
    `meeting` and `person`. Without a token: meetings whose minutes are agreed only."""
    v = _viewer(request)
    qs = live_unless_asked(v.attendance(), filters).select_related("person")
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.person:
        qs = qs.filter(person_id=filters.person)
    qs = qs.order_by("meeting__date", "meeting_id", "person__sort_name", "person__name", "pk")
    return paginate(request, qs, filters, lambda rows: map(_attendance_out, rows))


@attendance_router.post("", response={200: AttendanceRecordedOut, **CREATE_ERRORS}, auth=write_auth)
def record_attendance(request: HttpRequest, payload: AttendanceIn):
    """Record the attendance of a meeting (the body's secretary, or managers): one row per
    person, updating their entry or adding one; with `replace`, people not sent are taken off
    the record. Errors in a row are named `rows.<n>.<field>`."""
    v = _viewer(request)
    meeting = resolve({"meeting_id": payload.meeting_id}, {"meeting_id": ("meeting", v.meetings())})
    meeting = meeting["meeting"]
    require_perm(request, "meetings.add_attendance", meeting.body)
    errors: dict[str, list[str]] = {}
    people = Person.objects.all()
    rows = []
    for n, row in enumerate(payload.rows):
        found: dict[str, list[str]] = {}
        refs = {
            "person_id": ("person", people),
            "organisation_id": ("organisation", Organisation.objects.all()),
            "substitute_for_id": ("substitute_for", people),
        }
        try:
            rows.append(resolve(row.model_dump(), refs, errors=found))
        except ApiProblem:
            errors.update({f"rows.{n}.{name}": messages for name, messages in found.items()})
    if errors:
        raise ApiProblem(422, "The request has errors: see each field.", errors=errors)
    saved = named_errors(attendance_record)(
        meeting=meeting, rows=rows, replace=payload.replace, by=caller(request)
    )
    shown = v.attendance().select_related("person").filter(pk__in=[a.pk for a in saved])
    by_pk = {a.pk: a for a in shown}
    return {
        "meeting_id": meeting.pk,
        "results": [_attendance_out(by_pk[a.pk]) for a in saved if a.pk in by_pk],
    }


# --- Decisions --------------------------------------------------------------------------------


def _get_decision(request: HttpRequest, decision_id: int) -> Decision:
    return _viewer(request).decisions().get(pk=decision_id)


def _respond_decision(request: HttpRequest, response: HttpResponse, d: Decision) -> dict:
    # Read or written by this caller just now (perhaps archived): shown whatever its state.
    d = Decision.objects.get(pk=d.pk)
    with_etag(response, d)
    return _decision_out(d)


def _decision_changes(request: HttpRequest, data: dict[str, Any], d: Decision) -> dict:
    errors = {}
    for name, current in (("meeting_id", d.meeting_id), ("item_id", d.item_id)):
        if name in data and data.pop(name) not in (current, None):
            errors[name] = ["A decision stays where it was made: archive it and record it again."]
    if errors:
        raise ApiProblem(422, "The request has errors: see each field.", errors=errors)
    if data.get("number", 0) is None:
        data.pop("number")
    return {"changes": data}


DECISION = RecordEndpoints(
    model=Decision,
    update_service=named_errors(decision_update),
    archive_service=named_errors(decision_archive),
    respond=_respond_decision,
    get=_get_decision,
    prepare=_decision_changes,
)


@decisions_router.get(
    "", response={200: DecisionPage, **LIST_ERRORS}, auth=read_auth, url_name="decisions-list"
)
def list_decisions(request: HttpRequest, filters: Query[DecisionFilters]):
    """Decisions ("Action - Decision" entries of the minutes), by meeting date, item and number.
    Filter by `meeting` and `item`. Without a token: decisions of unrestricted items of meetings
    whose minutes are agreed."""
    qs = live_unless_asked(_viewer(request).decisions(), filters)
    if filters.meeting:
        qs = qs.filter(meeting_id=filters.meeting)
    if filters.item:
        qs = qs.filter(item_id=filters.item)
    qs = qs.order_by("meeting__date", "meeting_id", "item__number", "number", "pk")
    return paginate(request, qs, filters, lambda rows: map(_decision_out, rows))


declare_record_endpoints(
    decisions_router,
    DECISION,
    module=__name__,
    noun="decision",
    path_param="decision_id",
    schema_in=DecisionIn,
    schema_patch=DecisionPatch,
    schema_out=DecisionOut,
    docs=RecordDocs(
        put="Replace a decision's text, kind and number. Needs `If-Match`.",
        archive="Archive a decision recorded in error, with the reason. Needs `If-Match`.",
        detail="One decision, with its `ETag`.",
    ),
    detail_url_name="decisions-detail",
)


@decisions_router.post("", response={201: DecisionOut, **CREATE_ERRORS}, auth=write_auth)
def create_decision(request: HttpRequest, response: HttpResponse, payload: DecisionIn):
    """Record a decision under an agenda item (`item_id`) or for the meeting as a whole
    (`meeting_id`), once the meeting is held (the body's secretary, or managers). It is
    restricted when its item is."""
    v = _viewer(request)
    data = payload.model_dump()
    refs = {"meeting_id": ("meeting", v.meetings()), "item_id": ("item", v.items())}
    found = resolve({k: data.pop(k) for k in ("meeting_id", "item_id")}, refs)
    item, meeting = found["item"], found["meeting"]
    if item is None and meeting is None:
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={"meeting_id": ["Give the meeting, or the agenda item, of the decision."]},
        )
    if item is not None and meeting is not None and item.meeting_id != meeting.pk:
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={"item_id": ["The item is on another meeting's agenda."]},
        )
    meeting = meeting or item.meeting
    require_perm(request, "meetings.add_decision", meeting.body)
    if data["number"] is None:
        data.pop("number")
    d = named_errors(decision_record)(item=item, meeting=meeting, fields=data, by=caller(request))
    response["Location"] = reverse("api:decisions-detail", kwargs={"decision_id": d.pk})
    return Status(201, _respond_decision(request, response, d))
