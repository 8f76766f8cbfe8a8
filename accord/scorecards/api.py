"""/api/v1/scorecards: the assessment behind the scorecards, read-only.

Each scorecard is a list of rows, one per indicator and area: the latest figure and its
provenance, the target (and whether it is illustrative), RAG, direction of travel, forecast and
benchmarks, with the rules as the performance pages state them. Anonymous callers see final
figures only; a token shows provisional figures too."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.common.api import Id, PathId, ProblemOut, caller, read_auth
from accord.common.querysets import today
from accord.scorecards import rules, selectors

router = Router(tags=["scorecards"])
ERRORS = {400: ProblemOut, 401: ProblemOut, 404: ProblemOut}

Rag = Annotated[
    str,
    Field(
        description=(
            "green, amber, red, no_target, no_data_due, data_late, no_data or not_judged (an "
            "indicator with no polarity)."
        )
    ),
]
AsOf = Annotated[
    dt.date | None,
    Field(
        None,
        ge=dt.date(1900, 1, 1),
        le=dt.date(2100, 12, 31),
        description=(
            "Assess as at this day: figures for periods ended by then, reporting the financial "
            "quarter last ended. Default today."
        ),
    ),
]


class AsOfParams(Schema):
    as_of: AsOf = None


class ExceptionParams(AsOfParams):
    body: Id | None = Field(None, description="Only this body's scorecard.")


class AssessmentOut(Schema):
    indicator_id: int
    indicator_code: str
    indicator_title: str
    area_id: int
    area_name: str
    period_code: str | None = Field(description="The period of the latest figure.")
    value: float | None
    ci_lower: float | None = Field(description="Lower 95% confidence limit.")
    ci_upper: float | None = Field(description="Upper 95% confidence limit.")
    status: str | None = Field(description="provisional or final.")
    provenance: str | None = Field(description="real, illustrative or synthetic.")
    is_illustrative: bool = Field(
        description="The figure or its target is not a published figure or an agreed target."
    )
    target_value: float | None
    target_period_code: str | None
    target_illustrative: bool
    rag: Rag
    rag_label: str
    direction_previous: str = Field(
        description="improving, worsening, no_change or not_comparable, against the previous "
        "period."
    )
    previous_value: float | None
    direction_year: str = Field(description="The same, against the same period a year earlier.")
    year_earlier_value: float | None
    forecast_value: float | None
    forecast_method: str
    forecast_status: str = Field(description="on_track, at_risk, off_track or no_forecast.")
    final_target_value: float | None
    final_target_period_code: str | None
    england_value: float | None
    region_value: float | None
    comparator_value: float | None = Field(description="Median of the comparator group.")
    comparator_count: int
    benchmark_area_id: int | None = Field(
        description="The area significance is tested against: England, or the authority for "
        "an area within one."
    )
    benchmark_value: float | None
    significance: str = Field(description="better, similar, worse or not_compared.")
    gap: float | None = Field(
        description="How much worse than the benchmark, as a share of it (negative: better)."
    )
    quartile: int | None = Field(description="1 to 4 among areas of the same level, 1 best.")
    exceptions: list[str]
    why: list[str] = Field(description="On a body's scorecard: why the indicator is on it.")


class SourceOut(Schema):
    source: str
    indicator_codes: list[str]


class ScorecardOut(Schema):
    title: str
    as_of: dt.date
    reporting_start: dt.date = Field(description="The first day of the quarter reported.")
    reporting_end: dt.date
    area_id: int | None
    area_name: str | None
    rows: list[AssessmentOut]
    sources: list[SourceOut]
    rules: dict[str, str]


def _row(r: selectors.Row) -> dict[str, Any]:
    a = r.a
    return {
        "indicator_id": a.indicator_id,
        "indicator_code": r.indicator.code,
        "indicator_title": r.indicator.title,
        "area_id": a.area_id,
        "area_name": r.area.name,
        "period_code": a.period_code,
        "value": a.value,
        "ci_lower": a.ci_lower,
        "ci_upper": a.ci_upper,
        "status": a.status,
        "provenance": a.provenance,
        "is_illustrative": r.is_illustrative,
        "target_value": a.target_value,
        "target_period_code": a.target_period_code,
        "target_illustrative": a.target_illustrative,
        "rag": a.rag,
        "rag_label": r.rag_label,
        "direction_previous": a.direction_previous,
        "previous_value": a.previous_value,
        "direction_year": a.direction_year,
        "year_earlier_value": a.year_earlier_value,
        "forecast_value": a.forecast_value,
        "forecast_method": a.forecast_method,
        "forecast_status": a.forecast_status,
        "final_target_value": a.final_target_value,
        "final_target_period_code": a.final_target_period_code,
        "england_value": a.england_value,
        "region_value": a.region_value,
        "comparator_value": a.comparator_value,
        "comparator_count": a.comparator_count,
        "benchmark_area_id": a.benchmark_area_id,
        "benchmark_value": a.benchmark_value,
        "significance": a.significance,
        "gap": a.gap,
        "quartile": a.quartile,
        "exceptions": r.exceptions,
        "why": r.why,
    }


RULES = {
    "direction": rules.DIRECTION_RULE,
    "significance": rules.SIGNIFICANCE_RULE,
    "quartile": rules.QUARTILE_RULE,
}


def _card(card: selectors.Scorecard) -> dict[str, Any]:
    return {
        "title": card.title,
        "as_of": card.as_of,
        "reporting_start": card.reporting.start,
        "reporting_end": card.reporting.end,
        "area_id": card.area.pk if card.area else None,
        "area_name": card.area.name if card.area else None,
        "rows": [_row(r) for r in card.rows],
        "sources": [{"source": s["source"], "indicator_codes": s["codes"]} for s in card.sources],
        "rules": RULES,
    }


@router.get(
    "/bodies/{body_id}",
    response={200: ScorecardOut, **ERRORS},
    auth=read_auth,
    url_name="scorecards-body",
)
def body_scorecard(request: HttpRequest, body_id: PathId, params: Query[AsOfParams]):
    """A body's scorecard: the indicators of the outcomes it and the bodies reporting to it
    lead or contribute to (and those beneath them), and those they own, for its area."""
    user = caller(request)
    body = selectors.body_with_area(pk=body_id, user=user)
    return _card(selectors.scorecard_for_body(body, params.as_of or today(), user))


@router.get(
    "/outcomes/{commitment_id}",
    response={200: ScorecardOut, **ERRORS},
    auth=read_auth,
    url_name="scorecards-outcome",
)
def outcome_scorecard(request: HttpRequest, commitment_id: PathId, params: Query[AsOfParams]):
    """The scorecard of a commitment or outcome: the indicators measuring it or the outcomes
    beneath it, for its strategy's area."""
    user = caller(request)
    commitment = selectors.commitment_with_area(pk=commitment_id, user=user)
    return _card(selectors.scorecard_for_outcome(commitment, params.as_of or today(), user))


