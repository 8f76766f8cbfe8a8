"""axe (WCAG 2.0, 2.1 and 2.2, A and AA) on every page of meetings, papers and actions: signed
out, as a member, as the body's secretary, as the chair and as a manager; the recording pages at
each stage of the minutes (draft, circulated, agreed); and the forms showing their errors.
Zero violations."""

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect

from accord.accounts.models import User
from accord.actions import services as action_services
from accord.actions.models import Action
from accord.bodies.models import Body
from accord.meetings import services
from accord.meetings.models import AgendaItem, Decision, Meeting, Venue
from accord.papers.models import Paper
from accord.papers.services import paper_add_file
from accord.people.models import Person
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SMALL_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
CHAIR_PASSWORD = "thematic-leads-chair-2026"


def known() -> dict[str, int]:
    """The example's Thematic Leads meeting of 27 April 2009 (minutes circulated) and the next
    one, 18 May 2009 (scheduled), with the records hanging from them."""
    tl = Body.objects.get(name="LSP Thematic Leads Group")
    m1 = Meeting.objects.get(body=tl, date=dt.date(2009, 4, 27))
    m2 = Meeting.objects.get(body=tl, date=dt.date(2009, 5, 18))
    item = AgendaItem.objects.live().get(meeting=m1, number=3)
    paper = Paper.objects.live().filter(agenda_items__meeting=m1).order_by("pk").first()
    assert paper is not None, "the example puts papers on the 27 April 2009 agenda"
    venue = m1.venue or Venue.objects.live().order_by("pk").first()
    assert venue is not None, "the example has a venue"
    return {
        "tl": tl.pk,
        "lsp": Body.objects.get(name="Cheshire West and Chester Local Strategic Partnership").pk,
        "m1": m1.pk,
        "m2": m2.pk,
        "item": item.pk,
        "m2_item": AgendaItem.objects.live().filter(meeting=m2).order_by("number").first().pk,
        "decision": Decision.objects.live().filter(meeting=m1).order_by("pk").first().pk,
        "paper": paper.pk,
        "venue": venue.pk,
        "action": Action.objects.live().filter(body=tl).order_by("pk").first().pk,
    }


def check_all(page, axe, urls, ids, status=200):
    for url in urls:
        url = url.format(**ids)
        response = page.goto(url)
        assert response.status == status, f"{url} answered {response.status}"
        axe(page, url)


def submit_empty(page, axe, url: str, button: str | None = None) -> None:
    """Submit a form with its text boxes emptied, and check the page that shows the errors."""
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    form = page.locator("main form[method=post]").last
    form.evaluate(
        "f => f.querySelectorAll('input[type=text], textarea').forEach(i => i.value = '')"
    )
    if button:
        page.get_by_role("button", name=button, exact=True).click()
    else:
        form.locator("button[type=submit]").last.click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-error-summary")).to_have_count(1)
    axe(page, f"{url} with errors")


def make_chair() -> None:
    person = Person.objects.live().get(name="Steve Robinson")
    user = User(username="chair", person=person)
    user.set_password(CHAIR_PASSWORD)
    user.save()


PUBLIC_PAGES = [
    "/meetings/",
    "/meetings/?body={tl}",
    "/meetings/{m1}/",
    "/meetings/venues/",
    "/meetings/venues/{venue}/",
    "/papers/",
    "/papers/{paper}/",
    "/actions/",
]


def test_public_pages(page, axe):
    ids = known()
    check_all(page, axe, PUBLIC_PAGES, ids)
    # A meeting whose agenda is not yet published is not there for the public.
    check_all(page, axe, ["/meetings/{m2}/"], ids, status=404)


MEMBER_PAGES = [
    "/meetings/",
    "/meetings/?body={tl}",
    "/meetings/{m1}/",
    "/meetings/{m2}/",
    "/meetings/forward-plan/{tl}/",
    "/meetings/attendance/",
    "/papers/",
    "/papers/{paper}/",
    "/actions/",
    "/actions/?mine=on&outstanding=on",
    "/actions/{action}/",
]


def test_member_pages(page, axe):
    ids = known()
    sign_in(page, "member")
    check_all(page, axe, MEMBER_PAGES, ids)
    # A member reads, but does not record.
    check_all(page, axe, ["/meetings/{m1}/attendance/"], ids, status=403)


SECRETARY_PAGES = [
    "/meetings/",
    "/meetings/?body={tl}",
    "/meetings/{m1}/",
    "/meetings/{m2}/",
    "/meetings/add/",
    "/meetings/add/{tl}/",
    "/meetings/{m2}/change/",
    "/meetings/{m2}/publish-agenda/",
    "/meetings/{m2}/held/",
    "/meetings/{m2}/cancel/",
    "/meetings/{m2}/items/add/",
    "/meetings/{m2}/items/{m2_item}/change/",
    "/meetings/{m2}/items/{m2_item}/archive/",
    "/meetings/forward-plan/{tl}/",
    "/meetings/forward-plan/{tl}/add/",
    "/meetings/forward-plan/item/{plan}/change/",
    "/meetings/forward-plan/item/{plan}/place/",
    "/meetings/forward-plan/item/{plan}/withdraw/",
    "/meetings/settings/{tl}/",
    # The recording pages of a meeting whose minutes are circulated.
    "/meetings/{m1}/attendance/",
    "/meetings/{m1}/items/{item}/minutes/",
    "/meetings/{m1}/decisions/{decision}/change/",
    "/meetings/{m1}/decisions/{decision}/archive/",
    "/meetings/attendance/?body={tl}",
    "/papers/add/",
    "/actions/{action}/",
    "/actions/{action}/change/",
    "/actions/{action}/note/",
    "/actions/{action}/complete/",
    "/actions/{action}/drop/",
]


