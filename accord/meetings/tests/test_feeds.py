"""The iCalendar feeds of meetings are valid RFC 5545 (read back by both `icalendar` and
`vobject`), keep each meeting's UID, carry changes and cancellations through SEQUENCE and STATUS,
and hold only the meetings the reader may see, for the partnership, a body or a person."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings import feeds
from accord.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from accord.meetings.models import AttendanceStatus, Meeting, MeetingStatus
from accord.meetings.services import meeting_cancel, meeting_update

ALL = "/meetings/calendar.ics"
LONDON = ZoneInfo("Europe/London")


def body_feed(body) -> str:
    return f"/meetings/calendar/body/{body.pk}.ics"


def person_feed(person) -> str:
    return f"/meetings/calendar/person/{person.pk}.ics"


def read(client, path: str) -> tuple[icalendar.Calendar, object, str]:
    """The feed at `path`, parsed by icalendar and by vobject, and its text."""
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    return icalendar.Calendar.from_ical(text), vobject.readOne(text), text


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@testserver"


@pytest.fixture
def leads(db):
    return BodyFactory(name="LSP Thematic Leads")


@pytest.fixture
def meeting(leads):
    """The Thematic Leads meeting of 27 April 2009 (seed 004; details illustrative)."""
    m = MeetingFactory(
        body=leads,
        title="LSP Thematic Leads",
        date=dt.date(2009, 4, 27),
        venue__name="Room 1, Headquarters",
        venue__address="58 Nicholas Street\nChester",
        venue__postcode="CH1 2NP",
    )
    AgendaItemFactory(meeting=m, number=1, title="Welcome and apologies")
    AgendaItemFactory(meeting=m, number=2, title="Performance exceptions")
    AgendaItemFactory(meeting=m, number=3, title="Staffing options", is_restricted=True)
    return m


# --- Valid iCalendar ----------------------------------------------------------------------------


def test_the_feed_is_valid_icalendar_read_by_both_libraries(client, meeting):
    cal, vcal, text = read(client, ALL)
    assert cal["VERSION"] == "2.0"
    assert str(cal["PRODID"]) == feeds.PRODID
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == uid(meeting)
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt == dt.datetime(2009, 4, 27, 14, 30, tzinfo=LONDON)
    assert event["DTEND"].dt == dt.datetime(2009, 4, 27, 16, 0, tzinfo=LONDON)
    assert str(event["SUMMARY"]) == "LSP Thematic Leads"
    assert str(event["LOCATION"]) == "Room 1, Headquarters, 58 Nicholas Street, Chester, CH1 2NP"
    assert str(event["URL"]) == f"http://testserver/meetings/{meeting.pk}/"
    assert event["SEQUENCE"] == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["LAST-MODIFIED"].dt == meeting.modified_on.replace(microsecond=0)
    (vevent,) = vcal.vevent_list
    assert vevent.uid.value == uid(meeting)
    assert vevent.dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert vevent.dtstart.value.replace(tzinfo=None) == dt.datetime(2009, 4, 27, 14, 30)
    assert vevent.dtstamp.value is not None
    assert vevent.sequence.value == "0"
    assert "\r\n" in text


def test_the_description_lists_the_public_agenda_items(client, meeting):
    cal, _, _ = read(client, ALL)
    (event,) = cal.walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert "Item No. 1: Welcome and apologies" in description
    assert "Item No. 2: Performance exceptions" in description
    assert "Staffing" not in description


def test_restricted_items_stay_out_even_for_members(client, meeting, leads):
    person = PersonFactory()
    MembershipFactory(person=person, body=leads)
    client.force_login(UserFactory(person=person))
    _, _, text = read(client, ALL)
    assert "Staffing" not in text


def test_a_meeting_whose_time_was_not_recorded_takes_the_whole_day(client, leads):
    MeetingFactory(
        body=leads, title="Partnership event", date=dt.date(2008, 12, 8), start_time=None
    )
    cal, vcal, _ = read(client, ALL)
    (event,) = cal.walk("VEVENT")
    assert event["DTSTART"].dt == dt.date(2008, 12, 8)
    assert event["DTEND"].dt == dt.date(2008, 12, 9)
    assert vcal.vevent_list[0].dtstart.value == dt.date(2008, 12, 8)


def test_the_time_zone_rules_match_europe_london():
    zone = feeds.london_timezone().to_tz()
    for moment in [
        dt.datetime(2009, 1, 5, 12),
        dt.datetime(2009, 3, 29, 0, 30),
        dt.datetime(2009, 3, 29, 2, 30),
        dt.datetime(2009, 4, 27, 14, 30),
        dt.datetime(2009, 10, 25, 0, 30),
        dt.datetime(2009, 10, 25, 1, 30, fold=1),
        dt.datetime(2009, 12, 8, 10),
        dt.datetime(2031, 7, 1, 9),
    ]:
        assert (
            moment.replace(tzinfo=zone).utcoffset() == moment.replace(tzinfo=LONDON).utcoffset()
        ), moment


# --- Updates and cancellations -------------------------------------------------------------------


def test_uid_stays_and_sequence_goes_up_when_the_meeting_moves(client, meeting):
    manager = ManagerFactory()
    first, _, _ = read(client, ALL)
    meeting_update(
        meeting=meeting,
        changes={"start_time": dt.time(15, 0), "end_time": dt.time(17, 0)},
        expected_version=meeting.version,
        by=manager,
    )
    second, vcal, _ = read(client, ALL)
    (before,) = first.walk("VEVENT")
    (after,) = second.walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"]) == uid(meeting)
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["DTSTART"].dt == dt.datetime(2009, 4, 27, 15, 0, tzinfo=LONDON)
    assert after["LAST-MODIFIED"].dt >= before["LAST-MODIFIED"].dt
    assert int(vcal.vevent_list[0].sequence.value) == after["SEQUENCE"]


def test_a_cancelled_meeting_stays_in_the_feed_marked_cancelled(client, meeting):
    before, _, _ = read(client, ALL)
    meeting_cancel(
        meeting=meeting,
        reason="Not quorate.",
        expected_version=meeting.version,
        by=ManagerFactory(),
    )
    after, vcal, _ = read(client, ALL)
    (old,) = before.walk("VEVENT")
    (event,) = after.walk("VEVENT")
    assert str(event["UID"]) == uid(meeting)
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] > old["SEQUENCE"]
    assert "Not quorate." in str(event["DESCRIPTION"])
    assert vcal.vevent_list[0].status.value == "CANCELLED"


def test_the_uid_host_is_the_configured_site(client, meeting, settings):
    settings.ACCORD_SITE_URL = "https://accord.example.org"
    cal, _, _ = read(client, ALL)
    (event,) = cal.walk("VEVENT")
    assert str(event["UID"]) == f"{meeting.uid}@accord.example.org"


# --- Who sees what -------------------------------------------------------------------------------


@pytest.fixture
def mixed(leads, meeting):
    """Beside the public meeting: one private, one still in preparation, one of an unpublished
    body, one archived, and one of another body."""
    hidden = BodyFactory(name="Officer task group", is_published=False)
    other = BodyFactory(name="Safer Communities Partnership")
    return {
        "private": MeetingFactory(body=leads, title="Private session", is_public=False),
        "scheduled": MeetingFactory(
            body=leads, title="In preparation", status=MeetingStatus.SCHEDULED
        ),
        "hidden": MeetingFactory(body=hidden, title="Task group meeting"),
        "archived": MeetingFactory(
            body=leads, title="Entered twice", archived_on=meeting.created_on
        ),
        "other": MeetingFactory(body=other, title="Safer Communities"),
        "hidden_body": hidden,
        "other_body": other,
    }


def test_the_public_sees_public_meetings_whose_agenda_is_published(client, mixed):
    cal, _, _ = read(client, ALL)
    assert set(events(cal)) == {"LSP Thematic Leads", "Safer Communities"}


def test_a_member_sees_their_bodys_private_meetings_too(client, mixed, leads):
    person = PersonFactory()
    MembershipFactory(person=person, body=leads)
    client.force_login(UserFactory(person=person))
    cal, _, _ = read(client, ALL)
    shown = events(cal)
    assert set(shown) == {
        "LSP Thematic Leads",
        "Private session",
        "In preparation",
        "Safer Communities",
    }
    assert str(shown["Private session"]["CLASS"]) == "PRIVATE"
    # A meeting still in preparation has no published agenda to list.
    assert "Agenda" not in str(shown["In preparation"]["DESCRIPTION"])


def test_a_manager_sees_every_live_meeting(client, mixed):
    client.force_login(ManagerFactory())
    cal, _, _ = read(client, ALL)
    assert "Task group meeting" in events(cal)
    assert "Entered twice" not in events(cal)


def test_a_body_feed_holds_that_bodys_meetings(client, mixed, leads):
    cal, _, _ = read(client, body_feed(leads))
    assert set(events(cal)) == {"LSP Thematic Leads"}
    assert str(cal["X-WR-CALNAME"]) == "LSP Thematic Leads meetings"
    cal, _, _ = read(client, body_feed(mixed["other_body"]))
    assert set(events(cal)) == {"Safer Communities"}


def test_an_unpublished_or_unknown_body_has_no_public_feed(client, mixed):
    assert client.get(body_feed(mixed["hidden_body"])).status_code == 404
    assert client.get("/meetings/calendar/body/999999.ics").status_code == 404
    client.force_login(ManagerFactory())
    cal, _, _ = read(client, body_feed(mixed["hidden_body"]))
    assert set(events(cal)) == {"Task group meeting"}


def test_a_person_feed_holds_their_bodies_meetings_and_those_they_attended(client, mixed, leads):
    person = PersonFactory(name="Lisa Harris")
    MembershipFactory(person=person, body=leads)  # since 1 April 2009
    MeetingFactory(body=leads, title="Before joining", date=dt.date(2009, 3, 2))
    MeetingFactory(body=leads, title="Coming up", date=dt.date(2030, 1, 7))
    ended = BodyFactory(name="Chester Community Strategy Partnership")
    MembershipFactory(
        person=person, body=ended, start_date=dt.date(2003, 1, 1), end_date=dt.date(2009, 3, 31)
    )
    MeetingFactory(body=ended, title="While a member", date=dt.date(2009, 3, 2))
    MeetingFactory(body=ended, title="After leaving", date=dt.date(2009, 4, 27))
    attended = MeetingFactory(
        body=BodyFactory(name="Chester Area Partnership Board"),
        title="Chester APB",
        status=MeetingStatus.MINUTES_AGREED,
    )
    AttendanceFactory(meeting=attended, person=person)
    apologies = MeetingFactory(
        body=mixed["other_body"], title="Sent apologies", status=MeetingStatus.MINUTES_AGREED
    )
    AttendanceFactory(meeting=apologies, person=person, status=AttendanceStatus.APOLOGIES)
    # Attendance is not public until the minutes are agreed.
    not_yet_agreed = MeetingFactory(
        body=mixed["other_body"], title="Minutes in draft", status=MeetingStatus.MINUTES_DRAFT
    )
    AttendanceFactory(meeting=not_yet_agreed, person=person)

    cal, vcal, _ = read(client, person_feed(person))
    assert set(events(cal)) == {
        "LSP Thematic Leads",
        "Coming up",
        "While a member",
        "Chester APB",
    }
    assert str(cal["X-WR-CALNAME"]) == "Meetings: Lisa Harris"
    assert len(vcal.vevent_list) == 4


def test_an_unknown_or_archived_person_has_no_feed(client, db):
    assert client.get("/meetings/calendar/person/999999.ics").status_code == 404
    gone = PersonFactory(archived_on=dt.datetime(2010, 1, 1, tzinfo=LONDON))
    assert client.get(person_feed(gone)).status_code == 404


def test_feed_urls_are_named_for_pages_to_link(leads):
    person = PersonFactory()
    assert feeds.feed_url() == ALL
    assert feeds.feed_url(body=leads) == body_feed(leads)
    assert feeds.feed_url(person=person) == person_feed(person)


# --- Cost ----------------------------------------------------------------------------------------


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_a_feed_costs_the_same_queries_however_many_meetings(client, leads, meeting):
    person = PersonFactory()
    MembershipFactory(person=person, body=leads)
    AttendanceFactory(meeting=meeting, person=person)
    few = {path: _queries(client, path) for path in (ALL, body_feed(leads), person_feed(person))}
    for n in range(5):
        m = MeetingFactory(body=leads, date=dt.date(2009, 5, 1 + n))
        AgendaItemFactory(meeting=m, number=1)
        AgendaItemFactory(meeting=m, number=2)
    many = {path: _queries(client, path) for path in few}
    assert many == few
    assert max(many.values()) <= 4
