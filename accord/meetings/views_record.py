"""The pages that record what happened at a meeting: attendance (with the quorum), the minute of
each item with its decisions and actions arising, and the approval of the minutes (circulate,
agree at a later meeting by its decision, sign, amend once agreed); and the attendance
statistics per person and per partner organisation, with their CSV.

Views stay thin: form → one service (or two in one transaction) → redirect. A meeting the user
may not see is a 404; a page they may see but not use is a 403."""

import csv
import datetime as dt
import hashlib
import math
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from accord.accounts.permissions import body_roles
from accord.actions.models import Action
from accord.bodies.models import Body
from accord.common.editing import (
    STALE_MESSAGE,
    apply_errors,
    expected_version,
    stale_differences,
)
from accord.common.forms import ArchiveForm
from accord.common.pages import require_perm
from accord.common.querysets import today
from accord.common.selectors import history_for
from accord.common.services import StaleEditError
from accord.meetings import rules, services
from accord.meetings.forms_record import (
    ActionForm,
    AgreeForm,
    AmendForm,
    AttendanceForm,
    CirculateForm,
    DecisionForm,
    MemberRow,
    MinuteForm,
    SignForm,
    StatsForm,
    year_before,
)
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    Meeting,
    MeetingStatus,
    MinutesAmendment,
)
from accord.meetings.selectors import (
    EXPECTED_ROLES,
    AttendanceLine,
    attendance_stats,
    is_manager,
    quorum_for,
    visible_meetings,
)
from accord.memberships.models import Membership, Role
from accord.organisations.models import Organisation
from accord.people.models import Person
from accord.scorecards.charts import BLUE, FONT, GRID, INK

FORM_TEMPLATE = "meetings/record_form.html"
MEETINGS_LABEL = "Meetings"
MEETINGS_URL = reverse_lazy("meetings:list")
STATS_TITLE = "Attendance statistics"
ATTENDANCE_STALE = (
    "Someone else changed the attendance after you opened it, so your changes were not saved. "
    "What is saved now is listed above the form; your own choices are still in the form. "
    "Check them, then save again if yours should replace theirs."
)


