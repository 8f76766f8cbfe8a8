"""The pages that plan and show meetings: the list across the partnership, the meeting page,
scheduling and changing a meeting and its agenda, the forward plan of each body, venues and a
body's meeting settings. What happened at a meeting (attendance, minutes, decisions, approval)
is recorded on the pages in `views_record`.

Views stay thin: a form parses the input, one service saves it, and the selectors decide what
each user may see."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from accord.accounts.permissions import body_roles
from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common import querysets
from accord.common.editing import expected_version, run_form
from accord.common.forms import ArchiveForm
from accord.common.pages import archive_page, edit_page, paginate, require_perm
from accord.common.selectors import history_for
from accord.common.services import StaleEditError
from accord.meetings import rules, selectors, services
from accord.meetings.feeds import feed_url
from accord.meetings.forms import (
    AgendaItemForm,
    BodyFilterForm,
    CancelForm,
    ChooseBodyForm,
    ForwardPlanForm,
    MeetingCreateForm,
    MeetingForm,
    MeetingSettingsForm,
    MoveForm,
    PlaceForm,
    VenueForm,
    VersionForm,
    WithdrawForm,
)
from accord.meetings.models import (
    AgendaItem,
    ForwardPlanItem,
    ForwardPlanStatus,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    StandingItem,
    Venue,
)
from accord.memberships.models import SECRETARY_ROLES

INDEX_URL = reverse_lazy("meetings:list")
INDEX_LABEL = "Meetings"
VENUES_URL = reverse_lazy("meetings:venues")
VENUES_LABEL = "Venues"
FORM = "common/form.html"
S = MeetingStatus


@dataclass(frozen=True)
class Goto:
    """Where a form page goes once saved, for records that have no page of their own."""

    url: str

    def get_absolute_url(self) -> str:
        return self.url


def _meeting_crumbs(m: Meeting, last: str | None = None) -> list[tuple[str, Any]]:
    crumbs: list[tuple[str, Any]] = [(INDEX_LABEL, INDEX_URL)]
    crumbs.append((str(m), m.get_absolute_url() if last else None))
    if last:
        crumbs.append((last, None))
    return crumbs


def _body_list_url(body: Body) -> str:
    return f"{reverse('meetings:list')}?body={body.pk}"


def _may_schedule_somewhere(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    if selectors.is_manager(user):
        return True
    return any(held & SECRETARY_ROLES for held in body_roles(user).values())


# --- The list -------------------------------------------------------------------------------------


def index(request):
    user = request.user
    on = querysets.today()
    bodies = visible_bodies(user).live().order_by("name")
    form = BodyFilterForm(request.GET or None, bodies=bodies)
    body = form.cleaned_data["body"] if form.is_valid() else None
    meetings = selectors.meeting_list(user=user, body=body)
    upcoming = list(meetings.on_or_after(on))
    page, page_range = paginate(
        request, meetings.before(on).order_by("-date", "-start_time", "-pk")
    )
    settings = None
    if body is not None:
        settings = (
            MeetingSettings.objects.live().filter(body=body).select_related("usual_venue").first()
        )
    return render(
        request,
        "meetings/index.html",
        {
            "page_title": f"Meetings of {body.name}" if body else INDEX_LABEL,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (body.name, None)]
            if body
            else [(INDEX_LABEL, None)],
            "filter_form": form,
            "body": body,
            "bodies": bodies,
            "settings": settings,
            "usual": _describe_settings(settings),
            "upcoming": upcoming,
            "page": page,
            "page_range": page_range,
            "today": on,
            "feed_url": feed_url(body=body) if body else feed_url(),
            "all_feed_url": feed_url(),
            "can_schedule": user.has_perm("meetings.add_meeting", body)
            if body
            else _may_schedule_somewhere(user),
            "can_see_forward_plan": bool(body) and user.has_perm("meetings.view_restricted", body),
            "can_change_settings": bool(body)
            and user.has_perm("meetings.change_meetingsettings", body),
            "can_manage_venues": user.has_perm("meetings.add_venue"),
        },
    )


# --- The meeting page ---------------------------------------------------------------------------


def _flags(user: Any, page: selectors.MeetingPage) -> dict[str, bool]:
    """What this user may do to the meeting now, given its status."""
    m = page.meeting
    live = not m.is_archived
    status = m.status

    def may(perm: str) -> bool:
        return live and user.has_perm(perm, m)

    agenda_open = rules.agenda_editable(status)
    flags = {
        "can_edit": may("meetings.change_meeting") and status != S.CANCELLED,
        "can_publish": may("meetings.change_meeting") and status == S.SCHEDULED,
        "can_mark_held": may("meetings.change_meeting")
        and status in (S.SCHEDULED, S.AGENDA_PUBLISHED),
        "can_cancel": may("meetings.cancel_meeting")
        and status in (S.SCHEDULED, S.AGENDA_PUBLISHED),
        "can_archive": may("meetings.archive_meeting"),
        "can_add_item": agenda_open and may("meetings.add_agendaitem"),
        "can_change_item": agenda_open and may("meetings.change_agendaitem"),
        "can_archive_item": agenda_open and may("meetings.archive_agendaitem"),
        "can_record_minutes": rules.minutes_editable(status) and may("meetings.record_minutes"),
        "can_record_attendance": status in selectors.HELD_STATUSES
        and not rules.agreed_minutes_are_fixed(status)
        and may("meetings.add_attendance"),
        "can_circulate": status == S.MINUTES_DRAFT and may("meetings.circulate_minutes"),
        "can_agree": status in (S.MINUTES_DRAFT, S.MINUTES_CIRCULATED)
        and may("meetings.agree_minutes"),
        "can_sign": status == S.MINUTES_AGREED
        and m.signed_on is None
        and may("meetings.sign_minutes"),
        "can_amend": status == S.MINUTES_AGREED and may("meetings.add_minutesamendment"),
        "can_see_forward_plan": user.has_perm("meetings.view_restricted", m.body),
    }
    flags["can_manage"] = any(v for k, v in flags.items() if k != "can_see_forward_plan")
    return flags


def _stats_query(m: Meeting) -> str:
    """The attendance statistics of the meeting's body over the year up to its date."""
    start = m.last_day - dt.timedelta(days=364)
    query: dict[str, int] = {"body": m.body_id}
    for name, day in (("start", start), ("end", m.last_day)):
        for i, part in enumerate((day.day, day.month, day.year)):
            query[f"{name}_{i}"] = part
    return urlencode(query)


