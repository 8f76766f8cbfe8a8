"""The meetings journeys in Debian chromium. A secretary builds an agenda (the standing items are
there; an item with a paper and a restricted item are added), publishes it, marks the meeting
held, records attendance and the minute of an item with a decision and an action; the next
meeting shows the action as a matter arising and agrees the circulated minutes by its decision;
the chair signs them; a signed-out visitor sees the published agenda and the agreed minutes but
neither the restricted item nor the next meeting's draft minutes. Also: the agenda pack
downloads, placing a forward plan item on an agenda, and uploading a paper's file."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from accord.accounts.models import User
from accord.bodies.models import Body
from accord.common.querysets import today as local_today
from accord.meetings import services
from accord.meetings.models import AgendaItem, ForwardPlanItem, Meeting
from accord.papers.models import Paper
from accord.papers.services import paper_create
from accord.people.models import Person
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CHAIR_PASSWORD = "thematic-leads-chair-2026"
# A minimal PDF that the upload's content sniffing recognises.
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)

PAPER_ITEM = "Community cohesion action plan"
RESTRICTED_ITEM = "Staffing of the partnership support team"
MINUTE = "Jane Staley presented the action plan; partners welcomed the focus on new arrivals."
DECISION = "The Thematic Leads agreed the community cohesion action plan."
ACTION = "Circulate the community cohesion action plan to every thematic partnership"
DRAFT_MINUTE = "Draft only: venue costs for the summer were raised and are to be checked."


def thematic_leads() -> Body:
    return Body.objects.get(name="LSP Thematic Leads Group")


def long_day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def fill_date(group, day: dt.date) -> None:
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def banner(page):
    return page.locator(".govuk-notification-banner")


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15000)
    return context, context.new_page()


def make_chair() -> None:
    """A sign-in for the body's chair (Steve Robinson chaired the Thematic Leads, seed 004)."""
    person = Person.objects.live().get(name="Steve Robinson")
    user = User(username="chair", person=person, first_name="Steve", last_name="Robinson")
    user.set_password(CHAIR_PASSWORD)
    user.save()


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def schedule(page, body: Body, day: dt.date) -> Meeting:
    page.goto(f"/meetings/?body={body.pk}")
    page.get_by_role("link", name="Schedule a meeting").click()
    fill_date(page.get_by_role("group", name="Date"), day)
    page.get_by_role("button", name="Schedule meeting").click()
    expect(banner(page)).to_contain_text("Meeting scheduled")
    return Meeting.objects.get(body=body, date=day)


def item_heading(page, number: int, title: str):
    return page.get_by_role("heading", name=f"Item No. {number} {title}", exact=True)


def confirm(page, link: str, button: str, done: str) -> None:
    page.locator("#manage").get_by_role("link", name=link).click()
    page.get_by_role("button", name=button).click()
    expect(banner(page)).to_contain_text(done)


