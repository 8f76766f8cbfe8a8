"""The agenda pack and minutes of a meeting as Word and PDF downloads, and the performance loop:
a body's exception report put on its next meeting's agenda from its scorecard."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.pages import require_perm
from accord.common.querysets import today
from accord.meetings import documents, selectors
from accord.meetings.models import Meeting
from accord.papers.services import paper_snapshot_exception_report


def _page(request, pk: int) -> selectors.MeetingPage:
    try:
        return selectors.meeting_page(pk, request.user)
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None


def _download(page: selectors.MeetingPage, doc: documents.Document, kind: str, ext: str):
    m = page.meeting
    data = documents.render_docx(doc) if ext == "docx" else documents.render_pdf(doc)
    response = HttpResponse(
        data, content_type=documents.DOCX_TYPE if ext == "docx" else documents.PDF_TYPE
    )
    name = slugify(f"{m.body.name} {m.date_iso} {kind}")[:90] or kind
    response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    # A member's copy carries restricted items and draft minutes: never kept by shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def agenda_pack_docx(request, pk: int):
    page = _page(request, pk)
    doc = documents.agenda_pack(page, base_url=_base_url(request))
    return _download(page, doc, "agenda pack", "docx")


def agenda_pack_pdf(request, pk: int):
    page = _page(request, pk)
    doc = documents.agenda_pack(page, base_url=_base_url(request))
    return _download(page, doc, "agenda pack", "pdf")


def _minutes_page(request, pk: int) -> selectors.MeetingPage:
    page = _page(request, pk)
    if not documents.minutes_available(page):
        raise Http404("No minutes to show")
    return page


def minutes_docx(request, pk: int):
    page = _minutes_page(request, pk)
    kind = "minutes" if page.meeting.minutes_are_agreed else "draft minutes"
    return _download(page, documents.minutes(page), kind, "docx")


def minutes_pdf(request, pk: int):
    page = _minutes_page(request, pk)
    kind = "minutes" if page.meeting.minutes_are_agreed else "draft minutes"
    return _download(page, documents.minutes(page), kind, "pdf")


@require_POST
def add_exception_report(request, body_pk: int):
    """Put the body's exception report, as at the scorecard's day, on the agenda of its next
    meeting as a paper that keeps the figures as they were."""
    try:
        body = visible_bodies(request.user).live().get(pk=body_pk)
    except Body.DoesNotExist:
        raise Http404("No such body") from None
    require_perm(request, "meetings.add_agendaitem", body)
    require_perm(request, "papers.add_paper", body)
    on = today()
    iso = request.POST.get("as_of", "").strip()
    if iso:
        try:
            on = dt.date.fromisoformat(iso)
        except ValueError:
            return HttpResponseBadRequest(
                "The as_of date must be a real date written like 2010-01-15.",
                content_type="text/plain; charset=utf-8",
            )
        if on > today():
            return HttpResponseBadRequest(
                "The exception report cannot be taken as at a day still to come.",
                content_type="text/plain; charset=utf-8",
            )
    back = reverse("scorecards:body", args=[body.pk]) + f"?as_of={on.isoformat()}"
    meeting = selectors.next_meeting_for(body, after=today())
    if meeting is None:
        messages.error(request, f"{body.name} has no meeting coming up to add the report to.")
        return redirect(back)
    wanted = request.POST.get("meeting", "").strip()
    if wanted and wanted != str(meeting.pk):
        messages.error(
            request,
            "The body's next meeting has changed since the page was opened; check it and try "
            "again.",
        )
        return redirect(back)
    try:
        paper = paper_snapshot_exception_report(
            body=body, meeting=meeting, as_of=on, by=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    item = paper.agenda_items.get()
    messages.success(
        request,
        f"The exception report as at {documents.day(on)} is on the agenda of {meeting} as "
        f"Item No. {item.number}.",
    )
    return redirect(meeting)
