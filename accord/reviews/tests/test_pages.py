"""The indicator review pages: list, the review laid out as the template, a line, the forms,
and the template document as docx and xlsx."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from accord.areas.tests.helpers import assert_well_formed, member_user, queries_for
from accord.common.factories import BodyFactory, ManagerFactory, UserFactory
from accord.indicators.factories import IndicatorFactory
from accord.reviews import services
from accord.reviews.models import IndicatorReview, ReviewEntry
from accord.reviews.outputs import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


@pytest.fixture
def review(scs):
    r = services.review_open(
        fields={"strategy": scs.strategy, "title": "SCS delivery plan 2011-14 indicators"},
        by=None,
    )
    entry = r.entries.get(indicator=scs.ni39)
    services.entry_update(
        entry=entry,
        changes={"rating": "partial", "decision": "retain", "comment": "Only hospital data"},
        expected_version=None,
        by=None,
    )
    services.entry_update(
        entry=r.entries.get(indicator=scs.ni123),
        changes={"rating": "poor", "decision": "drop", "comment": "Quitters, not prevalence"},
        expected_version=None,
        by=None,
    )
    services.entry_propose(
        review=r,
        body=scs.health,
        outcome=scs.c7_1,
        proposed_title="Smoking prevalence in adults",
        comment="Integrated Household Survey",
        by=None,
    )
    return r


def test_list_and_detail_are_laid_out_as_the_template(client, review, scs):
    html = assert_well_formed(client.get(reverse("reviews:list")))
    assert "SCS delivery plan 2011-14 indicators" in html
    response = client.get(review.get_absolute_url())
    html = assert_well_formed(response)
    # Partnerships in name order, each with the outcomes it leads and their lines.
    assert html.index("Children&#x27;s Trust") < html.index("Health and Wellbeing Thematic")
    assert "Thematic Partnership" in html
    assert "a. Outcome we want to achieve" in html
    assert "b. Indicator in place" in html and "c. How well it measures the outcome" in html
    assert "d. Retain or drop" in html and "e. Additional indicators proposed" in html
    assert "Measures part of the outcome" in html and "Only hospital data" in html
    assert "Smoking prevalence in adults" in html
    assert "1 to retain, 1 to drop, 1 not yet decided. 1 additional indicator proposed" in html
    # Outcome 15 has nobody to lead it.
    assert "Outcomes with no lead partnership" in html and "15. Adapting" in html
    # The public reads but does not edit.
    assert reverse("reviews:entry-edit", args=[review.entries.first().pk]) not in html
    assert "Propose an additional indicator" not in html


def test_detail_costs_a_fixed_number_of_queries(client, manager, review, scs):
    url = review.get_absolute_url()
    few = queries_for(client, url)
    for n in range(6):
        c = __import__("accord.common.factories", fromlist=["CommitmentFactory"])
        outcome = c.CommitmentFactory(strategy=scs.strategy, parent=scs.c8, number=f"8.{n + 1}")
        IndicatorFactory(outcomes=[outcome])
        IndicatorFactory(outcomes=[scs.c7])
    more = services.review_open(fields={"strategy": scs.strategy, "title": "Bigger"}, by=None)
    assert more.entries.count() == 3 + 12
    assert queries_for(client, more.get_absolute_url()) == few


def test_unpublished_strategy_review_is_hidden(client, review, scs):
    scs.strategy.is_published = False
    scs.strategy.save()
    assert client.get(review.get_absolute_url()).status_code == 404
    assert "2011-14 indicators" not in client.get(reverse("reviews:list")).content.decode()
    assert client.get(reverse("reviews:docx", args=[review.pk])).status_code == 404


def test_unpublished_partnerships_are_left_out_for_the_public(client, review, scs):
    scs.children.is_published = False
    scs.children.save()
    html = client.get(review.get_absolute_url()).content.decode()
    assert "Children&#x27;s Trust" not in html and "NI 116" not in html


def test_manager_assesses_a_line(client, manager, review, scs):
    entry = review.entries.get(indicator=scs.ni116)
    url = reverse("reviews:entry-edit", args=[entry.pk])
    html = assert_well_formed(client.get(url))
    assert "How effectively does it measure the outcome?" in html
    response = client.post(url, {"rating": "good", "decision": "drop", "comment": "", "version": 1})
    assert response.status_code == 422
    assert "Say why the indicator should be dropped" in assert_well_formed(response)
    response = client.post(
        url, {"rating": "good", "decision": "retain", "comment": "Core measure", "version": 1}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{review.get_absolute_url()}#line-{entry.pk}"
    entry.refresh_from_db()
    assert (entry.rating, entry.decision, entry.comment) == ("good", "retain", "Core measure")
    # A stale save is turned away.
    response = client.post(
        url, {"rating": "poor", "decision": "retain", "comment": "Old view", "version": 1}
    )
    assert response.status_code == 409
    page = client.get(reverse("reviews:entry", args=[entry.pk]))
    html = assert_well_formed(page)
    assert "Core measure" in html and "History" in html


def test_member_of_the_lead_partnership_fills_in_its_own_lines(client, review, scs):
    user = member_user(scs.health)
    client.force_login(user)
    html = client.get(review.get_absolute_url()).content.decode()
    mine = review.entries.get(indicator=scs.ni39)
    theirs = review.entries.get(indicator=scs.ni116)
    assert reverse("reviews:entry-edit", args=[mine.pk]) in html
    assert reverse("reviews:entry-edit", args=[theirs.pk]) not in html
    assert client.get(reverse("reviews:entry-edit", args=[theirs.pk])).status_code == 403
    response = client.post(
        reverse("reviews:entry-edit", args=[mine.pk]),
        {"rating": "good", "decision": "retain", "comment": "", "version": mine.version},
    )
    assert response.status_code == 302
    propose = reverse("reviews:entry-propose", args=[review.pk, scs.health.pk])
    assert propose in html
    html = assert_well_formed(client.get(f"{propose}?outcome={scs.c7.pk}"))
    assert "7. Reducing health inequalities" in html and "7.1. Fewer people smoke" in html
    assert "8. Aiming" not in html
    response = client.post(propose, {"outcome": "", "proposed_title": ""})
    html = assert_well_formed(response)
    assert response.status_code == 422
    assert "Choose the outcome the indicator would measure" in html
    assert "Say what the additional indicator would measure" in html
    response = client.post(
        propose, {"outcome": scs.c7.pk, "proposed_title": "Healthy life expectancy"}
    )
    assert response.status_code == 302
    proposal = ReviewEntry.objects.get(proposed_title="Healthy life expectancy")
    assert (proposal.body, proposal.outcome, proposal.created_by) == (scs.health, scs.c7, user)
    other = reverse("reviews:entry-propose", args=[review.pk, scs.children.pk])
    assert client.get(other).status_code == 403


def test_signed_in_outsider_cannot_edit(client, review, scs):
    client.force_login(UserFactory())
    entry = review.entries.first()
    assert client.get(reverse("reviews:entry-edit", args=[entry.pk])).status_code == 403
    assert client.get(reverse("reviews:open")).status_code == 403
    assert client.get(reverse("reviews:complete", args=[review.pk])).status_code == 403


def test_manager_opens_changes_completes_and_archives(client, manager, scs):
    url = reverse("reviews:open")
    assert_well_formed(client.get(url))
    response = client.post(url, {"title": "", "strategy": ""})
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "Enter the title of the review" in html and "Choose the strategy" in html
    response = client.post(
        url,
        {
            "title": "First cut",
            "strategy": scs.strategy.pk,
            "due_on_0": "28",
            "due_on_1": "10",
            "due_on_2": "2010",
            "instructions": "Complete a first cut of the template",
        },
    )
    review = IndicatorReview.objects.get(title="First cut")
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()
    assert review.entries.count() == 3
    change = reverse("reviews:change", args=[review.pk])
    assert_well_formed(client.get(change))
    response = client.post(
        change,
        {
            "title": "First cut of the template",
            "due_on_0": "",
            "due_on_1": "",
            "due_on_2": "",
            "instructions": "",
            "source": "",
            "version": 1,
        },
    )
    assert response.status_code == 302
    complete = reverse("reviews:complete", args=[review.pk])
    assert_well_formed(client.get(complete))
    response = client.post(complete, {"version": 2})
    assert response.status_code == 422
    assert "3 indicators in place still need a decision" in response.content.decode()
    for e in review.entries.all():
        services.entry_update(
            entry=e, changes={"decision": "retain"}, expected_version=None, by=manager
        )
    response = client.post(complete, {"version": 2})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "complete"
    html = client.get(review.get_absolute_url()).content.decode()
    assert "Complete</strong>" in html
    assert reverse("reviews:entry-edit", args=[review.entries.first().pk]) not in html
    response = client.get(reverse("reviews:entry-edit", args=[review.entries.first().pk]))
    assert response.status_code == 302
    archive = reverse("reviews:archive", args=[review.pk])
    assert_well_formed(client.get(archive))
    assert client.post(archive, {"reason": "Superseded", "version": 3}).status_code == 302
    assert "First cut" not in client.get(reverse("reviews:list")).content.decode()


def test_withdraw_a_proposal(client, manager, review):
    proposal = review.entries.get(indicator__isnull=True)
    url = reverse("reviews:entry-withdraw", args=[proposal.pk])
    assert_well_formed(client.get(url))
    assert client.post(url, {"reason": "Duplicate", "version": proposal.version}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_archived
    assert (
        "Smoking prevalence in adults" not in client.get(review.get_absolute_url()).content.decode()
    )


def test_docx_is_the_template_document(client, review):
    response = client.get(reverse("reviews:docx", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "SCS delivery plan 2011-14 indicators" in text
    assert "Thematic Partnership: Children's Trust" in text
    assert "Thematic Partnership: Health and Wellbeing Thematic Partnership" in text
    assert len(doc.tables) == 2
    children, health = doc.tables
    assert [c.text for c in health.rows[0].cells] == COLUMNS
    rows = [[c.text for c in row.cells] for row in health.rows[1:]]
    assert [r[0] for r in rows] == [
        "7. Reducing health inequalities and encouraging people to live longer, healthier and "
        "active lives",
        "7.1. Fewer people smoke",
    ]
    assert rows[0][1].startswith("NI 39 Rate of Hospital Admissions")
    assert rows[0][2] == "NI 39: Measures part of the outcome. Only hospital data."
    assert rows[0][3] == "NI 39: Retain"
    assert rows[1][3] == "NI 123: Drop"
    assert rows[1][4] == "Smoking prevalence in adults (Integrated Household Survey)"
    assert children.rows[1].cells[3].text == "NI 116: Not yet decided"


def test_xlsx_has_a_sheet_per_partnership_with_the_template_columns(client, review):
    response = client.get(reverse("reviews:xlsx", args=[review.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Review", "Children's Trust", "Health and Wellbeing Thematic P"]
    ws = wb["Health and Wellbeing Thematic P"]
    assert ws["A1"].value == "Thematic Partnership: Health and Wellbeing Thematic Partnership"
    assert [c.value for c in ws[2]] == COLUMNS
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[1] and r[1].split()[1] for r in rows] == ["39", "123", None]
    assert rows[0][2:4] == ["Measures part of the outcome. Only hospital data.", "Retain"]
    assert rows[1][3] == "Drop"
    assert rows[2][0] == "7.1. Fewer people smoke"
    assert rows[2][4] == "Smoking prevalence in adults (Integrated Household Survey)"
    front = [[c.value for c in row] for row in wb["Review"].iter_rows()]
    assert ["Health and Wellbeing Thematic Partnership", 2, 1, 1, 1] in front


def test_another_partnership_page_shows_no_one_elses_unpublished_body(client, review):
    hidden = BodyFactory(is_published=False)
    assert hidden.name not in client.get(review.get_absolute_url()).content.decode()
