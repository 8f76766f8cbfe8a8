"""/api/v1/observations and /api/v1/imports: figures (actuals) and the files that load them.

Anyone may read current final figures; a token shows provisional figures too. Recording a
figure where one already stands restates it: the earlier figure is kept, `is_current: false`,
and the new one's `restates_id` points to it. Figures are never edited in place.

Imports: `POST /api/v1/imports` with a CSV or XLSX file (multipart, field `file`). A small file
(up to ACCORD_IMPORT_INLINE_BYTES, 256 KB by default) is imported while you wait: the answer is
201 with the finished batch, or 422 problem+json naming every problem by row and column when the
file is refused. A larger file is checked and loaded in the background: the answer is 201 with
the queued batch; follow its `Location` for progress."""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from accord.areas.models import Area
from accord.common.api import (
    CREATE_ERRORS,
    DETAIL_ERRORS,
    LIST_ERRORS,
    UPDATE_ERRORS,
    ApiProblem,
    ArchiveIn,
    CleanText,
    Id,
    IfMatch,
    InputSchema,
    ListParams,
    Meta,
    PathId,
    ProblemOut,
    caller,
    expected_version,
    meta,
    page_schema,
    paginate,
    read_auth,
    require_perm,
    resolve,
    with_etag,
    write_auth,
)
from accord.indicators.models import Indicator, Provenance
from accord.indicators.periods import parse_period, period_for
from accord.observations import selectors
from accord.observations.models import (
    ImportBatch,
    ImportStatus,
    Observation,
    ObservationStatus,
)
from accord.observations.services import (
    import_upload,
    observation_archive,
    observation_record,
    observation_restate,
)

router = Router(tags=["observations"])
imports_router = Router(tags=["observations"])

T = TypeVar("T")

