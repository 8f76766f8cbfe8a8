"""Target pages: the list, one target with its revisions, and the forms to set, revise and
archive targets. Views stay thin: form → one service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.common.editing import expected_version, run_form
from accord.common.pages import archive_page, create_page, paginate, require_perm
from accord.common.selectors import history_for
from accord.targets import selectors, services
from accord.targets.forms import TargetFilterForm, TargetForm, TargetReviseForm
from accord.targets.models import Target

LIST_URL = reverse_lazy("targets:list")
LIST_LABEL = "Targets"
FILTERS = ("indicator", "area", "period", "kind", "provenance")


def target_list(request):
    form = TargetFilterForm(request.GET or None)
    filters: dict = {}
    archived = False
    if form.is_valid():
        filters = {k: form.cleaned_data[k] for k in FILTERS if form.cleaned_data[k]}
        for name in ("indicator", "area"):
            if name in filters:
                filters[name] = filters[name].pk
        archived = form.cleaned_data["archived"]
    page, page_range = paginate(
        request, selectors.target_list(**filters, include_archived=archived)
    )
    return render(
        request,
        "targets/list.html",
        {
            "page_title": LIST_LABEL,
            "breadcrumbs": [(LIST_LABEL, None)],
            "filter_form": form,
            "filtered": bool(filters) or archived,
            "page": page,
            "page_range": page_range,
            "can_add": request.user.has_perm("targets.add_target"),
        },
    )


def target_detail(request, pk: int):
    try:
        target = selectors.target_detail(pk)
    except Target.DoesNotExist:
        raise Http404("No such target") from None
    user = request.user
    live = not target.is_archived
    return render(
        request,
        "targets/detail.html",
        {
            "page_title": f"Target: {target.indicator.code}, {target.period.code}",
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (str(target), None)],
            "target": target,
            "chain": selectors.revision_chain(target),
            "history": history_for(target),
            "can_revise": live and user.has_perm("targets.change_target", target),
            "can_archive": live and user.has_perm("targets.archive_target", target),
        },
    )


@login_required
def target_create(request):
    require_perm(request, "targets.add_target")
    title = "Set a target"
    initial = {"kind": "local", "provenance": "real", "indicator": request.GET.get("indicator")}
    return create_page(
        request,
        TargetForm(request.POST or None, initial=initial),
        services.target_create,
        context={
            "page_title": title,
            "caption": LIST_LABEL,
            "intro": "A target is for one indicator, one period and one area or named group "
            "of areas. Mark an example target as illustrative so nobody takes it for an "
            "agreed one.",
            "submit_label": "Set target",
            "cancel_url": LIST_URL,
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (title, None)],
        },
        success_message="Target set.",
    )


def _editable(request, pk: int, perm: str) -> Target:
    target = get_object_or_404(Target.objects.select_related("indicator", "period"), pk=pk)
    require_perm(request, perm, target)
    return target


def _crumbs(target: Target, last: str) -> list:
    return [(LIST_LABEL, LIST_URL), (str(target), target.get_absolute_url()), (last, None)]


@login_required
def target_revise(request, pk: int):
    target = _editable(request, pk, "targets.change_target")
    if target.is_archived:
        messages.info(request, "This target is archived, so it cannot be revised.")
        return redirect(target)
    return run_form(
        request,
        form=TargetReviseForm(request.POST or None, instance=target),
        template="common/form.html",
        context={
            "page_title": f"Revise the target for {target.indicator.code}, {target.period.code}",
            "caption": LIST_LABEL,
            "intro": "The annual refresh may change the value, the baseline or the period, or "
            "swap the indicator. The current target is kept, marked as revised, with your "
            "reason; the new one links back to it.",
            "submit_label": "Revise target",
            "cancel_url": target.get_absolute_url(),
            "breadcrumbs": _crumbs(target, "Revise"),
        },
        save=lambda f: services.target_revise(
            target=target,
            changes=f.cleaned_changes(),
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Target revised. The earlier target is kept below.",
    )


@login_required
def target_archive(request, pk: int):
    target = _editable(request, pk, "targets.archive_target")
    if target.is_archived:
        messages.info(request, "This target is already archived.")
        return redirect(target)
    return archive_page(
        request,
        target,
        services.target_archive,
        context={
            "page_title": f"Archive the target for {target.indicator.code}, {target.period.code}",
            "caption": LIST_LABEL,
            "intro": "Archive a target set in error. A target changed at the annual refresh "
            "should be revised instead, so the change and its reason are kept together. "
            "Its page and history stay readable.",
            "submit_label": "Archive target",
            "cancel_url": target.get_absolute_url(),
            "breadcrumbs": _crumbs(target, "Archive"),
        },
        success_message="Target archived.",
    )
