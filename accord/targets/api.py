"""/api/v1/targets: what the partnership aims for, per indicator, period and area.

Targets are public. A revision at the annual refresh (`POST /targets/{id}/revise`) archives the
target and answers with the new one, which names the old in `revision_of_id`. Illustrative
targets carry `provenance: illustrative` and `is_illustrative: true`."""

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Query, Router, Status

from accord.areas.models import Area, AreaGroup
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
from accord.indicators.models import Indicator, Provenance
from accord.indicators.periods import PeriodError, parse_period
from accord.targets.models import Target, TargetKind
from accord.targets.services import target_archive, target_create, target_revise

router = Router(tags=["targets"])

T = TypeVar("T")

PeriodText = Annotated[CleanText, Field(min_length=1, max_length=40)]
Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e15, le=1e15)]
# Service errors name model fields; the API names references with `_id`.
API_FIELDS = {"indicator": "indicator_id", "area": "area_id", "area_group": "area_group_id"}


class TargetOut(Meta):
    id: int
    indicator_id: int
    indicator_code: str
    period: str = Field(description="The target period's code, e.g. 2010/11.")
    period_start: dt.date
    period_end: dt.date
    area_id: int | None = Field(description="The area the target is for (or null: a group).")
    area_group_id: int | None = Field(description="The group of areas it is for, if not an area.")
    value: float
    baseline_value: float | None
    baseline_period: str | None = Field(description="The baseline period's code.")
    kind: TargetKind
    provenance: Provenance = Field(description="real, or illustrative/synthetic: not agreed.")
    is_illustrative: bool = Field(description="True when nobody agreed this target.")
    revision_of_id: int | None = Field(description="The earlier target this one revised.")
    revised_by_id: int | None = Field(description="The later target that revised this one.")
    revision_reason: str = Field(description="Why the earlier target was revised.")
    notes: str


TargetPage = page_schema(TargetOut, "TargetPage")


class TargetIn(InputSchema):
    indicator_id: Id
    period: PeriodText = Field(..., description="e.g. 2010/11, 2010, 2010/11 Q3.")
    area_id: Id | None = Field(None, description="The area; or give area_group_id instead.")
    area_group_id: Id | None = Field(None, description="A named group of areas.")
    value: Number
    baseline_value: Number | None = None
    baseline_period: PeriodText | None = Field(None, description="Before the target period.")
    kind: TargetKind = TargetKind.LOCAL
    provenance: Provenance = Provenance.REAL
    notes: CleanText = ""
    source: CleanText = ""


class TargetRevisionIn(InputSchema):
    reason: Annotated[CleanText, Field(min_length=1, max_length=2000)] = Field(
        ..., description="Why the target is being revised; kept beside the earlier target."
    )
    indicator_id: Id | None = Field(None, description="Swap the indicator.")
    period: PeriodText | None = None
    value: Number | None = None
    baseline_value: Number | None = None
    baseline_period: PeriodText | None = None
    kind: TargetKind | None = None
    provenance: Provenance | None = None
    notes: CleanText | None = None
    source: CleanText | None = None


class TargetFilters(ListParams):
    indicator: Id | None = Field(None, description="Only targets for this indicator.")
    area: Id | None = Field(None, description="Only targets for this area.")
    area_group: Id | None = Field(None, description="Only targets for this group of areas.")
    period: Annotated[CleanText, Field(max_length=40)] | None = Field(
        None, description="Only targets for this period, e.g. 2010/11."
    )
    kind: TargetKind | None = None
    provenance: Provenance | None = None


def _targets() -> QuerySet[Target]:
    return Target.objects.select_related(
        "indicator", "period", "baseline_period", "revised_by"
    ).order_by("indicator__code", "period__start", "pk")


def _revised_by_id(t: Target) -> int | None:
    try:
        return t.revised_by.pk  # type: ignore[attr-defined]
    except Target.DoesNotExist:
        return None


def _target_out(t: Target) -> dict[str, Any]:
    return {
        "id": t.pk,
        "indicator_id": t.indicator_id,
        "indicator_code": t.indicator.code,
        "period": t.period.code,
        "period_start": t.period.start,
        "period_end": t.period.end,
        "area_id": t.area_id,
        "area_group_id": t.area_group_id,
        "value": t.value,
        "baseline_value": t.baseline_value,
        "baseline_period": t.baseline_period.code if t.baseline_period else None,
        "kind": t.kind,
        "provenance": t.provenance,
        "is_illustrative": t.is_illustrative,
        "revision_of_id": t.revision_of_id,
        "revised_by_id": _revised_by_id(t),
        "revision_reason": t.revision_reason,
        "notes": t.notes,
        **meta(t),
    }