def test_a_meeting_from_agenda_to_signed_minutes_and_what_the_public_sees(
    page, browser, live_server, axe
):
    body = thematic_leads()
    secretary = User.objects.get(username="secretary")
    paper_create(
        fields={"title": "Community cohesion in West Cheshire", "body": body, "is_public": True},
        by=secretary,
    )
    make_chair()
    today = local_today()
    first_day, next_day = today - dt.timedelta(days=21), today - dt.timedelta(days=7)

    # The secretary schedules the meeting: the standing items are already on the agenda.
    sign_in(page, "secretary")
    meeting = schedule(page, body, first_day)
    expect(item_heading(page, 1, "Welcome, introductions and apologies")).to_be_visible()
    expect(item_heading(page, 2, "Minutes and matters arising of the last meeting")).to_be_visible()
    expect(item_heading(page, 3, "Any other business")).to_be_visible()

    # An item with a paper, then a restricted one: both go before any other business.
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title", exact=True).fill(PAPER_ITEM)
    page.get_by_label("Presenter (optional)", exact=True).select_option(label="Jane Staley")
    page.get_by_label("Purpose").select_option(label="For decision")
    page.get_by_label("Time allowed (minutes)").fill("20")
    page.get_by_label("Community cohesion in West Cheshire").check()
    page.get_by_role("button", name="Add item").click()
    expect(banner(page)).to_contain_text("Item added to the agenda")
    item = page.locator("#item-3")
    expect(item.get_by_role("heading", level=3)).to_have_text(f"Item No. 3 {PAPER_ITEM}")
    expect(item).to_contain_text("Jane Staley")
    expect(item).to_contain_text("20 minutes")
    expect(
        item.get_by_role("link", name="Community cohesion in West Cheshire", exact=True)
    ).to_be_visible()
    page.get_by_role("link", name="Add an agenda item").click()
    page.get_by_label("Title", exact=True).fill(RESTRICTED_ITEM)
    page.get_by_label("Restricted item").check()
    page.get_by_role("button", name="Add item").click()
    expect(item_heading(page, 4, RESTRICTED_ITEM)).to_be_visible()
    expect(item_heading(page, 5, "Any other business")).to_be_visible()
    axe(page, "a new meeting's agenda (secretary)")

    # Published, then held.
    confirm(page, "Publish the agenda", "Publish agenda", "Agenda published")
    expect(page.locator("main")).to_contain_text(f"Agenda published on {long_day(today)}")
    confirm(page, "Mark as held", "Mark as held", "Meeting marked as held")

    # Attendance: present (the chair in the chair), apologies, a substitute, support staff.
    page.locator("#manage").get_by_role("link", name="Record attendance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attendance")
    for name, status in (
        ("Steve Robinson", "Present"),
        ("Wendy Meredith", "Present"),
        ("Jane Staley", "Present"),
        ("Tim Jackson", "Present"),
        ("Helen Bellairs", "Apologies"),
        ("Mark Wilson", "Apologies"),
    ):
        page.get_by_role("group", name=name, exact=True).get_by_label(status, exact=True).check()
    page.get_by_label("Who chaired the meeting").select_option(label="Steve Robinson")
    sub = page.get_by_role("group", name="Another person (1)")
    sub.get_by_label("Person", exact=True).select_option(label="Andrea Mageean")
    sub.get_by_label("Attended as").select_option(label="Substitute for a member")
    sub.get_by_label("Substitute for").select_option(label="Mark Wilson")
    sub.get_by_label("On behalf of").select_option(label="Jobcentre Plus")
    support = page.get_by_role("group", name="Another person (2)")
    support.get_by_label("Person", exact=True).select_option(label="Alison Armstrong")
    support.get_by_label("Attended as").select_option(label="Support staff")
    page.get_by_role("button", name="Save attendance").click()
    expect(banner(page)).to_contain_text("Attendance saved")
    expect(page.locator("main")).to_contain_text("Quorate")
    axe(page, "attendance saved")
    page.goto(meeting.get_absolute_url())
    attendance = page.locator("main")
    expect(attendance).to_contain_text("Steve Robinson (Chair)")
    expect(attendance).to_contain_text("Andrea Mageean, Jobcentre Plus, substitute for Mark Wilson")
    for group, names in (
        ("Apologies", ("Helen Bellairs", "Mark Wilson")),
        ("Support staff", ("Alison Armstrong",)),
    ):
        listed = page.get_by_role("heading", name=group, exact=True).locator(
            "xpath=following-sibling::ul[1]"
        )
        for name in names:
            expect(listed).to_contain_text(name)

    # The minute of the item, with a decision and an action (owner and due date).
    due = today + dt.timedelta(days=28)
    page.get_by_role("link", name="Record the minute of Item No. 3").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Item No. 3: {PAPER_ITEM}")
    page.get_by_label("Minute of the item").fill(MINUTE)
    page.get_by_role("button", name="Save the minute").click()
    expect(banner(page)).to_contain_text("Minute saved")
    page.get_by_role("textbox", name="Decision", exact=True).fill(DECISION)
    page.get_by_role("button", name="Record the decision").click()
    expect(banner(page)).to_contain_text("Decision recorded")
    page.get_by_role("textbox", name="Action", exact=True).fill(ACTION)
    page.get_by_label("Person responsible").select_option(label="Jane Staley")
    fill_date(page.get_by_role("group", name=re.compile("^Due date")), due)
    page.get_by_role("button", name="Add the action").click()
    expect(banner(page)).to_contain_text("Action added")
    actions = page.get_by_role("table", name="Actions arising from item 3")
    expect(actions).to_contain_text(ACTION)
    expect(actions).to_contain_text("Jane Staley")
    expect(actions).to_contain_text(f"{due.day} {due:%b %Y}")
    axe(page, "the minute of an item with its decision and action")
    page.get_by_role("link", name="Back to the meeting").click()
    item = page.locator("#item-3")
    expect(item).to_contain_text(MINUTE)
    expect(item).to_contain_text(DECISION)
    expect(item).to_contain_text(ACTION)
    expect(page.locator("main")).to_contain_text("Minutes")
    expect(page.locator("main")).to_contain_text("Draft")

    # The next meeting: its agenda carries the action under matters arising.
    later = schedule(page, body, next_day)
    minutes_item = page.locator("#item-2")
    expect(minutes_item).to_contain_text(f"The last meeting: {long_day(first_day)}")
    arising = minutes_item.get_by_role("table", name="Actions outstanding from earlier meetings")
    expect(arising).to_contain_text(ACTION)
    expect(arising).to_contain_text("Jane Staley")
    axe(page, "the next meeting with matters arising")
    meeting.refresh_from_db()
    assert meeting.next_meeting_id == later.pk

    # The draft minutes are circulated.
    page.goto(meeting.get_absolute_url())
    confirm(page, "Circulate the draft minutes", "Circulate the minutes", "Minutes circulated")
    expect(page.locator("main")).to_contain_text(f"Circulated to members on {long_day(today)}")

    # The next meeting is held, with a draft minute of its own.
    page.goto(later.get_absolute_url())
    confirm(page, "Publish the agenda", "Publish agenda", "Agenda published")
    confirm(page, "Mark as held", "Mark as held", "Meeting marked as held")
    page.get_by_role("link", name="Record the minute of Item No. 3").click()
    page.get_by_label("Minute of the item").fill(DRAFT_MINUTE)
    page.get_by_role("button", name="Save the minute").click()
    expect(banner(page)).to_contain_text("Minute saved")

    # It agrees the circulated minutes by its decision.
    page.goto(meeting.get_absolute_url())
    page.locator("#manage").get_by_role("link", name="Record that the minutes were agreed").click()
    agreed_at = page.get_by_role("radiogroup", name="Meeting that agreed the minutes")
    expect(agreed_at.get_by_label(str(later))).to_be_checked()
    agreement = f"The minutes of the meeting held on {long_day(first_day)} were agreed"
    expect(page.get_by_label("Or record that decision now")).to_have_value(re.compile(agreement))
    page.get_by_role("button", name="Record as agreed").click()
    expect(banner(page)).to_contain_text("The minutes are recorded as agreed")
    status = page.locator(".accord-minutes-status")
    expect(status).to_contain_text(f"Agreed at the meeting of {long_day(next_day)}")
    expect(status).to_contain_text(f"by its decision “{agreement}")
    expect(status).to_contain_text("Not yet signed by the chair")
    # Only the chair signs.
    expect(page.get_by_role("link", name="Sign the minutes as chair")).to_have_count(0)
    page.goto(later.get_absolute_url())
    expect(page.locator("#item-2")).to_contain_text(agreement)

    # The chair signs the agreed minutes.
    context, chair = new_page(browser, live_server)
    try:
        sign_in(chair, "chair", CHAIR_PASSWORD)
        chair.goto(meeting.get_absolute_url())
        chair.locator("#manage").get_by_role("link", name="Sign the minutes as chair").click()
        expect(chair.get_by_label("Chair who signs")).to_have_value(
            str(Person.objects.get(name="Steve Robinson").pk)
        )
        chair.get_by_role("button", name="Sign the minutes").click()
        expect(banner(chair)).to_contain_text("The minutes are signed")
        expect(chair.locator(".accord-minutes-status")).to_contain_text(
            f"Signed by Steve Robinson, Chair, on {long_day(today)}"
        )
    finally:
        context.close()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes_agreed_at_id, meeting.signed_on) == (
        "minutes_agreed",
        later.pk,
        today,
    )
    assert meeting.minutes_agreed_by.meeting_id == later.pk

    # The secretary's copy of the agenda pack has the restricted item.
    response = page.request.get(f"/meetings/{meeting.pk}/agenda-pack.docx")
    assert response.status == 200
    assert RESTRICTED_ITEM in docx_text(response.body())

    # A signed-out visitor: the published agenda and the agreed, signed minutes...
    context, public = new_page(browser, live_server)
    try:
        public.goto(meeting.get_absolute_url())
        main = public.locator("main")
        expect(item_heading(public, 3, PAPER_ITEM)).to_be_visible()
        expect(main).to_contain_text(MINUTE)
        expect(main).to_contain_text(DECISION)
        expect(main).to_contain_text(ACTION)
        expect(main).to_contain_text("Andrea Mageean, Jobcentre Plus, substitute for Mark Wilson")
        expect(main).to_contain_text(f"Signed by Steve Robinson, Chair, on {long_day(today)}")
        # ...but not the restricted item, nor any way to change the meeting.
        expect(main).not_to_contain_text(RESTRICTED_ITEM)
        expect(main).to_contain_text("1 restricted item not shown")
        axe(public, "agreed minutes, signed out")
        expect(public.locator("#manage")).to_have_count(0)
        expect(public.get_by_role("link", name=re.compile("Record the minute"))).to_have_count(0)
        pack = public.request.get(f"/meetings/{meeting.pk}/agenda-pack.docx")
        assert pack.status == 200
        pack_text = docx_text(pack.body())
        assert PAPER_ITEM in pack_text and RESTRICTED_ITEM not in pack_text
        # The next meeting's agenda is published, but its minutes are still a draft.
        public.locator("#next-meeting + p").get_by_role("link").click()
        expect(public).to_have_url(re.compile(rf"/meetings/{later.pk}/$"))
        expect(item_heading(public, 3, "Any other business")).to_be_visible()
        expect(public.locator(".accord-minutes-status")).to_contain_text(
            "published once agreed at the next meeting"
        )
        expect(public.locator("main")).not_to_contain_text(DRAFT_MINUTE)
        expect(public.locator("main")).not_to_contain_text(agreement)
        refused = public.request.get(f"/meetings/{later.pk}/attendance/", max_redirects=0)
        assert refused.status in (302, 403), refused.status
    finally:
        context.close()
    # The secretary does see that draft minute.
    page.goto(later.get_absolute_url())
    expect(page.locator("#item-3")).to_contain_text(DRAFT_MINUTE)


