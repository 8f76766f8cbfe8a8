"""Who may read which papers and files."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings.factories import AgendaItemFactory, MeetingFactory
from accord.meetings.models import MeetingStatus
from accord.papers import selectors
from accord.papers.factories import PaperFactory, PaperFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_public_papers_for_everyone_and_the_rest_for_members():
    body = BodyFactory()
    public = PaperFactory(body=body)
    private = PaperFactory(body=body, is_public=False)
    hidden_body = PaperFactory(body=BodyFactory(is_published=False))
    anon = AnonymousUser()
    assert set(selectors.visible_papers(anon)) == {public}
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=body, start_date=dt.date(2009, 1, 1))
    assert set(selectors.visible_papers(member)) == {public, private}
    assert set(selectors.visible_papers(ManagerFactory())) == {public, private, hidden_body}
    assert list(selectors.paper_list(user=anon, body=body)) == [public]


def test_paper_detail_with_files_and_the_meetings_that_considered_it(django_assert_num_queries):
    paper = PaperFactory()
    PaperFileFactory(paper=paper, revision=1)
    PaperFileFactory(paper=paper, revision=2)
    shown = AgendaItemFactory(meeting=MeetingFactory(), papers=[paper])
    AgendaItemFactory(meeting=MeetingFactory(status=MeetingStatus.SCHEDULED), papers=[paper])
    anon = AnonymousUser()
    with django_assert_num_queries(3):
        detail = selectors.paper_detail(pk=paper.pk, user=anon)
        meetings = [i.meeting.body.name for i in detail.shown_items]
    assert [f.revision for f in detail.live_files] == [2, 1]
    assert detail.shown_items == [shown] and len(meetings) == 1
    assert selectors.paper_file_for_download(paper_pk=paper.pk, revision=2, user=anon)
    private = PaperFactory(is_public=False)
    PaperFileFactory(paper=private)
    with pytest.raises(private.files.model.DoesNotExist):
        selectors.paper_file_for_download(paper_pk=private.pk, revision=1, user=anon)
