"""/api/v1/indicators and /api/v1/periods: the indicator library, and the periods figures and
targets are for.

The library is public. An owning body the caller may not see is given as null, and only the
outcomes of strategies the caller may see are listed. Writes are for partnership managers.
`/api/v1/periods/parse` reads a period written any of the usual ways without storing it."""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    DEFAULT_PAGE_SIZE,
    DETAIL_ERRORS,
    LIST_ERRORS,
    MAX_PAGE_SIZE,
    ApiProblem,
    CleanText,
    Id,
    InputSchema,
    ListParams,
    Meta,
    PathId,
    ProblemOut,
    RecordDocs,
    RecordEndpoints,
    caller,
    declare_record_endpoints,
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
from accord.indicators import selectors
from accord.indicators.models import (
    Frequency,
    Geography,
    Indicator,
    IndicatorStatus,
    Period,
    PeriodKind,
    Polarity,
    Scheme,
    ToleranceKind,
    ValueType,
)
from accord.indicators.periods import PeriodError, parse_period
from accord.indicators.services import indicator_archive, indicator_create, indicator_update
from accord.people.models import Person

periods_router = Router(tags=["indicators"])
router = Router(tags=["indicators"])

# Service errors name model fields; the API names references by their ids.
API_FIELDS = {"replaced_by": "replaced_by_id", "outcomes": "outcome_ids"}


def _api_field_names(service: Callable[..., Indicator]) -> Callable[..., Indicator]:
    @wraps(service)
    def call(**kwargs: Any) -> Indicator:
        try:
            return service(**kwargs)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            raise ValidationError(
                {API_FIELDS.get(name, name): errs for name, errs in error.error_dict.items()}
            ) from error

    return call


# --- Indicators -------------------------------------------------------------------------------

Finite = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]


class IndicatorOut(Meta):
    id: int
    code: str
    title: str = Field(description="Empty where no source gives the title: it is never invented.")
    display_title: str = Field(description="The title, or '(title not found in the sources)'.")
    title_source: str = Field(description="The web address the title comes from.")
    definition: str
    rationale: str
    scheme: Scheme
    external_id: str = Field(description="The publisher's own id, e.g. a Fingertips id.")
    theme: str
    unit: str
    value_type: ValueType
    decimal_places: int
    minimum: float | None
    maximum: float | None
    polarity: Polarity
    polarity_note: str = Field(description="Why the polarity differs from the source's.")
    frequency: Frequency
    period_kind: PeriodKind
    data_source: str
    geography: Geography = Field(description="The finest level the indicator is published for.")
    lead_officer_id: int | None
    owning_body_id: int | None = Field(description="Null if the caller may not see the body.")
    outcome_ids: list[int] = Field(description="The outcomes it measures (that you may see).")
    is_national: bool
    status: IndicatorStatus
    status_on: dt.date | None = Field(description="The day it was adopted, retired or replaced.")
    status_reason: str
    replaced_by_id: int | None
    tolerance_kind: ToleranceKind
    tolerance: float = Field(description="How far short of target is amber rather than red.")
    forecast_points: int = Field(description="How many recent points the forecast trend uses.")


IndicatorPage = page_schema(IndicatorOut, "IndicatorPage")


class IndicatorIn(InputSchema):
    code: Annotated[CleanText, Field(min_length=1, max_length=40)]
    title: Annotated[CleanText, Field(max_length=2000)] = ""
    title_source: Annotated[CleanText, Field(max_length=500)] = ""
    definition: CleanText = ""
    rationale: CleanText = ""
    scheme: Scheme = Scheme.LOCAL
    external_id: Annotated[CleanText, Field(max_length=100)] = ""
    theme: Annotated[CleanText, Field(max_length=200)] = ""
    unit: Annotated[CleanText, Field(max_length=50)] = ""
    value_type: ValueType = ValueType.COUNT
    decimal_places: Annotated[int, Field(ge=0, le=6)] = 1
    minimum: Finite | None = None
    maximum: Finite | None = None
    polarity: Polarity = Polarity.NONE
    polarity_note: CleanText = ""
    frequency: Frequency = Frequency.ANNUAL
    period_kind: PeriodKind = PeriodKind.FINANCIAL_YEAR
    data_source: CleanText = ""
    geography: Geography = Geography.BOROUGH
    lead_officer_id: Id | None = None
    owning_body_id: Id | None = None
    outcome_ids: list[Id] = Field(default_factory=list, max_length=200)
    is_national: bool = False
    status: IndicatorStatus = IndicatorStatus.IN_USE
    status_on: dt.date | None = None
    status_reason: CleanText = ""
    replaced_by_id: Id | None = Field(None, description="Needed when the status is replaced.")
    tolerance_kind: ToleranceKind = ToleranceKind.RELATIVE
    tolerance: Finite = 5.0
    forecast_points: Annotated[int, Field(ge=2, le=40)] = 4
    source: CleanText = ""