def detail(request, pk: int):
    user = request.user
    try:
        page = selectors.meeting_page(pk, user)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    m = page.meeting
    nxt = m.next_meeting
    # The public may open the next meeting's page once its agenda is out; its date, time and
    # venue are in the minutes either way.
    next_visible = nxt is not None and (
        page.can_see_restricted
        or (not nxt.is_archived and nxt.is_public and nxt.status != S.SCHEDULED)
    )
    numbers = [v.item.number for v in page.items]
    return render(
        request,
        "meetings/detail.html",
        {
            "page_title": str(m),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (m.body.name, _body_list_url(m.body)),
                (m.date_label, None),
            ],
            "page": page,
            "meeting": m,
            "next_visible": next_visible,
            "first_number": min(numbers, default=0),
            "last_number": max(numbers, default=0),
            "has_minutes_item": any(v.item.standing == StandingItem.MINUTES for v in page.items),
            "feed_url": feed_url(body=m.body),
            "stats_query": _stats_query(m),
            "history": history_for(m, hide={"sequence", "uid"}),
            **_flags(user, page),
        },
    )


# --- Scheduling and changing a meeting ----------------------------------------------------------


@login_required
def choose_body(request):
    """Which body a new meeting is for: the bodies this user may schedule meetings of."""
    user = request.user
    bodies = [
        b for b in Body.objects.live().order_by("name") if user.has_perm("meetings.add_meeting", b)
    ]
    if not bodies:
        raise PermissionDenied
    form = ChooseBodyForm(
        request.GET or None,
        bodies=Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name"),
    )
    if form.is_bound and form.is_valid():
        return redirect("meetings:create", body_pk=form.cleaned_data["body"].pk)
    title = "Schedule a meeting"
    return render(
        request,
        "meetings/choose_body.html",
        {
            "page_title": title,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (title, None)],
            "form": form,
        },
        status=422 if form.is_bound else 200,
    )


