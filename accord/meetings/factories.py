"""factory_boy factories for meetings."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accord.common.factories import BodyFactory, OrganisationFactory, PersonFactory
from accord.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Decision,
    DecisionKind,
    ForwardPlanItem,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    MinutesAmendment,
    Purpose,
    Venue,
)


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Committee Room {n}")
    address = "County Hall\nChester"
    postcode = "CH1 1SF"


class MeetingSettingsFactory(DjangoModelFactory):
    class Meta:
        model = MeetingSettings

    body = factory.SubFactory(BodyFactory)
    usual_weekday = 0
    usual_start = dt.time(14, 30)
    usual_end = dt.time(16, 0)


class MeetingFactory(DjangoModelFactory):
    """A public meeting whose agenda is published (no items: the service adds the standing ones,
    the factory does not)."""

    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = dt.date(2009, 4, 27)
    start_time = dt.time(14, 30)
    end_time = dt.time(16, 0)
    venue = factory.SubFactory(VenueFactory)
    status = MeetingStatus.AGENDA_PUBLISHED
    is_public = True
    is_illustrative = True


class AgendaItemFactory(DjangoModelFactory):
    class Meta:
        model = AgendaItem
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Test item {n}")
    purpose = Purpose.DISCUSSION

    @factory.post_generation
    def papers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.papers.set(extracted)


class ForwardPlanItemFactory(DjangoModelFactory):
    class Meta:
        model = ForwardPlanItem

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Planned item {n}")
    purpose = Purpose.DISCUSSION
    intended_date = dt.date(2009, 6, 15)
    is_illustrative = True


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = AttendanceStatus.PRESENT
    capacity = Capacity.MEMBER


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision

    item = factory.SubFactory(AgendaItemFactory)
    meeting = factory.SelfAttribute("item.meeting")
    number = 1
    text = "The report was noted."
    kind = DecisionKind.DECISION
    is_restricted = factory.SelfAttribute("item.is_restricted")


class MinutesAmendmentFactory(DjangoModelFactory):
    class Meta:
        model = MinutesAmendment

    meeting = factory.SubFactory(MeetingFactory)
    text = "For “Mike Lewis” read “Mike Lewis (Cheshire West and Chester Council)”."
    reason = "The organisation was left out."
