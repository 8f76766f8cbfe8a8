"""/api/v1/collection-rounds and /api/v1/returns: the collection cycle.

Rounds (title, period, deadline, counts) are public, like the timetable. Returns are seen by
their lead officer, by members of the body that owns the indicator and by partnership managers.
A lead officer submits a return; a manager approves it (the figure becomes final and locked) or
sends it back with a comment. Every write needs `If-Match` with the record's ETag."""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from accord.areas.models import Area
from accord.collection import rules, selectors
from accord.collection.models import CollectionRound, Return, ReturnStatus, RoundStatus
from accord.collection.services import (
    return_approve,
    return_send_back,
    return_submit,
    round_close,
    round_open,
)
from accord.common.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    LIST_ERRORS,
    UPDATE_ERRORS,
    ApiProblem,
    CleanText,
    Id,
    IfMatch,
    InputSchema,
    ListParams,
    Meta,
    Name,
    PathId,
    caller,
    expected_version,
    live_unless_asked,
    meta,
    page_schema,
    paginate,
    read_auth,
    require_perm,
    resolve,
    with_etag,
    write_auth,
)
from accord.common.querysets import today
from accord.indicators.periods import PeriodError, parse_period

rounds_router = Router(tags=["collection"])
router = Router(tags=["collection"])

T = TypeVar("T")

PeriodText = Annotated[CleanText, Field(min_length=1, max_length=40)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
Comment = Annotated[CleanText, Field(max_length=5000)]
Days = Annotated[int, Field(ge=0, le=365)]
API_FIELDS = {
    "areas": "area_ids",
    "indicator": "indicator_id",
    "area": "area_id",
    "observation": "observation_id",
}


def _saving(call: Callable[[], T], what: str) -> T:
    """Call a service, naming fields in its errors as the API does."""
    try:
        return call()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        errors = {
            API_FIELDS.get(name, name): [str(m) for m in ValidationError(errs).messages]
            for name, errs in error.error_dict.items()
        }
        raise ApiProblem(422, f"The {what} was not saved: see each field.", errors=errors) from None


def _period_code(text: str) -> str:
    try:
        return parse_period(text).code
    except PeriodError as error:
        raise ApiProblem(
            400, "One or more query parameters are not valid.", errors={"period": [str(error)]}
        ) from None


# --- Rounds -----------------------------------------------------------------------------------


class RoundCounts(Schema):
    due: int
    submitted: int
    returned: int
    approved: int
    late: int = Field(description="Still owed after the deadline (open rounds only).")


class RoundOut(Meta):
    id: int
    title: str
    period: str = Field(description="The period the figures are for, e.g. 2009/10 Q3.")
    opens_on: dt.date
    deadline: dt.date
    status: RoundStatus
    instructions: str
    remind_days_before: int
    remind_days_after: int
    returns: int = Field(description="How many returns the round asks for.")
    counts: RoundCounts


RoundPage = page_schema(RoundOut, "RoundPage")


class RoundIn(InputSchema):
    title: Name
    period: PeriodText = Field(..., description="e.g. 2009/10 Q3, 2009/10, 2010-01.")
    opens_on: dt.date
    deadline: dt.date = Field(..., description="On or after opens_on.")
    instructions: CleanText = ""
    remind_days_before: Days = 5
    remind_days_after: Days = 1
    area_ids: list[Id] = Field(
        default_factory=list,
        max_length=500,
        description="Areas to collect for; empty: the partnership's borough.",
    )


class RoundFilters(ListParams):
    status: RoundStatus | None = None
    period: Annotated[CleanText, Field(max_length=40)] | None = Field(
        None, description="Only rounds for this period, e.g. 2009/10 Q3."
    )


def _rounds() -> QuerySet[CollectionRound]:
    return CollectionRound.objects.select_related("period").order_by("-deadline", "-pk")


def _round_out(r: CollectionRound, day: dt.date) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "period": r.period.code,
        "opens_on": r.opens_on,
        "deadline": r.deadline,
        "status": r.status,
        "instructions": r.instructions,
        "remind_days_before": r.remind_days_before,
        "remind_days_after": r.remind_days_after,
        "returns": r.n_total,  # type: ignore[attr-defined]
        "counts": {
            "due": r.n_due,  # type: ignore[attr-defined]
            "submitted": r.n_submitted,  # type: ignore[attr-defined]
            "returned": r.n_returned,  # type: ignore[attr-defined]
            "approved": r.n_approved,  # type: ignore[attr-defined]
            "late": r.n_late if r.status == RoundStatus.OPEN else 0,  # type: ignore[attr-defined]
        },
        **meta(r),
    }


def _counted(qs: QuerySet[CollectionRound], day: dt.date) -> QuerySet[CollectionRound]:
    return selectors.annotate_counts(qs, today=day)


