"""Reads of meetings: publishing, the meeting page and its query count, matters arising,
attendance statistics, the forward plan and the calendar."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord.actions.factories import ActionFactory
from accord.actions.models import ActionStatus
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings import selectors
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    ForwardPlanItemFactory,
    MeetingFactory,
    MeetingSettingsFactory,
    MinutesAmendmentFactory,
)
from accord.meetings.models import AttendanceStatus, Capacity, ForwardPlanStatus, MeetingStatus
from accord.memberships.models import Role
from accord.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db
S = MeetingStatus
APRIL_27, MAY_18, JUNE_15 = dt.date(2009, 4, 27), dt.date(2009, 5, 18), dt.date(2009, 6, 15)


def member_of(body, role=Role.MEMBER):
    user = UserFactory(person=PersonFactory())
    MembershipFactory(person=user.person, body=body, role=role, start_date=dt.date(2009, 1, 1))
    return user


def test_who_sees_which_meetings():
    body = BodyFactory()
    scheduled = MeetingFactory(body=body, status=S.SCHEDULED)
    published = MeetingFactory(body=body, status=S.AGENDA_PUBLISHED)
    private = MeetingFactory(body=body, status=S.MINUTES_AGREED, is_public=False)
    cancelled = MeetingFactory(body=body, status=S.CANCELLED, cancelled_reason="No business.")
    hidden_body = MeetingFactory(body=BodyFactory(is_published=False))
    anon = AnonymousUser()
    assert set(selectors.visible_meetings(anon)) == {published, cancelled}
    member = member_of(body)
    assert set(selectors.visible_meetings(member)) == {published, cancelled, scheduled, private}
    assert hidden_body in selectors.visible_meetings(ManagerFactory())
    outsider = member_of(BodyFactory())
    assert set(selectors.visible_meetings(outsider)) == {published, cancelled}


def build_meeting(body, n_items, *, status=S.MINUTES_DRAFT):
    """A held meeting with n ordinary items, each with two papers (one private), a decision and
    an action, a restricted item, and attendance."""
    meeting = MeetingFactory(body=body, date=APRIL_27, status=status)
    for number in range(1, n_items + 1):
        item = AgendaItemFactory(
            meeting=meeting,
            number=number,
            minutes=f"Minute of item {number}.",
            papers=[PaperFactory(body=body), PaperFactory(body=body, is_public=False)],
        )
        DecisionFactory(item=item)
        ActionFactory(body=body, origin=item)
    secret = AgendaItemFactory(meeting=meeting, number=n_items + 1, is_restricted=True)
    DecisionFactory(item=secret)
    ActionFactory(body=body, origin=secret)
    DecisionFactory(item=None, meeting=meeting, is_restricted=False, text="Overall.")
    MinutesAmendmentFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, capacity=Capacity.CHAIR)
    for _ in range(n_items):
        AttendanceFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, status=AttendanceStatus.APOLOGIES)
    AttendanceFactory(meeting=meeting, capacity=Capacity.SUPPORT)
    AttendanceFactory(meeting=meeting, capacity=Capacity.OBSERVER)
    AttendanceFactory(meeting=meeting, status=AttendanceStatus.ABSENT)
    return meeting


def page_queries(meeting, user):
    with CaptureQueriesContext(connection) as ctx:
        page = selectors.meeting_page(meeting.pk, user)
        # Touch what a template reads, so lazy loads would show up.
        touched = [page.meeting.location, page.meeting.body.name]
        for view in page.items:
            touched += [str(p) for p in view.papers] + [a.owner_label for a in view.actions]
            touched.append(view.item.presenter_label)
        for group in (page.attendance.present, page.attendance.apologies):
            touched += [(a.person.name, a.organisation and a.organisation.name) for a in group]
        touched += [a.owner_label for a in page.matters_arising]
    return len(ctx.captured_queries), page


MEETING_PAGE_QUERIES = 12


def test_the_meeting_page_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    body = BodyFactory()
    MeetingSettingsFactory(body=body, quorum_members=2)
    small, large = build_meeting(body, 2), build_meeting(BodyFactory(), 8)
    counts = {}
    for name, meeting in (("small", small), ("large", large)):
        for who, make_user in (
            ("anon", AnonymousUser),
            ("member", lambda m=meeting: member_of(m.body)),
            ("manager", ManagerFactory),
        ):
            user = make_user()
            with django_assert_max_num_queries(MEETING_PAGE_QUERIES):
                counts[name, who], page = page_queries(meeting, user)
    for who in ("anon", "member", "manager"):
        assert counts["small", who] == counts["large", who]


def test_the_member_sees_everything_and_the_public_what_is_published():
    body = BodyFactory()
    MeetingSettingsFactory(body=body, quorum_members=3, quorum_note="Three members.")
    meeting = build_meeting(body, 2)
    _, page = page_queries(meeting, member_of(body))
    assert page.can_see_restricted and page.minutes_visible and page.hidden_items == 0
    assert len(page.items) == 3
    assert [len(v.papers) for v in page.items[:2]] == [2, 2]
    assert all(v.decisions and v.actions for v in page.items)
    assert page.items[0].minutes == "Minute of item 1."
    assert [d.text for d in page.decisions] == ["Overall."] and len(page.amendments) == 1
    groups = page.attendance
    assert groups.present[0].capacity == Capacity.CHAIR and len(groups.present) == 3
    assert (len(groups.apologies), len(groups.support), len(groups.observers)) == (1, 1, 1)
    assert len(groups.absent) == 1
    assert page.quorum.quorate and page.quorum.present_members == 3
    assert page.quorum.chair_present and page.quorum.rule == "Three members."

    # The public: the published agenda and public papers, but no restricted item and, until
    # the minutes are agreed, no minutes, decisions, actions or attendance.
    _, public = page_queries(meeting, AnonymousUser())
    assert not public.can_see_restricted and not public.minutes_visible
    assert len(public.items) == 2 and public.hidden_items == 1
    assert [len(v.papers) for v in public.items] == [1, 1]
    assert all(not v.minutes and not v.decisions and not v.actions for v in public.items)
    assert public.attendance.is_empty and public.quorum.quorate is None
    assert not public.decisions
    meeting.status = S.MINUTES_AGREED
    meeting.save()
    _, agreed = page_queries(meeting, AnonymousUser())
    assert agreed.minutes_visible and agreed.items[0].minutes == "Minute of item 1."
    assert all(v.decisions for v in agreed.items) and agreed.attendance.present
    assert len(agreed.items) == 2 and all(
        not d.is_restricted for v in agreed.items for d in v.decisions
    )


def test_an_unpublished_meeting_is_not_found_for_the_public():
    meeting = MeetingFactory(status=S.SCHEDULED)
    with pytest.raises(meeting.DoesNotExist):
        selectors.meeting_page(meeting, AnonymousUser())


def test_matters_arising_stay_until_done_or_dropped():
    body = BodyFactory()
    april = MeetingFactory(body=body, date=APRIL_27, status=S.MINUTES_AGREED)
    may = MeetingFactory(body=body, date=MAY_18, status=S.MINUTES_DRAFT)
    june = MeetingFactory(body=body, date=JUNE_15, status=S.AGENDA_PUBLISHED)
    item = AgendaItemFactory(meeting=april, number=4)
    still_open = ActionFactory(body=body, origin=item, title="Review LSP papers")
    done_between = ActionFactory(
        body=body, origin=item, status=ActionStatus.DONE, closed_on=dt.date(2009, 6, 1)
    )
    done_before = ActionFactory(
        body=body, origin=item, status=ActionStatus.DONE, closed_on=dt.date(2009, 5, 1)
    )
    dropped = ActionFactory(
        body=body,
        origin=item,
        status=ActionStatus.DROPPED,
        closed_on=MAY_18,
        drop_reason="Overtaken.",
    )
    ActionFactory(body=BodyFactory(), origin=item)  # on another body's list
    ActionFactory(body=body)  # not from a meeting
    later = ActionFactory(body=body, origin=AgendaItemFactory(meeting=may, number=5))
    assert selectors.matters_arising(april) == []
    at_may = selectors.matters_arising(may)
    assert set(at_may) == {still_open, done_between, dropped}
    assert done_before not in at_may
    assert at_may[0].arose_on == APRIL_27 and at_may[0].arose_item_number == 4
    assert set(selectors.matters_arising(june)) == {still_open, later}
    # The public sees only actions from meetings whose minutes are agreed.
    assert set(selectors.matters_arising(june, AnonymousUser())) == {still_open}
    assert set(selectors.matters_arising(june, member_of(body))) == {still_open, later}


def test_attendance_statistics_per_person_and_organisation():
    body = BodyFactory()
    council, nhs, jcp = (OrganisationFactory(name=n) for n in ("Council", "NHS", "Jobcentre"))
    steve, wendy, helen, mark, debbie = (
        PersonFactory(name=n) for n in ("Steve R", "Wendy M", "Helen B", "Mark W", "Debbie W")
    )
    for person, org in ((steve, council), (wendy, nhs), (helen, nhs), (mark, jcp)):
        MembershipFactory(
            person=person, body=body, on_behalf_of=org, start_date=dt.date(2009, 1, 1)
        )
    april = MeetingFactory(body=body, date=APRIL_27, status=S.MINUTES_AGREED)
    may = MeetingFactory(body=body, date=MAY_18, status=S.HELD)
    MeetingFactory(body=body, date=JUNE_15, status=S.AGENDA_PUBLISHED)  # not yet held
    rows = [
        (april, steve, council, AttendanceStatus.PRESENT, Capacity.CHAIR, None),
        (april, wendy, nhs, AttendanceStatus.PRESENT, Capacity.MEMBER, None),
        (april, helen, nhs, AttendanceStatus.APOLOGIES, Capacity.MEMBER, None),
        (april, mark, jcp, AttendanceStatus.APOLOGIES, Capacity.MEMBER, None),
        (april, debbie, jcp, AttendanceStatus.PRESENT, Capacity.SUBSTITUTE, mark),
        (may, steve, council, AttendanceStatus.PRESENT, Capacity.CHAIR, None),
        (may, mark, jcp, AttendanceStatus.APOLOGIES, Capacity.MEMBER, None),
        # Wendy and Helen are not recorded at May's meeting: absent.
    ]
    for meeting, person, org, status, capacity, sub_for in rows:
        AttendanceFactory(
            meeting=meeting,
            person=person,
            organisation=org,
            status=status,
            capacity=capacity,
            substitute_for=sub_for,
        )
    stats = selectors.attendance_stats(
        body=body, start=dt.date(2009, 4, 1), end=dt.date(2009, 6, 30)
    )
    assert stats.meetings == 2
    people = {line.subject.name: line for line in stats.people}
    assert "Debbie W" not in people  # a substitute is not expected in her own right
    assert (people["Steve R"].expected, people["Steve R"].attended, people["Steve R"].rate) == (
        2,
        2,
        1.0,
    )
    assert (people["Wendy M"].attended, people["Wendy M"].absent) == (1, 1)
    assert (people["Helen B"].apologies, people["Helen B"].absent) == (1, 1)
    mark_line = people["Mark W"]
    assert (mark_line.apologies, mark_line.substituted, mark_line.attended) == (2, 1, 0)
    assert mark_line.rate == 0
    orgs = {line.subject.name: line for line in stats.organisations}
    assert (orgs["Council"].expected, orgs["Council"].attended) == (2, 2)
    # NHS: Wendy attended in April; nobody from the NHS came in May.
    assert (orgs["NHS"].attended, orgs["NHS"].absent, orgs["NHS"].rate) == (1, 1, 0.5)
    # Jobcentre: represented by a substitute in April, apologies in May.
    assert (orgs["Jobcentre"].attended, orgs["Jobcentre"].apologies) == (1, 1)
    # Every body, a shorter period.
    only_april = selectors.attendance_stats(start=APRIL_27, end=APRIL_27)
    assert only_april.meetings == 1 and only_april.body is None


def test_attendance_statistics_take_three_queries(django_assert_num_queries):
    body = BodyFactory()
    for day in (APRIL_27, MAY_18):
        meeting = MeetingFactory(body=body, date=day, status=S.HELD)
        for _ in range(3):
            AttendanceFactory(meeting=meeting)
    with django_assert_num_queries(3):
        stats = selectors.attendance_stats(start=APRIL_27, end=MAY_18)
        [line.subject.name for line in stats.people + stats.organisations]


def test_forward_plan_in_date_order():
    body = BodyFactory()
    june = MeetingFactory(body=body, date=JUNE_15, status=S.SCHEDULED)
    undated = ForwardPlanItemFactory(body=body, intended_date=None, title="Some day")
    placed = ForwardPlanItemFactory(
        body=body, intended_date=None, meeting=june, status=ForwardPlanStatus.PLACED
    )
    soon = ForwardPlanItemFactory(body=body, intended_date=MAY_18)
    ForwardPlanItemFactory(body=body, status=ForwardPlanStatus.WITHDRAWN)
    ForwardPlanItemFactory()  # another body's
    assert selectors.forward_plan(body) == [soon, placed, undated]
    groups = selectors.forward_plan_by_meeting(body)
    assert groups[0] == (june, [placed]) and groups[-1][0] is None


def test_next_meeting_and_next_dates():
    body = BodyFactory(meeting_cycle="monthly")
    MeetingSettingsFactory(body=body, usual_weekday=0)
    held = MeetingFactory(body=body, date=dt.date(2009, 4, 20), status=S.HELD)
    cancelled = MeetingFactory(
        body=body, date=MAY_18, status=S.CANCELLED, cancelled_reason="Clash."
    )
    june = MeetingFactory(body=body, date=JUNE_15, status=S.SCHEDULED)
    assert selectors.next_meeting_for(body, after=dt.date(2009, 4, 20)) == june
    assert selectors.next_meeting_for(body, after=JUNE_15) is None
    # The public list shows the cancellation but not the meeting still being prepared.
    assert list(selectors.meeting_list(user=AnonymousUser(), body=body)) == [held, cancelled]
    # Third Mondays after the last meeting (15 June), none already taken.
    assert selectors.next_dates(body, n=2) == [dt.date(2009, 7, 20), dt.date(2009, 8, 17)]
    assert selectors.next_dates(body, after=dt.date(2009, 4, 20), n=2) == [
        dt.date(2009, 5, 18),
        dt.date(2009, 7, 20),
    ]
