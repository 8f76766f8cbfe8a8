"""The agenda pack and the minutes as Word documents and PDFs: they open, they say what the
meeting page shows its reader (items, papers' cover sheets, attendance, decisions, actions, the
next meeting and the signature line), they leave out what that reader may not see with a line
saying so, and draft minutes are marked DRAFT."""

import base64
import datetime as dt
import io
import re
import zlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from docx import Document

from accord.actions.factories import ActionFactory
from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from accord.meetings import documents, selectors
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesAmendmentFactory,
    VenueFactory,
)
from accord.meetings.models import (
    AttendanceStatus,
    Capacity,
    DecisionKind,
    MeetingStatus,
    Purpose,
    StandingItem,
)
from accord.memberships.models import Role
from accord.papers.factories import PaperFactory, PaperFileFactory

pytestmark = pytest.mark.django_db
S = MeetingStatus
APRIL_27, MAY_18 = dt.date(2009, 4, 27), dt.date(2009, 5, 18)
SECRET = ["Staffing changes", "Confidential costings", "Secret minute text", "Secret decision"]


def docx_text(data: bytes) -> str:
    """Every paragraph, table cell and page header of a Word document, whitespace collapsed."""
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return " ".join(" ".join(parts).split())


def _unescape(raw: bytes) -> str:
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C and i + 1 < len(raw):  # backslash
            nxt = raw[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8))
                i += 1 + len(octal.group())
                continue
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(nxt, nxt)
            i += 2
            continue
        out.append(c)
        i += 1
    return out.decode("cp1252")


