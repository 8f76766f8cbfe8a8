"""Paper pages: the list and the cover sheet, who may change a paper, uploading a new version
of its file (refused when the content is not what its name says, or too big), and the download,
which is only ever an attachment. The cover sheet below is seed 003's."""

import copy
import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
from accord.papers import services
from accord.papers.factories import PDF_BYTES, PaperFactory, PaperFileFactory
from accord.papers.models import Paper, PaperFile

pytestmark = pytest.mark.django_db

LIST = reverse("papers:list")
CREATE = reverse("papers:create")

COVER_SHEET = {
    "title": "West Cheshire Sustainable Community Strategy Delivery Plan 2011-2014",
    "description": "The West Cheshire Sustainable Community Strategy (SCS) sets out the 15 year "
    "vision for improving the social, economic and environmental well-being of the Borough.",
    "purpose_text": "This report sets out the process by which a delivery plan to achieve the "
    "outcomes set out in the SCS can be developed.",
    "circulation": "West Cheshire Together.",
    "decision_required": "Partners are asked to: a. Support the overall approach suggested for "
    "the development of an SCS delivery plan",
    "author_text": "Andrea Mageean",
    "contact_details": "01244 977561",
    "published_on": dt.date(2010, 7, 29),
    "target_audience": "West Cheshire Together Network",
    "cross_reference": "Local Government and Public Involvement in Health Act",
}
LABELS = [
    "Report title",
    "Description",
    "Document purpose",
    "Circulation list",
    "Decision or action required",
    "Author",
    "Contact details",
    "Publication date",
    "Target audience",
    "Cross reference",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def body():
    return BodyFactory(name="West Cheshire Together")


def secretary_of(body):
    person = PersonFactory()
    MembershipFactory(person=person, body=body, role=Role.SUPPORT_STAFF)
    return UserFactory(person=person)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# --- Reading ----------------------------------------------------------------------------------


def test_the_cover_sheet_is_laid_out_as_seed_003_has_it(client, body):
    paper = PaperFactory(body=body, purpose="decision", is_illustrative=False, **COVER_SHEET)
    html = assert_well_formed(client.get(paper.get_absolute_url()))
    positions = [html.index(f">{label}</dt>") for label in LABELS]
    assert positions == sorted(positions)
    for value in ("Andrea Mageean", "29 July 2010", "West Cheshire Together Network", "a. Support"):
        assert value in html
    assert "For decision" in html and "Illustrative example" not in html
    assert "No file has been uploaded" in html and 'id="history"' in html


def test_the_public_sees_public_papers_of_published_bodies_only(client, body):
    public = PaperFactory(body=body, title="Open report")
    private = PaperFactory(body=body, title="Members-only report", is_public=False)
    unpublished = PaperFactory(body=BodyFactory(is_published=False), title="Hidden body report")
    private_file = PaperFileFactory(paper=private)
    hidden_file = PaperFileFactory(paper=unpublished)
    html = assert_well_formed(client.get(LIST))
    assert "Open report" in html
    assert "Members-only report" not in html and "Hidden body report" not in html
    assert client.get(public.get_absolute_url()).status_code == 200
    for paper, f in ((private, private_file), (unpublished, hidden_file)):
        assert client.get(paper.get_absolute_url()).status_code == 404
        assert client.get(reverse("papers:file", args=[paper.pk, f.pk])).status_code == 404
    # A member of the body reads its non-public paper and its file.
    client.force_login(member_user(body))
    html = client.get(LIST).content.decode()
    assert "Members-only report" in html and "Members only" in html
    assert "Hidden body report" not in html
    assert client.get(private.get_absolute_url()).status_code == 200
    assert client.get(reverse("papers:file", args=[private.pk, private_file.pk])).status_code == 200
    assert client.get(unpublished.get_absolute_url()).status_code == 404


def test_the_list_filters_by_body_and_purpose(client, body):
    PaperFactory(body=body, title="Delivery plan", purpose="decision")
    PaperFactory(body=body, title="Performance update", purpose="information")
    PaperFactory(title="Another body's paper", purpose="decision")
    html = client.get(LIST, {"body": body.pk}).content.decode()
    assert "Delivery plan" in html and "Performance update" in html
    assert "Another body" not in html
    html = client.get(LIST, {"body": body.pk, "purpose": "decision"}).content.decode()
    assert "Delivery plan" in html and "Performance update" not in html
    assert "Clear filters" in html
    # A body the public may not see is not offered, and a bad value is ignored.
    assert client.get(LIST, {"body": "x", "purpose": "nonsense"}).status_code == 200


def test_files_are_listed_newest_first_with_who_uploaded_them(client, body):
    paper = PaperFactory(body=body)
    clerk = UserFactory(first_name="Ann", last_name="Clerk")
    PaperFileFactory(paper=paper, revision=1, original_name="draft.pdf", created_by=clerk)
    PaperFileFactory(paper=paper, revision=2, original_name="final.pdf", note="Figures corrected")
    withdrawn = PaperFileFactory(paper=paper, revision=3, original_name="wrong.pdf")
    withdrawn.archived_on = withdrawn.created_on
    withdrawn.save()
    html = assert_well_formed(client.get(paper.get_absolute_url()))
    assert html.index("final.pdf") < html.index("draft.pdf")
    assert "wrong.pdf" not in html
    assert "by Ann Clerk" in html and "Figures corrected" in html and ">PDF<" in html


def test_the_meetings_that_considered_it_hide_restricted_items_from_the_public(client, body):
    paper = PaperFactory(body=body)
    meeting = MeetingFactory(body=body, title="LSP Thematic Leads")
    AgendaItemFactory(meeting=meeting, number=4, title="Delivery plan", papers=[paper])
    AgendaItemFactory(
        meeting=meeting, number=5, title="Secret budget", is_restricted=True, papers=[paper]
    )
    AgendaItemFactory(
        meeting=MeetingFactory(body=body, status=MeetingStatus.SCHEDULED),
        title="Not yet published",
        papers=[paper],
    )
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "LSP Thematic Leads, 27 April 2009" in html and "Item No. 4, Delivery plan" in html
    assert meeting.get_absolute_url() in html
    assert "Secret budget" not in html and "Not yet published" not in html
    client.force_login(member_user(body))
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Secret budget" in html and "Restricted item" in html and "Not yet published" in html


def test_a_snapshot_is_shown_with_its_kind_template(client, body, settings, tmp_path):
    folder = tmp_path / "templates" / "papers"
    folder.mkdir(parents=True)
    (folder / "_snapshot_test_kind.html").write_text("<p>Frozen: {{ snapshot.figure }}</p>")
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path / "templates", *templates[0].get("DIRS", [])]
    settings.TEMPLATES = templates
    paper = services.paper_create(
        fields={"title": "Exception report", "body": body},
        snapshot=True,
        by=ManagerFactory(),
    )
    Paper.objects.filter(pk=paper.pk).update(
        snapshot={"figure": 42}, snapshot_kind="test_kind", snapshot_taken_on=dt.date(2010, 4, 1)
    )
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Frozen: 42" in html and "As it stood on 1 April 2010" in html
    # A kind with no template, or one that is not a plain name, shows nothing and breaks nothing.
    for kind in ("no_such_kind", "../../base"):
        Paper.objects.filter(pk=paper.pk).update(snapshot_kind=kind)
        html = client.get(paper.get_absolute_url()).content.decode()
        assert "As it stood" not in html


