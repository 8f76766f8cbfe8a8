"""Action pages: the list with its filters and "My actions", one action with where it arose and
its progress, and the forms: progress notes from the owner or the secretary, complete, drop
(only with a reason), reopen, archive. Actions here are illustrative test data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.actions.factories import ActionFactory, ActionNoteFactory
from accord.actions.models import Action, ActionStatus
from accord.areas.tests.helpers import assert_well_formed, member_user
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings.factories import AgendaItemFactory, MeetingFactory
from accord.meetings.models import MeetingStatus
from accord.memberships.models import Role

pytestmark = pytest.mark.django_db

LIST = reverse("actions:list")
FAR_FUTURE = dt.date(2099, 1, 1)


@pytest.fixture
def body():
    return BodyFactory(name="LSP Thematic Leads")


@pytest.fixture
def item(body):
    """Item 4 of a meeting whose minutes are agreed, so what arose there is public."""
    meeting = MeetingFactory(body=body, title="LSP Thematic Leads", status="minutes_agreed")
    return AgendaItemFactory(meeting=meeting, number=4, title="SCS delivery plan")


def secretary_of(body):
    person = PersonFactory()
    MembershipFactory(person=person, body=body, role=Role.SUPPORT_STAFF)
    return UserFactory(person=person)


def owner_user(action):
    return UserFactory(person=action.owner)


def url(name: str, action: Action) -> str:
    return reverse(f"actions:{name}", args=[action.pk])


def count_queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- Reading ----------------------------------------------------------------------------------


def test_the_action_page_shows_where_it_arose_owner_due_date_and_progress(client, body, item):
    owner = PersonFactory(name="Andrea Mageean")
    action = ActionFactory(
        body=body,
        owner=owner,
        origin=item,
        title="Circulate the delivery plan template",
        due_on=dt.date(2009, 5, 18),
    )
    ActionNoteFactory(action=action, text="Template sent to the thematic partnerships.")
    html = assert_well_formed(client.get(action.get_absolute_url()))
    assert "Circulate the delivery plan template" in html and "Andrea Mageean" in html
    assert item.meeting.get_absolute_url() in html
    assert "LSP Thematic Leads, 27 April 2009" in html and "Item No. 4, SCS delivery plan" in html
    assert "18 May 2009" in html and "Overdue" in html
    assert "Template sent to the thematic partnerships." in html
    assert 'id="history"' in html and "Illustrative example" in html


def test_the_public_does_not_see_actions_of_restricted_items_or_unagreed_minutes(client, body):
    agreed = MeetingFactory(body=body, status=MeetingStatus.MINUTES_AGREED)
    draft = MeetingFactory(body=body, status=MeetingStatus.MINUTES_DRAFT)
    public = ActionFactory(
        body=body, title="Public action", origin=AgendaItemFactory(meeting=agreed)
    )
    restricted = ActionFactory(
        body=body,
        title="Restricted action",
        origin=AgendaItemFactory(meeting=agreed, title="Secret item", is_restricted=True),
    )
    unagreed = ActionFactory(
        body=body, title="Draft minutes action", origin=AgendaItemFactory(meeting=draft)
    )
    html = assert_well_formed(client.get(LIST))
    assert "Public action" in html
    assert "Restricted action" not in html and "Draft minutes action" not in html
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(restricted.get_absolute_url()).status_code == 404
    assert client.get(unagreed.get_absolute_url()).status_code == 404
    client.force_login(member_user(body))
    html = client.get(LIST).content.decode()
    assert "Restricted action" in html and "Draft minutes action" in html
    assert "Secret item" in client.get(restricted.get_absolute_url()).content.decode()


def test_an_owner_outside_the_body_sees_their_action_but_not_a_restricted_item_title(client, body):
    item = AgendaItemFactory(
        meeting=MeetingFactory(body=body, is_public=False), title="Secret item", is_restricted=True
    )
    action = ActionFactory(body=body, origin=item)
    client.force_login(owner_user(action))
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Secret item" not in html and "(a restricted item)" in html
    # The meeting is not one they may see, so it is named but not linked.
    assert item.meeting.get_absolute_url() not in html


def test_the_list_filters(client, body):
    alice = PersonFactory(name="Alice Able")
    done = ActionFactory(body=body, owner=alice, title="Done action", status=ActionStatus.DONE)
    Action.objects.filter(pk=done.pk).update(closed_on=dt.date(2009, 5, 1))
    ActionFactory(body=body, owner=alice, title="Late action", due_on=dt.date(2009, 5, 18))
    ActionFactory(body=body, title="Future action", due_on=FAR_FUTURE)
    ActionFactory(title="Other body action", due_on=FAR_FUTURE)

    def titles(**params):
        html = client.get(LIST, params).content.decode()
        return {
            t
            for t in ("Done action", "Late action", "Future action", "Other body action")
            if t in html
        }

    assert titles() == {"Done action", "Late action", "Future action", "Other body action"}
    assert titles(body=body.pk) == {"Done action", "Late action", "Future action"}
    assert titles(owner=alice.pk) == {"Done action", "Late action"}
    assert titles(status="done") == {"Done action"}
    assert titles(outstanding="on") == {"Late action", "Future action", "Other body action"}
    assert titles(overdue="on") == {"Late action"}
    # Bad values are ignored, not an error.
    assert client.get(LIST, {"status": "x", "owner": "y"}).status_code == 200
    html = client.get(LIST, {"overdue": "on"}).content.decode()
    assert "Overdue</strong>" in html and "Clear filters" in html


def test_my_actions_for_the_signed_in_person(client, body):
    mine = ActionFactory(body=body, title="My own action", due_on=FAR_FUTURE)
    ActionFactory(body=body, title="Someone else's action", due_on=FAR_FUTURE)
    html = client.get(LIST).content.decode()
    assert "My actions only" not in html and "Show my outstanding actions" not in html
    client.force_login(owner_user(mine))
    html = client.get(LIST).content.decode()
    assert "Show my outstanding actions" in html
    html = assert_well_formed(client.get(LIST, {"mine": "on", "outstanding": "on"}))
    assert "<h1" in html and "My actions</h1>" in html
    assert "My own action" in html and "Someone else" not in html


# --- Permissions and forms ----------------------------------------------------------------------


def test_who_may_do_what_to_an_action(client, body):
    action = ActionFactory(body=body, due_on=FAR_FUTURE)
    change_pages = [url(n, action) for n in ("edit", "complete", "drop")]
    for address in [url("note", action), *change_pages, url("archive", action)]:
        assert client.get(address).status_code == 302  # to sign in
    # A member of the body reads it but changes nothing.
    client.force_login(member_user(body))
    for address in [url("note", action), *change_pages, url("archive", action)]:
        assert client.get(address).status_code == 403
    # The owner reports progress, and nothing else.
    client.force_login(owner_user(action))
    html = client.get(action.get_absolute_url()).content.decode()
    assert url("note", action) in html and url("complete", action) not in html
    assert client.get(url("note", action)).status_code == 200
    for address in [*change_pages, url("archive", action)]:
        assert client.get(address).status_code == 403
    # The secretary does everything but archive, which is for managers.
    client.force_login(secretary_of(body))
    html = client.get(action.get_absolute_url()).content.decode()
    assert all(address in html for address in [url("note", action), *change_pages])
    assert url("archive", action) not in html
    for address in [url("note", action), *change_pages]:
        assert_well_formed(client.get(address))
    assert client.get(url("archive", action)).status_code == 403
    client.force_login(secretary_of(BodyFactory()))
    assert client.get(url("complete", action)).status_code == 403


def test_the_owner_adds_a_progress_note(client, body):
    action = ActionFactory(body=body, due_on=FAR_FUTURE)
    client.force_login(owner_user(action))
    assert client.post(url("note", action), {"text": ""}).status_code == 422
    response = client.post(url("note", action), {"text": "Draft circulated to partners."})
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Draft circulated to partners." in html


def test_dropping_needs_a_reason(client, body):
    action = ActionFactory(body=body, due_on=FAR_FUTURE)
    client.force_login(secretary_of(body))
    refused = client.post(url("drop", action), {"drop_reason": "  ", "version": action.version})
    assert refused.status_code == 422
    assert "Enter why the action is being dropped" in assert_well_formed(refused)
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN
    dropped = client.post(
        url("drop", action),
        {"drop_reason": "Overtaken by the new LAA guidance", "version": action.version},
    )
    assert dropped.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DROPPED and action.closed_on is not None
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Overtaken by the new LAA guidance" in html and url("reopen", action) in html
    # Dropping twice is turned back to the page, not an error.
    assert client.get(url("drop", action)).status_code == 302


def test_complete_and_reopen(client, body, item):
    action = ActionFactory(body=body, origin=item, due_on=FAR_FUTURE)
    client.force_login(secretary_of(body))
    too_early = client.post(
        url("complete", action),
        {"closed_on_0": "1", "closed_on_1": "1", "closed_on_2": "2009", "version": action.version},
    )
    assert too_early.status_code == 422
    assert b"cannot be closed before the meeting it arose at" in too_early.content
    done = client.post(
        url("complete", action),
        {"closed_on_0": "18", "closed_on_1": "5", "closed_on_2": "2009", "version": action.version},
    )
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.closed_on == dt.date(2009, 5, 18)
    assert "Overdue" not in client.get(action.get_absolute_url()).content.decode()
    stale = client.post(url("reopen", action), {"version": action.version - 1})
    assert stale.status_code == 409
    assert client.post(url("reopen", action), {"version": action.version}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN and action.closed_on is None


def test_editing_an_action(client, body):
    action = ActionFactory(body=body, title="Old title", due_on=FAR_FUTURE)
    client.force_login(secretary_of(body))
    data = {
        "title": "New title",
        "owner": action.owner_id,
        "body": body.pk,
        "due_on_0": "30",
        "due_on_1": "6",
        "due_on_2": "2099",
        "version": action.version,
    }
    assert client.post(url("edit", action), {**data, "body": BodyFactory().pk}).status_code == 422
    assert client.post(url("edit", action), data).status_code == 302
    action.refresh_from_db()
    assert action.title == "New title" and action.due_on == dt.date(2099, 6, 30)
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Old title" in html  # in the history


def test_a_manager_archives_an_action(client, body):
    action = ActionFactory(body=body, title="Recorded in error", due_on=FAR_FUTURE)
    client.force_login(ManagerFactory())
    assert client.post(url("archive", action), {"reason": "Duplicate"}).status_code == 302
    client.logout()
    assert client.get(action.get_absolute_url()).status_code == 404
    assert "Recorded in error" not in client.get(LIST).content.decode()


# --- Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["public", "member", "manager"])
def test_the_list_costs_the_same_for_few_and_many_actions(client, body, item, who):
    if who == "member":
        client.force_login(member_user(body))
    elif who == "manager":
        client.force_login(ManagerFactory())
    ActionFactory(body=body, origin=item)
    few = count_queries(client, LIST)
    for _ in range(6):
        ActionFactory(body=BodyFactory(), origin=item)
    assert count_queries(client, LIST) == few


@pytest.mark.parametrize("who", ["public", "owner", "secretary"])
def test_the_action_page_costs_the_same_for_few_and_many_notes(
    client, body, item, who, django_assert_max_num_queries
):
    action = ActionFactory(body=body, origin=item)
    if who == "owner":
        client.force_login(owner_user(action))
    elif who == "secretary":
        client.force_login(secretary_of(body))
    ActionNoteFactory(action=action)
    few = count_queries(client, action.get_absolute_url())
    for n in range(8):
        ActionNoteFactory(action=action, text=f"Note {n}")
    with django_assert_max_num_queries(few):
        assert client.get(action.get_absolute_url()).status_code == 200
