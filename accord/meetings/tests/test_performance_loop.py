"""The performance loop: from a body's scorecard, its exception report goes on the next
meeting's agenda as a paper that keeps the figures as they were that day."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.common.querysets import today
from accord.meetings import documents, selectors
from accord.meetings.factories import MeetingFactory
from accord.meetings.models import MeetingStatus, Purpose, StandingItem
from accord.meetings.services import meeting_cancel, meeting_create
from accord.memberships.models import Role
from accord.observations.versions import figures_changed
from accord.papers.services import EXCEPTION_REPORT, paper_snapshot_exception_report
from accord.scorecards.tests.conftest import AS_OF, make_partnership

pytestmark = pytest.mark.django_db


def secretary_of(body):
    user = UserFactory(person=PersonFactory(name="Alistair Jeffs"))
    MembershipFactory(
        person=user.person, body=body, role=Role.SUPPORT_STAFF, start_date=dt.date(2009, 1, 1)
    )
    return user


def set_latest(partnership, indicator, value):
    indicator.observations.filter(period__code="2009/10 Q3", area=partnership.world.borough).update(
        value=value, ci_lower=value - 1, ci_upper=value + 1
    )
    figures_changed()  # as every writer of figures does


@pytest.fixture
def loop():
    """A partnership whose theme body has one indicator red against its target, and a meeting
    of that body in a fortnight (with its standing items)."""
    p = make_partnership()
    p.red = p.indicators[1]
    set_latest(p, p.red, 40)
    p.meeting = meeting_create(
        fields={"body": p.theme, "date": today() + dt.timedelta(days=14)},
        by=ManagerFactory(),
    )
    return p


def test_the_report_is_frozen_into_a_paper_on_the_next_agenda(loop):
    secretary = secretary_of(loop.theme)
    paper = paper_snapshot_exception_report(
        body=loop.theme, meeting=loop.meeting, as_of=AS_OF, by=secretary
    )
    assert paper.title == "Exception report: Test Health and Wellbeing as at 15 January 2010"
    assert paper.snapshot_kind == EXCEPTION_REPORT
    assert paper.snapshot_taken_on == today()
    assert paper.author == secretary.person
    assert paper.purpose == "discussion" and paper.body == loop.theme
    assert paper.is_public  # final figures only
    assert paper.is_illustrative  # the test figures are illustrative, and say so
    snap = paper.snapshot
    assert snap["as_of"] == "2010-01-15" and snap["body"]["name"] == "Test Health and Wellbeing"
    rows = {r["indicator"]["code"]: r for r in snap["rows"]}
    red = rows[loop.red.code]
    assert red["value"] == 40.0 and red["value_text"] == "40.0"
    assert red["rag"] == "red" and "Red against target" in red["exceptions"]
    assert red["period"] == "2009/10 Q3" and red["target_text"] == "63.0"
    assert red["is_illustrative"] and red["as_of"] == "2010-01-15"
    # It is the exception report the scorecard gave that day, row for row.
    from accord.scorecards.selectors import exceptions

    card = exceptions(AS_OF, secretary, body=loop.theme)
    assert [r["indicator"]["code"] for r in snap["rows"]] == [r.indicator.code for r in card.rows]
    # On the agenda, for discussion, before any other business.
    items = list(loop.meeting.items.live().order_by("number"))
    assert [i.standing for i in items] == [
        StandingItem.WELCOME,
        StandingItem.MINUTES,
        StandingItem.NONE,
        StandingItem.AOB,
    ]
    added = items[2]
    assert added.title == paper.title and added.purpose == Purpose.DISCUSSION
    assert list(added.papers.all()) == [paper]
    assert added.presenter == secretary.person


def test_later_changes_to_the_figures_leave_the_paper_as_it_was(client, loop):
    manager = ManagerFactory()
    paper = paper_snapshot_exception_report(
        body=loop.theme, meeting=loop.meeting, as_of=AS_OF, by=manager
    )
    set_latest(loop, loop.red, 30)
    from accord.scorecards.selectors import exceptions

    now = {r.indicator.code: r for r in exceptions(AS_OF, manager, body=loop.theme).rows}
    assert now[loop.red.code].value == "30.0"  # the figures did change
    paper.refresh_from_db()
    assert {r["indicator"]["code"]: r for r in paper.snapshot["rows"]}[loop.red.code][
        "value"
    ] == 40.0
    # The paper's page and the agenda pack still show the figure the meeting was given.
    client.force_login(manager)
    page = client.get(reverse("papers:detail", args=[paper.pk])).content.decode()
    assert "Exception report as at 15 January 2010" in page
    assert "40.0" in page and "30.0" not in page
    assert "Illustrative" in page
    pack = documents.agenda_pack(selectors.meeting_page(loop.meeting, manager))
    text = documents.render_pdf(pack)
    from accord.meetings.tests.test_documents import pdf_text

    words = pdf_text(text)
    assert f"{loop.red.code} {loop.red.title}" in words
    assert "40.0 % (2009/10 Q3)" in words and "30.0" not in words
    assert "Exception report as at 15 January 2010" in words


def test_provisional_figures_keep_the_paper_from_the_public(loop):
    loop.red.observations.filter(period__code="2009/10 Q3").update(status="provisional")
    figures_changed()
    paper = paper_snapshot_exception_report(
        body=loop.theme, meeting=loop.meeting, as_of=AS_OF, by=ManagerFactory()
    )
    assert paper.snapshot["has_provisional"] and not paper.is_public


def test_only_the_body_s_own_open_meeting_takes_the_report(loop):
    manager = ManagerFactory()
    other = MeetingFactory(body=BodyFactory(), date=today() + dt.timedelta(days=7))
    with pytest.raises(ValidationError) as error:
        paper_snapshot_exception_report(body=loop.theme, meeting=other, as_of=AS_OF, by=manager)
    assert "meeting" in error.value.message_dict
    cancelled = meeting_cancel(
        meeting=loop.meeting, reason="No business.", expected_version=None, by=manager
    )
    with pytest.raises(ValidationError):
        paper_snapshot_exception_report(body=loop.theme, meeting=cancelled, as_of=AS_OF, by=manager)
    held = MeetingFactory(body=loop.theme, status=MeetingStatus.MINUTES_CIRCULATED)
    with pytest.raises(ValidationError):
        paper_snapshot_exception_report(body=loop.theme, meeting=held, as_of=AS_OF, by=manager)
    from accord.papers.models import Paper

    assert not Paper.objects.filter(snapshot_kind=EXCEPTION_REPORT).exists()


BUTTON = "Add the exception report to the next meeting's agenda"


def scorecard(client, body):
    response = client.get(
        reverse("scorecards:body", args=[body.pk]) + f"?as_of={AS_OF.isoformat()}"
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_scorecard_offers_the_button_to_the_body_s_secretary(client, loop):
    assert BUTTON not in scorecard(client, loop.theme)  # the public
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=loop.theme, role=Role.MEMBER)
    client.force_login(member)
    assert BUTTON not in scorecard(client, loop.theme)  # may not change the agenda
    client.force_login(secretary_of(loop.theme))
    page = scorecard(client, loop.theme)
    assert BUTTON in page
    assert reverse("meetings:add-exception-report", args=[loop.theme.pk]) in page
    assert 'name="as_of" value="2010-01-15"' in page
    assert f'name="meeting" value="{loop.meeting.pk}"' in page
    # Without a meeting to come there is nothing to add it to.
    client.force_login(ManagerFactory())
    assert BUTTON not in scorecard(client, loop.board)


def test_adding_the_report_from_the_scorecard(client, loop):
    url = reverse("meetings:add-exception-report", args=[loop.theme.pk])
    data = {"as_of": AS_OF.isoformat(), "meeting": loop.meeting.pk}
    assert client.post(url, data).status_code == 403  # the public
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=loop.theme, role=Role.MEMBER)
    client.force_login(member)
    assert client.post(url, data).status_code == 403
    client.force_login(secretary_of(loop.theme))
    assert client.get(url).status_code == 405
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == loop.meeting.get_absolute_url()
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "success"
    assert str(message) == (
        "The exception report as at 15 January 2010 is on the agenda of "
        f"{loop.meeting} as Item No. 3."
    )
    item = loop.meeting.items.live().get(number=3)
    assert item.papers.get().snapshot["as_of"] == "2010-01-15"
    page = client.get(loop.meeting.get_absolute_url()).content.decode()
    assert "Exception report: Test Health and Wellbeing as at 15 January 2010" in page


def test_adding_the_report_refuses_what_it_cannot_do(client, loop):
    client.force_login(ManagerFactory())
    url = reverse("meetings:add-exception-report", args=[loop.theme.pk])
    back = reverse("scorecards:body", args=[loop.theme.pk]) + "?as_of=2010-01-15"
    # The next meeting changed since the page was drawn.
    stale = client.post(url, {"as_of": "2010-01-15", "meeting": loop.meeting.pk + 99})
    assert stale["Location"] == back
    assert "has changed" in str(list(get_messages(stale.wsgi_request))[-1])
    assert client.post(url, {"as_of": "someday"}).status_code == 400
    future = (today() + dt.timedelta(days=1)).isoformat()
    assert client.post(url, {"as_of": future}).status_code == 400
    # A body with no meeting to come.
    none = client.post(
        reverse("meetings:add-exception-report", args=[loop.board.pk]), {"as_of": "2010-01-15"}
    )
    assert none.status_code == 302
    assert "has no meeting coming up" in str(list(get_messages(none.wsgi_request))[-1])
    assert client.post(reverse("meetings:add-exception-report", args=[99999])).status_code == 404
    assert not loop.meeting.items.live().filter(papers__isnull=False).exists()