# --- Changing -----------------------------------------------------------------------------------


def test_who_may_add_change_and_archive_papers(client, body):
    paper = PaperFactory(body=body)
    pages = [
        CREATE,
        reverse("papers:edit", args=[paper.pk]),
        reverse("papers:upload", args=[paper.pk]),
        reverse("papers:archive", args=[paper.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(member_user(body))
    html = client.get(paper.get_absolute_url()).content.decode()
    assert not any(url in html for url in pages[1:])
    for url in pages:
        assert client.get(url).status_code == 403
    # The secretary of another body may not touch this one's papers.
    client.force_login(secretary_of(BodyFactory()))
    assert client.get(CREATE).status_code == 200
    for url in pages[1:]:
        assert client.get(url).status_code == 403
    client.force_login(secretary_of(body))
    html = client.get(paper.get_absolute_url()).content.decode()
    assert all(url in html for url in pages[1:])
    for url in pages:
        assert_well_formed(client.get(url))


def test_a_secretary_adds_a_paper_for_their_own_body_only(client, body):
    client.force_login(secretary_of(body))
    other = BodyFactory()
    data = {"title": COVER_SHEET["title"], "purpose": "decision", "is_public": "on"}
    refused = client.post(CREATE, {**data, "body": other.pk})
    assert refused.status_code == 422 and not Paper.objects.exists()
    missing = client.post(CREATE, data)
    assert missing.status_code == 422 and b"Choose the body whose paper it is" in missing.content
    saved = client.post(
        CREATE,
        {
            **data,
            "body": body.pk,
            "published_on_0": "29",
            "published_on_1": "7",
            "published_on_2": "2010",
            "circulation": COVER_SHEET["circulation"],
        },
    )
    paper = Paper.objects.get()
    assert saved.status_code == 302 and saved["Location"] == paper.get_absolute_url()
    assert paper.body == body and paper.published_on == dt.date(2010, 7, 29)


def test_a_manager_may_add_a_partnership_wide_paper(client):
    client.force_login(ManagerFactory())
    response = client.post(CREATE, {"title": "Partnership annual report"})
    assert response.status_code == 302
    assert Paper.objects.get().body is None


def test_editing_a_paper_keeps_its_history_and_turns_away_stale_edits(client, body):
    paper = PaperFactory(body=body, title="Draft title")
    client.force_login(secretary_of(body))
    url = reverse("papers:edit", args=[paper.pk])
    data = {"title": "Final title", "body": body.pk, "version": paper.version}
    assert client.post(url, data).status_code == 302
    html = client.get(paper.get_absolute_url()).content.decode()
    assert "Final title" in html and "Draft title" in html  # the change, in the history
    stale = client.post(url, {**data, "title": "Someone else's title"})
    assert stale.status_code == 409
    paper.refresh_from_db()
    assert paper.title == "Final title"


def test_archiving_a_paper_takes_it_from_the_public(client, body):
    paper = PaperFactory(body=body, title="Withdrawn report")
    client.force_login(secretary_of(body))
    url = reverse("papers:archive", args=[paper.pk])
    assert client.post(url, {"reason": "", "version": paper.version}).status_code == 422
    assert (
        client.post(url, {"reason": "Laid in error", "version": paper.version}).status_code == 302
    )
    client.logout()
    assert client.get(paper.get_absolute_url()).status_code == 404
    assert "Withdrawn report" not in client.get(LIST).content.decode()


# --- Files --------------------------------------------------------------------------------------


def test_uploading_refuses_a_renamed_executable_and_a_file_too_big(client, body, settings):
    paper = PaperFactory(body=body)
    client.force_login(secretary_of(body))
    url = reverse("papers:upload", args=[paper.pk])
    assert_well_formed(client.get(url))
    renamed = client.post(url, {"file": upload("report.pdf", b"MZ\x90\x00 this is a program")})
    assert renamed.status_code == 422
    html = assert_well_formed(renamed)
    assert "There is a problem" in html and "its content must match its name" in html
    unknown = client.post(url, {"file": upload("setup.exe", b"MZ\x90\x00")})
    assert unknown.status_code == 422
    assert client.post(url, {}).status_code == 422
    settings.ACCORD_MAX_UPLOAD_BYTES = len(PDF_BYTES) - 1
    too_big = client.post(url, {"file": upload("report.pdf", PDF_BYTES)})
    assert too_big.status_code == 422 and b"must be smaller than" in too_big.content
    assert not PaperFile.objects.exists()


def test_each_upload_is_a_new_version(client, body):
    paper = PaperFactory(body=body)
    client.force_login(secretary_of(body))
    url = reverse("papers:upload", args=[paper.pk])
    first = client.post(url, {"file": upload("plan.pdf", PDF_BYTES)})
    assert first.status_code == 302 and first["Location"].endswith("#files")
    client.post(url, {"file": upload("plan v2.pdf", PDF_BYTES), "note": "Corrected"})
    files = list(PaperFile.objects.filter(paper=paper).order_by("revision"))
    assert [(f.revision, f.original_name) for f in files] == [(1, "plan.pdf"), (2, "plan v2.pdf")]
    # Stored under a generated name, not the one uploaded.
    assert "plan" not in files[0].file.name and files[0].file.name.endswith(".pdf")
    html = client.get(paper.get_absolute_url()).content.decode()
    assert html.index("plan v2.pdf") < html.index("plan.pdf<")


def test_the_download_is_an_attachment_that_is_never_sniffed_or_run(client, body):
    paper = PaperFactory(body=body)
    paper_file = PaperFileFactory(paper=paper, original_name="Delivery plan 2011.pdf")
    response = client.get(reverse("papers:file", args=[paper.pk, paper_file.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Delivery plan 2011.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES
    # The file must belong to the paper named in the address.
    other = PaperFactory(body=body)
    assert client.get(reverse("papers:file", args=[other.pk, paper_file.pk])).status_code == 404


# --- Query counts -------------------------------------------------------------------------------


def test_the_list_costs_the_same_for_few_and_many_papers(client, body):
    PaperFactory(body=body, author=PersonFactory())
    few = count_queries(client, LIST)
    for _ in range(6):
        PaperFactory(body=BodyFactory(), author=PersonFactory())
    assert count_queries(client, LIST) == few


@pytest.mark.parametrize("who", ["public", "member", "manager"])
def test_the_paper_page_costs_the_same_for_few_and_many_files_and_meetings(
    client, body, who, django_assert_max_num_queries
):
    if who == "member":
        client.force_login(member_user(body))
    elif who == "manager":
        client.force_login(ManagerFactory())
    paper = PaperFactory(body=body)
    PaperFileFactory(paper=paper, created_by=UserFactory())
    AgendaItemFactory(meeting=MeetingFactory(body=body), papers=[paper], is_restricted=True)
    AgendaItemFactory(meeting=MeetingFactory(body=body), papers=[paper])
    few = count_queries(client, paper.get_absolute_url())
    for revision in range(2, 7):
        PaperFileFactory(paper=paper, revision=revision, created_by=UserFactory())
    for _ in range(4):
        AgendaItemFactory(meeting=MeetingFactory(body=body), papers=[paper], is_restricted=True)
        AgendaItemFactory(meeting=MeetingFactory(body=body), papers=[paper])
    with django_assert_max_num_queries(few):
        assert client.get(paper.get_absolute_url()).status_code == 200