def pdf_text(data: bytes) -> str:
    """The text a reportlab PDF draws: the strings shown in its content streams (decoded from
    ASCII85 and Flate as reportlab writes them), whitespace collapsed."""
    shown = []
    for head, raw in re.findall(rb"<<([^<>]*)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        if b"ASCII85Decode" in head:
            raw = base64.a85decode(re.sub(rb"\s", b"", raw).removesuffix(b"~>"))
        if b"FlateDecode" in head:
            raw = zlib.decompressobj().decompress(raw)
        shown.extend(_unescape(m) for m in re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", raw, re.S))
    return " ".join(" ".join(shown).split())


def member_of(body, role=Role.MEMBER):
    user = UserFactory(person=PersonFactory())
    MembershipFactory(person=user.person, body=body, role=role, start_date=dt.date(2009, 1, 1))
    return user


@pytest.fixture
def meeting(settings, tmp_path):
    """The Thematic Leads meeting of 27 April 2009, as seed 004 records it (in part), with a
    restricted item and a paper not for publication; its minutes agreed and signed."""
    settings.MEDIA_ROOT = tmp_path
    body = BodyFactory(name="Test Thematic Leads")
    council = OrganisationFactory(name="Cheshire West and Chester Council")
    nhs = OrganisationFactory(name="NHS Western Cheshire")
    venue = VenueFactory(name="County Hall", address="Chester", postcode="CH1 1SF")
    following = MeetingFactory(
        body=body,
        date=MAY_18,
        start_time=dt.time(13, 30),
        end_time=dt.time(15, 0),
        venue=venue,
        venue_text="Committee Room 2B",
        status=S.HELD,
    )
    m = MeetingFactory(
        body=body,
        title="LSP Thematic Leads meeting",
        date=APRIL_27,
        start_time=dt.time(14, 30),
        end_time=dt.time(16, 0),
        venue=venue,
        venue_text="Committee Room 2B",
        status=S.MINUTES_AGREED,
        next_meeting=following,
        minutes_agreed_at=following,
        signed_by_name="Steve Robinson",
        signed_on=MAY_18,
    )
    welcome = AgendaItemFactory(
        meeting=m,
        number=1,
        title="Welcome, introductions and apologies",
        standing=StandingItem.WELCOME,
        purpose="",
        minutes="The Chair welcomed members of the group and apologies were noted.",
    )
    DecisionFactory(item=welcome, text="None required.", kind=DecisionKind.NONE_REQUIRED)
    previous = AgendaItemFactory(
        meeting=m,
        number=2,
        title="Minutes and matters arising from last meeting",
        standing=StandingItem.MINUTES,
        purpose="",
    )
    DecisionFactory(item=previous, text="The minutes were agreed.")
    bid = PaperFactory(
        body=body,
        title="Migrant Impact Fund bid report",
        description="A GONW administered external funding scheme.",
        purpose_text="To seek the LSP's approval to bid.",
        purpose="decision",
        circulation="LSP Thematic Leads.",
        decision_required="Approve the bid.",
        author_text="John Salt",
        contact_details="01244 000000",
        target_audience="LSP partners",
        cross_reference="GONW guidance",
    )
    PaperFileFactory(paper=bid, original_name="mif-bid.pdf")
    private = PaperFactory(body=body, title="Confidential costings", is_public=False)
    item = AgendaItemFactory(
        meeting=m,
        number=3,
        title="Migrant Impact Fund bid",
        presenter_text="John Salt",
        purpose=Purpose.DECISION,
        minutes_allowed=15,
        minutes="John Salt advised the Group of the details of this funding scheme.\n\n"
        "- The submission date is 1 May.\n- Funding from April 2010.",
        papers=[bid, private],
    )
    DecisionFactory(item=item, text="The bid was approved by colleagues.")
    DecisionFactory(item=item, number=2, text="Further detail of the project would be welcome.")
    ActionFactory(
        title="Report the project activities as they progress",
        owner=PersonFactory(name="John Salt"),
        owner_text="",
        organisation=None,
        body=body,
        due_on=MAY_18,
        origin=item,
    )
    secret = AgendaItemFactory(
        meeting=m,
        number=4,
        title="Staffing changes",
        is_restricted=True,
        minutes="Secret minute text.",
    )
    DecisionFactory(item=secret, text="Secret decision.")
    AgendaItemFactory(
        meeting=m,
        number=5,
        title="Any other business",
        standing=StandingItem.AOB,
        purpose="",
        minutes="The Chair updated the Group on sub-regional arrangements.",
    )
    MinutesAmendmentFactory(
        meeting=m, item=item, text="For 1 May read 1st May.", reason="A typing error"
    )
    for name, org, status, capacity in [
        ("Steve Robinson", council, AttendanceStatus.PRESENT, Capacity.CHAIR),
        ("Wendy Meredith", nhs, AttendanceStatus.PRESENT, Capacity.MEMBER),
        ("Helen Bellairs", nhs, AttendanceStatus.APOLOGIES, Capacity.MEMBER),
        ("Alistair Jeffs", council, AttendanceStatus.PRESENT, Capacity.SUPPORT),
        ("Alison Armstrong", council, AttendanceStatus.PRESENT, Capacity.SUPPORT),
    ]:
        AttendanceFactory(
            meeting=m,
            person=PersonFactory(name=name),
            organisation=org,
            status=status,
            capacity=capacity,
        )
    return m


def both(page, which):
    """The document as Word text and as PDF text."""
    doc = documents.agenda_pack(page) if which == "pack" else documents.minutes(page)
    docx, pdf = documents.render_docx(doc), documents.render_pdf(doc)
    assert docx[:2] == b"PK" and pdf.startswith(b"%PDF")
    return [docx_text(docx), pdf_text(pdf)]


def test_the_agenda_pack_shows_the_public_what_the_page_shows_them(meeting):
    page = selectors.meeting_page(meeting, AnonymousUser())
    for text in both(page, "pack"):
        for words in [
            "Test Thematic Leads",
            "LSP Thematic Leads meeting",
            "Agenda",
            "Date: Monday 27 April 2009",
            "Time: 2.30pm – 4.00pm",
            "Venue: Committee Room 2B, County Hall, Chester, CH1 1SF",
            "Item No. 1",
            "Welcome, introductions and apologies",
            "Item No. 3",
            "Migrant Impact Fund bid",
            "John Salt",
            "For decision",
            "15 minutes",
            # The paper's cover sheet, as seed 003 lays it out.
            "Report title Migrant Impact Fund bid report",
            "Document purpose To seek the LSP's approval to bid.",
            "Circulation list LSP Thematic Leads.",
            "Decision/Action required Approve the bid.",
            "Author John Salt",
            "Contact details 01244 000000",
            "Publication date 20 April 2009",
            "Target audience LSP partners",
            "Cross reference GONW guidance",
            "mif-bid.pdf (version 1",
            # What is left out is said.
            "1 restricted item is left out",
            "1 paper is not for publication and is left out",
        ]:
            assert words in text, words
        for words in SECRET:
            assert words not in text, words
        assert "DRAFT" not in text
        # Every item the page shows is in the pack.
        for iv in page.items:
            assert iv.item.title in text


def test_a_member_s_agenda_pack_has_the_restricted_item_and_private_paper(meeting):
    member = member_of(meeting.body)
    page = selectors.meeting_page(meeting, member)
    for text in both(page, "pack"):
        assert "Staffing changes" in text
        assert "Restricted item: not for publication." in text
        assert "Report title Confidential costings" in text
        assert "Not for publication: for the body's members only." in text
        assert "left out" not in text


def test_the_agreed_minutes_are_laid_out_as_a_council_s(meeting):
    page = selectors.meeting_page(meeting, AnonymousUser())
    assert documents.minutes_available(page)
    for text in both(page, "minutes"):
        for words in [
            "LSP Thematic Leads meeting Minutes",
            "Date: Monday 27 April 2009",
            "Attending:",
            "Steve Robinson (Chair) Cheshire West and Chester Council",
            "Wendy Meredith NHS Western Cheshire",
            "Apologies: Helen Bellairs (NHS Western Cheshire)",
            "Support Staff: Alison Armstrong, Alistair Jeffs (Cheshire West and Chester Council)",
            "Item No.1 Welcome, introductions and apologies.",
            "The Chair welcomed members of the group",
            "Action - Decision None required.",
            "Action - Decision The minutes were agreed.",
            "Item No.3 Migrant Impact Fund bid.",
            "The submission date is 1 May.",
            "The bid was approved by colleagues.",
            "Further detail of the project would be welcome.",
            "Report the project activities as they progress. Owner: John Salt. Due: 18 May 2009.",
            "For 1 May read 1st May. (Reason: A typing error.)",
            "Paper considered: Migrant Impact Fund bid report",
            "These minutes were agreed at the meeting of 18 May 2009.",
            "Details of next meeting: Monday 18 May 2009, 1.30pm – 3.00pm, Committee Room 2B, "
            "County Hall, Chester, CH1 1SF",
            "Signed (Chair): Steve Robinson",
            "Date: 18 May 2009",
            "1 restricted item is left out",
            "Quorum: The meeting was quorate: 2 members present, the chair among them.",
        ]:
            assert words in text, words
        for words in SECRET:
            assert words not in text, words
        assert "DRAFT" not in text
        for iv in page.items:
            assert iv.item.title in text
            for d in iv.decisions:
                assert d.text in text
        for row in page.attendance.present + page.attendance.apologies:
            assert row.person.name in text


def test_draft_minutes_are_marked_and_only_for_members(meeting):
    meeting.status = S.MINUTES_CIRCULATED
    meeting.minutes_circulated_on = dt.date(2009, 5, 1)
    meeting.minutes_agreed_at = None
    meeting.signed_by_name, meeting.signed_on = "", None
    meeting.save()
    assert not documents.minutes_available(selectors.meeting_page(meeting, AnonymousUser()))
    page = selectors.meeting_page(meeting, member_of(meeting.body))
    assert documents.minutes_available(page)
    doc = documents.minutes(page)
    assert doc.marking == "DRAFT"
    for text in both(page, "minutes"):
        assert "DRAFT: these minutes have not yet been agreed." in text
        assert "They were circulated on 1 May 2009." in text
        assert f"Signed (Chair): {documents.DOTS}" in text
        assert f"Date: {documents.DOTS}" in text
        assert "Secret minute text." in text and "Secret decision." in text
    # The marking is on every page: in the Word header and drawn by the PDF on each page.
    word = Document(io.BytesIO(documents.render_docx(doc)))
    assert word.sections[0].header.paragraphs[0].text == "DRAFT"
    pdf = documents.render_pdf(doc)
    assert pdf_text(pdf).count("DRAFT") >= 1 + pdf.count(b"/Type /Page\n")


def test_the_download_pages(client, meeting):
    for name, kind in [
        ("agenda-pack-docx", documents.DOCX_TYPE),
        ("agenda-pack-pdf", documents.PDF_TYPE),
        ("minutes-docx", documents.DOCX_TYPE),
        ("minutes-pdf", documents.PDF_TYPE),
    ]:
        url = reverse(f"meetings:{name}", args=[meeting.pk])
        response = client.get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == kind
        ext = name.rsplit("-", 1)[1]
        part = "agenda-pack" if "agenda" in name else "minutes"
        assert response["Content-Disposition"] == (
            f'attachment; filename="test-thematic-leads-2009-04-27-{part}.{ext}"'
        )
        assert "private" in response["Cache-Control"]
    assert (
        reverse("meetings:minutes-pdf", args=[meeting.pk]) == f"/meetings/{meeting.pk}/minutes.pdf"
    )
    # The pack gives each paper's address in full.
    pack = docx_text(client.get(reverse("meetings:agenda-pack-docx", args=[meeting.pk])).content)
    paper = meeting.items.get(number=3).papers.get(is_public=True)
    assert f"Online http://testserver{paper.get_absolute_url()}" in pack


def test_what_the_public_may_not_see_is_not_found(client, meeting):
    meeting.status = S.MINUTES_DRAFT
    meeting.save()
    scheduled = MeetingFactory(body=meeting.body, status=S.SCHEDULED, date=dt.date(2009, 6, 1))
    private = MeetingFactory(body=meeting.body, status=S.MINUTES_AGREED, is_public=False)
    hidden = [
        ("minutes-docx", meeting),
        ("minutes-pdf", meeting),
        *[(n, m) for m in (scheduled, private) for n in ("agenda-pack-pdf", "minutes-docx")],
        ("agenda-pack-docx", MeetingFactory(body=BodyFactory(is_published=False))),
    ]
    for name, m in hidden:
        assert client.get(reverse(f"meetings:{name}", args=[m.pk])).status_code == 404, name
    assert client.get(reverse("meetings:agenda-pack-pdf", args=[meeting.pk])).status_code == 200
    # A member reads the draft minutes, and the agenda still being prepared, marked as drafts.
    client.force_login(member_of(meeting.body))
    minutes = client.get(reverse("meetings:minutes-docx", args=[meeting.pk]))
    assert minutes.status_code == 200
    assert minutes["Content-Disposition"].endswith('-draft-minutes.docx"')
    assert "DRAFT" in docx_text(minutes.content)
    pack = client.get(reverse("meetings:agenda-pack-pdf", args=[scheduled.pk]))
    assert "DRAFT AGENDA: not yet published." in pdf_text(pack.content)
    # A meeting not yet held has no minutes, even for members.
    assert client.get(reverse("meetings:minutes-pdf", args=[scheduled.pk])).status_code == 404


def test_a_cancelled_meeting_s_pack_says_so(client):
    m = MeetingFactory(status=S.CANCELLED, cancelled_reason="No business to transact.")
    text = pdf_text(client.get(reverse("meetings:agenda-pack-pdf", args=[m.pk])).content)
    assert "CANCELLED: No business to transact." in text
    assert "There are no items on this agenda yet." in text
    client.force_login(ManagerFactory())
    assert client.get(reverse("meetings:minutes-pdf", args=[m.pk])).status_code == 404


def test_words():
    assert documents.clock(dt.time(14, 30)) == "2.30pm"
    assert documents.clock(dt.time(9, 5)) == "9.05am"
    assert documents.clock(dt.time(12, 0)) == "12.00pm"
    assert documents.clock(dt.time(0, 15)) == "12.15am"
    assert documents.times(dt.time(13, 30), None) == "1.30pm"
    assert documents.long_day(dt.date(2009, 5, 18)) == "Monday 18 May 2009"
    paras = documents.prose("One\ntwo.\n\n- a\n• b\nAfter.")
    assert [(p.text, p.style) for p in paras] == [
        ("One two.", "body"),
        ("a", "bullet"),
        ("b", "bullet"),
        ("After.", "body"),
    ]


def test_the_example_s_minutes_read_as_seed_004():
    """The Thematic Leads meeting of 27 April 2009 as the example records it from seed 004
    (its minutes circulated, not yet agreed or signed)."""
    from accord.common.example import load_example
    from accord.common.example.meetings import load_meetings
    from accord.meetings.models import Meeting

    load_example(performance=False)
    load_meetings()  # does nothing if load_example loaded them
    m = Meeting.objects.get(date=APRIL_27, body__name="LSP Thematic Leads Group")
    assert not documents.minutes_available(selectors.meeting_page(m, AnonymousUser()))
    page = selectors.meeting_page(m, ManagerFactory())
    for text in both(page, "minutes"):
        for words in [
            "Cheshire West LSP Thematic Leads meeting",
            "DRAFT: these minutes have not yet been agreed.",
            "Date: Monday 27 April 2009 Time: 2.30pm Venue: Committee Room 2B, County Hall, "
            "Chester",
            "Steve Robinson (Chair) Cheshire West and Chester Council",
            "Tim Jackson Cheshire Constabulary",
            "Debbie Washington Jobcentre Plus",
            "Apologies: Helen Bellairs (NHS Western Cheshire), Mark Wilson (Jobcentre Plus)",
            "Support Staff: Alison Armstrong, Alistair Jeffs, Robbie Taylor (Cheshire West and "
            "Chester Council)",
            "Item No.1 Welcome, introductions and apologies.",
            "Action - Decision None required.",
            "Item No.5 Migrant Impact Fund bid.",
            "Action - Decision The bid was approved by colleagues and further detail of the "
            "project activities would be welcome as they progressed.",
            "Item No.6 Any other business.",
            "Comments on the sub-regional paper to the Chair would be welcome.",
            "Details of next meeting: Monday 18 May 2009, 1.30pm – 3.00pm, Committee Room 2B, "
            "County Hall, Chester",
            f"Signed (Chair): {documents.DOTS} Date: {documents.DOTS}",
        ]:
            assert words in text, words
