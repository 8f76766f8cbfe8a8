"""Timetable pages: the index with overdue and coming-up lists, a programme with its timeline,
a milestone with its history, and the forms. Views stay thin: form → one service → redirect."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy

from accord.common import querysets
from accord.common.editing import expected_version, run_form
from accord.common.pages import RecordPages, archive_page, create_page, edit_page, require_perm
from accord.common.selectors import history_for
from accord.milestones import selectors, services
from accord.milestones.feeds import feed_url
from accord.milestones.forms import MarkDoneForm, MilestoneForm, ProgrammeForm, WindowForm
from accord.milestones.models import OPEN_STATUSES, Milestone, Programme

INDEX_URL = reverse_lazy("milestones:index")
INDEX_LABEL = "Timetables"

PROGRAMMES = RecordPages(
    model=Programme,
    form=ProgrammeForm,
    noun="timetable",
    a_noun="a timetable",
    list_label=INDEX_LABEL,
    list_url=INDEX_URL,
    create_service=services.programme_create,
    update_service=services.programme_update,
    archive_service=services.programme_archive,
    archive_intro=(
        "Archiving takes the timetable and its milestones out of the lists and the calendar "
        "feeds. Its page and its history stay readable."
    ),
)


def index(request):
    on = querysets.today()
    form = WindowForm(request.GET or None)
    days = selectors.COMING_UP_DAYS
    if form.is_valid() and form.cleaned_data["within"]:
        days = form.cleaned_data["within"]
    elif not form.is_bound:
        form = WindowForm(initial={"within": str(days)})
    user = request.user
    return render(
        request,
        "milestones/index.html",
        {
            "page_title": INDEX_LABEL,
            "breadcrumbs": [(INDEX_LABEL, None)],
            "today": on,
            "programmes": selectors.programme_progress(user=user, on=on),
            "overdue": selectors.overdue(user=user, on=on),
            "coming_up": selectors.coming_up(user=user, on=on, days=days),
            "window_label": selectors.WINDOWS.get(days, f"{days} days"),
            "window_form": form,
            "feed_url": feed_url(),
            "can_add": user.has_perm("milestones.add_programme"),
            "can_see_unpublished": selectors.can_manage(user),
        },
    )


def programme_detail(request, pk: int):
    try:
        programme = selectors.programme_detail(pk=pk, user=request.user)
    except Programme.DoesNotExist:
        raise Http404("No such timetable") from None
    user = request.user
    milestones = programme.live_milestones  # type: ignore[attr-defined]
    on = querysets.today()
    live = not programme.is_archived
    return render(
        request,
        "milestones/programme.html",
        {
            "page_title": programme.title,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (programme.title, None)],
            "programme": programme,
            "milestones": milestones,
            "today": on,
            "counts": {
                "total": len(milestones),
                "done": sum(m.status == "done" for m in milestones),
                "open": sum(m.status in OPEN_STATUSES for m in milestones),
                "overdue": sum(m.is_overdue_on(on) for m in milestones),
            },
            "feed_url": feed_url(programme),
            "history": history_for(programme),
            "can_see_unpublished": selectors.can_manage(user),
            "can_change": live and user.has_perm("milestones.change_programme", programme),
            "can_archive": live and user.has_perm("milestones.archive_programme", programme),
            "can_add_milestone": live and user.has_perm("milestones.add_milestone", programme),
        },
    )


def milestone_detail(request, pk: int):
    try:
        milestone = selectors.milestone_detail(pk=pk, user=request.user)
    except Milestone.DoesNotExist:
        raise Http404("No such milestone") from None
    user = request.user
    programme = milestone.programme
    live = not milestone.is_archived and not programme.is_archived
    can_change = live and user.has_perm("milestones.change_milestone", milestone)
    return render(
        request,
        "milestones/milestone.html",
        {
            "page_title": milestone.title,
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (programme.title, programme.get_absolute_url()),
                (milestone.title, None),
            ],
            "milestone": milestone,
            "programme": programme,
            "today": querysets.today(),
            "history": history_for(milestone),
            "done_form": MarkDoneForm(
                instance=milestone, initial={"completed_on": querysets.today()}
            )
            if can_change and milestone.status in OPEN_STATUSES
            else None,
            "feed_url": feed_url(programme),
            "can_see_unpublished": selectors.can_manage(user),
            "can_change": can_change,
            "can_archive": live and user.has_perm("milestones.archive_milestone", milestone),
        },
    )


# --- Programmes ----------------------------------------------------------------------------


@login_required
def programme_create(request):
    return PROGRAMMES.create(request)


@login_required
def programme_edit(request, pk: int):
    return PROGRAMMES.edit(request, pk)


@login_required
def programme_archive(request, pk: int):
    return PROGRAMMES.archive(request, pk)


# --- Milestones ----------------------------------------------------------------------------


def _milestone_crumbs(milestone: Milestone, last: str) -> list:
    programme = milestone.programme
    return [
        (INDEX_LABEL, INDEX_URL),
        (programme.title, programme.get_absolute_url()),
        (milestone.title, milestone.get_absolute_url()),
        (last, None),
    ]


def _editable_milestone(request, pk: int, perm: str) -> Milestone:
    milestone = get_object_or_404(
        Milestone.objects.live()
        .filter(programme__archived_on__isnull=True)
        .select_related("programme"),
        pk=pk,
    )
    require_perm(request, perm, milestone)
    return milestone


@login_required
def milestone_create(request, pk: int):
    programme = get_object_or_404(Programme.objects.live(), pk=pk)
    require_perm(request, "milestones.add_milestone", programme)
    title = "Add a milestone"
    return create_page(
        request,
        MilestoneForm(request.POST or None, initial={"precision": "day", "status": "planned"}),
        lambda fields, by: services.milestone_create(
            fields={**fields, "programme": programme}, by=by
        ),
        context={
            "page_title": title,
            "caption": programme.title,
            "submit_label": "Add milestone",
            "cancel_url": programme.get_absolute_url(),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (programme.title, programme.get_absolute_url()),
                (title, None),
            ],
        },
        success_message="Milestone added.",
    )


@login_required
def milestone_edit(request, pk: int):
    milestone = _editable_milestone(request, pk, "milestones.change_milestone")
    return edit_page(
        request,
        milestone,
        MilestoneForm(request.POST or None, instance=milestone),
        services.milestone_update,
        context={
            "page_title": f"Edit {milestone.title}",
            "caption": milestone.programme.title,
            "submit_label": "Save changes",
            "cancel_url": milestone.get_absolute_url(),
            "breadcrumbs": _milestone_crumbs(milestone, "Edit"),
        },
        success_message="Milestone saved.",
    )


@login_required
def milestone_done(request, pk: int):
    milestone = _editable_milestone(request, pk, "milestones.change_milestone")
    form = MarkDoneForm(
        request.POST or None,
        instance=milestone,
        initial={"completed_on": querysets.today()},
    )
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": f"Mark as done: {milestone.title}",
            "caption": milestone.programme.title,
            "intro": f"Due {milestone.date_label}.",
            "submit_label": "Mark as done",
            "cancel_url": milestone.get_absolute_url(),
            "breadcrumbs": _milestone_crumbs(milestone, "Mark as done"),
        },
        save=lambda f: services.milestone_mark_done(
            milestone=milestone,
            completed_on=f.cleaned_data["completed_on"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Milestone marked as done.",
    )


@login_required
def milestone_archive(request, pk: int):
    milestone = _editable_milestone(request, pk, "milestones.archive_milestone")
    return archive_page(
        request,
        milestone,
        services.milestone_archive,
        context={
            "page_title": f"Archive {milestone.title}",
            "caption": milestone.programme.title,
            "intro": "Archive a milestone recorded by mistake or dropped from the timetable. "
            "A milestone that was not met should be marked as missed or cancelled instead. "
            "Its page and history stay readable.",
            "submit_label": "Archive milestone",
            "cancel_url": milestone.get_absolute_url(),
            "breadcrumbs": _milestone_crumbs(milestone, "Archive"),
        },
        success_message="Milestone archived.",
    )
