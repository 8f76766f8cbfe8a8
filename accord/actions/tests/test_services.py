"""Creating actions, progress notes, completing, dropping, reopening and archiving them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.actions import services
from accord.actions.factories import ActionFactory
from accord.actions.models import Action, ActionStatus
from accord.common.factories import BodyFactory, ManagerFactory, PersonFactory
from accord.common.services import StaleEditError
from accord.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def by():
    return ManagerFactory()


def test_create_from_an_agenda_item_then_progress_and_complete(by):
    item = AgendaItemFactory(meeting=MeetingFactory(date=dt.date(2009, 4, 27)), number=4)
    owner = PersonFactory(name="Steve Robinson")
    action = services.action_create(
        fields={
            "title": "Ensure the LAA delivery plans are completed within the timescale",
            "owner": owner,
            "owner_text": "All Chairs and Vice Chairs",
            "body": item.meeting.body,
            "due_on": dt.date(2009, 6, 30),
            "origin": item,
        },
        by=by,
    )
    assert action.origin == item and action.status == ActionStatus.OPEN
    assert services.origin_date(action) == dt.date(2009, 4, 27)
    assert action.owner_label == "Steve Robinson (All Chairs and Vice Chairs)"
    note = services.action_add_note(
        action=action, text="Two of six plans are in.", written_on=dt.date(2009, 5, 10), by=by
    )
    action.refresh_from_db()
    assert note.action == action and action.status == ActionStatus.IN_PROGRESS
    done = services.action_complete(
        action=action, on=dt.date(2009, 6, 29), expected_version=action.version, by=by
    )
    assert done.status == ActionStatus.DONE and done.closed_on == dt.date(2009, 6, 29)
    assert not done.is_outstanding
    assert done.history.count() == 3
    with pytest.raises(ValidationError):
        services.action_complete(action=done, expected_version=None, by=by)


def test_an_action_needs_an_owner_of_some_kind(by):
    with pytest.raises(ValidationError) as err:
        services.action_create(fields={"title": "Review all LSP papers"}, by=by)
    assert "owner" in err.value.message_dict
    action = services.action_create(
        fields={"title": "Review all LSP papers", "owner_text": "The Thematic Leads Group"},
        by=by,
    )
    assert action.owner_label == "The Thematic Leads Group"


def test_not_closed_before_the_meeting_it_arose_at(by):
    item = AgendaItemFactory(meeting=MeetingFactory(date=dt.date(2009, 4, 27)))
    action = ActionFactory(origin=item)
    with pytest.raises(ValidationError) as err:
        services.action_complete(
            action=action, on=dt.date(2009, 4, 26), expected_version=None, by=by
        )
    assert "closed_on" in err.value.message_dict


def test_dropping_needs_a_reason_and_reopening_clears_it(by):
    action = ActionFactory()
    with pytest.raises(ValidationError) as err:
        services.action_drop(action=action, reason="  ", expected_version=None, by=by)
    assert "drop_reason" in err.value.message_dict
    dropped = services.action_drop(
        action=action,
        reason="Overtaken by the new commissioning framework.",
        on=dt.date(2009, 6, 1),
        expected_version=None,
        by=by,
    )
    assert dropped.status == ActionStatus.DROPPED and dropped.closed_on == dt.date(2009, 6, 1)
    reopened = services.action_reopen(action=dropped, expected_version=dropped.version, by=by)
    assert reopened.status == ActionStatus.OPEN
    assert reopened.closed_on is None and reopened.drop_reason == ""


def test_update_keeps_the_closing_rules(by):
    action = ActionFactory()
    with pytest.raises(ValidationError) as err:
        services.action_update(
            action=action, changes={"status": ActionStatus.DONE}, expected_version=None, by=by
        )
    assert "closed_on" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.action_update(
            action=action, changes={"closed_on": dt.date(2009, 5, 1)}, expected_version=None, by=by
        )
    with pytest.raises(StaleEditError):
        services.action_update(action=action, changes={"title": "T"}, expected_version=9, by=by)
    with pytest.raises(ValidationError):
        services.action_update(
            action=action, changes={"colour": "red"}, expected_version=None, by=by
        )


def test_queryset_outstanding_and_overdue(by):
    body = BodyFactory()
    late = ActionFactory(body=body, due_on=dt.date(2009, 5, 1))
    ActionFactory(body=body, due_on=dt.date(2009, 7, 1))
    done = ActionFactory(body=body, due_on=dt.date(2009, 5, 1))
    services.action_complete(action=done, on=dt.date(2009, 5, 2), expected_version=None, by=by)
    gone = ActionFactory(body=body, due_on=dt.date(2009, 5, 1))
    services.action_archive(action=gone, reason="Recorded twice.", expected_version=None, by=by)
    assert Action.objects.for_body(body).outstanding().count() == 2
    assert list(Action.objects.for_body(body).overdue(dt.date(2009, 6, 1))) == [late]


def test_notes_need_text_and_a_live_action(by):
    action = ActionFactory()
    with pytest.raises(ValidationError):
        services.action_add_note(action=action, text=" ", by=by)
    archived = services.action_archive(
        action=action, reason="Recorded in error.", expected_version=None, by=by
    )
    with pytest.raises(ValidationError):
        services.action_add_note(action=archived, text="Progress", by=by)
