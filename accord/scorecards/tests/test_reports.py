"""A body's quarterly performance report as docx and PDF: what it says agrees with the
scorecard page, exceptions carry their commentary, charts carry their figures in words, case
studies and sources are credited."""

import base64
import datetime as dt
import io
import re
import zlib

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from accord.casestudies.factories import CaseStudyFactory
from accord.common.factories import BodyFactory, CommitmentFactory
from accord.scorecards import reports
from accord.scorecards.selectors import scorecard_for_body
from accord.scorecards.tests.conftest import AS_OF, QUARTERS, add_figures
from accord.scorecards.tests.factories import make_indicator, observe, target

pytestmark = pytest.mark.django_db

COMMENTARY = "Admissions rose after the winter; the new alcohol liaison nurse starts in March."


@pytest.fixture
def theme(partnership):
    """The partnership's health partnership, with one indicator well short of its target (a
    red exception, with commentary) and case studies of its outcome and indicators."""
    world = partnership.world
    red = make_indicator(
        frequency="quarterly",
        period_kind="financial_quarter",
        title="Hospital admissions for alcohol",
    )
    red.outcomes.add(partnership.outcome)
    for i, period in enumerate(QUARTERS):
        last = i == len(QUARTERS) - 1
        observe(red, world.borough, period, 40 - i, commentary=COMMENTARY if last else "")
    target(red, world.borough, "2009/10", 70)
    CaseStudyFactory(
        title="A safer night out in Chester",
        outcomes=[partnership.commitment],
        is_illustrative=True,
    )
    CaseStudyFactory(title="Back to work", indicators=[red], is_illustrative=False)
    CaseStudyFactory(title="Unpublished draft", outcomes=[partnership.outcome], is_published=False)
    CaseStudyFactory(title="Somebody else's story", outcomes=[CommitmentFactory()])
    partnership.red = red
    return partnership.theme


def test_the_quarter_reported():
    assert reports.report_dates("2009/10 Q1") == (
        "2009/10 Q1",
        dt.date(2009, 4, 1),
        dt.date(2009, 6, 30),
        dt.date(2009, 6, 30),
    )
    code, start, end, on = reports.report_dates(as_of=dt.date(2010, 1, 15))
    assert (code, start, end, on) == (
        "2009/10 Q3",
        dt.date(2009, 10, 1),
        dt.date(2009, 12, 31),
        dt.date(2010, 1, 15),
    )
    assert reports.report_dates("2009 Q3")[0] == "2009 Q3"
    with pytest.raises(reports.ReportError, match="not a quarter"):
        reports.report_dates("2009/10")
    with pytest.raises(reports.ReportError):
        reports.report_dates("next week")


def test_the_report_says_what_the_scorecard_shows(theme, partnership):
    report = reports.build_report(theme, as_of=AS_OF, user=AnonymousUser())
    card = scorecard_for_body(theme, AS_OF, AnonymousUser())
    assert report.quarter == "2009/10 Q3"
    assert [r.row.indicator.code for r in report.rows] == [r.indicator.code for r in card.rows]
    assert [r.row.rag_label for r in report.rows] == [r.rag_label for r in card.rows]
    counts = ", ".join(f"{c['count']} {c['label'].lower()}" for c in card.counts)
    assert report.summary == f"Of the {len(card.rows)} indicators on the scorecard: {counts}."
    [exception] = report.exceptions
    assert exception.indicator == partnership.red
    assert exception.row.rag_label == "Red" and exception.commentary == COMMENTARY
    assert exception.target == "70.0 (2009/10), illustrative"
    trend = exception.trend
    assert trend.periods == QUARTERS
    assert list(trend.values.values()) == [40, 39, 38, 37, 36]
    # The target in force for each quarter is the year's.
    assert trend.targets == {"2009/10 Q1": 70, "2009/10 Q2": 70, "2009/10 Q3": 70}
    # Those of its outcomes and indicators, published, latest first then by title.
    assert [cs.title for cs in report.case_studies] == [
        "A safer night out in Chester",
        "Back to work",
    ]


def test_report_queries_do_not_grow_with_indicators(theme, partnership):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            reports.build_report(theme, as_of=AS_OF, user=AnonymousUser())
        return len(ctx.captured_queries)

    few = count()
    for i in range(4):
        ind = make_indicator(frequency="quarterly", period_kind="financial_quarter")
        ind.outcomes.add(partnership.outcome)
        add_figures(partnership.world, ind, seed=i)
        CaseStudyFactory(indicators=[ind])
    assert count() == few


def docx_text(data: bytes) -> tuple[str, list]:
    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs), doc