def _respond_round(response: HttpResponse, r: CollectionRound) -> dict[str, Any]:
    day = today()
    r = _counted(_rounds(), day).get(pk=r.pk)
    with_etag(response, r)
    return _round_out(r, day)


@rounds_router.get(
    "", response={200: RoundPage, **LIST_ERRORS}, auth=read_auth, url_name="rounds-list"
)
def list_rounds(request: HttpRequest, filters: Query[RoundFilters]):
    """Collection rounds, latest deadline first, with their returns counted by status. Filter
    by `status` and `period`."""
    qs = live_unless_asked(_rounds(), filters)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.period:
        qs = qs.filter(period__code=_period_code(filters.period))
    day = today()
    return paginate(
        request, _counted(qs, day), filters, lambda rows: [_round_out(r, day) for r in rows]
    )


@rounds_router.get(
    "/{round_id}",
    response={200: RoundOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="rounds-detail",
)
def get_round(request: HttpRequest, response: HttpResponse, round_id: PathId):
    """One round with its counts, and its `ETag`."""
    return _respond_round(response, _rounds().get(pk=round_id))


@rounds_router.post("", response={201: RoundOut, **CREATE_ERRORS}, auth=write_auth)
def open_round(request: HttpRequest, response: HttpResponse, payload: RoundIn):
    """Open a round (partnership managers). It creates a return for every indicator in use
    whose frequency expects a figure for the period (none for an annual indicator in a
    quarter), for each area given that the indicator is published for (default: the
    partnership's borough), addressed to the indicator's lead officer."""
    require_perm(request, "collection.add_collectionround")
    data = payload.model_dump()
    area_ids = data.pop("area_ids")
    areas = resolve({"area_ids": area_ids}, {"area_ids": ("areas", Area.objects.live())})["areas"]
    if payload.deadline < payload.opens_on:
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={"deadline": ["The deadline must be on or after the day it opens."]},
        )
    r = _saving(lambda: round_open(fields=data, areas=areas, by=caller(request)), "round")
    response["Location"] = reverse("api:rounds-detail", kwargs={"round_id": r.pk})
    return Status(201, _respond_round(response, r))


@rounds_router.post("/{round_id}/close", response={200: RoundOut, **UPDATE_ERRORS}, auth=write_auth)
def close_round(request: HttpRequest, response: HttpResponse, round_id: PathId, if_match: IfMatch):
    """Close a round (partnership managers): no more returns are submitted in it. Needs
    `If-Match`."""
    r = _rounds().get(pk=round_id)
    require_perm(request, "collection.change_collectionround", r)
    version = expected_version(if_match, r)
    closed = _saving(
        lambda: round_close(collection_round=r, expected_version=version, by=caller(request)),
        "round",
    )
    return _respond_round(response, closed)


# --- Returns ----------------------------------------------------------------------------------


class ReturnOut(Meta):
    id: int
    round_id: int
    period: str
    deadline: dt.date
    indicator_id: int
    indicator_code: str
    area_id: int
    lead_officer_id: int | None = Field(description="The person the return is addressed to.")
    status: ReturnStatus
    is_overdue: bool = Field(description="Still owed after the round's deadline.")
    value: float | None
    numerator: float | None
    denominator: float | None
    commentary: str
    unusual_change_confirmed: bool
    submitted_on: dt.datetime | None
    decided_on: dt.datetime | None
    manager_comment: str = Field(description="Why it was sent back, or a note on approval.")
    observation_id: int | None = Field(description="The figure recorded from this return.")


ReturnPage = page_schema(ReturnOut, "ReturnPage")


class ReturnFilters(ListParams):
    mine: bool = Field(False, description="Only the returns addressed to the caller.")
    round: Id | None = Field(None, description="Only returns of this round.")
    status: ReturnStatus | None = None
    indicator: Id | None = None
    area: Id | None = None
    overdue: bool | None = Field(
        None, description="true: only those still owed after the deadline."
    )


class ReturnSubmitIn(InputSchema):
    value: Number = Field(..., description="The figure for the round's period.")
    numerator: Number | None = None
    denominator: Number | None = None
    commentary: Comment = ""
    unusual_change_confirmed: bool = Field(
        False,
        description="Needed when the figure moves further from the last one than the "
        "indicator's history makes plausible (the 422 says by how much).",
    )


class SendBackIn(InputSchema):
    comment: Annotated[CleanText, Field(min_length=1, max_length=5000)] = Field(
        ..., description="What the lead officer should change."
    )


class ApproveIn(InputSchema):
    comment: Comment = ""


def _returns(request: HttpRequest) -> QuerySet[Return]:
    return (
        selectors.visible_returns(caller(request))
        .select_related("round", "round__period", "indicator")
        .order_by("round__deadline", "indicator__code", "area_id", "pk")
    )


