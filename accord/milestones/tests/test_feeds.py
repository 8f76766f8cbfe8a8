"""The iCalendar feeds (RFC 5545), read back by two independent parsers."""

import datetime as dt

import icalendar
import pytest
import vobject
from django.urls import reverse

from accord.common.factories import (
    BodyFactory,
    MilestoneFactory,
    ProgrammeFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def timetables():
    lsp = BodyFactory(name="Local Strategic Partnership")
    scs = ProgrammeFactory(title="SCS timescale", owning_body=lsp)
    steps = ProgrammeFactory(title="SCS delivery plan steps 1 to 4")
    ms = [
        MilestoneFactory(
            programme=scs,
            title="Self-Evaluation / State of the Borough review",
            precision="by_day",
            due_on=D(2009, 4, 30),
            owner_body=lsp,
            status="done",
            completed_on=D(2009, 4, 28),
            source="LSP newsletter, January 2009",
        ),
        MilestoneFactory(
            programme=scs,
            title="LSP to issue a draft 2009-2019 SCS for consultation; with a comma, and more",
            precision="by_day",
            due_on=D(2009, 6, 30),
            owner_body=lsp,
        ),
        MilestoneFactory(
            programme=scs,
            title="Formally endorse the new SCS",
            precision="by_day",
            due_on=D(2009, 10, 30),
            status="cancelled",
        ),
        MilestoneFactory(
            programme=steps,
            title="Step 1: first cut of the template",
            precision="span",
            starts_on=D(2010, 8, 1),
            due_on=D(2010, 10, 31),
        ),
        MilestoneFactory(
            programme=steps,
            title="Step 4: Final Delivery Plan adopted by LSP",
            precision="month",
            due_on=D(2011, 4, 30),
        ),
    ]
    # Neither archived milestones nor those of an unpublished strategy are in any feed.
    MilestoneFactory(programme=scs, archived_on="2009-01-01T00:00Z", archive_reason="x")
    MilestoneFactory(programme=ProgrammeFactory(strategy=StrategyFactory(is_published=False)))
    return scs, steps, ms


EXPECTED = {
    0: (D(2009, 4, 30), D(2009, 5, 1), "CONFIRMED"),
    1: (D(2009, 6, 30), D(2009, 7, 1), "CONFIRMED"),
    2: (D(2009, 10, 30), D(2009, 10, 31), "CANCELLED"),
    3: (D(2010, 8, 1), D(2010, 11, 1), "CONFIRMED"),
    4: (D(2011, 4, 1), D(2011, 5, 1), "CONFIRMED"),
}


def test_feed_of_all_milestones_parses_with_icalendar(client, timetables):
    _, _, ms = timetables
    response = client.get(reverse("milestones:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded per RFC 5545
    cal = icalendar.Calendar.from_ical(body)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Accord//Partnership timetables//EN"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert "timetables" in str(cal["X-WR-CALNAME"])
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 5
    for i, m in enumerate(ms):
        e = events[f"milestone-{m.pk}@accord"]
        start, end, status = EXPECTED[i]
        assert e["DTSTART"].dt == start and e["DTSTART"].params.get("VALUE") == "DATE"
        assert e["DTEND"].dt == end
        assert isinstance(e["DTSTART"].dt, dt.date) and not isinstance(e["DTSTART"].dt, dt.datetime)
        assert str(e["SUMMARY"]) == m.title
        assert str(e["STATUS"]) == status
        assert str(e["URL"]) == f"http://testserver/timetables/milestones/{m.pk}/"
        assert e["DTSTAMP"].dt.tzinfo is not None
        assert e["LAST-MODIFIED"].dt.tzinfo is not None
        description = str(e["DESCRIPTION"])
        assert f"When: {m.date_label}" in description
        assert f"Timetable: {m.programme.title}" in description
        assert "Status: " in description
    first = str(events[f"milestone-{ms[0].pk}@accord"]["DESCRIPTION"])
    assert "Owner: Local Strategic Partnership" in first
    assert "Status: Done on 28 April 2009" in first
    assert "Source: LSP newsletter, January 2009" in first


def test_feed_parses_with_vobject(client, timetables):
    _, _, ms = timetables
    text = client.get(reverse("milestones:feed")).content.decode()
    cal = vobject.readOne(text)
    assert cal.version.value == "2.0"
    assert cal.prodid.value == "-//Accord//Partnership timetables//EN"
    assert cal.calscale.value == "GREGORIAN"
    events = {e.uid.value: e for e in cal.vevent_list}
    assert len(events) == 5
    for i, m in enumerate(ms):
        e = events[f"milestone-{m.pk}@accord"]
        start, end, status = EXPECTED[i]
        assert e.dtstart.value == start and e.dtend.value == end
        assert e.summary.value == m.title
        assert e.status.value == status
        assert e.url.value.endswith(m.get_absolute_url())
        assert e.dtstamp.value.tzinfo is not None
        assert e.contents["last-modified"][0].value.tzinfo is not None
        assert f"When: {m.date_label}" in e.description.value


def test_programme_feed_holds_only_its_milestones(client, timetables):
    scs, steps, ms = timetables
    response = client.get(reverse("milestones:programme-feed", args=[steps.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    cal = icalendar.Calendar.from_ical(response.content)
    assert str(cal["X-WR-CALNAME"]) == steps.title
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == sorted(
        f"milestone-{m.pk}@accord" for m in ms[3:]
    )
    vcal = vobject.readOne(response.content.decode())
    assert len(vcal.vevent_list) == 2
    assert client.get(reverse("milestones:programme-feed", args=[999999])).status_code == 404


def test_uids_are_stable_and_sequence_follows_the_version(client, timetables):
    _, _, ms = timetables
    from accord.milestones import services

    services.milestone_update(
        milestone=ms[1], changes={"title": "Draft SCS issued"}, expected_version=1, by=None
    )
    cal = icalendar.Calendar.from_ical(client.get(reverse("milestones:feed")).content)
    e = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == f"milestone-{ms[1].pk}@accord")
    assert str(e["SUMMARY"]) == "Draft SCS issued" and int(e["SEQUENCE"]) == 1


def test_empty_feed_is_still_a_valid_calendar(client):
    response = client.get(reverse("milestones:feed"))
    cal = vobject.readOne(response.content.decode())
    assert cal.version.value == "2.0"
    assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []
