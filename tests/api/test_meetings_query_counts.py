"""The lists of meetings, agenda items, papers, attendance, decisions and actions use a fixed
number of queries, however many rows they return. The records are illustrative test data."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from accord.actions.factories import ActionFactory, ActionNoteFactory
from accord.common.factories import BodyFactory, MembershipFactory, UserFactory
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
)
from accord.meetings.models import AgendaItem
from accord.papers.factories import PaperFactory, PaperFileFactory

LISTS = [
    "/api/v1/meetings",
    "/api/v1/agenda-items",
    "/api/v1/papers",
    "/api/v1/attendance",
    "/api/v1/decisions",
    "/api/v1/actions",
]
LIMIT = 12


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_meetings(body, n: int) -> None:
    """n pairs of meetings of `body` (one with agreed minutes, one in draft) and of another
    body, each with public and restricted items, papers with files, attendance, decisions and
    actions with notes."""
    item_type = ContentType.objects.get_for_model(AgendaItem)
    for i in range(n):
        for owner in (body, BodyFactory()):
            agreed = MeetingFactory(
                body=owner, date=dt.date(2009, 1, 1) + dt.timedelta(days=i), status="minutes_agreed"
            )
            draft = MeetingFactory(
                body=owner, date=dt.date(2010, 1, 1) + dt.timedelta(days=i), status="minutes_draft"
            )
            agreed.next_meeting = draft
            agreed.save()
            for meeting in (agreed, draft):
                public = PaperFactory(body=owner)
                PaperFileFactory(paper=public)
                private = PaperFactory(body=owner, is_public=False)
                item = AgendaItemFactory(meeting=meeting, number=1, papers=[public, private])
                closed = AgendaItemFactory(meeting=meeting, number=2, is_restricted=True)
                for it in (item, closed):
                    DecisionFactory(item=it)
                    action = ActionFactory(body=owner, origin_type=item_type, origin_id=it.pk)
                    ActionNoteFactory(action=action)
                AttendanceFactory(meeting=meeting)
                AttendanceFactory(meeting=meeting, status="apologies")


def count_queries(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(LIMIT) as captured:
        response = client.get(url, {"page_size": 200})
    assert response.status_code == 200, response.content
    assert response.json()["count"] > 0
    return len(captured)


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("who", ["anonymous", "manager", "member"])
def test_list_queries_do_not_grow_with_rows(
    url, who, anon, api, user_client, django_assert_max_num_queries
):
    body = BodyFactory()
    member = MembershipFactory(body=body)
    client = {
        "anonymous": anon,
        "manager": api,
        "member": user_client(UserFactory(person=member.person)) if who == "member" else None,
    }[who]
    make_meetings(body, 1)
    small = count_queries(client, url, django_assert_max_num_queries)
    make_meetings(body, 6)
    large = count_queries(client, url, django_assert_max_num_queries)
    assert large == small


def test_meeting_detail_queries_do_not_grow_with_the_agenda(
    anon, api, django_assert_max_num_queries
):
    """The meeting with everything embedded reads in a fixed number of queries."""
    meeting = MeetingFactory(status="minutes_agreed")
    item_type = ContentType.objects.get_for_model(AgendaItem)

    def add(n, start):
        for number in range(start, start + n):
            item = AgendaItemFactory(
                meeting=meeting, number=number, papers=[PaperFactory(), PaperFactory()]
            )
            DecisionFactory(item=item)
            ActionFactory(body=meeting.body, origin_type=item_type, origin_id=item.pk)
            AttendanceFactory(meeting=meeting)

    counts = []
    for n, start in ((2, 1), (8, 3)):
        add(n, start)
        for client in (anon, api):
            with django_assert_max_num_queries(20) as captured:
                response = client.get(f"/api/v1/meetings/{meeting.pk}")
            assert response.status_code == 200, response.content
            counts.append(len(captured))
    assert counts[:2] == counts[2:]
