"""iCalendar feeds of milestones (RFC 5545), for subscribing in any calendar program.

Each milestone is one all-day event: a single day, or the whole span of a step that runs over
several months. Feeds hold only what the public may read, so they need no sign-in."""

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from accord.milestones import selectors
from accord.milestones.models import Milestone, MilestoneStatus, Programme

PRODID = "-//Accord//Partnership timetables//EN"
UID_DOMAIN = "accord"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _owner_text(m: Milestone) -> str:
    names = []
    for owner in m.owners:
        # A body not yet published is not named in a public feed.
        if getattr(owner, "is_published", True):
            names.append(str(owner))
    return ", ".join(names)


def milestone_event(m: Milestone, *, base_url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"milestone-{m.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", m.first_day)
    event.add("dtend", m.due_on + dt.timedelta(days=1))
    event.add("summary", m.title)
    status = m.get_status_display()
    if m.status == MilestoneStatus.DONE and m.completed_on:
        status = f"Done on {m.completed_on.day} {m.completed_on:%B %Y}"
    lines = [f"When: {m.date_label}", f"Timetable: {m.programme.title}"]
    owner = _owner_text(m)
    if owner:
        lines.append(f"Owner: {owner}")
    lines.append(f"Status: {status}")
    if m.description:
        lines.append(m.description)
    if m.source:
        lines.append(f"Source: {m.source}")
    event.add("description", "\n".join(lines))
    event.add("url", base_url + m.get_absolute_url())
    event.add("status", "CANCELLED" if m.status == MilestoneStatus.CANCELLED else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add("last-modified", m.modified_on)
    event.add("sequence", m.version - 1)
    return event


def build_calendar(
    milestones: list[Milestone], *, name: str, base_url: str, stamp: dt.datetime | None = None
) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    stamp = stamp or timezone.now()
    for m in milestones:
        cal.add_component(milestone_event(m, base_url=base_url, stamp=stamp))
    return cal


def _respond(request, milestones: list[Milestone], *, name: str, filename: str) -> HttpResponse:
    base_url = f"{request.scheme}://{request.get_host()}"
    cal = build_calendar(milestones, name=name, base_url=base_url)
    response = HttpResponse(cal.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def all_milestones_feed(request) -> HttpResponse:
    partnership = settings.ACCORD_PARTNERSHIP_NAME
    return _respond(
        request,
        selectors.feed_milestones(),
        name=f"{partnership} timetables",
        filename="milestones.ics",
    )


def programme_feed(request, pk: int) -> HttpResponse:
    try:
        programme = selectors.visible_programmes(None).live().get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404("No such timetable") from None
    return _respond(
        request,
        selectors.feed_milestones(programme=programme),
        name=programme.title,
        filename=f"timetable-{programme.pk}.ics",
    )


def feed_url(programme: Programme | None = None) -> str:
    if programme is None:
        return reverse("milestones:feed")
    return reverse("milestones:programme-feed", args=[programme.pk])