@login_required
def create(request, body_pk: int):
    body = get_object_or_404(Body.objects.live(), pk=body_pk)
    require_perm(request, "meetings.add_meeting", body)
    offered = selectors.next_dates(body)
    initial: dict[str, Any] = {"is_public": True}
    if offered:
        initial["date_choice"] = offered[0].isoformat()
    form = MeetingCreateForm(request.POST or None, body=body, offered=offered, initial=initial)
    title = f"Schedule a meeting of {body.name}"
    return run_form(
        request,
        form=form,
        template=FORM,
        context={
            "page_title": title,
            "caption": INDEX_LABEL,
            "intro": "The agenda starts with the standing items: welcome and apologies, the "
            "minutes and matters arising of the last meeting, and any other business. Times and "
            "venue left blank are the body's usual ones. Nobody outside the body sees the "
            "meeting until its agenda is published.",
            "submit_label": "Schedule meeting",
            "cancel_url": _body_list_url(body),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (body.name, _body_list_url(body)),
                (title, None),
            ],
        },
        save=lambda f: services.meeting_create(fields=f.cleaned_changes(), by=request.user),
        success_message="Meeting scheduled.",
    )


def _get_meeting(request, pk: int, perm: str) -> Meeting:
    m = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require_perm(request, perm, m)
    return m


def _refuse_archived(request, m: Meeting) -> HttpResponse | None:
    if m.is_archived:
        messages.info(request, "This meeting is archived, so it cannot be changed.")
        return redirect(m)
    return None


@login_required
def edit(request, pk: int):
    m = _get_meeting(request, pk, "meetings.change_meeting")
    if refused := _refuse_archived(request, m):
        return refused
    return edit_page(
        request,
        m,
        MeetingForm(request.POST or None, instance=m),
        services.meeting_update,
        context={
            "page_title": f"Change {m}",
            "caption": m.body.name,
            "intro": "Calendars that subscribe to the body's meetings get the new date, time or "
            "venue.",
            "submit_label": "Save changes",
            "cancel_url": m.get_absolute_url(),
            "breadcrumbs": _meeting_crumbs(m, "Change"),
        },
        success_message="Meeting saved.",
    )


def _status_page(
    request,
    m: Meeting,
    *,
    title: str,
    intro: str,
    submit: str,
    save,
    done: str,
    form=None,
) -> HttpResponse:
    form = form or VersionForm(request.POST or None, initial={"version": m.version})
    return run_form(
        request,
        form=form,
        template=FORM,
        context={
            "page_title": title,
            "caption": str(m),
            "intro": intro,
            "submit_label": submit,
            "cancel_url": m.get_absolute_url(),
            "breadcrumbs": _meeting_crumbs(m, title),
        },
        save=save,
        form_class=lambda data, instance: type(form)(data),
        success_message=done,
    )


@login_required
def publish_agenda(request, pk: int):
    m = _get_meeting(request, pk, "meetings.change_meeting")
    if refused := _refuse_archived(request, m):
        return refused
    return _status_page(
        request,
        m,
        title="Publish the agenda",
        intro="Once published, anyone can see a public meeting, its agenda and its public "
        "papers; restricted items stay hidden from the public.",
        submit="Publish agenda",
        save=lambda f: services.meeting_publish_agenda(
            meeting=m, expected_version=expected_version(f), by=request.user
        ),
        done="Agenda published.",
    )


@login_required
def mark_held(request, pk: int):
    m = _get_meeting(request, pk, "meetings.change_meeting")
    if refused := _refuse_archived(request, m):
        return refused
    return _status_page(
        request,
        m,
        title="Record that the meeting was held",
        intro="Attendance and the minutes of each item can then be recorded.",
        submit="Mark as held",
        save=lambda f: services.meeting_mark_held(
            meeting=m, expected_version=expected_version(f), by=request.user
        ),
        done="Meeting marked as held.",
    )


