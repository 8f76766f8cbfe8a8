"""Who may do what with meetings, papers and actions, through the one `has_perm`."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.actions.factories import ActionFactory, ActionNoteFactory
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from accord.memberships.models import Role
from accord.papers.factories import PaperFactory

pytestmark = pytest.mark.django_db

SECRETARY = (
    "meetings.add_meeting",
    "meetings.change_agendaitem",
    "meetings.add_attendance",
    "meetings.record_minutes",
    "meetings.circulate_minutes",
    "papers.add_paperfile",
    "actions.add_action",
)


@pytest.fixture
def meeting():
    return MeetingFactory(body=BodyFactory(name="LSP Thematic Leads"))


def user_with(body, role):
    user = UserFactory(person=PersonFactory())
    MembershipFactory(person=user.person, body=body, role=role, start_date=dt.date(2009, 1, 1))
    return user


def test_members_see_restricted_material_of_their_body_only(meeting):
    member = user_with(meeting.body, Role.MEMBER)
    item = AgendaItemFactory(meeting=meeting, is_restricted=True)
    for obj in (meeting, item, AttendanceFactory(meeting=meeting)):
        assert member.has_perm("meetings.view_restricted", obj)
    assert member.has_perm("papers.view_paper", PaperFactory(body=meeting.body))
    assert not member.has_perm("meetings.view_restricted", MeetingFactory())
    assert not member.has_perm("meetings.record_minutes", meeting)
    assert not member.has_perm("meetings.sign_minutes", meeting)
    assert not AnonymousUser().has_perm("meetings.view_restricted", meeting)
    assert not UserFactory().has_perm("meetings.view_restricted", meeting)


def test_support_staff_act_as_the_secretary(meeting):
    secretary = user_with(meeting.body, Role.SUPPORT_STAFF)
    item = AgendaItemFactory(meeting=meeting)
    for perm in SECRETARY:
        assert secretary.has_perm(perm, meeting.body), perm
    assert secretary.has_perm("meetings.change_agendaitem", item)
    assert secretary.has_perm("meetings.view_restricted", meeting)
    assert not secretary.has_perm("meetings.sign_minutes", meeting)
    elsewhere = MeetingFactory()
    assert not any(secretary.has_perm(p, elsewhere) for p in SECRETARY)


@pytest.mark.parametrize("role", [Role.CHAIR, Role.VICE_CHAIR])
def test_the_chair_signs(meeting, role):
    chair = user_with(meeting.body, role)
    assert chair.has_perm("meetings.sign_minutes", meeting)
    assert not chair.has_perm("meetings.sign_minutes", MeetingFactory())
    assert not chair.has_perm("meetings.record_minutes", meeting)


def test_action_owners_report_progress_on_their_own_actions():
    user = UserFactory(person=PersonFactory())
    mine = ActionFactory(owner=user.person)
    assert user.has_perm("actions.add_actionnote", mine)
    assert user.has_perm("actions.view_action", ActionNoteFactory(action=mine))
    assert not user.has_perm("actions.change_action", mine)
    assert not user.has_perm("actions.add_actionnote", ActionFactory())


def test_managers_may_do_everything(meeting):
    manager = ManagerFactory()
    assert manager.has_perm("meetings.sign_minutes", meeting)
    assert manager.has_perm("meetings.view_restricted", meeting)
