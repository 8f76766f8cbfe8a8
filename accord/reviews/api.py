"""/api/v1/indicator-reviews: the indicator review of seed 003 appendix 2.

A review is read by whoever may read its strategy (anonymous callers: published strategies);
its lines name the partnership assessing them, the outcome, and the indicator in place or the
one proposed. Managers open reviews; members of a partnership and managers change its lines."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    LIST_ERRORS,
    UPDATE_ERRORS,
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
from accord.reviews import selectors
from accord.reviews.models import (
    IndicatorReview,
    MeasureRating,
    ReviewDecision,
    ReviewEntry,
    ReviewStatus,
)
from accord.reviews.services import entry_update, review_open
from accord.strategies.api import visible_strategies

router = Router(tags=["reviews"])


class EntryOut(Meta):
    id: int
    review_id: int
    body_id: int = Field(description="The thematic partnership making the assessment.")
    outcome_id: int = Field(description="The outcome (commitment) the indicator measures.")
    indicator_id: int | None = Field(description="The indicator in place; null for a proposal.")
    indicator_code: str | None
    proposed_title: str = Field(description="For an additional indicator proposed.")
    is_proposal: bool
    rating: str = Field(
        description="How well the indicator measures the outcome: good, partial, poor, or "
        "empty when not yet assessed."
    )
    decision: str = Field(
        description="retain or drop for an indicator in place; add for a proposal; empty "
        "when not yet decided."
    )
    comment: str


class ReviewOut(Meta):
    id: int
    title: str
    strategy_id: int
    due_on: dt.date | None
    status: ReviewStatus
    instructions: str
    in_place: int = Field(description="Indicators in place under review.")
    decided: int = Field(description="Indicators in place with a retain or drop decision.")
    proposed: int = Field(description="Additional indicators proposed.")


class ReviewDetailOut(ReviewOut):
    entries: list[EntryOut]


ReviewPage = page_schema(ReviewOut, "IndicatorReviewPage")


class ReviewIn(InputSchema):
    strategy_id: Id
    title: Name
    due_on: dt.date | None = None
    instructions: Annotated[CleanText, Field(max_length=20000)] = ""
    source: Annotated[CleanText, Field(max_length=20000)] = ""


class EntryIn(InputSchema):
    rating: MeasureRating | None = Field(None, description="good, partial or poor.")
    decision: ReviewDecision = Field(
        ReviewDecision.UNDECIDED,
        description="retain or drop for an indicator in place; add for a proposal.",
    )
    comment: Annotated[CleanText, Field(max_length=20000)] = ""
    proposed_title: Annotated[CleanText, Field(max_length=2000)] = ""


EntryPatch = patch_schema(EntryIn, "ReviewEntryPatch")


class ReviewFilters(ListParams):
    strategy: Id | None = Field(None, description="Only reviews of this strategy.")
    status: ReviewStatus | None = None


def _entry_out(e: ReviewEntry) -> dict[str, Any]:
    return {
        "id": e.pk,
        "review_id": e.review_id,
        "body_id": e.body_id,
        "outcome_id": e.outcome_id,
        "indicator_id": e.indicator_id,
        "indicator_code": e.indicator.code if e.indicator_id else None,
        "proposed_title": e.proposed_title,
        "is_proposal": e.indicator_id is None,
        "rating": e.rating,
        "decision": e.decision,
        "comment": e.comment,
        **meta(e),
    }


def _entries(user: Any) -> QuerySet[ReviewEntry]:
    qs = ReviewEntry.objects.filter(review__in=selectors.visible_reviews(user))
    if not is_manager(user):
        qs = qs.filter(body__in=visible_bodies(user))
    return qs.select_related("indicator")


def _review_out(r: IndicatorReview, counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": r.pk,
        "title": r.title,
        "strategy_id": r.strategy_id,
        "due_on": r.due_on,
        "status": r.status,
        "instructions": r.instructions,
        **counts,
        **meta(r),
    }


def _counts(entries: list[ReviewEntry]) -> dict[str, int]:
    in_place = [e for e in entries if e.indicator_id]
    return {
        "in_place": len(in_place),
        "decided": sum(e.decision in ("retain", "drop") for e in in_place),
        "proposed": len(entries) - len(in_place),
    }


@router.get("", response={200: ReviewPage, **LIST_ERRORS}, auth=read_auth, url_name="reviews-list")
def list_reviews(request: HttpRequest, filters: Query[ReviewFilters]):
    """Indicator reviews, newest first, with their counts of lines. Filter by `strategy` and
    `status`."""
    user = caller(request)
    qs = live_unless_asked(selectors.visible_reviews(user), filters)
    if filters.strategy:
        qs = qs.filter(strategy_id=filters.strategy)
    if filters.status:
        qs = qs.filter(status=filters.status)
    qs = qs.order_by("-created_on", "-pk")

    def serialize(rows: list[IndicatorReview]) -> list[dict[str, Any]]:
        by_review: dict[int, list[ReviewEntry]] = {r.pk: [] for r in rows}
        for e in _entries(user).live().filter(review__in=[r.pk for r in rows]):
            by_review[e.review_id].append(e)
        return [_review_out(r, _counts(by_review[r.pk])) for r in rows]

    return paginate(request, qs, filters, serialize)


@router.post("", response={201: ReviewDetailOut, **CREATE_ERRORS}, auth=write_auth)
def open_review(request: HttpRequest, response: HttpResponse, payload: ReviewIn):
    """Open a review of a strategy (partnership managers): a line for each indicator in use
    under each outcome, placed with the partnership that leads the outcome."""
    require_perm(request, "reviews.add_indicatorreview")
    user = caller(request)
    fields = resolve(payload.model_dump(), {"strategy_id": ("strategy", visible_strategies(user))})
    review = review_open(fields=fields, by=user)
    response["Location"] = reverse("api:reviews-detail", kwargs={"review_id": review.pk})
    return Status(201, get_review(request, response, review.pk))


@router.get(
    "/{review_id}",
    response={200: ReviewDetailOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="reviews-detail",
)
def get_review(request: HttpRequest, response: HttpResponse, review_id: PathId):
    """One review with its live lines, ordered by partnership, outcome and indicator code, the
    proposals after the indicators in place."""
    user = caller(request)
    review = selectors.visible_reviews(user).get(pk=review_id)
    entries = list(
        _entries(user)
        .live()
        .filter(review=review)
        .order_by(
            "body__name",
            "outcome__position",
            "outcome__number",
            F("indicator__code").asc(nulls_last=True),
            "pk",
        )
    )
    with_etag(response, review)
    return {**_review_out(review, _counts(entries)), "entries": [_entry_out(e) for e in entries]}


@router.get(
    "/entries/{entry_id}",
    response={200: EntryOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="review-entries-detail",
)
def get_entry(request: HttpRequest, response: HttpResponse, entry_id: PathId):
    """One line of a review, with its `ETag`."""
    entry = _entries(caller(request)).get(pk=entry_id)
    with_etag(response, entry)
    return _entry_out(entry)


@router.patch("/entries/{entry_id}", response={200: EntryOut, **UPDATE_ERRORS}, auth=write_auth)
def patch_entry(
    request: HttpRequest,
    response: HttpResponse,
    entry_id: PathId,
    payload: EntryPatch,  # type: ignore[valid-type]
    if_match: IfMatch,
):
    """Record the partnership's view of a line: `rating`, `decision` (retain or drop; a proposal
    is always add), `comment`, and for a proposal its `proposed_title`. Members of the
    partnership and managers; needs `If-Match`. A complete review's lines are fixed (422)."""
    entry = _entries(caller(request)).live().get(pk=entry_id)
    require_perm(request, "reviews.change_reviewentry", entry)
    version = expected_version(if_match, entry)
    changes = payload.model_dump(exclude_unset=True)  # type: ignore[attr-defined]
    if "rating" in changes and changes["rating"] is None:
        changes["rating"] = ""
    updated = entry_update(
        entry=entry, changes=changes, expected_version=version, by=caller(request)
    )
    updated = _entries(caller(request)).get(pk=updated.pk)
    with_etag(response, updated)
    return _entry_out(updated)