@login_required
def cancel(request, pk: int):
    m = _get_meeting(request, pk, "meetings.cancel_meeting")
    if refused := _refuse_archived(request, m):
        return refused
    return _status_page(
        request,
        m,
        title="Cancel the meeting",
        intro="The meeting stays on the list, marked cancelled with your reason, and calendars "
        "that subscribe to it strike it out.",
        submit="Cancel meeting",
        form=CancelForm(request.POST or None, initial={"version": m.version}),
        save=lambda f: services.meeting_cancel(
            meeting=m,
            reason=f.cleaned_data["cancelled_reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        done="Meeting cancelled.",
    )


@login_required
def archive(request, pk: int):
    m = _get_meeting(request, pk, "meetings.archive_meeting")
    if m.is_archived:
        messages.info(request, "This meeting is already archived.")
        return redirect(m)
    return archive_page(
        request,
        m,
        services.meeting_archive,
        context={
            "page_title": f"Archive {m}",
            "caption": INDEX_LABEL,
            "intro": "Archive a meeting recorded in error. A meeting that will not take place is "
            "cancelled instead, so that calendars and the public see why.",
            "submit_label": "Archive meeting",
            "cancel_url": m.get_absolute_url(),
            "breadcrumbs": _meeting_crumbs(m, "Archive"),
        },
        success_message="Meeting archived.",
    )


# --- The agenda ---------------------------------------------------------------------------------


def _get_item(request, pk: int, item_pk: int, perm: str) -> AgendaItem:
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting", "meeting__body"), pk=item_pk, meeting_id=pk
    )
    require_perm(request, perm, item.meeting)
    return item


def _agenda_fixed(request, m: Meeting) -> HttpResponse | None:
    if m.is_archived or not rules.agenda_editable(m.status):
        messages.info(
            request,
            "This meeting is archived."
            if m.is_archived
            else f"The agenda of a meeting that is “{m.get_status_display()}” is fixed.",
        )
        return redirect(m)
    return None


def _item_fixed(request, item: AgendaItem) -> HttpResponse | None:
    if item.is_archived:
        messages.info(request, "This item is no longer on the agenda.")
        return redirect(item.meeting)
    return _agenda_fixed(request, item.meeting)


def _item_url(item: AgendaItem) -> str:
    return f"{item.meeting.get_absolute_url()}#item-{item.number}"


@login_required
def item_add(request, pk: int):
    m = _get_meeting(request, pk, "meetings.add_agendaitem")
    if refused := _agenda_fixed(request, m):
        return refused
    title = "Add an agenda item"

    def save(f):
        item = services.agenda_item_add(meeting=m, fields=f.cleaned_changes(), by=request.user)
        return Goto(_item_url(item))

    return run_form(
        request,
        form=AgendaItemForm(request.POST or None, meeting=m),
        template=FORM,
        context={
            "page_title": title,
            "caption": str(m),
            "intro": "The item goes before any other business; move it up or down on the "
            "meeting's page.",
            "submit_label": "Add item",
            "cancel_url": m.get_absolute_url(),
            "breadcrumbs": _meeting_crumbs(m, title),
        },
        save=save,
        success_message="Item added to the agenda.",
    )


@login_required
def item_edit(request, pk: int, item_pk: int):
    item = _get_item(request, pk, item_pk, "meetings.change_agendaitem")
    m = item.meeting
    if refused := _item_fixed(request, item):
        return refused

    def save(f):
        saved = services.agenda_item_update(
            item=item,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        )
        return Goto(_item_url(saved))

    return run_form(
        request,
        form=AgendaItemForm(request.POST or None, instance=item, meeting=m),
        template=FORM,
        context={
            "page_title": f"Change {item}",
            "caption": str(m),
            "submit_label": "Save changes",
            "cancel_url": _item_url(item),
            "breadcrumbs": _meeting_crumbs(m, f"Item No. {item.number}"),
        },
        save=save,
        form_class=lambda data, instance: AgendaItemForm(data, instance=instance, meeting=m),
        success_message="Item saved.",
    )


@login_required
@require_POST
def item_move(request, pk: int, item_pk: int):
    item = _get_item(request, pk, item_pk, "meetings.change_agendaitem")
    m = item.meeting
    if refused := _item_fixed(request, item):
        return refused
    form = MoveForm(request.POST)
    if not form.is_valid():
        return redirect(m)
    step = -1 if form.cleaned_data["direction"] == "up" else 1
    try:
        moved = services.agenda_item_move(
            item=item,
            to_number=item.number + step,
            expected_version=expected_version(form),
            by=request.user,
        )
    except StaleEditError:
        messages.info(
            request,
            "The agenda changed after you opened it, so nothing was moved. Check the order and "
            "move the item again if it is still needed.",
        )
        return redirect(m)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect(m)
    messages.success(request, f"{moved.title} is now Item No. {moved.number}.")
    return redirect(_item_url(moved))


@login_required
def item_archive(request, pk: int, item_pk: int):
    item = _get_item(request, pk, item_pk, "meetings.archive_agendaitem")
    m = item.meeting
    if refused := _item_fixed(request, item):
        return refused
    title = f"Take Item No. {item.number} off the agenda"

    def save(f):
        services.agenda_item_archive(
            item=item,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        )
        return m

    return run_form(
        request,
        form=ArchiveForm(request.POST or None, initial={"version": item.version}),
        template=FORM,
        context={
            "page_title": title,
            "caption": str(m),
            "intro": f"“{item.title}” leaves the agenda and the later items move up. An item "
            "placed from the forward plan goes back to it.",
            "submit_label": "Take off the agenda",
            "cancel_url": _item_url(item),
            "breadcrumbs": _meeting_crumbs(m, f"Item No. {item.number}"),
        },
        save=save,
        form_class=lambda data, instance: ArchiveForm(data),
        success_message="Item taken off the agenda.",
    )


# --- The forward plan ---------------------------------------------------------------------------


def _plan_body(request, body_pk: int, perm: str) -> Body:
    body = get_object_or_404(Body, pk=body_pk)
    require_perm(request, perm, body)
    return body


def _plan_url(body: Body | int) -> str:
    return reverse("meetings:forward-plan", args=[body.pk if isinstance(body, Body) else body])


@login_required
def forward_plan(request, body_pk: int):
    """The items planned for the body's future meetings, by meeting, then by intended date.
    Members and managers only: the plan may name matters not yet public."""
    body = _plan_body(request, body_pk, "meetings.view_restricted")
    user = request.user
    groups = selectors.forward_plan_by_meeting(body)
    withdrawn = [
        p
        for p in selectors.forward_plan(body, include_withdrawn=True)
        if p.status == ForwardPlanStatus.WITHDRAWN
    ]
    live = not body.is_archived
    title = f"Forward plan of {body.name}"
    return render(
        request,
        "meetings/forward_plan.html",
        {
            "page_title": title,
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (body.name, _body_list_url(body)),
                ("Forward plan", None),
            ],
            "body": body,
            "groups": groups,
            "withdrawn": withdrawn,
            "can_add": live and user.has_perm("meetings.add_forwardplanitem", body),
            "can_change": live and user.has_perm("meetings.change_forwardplanitem", body),
            "can_place": live and user.has_perm("meetings.add_agendaitem", body),
        },
    )