IndicatorPatch = patch_schema(IndicatorIn, "IndicatorPatch")


class IndicatorFilters(ListParams):
    scheme: Scheme | None = None
    status: IndicatorStatus | None = None
    theme: Annotated[CleanText, Field(max_length=200)] | None = Field(
        None, description="Only indicators with exactly this theme."
    )
    q: Annotated[CleanText, Field(max_length=200)] | None = Field(
        None, description="Words in the code, title, definition, theme or publisher's id."
    )
    outcome: Id | None = Field(None, description="Only indicators measuring this outcome.")
    owning_body: Id | None = Field(None, description="Only indicators this body owns.")
    polarity: Polarity | None = None
    frequency: Frequency | None = None
    national: bool | None = Field(None, description="true: national only; false: local only.")


def _indicator_out(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        "code": i.code,
        "title": i.title,
        "display_title": i.display_title,
        "title_source": i.title_source,
        "definition": i.definition,
        "rationale": i.rationale,
        "scheme": i.scheme,
        "external_id": i.external_id,
        "theme": i.theme,
        "unit": i.unit,
        "value_type": i.value_type,
        "decimal_places": i.decimal_places,
        "minimum": i.minimum,
        "maximum": i.maximum,
        "polarity": i.polarity,
        "polarity_note": i.polarity_note,
        "frequency": i.frequency,
        "period_kind": i.period_kind,
        "data_source": i.data_source,
        "geography": i.geography,
        "lead_officer_id": i.lead_officer_id,
        "owning_body_id": i.owning_body_id if getattr(i, "owning_body_visible", False) else None,
        "outcome_ids": [c.pk for c in getattr(i, "visible_outcomes", [])],
        "is_national": i.is_national,
        "status": i.status,
        "status_on": i.status_on,
        "status_reason": i.status_reason,
        "replaced_by_id": i.replaced_by_id,
        "tolerance_kind": i.tolerance_kind,
        "tolerance": i.tolerance,
        "forecast_points": i.forecast_points,
        **meta(i),
    }


def _get_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    return selectors.api_indicators(caller(request)).get(pk=indicator_id)


def _respond_indicator(request: HttpRequest, response: HttpResponse, i: Indicator) -> dict:
    i = _get_indicator(request, i.pk)
    with_etag(response, i)
    return _indicator_out(i)


def _indicator_fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = caller(request)
    refs = {
        "lead_officer_id": ("lead_officer", Person.objects.all()),
        "owning_body_id": ("owning_body", visible_bodies(user)),
        "outcome_ids": ("outcomes", selectors.visible_outcomes(user)),
        "replaced_by_id": ("replaced_by", Indicator.objects.all()),
    }
    return resolve(data, refs)


def _indicator_changes(request: HttpRequest, data: dict[str, Any], i: Indicator) -> dict:
    return {"changes": _indicator_fields(request, data)}


INDICATOR = RecordEndpoints(
    model=Indicator,
    update_service=_api_field_names(indicator_update),
    archive_service=indicator_archive,
    respond=_respond_indicator,
    get=_get_indicator,
    prepare=_indicator_changes,
)


@router.get(
    "", response={200: IndicatorPage, **LIST_ERRORS}, auth=read_auth, url_name="indicators-list"
)
def list_indicators(request: HttpRequest, filters: Query[IndicatorFilters]):
    """The indicator library: local indicators first, then each reference set by code. Filter
    by `scheme`, `status`, `theme`, `q` (text search), `outcome`, `owning_body`, `polarity`,
    `frequency` and `national`."""
    user = caller(request)
    qs = selectors.indicator_list(
        user=user,
        scheme=filters.scheme or "",
        status=filters.status or "",
        theme=filters.theme or "",
        q=filters.q or "",
        outcome=filters.outcome,
        owning_body=filters.owning_body,
        polarity=filters.polarity or "",
        frequency=filters.frequency or "",
        national=filters.national,
        include_archived=filters.include_archived,
    )
    return paginate(
        request,
        selectors.with_outcomes(qs, user),
        filters,
        lambda rows: map(_indicator_out, rows),
    )


