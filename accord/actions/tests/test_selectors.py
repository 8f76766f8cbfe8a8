"""Who may read which actions, and the action list."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.actions import selectors
from accord.actions.factories import ActionFactory, ActionNoteFactory
from accord.actions.models import ActionStatus
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings.factories import AgendaItemFactory, MeetingFactory
from accord.meetings.models import MeetingStatus

pytestmark = pytest.mark.django_db


def test_actions_from_meetings_are_public_once_the_minutes_are_agreed():
    body = BodyFactory()
    agreed = MeetingFactory(body=body, status=MeetingStatus.MINUTES_AGREED)
    draft = MeetingFactory(body=body, status=MeetingStatus.MINUTES_DRAFT)
    public = ActionFactory(body=body, origin=AgendaItemFactory(meeting=agreed))
    restricted = ActionFactory(
        body=body, origin=AgendaItemFactory(meeting=agreed, is_restricted=True)
    )
    not_yet = ActionFactory(body=body, origin=AgendaItemFactory(meeting=draft))
    plain = ActionFactory(body=body)
    hidden = ActionFactory(body=BodyFactory(is_published=False))
    anon = AnonymousUser()
    assert set(selectors.visible_actions(anon)) == {public, plain}
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=body, start_date=dt.date(2009, 1, 1))
    assert set(selectors.visible_actions(member)) == {public, restricted, not_yet, plain}
    owner = UserFactory(person=hidden.owner)
    assert hidden in selectors.visible_actions(owner)
    assert hidden in selectors.visible_actions(ManagerFactory())


def test_the_list_filters_and_the_detail_has_its_notes(django_assert_num_queries):
    body = BodyFactory()
    late = ActionFactory(body=body, due_on=dt.date(2009, 5, 1))
    ActionFactory(body=body, due_on=dt.date(2009, 7, 1))
    ActionFactory(body=body, status=ActionStatus.DONE, closed_on=dt.date(2009, 5, 1), due_on=None)
    manager = ManagerFactory()
    assert selectors.action_list(user=manager, body=body).count() == 3
    assert selectors.action_list(user=manager, body=body, outstanding=True).count() == 2
    assert list(selectors.action_list(user=manager, body=body, overdue_on=dt.date(2009, 6, 1))) == [
        late
    ]
    assert selectors.is_overdue(late, dt.date(2009, 6, 1))
    ActionNoteFactory(action=late)
    with django_assert_num_queries(2):
        detail = selectors.action_detail(pk=late.pk, user=manager)
        assert len(detail.live_notes) == 1 and detail.owner.name