@login_required
def forward_plan_add(request, body_pk: int):
    body = _plan_body(request, body_pk, "meetings.add_forwardplanitem")
    if body.is_archived:
        raise Http404("The body is archived")
    title = "Add an item to the forward plan"
    return run_form(
        request,
        form=ForwardPlanForm(request.POST or None, body=body),
        template=FORM,
        context={
            "page_title": title,
            "caption": body.name,
            "submit_label": "Add to forward plan",
            "cancel_url": _plan_url(body),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                ("Forward plan", _plan_url(body)),
                (title, None),
            ],
        },
        save=lambda f: (
            services.forward_plan_add(body=body, fields=f.cleaned_changes(), by=request.user),
            Goto(_plan_url(body)),
        )[1],
        success_message="Item added to the forward plan.",
    )


def _get_plan_item(request, pk: int, perm: str) -> ForwardPlanItem:
    item = get_object_or_404(ForwardPlanItem.objects.select_related("body"), pk=pk)
    require_perm(request, perm, item.body)
    if item.is_archived:
        raise Http404("The item is archived")
    return item


def _plan_crumbs(item: ForwardPlanItem, last: str) -> list[tuple[str, Any]]:
    return [(INDEX_LABEL, INDEX_URL), ("Forward plan", _plan_url(item.body_id)), (last, None)]