PeriodText = Annotated[CleanText, Field(min_length=1, max_length=40)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
API_FIELDS = {"indicator": "indicator_id", "area": "area_id"}
MAX_API_PROBLEMS = 1000


class ObservationOut(Meta):
    id: int
    indicator_id: int
    indicator_code: str
    area_id: int
    area_code: str = Field(description="The area's GSS code, where it has one.")
    period: str = Field(description="The period's code, e.g. 2008/09 or 2016 - 18.")
    period_start: dt.date
    period_end: dt.date
    breakdown: str = Field(description="A sub-population; empty for the whole population.")
    value: float | None = Field(description="Null when the figure is suppressed.")
    numerator: float | None
    denominator: float | None
    ci_lower: float | None = Field(description="Lower 95% confidence limit.")
    ci_upper: float | None = Field(description="Upper 95% confidence limit.")
    status: ObservationStatus
    is_locked: bool = Field(description="Approved in a collection round: changes by restatement.")
    suppressed: bool
    suppression_reason: str
    commentary: str
    provenance: Provenance = Field(description="real, or illustrative/synthetic: not published.")
    is_illustrative: bool = Field(description="True when the figure was not published.")
    is_current: bool = Field(description="False once a later figure restated this one.")
    restates_id: int | None = Field(description="The earlier figure this one replaced.")
    restatement_reason: str = Field(description="Why this figure replaced the earlier one.")
    batch_id: int | None = Field(description="The import that loaded this figure, if any.")


ObservationPage = page_schema(ObservationOut, "ObservationPage")


class ObservationIn(InputSchema):
    indicator_id: Id
    area_id: Id
    period: PeriodText = Field(..., description="e.g. 2008/09, 2009/10 Q3, 2001 - 03.")
    breakdown: Annotated[CleanText, Field(max_length=100)] = ""
    value: Number | None = Field(None, description="Leave null only for a suppressed figure.")
    numerator: Number | None = None
    denominator: Number | None = None
    ci_lower: Number | None = None
    ci_upper: Number | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    suppressed: bool = False
    suppression_reason: Annotated[CleanText, Field(max_length=200)] = ""
    commentary: CleanText = ""
    provenance: Provenance = Provenance.REAL
    source: CleanText = ""
    reason: Annotated[CleanText, Field(max_length=2000)] = Field(
        "", description="Why, if this restates a figure already recorded (needed if locked)."
    )


class RestateIn(InputSchema):
    reason: Annotated[CleanText, Field(min_length=1, max_length=2000)] = Field(
        ..., description="Why the figure is being restated; kept beside the earlier figure."
    )
    value: Number | None = None
    numerator: Number | None = None
    denominator: Number | None = None
    ci_lower: Number | None = None
    ci_upper: Number | None = None
    status: ObservationStatus | None = None
    suppressed: bool | None = None
    suppression_reason: Annotated[CleanText, Field(max_length=200)] | None = None
    commentary: CleanText | None = None
    provenance: Provenance | None = None
    source: CleanText | None = None


class ObservationFilters(ListParams):
    indicator: Id | None = Field(None, description="Only figures for this indicator.")
    area: Id | None = Field(None, description="Only figures for this area.")
    period: Annotated[CleanText, Field(max_length=40)] | None = Field(
        None, description="Only figures for this period, e.g. 2008/09."
    )
    current: bool = Field(
        True,
        description="true (the default): the figures standing now; false: the figures since "
        "restated.",
    )
    provenance: Provenance | None = None
    status: ObservationStatus | None = None


def _observations(request: HttpRequest) -> QuerySet[Observation]:
    return selectors.readable_observations(caller(request)).select_related(
        "indicator", "area", "period"
    )


def _out(o: Observation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "indicator_id": o.indicator_id,
        "indicator_code": o.indicator.code,
        "area_id": o.area_id,
        "area_code": o.area.gss_code,
        "period": o.period.code,
        "period_start": o.period.start,
        "period_end": o.period.end,
        "breakdown": o.breakdown,
        "value": o.value,
        "numerator": o.numerator,
        "denominator": o.denominator,
        "ci_lower": o.ci_lower,
        "ci_upper": o.ci_upper,
        "status": o.status,
        "is_locked": o.is_locked,
        "suppressed": o.suppressed,
        "suppression_reason": o.suppression_reason,
        "commentary": o.commentary,
        "provenance": o.provenance,
        "is_illustrative": o.provenance == Provenance.ILLUSTRATIVE,
        "is_current": o.is_current,
        "restates_id": o.restates_id,
        "restatement_reason": o.restatement_reason,
        "batch_id": o.batch_id,
        **meta(o),
    }


def _respond(request: HttpRequest, response: HttpResponse, o: Observation) -> dict[str, Any]:
    o = _observations(request).get(pk=o.pk)
    with_etag(response, o)
    return _out(o)


def _saving(call: Callable[[], T]) -> T:
    """Call a service, naming references in its errors as the API does."""
    try:
        return call()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        errors = {
            API_FIELDS.get(name, name): [str(m) for m in ValidationError(errs).messages]
            for name, errs in error.error_dict.items()
        }
        raise ApiProblem(422, "The figure was not saved: see each field.", errors=errors) from None


def _period_code(text: str, *, status: int, name: str = "period") -> str:
    try:
        return parse_period(text).code
    except (ValueError, OverflowError) as error:  # PeriodError, or a date past year 9999
        detail = (
            "One or more query parameters are not valid."
            if status == 400
            else "The request has errors: see each field."
        )
        raise ApiProblem(status, detail, errors={name: [str(error)]}) from None


@router.get(
    "",
    response={200: ObservationPage, **LIST_ERRORS},
    auth=read_auth,
    url_name="observations-list",
)
def list_observations(request: HttpRequest, filters: Query[ObservationFilters]):
    """Figures by indicator and area (by id), then period. Filter by `indicator`, `area`,
    `period`, `provenance` and `status`; `current=false` gives the figures since restated.
    Without a token, final figures only."""
    qs = _observations(request)
    qs = qs if filters.include_archived else qs.filter(archived_on__isnull=True)
    qs = qs.filter(is_current=filters.current)
    if filters.indicator:
        qs = qs.filter(indicator_id=filters.indicator)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.period:
        qs = qs.filter(period__code=_period_code(filters.period, status=400))
    if filters.provenance:
        qs = qs.filter(provenance=filters.provenance)
    if filters.status:
        qs = qs.filter(status=filters.status)
    # Along the (indicator, area, period) index: a page is read, not sorted, however many.
    qs = qs.order_by("indicator_id", "area_id", "period__start", "breakdown", "pk")
    return paginate(request, qs, filters, lambda rows: [_out(o) for o in rows])


@router.get(
    "/{observation_id}",
    response={200: ObservationOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="observations-detail",
)
def get_observation(request: HttpRequest, response: HttpResponse, observation_id: PathId):
    """One figure, with its `ETag`."""
    return _respond(request, response, _observations(request).get(pk=observation_id))


REFS = {
    "indicator_id": ("indicator", Indicator.objects.live()),
    "area_id": ("area", Area.objects.live()),
}


@router.post(
    "", response={200: ObservationOut, 201: ObservationOut, **CREATE_ERRORS}, auth=write_auth
)
def record_observation(request: HttpRequest, response: HttpResponse, payload: ObservationIn):
    """Record a figure (partnership managers). If a figure already stands for the indicator,
    area, period and breakdown it is restated (a locked one needs `reason`): 201 with the new
    figure. Sending the figure that already stands changes nothing: 200 with it."""
    require_perm(request, "observations.add_observation")
    data = payload.model_dump()
    reason = data.pop("reason")
    fields = resolve(data, REFS)
    _period_code(fields["period"], status=422)
    fields["period"] = period_for(fields["period"])
    standing = (
        Observation.objects.current()
        .filter(
            indicator=fields["indicator"],
            period=fields["period"],
            area=fields["area"],
            breakdown=fields["breakdown"].strip(),
        )
        .values_list("pk", flat=True)
        .first()
    )
    o = _saving(lambda: observation_record(fields=fields, reason=reason, by=caller(request)))
    response["Location"] = reverse("api:observations-detail", kwargs={"observation_id": o.pk})
    return Status(200 if o.pk == standing else 201, _respond(request, response, o))


@router.post(
    "/{observation_id}/restate",
    response={201: ObservationOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def restate_observation(
    request: HttpRequest,
    response: HttpResponse,
    observation_id: PathId,
    payload: RestateIn,
    if_match: IfMatch,
):
    """Restate a current figure (partnership managers): send the reason and what changes. The
    figure is kept, marked `is_current: false`; the answer is the new figure, at its own
    `Location`. Needs `If-Match`."""
    o = _observations(request).get(pk=observation_id)
    require_perm(request, "observations.change_observation", o)
    version = expected_version(if_match, o)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason")
    for name in ("status", "suppressed", "provenance"):
        if name in data and data[name] is None:
            raise ApiProblem(
                422, "The request has errors: see each field.", errors={name: ["Cannot be null."]}
            )
    for name in ("suppression_reason", "commentary", "source"):
        if name in data and data[name] is None:
            data[name] = ""
    new = _saving(
        lambda: observation_restate(
            observation=o, changes=data, reason=reason, expected_version=version, by=caller(request)
        )
    )
    response["Location"] = reverse("api:observations-detail", kwargs={"observation_id": new.pk})
    return Status(201, _respond(request, response, new))


@router.post(
    "/{observation_id}/archive",
    response={200: ObservationOut, **UPDATE_ERRORS},
    auth=write_auth,
)
def archive_observation(
    request: HttpRequest,
    response: HttpResponse,
    observation_id: PathId,
    payload: ArchiveIn,
    if_match: IfMatch,
):
    """Archive a current figure recorded in error, with the reason; an earlier figure it
    restated stands again. A wrong figure is restated instead. Needs `If-Match`."""
    o = _observations(request).get(pk=observation_id)
    require_perm(request, "observations.archive_observation", o)
    version = expected_version(if_match, o)
    archived = _saving(
        lambda: observation_archive(
            observation=o, reason=payload.reason, expected_version=version, by=caller(request)
        )
    )
    return _respond(request, response, archived)


# --- Imports ----------------------------------------------------------------------------------


class ProblemRow(Schema):
    row: int | None = Field(description="The row as a spreadsheet numbers it (header = 1).")
    column: str
    problem: str


class ImportOut(Meta):
    id: int
    filename: str
    layout: str = Field(description="accord (the template) or fingertips; empty until read.")
    status: ImportStatus
    load_good_rows: bool
    rows_total: int
    rows_done: int = Field(description="Rows checked so far.")
    percent_done: int
    rows_loaded: int
    rows_rejected: int
    problems: list[ProblemRow] = Field(description="The first problems found, by row.")
    problems_truncated: bool
    rejects_url: str | None = Field(description="The rejected rows as CSV, with a problem column.")
    created_by: str | None
    finished_on: dt.datetime | None


def _import_out(request: HttpRequest, b: ImportBatch) -> dict[str, Any]:
    problems = b.problems or []
    return {
        "id": b.pk,
        "filename": b.filename,
        "layout": b.layout,
        "status": b.status,
        "load_good_rows": b.load_good_rows,
        "rows_total": b.rows_total,
        "rows_done": b.rows_done,
        "percent_done": b.percent_done,
        "rows_loaded": b.rows_loaded,
        "rows_rejected": b.rows_rejected,
        "problems": problems[:MAX_API_PROBLEMS],
        "problems_truncated": len(problems) > MAX_API_PROBLEMS,
        "rejects_url": request.build_absolute_uri(
            reverse("observations:import-rejects", args=[b.pk])
        )
        if b.rejects_file
        else None,
        "created_by": b.created_by.username if b.created_by else None,
        "finished_on": b.finished_on,
        **meta(b),
    }


def _problem_errors(b: ImportBatch) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for p in (b.problems or [])[:MAX_API_PROBLEMS]:
        where = f"row {p['row']}" if p.get("row") else "file"
        if p.get("column"):
            where = f"{where}: {p['column']}"
        errors.setdefault(where, []).append(p["problem"])
    return errors


@imports_router.post(
    "",
    response={201: ImportOut, 400: ProblemOut, 401: ProblemOut, 403: ProblemOut, 422: ProblemOut},
    auth=write_auth,
)
def create_import(
    request: HttpRequest,
    response: HttpResponse,
    file: File[UploadedFile],
    load_good_rows: bool = False,
):
    """Import a file of figures (partnership managers): CSV or XLSX, in the Accord template or
    a Fingertips data export, sent as multipart field `file`. With `load_good_rows=true` the
    good rows are loaded and the rejects come back as a file; otherwise a file with any bad row
    is refused whole. Small files are imported at once (201 with the result, or 422 listing
    every problem as `row N: column`); larger ones in the background (201, status `queued`)."""
    require_perm(request, "observations.add_importbatch")
    limit = settings.ACCORD_MAX_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise ApiProblem(
            422,
            "The file is too large.",
            errors={"file": [f"The file must be smaller than {limit // 2**20} MB."]},
        )
    batch = import_upload(
        upload=file,
        filename=file.name or "upload.csv",
        load_good_rows=load_good_rows,
        by=caller(request),
    )
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch.pk)
    location = reverse("api:imports-detail", kwargs={"import_id": batch.pk})
    if batch.status in (ImportStatus.REJECTED, ImportStatus.FAILED):
        raise ApiProblem(
            422,
            f"The file was not imported: nothing was loaded (import {batch.pk}). "
            "Each problem is named by row and column.",
            errors=_problem_errors(batch),
            headers={"Location": location},
        )
    response["Location"] = location
    return Status(201, _import_out(request, batch))


@imports_router.get(
    "/{import_id}",
    response={200: ImportOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="imports-detail",
)
def get_import(request: HttpRequest, import_id: PathId):
    """An import's progress and outcome: status, rows checked and loaded, and its problems.
    Seen by whoever loaded it and partnership managers."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=import_id)
    if not selectors.can_see_batch(caller(request), batch):
        raise ImportBatch.DoesNotExist
    return _import_out(request, batch)
