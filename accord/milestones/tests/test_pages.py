"""The timetable pages: index, programme with its timeline, milestone, and the forms."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, member_user, queries_for
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MilestoneFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    StrategyFactory,
)
from accord.milestones import services
from accord.milestones.models import Milestone, Programme

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2009, 3, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("accord.common.querysets.today", lambda: ON)


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


@pytest.fixture
def laa():
    """Seed 001's LAA 2009 timetable, as it stood on 1 March 2009."""
    lsp = BodyFactory(name="Local Strategic Partnership")
    p = ProgrammeFactory(title="LAA 2009 refresh", owning_body=lsp, description="2009 timescales")
    rows = [
        ("GONW review of LAA targets", "month", D(2009, 1, 31), "done"),
        ("Communities of Cheshire Partnership agree the process", "day", D(2009, 1, 30), "done"),
        ("LSP nominated representatives review the LAA", "month", D(2009, 2, 28), "in_progress"),
        ("Refreshed LAA sent to GONW", "day", D(2009, 3, 2), "planned"),
        ("GONW make recommendations to Ministers", "day", D(2009, 3, 9), "planned"),
        ("Negotiations concluded", "month", D(2009, 3, 31), "planned"),
        ("Final LAA submitted to GONW", "day", D(2009, 3, 26), "planned"),
    ]
    for title, precision, due, status in rows:
        MilestoneFactory(
            programme=p,
            title=title,
            precision=precision,
            due_on=due,
            status=status,
            completed_on=due if status == "done" else None,
            owner_body=lsp,
        )
    return p


def milestone_data(**overrides) -> dict:
    data = {
        "title": "Final LAA submitted to GONW",
        "description": "",
        "precision": "by_day",
        "starts_on_0": "",
        "starts_on_1": "",
        "starts_on_2": "",
        "due_on_0": "26",
        "due_on_1": "3",
        "due_on_2": "2009",
        "owner_body": "",
        "owner_organisation": "",
        "owner_person": "",
        "status": "planned",
        "completed_on_0": "",
        "completed_on_1": "",
        "completed_on_2": "",
        "position": "0",
        "source": "",
    }
    data.update(overrides)
    return data


# --- index ------------------------------------------------------------------------------------


def test_index_lists_programmes_with_progress_overdue_and_coming_up(client, laa):
    html = assert_well_formed(client.get(reverse("milestones:index")))
    assert "LAA 2009 refresh" in html
    overdue = html.split('id="overdue"')[1].split('id="coming-up"')[0]
    assert "LSP nominated representatives review the LAA" in overdue
    assert "February 2009" in overdue and "Overdue</strong>" in overdue
    coming = html.split('id="coming-up"')[1].split('id="timetables"')[0]
    for title in ("Refreshed LAA sent to GONW", "Final LAA submitted to GONW", "Negotiations"):
        assert title in coming
    assert "2 March 2009" in coming and "March 2009" in coming
    assert 'href="/bodies/' in coming  # the owner is linked
    assert reverse("milestones:feed") in html


def test_index_window_can_be_chosen(client, laa):
    MilestoneFactory(
        programme=laa, title="SCS endorsed", precision="by_day", due_on=D(2009, 10, 30)
    )
    html = client.get(reverse("milestones:index")).content.decode()
    assert "SCS endorsed" not in html and "next 6 weeks" in html
    html = client.get(reverse("milestones:index"), {"within": "365"}).content.decode()
    assert "SCS endorsed" in html and "By 30 October 2009" in html and "next 12 months" in html
    # a bad choice falls back to six weeks
    assert client.get(reverse("milestones:index"), {"within": "9"}).status_code == 200


def _fill(n: int) -> None:
    body, org, person = BodyFactory(), OrganisationFactory(), PersonFactory()
    for _ in range(3):
        p = ProgrammeFactory(owning_body=body, strategy=StrategyFactory())
        for j in range(n):
            MilestoneFactory(
                programme=p,
                due_on=ON + dt.timedelta(days=(j % 20) - 10),
                owner_body=body,
                owner_organisation=org,
                owner_person=person,
            )


@pytest.mark.parametrize(
    "url",
    [
        lambda p, m: reverse("milestones:index"),
        lambda p, m: reverse("milestones:programme", args=[p.pk]),
        lambda p, m: reverse("milestones:milestone", args=[m.pk]),
        lambda p, m: reverse("milestones:feed"),
        lambda p, m: reverse("milestones:programme-feed", args=[p.pk]),
    ],
    ids=["index", "programme", "milestone", "feed", "programme-feed"],
)
def test_query_counts_do_not_grow_with_milestones(client, url):
    _fill(1)
    p = Programme.objects.first()
    m = p.milestones.first()
    few = queries_for(client, url(p, m))
    _fill(10)
    many = queries_for(client, url(p, m))
    assert few == many
    assert many <= 8