def test_agenda_pack_and_minutes_downloads(page):
    meeting = Meeting.objects.get(date=dt.date(2009, 4, 27), body=thematic_leads())
    page.goto(meeting.get_absolute_url())
    for name, content_type, magic in (
        ("Agenda pack (PDF)", PDF_TYPE, b"%PDF"),
        ("Agenda pack (Word)", DOCX_TYPE, b"PK"),
    ):
        link = page.get_by_role("link", name=name)
        href = link.get_attribute("href")
        response = page.request.get(href)
        assert response.status == 200, f"{href} answered {response.status}"
        assert response.headers["content-type"] == content_type
        assert response.headers["content-disposition"].startswith("attachment")
        assert response.body().startswith(magic)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename.endswith(href.rsplit(".", 1)[1])
    assert "Migrant Impact Fund bid" in docx_text(
        page.request.get(f"/meetings/{meeting.pk}/agenda-pack.docx").body()
    )
    # The minutes are circulated, not yet agreed: the public has no minutes to download.
    expect(page.get_by_role("link", name=re.compile("^Minutes"))).to_have_count(0)
    assert page.request.get(f"/meetings/{meeting.pk}/minutes.pdf").status == 404
    # A member of the body has the draft minutes as documents.
    sign_in(page, "member")
    page.goto(meeting.get_absolute_url())
    for name, content_type in (("Minutes (PDF)", PDF_TYPE), ("Minutes (Word)", DOCX_TYPE)):
        response = page.request.get(page.get_by_role("link", name=name).get_attribute("href"))
        assert response.status == 200
        assert response.headers["content-type"] == content_type


