"""Pages of the collection cycle: a lead officer's "My returns" and submit form; a manager's
rounds, with the returns to approve or send back and the late ones. Views stay thin: form →
one service → redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from accord.collection import rules, selectors, services
from accord.collection.forms import (
    ApproveForm,
    ConfirmForm,
    ReturnSubmitForm,
    RoundOpenForm,
    SendBackForm,
    initial_for,
)
from accord.collection.models import CollectionRound, Return, RoundStatus
from accord.common import querysets
from accord.common.editing import expected_version, run_form
from accord.common.pages import require_perm
from accord.common.selectors import history_for
from accord.common.services import StaleEditError

MINE_URL = reverse_lazy("collection:mine")
MINE_LABEL = "My returns"
ROUNDS_URL = reverse_lazy("collection:rounds")
ROUNDS_LABEL = "Collection rounds"


@login_required
def my_returns(request):
    today = querysets.today()
    user = request.user
    returns = selectors.my_returns(user, today=today)
    outstanding = [r for r in returns if r.status in ("due", "returned")]
    return render(
        request,
        "collection/mine.html",
        {
            "page_title": MINE_LABEL,
            "breadcrumbs": [(MINE_LABEL, None)],
            "today": today,
            "returns": returns,
            "outstanding": outstanding,
            "done": [r for r in returns if r.status not in ("due", "returned")],
            "overdue_count": sum(r.is_overdue for r in returns),
            "returned_count": sum(r.status == "returned" for r in returns),
            "has_person": bool(user.person_id),
            "can_manage": selectors.can_manage(user),
        },
    )


def _return_or_404(request, pk: int) -> Return:
    try:
        return selectors.return_detail(pk, user=request.user, today=querysets.today())
    except Return.DoesNotExist:
        raise Http404("No such return") from None


def _crumbs(request, ret: Return, last: str | None = None) -> list:
    crumbs: list = (
        [(ROUNDS_LABEL, ROUNDS_URL), (ret.round.title, ret.round.get_absolute_url())]
        if selectors.can_manage(request.user)
        else [(MINE_LABEL, MINE_URL)]
    )
    label = f"{ret.indicator.code}, {ret.area.name}"
    if last is None:
        return [*crumbs, (label, None)]
    return [*crumbs, (label, ret.get_absolute_url()), (last, None)]


@login_required
def return_detail(request, pk: int):
    ret = _return_or_404(request, pk)
    user = request.user
    if not user.has_perm("collection.view_return", ret):
        raise PermissionDenied
    decide = ret.status == "submitted" and user.has_perm("collection.approve_return", ret)
    return render(
        request,
        "collection/return.html",
        {
            "page_title": f"Return: {ret.indicator.code}, {ret.area.name}, {ret.round.period.code}",
            "breadcrumbs": _crumbs(request, ret),
            "ret": ret,
            # The recorded figure has its own page and history; naming each one here would
            # cost queries per change.
            "history": history_for(ret, hide={"observation"}),
            "can_submit": user.has_perm("collection.submit_return", ret)
            and rules.can_submit(ret.status, ret.round.status),
            "approve_form": ApproveForm(initial={"version": ret.version}) if decide else None,
            "can_send_back": decide and ret.round.status == RoundStatus.OPEN,
        },
    )


@login_required
def return_submit(request, pk: int):
    ret = _return_or_404(request, pk)
    require_perm(request, "collection.submit_return", ret)
    if not rules.can_submit(ret.status, ret.round.status):
        messages.info(request, "This return can no longer be changed: it is approved or closed.")
        return redirect(ret)
    form = ReturnSubmitForm(request.POST or None, initial=initial_for(ret))
    check = selectors.plausibility(
        indicator=ret.indicator, area_id=ret.area_id, period=ret.round.period
    )
    confirming = bool(form.is_bound and form.data.get("unusual_change_confirmed"))
    return run_form(
        request,
        form=form,
        template="collection/submit.html",
        context={
            "page_title": f"Submit {ret.indicator.code} for {ret.round.period.code}",
            "breadcrumbs": _crumbs(request, ret, "Submit"),
            "ret": ret,
            "check": check,
            "confirming": confirming,
        },
        save=lambda f: services.return_submit(
            ret=ret,
            value=f.cleaned_data["value"],
            numerator=f.cleaned_data["numerator"],
            denominator=f.cleaned_data["denominator"],
            commentary=f.cleaned_data["commentary"],
            unusual_change_confirmed=f.cleaned_data["unusual_change_confirmed"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Figure submitted. The partnership manager will check it.",
        form_class=lambda data, instance: ReturnSubmitForm(data),
    )


@login_required
def return_send_back(request, pk: int):
    ret = _return_or_404(request, pk)
    require_perm(request, "collection.send_back_return", ret)
    return run_form(
        request,
        form=SendBackForm(request.POST or None, initial={"version": ret.version}),
        template="common/form.html",
        context={
            "page_title": f"Send back {ret.indicator.code}, {ret.area.name}",
            "caption": ret.round.title,
            "intro": "The return goes back to its lead officer with your comment, to correct "
            "and submit again. The figure stays provisional until you approve it.",
            "submit_label": "Send back",
            "cancel_url": ret.get_absolute_url(),
            "breadcrumbs": _crumbs(request, ret, "Send back"),
        },
        save=lambda f: services.return_send_back(
            ret=ret,
            comment=f.cleaned_data["comment"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Return sent back to the lead officer.",
        form_class=lambda data, instance: SendBackForm(data),
    )


@login_required
def return_approve(request, pk: int):
    ret = _return_or_404(request, pk)
    require_perm(request, "collection.approve_return", ret)
    return run_form(
        request,
        form=ApproveForm(request.POST or None, initial={"version": ret.version}),
        template="common/form.html",
        context={
            "page_title": f"Approve {ret.indicator.code}, {ret.area.name}",
            "caption": ret.round.title,
            "intro": "Approving makes the figure final and locks it: after that it changes "
            "only by a restatement, which keeps this figure.",
            "submit_label": "Approve",
            "cancel_url": ret.get_absolute_url(),
            "breadcrumbs": _crumbs(request, ret, "Approve"),
        },
        save=lambda f: services.return_approve(
            ret=ret,
            comment=f.cleaned_data["comment"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Return approved: the figure is final and locked.",
        form_class=lambda data, instance: ApproveForm(data),
    )


# --- Rounds (managers) --------------------------------------------------------------------


@login_required
def round_list(request):
    require_perm(request, "collection.view_collectionround")
    today = querysets.today()
    return render(
        request,
        "collection/rounds.html",
        {
            "page_title": ROUNDS_LABEL,
            "breadcrumbs": [(ROUNDS_LABEL, None)],
            "today": today,
            "rounds": selectors.rounds_with_counts(today=today),
            "late": selectors.late_returns(today=today),
            "can_open": request.user.has_perm("collection.add_collectionround"),
        },
    )


@login_required
def round_detail(request, pk: int):
    require_perm(request, "collection.view_collectionround")
    today = querysets.today()
    try:
        detail = selectors.round_detail(pk, today=today)
    except CollectionRound.DoesNotExist:
        raise Http404("No such round") from None
    rnd = detail.round
    return render(
        request,
        "collection/round.html",
        {
            "page_title": rnd.title,
            "breadcrumbs": [(ROUNDS_LABEL, ROUNDS_URL), (rnd.title, None)],
            "today": today,
            "detail": detail,
            "rnd": rnd,
            "history": history_for(rnd),
            "can_close": rnd.status == RoundStatus.OPEN
            and not rnd.is_archived
            and request.user.has_perm("collection.change_collectionround", rnd),
            "close_form": ConfirmForm(initial={"version": rnd.version}),
        },
    )


@login_required
def round_open(request):
    require_perm(request, "collection.add_collectionround")
    title = "Open a collection round"
    top = services.partnership_area()
    form = RoundOpenForm(
        request.POST or None,
        top_area=top,
        initial={"remind_days_before": 5, "remind_days_after": 1},
    )
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": title,
            "caption": ROUNDS_LABEL,
            "intro": "The round asks each lead officer for the figures of the indicators they "
            "lead: every indicator in use whose frequency expects a figure for the period (an "
            "annual indicator has none in a quarter), for "
            + (top.name if top else "the areas you choose")
            + " and any area you tick that the indicator is published for.",
            "submit_label": "Open round",
            "cancel_url": ROUNDS_URL,
            "breadcrumbs": [(ROUNDS_LABEL, ROUNDS_URL), (title, None)],
        },
        save=lambda f: services.round_open(
            fields=f.cleaned_changes(), areas=f.cleaned_data["areas"], by=request.user
        ),
        success_message="Round opened. Each lead officer now sees their returns.",
    )


@login_required
@require_POST
def round_close(request, pk: int):
    rnd = get_object_or_404(CollectionRound, pk=pk)
    require_perm(request, "collection.change_collectionround", rnd)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.round_close(
            collection_round=rnd, expected_version=expected_version(form), by=request.user
        )
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
    except StaleEditError:
        messages.info(request, "Someone changed the round after you opened it: check it first.")
    else:
        messages.success(request, "Round closed: no more returns can be submitted in it.")
    return redirect(rnd)