def _return_out(r: Return, day: dt.date) -> dict[str, Any]:
    return {
        "id": r.pk,
        "round_id": r.round_id,
        "period": r.round.period.code,
        "deadline": r.round.deadline,
        "indicator_id": r.indicator_id,
        "indicator_code": r.indicator.code,
        "area_id": r.area_id,
        "lead_officer_id": r.lead_officer_id,
        "status": r.status,
        "is_overdue": rules.is_overdue(r.round.deadline, r.status, day),
        "value": r.value,
        "numerator": r.numerator,
        "denominator": r.denominator,
        "commentary": r.commentary,
        "unusual_change_confirmed": r.unusual_change_confirmed,
        "submitted_on": r.submitted_on,
        "decided_on": r.decided_on,
        "manager_comment": r.manager_comment,
        "observation_id": r.observation_id,
        **meta(r),
    }


def _respond_return(request: HttpRequest, response: HttpResponse, r: Return) -> dict[str, Any]:
    r = _returns(request).get(pk=r.pk)
    with_etag(response, r)
    return _return_out(r, today())


@router.get("", response={200: ReturnPage, **LIST_ERRORS}, auth=read_auth, url_name="returns-list")
def list_returns(request: HttpRequest, filters: Query[ReturnFilters]):
    """The returns the caller may see (none without a token), by deadline. `mine=true` for
    only those addressed to the caller; filter by `round`, `status`, `indicator`, `area` and
    `overdue`."""
    user = caller(request)
    qs = live_unless_asked(_returns(request), filters)
    if filters.mine:
        person_id = getattr(user, "person_id", None)
        qs = qs.filter(lead_officer_id=person_id) if person_id else qs.none()
    if filters.round:
        qs = qs.filter(round_id=filters.round)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.indicator:
        qs = qs.filter(indicator_id=filters.indicator)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    day = today()
    if filters.overdue is not None:
        late = {"round__deadline__lt": day, "status__in": rules.OUTSTANDING}
        qs = (
            qs.filter(**late)
            if filters.overdue
            else qs.exclude(pk__in=Return.objects.filter(**late).values("pk"))
        )
    return paginate(request, qs, filters, lambda rows: [_return_out(r, day) for r in rows])


@router.get(
    "/{return_id}",
    response={200: ReturnOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="returns-detail",
)
def get_return(request: HttpRequest, response: HttpResponse, return_id: PathId):
    """One return the caller may see, with its `ETag`."""
    return _respond_return(request, response, _returns(request).get(pk=return_id))


@router.post("/{return_id}/submit", response={200: ReturnOut, **UPDATE_ERRORS}, auth=write_auth)
def submit_return(
    request: HttpRequest,
    response: HttpResponse,
    return_id: PathId,
    payload: ReturnSubmitIn,
    if_match: IfMatch,
):
    """Submit (or resubmit) the figure of a return (its lead officer). It is checked against the
    indicator's limits and history and recorded as a provisional figure. Needs `If-Match`."""
    r = _returns(request).get(pk=return_id)
    require_perm(request, "collection.submit_return", r)
    version = expected_version(if_match, r)
    saved = _saving(
        lambda: return_submit(
            ret=r, **payload.model_dump(), expected_version=version, by=caller(request)
        ),
        "return",
    )
    return _respond_return(request, response, saved)


@router.post("/{return_id}/approve", response={200: ReturnOut, **UPDATE_ERRORS}, auth=write_auth)
def approve_return(
    request: HttpRequest,
    response: HttpResponse,
    return_id: PathId,
    payload: ApproveIn,
    if_match: IfMatch,
):
    """Approve a submitted return (partnership managers): its figure becomes final and locked,
    and changes afterwards only by restatement. Needs `If-Match`."""
    r = _returns(request).get(pk=return_id)
    require_perm(request, "collection.approve_return", r)
    version = expected_version(if_match, r)
    saved = _saving(
        lambda: return_approve(
            ret=r, comment=payload.comment, expected_version=version, by=caller(request)
        ),
        "return",
    )
    return _respond_return(request, response, saved)


@router.post("/{return_id}/send-back", response={200: ReturnOut, **UPDATE_ERRORS}, auth=write_auth)
def send_back_return(
    request: HttpRequest,
    response: HttpResponse,
    return_id: PathId,
    payload: SendBackIn,
    if_match: IfMatch,
):
    """Send a submitted return back to its lead officer with a comment (partnership managers).
    Needs `If-Match`."""
    r = _returns(request).get(pk=return_id)
    require_perm(request, "collection.send_back_return", r)
    version = expected_version(if_match, r)
    saved = _saving(
        lambda: return_send_back(
            ret=r, comment=payload.comment, expected_version=version, by=caller(request)
        ),
        "return",
    )
    return _respond_return(request, response, saved)