def _day(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def _meeting(request, pk: int, perm: str) -> Meeting:
    """The meeting, if this user may see it (else 404) and do `perm` to it (else 403)."""
    try:
        meeting = (
            visible_meetings(request.user)
            .select_related("body", "body__meeting_settings", "venue")
            .get(pk=pk)
        )
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None
    require_perm(request, perm, meeting)
    return meeting


def _crumbs(meeting: Meeting, *tail: tuple[str, str | None]) -> list[tuple[str, Any]]:
    return [
        (MEETINGS_LABEL, MEETINGS_URL),
        (str(meeting), meeting.get_absolute_url()),
        *tail,
    ]


def _turn_away(request, meeting: Meeting, message: str, to: str | None = None):
    messages.info(request, message)
    return redirect(to or meeting.get_absolute_url())


def _submit(
    request,
    form,
    *,
    save: Callable[[Any], Any],
    rebuild: Callable[[Any, Any], Any],
) -> tuple[bool, Any, int, list | None]:
    """Validate a posted form and call its service: (saved?, form to show, status, stale rows).
    A rule broken in the service is shown on its field; a stale edit keeps the user's input,
    lists what the other person saved, and carries the saved version for a deliberate
    second save."""
    if not form.is_valid():
        return False, form, 422, None
    try:
        save(form)
    except ValidationError as error:
        apply_errors(form, error)
        return False, form, 422, None
    except StaleEditError as stale:
        rows = stale_differences(form, stale.current)
        data = request.POST.copy()
        data[form.add_prefix("version")] = str(stale.current.version)
        form = rebuild(data, stale.current)
        form.is_valid()
        form.add_error(None, STALE_MESSAGE)
        return False, form, 409, rows
    return True, form, 200, None


def _form_page(
    request,
    meeting: Meeting,
    form,
    *,
    title: str,
    save: Callable[[Any], Any],
    rebuild: Callable[[Any, Any], Any],
    done_url: str,
    success: str,
    context: dict[str, Any],
):
    """A one-form page about a meeting (circulate, agree, sign, amend, a decision)."""
    status, stale_rows = 200, None
    if request.method == "POST":
        saved, form, status, stale_rows = _submit(request, form, save=save, rebuild=rebuild)
        if saved:
            messages.success(request, success)
            return redirect(done_url)
    return render(
        request,
        FORM_TEMPLATE,
        {
            "page_title": title,
            "caption": str(meeting),
            "meeting": meeting,
            "breadcrumbs": _crumbs(meeting, (title, None)),
            "cancel_url": meeting.get_absolute_url(),
            "form": form,
            "stale_rows": stale_rows,
            **context,
        },
        status=status,
    )


# --- Attendance --------------------------------------------------------------------------------


def _state(entries: Sequence[Attendance]) -> str:
    """A fingerprint of the saved attendance, so a save made over someone else's is noticed."""
    text = ",".join(f"{e.pk}:{e.version}" for e in sorted(entries, key=lambda e: e.pk))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _entries(meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.live()
        .filter(meeting=meeting)
        .select_related("person", "organisation", "substitute_for")
        .order_by("person__sort_name", "person__name", "pk")
    )


def _members(meeting: Meeting, entries: list[Attendance]) -> tuple[list[MemberRow], int]:
    """The body's members on the meeting's date (chair first), each once, and how many of
    them have a vote."""
    by_person = {e.person_id: e for e in entries}
    rows: dict[int, MemberRow] = {}
    voting: set[int] = set()
    memberships = (
        Membership.objects.live()
        .as_of(meeting.date)
        .filter(body_id=meeting.body_id, role__in=EXPECTED_ROLES)
        .select_related("person", "on_behalf_of")
        .order_by("person__sort_name", "person__name", "pk")
    )
    for ms in memberships:
        if ms.has_vote:
            voting.add(ms.person_id)
        row = rows.get(ms.person_id)
        is_chair = ms.role == Role.CHAIR
        if row is None:
            rows[ms.person_id] = MemberRow(
                person=ms.person,
                role=ms.get_role_display(),
                organisation=ms.on_behalf_of,
                is_chair=is_chair,
                entry=by_person.get(ms.person_id),
            )
        elif is_chair:
            row.is_chair, row.role = True, ms.get_role_display()
    ordered = sorted(rows.values(), key=lambda r: not r.is_chair)
    return ordered, len(voting)


def _status_label(entry: dict | Attendance | None) -> str:
    if entry is None:
        return "Not recorded"
    if isinstance(entry, dict):
        status, capacity = entry["status"], entry["capacity"]
    else:
        status, capacity = entry.status, entry.capacity
    return f"{AttendanceStatus(status).label} ({capacity.replace('_', ' ')})"


def _attendance_differences(current: list[Attendance], mine: list[dict]) -> list:
    saved = {e.person_id: e for e in current}
    yours = {r["person"].pk: r for r in mine}
    names = {e.person_id: str(e.person) for e in current}
    names.update({r["person"].pk: str(r["person"]) for r in mine})
    rows = []
    for pid in sorted(names, key=lambda p: names[p]):
        a, b = _status_label(saved.get(pid)), _status_label(yours.get(pid))
        if a != b:
            rows.append((names[pid], a, b))
    return rows


def _attendance_fixed(meeting: Meeting) -> str:
    if meeting.is_archived:
        return "This meeting is archived, so its attendance cannot be changed."
    if meeting.is_cancelled:
        return "This meeting was cancelled, so it has no attendance."
    if rules.agreed_minutes_are_fixed(meeting.status):
        return "The minutes are agreed, so the attendance is fixed."
    return ""


def attendance(request, pk: int):
    """Record who was present, sent apologies or was absent, and the others who attended."""
    meeting = _meeting(request, pk, "meetings.change_attendance")
    here = reverse("meetings:attendance", args=[meeting.pk])
    fixed = _attendance_fixed(meeting)
    if fixed and request.method == "POST":
        return _turn_away(request, meeting, fixed, here)
    entries = _entries(meeting)
    members, voting = _members(meeting, entries)
    member_ids = {m.person.pk for m in members}
    people = Person.objects.live().order_by("sort_name", "name")
    organisations = Organisation.objects.live().order_by("name")

    def build(data, entries: list[Attendance], members: list[MemberRow]) -> AttendanceForm:
        ids = {m.person.pk for m in members}
        return AttendanceForm(
            data,
            members=members,
            others=[e for e in entries if e.person_id not in ids],
            people=people,
            organisations=organisations,
            initial={"state": _state(entries)},
        )

    form = build(request.POST if request.method == "POST" else None, entries, members)
    status, stale_rows = 200, None
    if request.method == "POST" and not fixed:
        status = 422
        if form.is_valid():
            rows = form.rows()
            stale = False
            try:
                with transaction.atomic():
                    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
                    stale = _state(_entries(meeting)) != form.cleaned_data["state"]
                    if not stale:
                        services.attendance_record(
                            meeting=meeting, rows=rows, replace=True, by=request.user
                        )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if not stale:
                    messages.success(request, "Attendance saved.")
                    return redirect(f"{here}#quorum")
                entries = _entries(meeting)
                members, voting = _members(meeting, entries)
                stale_rows = _attendance_differences(entries, rows)
                data = request.POST.copy()
                data["state"] = _state(entries)
                for e in entries:
                    # Someone else's new entries keep their saved status in the form.
                    if e.person_id not in {m.person.pk for m in members}:
                        data.setdefault(f"other_{e.person_id}_status", e.status)
                form = build(data, entries, members)
                form.is_valid()
                form.add_error(None, ATTENDANCE_STALE)
                status = 409
    quorum = quorum_for(meeting, entries, voting)
    title = "Attendance"
    return render(
        request,
        "meetings/record_attendance.html",
        {
            "page_title": f"{title}: {meeting}",
            "heading": title,
            "caption": str(meeting),
            "breadcrumbs": _crumbs(meeting, (title, None)),
            "meeting": meeting,
            "form": None if fixed else form,
            "fixed": fixed,
            "entries": entries,
            "member_count": len(member_ids),
            "quorum": quorum,
            "stale_rows": stale_rows,
            "cancel_url": meeting.get_absolute_url(),
        },
        status=status,
    )


# --- The minute of an item, its decisions and actions -------------------------------------------


def _minutes_closed(meeting: Meeting) -> str:
    """Why the minutes cannot be written now, or "" when they can."""
    if meeting.is_archived:
        return "This meeting is archived, so its minutes cannot be changed."
    if rules.agreed_minutes_are_fixed(meeting.status):
        return "The minutes are agreed, so they are fixed: record a correction as an amendment."
    if not rules.minutes_editable(meeting.status):
        return "Minutes are written once the meeting has been held."
    return ""


def _item(meeting: Meeting, item_pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.live()
        .filter(meeting=meeting, pk=item_pk)
        .select_related("presenter")
        .first()
    )
    if item is None:
        raise Http404("No such item on this meeting's agenda")
    return item


def item_minutes(request, pk: int, item_pk: int):
    """The minute of one item, its decisions and the actions arising from it."""
    meeting = _meeting(request, pk, "meetings.record_minutes")
    item = _item(meeting, item_pk)
    user = request.user
    here = reverse("meetings:item-minutes", args=[meeting.pk, item.pk])
    closed = _minutes_closed(meeting)
    which = request.POST.get("form", "") if request.method == "POST" else ""
    if which and closed:
        return _turn_away(request, meeting, closed, here)
    if which == "decision":
        require_perm(request, "meetings.add_decision", meeting.body)
    elif which == "action":
        require_perm(request, "actions.add_action", meeting.body)
    people = Person.objects.live().order_by("sort_name", "name")
    organisations = Organisation.objects.live().order_by("name")
    posted = request.POST if which else None
    minute_form = MinuteForm(posted if which == "minute" else None, instance=item, prefix="minute")
    decision_form = DecisionForm(posted if which == "decision" else None, prefix="decision")
    action_form = ActionForm(
        posted if which == "action" else None,
        prefix="action",
        people=people,
        organisations=organisations,
    )
    status, stale_rows, failed = 200, None, None
    if which == "minute":
        saved, minute_form, status, stale_rows = _submit(
            request,
            minute_form,
            save=lambda f: services.minutes_record(
                item=item,
                text=f.cleaned_data["minutes"],
                expected_version=expected_version(f),
                by=user,
            ),
            rebuild=lambda data, current: MinuteForm(data, instance=current, prefix="minute"),
        )
        if saved:
            messages.success(request, "Minute saved.")
            return redirect(f"{here}#minute")
        failed = minute_form
    elif which == "decision":
        saved, decision_form, status, stale_rows = _submit(
            request,
            decision_form,
            save=lambda f: services.decision_record(item=item, fields=f.cleaned_changes(), by=user),
            rebuild=lambda data, current: DecisionForm(data, prefix="decision"),
        )
        if saved:
            messages.success(request, "Decision recorded.")
            return redirect(f"{here}#decisions")
        failed = decision_form
    elif which == "action":
        saved, action_form, status, stale_rows = _submit(
            request,
            action_form,
            save=lambda f: services.meeting_action_add(
                item=item, fields=f.cleaned_changes(), by=user
            ),
            rebuild=lambda data, current: ActionForm(
                data, prefix="action", people=people, organisations=organisations
            ),
        )
        if saved:
            messages.success(request, "Action added.")
            return redirect(f"{here}#actions")
        failed = action_form
    elif request.method == "POST":
        return redirect(here)

    items = list(
        AgendaItem.objects.live()
        .filter(meeting=meeting)
        .order_by("number")
        .values("pk", "number", "title")
    )
    place = next(i for i, row in enumerate(items) if row["pk"] == item.pk)
    title = f"Item No. {item.number}: {item.title}"
    return render(
        request,
        "meetings/record_item.html",
        {
            "page_title": f"Minutes of {title} – {meeting}",
            "caption": str(meeting),
            "heading": title,
            "breadcrumbs": _crumbs(meeting, (f"Minutes of item {item.number}", None)),
            "meeting": meeting,
            "item": item,
            "closed": closed,
            "minute_form": minute_form,
            "decision_form": decision_form,
            "action_form": action_form,
            "form": failed,
            "stale_rows": stale_rows,
            "decisions": list(
                item.decisions.live().order_by("number", "pk")  # type: ignore[attr-defined]
            ),
            "actions": list(
                # Joining the content type by name keeps the query count fixed whatever the
                # content-type cache holds.
                Action.objects.live()
                .filter(
                    origin_type__app_label="meetings",
                    origin_type__model="agendaitem",
                    origin_id=item.pk,
                )
                .select_related("owner", "organisation")
                .order_by("pk")
            ),
            "can_add_decision": user.has_perm("meetings.add_decision", meeting.body),
            "can_change_decision": user.has_perm("meetings.change_decision", meeting),
            "can_add_action": user.has_perm("actions.add_action", meeting.body),
            "previous_item": items[place - 1] if place > 0 else None,
            "next_item": items[place + 1] if place + 1 < len(items) else None,
            "history": history_for(item),
        },
        status=status,
    )


def _decision(meeting: Meeting, decision_pk: int) -> Decision:
    decision = (
        Decision.objects.live()
        .filter(meeting=meeting, pk=decision_pk)
        .select_related("item")
        .first()
    )
    if decision is None:
        raise Http404("No such decision at this meeting")
    return decision


def _decision_back(meeting: Meeting, decision: Decision) -> str:
    if decision.item_id:
        return reverse("meetings:item-minutes", args=[meeting.pk, decision.item_id])
    return meeting.get_absolute_url()


def decision_edit(request, pk: int, decision_pk: int):
    meeting = _meeting(request, pk, "meetings.change_decision")
    decision = _decision(meeting, decision_pk)
    back = _decision_back(meeting, decision)
    closed = _minutes_closed(meeting)
    if closed:
        return _turn_away(request, meeting, closed, back)
    return _form_page(
        request,
        meeting,
        DecisionForm(request.POST or None, instance=decision),
        title="Change the decision",
        save=lambda f: services.decision_update(
            decision=decision,
            changes=f.cleaned_changes(),
            expected_version=expected_version(f),
            by=request.user,
        ),
        rebuild=lambda data, current: DecisionForm(data, instance=current),
        done_url=f"{back}#decisions" if decision.item_id else back,
        success="Decision saved.",
        context={
            "submit_label": "Save the decision",
            "cancel_url": back,
            "intro": f"Under {decision.item}." if decision.item_id else "",
        },
    )


def decision_archive(request, pk: int, decision_pk: int):
    # Archiving a decision corrects the draft minutes, so it needs the right to change them.
    meeting = _meeting(request, pk, "meetings.change_decision")
    decision = _decision(meeting, decision_pk)
    back = _decision_back(meeting, decision)
    closed = _minutes_closed(meeting)
    if closed:
        return _turn_away(request, meeting, closed, back)
    return _form_page(
        request,
        meeting,
        ArchiveForm(request.POST or None, initial={"version": decision.version}),
        title="Archive the decision",
        save=lambda f: services.decision_archive(
            decision=decision,
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        rebuild=lambda data, current: ArchiveForm(data),
        done_url=f"{back}#decisions" if decision.item_id else back,
        success="Decision archived.",
        context={
            "submit_label": "Archive the decision",
            "cancel_url": back,
            "intro": "It leaves the minutes; its text and history stay readable.",
            "summary_rows": [("Decision", decision.text), ("Kind", decision.get_kind_display())],
        },
    )


# --- Approving the minutes -----------------------------------------------------------------------


def _meeting_rows(meeting: Meeting) -> list[tuple[str, str]]:
    rows = [("Body", str(meeting.body)), ("Date", meeting.date_label)]
    rows.append(("Minutes", meeting.get_status_display()))
    if meeting.minutes_circulated_on:
        rows.append(("Circulated", _day(meeting.minutes_circulated_on)))
    return rows


def circulate(request, pk: int):
    """Circulate the draft minutes to the members, ready for the next meeting to agree."""
    meeting = _meeting(request, pk, "meetings.circulate_minutes")
    if meeting.is_archived or meeting.status != MeetingStatus.MINUTES_DRAFT:
        return _turn_away(
            request,
            meeting,
            "Only minutes in draft are circulated; these are "
            f"“{meeting.get_status_display().lower()}”."
            if not meeting.is_archived
            else "This meeting is archived.",
        )
    return _form_page(
        request,
        meeting,
        CirculateForm(
            request.POST or None,
            meeting=meeting,
            initial={"version": meeting.version, "minutes_circulated_on": today()},
        ),
        title="Circulate the minutes",
        save=lambda f: services.minutes_circulate(
            meeting=meeting,
            on=f.cleaned_data["minutes_circulated_on"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        rebuild=lambda data, current: CirculateForm(data, meeting=current),
        done_url=meeting.get_absolute_url(),
        success="Minutes circulated.",
        context={
            "submit_label": "Circulate the minutes",
            "intro": "The draft minutes go to the members, to be agreed at the next meeting. "
            "They can still be corrected until then.",
            "summary_rows": _meeting_rows(meeting),
        },
    )


def agree(request, pk: int):
    """Record that a later meeting of the body agreed the minutes, by its decision."""
    meeting = _meeting(request, pk, "meetings.agree_minutes")
    if meeting.is_archived or meeting.status not in (
        MeetingStatus.MINUTES_DRAFT,
        MeetingStatus.MINUTES_CIRCULATED,
    ):
        return _turn_away(
            request,
            meeting,
            "Only minutes in draft or circulated are agreed; these are "
            f"“{meeting.get_status_display().lower()}”."
            if not meeting.is_archived
            else "This meeting is archived.",
        )
    later = (
        Meeting.objects.live()
        .filter(body_id=meeting.body_id, date__gt=meeting.date)
        .exclude(
            status__in=(
                MeetingStatus.SCHEDULED,
                MeetingStatus.AGENDA_PUBLISHED,
                MeetingStatus.CANCELLED,
            )
        )
        .select_related("body")
        .order_by("date", "pk")
    )
    decisions = (
        Decision.objects.live()
        .filter(meeting__in=later)
        .select_related("meeting", "item")
        .order_by("meeting__date", "item__number", "number", "pk")
    )
    title = "Record that the minutes were agreed"
    if not later.exists():
        return render(
            request,
            FORM_TEMPLATE,
            {
                "page_title": title,
                "caption": str(meeting),
                "meeting": meeting,
                "breadcrumbs": _crumbs(meeting, (title, None)),
                "summary_rows": _meeting_rows(meeting),
                "blocked": f"Minutes are agreed at a later meeting of {meeting.body} once it "
                "has been held. No later meeting has been recorded as held yet.",
                "cancel_url": meeting.get_absolute_url(),
            },
        )
    user = request.user
    first = later.first()
    form = AgreeForm(
        request.POST or None,
        meetings=later,
        decisions=decisions,
        initial={
            "version": meeting.version,
            "minutes_agreed_at": first.pk if first else None,
            "decision_text": (
                f"The minutes of the meeting held {'on' if meeting.has_day else 'in'} "
                f"{meeting.date_label} were agreed as a true record."
            ),
        },
    )

    def save(f):
        at: Meeting = f.cleaned_data["minutes_agreed_at"]
        decision: Decision | None = f.cleaned_data["minutes_agreed_by"]
        if decision is None:
            require_perm(request, "meetings.add_decision", at)
            return services.minutes_agree_by_new_decision(
                meeting=meeting,
                at_meeting=at,
                decision_text=f.cleaned_data["decision_text"],
                expected_version=expected_version(f),
                by=user,
            )
        return services.minutes_agree(
            meeting=meeting,
            at_meeting=at,
            decision=decision,
            expected_version=expected_version(f),
            by=user,
        )

    return _form_page(
        request,
        meeting,
        form,
        title=title,
        save=save,
        rebuild=lambda data, current: AgreeForm(data, meetings=later, decisions=decisions),
        done_url=meeting.get_absolute_url(),
        success="The minutes are recorded as agreed.",
        context={
            "submit_label": "Record as agreed",
            "intro": "Once agreed, the minutes are fixed: a correction after that is recorded "
            "as an amendment. The chair then signs them.",
            "summary_rows": _meeting_rows(meeting),
        },
    )


def sign(request, pk: int):
    """The chair signs the agreed minutes, with their name and the date."""
    meeting = _meeting(request, pk, "meetings.sign_minutes")
    if meeting.is_archived or meeting.status != MeetingStatus.MINUTES_AGREED:
        return _turn_away(request, meeting, "Minutes are signed once they are agreed.")
    if meeting.signed_on is not None:
        return _turn_away(
            request,
            meeting,
            f"The minutes were signed by {meeting.signed_by_name} on {_day(meeting.signed_on)}.",
        )
    chair_roles = (Role.CHAIR, Role.VICE_CHAIR)
    chairs = (
        Person.objects.filter(
            memberships__body_id=meeting.body_id,
            memberships__role__in=chair_roles,
            memberships__archived_on__isnull=True,
        )
        .distinct()
        .order_by("sort_name", "name")
    )
    user = request.user
    mine = getattr(user, "person_id", None)
    current_chair = (
        Membership.objects.current()
        .filter(body_id=meeting.body_id, role=Role.CHAIR)
        .values_list("person_id", flat=True)
        .first()
    )
    default = mine if mine and chairs.filter(pk=mine).exists() else current_chair
    agreed_at = meeting.minutes_agreed_at
    rows = _meeting_rows(meeting)
    if agreed_at is not None:
        rows.append(("Agreed at", str(agreed_at)))
    return _form_page(
        request,
        meeting,
        SignForm(
            request.POST or None,
            chairs=chairs,
            initial={"version": meeting.version, "signed_by": default, "signed_on": today()},
        ),
        title="Sign the minutes",
        save=lambda f: services.minutes_sign(
            meeting=meeting,
            chair=f.cleaned_data["signed_by"],
            name=f.cleaned_data["signed_by_name"],
            on=f.cleaned_data["signed_on"],
            expected_version=expected_version(f),
            by=user,
        ),
        rebuild=lambda data, current: SignForm(data, chairs=chairs),
        done_url=meeting.get_absolute_url(),
        success="The minutes are signed.",
        context={
            "submit_label": "Sign the minutes",
            "intro": "The chair signs the agreed minutes as a true record.",
            "summary_rows": rows,
        },
    )


def amend(request, pk: int):
    """Record a correction to agreed minutes, beside them."""
    meeting = _meeting(request, pk, "meetings.add_minutesamendment")
    if meeting.is_archived or meeting.status != MeetingStatus.MINUTES_AGREED:
        return _turn_away(
            request,
            meeting,
            "Only agreed minutes are amended: until then, correct the minute of the item.",
        )
    items = AgendaItem.objects.live().filter(meeting=meeting).order_by("number")
    later = (
        Meeting.objects.live()
        .filter(body_id=meeting.body_id, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("date", "pk")
    )
    return _form_page(
        request,
        meeting,
        AmendForm(request.POST or None, items=items, meetings=later),
        title="Amend the agreed minutes",
        save=lambda f: services.minutes_amend(
            meeting=meeting,
            item=f.cleaned_data["item"],
            text=f.cleaned_data["text"],
            reason=f.cleaned_data["reason"],
            agreed_at=f.cleaned_data["agreed_at"],
            by=request.user,
        ),
        rebuild=lambda data, current: AmendForm(data, items=items, meetings=later),
        done_url=meeting.get_absolute_url(),
        success="Amendment recorded.",
        context={
            "submit_label": "Record the amendment",
            "intro": "The agreed minutes stay as they were agreed; the correction is recorded "
            "beside them with its reason.",
            "summary_rows": _meeting_rows(meeting),
            "amendments": list(
                MinutesAmendment.objects.live()
                .filter(meeting=meeting)
                .select_related("item", "agreed_at", "agreed_at__body")
            ),
        },
    )


# --- Attendance statistics -----------------------------------------------------------------------


def _stats_bodies(user) -> tuple[Any, bool]:
    """The bodies whose statistics this user may read, and whether they may read all bodies
    at once: managers everything, members their own bodies (the figures count meetings whose
    minutes are not yet agreed); nobody else."""
    if is_manager(user):
        return Body.objects.order_by("name"), True
    mine = list(body_roles(user))
    if not mine:
        raise PermissionDenied
    return Body.objects.filter(pk__in=mine).order_by("name"), False


def _stats_form(request) -> StatsForm:
    bodies, all_allowed = _stats_bodies(request.user)
    data = request.GET.copy()
    end = today()
    for name, default in (("end", end), ("start", year_before(end))):
        # A link that gives no dates means the last twelve months.
        if not any(data.get(f"{name}_{i}") for i in range(3)):
            for i, part in enumerate((default.day, default.month, default.year)):
                data[f"{name}_{i}"] = str(part)
    if not all_allowed and not data.get("body"):
        first = bodies.first()
        data["body"] = str(first.pk) if first else ""
    form = StatsForm(data, bodies=bodies, body_required=not all_allowed)
    form.is_valid()
    return form


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.0f}%"


def _overall(lines: Sequence[AttendanceLine]) -> float | None:
    expected = sum(line.expected for line in lines)
    return sum(line.attended for line in lines) / expected if expected else None


def _shorten(label: str, n: int) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


def _svg_text(x: float, y: float, label: str, *, anchor: str = "start", bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="13" fill="{INK}" '
        f'text-anchor="{anchor}"{weight}>{escape(label)}</text>'
    )


def rate_chart(
    *, chart_id: str, title: str, lines: Sequence[AttendanceLine], width: int = 640
) -> SafeString:
    """Attendance rates as horizontal bars, one row per subject in the order given, from 0 to
    100%, each labelled with its rate, and the rate across them all as a dashed line. The
    table beside it gives the figures behind every bar."""
    label_w, value_w, top, row_h = 220, 56, 34, 26
    rows = max(1, len(lines))
    axis_y = top + row_h * rows
    height = axis_y + 34 + 28
    plot_l, plot_r = label_w, width - value_w
    overall = _overall(lines)
    rated = [line for line in lines if line.rate is not None]
    if rated:
        high = max(rated, key=lambda line: line.rate or 0)
        low = min(rated, key=lambda line: line.rate or 0)
        bars = f"{len(lines)} bar{'s' if len(lines) != 1 else ''}"
        if _pct(high.rate) == _pct(low.rate):
            spread = f"Every rate is {_pct(high.rate)}."
        else:
            spread = (
                f"Highest: {high.subject} {_pct(high.rate)}. Lowest: {low.subject} "
                f"{_pct(low.rate)}. Across all: {_pct(overall)}."
            )
        desc = f"{bars}. {spread} The table beside the chart gives every figure."
    else:
        desc = "No meetings expected anyone in this period, so there are no rates to chart."

    def xs(share: float) -> float:
        return plot_l + share * (plot_r - plot_l)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="accord-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    if not rated:
        out.append(_svg_text(width / 2, top + 10, "No rates to chart", anchor="middle"))
        out.append("</svg>")
        return mark_safe("".join(out))
    for tick in (0, 0.25, 0.5, 0.75, 1):
        x = xs(tick)
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        out.append(_svg_text(x, axis_y + 16, f"{tick * 100:.0f}%", anchor="middle"))
    out.append(_svg_text(width - 4, 16, "Rate", anchor="end", bold=True))
    bar_h = row_h * 0.62
    for i, line in enumerate(lines):
        y = top + row_h * i + row_h / 2
        out.append(_svg_text(label_w - 8, y + 4.5, _shorten(str(line.subject), 30), anchor="end"))
        if line.rate is None:
            out.append(_svg_text(width - 4, y + 4.5, "–", anchor="end"))
            continue
        bar_w = max(0.0, xs(line.rate) - plot_l)
        out.append(
            f'<rect x="{plot_l}" y="{y - bar_h / 2:.1f}" width="{bar_w:.1f}" '
            f'height="{bar_h:.1f}" fill="{BLUE}"/>'
        )
        out.append(_svg_text(width - 4, y + 4.5, _pct(line.rate), anchor="end"))
    if overall is not None and math.isfinite(overall):
        x = xs(overall)
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{axis_y}" stroke="{INK}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        legend_y = axis_y + 42
        out.append(
            f'<line x1="{plot_l}" y1="{legend_y - 4}" x2="{plot_l + 28}" y2="{legend_y - 4}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        out.append(
            _svg_text(plot_l + 36, legend_y, f"Rate across them all: {_pct(overall)}", bold=True)
        )
    out.append("</svg>")
    return mark_safe("".join(out))


def attendance_stats_page(request):
    """Attendance per person and per partner organisation over any period."""
    form = _stats_form(request)
    stats = None
    chart = None
    if not form.errors:
        data = form.cleaned_data
        stats = attendance_stats(body=data["body"], start=data["start"], end=data["end"])
        for line in (*stats.people, *stats.organisations):
            line.pct = _pct(line.rate)  # type: ignore[attr-defined]
        period = f"{_day(stats.start)} to {_day(stats.end)}"
        chart = rate_chart(
            chart_id="org-attendance",
            title=f"Attendance rate by partner organisation, {period}",
            lines=stats.organisations,
        )
    return render(
        request,
        "meetings/record_stats.html",
        {
            "page_title": STATS_TITLE,
            "breadcrumbs": [(MEETINGS_LABEL, MEETINGS_URL), (STATS_TITLE, None)],
            "form": form,
            "stats": stats,
            "chart": chart,
            "people_overall": _pct(_overall(stats.people)) if stats else "",
            "organisations_overall": _pct(_overall(stats.organisations)) if stats else "",
            "csv_query": request.GET.urlencode(),
        },
        status=200 if not form.errors else 422,
    )


CSV_HEADER = [
    "kind",
    "name",
    "meetings expected",
    "attended",
    "apologies",
    "absent",
    "substituted",
    "attendance rate (%)",
]


def _cell(value: str) -> str:
    # A name that starts like a formula would run as one when the file is opened in a
    # spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def attendance_stats_csv(request):
    """The same statistics as CSV: one row per organisation, then one per person."""
    form = _stats_form(request)
    if form.errors:
        return redirect(f"{reverse('meetings:attendance-stats')}?{request.GET.urlencode()}")
    data = form.cleaned_data
    stats = attendance_stats(body=data["body"], start=data["start"], end=data["end"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="attendance-{stats.start:%Y-%m-%d}-to-{stats.end:%Y-%m-%d}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for kind, lines in (("organisation", stats.organisations), ("person", stats.people)):
        for line in lines:
            writer.writerow(
                [
                    kind,
                    _cell(str(line.subject)),
                    line.expected,
                    line.attended,
                    line.apologies,
                    line.absent,
                    line.substituted if kind == "person" else "",
                    "" if line.rate is None else f"{line.rate * 100:.1f}",
                ]
            )
    return response
