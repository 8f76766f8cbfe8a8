"""Action pages: the list with its filters and "My actions", one action with where it arose,
its progress notes and history, and the forms that change it. An action is dropped only with a
reason; notes come from its owner or the body's secretary."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy

from accord.actions import selectors, services
from accord.actions.forms import (
    ActionFilterForm,
    ActionForm,
    CompleteForm,
    ConfirmForm,
    DropForm,
    NoteForm,
)
from accord.actions.models import Action
from accord.common.editing import expected_version, run_form
from accord.common.pages import archive_page, edit_page, paginate, require_perm
from accord.common.querysets import today
from accord.common.selectors import history_for
from accord.meetings.models import AgendaItem
from accord.meetings.selectors import can_see_restricted, visible_meetings
from accord.people.models import Person

LIST_LABEL = "Actions"
LIST_URL = reverse_lazy("actions:list")
FORM_TEMPLATE = "common/form.html"


def action_list(request):
    user = request.user
    owners = Person.objects.filter(
        pk__in=selectors.visible_actions(user).live().values("owner_id")
    ).order_by("sort_name", "name")
    form = ActionFilterForm(request.GET or None, user=user, owners=owners)
    filters: dict[str, Any] = {}
    mine = False
    if form.is_valid():
        data = form.cleaned_data
        mine = bool(data.get("mine"))
        filters = {
            "body": data["body"],
            "owner": user.person_id if mine else data["owner"],
            "status": data["status"] or None,
            "outstanding": data["outstanding"],
            "overdue_on": today() if data["overdue"] else None,
        }
    filtered = any(v for v in filters.values())
    page, page_range = paginate(request, selectors.action_list(user=user, **filters))
    on = today()
    for action in page.object_list:
        action.overdue = selectors.is_overdue(action, on)
    my_url = ""
    if getattr(user, "person_id", None):
        my_url = f"{LIST_URL}?mine=on&outstanding=on"
    return render(
        request,
        "actions/list.html",
        {
            "page_title": "My actions" if mine else LIST_LABEL,
            "breadcrumbs": [(LIST_LABEL, None)],
            "filter_form": form,
            "filtered": filtered,
            "mine": mine,
            "my_url": my_url,
            "page": page,
            "page_range": page_range,
        },
    )


def _origin(action: Action, user) -> dict[str, Any] | None:
    """Where the action arose, as the page shows it: for an agenda item, the meeting and item
    (the item's title only to those who may see it), linked when the user may see the meeting."""
    if not action.origin_id or action.origin_type is None:
        return None
    if action.origin_type.model_class() is AgendaItem:
        item = (
            AgendaItem.objects.select_related("meeting", "meeting__body")
            .filter(pk=action.origin_id)
            .first()
        )
        if item is None:
            return None
        meeting = item.meeting
        shown = visible_meetings(user).filter(pk=meeting.pk).exists()
        restricted = item.is_restricted and not can_see_restricted(user, meeting)
        return {
            "kind": "item",
            "meeting": meeting,
            "meeting_url": meeting.get_absolute_url() if shown else "",
            "item_number": item.number,
            "item_title": "" if restricted else item.title,
        }
    origin = action.origin
    if origin is None:
        return None
    url = getattr(origin, "get_absolute_url", None)
    return {"kind": "other", "label": str(origin), "url": url() if url else ""}


def action_detail(request, pk: int):
    user = request.user
    try:
        action = selectors.action_detail(pk=pk, user=user)
    except Action.DoesNotExist:
        raise Http404("No such action") from None
    live = not action.is_archived
    can_change = live and user.has_perm("actions.change_action", action)
    return render(
        request,
        "actions/detail.html",
        {
            "page_title": action.title,
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (action.title, None)],
            "action": action,
            "origin": _origin(action, user),
            "overdue": selectors.is_overdue(action, today()),
            "notes": action.live_notes,
            "history": history_for(action),
            "can_note": live and user.has_perm("actions.add_actionnote", action),
            "can_change": can_change,
            "can_close": can_change and action.is_outstanding,
            "can_reopen": can_change and not action.is_outstanding,
            "can_archive": live and user.has_perm("actions.archive_action", action),
        },
    )


def _action_for(request, pk: int, perm: str) -> Action:
    action = get_object_or_404(Action, pk=pk)
    require_perm(request, perm, action)
    return action


def _context(action: Action, title: str, last: str, **extra: Any) -> dict[str, Any]:
    url = action.get_absolute_url()
    return {
        "page_title": title,
        "caption": action.title,
        "cancel_url": url,
        "breadcrumbs": [(LIST_LABEL, LIST_URL), (action.title, url), (last, None)],
        **extra,
    }


