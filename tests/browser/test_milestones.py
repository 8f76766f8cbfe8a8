"""Timetables in the browser: axe on every page type (index, a programme with its timeline, a
milestone, the forms and a form with errors), marking a milestone done, and the calendar feed."""

import datetime as dt

import pytest

from accord.bodies.models import Body
from accord.milestones import services
from accord.milestones.models import Milestone
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
D = dt.date


def make_timetables() -> dict:
    """Seed 001's LAA 2009 timetable and seed 003's steps 1–4, plus one milestone coming up."""
    lsp = Body.objects.get(name="Cheshire West and Chester Local Strategic Partnership")
    laa = services.programme_create(
        fields={
            "title": "Test LAA refresh timetable",
            "description": "2009 timescales for the review and refresh of the LAA 2008–2011.",
            "owning_body": lsp,
            "source": "LSP newsletter, January 2009",
        },
        by=None,
    )
    rows = [
        ("GONW review of LAA targets sent to central Government", "month", None, D(2009, 1, 31)),
        ("Communities of Cheshire Partnership to agree the process", "day", None, D(2009, 1, 30)),
        ("LSP nominated representatives to review the emerging LAA", "month", None, D(2009, 2, 28)),
        ("Final or near final refreshed LAA sent to GONW", "day", None, D(2009, 3, 2)),
        ("Formal adoption completed and final LAA submitted", "day", None, D(2009, 3, 26)),
    ]
    for i, (title, precision, start, due) in enumerate(rows):
        services.milestone_create(
            fields={
                "programme": laa,
                "title": title,
                "precision": precision,
                "starts_on": start,
                "due_on": due,
                "owner_body": lsp,
                "status": "done" if i < 2 else "planned",
                "completed_on": due if i < 2 else None,
            },
            by=None,
        )
    steps = services.programme_create(fields={"title": "Test SCS delivery plan steps"}, by=None)
    services.milestone_create(
        fields={
            "programme": steps,
            "title": "Step 1: thematic partnerships complete a first cut",
            "precision": "span",
            "starts_on": D(2010, 8, 1),
            "due_on": D(2010, 10, 31),
            "status": "in_progress",
        },
        by=None,
    )
    today = dt.date.today()
    soon = services.milestone_create(
        fields={
            "programme": steps,
            "title": "Review the delivery plan",
            "precision": "by_day",
            "due_on": today + dt.timedelta(days=10),
        },
        by=None,
    )
    return {"laa": laa.pk, "steps": steps.pk, "soon": soon.pk, "first": laa.milestones.first().pk}


def test_timetable_pages_have_no_axe_violations(page, axe):
    known = make_timetables()
    for url in [
        "/timetables/",
        "/timetables/?within=365",
        f"/timetables/{known['laa']}/",
        f"/timetables/{known['steps']}/",
        f"/timetables/milestones/{known['first']}/",
        f"/timetables/milestones/{known['soon']}/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)
    page.goto(f"/timetables/{known['laa']}/")
    svg = page.locator("svg.accord-timeline")
    assert svg.get_attribute("role") == "img"
    assert "Timeline of Test LAA refresh timetable" in svg.locator("title").text_content()
    assert page.get_by_role("img", name="Timeline of Test LAA refresh timetable").count() == 1
    assert page.locator("table").filter(has_text="Final or near final").count() == 1


def test_manager_forms_and_mark_done(page, axe):
    known = make_timetables()
    sign_in(page, "manager")
    for url in [
        "/timetables/",
        f"/timetables/{known['laa']}/",
        f"/timetables/milestones/{known['soon']}/",
        "/timetables/add/",
        f"/timetables/{known['laa']}/change/",
        f"/timetables/{known['laa']}/archive/",
        f"/timetables/{known['laa']}/milestones/add/",
        f"/timetables/milestones/{known['soon']}/change/",
        f"/timetables/milestones/{known['soon']}/done/",
        f"/timetables/milestones/{known['soon']}/archive/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)

    # Forms with errors.
    for url in ["/timetables/add/", f"/timetables/{known['laa']}/milestones/add/"]:
        page.goto(url)
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1, url
        axe(page, f"{url} with errors")

    # Mark done on the milestone page: with no date it says so, then with a date it is done.
    page.goto(f"/timetables/milestones/{known['soon']}/")
    for part in ("Day", "Month", "Year"):
        page.get_by_role("group", name="Date it was done").get_by_label(part).fill("")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").inner_text().count("Enter the date it was done")
    axe(page, "mark as done with errors")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Mark as done").click()
    page.wait_for_load_state()
    assert "Milestone marked as done" in page.locator("main").inner_text()
    m = Milestone.objects.get(pk=known["soon"])
    assert (m.status, m.completed_on) == ("done", D(2026, 3, 2))


def test_subscribe_link_serves_a_calendar(page):
    known = make_timetables()
    page.goto(f"/timetables/{known['laa']}/")
    link = page.get_by_role("link", name="Subscribe to this timetable in your calendar")
    href = link.get_attribute("href")
    assert href == f"/timetables/{known['laa']}/milestones.ics"
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    body = response.text()
    assert body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") == 5
    page.goto("/timetables/")
    href = page.get_by_role("link", name="Subscribe to every timetable").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    published = (
        Milestone.objects.live()
        .filter(programme__archived_on__isnull=True)
        .exclude(programme__strategy__is_published=False)
    )
    assert response.text().count("BEGIN:VEVENT") == published.count() >= 7
