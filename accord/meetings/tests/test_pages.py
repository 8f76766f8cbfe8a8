"""The meeting pages: the list, the meeting page as each kind of user sees it, and the pages that
schedule meetings, build agendas and forward plans, and keep venues and meeting settings."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from accord.actions.factories import ActionFactory
from accord.areas.tests.helpers import assert_well_formed, queries_for
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.common.querysets import today
from accord.meetings import services
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
from accord.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Capacity,
    ForwardPlanItem,
    ForwardPlanStatus,
    Meeting,
    MeetingSettings,
    MeetingStatus,
    Venue,
)
from accord.memberships.models import Role
from accord.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db
S = MeetingStatus
APRIL_27, MAY_18 = dt.date(2009, 4, 27), dt.date(2009, 5, 18)


def member_of(body, role=Role.MEMBER):
    user = UserFactory(person=PersonFactory())
    MembershipFactory(person=user.person, body=body, role=role, start_date=dt.date(2009, 1, 1))
    return user


@pytest.fixture
def body():
    return BodyFactory(name="LSP Thematic Leads Group", meeting_cycle="monthly")


@pytest.fixture
def secretary(body):
    return member_of(body, Role.SUPPORT_STAFF)


@pytest.fixture
def member(body):
    return member_of(body)


@pytest.fixture
def outsider():
    return member_of(BodyFactory())


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


# --- The list ---------------------------------------------------------------------------------


def test_list_shows_what_each_user_may_see_with_calendar_links(client, body, member):
    soon = today() + dt.timedelta(days=10)
    coming = MeetingFactory(body=body, date=soon, title="Spring meeting")
    past = MeetingFactory(body=body, status=S.MINUTES_AGREED, title="April meeting")
    draft = MeetingFactory(
        body=body, date=soon + dt.timedelta(days=30), status=S.SCHEDULED, title="Being prepared"
    )
    private = MeetingFactory(body=body, is_public=False, title="Private session")
    other = MeetingFactory(title="Another body meeting")
    html = assert_well_formed(client.get(reverse("meetings:list")))
    for shown in (coming, past, other):
        assert shown.title in html
    assert draft.title not in html and private.title not in html
    # Upcoming first, then the past.
    assert html.index("Spring meeting") < html.index("April meeting")
    assert "Agenda published</strong>" in html and "Minutes agreed</strong>" in html
    assert reverse("meeting_feeds:all") in html
    assert reverse("meeting_feeds:body", args=[body.pk]) in html
    # The menu marks Meetings as the current section.
    assert re.search(
        r'navigation-item--active"><a class="govuk-header__link" href="/meetings/"', html
    )
    # One body's meetings, with that body's calendar.
    html = assert_well_formed(client.get(reverse("meetings:list"), {"body": body.pk}))
    assert coming.title in html and other.title not in html
    assert f'href="{reverse("meeting_feeds:body", args=[body.pk])}"' in html
    # A bad filter is not an error.
    assert client.get(reverse("meetings:list"), {"body": "x"}).status_code == 200
    # Members see their body's meetings that the public does not.
    html = as_user(client, member).get(reverse("meetings:list")).content.decode()
    assert draft.title in html and private.title in html and "Private</strong>" in html


LIST_QUERIES = 11


def test_list_costs_the_same_queries_for_few_or_many_meetings(
    client, body, secretary, django_assert_max_num_queries
):
    MeetingSettingsFactory(body=body, usual_venue=VenueFactory())
    for _ in range(2):
        MeetingFactory(body=body, date=today() + dt.timedelta(days=3))
        MeetingFactory(body=body)
    urls = [reverse("meetings:list"), f"{reverse('meetings:list')}?body={body.pk}"]
    users = {"anon": None, "secretary": secretary, "manager": ManagerFactory()}

    def counts():
        found = {}
        for who, user in users.items():
            client.logout()
            as_user(client, user)
            for url in urls:
                with django_assert_max_num_queries(LIST_QUERIES):
                    found[who, url] = queries_for(client, url)
        return found

    few = counts()
    for _ in range(10):
        MeetingFactory(body=BodyFactory(), date=today() + dt.timedelta(days=5))
        MeetingFactory(body=body, venue=VenueFactory(), date=today() + dt.timedelta(days=9))
        MeetingFactory(body=body, venue=VenueFactory(), title="Past", status=S.MINUTES_AGREED)
    assert counts() == few


# --- The meeting page -------------------------------------------------------------------------


def build_meeting(body, n_items, *, status=S.MINUTES_DRAFT):
    """A held meeting with n ordinary items, each with two papers (one not public), a minute, a
    decision and an action, a restricted item, and attendance."""
    meeting = MeetingFactory(body=body, date=APRIL_27, status=status)
    for number in range(1, n_items + 1):
        item = AgendaItemFactory(
            meeting=meeting,
            number=number,
            title=f"Ordinary item {number}",
            minutes=f"Minute of item {number}.",
            presenter=PersonFactory(),
            minutes_allowed=15,
            papers=[
                PaperFactory(body=body, title=f"Public paper {number}"),
                PaperFactory(body=body, is_public=False, title=f"Private paper {number}"),
            ],
        )
        DecisionFactory(item=item, text=f"Decision at item {number}.")
        ActionFactory(body=body, origin=item, title=f"Action at item {number}")
    secret = AgendaItemFactory(
        meeting=meeting, number=n_items + 1, is_restricted=True, title="Exempt staffing matter"
    )
    DecisionFactory(item=secret, text="Secret decision.")
    ActionFactory(body=body, origin=secret, title="Secret action")
    MinutesAmendmentFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, capacity=Capacity.CHAIR)
    for _ in range(n_items):
        AttendanceFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, status=AttendanceStatus.APOLOGIES)
    AttendanceFactory(meeting=meeting, capacity=Capacity.SUPPORT)
    AttendanceFactory(meeting=meeting, capacity=Capacity.OBSERVER)
    AttendanceFactory(meeting=meeting, status=AttendanceStatus.ABSENT)
    return meeting


def test_public_sees_the_agenda_but_not_restricted_items_or_draft_minutes(client, body, member):
    meeting = build_meeting(body, 2)
    html = assert_well_formed(client.get(meeting.get_absolute_url()))
    assert "Item No. 1</span> Ordinary item 1" in html and "Item No. 2" in html
    assert "Public paper 1" in html and "Private paper 1" not in html
    assert "Exempt staffing matter" not in html and "Secret" not in html
    assert "1 restricted item not shown" in html
    assert "Minute of item 1" not in html and "Decision at item 1" not in html
    assert "Action at item 1" not in html
    assert "Attendance is published with the minutes once they are agreed" in html
    assert "Manage this meeting" not in html
    # A member sees all of it, draft minutes included.
    html = assert_well_formed(as_user(client, member).get(meeting.get_absolute_url()))
    assert "Exempt staffing matter" in html and "Restricted</strong>" in html
    assert "restricted item not shown" not in html
    assert "Minute of item 1" in html and "Decision at item 1" in html and "Secret action" in html
    assert "Private paper 1" in html and "Not public</strong>" in html
    assert "Present" in html and "Apologies" in html and "Support staff" in html
    assert "Manage this meeting" not in html  # a member is not the secretary


def test_public_sees_agreed_minutes_of_unrestricted_items(client, body):
    meeting = build_meeting(body, 2, status=S.MINUTES_AGREED)
    meeting.signed_by_name = "Steve Robinson"
    meeting.signed_on = MAY_18
    meeting.save()
    html = assert_well_formed(client.get(meeting.get_absolute_url()))
    assert "Minute of item 1" in html and "Decision at item 1" in html
    assert "Action at item 1" in html and "Action – Decision" in html
    assert "Secret" not in html and "Exempt staffing matter" not in html
    assert "Present" in html and "(Chair)" in html and "Observers and advisers" in html
    assert "Signed by Steve Robinson, Chair, on 18 May 2009" in html
    assert "Corrections to the agreed minutes" in html


def test_meetings_the_public_may_not_see_are_not_found(client, body, member, outsider):
    scheduled = MeetingFactory(body=body, status=S.SCHEDULED)
    private = MeetingFactory(body=body, is_public=False)
    hidden_body = MeetingFactory(body=BodyFactory(is_published=False))
    for m in (scheduled, private, hidden_body):
        assert client.get(m.get_absolute_url()).status_code == 404
        assert as_user(client, outsider).get(m.get_absolute_url()).status_code == 404
        client.logout()
    assert as_user(client, member).get(scheduled.get_absolute_url()).status_code == 200
    assert client.get(private.get_absolute_url()).status_code == 200
    assert client.get(reverse("meetings:detail", args=[999999])).status_code == 404
    assert as_user(client, ManagerFactory()).get(hidden_body.get_absolute_url()).status_code == 200


MEETING_PAGE_QUERIES = 15


def test_the_meeting_page_costs_the_same_queries_however_big(client, django_assert_max_num_queries):
    small_body, large_body = BodyFactory(), BodyFactory()
    MeetingSettingsFactory(body=small_body, quorum_members=2)
    MeetingSettingsFactory(body=large_body, quorum_members=2)
    small, large = build_meeting(small_body, 2), build_meeting(large_body, 8)
    for status in (S.MINUTES_DRAFT, S.MINUTES_AGREED):
        Meeting.objects.filter(pk__in=[small.pk, large.pk]).update(status=status)
        for make_user in (
            lambda b: None,
            lambda b: member_of(b),
            lambda b: member_of(b, Role.SUPPORT_STAFF),
            lambda b: ManagerFactory(),
        ):
            counts = []
            for meeting in (small, large):
                client.logout()
                as_user(client, make_user(meeting.body))
                with django_assert_max_num_queries(MEETING_PAGE_QUERIES):
                    counts.append(queries_for(client, meeting.get_absolute_url()))
            assert counts[0] == counts[1], (status, counts)


def test_the_meeting_page_gives_matters_arising_next_meeting_quorum_and_documents(
    client, body, member
):
    MeetingSettingsFactory(body=body, quorum_members=2, quorum_note="Two members.")
    earlier = MeetingFactory(body=body, date=dt.date(2009, 3, 23), status=S.MINUTES_AGREED)
    earlier_item = AgendaItemFactory(meeting=earlier, number=3)
    ActionFactory(body=body, origin=earlier_item, title="Circulate the work programme")
    nxt = MeetingFactory(body=body, date=MAY_18, venue_text="Committee Room 2B")
    meeting = services.meeting_create(
        fields={"body": body, "date": APRIL_27, "start_time": dt.time(14, 30)},
        by=ManagerFactory(),
        link_previous=False,
    )
    Meeting.objects.filter(pk=meeting.pk).update(
        status=S.MINUTES_AGREED, next_meeting=nxt, minutes_agreed_at=nxt
    )
    Meeting.objects.filter(pk=earlier.pk).update(minutes_agreed_at=meeting)
    AttendanceFactory(meeting=meeting, capacity=Capacity.CHAIR)
    AttendanceFactory(meeting=meeting)
    html = assert_well_formed(client.get(meeting.get_absolute_url()))
    assert "Item No. 2</span> Minutes and matters arising" in html
    assert "Circulate the work programme" in html
    assert "Meeting of 23 March 2009</a>, Item No. 3" in html
    assert "the meeting of 23 March 2009</a> were agreed at this meeting" in html
    assert "Monday 18 May 2009</a>" in html and "Committee Room 2B" in html
    assert "Quorate</strong> 2 members present" in html and "Two members." in html
    assert "2:30pm" in html
    assert reverse("meeting_feeds:body", args=[body.pk]) in html
    assert "govuk-!-display-none-print" in html
    assert f"{reverse('meetings:attendance-stats')}?body={body.pk}&amp;start_0=28" in html
    assert "History" in html


def test_secretary_sees_the_managers_panel(client, body, secretary):
    meeting = MeetingFactory(body=body, status=S.SCHEDULED)
    AgendaItemFactory(meeting=meeting, number=1)
    AgendaItemFactory(meeting=meeting, number=2)
    html = assert_well_formed(as_user(client, secretary).get(meeting.get_absolute_url()))
    assert "Manage this meeting" in html
    for name in ("publish-agenda", "mark-held", "item-add", "edit", "cancel"):
        assert reverse(f"meetings:{name}", args=[meeting.pk]) in html
    assert reverse("meetings:archive", args=[meeting.pk]) not in html  # managers only
    assert html.count(">Move up<") == 1 and html.count(">Move down<") == 1
    assert reverse("meetings:forward-plan", args=[body.pk]) in html
    # Once held, the panel leads to the pages that record what happened.
    held = MeetingFactory(body=body, status=S.MINUTES_DRAFT)
    item = AgendaItemFactory(meeting=held, number=1)
    html = assert_well_formed(client.get(held.get_absolute_url()))
    for name in ("attendance", "circulate", "agree"):
        assert reverse(f"meetings:{name}", args=[held.pk]) in html
    assert reverse("meetings:item-minutes", args=[held.pk, item.pk]) in html
    assert reverse("meetings:sign", args=[held.pk]) not in html  # only agreed minutes


# --- Scheduling and changing a meeting ----------------------------------------------------------


def test_scheduling_offers_the_next_dates_and_adds_the_standing_items(client, body, secretary):
    MeetingSettingsFactory(body=body, usual_weekday=0)
    MeetingFactory(body=body, date=APRIL_27)
    url = reverse("meetings:create", args=[body.pk])
    html = assert_well_formed(as_user(client, secretary).get(url))
    assert 'value="2009-05-25"' in html and "Monday 25 May 2009" in html
    assert 'value="other"' in html
    response = client.post(url, {"date_choice": "other", "is_public": "on"})
    assert response.status_code == 422
    assert "Enter the date of the meeting" in assert_well_formed(response)
    response = client.post(url, {"date_choice": "2009-05-25", "start_time": "25:00"})
    assert response.status_code == 422
    assert "Enter a time like 14:30" in response.content.decode()
    response = client.post(url, {"date_choice": "2009-05-25", "is_public": "on"})
    meeting = Meeting.objects.get(body=body, date=dt.date(2009, 5, 25))
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert meeting.start_time == dt.time(14, 30)  # the body's usual time
    assert meeting.status == S.SCHEDULED
    assert [i.standing for i in meeting.items.order_by("number")] == ["welcome", "minutes", "aob"]
    response = client.post(url, {"date_choice": "other", **date_fields("other_date", MAY_18)})
    assert Meeting.objects.filter(body=body, date=MAY_18).exists()


def test_scheduling_a_body_that_meets_as_needed_asks_for_the_date(client):
    body = BodyFactory(meeting_cycle="as_needed")
    client.force_login(ManagerFactory())
    url = reverse("meetings:create", args=[body.pk])
    html = assert_well_formed(client.get(url))
    assert 'name="date_choice"' not in html and 'name="other_date_0"' in html
    assert client.post(url, {}).status_code == 422
    client.post(url, date_fields("other_date", MAY_18))
    assert Meeting.objects.filter(body=body, date=MAY_18).count() == 1


def test_who_may_schedule(client, body, member, outsider, secretary):
    url = reverse("meetings:create", args=[body.pk])
    assert client.get(url).status_code == 302  # to sign in
    for user in (member, outsider):
        assert as_user(client, user).get(url).status_code == 403
    choose = reverse("meetings:choose-body")
    assert as_user(client, member).get(choose).status_code == 403
    html = assert_well_formed(as_user(client, secretary).get(choose))
    assert body.name in html
    response = client.get(choose, {"body": body.pk})
    assert response.status_code == 302 and response.url == url
    assert client.get(choose, {"body": ""}).status_code == 422
    assert "Schedule a meeting" in client.get(reverse("meetings:list")).content.decode()


def test_changing_a_meeting_shows_errors_and_refuses_stale_edits(client, body, secretary):
    meeting = MeetingFactory(body=body, status=S.SCHEDULED)
    url = reverse("meetings:edit", args=[meeting.pk])
    as_user(client, secretary)
    assert_well_formed(client.get(url))
    data = {
        "title": "Spring meeting",
        **date_fields("date", APRIL_27),
        "start_time": "16:00",
        "end_time": "15:00",
        "is_public": "on",
        "version": str(meeting.version),
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "The meeting must end after it starts" in assert_well_formed(response)
    services.meeting_update(
        meeting=meeting, changes={"title": "Changed meanwhile"}, expected_version=None, by=None
    )
    response = client.post(url, {**data, "end_time": "17:00"})
    assert response.status_code == 409
    html = assert_well_formed(response)
    assert "What the other person saved" in html and "Changed meanwhile" in html
    meeting.refresh_from_db()
    response = client.post(url, {**data, "end_time": "17:00", "version": str(meeting.version)})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.end_time, meeting.sequence) == (
        "Spring meeting",
        dt.time(17, 0),
        2,
    )
    assert as_user(client, member_of(body)).get(url).status_code == 403


def test_publish_hold_cancel_and_archive(client, body, secretary):
    meeting = MeetingFactory(body=body, status=S.SCHEDULED)
    as_user(client, secretary)
    url = reverse("meetings:publish-agenda", args=[meeting.pk])
    assert_well_formed(client.get(url))
    assert client.post(url, {"version": meeting.version}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == S.AGENDA_PUBLISHED and meeting.agenda_published_on == today()
    # Publishing twice is refused with the reason.
    response = client.post(url, {"version": meeting.version})
    assert response.status_code == 422 and "cannot become" in response.content.decode()

    url = reverse("meetings:cancel", args=[meeting.pk])
    response = client.post(url, {"cancelled_reason": "", "version": meeting.version})
    assert response.status_code == 422
    assert "Enter why the meeting is cancelled" in assert_well_formed(response)
    client.post(url, {"cancelled_reason": "No business.", "version": meeting.version})
    meeting.refresh_from_db()
    assert meeting.status == S.CANCELLED
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "This meeting is cancelled: No business." in html

    other = MeetingFactory(body=body)
    url = reverse("meetings:mark-held", args=[other.pk])
    client.post(url, {"version": other.version})
    other.refresh_from_db()
    assert other.status == S.HELD

    url = reverse("meetings:archive", args=[other.pk])
    assert client.get(url).status_code == 403  # the secretary does not archive
    as_user(client, ManagerFactory())
    assert (
        client.post(url, {"reason": "Entered twice.", "version": other.version}).status_code == 302
    )
    other.refresh_from_db()
    assert other.is_archived


# --- The agenda ---------------------------------------------------------------------------------


@pytest.fixture
def agenda(body):
    meeting = services.meeting_create(
        fields={"body": body, "date": today() + dt.timedelta(days=20)}, by=None
    )
    return meeting


def test_adding_changing_moving_and_removing_agenda_items(client, body, secretary, agenda):
    as_user(client, secretary)
    paper = PaperFactory(body=body, title="Migrant Impact Fund bid paper")
    PaperFactory(body=BodyFactory(), title="Another body's paper")
    url = reverse("meetings:item-add", args=[agenda.pk])
    html = assert_well_formed(client.get(url))
    assert "Migrant Impact Fund bid paper" in html and "Another body's paper" not in html
    response = client.post(url, {"title": ""})
    assert response.status_code == 422
    assert "Enter the title of the item" in assert_well_formed(response)
    response = client.post(
        url,
        {
            "title": "Migrant Impact Fund bid",
            "purpose": "decision",
            "minutes_allowed": "15",
            "papers": [paper.pk],
        },
    )
    item = AgendaItem.objects.get(meeting=agenda, title="Migrant Impact Fund bid")
    assert response.status_code == 302 and response.url.endswith("#item-3")
    assert item.number == 3 and list(item.papers.all()) == [paper]
    html = client.get(agenda.get_absolute_url()).content.decode()
    assert "Item No. 3</span> Migrant Impact Fund bid" in html
    assert "For decision" in html and "15 minutes" in html

    edit = reverse("meetings:item-edit", args=[agenda.pk, item.pk])
    stale = item.version
    client.post(edit, {"title": "Migrant Impact Fund", "is_restricted": "on", "version": stale})
    item.refresh_from_db()
    assert item.is_restricted and item.title == "Migrant Impact Fund"
    response = client.post(edit, {"title": "Older title", "version": stale})
    assert response.status_code == 409

    move = reverse("meetings:item-move", args=[agenda.pk, item.pk])
    assert client.get(move).status_code == 405
    client.post(move, {"direction": "up", "version": item.version})
    item.refresh_from_db()
    assert item.number == 2
    response = client.post(move, {"direction": "up", "version": 1})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.number == 2  # a stale move does nothing

    remove = reverse("meetings:item-archive", args=[agenda.pk, item.pk])
    assert client.post(remove, {"reason": "", "version": item.version}).status_code == 422
    client.post(remove, {"reason": "Deferred to June.", "version": item.version})
    numbers = list(agenda.items.live().order_by("number").values_list("number", "standing"))
    assert numbers == [(1, "welcome"), (2, "minutes"), (3, "aob")]
    response = client.get(edit)  # an item taken off the agenda is not changed
    assert response.status_code == 302 and response.url == agenda.get_absolute_url()

    for user in (member_of(body), None):
        client.logout()
        as_user(client, user)
        assert client.get(url).status_code in (302, 403)
        assert client.post(move, {"direction": "up"}).status_code in (302, 403)


def test_agenda_of_agreed_minutes_is_fixed(client, body, secretary):
    meeting = MeetingFactory(body=body, status=S.MINUTES_AGREED)
    item = AgendaItemFactory(meeting=meeting, number=1)
    as_user(client, secretary)
    response = client.get(reverse("meetings:item-add", args=[meeting.pk]))
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    assert client.get(reverse("meetings:item-edit", args=[meeting.pk, item.pk])).status_code == 302
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:item-add", args=[meeting.pk]) not in html


# --- The forward plan ---------------------------------------------------------------------------


def test_forward_plan_is_for_members_and_secretaries_keep_it(
    client, body, member, outsider, secretary, agenda
):
    planned = ForwardPlanItemFactory(body=body, title="Sustainable Community Strategy refresh")
    ForwardPlanItemFactory(body=body, meeting=agenda, title="Placed already")
    url = reverse("meetings:forward-plan", args=[body.pk])
    assert client.get(url).status_code == 302
    assert as_user(client, outsider).get(url).status_code == 403
    html = assert_well_formed(as_user(client, member).get(url))
    assert planned.title in html and "Placed already" in html
    assert reverse("meetings:forward-plan-add", args=[body.pk]) not in html

    as_user(client, secretary)
    add = reverse("meetings:forward-plan-add", args=[body.pk])
    assert client.post(add, {"title": ""}).status_code == 422
    client.post(add, {"title": "Migrant Impact Fund", **date_fields("intended_date", MAY_18)})
    assert ForwardPlanItem.objects.filter(body=body, title="Migrant Impact Fund").exists()
    assert add in client.get(url).content.decode()

    place = reverse("meetings:forward-plan-place", args=[planned.pk])
    html = assert_well_formed(client.get(place))
    assert f'value="{agenda.pk}"' in html
    assert client.post(place, {}).status_code == 422
    response = client.post(place, {"meeting": agenda.pk})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.status == ForwardPlanStatus.PLACED and planned.meeting == agenda
    assert agenda.items.live().filter(title=planned.title).exists()

    other = ForwardPlanItem.objects.get(title="Migrant Impact Fund")
    withdraw = reverse("meetings:forward-plan-withdraw", args=[other.pk])
    assert client.post(withdraw, {"reason": ""}).status_code == 422
    client.post(withdraw, {"reason": "Bid not submitted.", "version": other.version})
    other.refresh_from_db()
    assert other.status == ForwardPlanStatus.WITHDRAWN
    html = client.get(url).content.decode()
    assert "Withdrawn</h2>" in html and "Bid not submitted." in html

    edit = reverse("meetings:forward-plan-edit", args=[planned.pk])
    assert as_user(client, member).get(edit).status_code == 403


# --- Venues and settings ------------------------------------------------------------------------


def test_venues_are_public_and_managers_keep_them(client, secretary):
    venue = VenueFactory(name="County Hall", accessibility="Step-free entrance on Castle Drive.")
    html = assert_well_formed(client.get(reverse("meetings:venues")))
    assert "County Hall" in html and "Step-free" in html and "Add a venue" not in html
    assert_well_formed(client.get(reverse("meetings:venue", args=[venue.pk])))
    create = reverse("meetings:venue-create")
    assert as_user(client, secretary).get(create).status_code == 403
    as_user(client, ManagerFactory())
    response = client.post(create, {"name": ""})
    assert response.status_code == 422
    assert "Enter the name of the venue" in assert_well_formed(response)
    response = client.post(create, {"name": "Wyvern House", "postcode": "CW7 1AH"})
    created = Venue.objects.get(name="Wyvern House")
    assert response.url == reverse("meetings:venue", args=[created.pk])
    edit = reverse("meetings:venue-edit", args=[created.pk])
    client.post(edit, {"name": "Wyvern House, Winsford", "version": created.version})
    response = client.post(edit, {"name": "Stale", "version": created.version})
    assert response.status_code == 409
    created.refresh_from_db()
    assert created.name == "Wyvern House, Winsford"
    html = client.get(reverse("meetings:venue", args=[created.pk])).content.decode()
    assert "Wyvern House, Winsford" in html and "History" in html


def test_meeting_settings_of_a_body(client, body, member, secretary):
    url = reverse("meetings:settings", args=[body.pk])
    assert as_user(client, member).get(url).status_code == 403
    as_user(client, secretary)
    assert_well_formed(client.get(url))
    response = client.post(url, {"usual_start": "16:00", "usual_end": "14:00"})
    assert response.status_code == 422
    assert "The usual end must be after the usual start" in assert_well_formed(response)
    response = client.post(
        url,
        {
            "usual_weekday": "0",
            "usual_start": "14:30",
            "usual_end": "16:00",
            "quorum_members": "5",
            "quorum_note": "Five members.",
        },
    )
    assert response.status_code == 302
    settings = MeetingSettings.objects.get(body=body)
    assert (settings.usual_weekday, settings.quorum_members) == (0, 5)
    html = client.get(response.url).content.decode()
    assert "Monday" in html and "14:30 to 16:00" in html and "Five members." in html
    assert "Monday" in assert_well_formed(client.get(url))  # the next dates offered


def test_anonymous_user_is_never_given_a_management_page(client, body, agenda):
    item = agenda.items.first()
    plan = ForwardPlanItemFactory(body=body)
    for url in (
        reverse("meetings:choose-body"),
        reverse("meetings:create", args=[body.pk]),
        reverse("meetings:edit", args=[agenda.pk]),
        reverse("meetings:publish-agenda", args=[agenda.pk]),
        reverse("meetings:mark-held", args=[agenda.pk]),
        reverse("meetings:cancel", args=[agenda.pk]),
        reverse("meetings:archive", args=[agenda.pk]),
        reverse("meetings:item-add", args=[agenda.pk]),
        reverse("meetings:item-edit", args=[agenda.pk, item.pk]),
        reverse("meetings:item-archive", args=[agenda.pk, item.pk]),
        reverse("meetings:forward-plan", args=[body.pk]),
        reverse("meetings:forward-plan-add", args=[body.pk]),
        reverse("meetings:forward-plan-edit", args=[plan.pk]),
        reverse("meetings:forward-plan-withdraw", args=[plan.pk]),
        reverse("meetings:forward-plan-place", args=[plan.pk]),
        reverse("meetings:venue-create"),
        reverse("meetings:settings", args=[body.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/account/sign-in/" in response.url, url


# --- The example: the Thematic Leads meeting of 27 April 2009 as seed 004 records it ------------


@pytest.fixture(scope="module")
def _example_loaded(django_db_setup, django_db_blocker):
    """Load the example once for the module, inside a transaction rolled back afterwards."""
    from django.db import transaction

    from accord.common.example import load_example

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_example(performance=False)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def thematic_leads(_example_loaded, db):
    return Meeting.objects.live().get(body__name="LSP Thematic Leads Group", date=APRIL_27)


def test_the_example_meeting_page(client, thematic_leads):
    m = thematic_leads
    html = assert_well_formed(client.get(m.get_absolute_url()))
    assert "Cheshire West LSP Thematic Leads meeting" in html
    assert "Monday 27 April 2009" in html and "2:30pm" in html and "Committee Room 2B" in html
    assert "Item No. 5</span> Migrant Impact Fund bid" in html
    assert "CAA Initial Self Assessment" in html  # a paper of item 4
    # The minutes are not yet agreed, so the public sees the agenda only.
    assert "Steve Robinson (Chair)" not in html and "GONW administered" not in html
    assert "Monday 18 May 2009" in html
    client.force_login(ManagerFactory())
    html = assert_well_formed(client.get(m.get_absolute_url()))
    assert "Steve Robinson (Chair), Cheshire West and Chester Council" in html
    assert "Helen Bellairs, NHS Western Cheshire" in html and "Alistair Jeffs" in html
    assert "GONW administered" in html and "All Chairs and Vice Chairs" in html
    assert "Action – Decision" in html and "None required." in html
    html = assert_well_formed(client.get(reverse("meetings:forward-plan", args=[m.body_id])))
    assert "Ellesmere Port and service realignment" in html