declare_record_endpoints(
    router,
    INDICATOR,
    module=__name__,
    noun="indicator",
    path_param="indicator_id",
    schema_in=IndicatorIn,
    schema_patch=IndicatorPatch,
    schema_out=IndicatorOut,
    docs=RecordDocs(
        put="Replace an indicator's fields. Needs `If-Match`.",
        patch=(
            "Change the fields sent, and only those: for example `status` `retired` with\n"
            "`status_on` and `status_reason`, or `replaced` with `replaced_by_id` too.\n"
            "Needs `If-Match`."
        ),
        archive=(
            "Archive an indicator added in error, with the reason. One that was used and has\n"
            "stopped is retired instead. Needs `If-Match`."
        ),
        detail="One indicator, with its `ETag`.",
    ),
    detail_url_name="indicators-detail",
)


@router.post("", response={201: IndicatorOut, **CREATE_ERRORS}, auth=write_auth)
def create_indicator(request: HttpRequest, response: HttpResponse, payload: IndicatorIn):
    """Add an indicator to the library (partnership managers)."""
    require_perm(request, "indicators.add_indicator")
    fields = _indicator_fields(request, payload.model_dump())
    i = _api_field_names(indicator_create)(fields=fields, by=caller(request))
    response["Location"] = reverse("api:indicators-detail", kwargs={"indicator_id": i.pk})
    return Status(201, _respond_indicator(request, response, i))


# --- Periods ----------------------------------------------------------------------------------


class PeriodOut(Schema):
    id: int
    code: str = Field(description="The canonical way of writing it, e.g. 2008/09, 2009/10 Q3.")
    kind: PeriodKind
    start: dt.date
    end: dt.date


PeriodPage = page_schema(PeriodOut, "PeriodPage")


class ParsedPeriodOut(Schema):
    id: int | None = Field(description="The stored period's id, or null if none is stored yet.")
    text: str = Field(description="The text as sent.")
    code: str = Field(description="The canonical way of writing it.")
    kind: PeriodKind
    start: dt.date
    end: dt.date


class PeriodFilters(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Page number, from 1.")
    page_size: int = Field(
        DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page (at most 200)."
    )
    kind: PeriodKind | None = None
    on: dt.date | None = Field(None, description="Only periods that include this day.")


class ParseParams(Schema):
    text: Annotated[CleanText, Field(min_length=1, max_length=100)] = Field(
        ..., description="A period as written, e.g. 2008/09, 2009 Q3, 2001 - 03, 2008-04-01/P1Y."
    )


def _period_out(p: Period) -> dict[str, Any]:
    return {"id": p.pk, "code": p.code, "kind": p.kind, "start": p.start, "end": p.end}


@periods_router.get(
    "", response={200: PeriodPage, **LIST_ERRORS}, auth=read_auth, url_name="periods-list"
)
def list_periods(request: HttpRequest, filters: Query[PeriodFilters]):
    """The periods in use, earliest first. Filter by `kind` and by `on` (a day they include)."""
    qs: QuerySet[Period] = Period.objects.all()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.on:
        qs = qs.filter(start__lte=filters.on, end__gte=filters.on)
    qs = qs.order_by("start", "end", "pk")
    return paginate(request, qs, filters, lambda rows: map(_period_out, rows))  # type: ignore[arg-type]


@periods_router.get(
    "/parse",
    response={200: ParsedPeriodOut, 400: ProblemOut, 401: ProblemOut, 422: ProblemOut},
    auth=read_auth,
    url_name="periods-parse",
)
def parse_period_text(request: HttpRequest, params: Query[ParseParams]):
    """Read a period written any of the usual ways (`2008/09`, `2009/10 Q3`, `Q3 2009/10`,
    `2009-04`, `Apr 2009`, `2001 - 03`, `2006/07 - 08/09`, ISO `2008-04-01/2009-03-31` or
    `2004-01-01/P1Y`) and give its canonical code, kind and dates. Nothing is stored. A text
    that is not a period is a 422 naming it."""
    try:
        spec = parse_period(params.text)
    except PeriodError as error:
        raise ApiProblem(
            422, f"'{params.text}' is not a period.", errors={"text": [str(error)]}
        ) from None
    except (ValueError, OverflowError):
        # A well-formed period whose dates fall outside the calendar (year 0, or past 9999).
        raise ApiProblem(
            422,
            f"'{params.text}' is not a period.",
            errors={"text": [f"'{params.text}' has dates outside the years 1 to 9999."]},
        ) from None
    stored = Period.objects.filter(code=spec.code).values_list("pk", flat=True).first()
    return {
        "id": stored,
        "text": params.text,
        "code": spec.code,
        "kind": spec.kind,
        "start": spec.start,
        "end": spec.end,
    }


@periods_router.get(
    "/{period_id}",
    response={200: PeriodOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="periods-detail",
)
def get_period(request: HttpRequest, period_id: PathId):
    """One period."""
    return _period_out(Period.objects.get(pk=period_id))