@login_required
def forward_plan_edit(request, pk: int):
    item = _get_plan_item(request, pk, "meetings.change_forwardplanitem")
    body = item.body

    def save(f):
        services.forward_plan_update(
            item=item,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        )
        return Goto(_plan_url(body))

    return run_form(
        request,
        form=ForwardPlanForm(request.POST or None, instance=item, body=body),
        template=FORM,
        context={
            "page_title": f"Change “{item.title}”",
            "caption": f"Forward plan of {body.name}",
            "submit_label": "Save changes",
            "cancel_url": _plan_url(body),
            "breadcrumbs": _plan_crumbs(item, "Change"),
        },
        save=save,
        form_class=lambda data, instance: ForwardPlanForm(data, instance=instance, body=body),
        success_message="Forward plan item saved.",
    )


@login_required
def forward_plan_withdraw(request, pk: int):
    item = _get_plan_item(request, pk, "meetings.change_forwardplanitem")
    if item.status != ForwardPlanStatus.PLANNED:
        messages.info(request, "Only a planned item can be withdrawn.")
        return redirect(_plan_url(item.body))

    def save(f):
        services.forward_plan_withdraw(
            item=item,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        )
        return Goto(_plan_url(item.body))

    return run_form(
        request,
        form=WithdrawForm(request.POST or None, initial={"version": item.version}),
        template=FORM,
        context={
            "page_title": f"Withdraw “{item.title}”",
            "caption": f"Forward plan of {item.body.name}",
            "intro": "The item stays in the plan's record, marked withdrawn with your reason.",
            "submit_label": "Withdraw item",
            "cancel_url": _plan_url(item.body),
            "breadcrumbs": _plan_crumbs(item, "Withdraw"),
        },
        save=save,
        form_class=lambda data, instance: WithdrawForm(data),
        success_message="Item withdrawn from the forward plan.",
    )


@login_required
def forward_plan_place(request, pk: int):
    item = _get_plan_item(request, pk, "meetings.add_agendaitem")
    if item.status != ForwardPlanStatus.PLANNED:
        messages.info(request, "Only a planned item can be placed on an agenda.")
        return redirect(_plan_url(item.body))
    initial = {"meeting": item.meeting_id} if item.meeting_id else {}
    form = PlaceForm(request.POST or None, body=item.body, initial=initial)

    def save(f):
        meeting = f.cleaned_data["meeting"]
        if not request.user.has_perm("meetings.add_agendaitem", meeting):
            raise PermissionDenied
        agenda_item = services.forward_plan_place(item=item, meeting=meeting, by=request.user)
        return Goto(_item_url(agenda_item))

    return run_form(
        request,
        form=form,
        template=FORM,
        context={
            "page_title": f"Place “{item.title}” on an agenda",
            "caption": f"Forward plan of {item.body.name}",
            "submit_label": "Place on agenda",
            "cancel_url": _plan_url(item.body),
            "breadcrumbs": _plan_crumbs(item, "Place on agenda"),
        },
        save=save,
        form_class=lambda data, instance: PlaceForm(data, body=item.body),
        success_message="Item placed on the agenda.",
    )


# --- Venues -------------------------------------------------------------------------------------


def venues(request):
    user = request.user
    qs = Venue.objects.order_by("name", "pk")
    show_archived = selectors.is_manager(user) and request.GET.get("archived") == "1"
    if not show_archived:
        qs = qs.live()
    page, page_range = paginate(request, qs)
    return render(
        request,
        "meetings/venues.html",
        {
            "page_title": VENUES_LABEL,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (VENUES_LABEL, None)],
            "page": page,
            "page_range": page_range,
            "can_add": user.has_perm("meetings.add_venue"),
            "can_change": user.has_perm("meetings.change_venue"),
        },
    )


def venue_detail(request, pk: int):
    user = request.user
    venue = get_object_or_404(Venue, pk=pk)
    if venue.is_archived and not selectors.is_manager(user):
        raise Http404("No such venue")
    on = querysets.today()
    upcoming = list(
        selectors.visible_meetings(user)
        .live()
        .on_or_after(on)
        .filter(venue=venue)
        .exclude(status=S.CANCELLED)
        .select_related("body", "venue")
        .order_by("date", "start_time", "pk")[:20]
    )
    return render(
        request,
        "meetings/venue.html",
        {
            "page_title": venue.name,
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (VENUES_LABEL, VENUES_URL),
                (venue.name, None),
            ],
            "venue": venue,
            "upcoming": upcoming,
            "history": history_for(venue),
            "can_change": not venue.is_archived and user.has_perm("meetings.change_venue", venue),
        },
    )


