"""The OParl view's builders and lists: what each list costs (a fixed number of queries, however
long the page), how paging and the date filters work, and the mapping details that the schema
check in tests/standards/test_oparl.py does not see."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accord.common.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from accord.meetings import oparl
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
)
from accord.meetings.models import MeetingStatus
from accord.papers.factories import PaperFactory, PaperFileFactory

LISTS = {
    "meeting": 6,
    "paper": 4,
    "person": 3,
    "organization": 6,
}
API = "/api/v1/oparl"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def body(db):
    return BodyFactory(name="LSP Thematic Leads", parent=BodyFactory(name="West Cheshire Together"))


def add_meeting(body, day: int) -> None:
    """A meeting with agreed minutes, two items considering a paper with two file versions, a
    decision, and two people present who are members of the body."""
    meeting = MeetingFactory(
        body=body, date=dt.date(2009, 4, day), status=MeetingStatus.MINUTES_AGREED
    )
    paper = PaperFactory(body=body, author=PersonFactory())
    PaperFileFactory(paper=paper, revision=1)
    PaperFileFactory(paper=paper, revision=2)
    first = AgendaItemFactory(meeting=meeting, number=1, papers=[paper])
    AgendaItemFactory(meeting=meeting, number=2, papers=[paper])
    DecisionFactory(item=first)
    for _ in range(2):
        membership = MembershipFactory(body=body, on_behalf_of=OrganisationFactory())
        AttendanceFactory(meeting=meeting, person=membership.person)


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200
    assert response.json()["data"]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("kind", LISTS)
def test_a_list_page_costs_the_same_queries_however_long(client, media, body, kind):
    path = f"{API}/body/1/{kind}?limit=200"
    add_meeting(body, 1)
    few = queries(client, path)
    for day in range(2, 8):
        add_meeting(body, day)
    assert queries(client, path) == few <= LISTS[kind]


def test_every_object_costs_a_few_queries(client, media, body, django_assert_max_num_queries):
    add_meeting(body, 1)
    meeting = body.meetings.get()
    item = meeting.items.get(number=1)
    paper = item.papers.get()
    paths = [
        f"{API}/system",
        f"{API}/body",
        f"{API}/body/1",
        f"{API}/organization/{body.pk}",
        f"{API}/meeting/{meeting.pk}",
        f"{API}/agendaitem/{item.pk}",
        f"{API}/paper/{paper.pk}",
        f"{API}/file/{paper.files.first().pk}",
        f"{API}/person/{paper.author_id}",
    ]
    for path in paths:
        with django_assert_max_num_queries(6):
            assert client.get(path).status_code == 200, path


# --- Paging and filters --------------------------------------------------------------------------


def test_an_empty_list_is_one_page_with_no_neighbours():
    page = oparl.page_envelope("https://x.test/l", oparl.ListQuery(), 0, [])
    assert page["pagination"] == {
        "totalElements": 0,
        "elementsPerPage": oparl.DEFAULT_LIMIT,
        "currentPage": 1,
        "totalPages": 1,
    }
    assert set(page["links"]) == {"first", "self", "last"}


def test_paging_links_keep_the_filters_and_the_page_size():
    since = dt.datetime(2009, 4, 1, 9, 0, tzinfo=dt.UTC)
    query = oparl.ListQuery(page=2, limit=10, modified_since=since)
    page = oparl.page_envelope("https://x.test/l", query, 35, [])
    assert page["pagination"]["totalPages"] == 4
    assert page["links"]["next"] == (
        "https://x.test/l?limit=10&modified_since=2009-04-01T10%3A00%3A00%2B01%3A00&page=3"
    )
    assert page["links"]["prev"].endswith("page=1")
    assert page["links"]["last"].endswith("page=4")


def test_a_page_beyond_the_last_points_back_to_the_last():
    page = oparl.page_envelope("https://x.test/l", oparl.ListQuery(page=9, limit=10), 15, [])
    assert page["links"]["prev"].endswith("page=2")
    assert "next" not in page["links"]


def test_naive_filter_times_are_london_times(client, body):
    MeetingFactory(body=body)
    created = body.meetings.get().created_on
    local = timezone.localtime(created, oparl.LONDON).replace(tzinfo=None, microsecond=0)
    later = (local + dt.timedelta(seconds=1)).isoformat()
    earlier = (local - dt.timedelta(seconds=1)).isoformat()
    listed = client.get(f"{API}/body/1/meeting", {"created_since": earlier}).json()
    assert listed["pagination"]["totalElements"] == 1
    listed = client.get(f"{API}/body/1/meeting", {"created_since": later}).json()
    assert listed["pagination"]["totalElements"] == 0


# --- Mapping details -----------------------------------------------------------------------------


def test_archived_people_still_named_by_public_records_resolve(client, body):
    gone = PersonFactory(archived_on=timezone.now())
    MembershipFactory(person=gone, body=body)
    forgotten = PersonFactory(archived_on=timezone.now())
    assert client.get(f"{API}/person/{gone.pk}").status_code == 200
    assert client.get(f"{API}/person/{forgotten.pk}").status_code == 404


def test_a_parent_the_public_may_not_see_is_not_named(client, db):
    hidden = BodyFactory(is_published=False)
    child = BodyFactory(parent=hidden)
    out = client.get(f"{API}/organization/{child.pk}").json()
    assert "subOrganizationOf" not in out


def test_a_meeting_whose_minutes_are_not_yet_agreed_names_no_one_present(client, body):
    meeting = MeetingFactory(body=body, status=MeetingStatus.MINUTES_CIRCULATED)
    AttendanceFactory(meeting=meeting)
    item = AgendaItemFactory(meeting=meeting, number=1)
    DecisionFactory(item=item, text="Circulated, not agreed.")
    out = client.get(f"{API}/meeting/{meeting.pk}").json()
    assert "participant" not in out
    assert "resolutionText" not in out["agendaItem"][0]
    assert out["meetingState"] == "Minutes circulated"
    alone = client.get(f"{API}/agendaitem/{item.pk}").json()
    assert "resolutionText" not in alone


def test_a_paper_without_files_or_consultations(client, db):
    paper = PaperFactory(body=None, purpose="")
    out = client.get(f"{API}/paper/{paper.pk}").json()
    assert "mainFile" not in out and "consultation" not in out
    assert "underDirectionOf" not in out
    assert out["paperType"] == "Report"


def test_files_of_archived_versions_are_gone(client, media, db):
    old = PaperFileFactory(revision=1)
    new = PaperFileFactory(paper=old.paper, revision=2)
    old.archived_on = timezone.now()
    old.save()
    assert client.get(f"{API}/file/{old.pk}").status_code == 404
    out = client.get(f"{API}/file/{new.pk}").json()
    assert out["size"] == new.size
    assert out["accessUrl"].startswith("http://testserver/")
    assert out["paper"] == [f"http://testserver{API}/paper/{old.paper_id}"]