def test_docx(theme, partnership):
    report = reports.build_report(theme, as_of=AS_OF)
    text, doc = docx_text(reports.report_docx(report))
    assert doc.core_properties.title == "Test Health and Wellbeing: performance report, 2009/10 Q3"
    # Title page.
    assert "Test Health and Wellbeing" in text
    assert "Quarterly performance report: 2009/10 Q3" in text
    assert "1 October 2009 to 31 December 2009" in text
    assert "Figures as at 15 January 2010" in text
    # Narrative: the counts, the exception with its commentary.
    assert report.summary in text
    assert "Figures and targets marked illustrative are examples" in text
    assert f"Commentary: {COMMENTARY}" in text
    assert "Red against target" in text
    # The table: one row per scorecard row, RAG in words, illustrative targets marked.
    [table] = doc.tables
    header, *rows = [[c.text for c in r.cells] for r in table.rows]
    assert header == reports.TABLE_COLUMNS
    card = scorecard_for_body(theme, AS_OF, AnonymousUser())
    assert [r[0].split()[:2] for r in rows] == [r.indicator.code.split() for r in card.rows]
    assert [r[3] for r in rows] == [r.rag_label for r in card.rows]
    red_row = next(r for r in rows if "Hospital admissions" in r[0])
    assert red_row[1] == "36.0 % (2009/10 Q3), illustrative"
    assert red_row[2] == "70.0 (2009/10), illustrative"
    # Charts: one picture per indicator with a series, its figures in words as alt text.
    charted = [r for r in report.rows if r.trend.chartable]
    assert len(doc.inline_shapes) == len(charted) == 4
    descr = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert any("Hospital admissions for alcohol: 2008/09 Q3 40.0" in d for d in descr)
    assert "Targets: 2009/10 Q1 70.0" in text
    # Case studies, the illustrative one labelled; sources credited.
    assert "A safer night out in Chester (Illustrative example)" in text
    assert "Back to work\n" in text or "Back to work" in text.splitlines()
    assert "Test data" in text and "Produced by Accord for" in text


def pdf_text(data: bytes) -> str:
    """The text drawn in a PDF made by reportlab: its content streams, decoded (ASCII85, then
    Flate, as reportlab writes them)."""
    out = []
    for head, raw in re.findall(rb"<<([^<>]*)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        if b"ASCII85Decode" in head:
            raw = base64.a85decode(re.sub(rb"\s", b"", raw).removesuffix(b"~>"))
        if b"FlateDecode" in head:
            raw = zlib.decompressobj().decompress(raw)
        out.append(raw.decode("latin-1"))
    return "\n".join(out)


def test_pdf(theme):
    report = reports.build_report(theme, as_of=AS_OF)
    data = reports.report_pdf(report)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for words in [
        "Test Health and Wellbeing",
        "Quarterly performance report: 2009/10 Q3",
        "Figures as at 15 January 2010",
        "Exceptions",
        "Red against target",
        "new alcohol liaison nurse",
        "Hospital admissions for alcohol",
        "70.0 \\(2009/10\\), illustrative",
        "A safer night out in Chester",
        " \\(Illustrative example\\)",
        "Real benefits to real people",
        "Test data",
    ]:
        assert words in text, words
    # Each chart is drawn (with its period labels), not pasted as an image.
    assert text.count("2009/10 Q3") >= 4
    assert b"/Subtype /Image" not in data
    plain = reports.report_pdf(report, compress=False)
    assert b"Test Health and Wellbeing" in plain and b"FlateDecode" not in plain


def test_report_pages(client, theme):
    pdf = reverse("scorecards:report-pdf", args=[theme.pk])
    docx = reverse("scorecards:report-docx", args=[theme.pk])
    assert pdf == f"/performance/bodies/{theme.pk}/report.pdf"
    response = client.get(pdf, {"as_of": AS_OF.isoformat()})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="test-health-and-wellbeing-200910-q3.pdf"'
    )
    assert response.content.startswith(b"%PDF") and b"Test Health and Wellbeing" in response.content
    response = client.get(docx, {"quarter": "2009/10 Q2"})
    assert response.status_code == 200
    assert response["Content-Type"] == reports.DOCX_TYPE
    text, _ = docx_text(response.content)
    assert "Quarterly performance report: 2009/10 Q2" in text
    assert "Figures as at 30 September 2009" in text
    assert client.get(docx, {"quarter": "2009/10"}).status_code == 400
    assert client.get(pdf, {"as_of": "someday"}).status_code == 400
    hidden = BodyFactory(is_published=False)
    assert client.get(reverse("scorecards:report-pdf", args=[hidden.pk])).status_code == 404