def _archived(request, action: Action):
    messages.info(request, "This action is archived, so it cannot be changed.")
    return redirect(action)


@login_required
def action_edit(request, pk: int):
    action = _action_for(request, pk, "actions.change_action")
    if action.is_archived:
        return _archived(request, action)
    return edit_page(
        request,
        action,
        ActionForm(request.POST or None, instance=action, user=request.user),
        services.action_update,
        context={**_context(action, f"Edit {action.title}", "Edit"), "submit_label": "Save"},
        success_message="Action saved.",
        form_class=lambda data, instance: ActionForm(data, instance=instance, user=request.user),
    )


@login_required
def action_note(request, pk: int):
    action = _action_for(request, pk, "actions.add_actionnote")
    if action.is_archived:
        return _archived(request, action)

    def save(form):
        services.action_add_note(
            action=action,
            text=form.cleaned_data["text"],
            written_on=form.cleaned_data["written_on"],
            by=request.user,
        )
        return action

    return run_form(
        request,
        form=NoteForm(request.POST or None),
        template=FORM_TEMPLATE,
        context=_context(
            action,
            "Add a progress note",
            "Add a progress note",
            intro="The note is kept on the action's page. An open action becomes "
            "“in progress” once progress is reported.",
            submit_label="Add note",
        ),
        save=save,
        success_message="Progress note added.",
    )


def _close_page(
    request,
    pk: int,
    *,
    form_class: type,
    title: str,
    intro: str,
    submit_label: str,
    success_message: str,
    save: Callable[[Action, Any], Action],
    when_outstanding: bool = True,
):
    action = _action_for(request, pk, "actions.change_action")
    if action.is_archived:
        return _archived(request, action)
    if action.is_outstanding != when_outstanding:
        messages.info(
            request,
            "This action is already closed."
            if when_outstanding
            else "This action is still open, so there is nothing to reopen.",
        )
        return redirect(action)
    form = form_class(request.POST or None, initial={"version": action.version})
    return run_form(
        request,
        form=form,
        template=FORM_TEMPLATE,
        context=_context(action, title, title, intro=intro, submit_label=submit_label),
        save=lambda f: save(action, f),
        success_message=success_message,
        form_class=lambda data, instance: form_class(data),
    )


@login_required
def action_complete(request, pk: int):
    return _close_page(
        request,
        pk,
        form_class=CompleteForm,
        title="Mark the action as done",
        intro="A done action leaves the body's matters-arising list after the next meeting.",
        submit_label="Mark as done",
        success_message="Action marked as done.",
        save=lambda action, f: services.action_complete(
            action=action,
            on=f.cleaned_data["closed_on"],
            expected_version=expected_version(f),
            by=request.user,
        ),
    )


@login_required
def action_drop(request, pk: int):
    return _close_page(
        request,
        pk,
        form_class=DropForm,
        title="Drop the action",
        intro="A dropped action is no longer to be done. It leaves the body's matters-arising "
        "list after the next meeting, and the reason is kept with it.",
        submit_label="Drop action",
        success_message="Action dropped.",
        save=lambda action, f: services.action_drop(
            action=action,
            reason=f.cleaned_data["drop_reason"],
            on=f.cleaned_data["closed_on"],
            expected_version=expected_version(f),
            by=request.user,
        ),
    )


@login_required
def action_reopen(request, pk: int):
    return _close_page(
        request,
        pk,
        form_class=ConfirmForm,
        title="Reopen the action",
        intro="The action becomes open again and returns to the body's matters-arising list. "
        "Its closing date and any reason for dropping it are cleared; both stay in its history.",
        submit_label="Reopen action",
        success_message="Action reopened.",
        save=lambda action, f: services.action_reopen(
            action=action, expected_version=expected_version(f), by=request.user
        ),
        when_outstanding=False,
    )


@login_required
def action_archive(request, pk: int):
    action = _action_for(request, pk, "actions.archive_action")
    if action.is_archived:
        messages.info(request, "This action is already archived.")
        return redirect(action)
    return archive_page(
        request,
        action,
        services.action_archive,
        context={
            **_context(action, f"Archive {action.title}", "Archive"),
            "intro": "Archive an action only if it was recorded in error: an action that is no "
            "longer wanted is dropped, with the reason. Its page and history stay readable.",
            "submit_label": "Archive action",
        },
        success_message="Action archived.",
    )
