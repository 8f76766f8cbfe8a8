"""iCalendar feeds of meetings (RFC 5545): the whole partnership, one body, or one person.

Each meeting is one event whose UID never changes (the meeting's `uid` at the site's host) and
whose SEQUENCE is the meeting's `sequence`, which goes up whenever the date, time, venue or
status changes, so that a subscribed calendar replaces its copy. A cancelled meeting stays in
the feed with STATUS:CANCELLED, so that calendars which already hold it strike it out rather
than keep it. Times are local to Europe/London, with the zone's rules (VTIMEZONE) in the feed.

A meeting whose day is not known (the records give only its month or year) is left out of the
feeds: an event needs a day or a time to start, and putting it on the 1st of the month would
tell calendars a date nobody recorded. It joins the feeds once its day is known.

A feed holds what the person asking may see: public meetings whose agenda is published for
anyone, more for members and managers when the request is signed in. Restricted agenda items
are never named, because a feed's address is easily shared."""

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
)
from accord.meetings.selectors import visible_meetings
from accord.memberships.models import Membership

PRODID = "-//Accord//Meetings//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"
TZID = "Europe/London"
LONDON = ZoneInfo(TZID)


# --- Which meetings ------------------------------------------------------------------------------


def feed_meetings(user, *, body=None, person=None) -> list[Meeting]:
    """The live meetings `user` may see, for everyone, one body, or one person, each with its
    agenda items that are not restricted (two queries, plus the visibility check's own).

    A person's meetings are those of the bodies they were a member of on the meeting's date
    (so a current member gets the coming meetings, and a former member keeps the past ones),
    and those the agreed minutes record them present at: who attended is public only once the
    minutes are agreed."""
    # Only meetings whose day is known: see the module's note.
    qs = visible_meetings(user).live().with_day()
    if body is not None:
        qs = qs.filter(body=body)
    if person is not None:
        member_then = (
            Membership.objects.live()
            .filter(person=person, body_id=OuterRef("body_id"))
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=OuterRef("date")))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("date")))
        )
        present = Attendance.objects.live().filter(
            person=person,
            status=AttendanceStatus.PRESENT,
            meeting=OuterRef("pk"),
            meeting__status=MeetingStatus.MINUTES_AGREED,
        )
        qs = qs.filter(Exists(member_then) | Exists(present))
    return list(
        qs.select_related("body", "venue")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.live()
                .filter(is_restricted=False)
                .order_by("number", "pk"),
                to_attr="feed_items",
            )
        )
        .order_by("date", "start_time", "pk")
    )


# --- The calendar --------------------------------------------------------------------------------


def uid_host(request=None) -> str:
    """The host in every UID: the site's configured address, so that UIDs stay the same however
    the site is reached; else the host the request came to."""
    configured = urlsplit(getattr(settings, "ACCORD_SITE_URL", "") or "").hostname
    if configured:
        return configured
    if request is not None:
        return request.get_host().split(":")[0]
    return "accord"


def london_timezone() -> Timezone:
    """Europe/London as a VTIMEZONE: British Summer Time from 01:00 GMT on the last Sunday of
    March to 01:00 GMT on the last Sunday of October (the rule since 1996)."""
    tz = Timezone()
    tz.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", dt.datetime(1996, 3, 31, 1, 0))
    summer.add("tzoffsetfrom", dt.timedelta(hours=0))
    summer.add("tzoffsetto", dt.timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", dt.datetime(1996, 10, 27, 2, 0))
    winter.add("tzoffsetfrom", dt.timedelta(hours=1))
    winter.add("tzoffsetto", dt.timedelta(hours=0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def _description(m: Meeting) -> str:
    lines = [str(m.body)]
    if m.is_cancelled:
        lines.append(f"Cancelled: {m.cancelled_reason}")
    items: list[AgendaItem] = getattr(m, "feed_items", [])
    if m.status != MeetingStatus.SCHEDULED and items:
        lines += ["", "Agenda:"] + [str(item) for item in items]
    return "\n".join(lines)


def meeting_event(m: Meeting, *, base_url: str, host: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{m.uid}@{host}")
    event.add("dtstamp", stamp)
    if m.start_time is None:
        # The time was not recorded: the meeting takes the whole day.
        event.add("dtstart", m.date)
        event.add("dtend", m.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", dt.datetime.combine(m.date, m.start_time, tzinfo=LONDON))
        if m.end_time is not None:
            event.add("dtend", dt.datetime.combine(m.date, m.end_time, tzinfo=LONDON))
    summary = m.display_title
    event.add("summary", f"Cancelled: {summary}" if m.is_cancelled else summary)
    if m.location:
        event.add("location", m.location)
    event.add("description", _description(m))
    event.add("url", base_url + m.get_absolute_url())
    event.add("sequence", m.sequence)
    event.add("status", "CANCELLED" if m.is_cancelled else "CONFIRMED")
    event.add("class", "PUBLIC" if m.is_public else "PRIVATE")
    event.add("last-modified", m.modified_on)
    return event


def build_calendar(
    meetings: Iterable[Meeting],
    *,
    name: str,
    base_url: str,
    host: str,
    stamp: dt.datetime | None = None,
) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(london_timezone())
    stamp = stamp or timezone.now()
    for m in meetings:
        if not m.has_day:
            continue  # no day to put it on (see the module's note)
        cal.add_component(meeting_event(m, base_url=base_url, host=host, stamp=stamp))
    return cal


def feed_url(*, body=None, person=None) -> str:
    """The address of a feed, for pages to link to."""
    if body is not None:
        return reverse("meeting_feeds:body", args=[body.pk])
    if person is not None:
        return reverse("meeting_feeds:person", args=[person.pk])
    return reverse("meeting_feeds:all")
