"""Papers: the cover sheet, file versions checked by their content, archive."""

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.common.factories import BodyFactory, ManagerFactory, PersonFactory
from accord.papers import services, uploads
from accord.papers.factories import PDF_BYTES, PaperFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def by():
    return ManagerFactory()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ODT = zipped({"mimetype": uploads.ODT_MIMETYPE, "content.xml": b"<office:document/>"})
DOCX = zipped({"word/document.xml": b"<w:document/>"})


def test_the_cover_sheet_of_seed_003(by):
    author = PersonFactory(name="Alistair Jeffs")
    paper = services.paper_create(
        fields={
            "title": "Performance Management Framework",
            "description": "How the partnership will manage performance.",
            "purpose": "decision",
            "purpose_text": "This report sets out the process by which a delivery plan can be "
            "developed.",
            "circulation": "LSP Thematic Leads",
            "decision_required": "To agree the framework.",
            "author": author,
            "author_text": "Partnership Manager",
            "contact_details": "01244 000000 (illustrative)",
            "published_on": dt.date(2009, 4, 20),
            "target_audience": "Thematic partnerships",
            "cross_reference": "LAA 2008–11",
            "body": BodyFactory(),
            "is_illustrative": True,
        },
        by=by,
    )
    assert paper.author_label == "Alistair Jeffs, Partnership Manager"
    assert paper.get_purpose_display() == "For decision"
    assert paper.purpose_text.startswith("This report sets out")
    changed = services.paper_update(
        paper=paper, changes={"is_public": False}, expected_version=1, by=by
    )
    assert not changed.is_public and changed.version == 2
    archived = services.paper_archive(
        paper=changed, reason="Superseded.", expected_version=2, by=by
    )
    assert archived.is_archived and archived.history.count() == 3


def test_the_snapshot_is_written_only_by_the_snapshot_services(by):
    with pytest.raises(ValidationError):
        services.paper_create(fields={"title": "T", "snapshot": {"rows": []}}, by=by)
    paper = services.paper_create(
        fields={
            "title": "Exception report",
            "snapshot": {"rows": [{"indicator": "NI 151", "rag": "red"}]},
            "snapshot_kind": "exception_report",
            "snapshot_taken_on": dt.date(2009, 4, 20),
        },
        snapshot=True,
        by=by,
    )
    assert paper.snapshot["rows"][0]["rag"] == "red"
    with pytest.raises(ValidationError):
        services.paper_update(paper=paper, changes={"snapshot": None}, expected_version=None, by=by)


def test_files_are_numbered_versions_under_generated_names(by, media):
    paper = PaperFactory()
    first = services.paper_add_file(
        paper=paper,
        file=SimpleUploadedFile("Performance framework.pdf", PDF_BYTES),
        note="As circulated",
        by=by,
    )
    second = services.paper_add_file(
        paper=paper, file=io.BytesIO(DOCX), filename="framework v2.docx", by=by
    )
    assert (first.revision, second.revision) == (1, 2)
    assert first.original_name == "Performance framework.pdf"
    assert first.content_type == "application/pdf" and first.size == len(PDF_BYTES)
    assert first.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert "Performance" not in first.file.name and first.file.name.endswith(".pdf")
    assert first.file.name.startswith("papers/")
    assert second.content_type.endswith("wordprocessingml.document")
    assert (media / first.file.name).read_bytes() == PDF_BYTES
    assert [f.revision for f in paper.files.all()] == [2, 1]
    odt = services.paper_add_file(paper=paper, file=io.BytesIO(ODT), filename="a.odt", by=by)
    txt = services.paper_add_file(
        paper=paper, file=io.BytesIO(b"Plain notes\n"), filename="notes.txt", by=by
    )
    assert (odt.revision, odt.content_type) == (3, "application/vnd.oasis.opendocument.text")
    assert txt.content_type == "text/plain"


@pytest.mark.parametrize(
    "name, data",
    [
        ("report.pdf", b"MZ\x90\x00 an executable renamed"),
        ("report.docx", zipped({"xl/workbook.xml": b"<workbook/>"})),
        ("report.odt", DOCX),
        ("notes.txt", b"\x00\x01\x02binary"),
        ("script.html", b"<script>alert(1)</script>"),
        ("report.exe", b"MZ"),
        ("report.pdf", b""),
        ("", PDF_BYTES),
    ],
)
def test_files_are_refused_unless_their_content_matches(by, name, data):
    with pytest.raises(ValidationError) as err:
        services.paper_add_file(paper=PaperFactory(), file=io.BytesIO(data), filename=name, by=by)
    assert "file" in err.value.message_dict


def test_files_over_the_limit_are_refused(by, settings):
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError) as err:
        services.paper_add_file(
            paper=PaperFactory(), file=io.BytesIO(PDF_BYTES), filename="big.pdf", by=by
        )
    assert "smaller" in err.value.message_dict["file"][0]


def test_an_archived_paper_takes_no_files(by):
    paper = services.paper_archive(
        paper=PaperFactory(), reason="Withdrawn.", expected_version=None, by=by
    )
    with pytest.raises(ValidationError):
        services.paper_add_file(paper=paper, file=io.BytesIO(PDF_BYTES), filename="a.pdf", by=by)