def _respond(response: HttpResponse, t: Target) -> dict[str, Any]:
    t = _targets().get(pk=t.pk)
    with_etag(response, t)
    return _target_out(t)


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
        raise ApiProblem(422, "The target was not saved: see each field.", errors=errors) from None


REFS = {
    "indicator_id": ("indicator", Indicator.objects.live()),
    "area_id": ("area", Area.objects.live()),
    "area_group_id": ("area_group", AreaGroup.objects.live()),
}


@router.get("", response={200: TargetPage, **LIST_ERRORS}, auth=read_auth, url_name="targets-list")
def list_targets(request: HttpRequest, filters: Query[TargetFilters]):
    """Targets by indicator and period. Filter by `indicator`, `area`, `area_group`, `period`,
    `kind` and `provenance`; revised and archived targets only with `include_archived`."""
    qs = live_unless_asked(_targets(), filters)
    if filters.indicator:
        qs = qs.filter(indicator_id=filters.indicator)
    if filters.area:
        qs = qs.filter(area_id=filters.area)
    if filters.area_group:
        qs = qs.filter(area_group_id=filters.area_group)
    if filters.period:
        try:
            code = parse_period(filters.period).code
        except PeriodError as error:
            raise ApiProblem(
                400, "One or more query parameters are not valid.", errors={"period": [str(error)]}
            ) from None
        qs = qs.filter(period__code=code)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.provenance:
        qs = qs.filter(provenance=filters.provenance)
    return paginate(request, qs, filters, lambda rows: [_target_out(t) for t in rows])


@router.get(
    "/{target_id}",
    response={200: TargetOut, **DETAIL_ERRORS},
    auth=read_auth,
    url_name="targets-detail",
)
def get_target(request: HttpRequest, response: HttpResponse, target_id: PathId):
    """One target, with its `ETag`."""
    return _respond(response, _targets().get(pk=target_id))


@router.post("", response={201: TargetOut, **CREATE_ERRORS}, auth=write_auth)
def create_target(request: HttpRequest, response: HttpResponse, payload: TargetIn):
    """Set a target (partnership managers): for one indicator, period, and one area or one
    group of areas. The baseline period comes before the target period; values lie within the
    indicator's limits."""
    require_perm(request, "targets.add_target")
    fields = resolve(payload.model_dump(), REFS)
    t = _saving(lambda: target_create(fields=fields, by=caller(request)))
    response["Location"] = reverse("api:targets-detail", kwargs={"target_id": t.pk})
    return Status(201, _respond(response, t))


@router.post("/{target_id}/revise", response={201: TargetOut, **UPDATE_ERRORS}, auth=write_auth)
def revise_target(
    request: HttpRequest,
    response: HttpResponse,
    target_id: PathId,
    payload: TargetRevisionIn,
    if_match: IfMatch,
):
    """Revise a target at the annual refresh (partnership managers): send the reason and what
    changes (value, baseline, period, or a different indicator). The target is archived as
    "Revised: <reason>" and the answer is the new target, at its own `Location`. Needs
    `If-Match`."""
    target = _targets().get(pk=target_id)
    require_perm(request, "targets.change_target", target)
    version = expected_version(if_match, target)
    data = payload.model_dump(exclude_unset=True)
    reason = data.pop("reason")
    for name in ("indicator_id", "period", "value", "kind", "provenance", "notes", "source"):
        if name in data and data[name] is None:
            raise ApiProblem(
                422, "The request has errors: see each field.", errors={name: ["Cannot be null."]}
            )
    changes = resolve(data, REFS)
    new = _saving(
        lambda: target_revise(
            target=target,
            changes=changes,
            reason=reason,
            expected_version=version,
            by=caller(request),
        )
    )
    response["Location"] = reverse("api:targets-detail", kwargs={"target_id": new.pk})
    return Status(201, _respond(response, new))


@router.post("/{target_id}/archive", response={200: TargetOut, **UPDATE_ERRORS}, auth=write_auth)
def archive_target(
    request: HttpRequest,
    response: HttpResponse,
    target_id: PathId,
    payload: ArchiveIn,
    if_match: IfMatch,
):
    """Archive a target set in error, with the reason (a changed target is revised instead).
    Needs `If-Match`."""
    target = _targets().get(pk=target_id)
    require_perm(request, "targets.archive_target", target)
    version = expected_version(if_match, target)
    archived = _saving(
        lambda: target_archive(
            target=target, reason=payload.reason, expected_version=version, by=caller(request)
        )
    )
    return _respond(response, archived)