def _venue_url(venue: Venue) -> str:
    return reverse("meetings:venue", args=[venue.pk])


@login_required
def venue_create(request):
    require_perm(request, "meetings.add_venue")
    title = "Add a venue"
    return run_form(
        request,
        form=VenueForm(request.POST or None),
        template=FORM,
        context={
            "page_title": title,
            "caption": VENUES_LABEL,
            "intro": "A place where bodies meet, to choose when scheduling a meeting.",
            "submit_label": "Add venue",
            "cancel_url": VENUES_URL,
            "breadcrumbs": [(INDEX_LABEL, INDEX_URL), (VENUES_LABEL, VENUES_URL), (title, None)],
        },
        save=lambda f: Goto(
            _venue_url(services.venue_create(fields=f.cleaned_changes(), by=request.user))
        ),
        success_message="Venue added.",
    )


@login_required
def venue_edit(request, pk: int):
    venue = get_object_or_404(Venue, pk=pk)
    require_perm(request, "meetings.change_venue", venue)
    if venue.is_archived:
        messages.info(request, "This venue is archived, so it cannot be changed.")
        return redirect(_venue_url(venue))
    return run_form(
        request,
        form=VenueForm(request.POST or None, instance=venue),
        template=FORM,
        context={
            "page_title": f"Change {venue.name}",
            "caption": VENUES_LABEL,
            "intro": "Calendars that subscribe to meetings held here get the new details.",
            "submit_label": "Save changes",
            "cancel_url": _venue_url(venue),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (VENUES_LABEL, VENUES_URL),
                (venue.name, _venue_url(venue)),
                ("Change", None),
            ],
        },
        save=lambda f: Goto(
            _venue_url(
                services.venue_update(
                    venue=venue,
                    changes=f.cleaned_changes(),
                    expected_version=expected_version(f),
                    by=request.user,
                )
            )
        ),
        success_message="Venue saved.",
    )


# --- A body's meeting settings -----------------------------------------------------------------


def _describe_settings(s: MeetingSettings | None) -> list[tuple[str, str]]:
    if s is None:
        return []
    rows = []
    if s.usual_weekday is not None:
        rows.append(("Usual day", s.get_usual_weekday_display()))
    if s.usual_start:
        end = f" to {s.usual_end:%H:%M}" if s.usual_end else ""
        rows.append(("Usual time", f"{s.usual_start:%H:%M}{end}"))
    if s.usual_venue_id:
        rows.append(("Usual venue", str(s.usual_venue)))
    return rows


@login_required
def meeting_settings(request, body_pk: int):
    body = get_object_or_404(Body.objects.live(), pk=body_pk)
    require_perm(request, "meetings.change_meetingsettings", body)
    current = MeetingSettings.objects.live().filter(body=body).first()
    form = MeetingSettingsForm(request.POST or None, instance=current)
    title = f"How {body.name} meets"
    offered = selectors.next_dates(body) if request.method != "POST" else []
    return run_form(
        request,
        form=form,
        template="meetings/settings.html",
        context={
            "page_title": title,
            "caption": INDEX_LABEL,
            "body": body,
            "cycle": body.get_meeting_cycle_display(),
            "offered": offered,
            "history": history_for(current) if current else [],
            "submit_label": "Save settings",
            "cancel_url": _body_list_url(body),
            "breadcrumbs": [
                (INDEX_LABEL, INDEX_URL),
                (body.name, _body_list_url(body)),
                ("Settings", None),
            ],
        },
        save=lambda f: (
            services.meeting_settings_set(body=body, fields=f.cleaned_changes(), by=request.user),
            Goto(_body_list_url(body)),
        )[1],
        form_class=lambda data, instance: MeetingSettingsForm(data, instance=instance),
        success_message="Meeting settings saved.",
    )