def test_forward_plan_item_placed_on_an_agenda(page):
    body = thematic_leads()
    secretary = User.objects.get(username="secretary")
    upcoming = services.meeting_create(
        fields={"body": body, "date": local_today() + dt.timedelta(days=30)},
        by=secretary,
        link_previous=False,
    )
    sign_in(page, "secretary")
    page.goto(f"/meetings/?body={body.pk}")
    page.get_by_role("link", name="Forward plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forward plan")
    page.get_by_role("link", name="Add an item to the forward plan").click()
    page.get_by_label("Title", exact=True).fill("Sustainable Community Strategy refresh")
    page.get_by_label("Presenter (optional)", exact=True).select_option(label="Mike Lewis")
    page.get_by_label("Purpose").select_option(label="For discussion")
    page.get_by_label("Meeting it is planned for").select_option(str(upcoming.pk))
    page.get_by_role("button", name="Add to forward plan").click()
    expect(banner(page)).to_contain_text("Item added to the forward plan")
    row = page.get_by_role("row").filter(has_text="Sustainable Community Strategy refresh")
    expect(row).to_contain_text("Planned")
    row.get_by_role("link", name=re.compile("^Place on agenda")).click()
    # The meeting it was planned for is chosen already.
    planned = page.get_by_role(
        "radio", name=re.compile(f"^{upcoming.date:%A} {long_day(upcoming.date)}")
    )
    expect(planned).to_be_checked()
    page.get_by_role("button", name="Place on agenda").click()
    expect(banner(page)).to_contain_text("Item placed on the agenda")
    expect(page).to_have_url(re.compile(rf"/meetings/{upcoming.pk}/#item-3$"))
    expect(item_heading(page, 3, "Sustainable Community Strategy refresh")).to_be_visible()
    expect(page.locator("#item-3")).to_contain_text("Mike Lewis")
    expect(item_heading(page, 4, "Any other business")).to_be_visible()
    placed = ForwardPlanItem.objects.get(title="Sustainable Community Strategy refresh")
    assert placed.status == "placed"
    assert AgendaItem.objects.get(meeting=upcoming, number=3).forward_plan_item_id == placed.pk
    page.goto(f"/meetings/forward-plan/{body.pk}/")
    row = page.get_by_role("row").filter(has_text="Sustainable Community Strategy refresh")
    expect(row).to_contain_text("On the agenda")
    expect(row.get_by_role("link", name=re.compile("^Place on agenda"))).to_have_count(0)