@router.get(
    "/areas/{area_id}",
    response={200: ScorecardOut, **ERRORS},
    auth=read_auth,
    url_name="scorecards-area",
)
def area_scorecard(request: HttpRequest, area_id: PathId, params: Query[AsOfParams]):
    """An area's scorecard: every indicator in use that is published for it."""
    area = Area.objects.select_related("parent", "parent__parent", "parent__parent__parent").get(
        pk=area_id
    )
    return _card(selectors.scorecard_for_area(area, params.as_of or today(), caller(request)))


@router.get(
    "/exceptions",
    response={200: ScorecardOut, **ERRORS},
    auth=read_auth,
    url_name="scorecards-exceptions",
)
def exception_report(request: HttpRequest, params: Query[ExceptionParams]):
    """The rows that are red, late, off track for the final target or worsening, across the
    partnership's areas (or one body's scorecard), the most exceptional first."""
    user = caller(request)
    body: Body | None = None
    if params.body is not None:
        body = selectors.body_with_area(pk=params.body, user=user)
    return _card(selectors.exceptions(params.as_of or today(), user, body=body))


class FocusIndicatorOut(Schema):
    indicator_id: int
    indicator_code: str
    indicator_title: str
    period_code: str | None
    benchmark: AssessmentOut | None = Field(description="The borough's own row.")
    areas: list[AssessmentOut] = Field(description="The areas within it, best first.")


class FocusAreaOut(Schema):
    area_id: int
    area_name: str
    rank: int
    significantly_worse: list[int] = Field(description="Indicator ids.")
    worse_not_tested: list[int] = Field(description="Worse, but with no interval to test.")
    mean_gap: float | None


class FocusOut(Schema):
    area_id: int | None
    area_name: str | None
    as_of: dt.date
    areas: list[FocusAreaOut]
    indicators: list[FocusIndicatorOut]
    rules: dict[str, str]


@router.get(
    "/focus",
    response={200: FocusOut, **ERRORS},
    auth=read_auth,
    url_name="scorecards-focus",
)
def focus(request: HttpRequest, params: Query[AsOfParams]):
    """Where below the borough to focus: each area within it against the borough for every
    indicator with figures there, and the areas ranked by how many indicators are significantly
    worse, then by their average gap."""
    result = selectors.focus(params.as_of or today(), caller(request))
    return {
        "area_id": result.area.pk if result.area else None,
        "area_name": result.area.name if result.area else None,
        "as_of": result.as_of,
        "areas": [
            {
                "area_id": f.area.pk,
                "area_name": f.area.name,
                "rank": i,
                "significantly_worse": [r.indicator.pk for r in f.significantly_worse],
                "worse_not_tested": [r.indicator.pk for r in f.worse_unjudged],
                "mean_gap": f.mean_gap,
            }
            for i, f in enumerate(result.areas, start=1)
        ],
        "indicators": [
            {
                "indicator_id": item.indicator.pk,
                "indicator_code": item.indicator.code,
                "indicator_title": item.indicator.title,
                "period_code": item.period_code,
                "benchmark": _row(item.borough) if item.borough else None,
                "areas": [_row(r) for r in item.rows],
            }
            for item in result.indicators
        ],
        "rules": {"significance": rules.SIGNIFICANCE_RULE, "ranking": FOCUS_RANKING},
    }


FOCUS_RANKING = (
    "Areas with more indicators significantly worse than the borough first; then the larger "
    "average gap (how much worse than the borough, as a share of its figure)."
)