def test_public_index_makes_three_queries(client, laa, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get(reverse("milestones:index"))


# --- programme and milestone pages ------------------------------------------------------------


def test_programme_page_has_timeline_svg_and_table(client, laa):
    html = assert_well_formed(client.get(laa.get_absolute_url()))
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="timeline-title timeline-desc"' in svg
    assert '<title id="timeline-title">Timeline of LAA 2009 refresh</title>' in svg
    assert "7 milestones from January 2009 to March 2009: 2 done" in svg
    assert "A line marks today, 1 March 2009" in svg
    assert ">Jan 2009<" in svg and ">Feb<" in svg and ">Mar<" in svg
    assert svg.count("<rect x=") >= 3  # months drawn as bars
    assert svg.count("<path d=") >= 4  # single days as diamonds
    assert "⚠ Overdue" in svg and "url(#timeline-hatch)" in svg  # text and pattern
    assert "Today" in svg
    table = html.split("<table")[1]
    assert "Milestones of LAA 2009 refresh" in table
    assert table.count('<tr class="govuk-table__row">') == 8
    assert "2 of 7 milestones done; 5 open, of which <strong>1 overdue</strong>" in html
    assert reverse("milestones:programme-feed", args=[laa.pk]) in html
    assert "Add a milestone" not in html and "Mark as done" not in html


def test_programme_page_links_the_strategy_when_there_is_a_page(client):
    p = ProgrammeFactory(strategy=StrategyFactory(title="Together we can aim high"))
    html = client.get(p.get_absolute_url()).content.decode()
    assert "Together we can aim high" in html


def test_unpublished_strategy_hides_programme_and_feed(client, manager):
    p = ProgrammeFactory(strategy=StrategyFactory(is_published=False))
    m = MilestoneFactory(programme=p)
    assert client.get(p.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(p.get_absolute_url()).status_code == 404
    assert client.get(m.get_absolute_url()).status_code == 404
    assert client.get(reverse("milestones:programme-feed", args=[p.pk])).status_code == 404


def test_unpublished_owner_body_is_not_named_to_the_public(client):
    secret = BodyFactory(name="Secret group", is_published=False)
    m = MilestoneFactory(owner_body=secret)
    html = client.get(m.get_absolute_url()).content.decode()
    assert "Secret group" not in html and "A body not yet published" in html
    ics = client.get(reverse("milestones:feed")).content.decode()
    assert "Secret group" not in ics


def test_milestone_page_shows_date_owner_status_and_history(client, manager, laa):
    m = laa.milestones.get(title="LSP nominated representatives review the LAA")
    services.milestone_update(
        milestone=m, changes={"title": "LSP reps review the LAA"}, expected_version=None, by=manager
    )
    html = assert_well_formed(client.get(m.get_absolute_url()))
    assert "February 2009" in html and "1 February 2009</time> to" in html
    assert "Local Strategic Partnership" in html and "Overdue" in html
    assert "History" in html and "LSP reps review the LAA" in html
    assert "Mark as done" in html  # open, and the user is a manager


# --- permissions --------------------------------------------------------------------------------


def test_public_and_members_read_only(client, laa):
    m = laa.milestones.first()
    edits = [
        reverse("milestones:programme-create"),
        reverse("milestones:programme-edit", args=[laa.pk]),
        reverse("milestones:programme-archive", args=[laa.pk]),
        reverse("milestones:milestone-create", args=[laa.pk]),
        reverse("milestones:milestone-edit", args=[m.pk]),
        reverse("milestones:milestone-done", args=[m.pk]),
        reverse("milestones:milestone-archive", args=[m.pk]),
    ]
    for url in edits:
        response = client.get(url)
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"]
        assert client.post(url, {}).status_code == 302
    client.force_login(member_user())
    for url in edits:
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    html = client.get(laa.get_absolute_url()).content.decode()
    assert "Change" not in html.split("<main")[1].split("Timeline")[0]


# --- forms ------------------------------------------------------------------------------------


def test_manager_creates_edits_and_archives_a_programme(client, manager):
    url = reverse("milestones:programme-create")
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "", "description": "", "source": ""})
    assert response.status_code == 422
    assert "Enter the title of the timetable" in response.content.decode()
    response = client.post(url, {"title": "SCS timescale", "description": "", "source": ""})
    p = Programme.objects.get(title="SCS timescale")
    assert response.status_code == 302 and response["Location"] == p.get_absolute_url()
    response = client.post(
        reverse("milestones:programme-edit", args=[p.pk]),
        {"title": "SCS timescale 2009", "description": "", "source": "", "version": "1"},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.title == "SCS timescale 2009" and p.version == 2
    response = client.post(
        reverse("milestones:programme-archive", args=[p.pk]),
        {"reason": "Entered twice", "version": "2"},
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.is_archived
    assert "SCS timescale" not in client.get(reverse("milestones:index")).content.decode()


def test_manager_adds_a_milestone_with_owners(client, manager, laa):
    body, org, person = BodyFactory(), OrganisationFactory(), PersonFactory()
    url = reverse("milestones:milestone-create", args=[laa.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        milestone_data(
            title="Self-evaluation / State of the Borough review",
            precision="by_day",
            due_on_0="30",
            due_on_1="4",
            owner_body=str(body.pk),
            owner_organisation=str(org.pk),
            owner_person=str(person.pk),
        ),
    )
    assert response.status_code == 302
    m = Milestone.objects.get(title__startswith="Self-evaluation")
    assert m.programme == laa and m.date_label == "by 30 April 2009"
    assert m.owners == [body, org, person]


def test_a_span_needs_its_end_on_or_after_its_start(client, manager, laa):
    response = client.post(
        reverse("milestones:milestone-create", args=[laa.pk]),
        milestone_data(
            precision="span",
            starts_on_0="1",
            starts_on_1="11",
            starts_on_2="2010",
            due_on_0="31",
            due_on_1="10",
            due_on_2="2010",
        ),
    )
    assert response.status_code == 422
    assert "must be on or after" in response.content.decode()


def test_marking_done_on_the_edit_form_needs_a_date(client, manager, laa):
    m = laa.milestones.get(title="Refreshed LAA sent to GONW")
    response = client.post(
        reverse("milestones:milestone-edit", args=[m.pk]),
        milestone_data(title=m.title, status="done", version=str(m.version), due_on_0="2"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter the date it was done" in html and 'href="#id_completed_on_0"' in html
    m.refresh_from_db()
    assert m.status == "planned"


def test_mark_as_done_form(client, manager, laa):
    m = laa.milestones.get(title="Refreshed LAA sent to GONW")
    url = reverse("milestones:milestone-done", args=[m.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'value="1"' in page.content.decode()  # today's day
    response = client.post(url, {"version": str(m.version)})
    assert response.status_code == 422
    assert "Enter the date it was done" in response.content.decode()
    response = client.post(
        url,
        {
            "completed_on_0": "31",
            "completed_on_1": "2",
            "completed_on_2": "2009",
            "version": str(m.version),
        },
    )
    assert response.status_code == 422 and "real date" in response.content.decode()
    response = client.post(
        url,
        {
            "completed_on_0": "2",
            "completed_on_1": "3",
            "completed_on_2": "2009",
            "version": str(m.version),
        },
    )
    assert response.status_code == 302 and response["Location"] == m.get_absolute_url()
    m.refresh_from_db()
    assert (m.status, m.completed_on) == ("done", D(2009, 3, 2))
    assert "Mark as done" not in client.get(m.get_absolute_url()).content.decode()


def test_stale_edits_are_turned_away_with_409(client, manager, laa):
    m = laa.milestones.get(title="Refreshed LAA sent to GONW")
    services.milestone_update(
        milestone=m, changes={"title": "Changed meanwhile"}, expected_version=1, by=manager
    )
    response = client.post(
        reverse("milestones:milestone-edit", args=[m.pk]),
        milestone_data(title="My title", version="1", due_on_0="2"),
    )
    assert response.status_code == 409
    assert "Changed meanwhile" in response.content.decode()
    response = client.post(
        reverse("milestones:milestone-done", args=[m.pk]),
        {"completed_on_0": "2", "completed_on_1": "3", "completed_on_2": "2009", "version": "1"},
    )
    assert response.status_code == 409
    response = client.post(
        reverse("milestones:programme-edit", args=[laa.pk]),
        {"title": "Mine", "description": "", "source": "", "version": "0"},
    )
    assert response.status_code == 409
    m.refresh_from_db()
    assert (m.title, m.status) == ("Changed meanwhile", "planned")


def test_archiving_a_milestone_keeps_its_page(client, manager, laa):
    m = laa.milestones.first()
    url = reverse("milestones:milestone-archive", args=[m.pk])
    assert client.post(url, {"reason": "", "version": "1"}).status_code == 422
    assert client.post(url, {"reason": "Dropped", "version": "1"}).status_code == 302
    html = client.get(m.get_absolute_url()).content.decode()
    assert "Archived" in html and "Dropped" in html
    assert client.get(reverse("milestones:milestone-edit", args=[m.pk])).status_code == 404
    assert m.title not in client.get(laa.get_absolute_url()).content.decode().split("History")[0]