def test_secretary_pages(page, axe):
    ids = known()
    secretary = User.objects.get(username="secretary")
    body = Body.objects.get(pk=ids["tl"])
    plan = services.forward_plan_add(
        body=body,
        fields={"title": "Sustainable Community Strategy refresh"},
        by=secretary,
    )
    ids["plan"] = plan.pk
    sign_in(page, "secretary")
    check_all(page, axe, SECRETARY_PAGES, ids)
    # The secretary's meeting page offers the recording pages.
    page.goto(f"/meetings/{ids['m1']}/")
    expect(page.locator("#manage").get_by_role("link", name="Record attendance")).to_be_visible()


def test_recording_pages_through_the_approval_of_the_minutes(page, axe):
    ids = known()
    manager = User.objects.get(username="manager")
    m1 = Meeting.objects.get(pk=ids["m1"])
    m2 = Meeting.objects.get(pk=ids["m2"])
    make_chair()
    sign_in(page, "manager")

    # No later meeting has been held: the agree page says so.
    check_all(page, axe, ["/meetings/{m1}/minutes/agree/"], ids)
    expect(page.locator(".govuk-inset-text")).to_contain_text("No later meeting")

    # The next meeting is held and its minutes are drafted.
    m2 = services.meeting_mark_held(meeting=m2, expected_version=None, by=manager)
    services.attendance_record(
        meeting=m2,
        rows=[
            {
                "person": Person.objects.get(name="Steve Robinson"),
                "status": "present",
                "capacity": "chair",
            },
            {
                "person": Person.objects.get(name="Helen Bellairs"),
                "status": "apologies",
                "capacity": "member",
            },
        ],
        by=manager,
    )
    services.minutes_record(
        item=AgendaItem.objects.get(pk=ids["m2_item"]),
        text="The Chair welcomed members; apologies were noted.",
        by=manager,
    )
    check_all(
        page,
        axe,
        [
            "/meetings/{m2}/",
            "/meetings/{m2}/attendance/",
            "/meetings/{m2}/items/{m2_item}/minutes/",
            "/meetings/{m2}/minutes/circulate/",
            "/meetings/{m1}/minutes/agree/",
        ],
        ids,
    )

    # The 27 April minutes are agreed at 18 May by its decision.
    minutes_item = AgendaItem.objects.live().get(meeting=m2, standing="minutes")
    decision = services.decision_record(
        item=minutes_item,
        fields={"text": "The minutes of 27 April 2009 were agreed.", "kind": "approval"},
        by=manager,
    )
    m1 = services.minutes_agree(meeting=m1, at_meeting=m2, decision=decision, by=manager)
    check_all(
        page,
        axe,
        [
            "/meetings/{m1}/",
            "/meetings/{m1}/minutes/amend/",
            # Agreed minutes are fixed: the recording pages show the record without a form.
            "/meetings/{m1}/attendance/",
            "/meetings/{m1}/items/{item}/minutes/",
            "/meetings/attendance/",
            "/meetings/attendance/?body={tl}&start_0=1&start_1=4&start_2=2009&end_0=31"
            "&end_1=3&end_2=2010",
        ],
        ids,
    )
    services.minutes_amend(
        meeting=m1,
        text="For “Sara Mogul” read “Sara Mogel”.",
        reason="The name was misspelt.",
        by=manager,
    )
    check_all(page, axe, ["/meetings/{m1}/", "/meetings/{m1}/minutes/amend/"], ids)

    # The chair signs; then the public reads the agreed minutes.
    page.context.clear_cookies()
    sign_in(page, "chair", CHAIR_PASSWORD)
    check_all(page, axe, ["/meetings/{m1}/", "/meetings/{m1}/minutes/sign/"], ids)
    page.get_by_role("button", name="Sign the minutes").click()
    expect(page.locator(".accord-minutes-status")).to_contain_text("Signed by Steve Robinson")
    axe(page, "meeting page with signed minutes (chair)")
    page.context.clear_cookies()
    check_all(page, axe, ["/meetings/{m1}/", "/meetings/{m2}/", "/actions/"], ids)
    # The actions of agreed minutes are public.
    page.goto(f"/meetings/{ids['m1']}/")
    page.locator("main").get_by_role("link", name=re.compile("^The Third Assembly")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The Third Assembly")
    axe(page, "an action arising from agreed minutes, signed out")


MANAGER_PAGES = [
    "/meetings/",
    "/meetings/add/",
    "/meetings/{m1}/archive/",
    "/meetings/venues/",
    "/meetings/venues/add/",
    "/meetings/venues/{venue}/",
    "/meetings/venues/{venue}/change/",
    "/meetings/forward-plan/{lsp}/",
    "/meetings/settings/{lsp}/",
    "/meetings/attendance/",
    "/papers/",
    "/papers/?archived=on",
    "/papers/add/",
    "/papers/{paper}/",
    "/papers/{paper}/change/",
    "/papers/{paper}/upload/",
    "/papers/{paper}/archive/",
    "/actions/",
    "/actions/{action}/",
    "/actions/{action}/archive/",
    "/actions/{done}/",
    "/actions/{done}/reopen/",
]


def test_manager_pages(page, axe, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ids = known()
    manager = User.objects.get(username="manager")
    paper = Paper.objects.get(pk=ids["paper"])
    paper_add_file(paper=paper, file=_pdf(), filename="agenda-paper.pdf", by=manager)
    paper_add_file(paper=paper, file=_pdf(), filename="agenda-paper-revised.pdf", by=manager)
    done = Action.objects.live().filter(body_id=ids["tl"]).order_by("-pk").first()
    action_services.action_add_note(action=done, text="Reported to the LSP.", by=manager)
    action_services.action_complete(action=done, expected_version=None, by=manager)
    ids["done"] = done.pk
    sign_in(page, "manager")
    check_all(page, axe, MANAGER_PAGES, ids)


def _pdf() -> io.BytesIO:
    return io.BytesIO(SMALL_PDF)


# Forms submitted with their text boxes empty, so the error summary and field errors show.
EMPTY_SUBMITS = [
    ("/meetings/add/{tl}/", None),
    ("/meetings/{m2}/change/", None),
    ("/meetings/{m2}/cancel/", None),
    ("/meetings/{m2}/items/add/", None),
    ("/meetings/forward-plan/{tl}/add/", None),
    ("/meetings/venues/add/", None),
    ("/meetings/{m1}/attendance/", None),
    ("/meetings/{m1}/items/{item}/minutes/", "Record the decision"),
    ("/meetings/{m1}/items/{item}/minutes/", "Add the action"),
    ("/meetings/{m1}/decisions/{decision}/change/", None),
    ("/meetings/{m1}/decisions/{decision}/archive/", None),
    ("/papers/add/", None),
    ("/papers/{paper}/upload/", None),
    ("/actions/{action}/note/", None),
    ("/actions/{action}/drop/", None),
]


def test_forms_with_errors(page, axe):
    ids = known()
    manager = User.objects.get(username="manager")
    sign_in(page, "manager")
    for url, button in EMPTY_SUBMITS:
        url = url.format(**ids)
        if url.endswith("/attendance/"):
            # A person added without saying who: the row's error.
            page.goto(url)
            row = page.get_by_role("group", name="Another person (1)")
            row.get_by_label("Attended as").select_option(label="Observer")
            page.get_by_role("button", name="Save attendance").click()
            expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the person")
            axe(page, f"{url} with errors")
            continue
        submit_empty(page, axe, url, button)
    # Settings: a quorum share finer than the thousandths it is kept in.
    page.goto(f"/meetings/settings/{ids['tl']}/")
    page.get_by_label(re.compile("^Share of the voting members")).fill("0.0001")
    page.get_by_role("button", name="Save settings").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("decimal places")
    axe(page, "meeting settings with errors")
    # Statistics over a period that ends before it starts.
    response = page.goto(
        "/meetings/attendance/?start_0=1&start_1=4&start_2=2010&end_0=31&end_1=3&end_2=2009"
    )
    assert response.status == 422
    expect(page.locator(".govuk-error-summary")).to_contain_text("The end date must be")
    axe(page, "attendance statistics with errors")

    # The approval forms: circulate, agree, sign and amend.
    m1 = Meeting.objects.get(pk=ids["m1"])
    m2 = services.meeting_mark_held(
        meeting=Meeting.objects.get(pk=ids["m2"]), expected_version=None, by=manager
    )
    services.minutes_record(
        item=AgendaItem.objects.get(pk=ids["m2_item"]), text="Apologies were noted.", by=manager
    )
    submit_empty(page, axe, f"/meetings/{m2.pk}/minutes/circulate/")
    submit_empty(page, axe, f"/meetings/{m1.pk}/minutes/agree/")
    minutes_item = AgendaItem.objects.live().get(meeting=m2, standing="minutes")
    decision = services.decision_record(
        item=minutes_item,
        fields={"text": "The minutes of 27 April 2009 were agreed.", "kind": "approval"},
        by=manager,
    )
    services.minutes_agree(meeting=m1, at_meeting=m2, decision=decision, by=manager)
    submit_empty(page, axe, f"/meetings/{m1.pk}/minutes/sign/")
    submit_empty(page, axe, f"/meetings/{m1.pk}/minutes/amend/")
