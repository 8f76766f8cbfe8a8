"""/api/v1/case-studies: qualitative evidence, "real benefits to real people" (seed 004).

Anonymous callers and partners see published case studies; managers see drafts too and write.
`is_illustrative` marks an example written for the demonstration, not a real story."""

import datetime as dt
from typing import Annotated, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.areas.models import Area
from accord.bodies.selectors import visible_bodies
from accord.casestudies import selectors
from accord.casestudies.models import CaseStudy
from accord.casestudies.services import casestudy_archive, casestudy_create, casestudy_update
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
from accord.indicators.models import Indicator
from accord.strategies.models import Commitment

router = Router(tags=["casestudies"])

LongText = Annotated[CleanText, Field(max_length=50000)]


class CaseStudyOut(Meta):
    id: int
    title: str
    summary: str
    story: str
    happened_on: dt.date | None
    area_id: int | None
    body_id: int | None = Field(description="The body that tells it.")
    outcome_ids: list[int] = Field(description="The outcomes (commitments) it shows.")
    indicator_ids: list[int] = Field(description="The indicators it sits beside.")
    is_published: bool
    is_illustrative: bool = Field(
        description="An example written for the demonstration, not a real story."
    )
    provenance: str = Field(description="illustrative or real.")


CaseStudyPage = page_schema(CaseStudyOut, "CaseStudyPage")


class CaseStudyIn(InputSchema):
    title: Name
    summary: Annotated[CleanText, Field(min_length=1, max_length=5000)]
    story: LongText = ""
    happened_on: dt.date | None = Field(None, description="Today or earlier.")
    area_id: Id | None = None
    body_id: Id | None = None
    outcome_ids: Annotated[list[Id], Field(max_length=200)] = Field(default_factory=list)
    indicator_ids: Annotated[list[Id], Field(max_length=200)] = Field(default_factory=list)
    is_published: bool = Field(
        False, description="Publishing needs at least one outcome or indicator."
    )
    is_illustrative: bool = False
    source: LongText = ""


CaseStudyPatch = patch_schema(CaseStudyIn, "CaseStudyPatch")


class CaseStudyFilters(ListParams):
    outcome: Id | None = Field(None, description="Only those linked to this outcome.")
    indicator: Id | None = Field(None, description="Only those linked to this indicator.")
    is_illustrative: bool | None = None
    is_published: bool | None = Field(None, description="Managers only see drafts.")


def _queryset(user: Any) -> QuerySet[CaseStudy]:
    outcomes = Commitment.objects.only("pk")
    if not is_manager(user):
        outcomes = outcomes.filter(strategy__is_published=True)
    return selectors.visible_case_studies(user).prefetch_related(
        Prefetch("outcomes", queryset=outcomes, to_attr="api_outcomes"),
        Prefetch("indicators", queryset=Indicator.objects.only("pk"), to_attr="api_indicators"),
    )


class _Bodies:
    """Which bodies the caller may see, so that links to the others are hidden (one query)."""

    def __init__(self, user: Any):
        self.all = is_manager(user)
        self.ids: set[int] = (
            set() if self.all else set(visible_bodies(user).values_list("pk", flat=True))
        )

    def __call__(self, pk: int | None) -> int | None:
        return pk if pk is not None and (self.all or pk in self.ids) else None


def _out(cs: CaseStudy, body: _Bodies) -> dict[str, Any]:
    return {
        "id": cs.pk,
        "title": cs.title,
        "summary": cs.summary,
        "story": cs.story,
        "happened_on": cs.happened_on,
        "area_id": cs.area_id,
        "body_id": body(cs.body_id),
        "outcome_ids": sorted(o.pk for o in cs.api_outcomes),  # type: ignore[attr-defined]
        "indicator_ids": sorted(i.pk for i in cs.api_indicators),  # type: ignore[attr-defined]
        "is_published": cs.is_published,
        "is_illustrative": cs.is_illustrative,
        "provenance": "illustrative" if cs.is_illustrative else "real",
        **meta(cs),
    }


def _get(request: HttpRequest, casestudy_id: int) -> CaseStudy:
    return _queryset(caller(request)).get(pk=casestudy_id)


def _respond(request: HttpRequest, response: HttpResponse, cs: CaseStudy) -> dict[str, Any]:
    cs = _get(request, cs.pk)
    with_etag(response, cs)
    return _out(cs, _Bodies(caller(request)))


def _fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = caller(request)
    refs = {
        "area_id": ("area", Area.objects.all()),
        "body_id": ("body", visible_bodies(user)),
        "outcome_ids": ("outcomes", Commitment.objects.all()),
        "indicator_ids": ("indicators", Indicator.objects.all()),
    }
    return resolve(data, refs)


CASESTUDY = RecordEndpoints(
    model=CaseStudy,
    update_service=casestudy_update,
    archive_service=casestudy_archive,
    respond=_respond,
    get=_get,
    prepare=lambda request, data, cs: {"changes": _fields(request, data)},
)


@router.get(
    "", response={200: CaseStudyPage, **LIST_ERRORS}, auth=read_auth, url_name="casestudies-list"
)
def list_case_studies(request: HttpRequest, filters: Query[CaseStudyFilters]):
    """Case studies, latest first. Filter by `outcome`, `indicator`, `is_illustrative` and
    `is_published`."""
    user = caller(request)
    qs = live_unless_asked(_queryset(user), filters)
    if filters.outcome:
        qs = qs.filter(outcomes=filters.outcome)
    if filters.indicator:
        qs = qs.filter(indicators=filters.indicator)
    if filters.is_illustrative is not None:
        qs = qs.filter(is_illustrative=filters.is_illustrative)
    if filters.is_published is not None:
        qs = qs.filter(is_published=filters.is_published)
    body = _Bodies(user)
    return paginate(
        request,
        qs.order_by("-happened_on", "title", "pk"),
        filters,
        lambda rows: [_out(cs, body) for cs in rows],
    )


declare_record_endpoints(
    router,
    CASESTUDY,
    module=__name__,
    noun="case_study",
    path_param="casestudy_id",
    schema_in=CaseStudyIn,
    schema_patch=CaseStudyPatch,
    schema_out=CaseStudyOut,
    docs=RecordDocs(
        put="Replace a case study's fields. Needs `If-Match`.",
        patch=("Change the fields sent, and only those (e.g. `is_published`). Needs `If-Match`."),
        archive="Archive a case study, with the reason. Needs `If-Match`.",
        detail="One case study, with its `ETag`.",
    ),
    detail_url_name="casestudies-detail",
)


@router.post("", response={201: CaseStudyOut, **CREATE_ERRORS}, auth=write_auth)
def create_case_study(request: HttpRequest, response: HttpResponse, payload: CaseStudyIn):
    """Record a case study (partnership managers)."""
    require_perm(request, "casestudies.add_casestudy")
    cs = casestudy_create(fields=_fields(request, payload.model_dump()), by=caller(request))
    response["Location"] = reverse("api:casestudies-detail", kwargs={"casestudy_id": cs.pk})
    return Status(201, _respond(request, response, cs))