def test_upload_a_paper_and_download_its_file(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    body = thematic_leads()
    sign_in(page, "secretary")
    page.goto("/papers/")
    page.get_by_role("button", name="Add a paper").click()
    page.get_by_label("Report title").fill("Migrant Impact Fund bid: summary for partners")
    page.get_by_label("Body", exact=True).select_option(label=body.name)
    page.get_by_label("For (optional)", exact=True).select_option(label="For decision")
    page.get_by_role("button", name="Add paper").click()
    expect(banner(page)).to_contain_text("Paper added")
    paper = Paper.objects.get(title="Migrant Impact Fund bid: summary for partners")
    expect(page).to_have_url(re.compile(rf"/papers/{paper.pk}/$"))
    expect(page.locator("main")).to_contain_text("No file has been uploaded for this paper")
    page.get_by_role("link", name=re.compile("^Upload a file")).click()
    # Nothing chosen: a GOV.UK error.
    page.get_by_role("button", name="Upload file").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a file to upload")
    page.get_by_label("File", exact=True).set_input_files(
        {"name": "mif-bid-summary.pdf", "mimeType": PDF_TYPE, "buffer": SMALL_PDF}
    )
    page.get_by_label("Note").fill("As tabled at the Thematic Leads")
    page.get_by_role("button", name="Upload file").click()
    expect(banner(page)).to_contain_text("Version 1 of the file uploaded")
    files = page.get_by_role("table", name=re.compile("Every version of the paper's file"))
    row = files.get_by_role("row").nth(1)
    expect(row).to_contain_text("1")
    expect(row).to_contain_text("Latest")
    expect(row).to_contain_text("PDF")
    expect(row).to_contain_text("As tabled at the Thematic Leads")
    link = row.get_by_role("link", name=re.compile("mif-bid-summary.pdf"))
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "mif-bid-summary.pdf"
    with open(download.value.path(), "rb") as handle:
        assert handle.read() == SMALL_PDF
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == PDF_TYPE
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    stored = paper.files.get()
    assert (stored.revision, stored.original_name) == (1, "mif-bid-summary.pdf")
    assert not stored.file.name.endswith("mif-bid-summary.pdf")
