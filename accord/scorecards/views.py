"""Performance pages: the hub, scorecards by body, outcome and area, the exception report and
the focus page, each as a page and as an xlsx workbook. Views are thin: the selectors shape
every read; these pick the subject and the as-of day."""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.text import slugify

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.querysets import today
from accord.indicators.models import Indicator, IndicatorStatus
from accord.indicators.selectors import visible_outcomes
from accord.meetings.selectors import next_meeting_for
from accord.scorecards import charts, exports, rules, selectors
from accord.scorecards.forms import as_of_from
from accord.strategies.models import Commitment

INDEX_LABEL = "Performance"


def _crumbs(*more: tuple[str, str | None]) -> list:
    return [(INDEX_LABEL, reverse("scorecards:index")), *more]


def _query(on: dt.date) -> str:
    return f"?as_of={on.isoformat()}"


def _xlsx(card: selectors.Scorecard, heading: str, name: str) -> HttpResponse:
    response = HttpResponse(exports.workbook(card, heading=heading), content_type=exports.XLSX_TYPE)
    filename = f"{slugify(name)[:60] or 'scorecard'}-{card.as_of.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _page(request, card: selectors.Scorecard, *, template: str, **context: Any) -> HttpResponse:
    return render(
        request,
        template,
        {
            "card": card,
            "rules_text": {
                "direction": rules.DIRECTION_RULE,
                "significance": rules.SIGNIFICANCE_RULE,
                "quartile": rules.QUARTILE_RULE,
            },
            **context,
        },
    )


def index(request):
    user = request.user
    on, form = as_of_from(request)
    home = selectors.home_area(user)
    summary = selectors.scorecard_for_area(home, on, user) if home else None
    bodies = list(
        visible_bodies(user)
        .live()
        .filter(
            Q(responsibilities__archived_on__isnull=True)
            | Q(
                indicators_owned__status=IndicatorStatus.IN_USE,
                indicators_owned__archived_on__isnull=True,
            )
        )
        .distinct()
        .order_by("name")
    )
    outcomes = list(
        visible_outcomes(user)
        .filter(indicators__status=IndicatorStatus.IN_USE, indicators__archived_on__isnull=True)
        .distinct()
        .select_related("strategy")
        .order_by("strategy__title", "position", "number")
    )
    return render(
        request,
        "scorecards/index.html",
        {
            "page_title": INDEX_LABEL,
            "breadcrumbs": [(INDEX_LABEL, None)],
            "form": form,
            "on": on,
            "query": _query(on),
            "home": home,
            "summary": summary,
            "bodies": bodies,
            "outcomes": outcomes,
            "areas": selectors.partnership_areas(user),
        },
    )


def _body(request, pk: int) -> Body:
    try:
        return selectors.body_with_area(pk=pk, user=request.user)
    except Body.DoesNotExist:
        raise Http404("No such body") from None


def _next_agenda(request, body: Body):
    """The body's next meeting, when this user may add the exception report to its agenda."""
    if not request.user.has_perm("meetings.add_agendaitem", body):
        return None
    return next_meeting_for(body, after=today())


def body(request, pk: int):
    subject = _body(request, pk)
    on, form = as_of_from(request)
    card = selectors.scorecard_for_body(subject, on, request.user)
    title = f"Scorecard: {subject.name}"
    return _page(
        request,
        card,
        template="scorecards/scorecard.html",
        page_title=title,
        breadcrumbs=_crumbs((subject.name, None)),
        heading=title,
        intro=(
            "The indicators of the outcomes this body, and the bodies reporting to it, lead or "
            "contribute to, and those they own, for its area."
        ),
        form=form,
        xlsx_url=reverse("scorecards:body-xlsx", args=[pk]) + _query(on),
        show_why=True,
        subject_url=subject.get_absolute_url(),
        subject_label=f"About {subject.name}",
        exceptions_url=reverse("scorecards:exceptions") + _query(on) + f"&body={pk}",
        next_meeting=_next_agenda(request, subject),
    )


def body_xlsx(request, pk: int):
    subject = _body(request, pk)
    on, _ = as_of_from(request)
    card = selectors.scorecard_for_body(subject, on, request.user)
    return _xlsx(card, f"Scorecard: {subject.name}", subject.name)


def _outcome(request, pk: int) -> Commitment:
    try:
        return selectors.commitment_with_area(pk=pk, user=request.user)
    except Commitment.DoesNotExist:
        raise Http404("No such outcome") from None


def outcome(request, pk: int):
    subject = _outcome(request, pk)
    on, form = as_of_from(request)
    card = selectors.scorecard_for_outcome(subject, on, request.user)
    title = f"Scorecard: {subject.number}. {subject.title}"
    return _page(
        request,
        card,
        template="scorecards/scorecard.html",
        page_title=title,
        breadcrumbs=_crumbs((f"{subject.number}. {subject.title}", None)),
        heading=title,
        caption=subject.strategy.title,
        intro="The indicators that measure this and the outcomes beneath it.",
        form=form,
        xlsx_url=reverse("scorecards:outcome-xlsx", args=[pk]) + _query(on),
        subject_url=subject.get_absolute_url(),
        subject_label="Its golden thread",
    )


def outcome_xlsx(request, pk: int):
    subject = _outcome(request, pk)
    on, _ = as_of_from(request)
    card = selectors.scorecard_for_outcome(subject, on, request.user)
    return _xlsx(card, f"Scorecard: {subject.number}. {subject.title}", subject.title)


def _area(pk: int) -> Area:
    try:
        return Area.objects.select_related(
            "parent", "parent__parent", "parent__parent__parent"
        ).get(pk=pk)
    except Area.DoesNotExist:
        raise Http404("No such area") from None


def area(request, pk: int):
    subject = _area(pk)
    on, form = as_of_from(request)
    card = selectors.scorecard_for_area(subject, on, request.user)
    title = f"Scorecard: {subject.name}"
    return _page(
        request,
        card,
        template="scorecards/scorecard.html",
        page_title=title,
        breadcrumbs=_crumbs((subject.name, None)),
        heading=title,
        caption=subject.get_kind_display(),
        intro="Every indicator in use that is published for this area.",
        form=form,
        xlsx_url=reverse("scorecards:area-xlsx", args=[pk]) + _query(on),
        subject_url=subject.get_absolute_url(),
        subject_label=f"About {subject.name}",
    )


def area_xlsx(request, pk: int):
    subject = _area(pk)
    on, _ = as_of_from(request)
    card = selectors.scorecard_for_area(subject, on, request.user)
    return _xlsx(card, f"Scorecard: {subject.name}", subject.name)


def _exception_body(request) -> Body | None:
    raw = request.GET.get("body", "")
    if not raw.isdigit():
        return None
    return _body(request, int(raw))


def exceptions(request):
    subject = _exception_body(request)
    on, form = as_of_from(request)
    card = selectors.exceptions(on, request.user, body=subject)
    title = f"Exceptions: {subject.name}" if subject else "Exception report"
    query = _query(on) + (f"&body={subject.pk}" if subject else "")
    return _page(
        request,
        card,
        template="scorecards/scorecard.html",
        page_title=title,
        breadcrumbs=_crumbs((title, None)),
        heading=title,
        intro=(
            "Indicators that are red against target, whose data is late, that are off track "
            "for their final target, or that are worsening, the most exceptional first."
        ),
        form=form,
        hidden={"body": subject.pk} if subject else {},
        xlsx_url=reverse("scorecards:exceptions-xlsx") + query,
        show_exceptions=True,
        show_area=True,
        empty="Nothing is exceptional: no indicator is red, late, off track or worsening.",
    )


def exceptions_xlsx(request):
    subject = _exception_body(request)
    on, _ = as_of_from(request)
    card = selectors.exceptions(on, request.user, body=subject)
    title = f"Exceptions: {subject.name}" if subject else "Exception report"
    return _xlsx(card, title, title)


def _focus_chart(item: selectors.FocusIndicator, area: Area) -> str:
    ind = item.indicator
    return charts.caterpillar_chart(
        chart_id=f"focus-{ind.pk}",
        title=f"{ind.code} {ind.display_title}: areas against {area.name}, {item.period_code}",
        points=[
            charts.Point(r.area.name, r.a.value, r.a.ci_lower, r.a.ci_upper, r.a.significance)
            for r in item.rows
        ],
        benchmark=item.borough.a.value if item.borough else None,
        benchmark_label=area.name,
        unit=ind.unit,
        places=ind.decimal_places,
    )


def focus(request):
    on, form = as_of_from(request)
    # The page shows where areas stand against the borough, not how they move.
    result = selectors.focus(on, request.user, trend=False)
    return render(
        request,
        "scorecards/focus.html",
        {
            "page_title": "Where to focus",
            "breadcrumbs": _crumbs(("Where to focus", None)),
            "focus": result,
            "form": form,
            "on": on,
            "query": _query(on),
            "xlsx_url": reverse("scorecards:focus-xlsx") + _query(on),
            "rules_text": {"significance": rules.SIGNIFICANCE_RULE},
        },
    )


def focus_indicator(request, pk: int):
    """One indicator of the focus page: every area within the borough against it, as a
    caterpillar chart with its table."""
    indicator = get_object_or_404(Indicator.objects.all(), pk=pk)
    on, form = as_of_from(request)
    result = selectors.focus(on, request.user, indicator=indicator, trend=False)
    if not result.indicators:
        raise Http404("This indicator has no figures for the areas within the borough.")
    item = result.indicators[0]
    item.chart = _focus_chart(item, result.area)  # type: ignore[attr-defined, arg-type]
    title = f"Where to focus: {indicator.code}"
    return render(
        request,
        "scorecards/focus_indicator.html",
        {
            "page_title": title,
            "breadcrumbs": _crumbs(
                ("Where to focus", reverse("scorecards:focus") + _query(on)), (indicator.code, None)
            ),
            "focus": result,
            "item": item,
            "form": form,
            "on": on,
            "rules_text": {"significance": rules.SIGNIFICANCE_RULE},
        },
    )


def focus_xlsx(request):
    on, _ = as_of_from(request)
    result = selectors.focus(on, request.user)
    rows = [r for item in result.indicators for r in ([item.borough] if item.borough else [])]
    rows += [r for item in result.indicators for r in item.rows]
    card = selectors.Scorecard("Where to focus", on, rows, {})
    if result.area is not None:
        card.areas[result.area.pk] = result.area
    return _xlsx(card, "Where to focus: areas against the borough", "where-to-focus")
