"""Indicator library pages: the filtered list, an indicator with its outcomes, targets and
history, and the forms (add, edit, archive, adopt, retire). Views stay thin: form → one
service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.common.editing import expected_version, run_form
from accord.common.pages import RecordPages, paginate, require_perm
from accord.common.selectors import history_for
from accord.indicators import rules, selectors, services
from accord.indicators.forms import AdoptForm, IndicatorFilterForm, IndicatorForm, RetireForm
from accord.indicators.models import Indicator

LIST_URL = reverse_lazy("indicators:list")
LIST_LABEL = "Indicators"

PAGES = RecordPages(
    model=Indicator,
    form=IndicatorForm,
    noun="indicator",
    a_noun="an indicator",
    list_label=LIST_LABEL,
    list_url=LIST_URL,
    create_service=services.indicator_create,
    update_service=services.indicator_update,
    archive_service=services.indicator_archive,
    archive_intro=(
        "Archive an indicator added by mistake. An indicator that was used and then "
        "stopped should be retired or replaced instead, so that its figures keep their "
        "meaning. Its page and history stay readable."
    ),
)


def indicator_list(request):
    user = request.user
    form = IndicatorFilterForm(
        request.GET or None,
        themes=selectors.theme_choices(),
        outcomes=selectors.outcome_choices(user),
        bodies=selectors.owning_body_choices(user),
    )
    filters = form.filters() if form.is_valid() else {}
    page, page_range = paginate(request, selectors.indicator_list(user=user, **filters))
    return render(
        request,
        "indicators/list.html",
        {
            "page_title": LIST_LABEL,
            "breadcrumbs": [(LIST_LABEL, None)],
            "filter_form": form,
            "filtered": bool(filters) and any(form.cleaned_data.values()),
            "page": page,
            "page_range": page_range,
            "can_add": user.has_perm("indicators.add_indicator"),
        },
    )


def indicator_detail(request, pk: int):
    try:
        page = selectors.indicator_detail(pk=pk, user=request.user)
    except Indicator.DoesNotExist:
        raise Http404("No such indicator") from None
    indicator = page.indicator
    user = request.user
    live = not indicator.is_archived
    return render(
        request,
        "indicators/detail.html",
        {
            "page_title": f"{indicator.code} {indicator.display_title}",
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (indicator.code, None)],
            "indicator": indicator,
            "page": page,
            "history": history_for(indicator),
            "can_change": live and user.has_perm("indicators.change_indicator", indicator),
            "can_archive": live and user.has_perm("indicators.archive_indicator", indicator),
            "can_adopt": live
            and rules.can_adopt(indicator.status)
            and user.has_perm("indicators.change_indicator", indicator),
            "can_retire": live
            and rules.can_retire(indicator.status)
            and indicator.status != "reference"
            and user.has_perm("indicators.change_indicator", indicator),
        },
    )


@login_required
def indicator_create(request):
    return PAGES.create(request)


@login_required
def indicator_edit(request, pk: int):
    return PAGES.edit(request, pk)


@login_required
def indicator_archive(request, pk: int):
    return PAGES.archive(request, pk)


def _crumbs(indicator: Indicator, last: str) -> list:
    return [
        (LIST_LABEL, LIST_URL),
        (indicator.code, indicator.get_absolute_url()),
        (last, None),
    ]


def _editable(request, pk: int) -> Indicator:
    indicator = get_object_or_404(Indicator, pk=pk)
    require_perm(request, "indicators.change_indicator", indicator)
    return indicator


@login_required
def indicator_adopt(request, pk: int):
    indicator = _editable(request, pk)
    if indicator.is_archived or not rules.can_adopt(indicator.status):
        messages.info(request, "Only a live indicator in the reference library can be adopted.")
        return redirect(indicator)
    form = AdoptForm(request.POST or None, instance=indicator)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Adopt {indicator.code} for use",
            "caption": indicator.display_title,
            "intro": "Adopting puts the indicator into use: it gets a lead officer who "
            "submits its figures, a body that answers for it, and the outcomes it measures.",
            "submit_label": "Adopt indicator",
            "cancel_url": indicator.get_absolute_url(),
            "breadcrumbs": _crumbs(indicator, "Adopt"),
        },
        save=lambda f: services.indicator_adopt(
            indicator=indicator,
            lead_officer=f.cleaned_data["lead_officer"],
            owning_body=f.cleaned_data["owning_body"],
            outcomes=f.cleaned_data["outcomes"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Indicator adopted for use.",
    )


@login_required
def indicator_retire(request, pk: int):
    indicator = _editable(request, pk)
    if indicator.is_archived or not rules.can_retire(indicator.status):
        messages.info(request, "This indicator is already retired or replaced.")
        return redirect(indicator)
    form = RetireForm(request.POST or None, instance=indicator)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Retire or replace {indicator.code}",
            "caption": indicator.display_title,
            "intro": "A retired or replaced indicator leaves use but keeps its figures, "
            "targets and history. When another indicator replaces it, name that one so the "
            "chain can be followed.",
            "submit_label": "Save",
            "cancel_url": indicator.get_absolute_url(),
            "breadcrumbs": _crumbs(indicator, "Retire or replace"),
        },
        save=lambda f: services.indicator_retire(
            indicator=indicator,
            status=f.cleaned_data["status"],
            on=f.cleaned_data["status_on"],
            reason=f.cleaned_data["status_reason"],
            replaced_by=f.cleaned_data.get("replaced_by"),
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Indicator retired."
        if request.POST.get("status") == "retired"
        else "Indicator replaced.",
    )
