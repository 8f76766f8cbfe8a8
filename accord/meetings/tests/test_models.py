"""The meeting records themselves: names, one-line locations, constraints the database keeps."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from accord.actions.factories import ActionFactory, ActionNoteFactory
from accord.common.factories import BodyFactory
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    ForwardPlanItemFactory,
    MeetingFactory,
    MeetingSettingsFactory,
    MinutesAmendmentFactory,
    VenueFactory,
)
from accord.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db


def test_every_factory_makes_a_record():
    item = AgendaItemFactory(papers=[PaperFactory()])
    assert item.papers.count() == 1
    decision = DecisionFactory(item=item)
    assert decision.meeting == item.meeting
    assert AttendanceFactory(meeting=item.meeting).meeting == item.meeting
    assert ForwardPlanItemFactory().status == "planned"
    assert MeetingSettingsFactory().body.meeting_settings
    assert MinutesAmendmentFactory().reason
    action = ActionFactory(origin=item)
    assert action.origin == item and action.origin_type.model == "agendaitem"
    assert ActionNoteFactory(action=action).action == action
    assert item.history.count() == 1


def test_names_and_locations():
    body = BodyFactory(name="LSP Thematic Leads")
    venue = VenueFactory(name="County Hall", address="Hoole Road\nChester", postcode="CH2 3NH")
    meeting = MeetingFactory(
        body=body, date=dt.date(2009, 4, 27), venue=venue, venue_text="Committee Room 2B"
    )
    assert str(meeting) == "LSP Thematic Leads meeting, 27 April 2009"
    assert meeting.location == "Committee Room 2B, County Hall, Hoole Road, Chester, CH2 3NH"
    meeting.title = "Cheshire West LSP Thematic Leads meeting"
    assert meeting.display_title == meeting.title
    assert str(AgendaItemFactory(number=3, title="Migrant Impact Fund bid")) == (
        "Item No. 3: Migrant Impact Fund bid"
    )


def test_one_live_item_per_number_and_one_attendance_per_person():
    item = AgendaItemFactory(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=item.meeting, number=1)
    row = AttendanceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AttendanceFactory(meeting=row.meeting, person=row.person)


def test_a_meeting_ends_after_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(start_time=dt.time(15, 0), end_time=dt.time(14, 0))
