"""Strategy pages: the list, a strategy (as of any date), the golden thread both ways, the gap
analysis, area action plans, and the create/edit/archive pages. Views stay thin."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy

from accord.bodies.selectors import visible_bodies
from accord.common.pages import RecordPages, create_page, edit_page, require_perm
from accord.common.querysets import today
from accord.common.selectors import history_for
from accord.strategies import selectors, services, thread
from accord.strategies.forms import (
    AsOfForm,
    CommitmentForm,
    GapFilterForm,
    PriorityForm,
    StrategyForm,
)
from accord.strategies.models import Commitment, CommitmentKind, Priority, Strategy

LIST_URL = reverse_lazy("strategies:list")
LIST_LABEL = "Strategy"

STRATEGY_PAGES = RecordPages(
    model=Strategy,
    form=StrategyForm,
    noun="strategy",
    a_noun="a strategy",
    list_label=LIST_LABEL,
    list_url=LIST_URL,
    create_service=services.strategy_create,
    update_service=services.strategy_update,
    archive_service=services.strategy_archive,
    archive_intro=(
        "Archive a strategy recorded by mistake. A strategy that has been replaced should be "
        "marked superseded instead. Archived strategies leave the lists; their page and history "
        "stay readable."
    ),
)
COMMITMENT_PAGES = RecordPages(
    model=Commitment,
    form=CommitmentForm,
    noun="commitment",
    a_noun="a commitment",
    list_label=LIST_LABEL,
    list_url=LIST_URL,
    create_service=services.commitment_create,
    update_service=services.commitment_update,
    archive_service=services.commitment_archive,
    archive_intro=(
        "Archiving takes this commitment out of the strategy and the matrix. Its page and its "
        "history stay readable."
    ),
)
PRIORITY_PAGES = RecordPages(
    model=Priority,
    form=PriorityForm,
    noun="priority",
    a_noun="a priority",
    list_label=LIST_LABEL,
    list_url=LIST_URL,
    create_service=services.priority_create,
    update_service=services.priority_update,
    archive_service=services.priority_archive,
    archive_intro="Archiving takes the priority out of the lists. Its page and history stay.",
)


def _matrix_url(strategy) -> str | None:
    try:
        return reverse("strategies:matrix", args=[strategy.pk])
    except Exception:  # the matrix pages may not be installed yet
        return None


# --- Reading ----------------------------------------------------------------------------------


def strategy_list(request):
    user = request.user
    return render(
        request,
        "strategies/list.html",
        {
            "page_title": "Strategy",
            "breadcrumbs": [(LIST_LABEL, None)],
            "groups": selectors.strategy_list(user=user),
            "can_add": user.has_perm("strategies.add_strategy"),
        },
    )


def strategy_detail(request, pk: int):
    user = request.user
    try:
        strategy = selectors.strategy_detail(pk=pk, user=user)
    except Strategy.DoesNotExist:
        raise Http404("No such strategy") from None
    form = AsOfForm(request.GET if "as_of" in request.GET else None)
    on = form.date()
    shown = strategy
    if on is not None:
        shown = selectors.strategy_as_of(strategy, on)
    tree = selectors.commitment_tree(strategy, user=user, on=on) if shown is not None else []
    title = strategy.title + (f" on {on:%-d %B %Y}" if on else "")
    editable = not strategy.is_archived
    return render(
        request,
        "strategies/detail.html",
        {
            "page_title": title,
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (strategy.title, None)],
            "strategy": strategy,
            "shown": shown,
            "on": on,
            "today": today(),
            "form": form,
            "tree": tree,
            "rows": selectors.flatten(tree),
            "priorities": list(selectors.strategy_priorities(strategy, user=user))
            if on is None
            else [],
            "history": history_for(strategy),
            "can_change": editable and user.has_perm("strategies.change_strategy", strategy),
            "can_archive": editable and user.has_perm("strategies.archive_strategy", strategy),
            "can_add_commitment": editable and user.has_perm("strategies.add_commitment"),
            "can_add_priority": editable and user.has_perm("strategies.add_priority"),
        },
    )


def commitment_thread(request, pk: int):
    user = request.user
    try:
        commitment = selectors.commitment_detail(pk=pk, user=user)
    except Commitment.DoesNotExist:
        raise Http404("No such commitment") from None
    strategy = commitment.strategy
    chain = selectors.ancestors(commitment, thread.outline_of(commitment))
    editable = not commitment.is_archived and not strategy.is_archived
    return render(
        request,
        "strategies/commitment.html",
        {
            "page_title": str(commitment),
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (strategy.title, strategy.get_absolute_url())]
            + [(f"{c.number}. {c.title}", c.get_absolute_url()) for c in chain]
            + [(f"{commitment.number}. {commitment.title}", None)],
            "commitment": commitment,
            "strategy": strategy,
            "ancestors": chain,
            "sections": thread.sections_for("down", commitment, user),
            "matrix_url": _matrix_url(strategy),
            "history": history_for(commitment),
            "can_change": editable and user.has_perm("strategies.change_commitment", commitment),
            "can_archive": editable and user.has_perm("strategies.archive_commitment", commitment),
            "can_add_outcome": editable
            and commitment.kind != CommitmentKind.SUB_OUTCOME
            and user.has_perm("strategies.add_commitment"),
        },
    )


def body_thread(request, pk: int):
    user = request.user
    body = get_object_or_404(visible_bodies(user).select_related("parent"), pk=pk)
    return render(
        request,
        "strategies/body_thread.html",
        {
            "page_title": f"Commitments {body.name} serves",
            "breadcrumbs": [
                ("Bodies", reverse("bodies:list")),
                (body.name, body.get_absolute_url()),
                ("Commitments it serves", None),
            ],
            "body": body,
            "sections": thread.sections_for("up", body, user),
        },
    )


def priority_detail(request, pk: int):
    user = request.user
    try:
        priority = selectors.priority_detail(pk=pk, user=user)
    except Priority.DoesNotExist:
        raise Http404("No such priority") from None
    strategy = priority.strategy
    if strategy is not None and not selectors.visible_strategies(user).filter(pk=strategy.pk):
        raise Http404("No such priority")
    group = priority.action_group
    if group is not None and not visible_bodies(user).filter(pk=group.pk).exists():
        group = None
    crumbs = [(LIST_LABEL, LIST_URL)]
    if strategy is not None:
        crumbs.append((strategy.title, strategy.get_absolute_url()))
    editable = not priority.is_archived
    return render(
        request,
        "strategies/priority.html",
        {
            "page_title": priority.title,
            "breadcrumbs": crumbs + [("Priority", None)],
            "priority": priority,
            "group": group,
            "history": history_for(priority),
            "can_change": editable and user.has_perm("strategies.change_priority", priority),
            "can_archive": editable and user.has_perm("strategies.archive_priority", priority),
        },
    )


def gaps(request):
    user = request.user
    form = GapFilterForm(request.GET or None, user=user)
    strategy = form.cleaned_data["strategy"] if form.is_bound and form.is_valid() else None
    result = selectors.gap_analysis(user=user, strategy=strategy)
    matrix_for = strategy or selectors.main_strategy(user=user)
    return render(
        request,
        "strategies/gaps.html",
        {
            "page_title": "Gap analysis",
            "breadcrumbs": [(LIST_LABEL, LIST_URL), ("Gap analysis", None)],
            "form": form,
            "strategy": strategy,
            "gaps": result,
            "matrix_strategy": matrix_for,
            "matrix_url": _matrix_url(matrix_for) if matrix_for else None,
            "can_fix": user.has_perm("strategies.change_commitment"),
        },
    )


def area_plans(request):
    return render(
        request,
        "strategies/area_plans.html",
        {
            "page_title": "Area action plans",
            "breadcrumbs": [(LIST_LABEL, LIST_URL), ("Area action plans", None)],
            "boards": selectors.area_action_plans(user=request.user),
            "can_add": request.user.has_perm("strategies.add_strategy"),
        },
    )


# --- Changing ---------------------------------------------------------------------------------


@login_required
def strategy_create(request):
    return STRATEGY_PAGES.create(request)


@login_required
def strategy_edit(request, pk: int):
    return STRATEGY_PAGES.edit(request, pk)


@login_required
def strategy_archive(request, pk: int):
    return STRATEGY_PAGES.archive(request, pk)


@login_required
def commitment_create(request, strategy_pk: int):
    require_perm(request, "strategies.add_commitment")
    strategy = get_object_or_404(Strategy.objects.live(), pk=strategy_pk)
    parent = None
    if request.GET.get("parent", "").isdigit():
        parent = Commitment.objects.live().filter(strategy=strategy, pk=request.GET["parent"])
        parent = parent.first()
    initial = {}
    if parent is not None:
        initial = {
            "parent": parent.pk,
            "kind": CommitmentKind.OUTCOME
            if parent.kind == CommitmentKind.COMMITMENT
            else CommitmentKind.SUB_OUTCOME,
            "theme": parent.theme,
        }
    title = f"Add an outcome under {parent.number}" if parent else "Add a commitment"
    back = parent.get_absolute_url() if parent else strategy.get_absolute_url()
    return create_page(
        request,
        CommitmentForm(request.POST or None, strategy=strategy, initial=initial),
        lambda fields, by: services.commitment_create(
            fields={**fields, "strategy": strategy}, by=by
        ),
        context={
            "page_title": title,
            "caption": strategy.title,
            "submit_label": "Add outcome" if parent else "Add commitment",
            "cancel_url": back,
            "breadcrumbs": [
                (LIST_LABEL, LIST_URL),
                (strategy.title, strategy.get_absolute_url()),
                (title, None),
            ],
        },
        success_message="Outcome added." if parent else "Commitment added.",
    )


@login_required
def commitment_edit(request, pk: int):
    return COMMITMENT_PAGES.edit(request, pk)


@login_required
def commitment_archive(request, pk: int):
    return COMMITMENT_PAGES.archive(request, pk)


@login_required
def priority_create(request):
    require_perm(request, "strategies.add_priority")
    initial = {}
    strategy = None
    if request.GET.get("strategy", "").isdigit():
        strategy = Strategy.objects.live().filter(pk=request.GET["strategy"]).first()
        if strategy is not None:
            initial = {"strategy": strategy.pk, "area": strategy.area_id}
    form = PriorityForm(request.POST or None, initial=initial)
    back = strategy.get_absolute_url() if strategy else str(LIST_URL)
    return create_page(
        request,
        form,
        lambda fields, by: services.priority_create(
            fields=fields, commitments=form.cleaned_data["commitments"], by=by
        ),
        context={
            "page_title": "Add a priority",
            "caption": strategy.title if strategy else LIST_LABEL,
            "submit_label": "Add priority",
            "cancel_url": back,
            "breadcrumbs": [(LIST_LABEL, LIST_URL)]
            + ([(strategy.title, back)] if strategy else [])
            + [("Add a priority", None)],
        },
        success_message="Priority added.",
    )


@login_required
def priority_edit(request, pk: int):
    priority = get_object_or_404(Priority, pk=pk)
    require_perm(request, "strategies.change_priority", priority)
    if priority.is_archived:
        return PRIORITY_PAGES.edit(request, pk)  # says it is archived and goes back
    form = PriorityForm(request.POST or None, instance=priority)

    def update(*, priority, **kwargs):
        return services.priority_update(
            priority=priority, commitments=form.cleaned_data["commitments"], **kwargs
        )

    return edit_page(
        request,
        priority,
        form,
        update,
        context={
            "page_title": "Edit priority",
            "caption": priority.title,
            "submit_label": "Save changes",
            "cancel_url": priority.get_absolute_url(),
            "breadcrumbs": [
                (LIST_LABEL, LIST_URL),
                (priority.title, priority.get_absolute_url()),
                ("Edit", None),
            ],
        },
        success_message="Priority saved.",
    )


@login_required
def priority_archive(request, pk: int):
    return PRIORITY_PAGES.archive(request, pk)
