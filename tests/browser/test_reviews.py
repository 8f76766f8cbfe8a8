"""The indicator review and case studies in the browser: axe (WCAG 2.2 A and AA) on the review
list, a review laid out as the template, a line, the forms with and without errors, and case
study pages; a manager assesses a line and publishes a case study. Zero violations."""

import datetime as dt

import pytest

from accord.bodies.models import Body, BodyKind
from accord.casestudies import services as casestudies
from accord.casestudies.models import CaseStudy
from accord.common.factories import CommitmentFactory, StrategyFactory
from accord.indicators.factories import IndicatorFactory
from accord.reviews import services as reviews
from accord.reviews.models import ReviewEntry
from accord.strategies import services as strategies
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def review_data(page):
    """A strategy whose outcomes are led by the example's thematic partnerships, indicators in
    use under them, an open review with one line assessed and one proposal, and case studies."""
    health, children = list(Body.objects.filter(kind=BodyKind.THEMATIC).order_by("name")[:2])
    scs = StrategyFactory(title="Axe review strategy", adopted_on=dt.date(2010, 2, 25))
    c7 = CommitmentFactory(strategy=scs, number="7", title="Axe reducing health inequalities")
    c71 = CommitmentFactory(
        strategy=scs, parent=c7, kind="outcome", number="7.1", title="Axe fewer people smoke"
    )
    c8 = CommitmentFactory(strategy=scs, number="8", title="Axe eliminating child poverty")
    strategies.matrix_apply(
        strategy=scs,
        cells={(c7.pk, health.pk): "lead", (c8.pk, children.pk): "lead"},
        by=None,
    )
    ni39 = IndicatorFactory(code="AXE 39", title="Axe alcohol admissions", outcomes=[c7])
    IndicatorFactory(code="AXE 123", title="Axe stopping smoking", outcomes=[c71])
    IndicatorFactory(code="AXE 116", title="Axe children in poverty", outcomes=[c8])
    review = reviews.review_open(
        fields={"strategy": scs, "title": "Axe indicator review", "due_on": dt.date(2010, 10, 28)},
        by=None,
    )
    assessed = review.entries.get(indicator=ni39)
    reviews.entry_update(
        entry=assessed,
        changes={"rating": "partial", "decision": "retain", "comment": "Hospital data only"},
        expected_version=None,
        by=None,
    )
    proposal = reviews.entry_propose(
        review=review, body=health, outcome=c71, proposed_title="Axe smoking prevalence", by=None
    )
    example = casestudies.casestudy_create(
        fields={
            "title": "Axe back into work",
            "summary": "An illustrative story of a lone parent finding work.",
            "story": "Written to show how a case study sits beside the numbers.",
            "happened_on": dt.date(2009, 9, 14),
            "indicators": [ni39],
            "outcomes": [c7],
            "is_illustrative": True,
            "is_published": True,
        },
        by=None,
    )
    draft = casestudies.casestudy_create(
        fields={"title": "Axe draft story", "summary": "Not yet linked."}, by=None
    )
    undecided = review.entries.get(indicator__code="AXE 116")
    return {
        "review": review.pk,
        "assessed": assessed.pk,
        "undecided": undecided.pk,
        "proposal": proposal.pk,
        "health": health.pk,
        "c71": c71.pk,
        "example": example.pk,
        "draft": draft.pk,
    }


def test_public_review_and_case_study_pages(page, axe, review_data):
    known = review_data
    for url in [
        "/indicator-reviews/",
        f"/indicator-reviews/{known['review']}/",
        f"/indicator-reviews/lines/{known['assessed']}/",
        f"/indicator-reviews/lines/{known['proposal']}/",
        "/case-studies/",
        f"/case-studies/{known['example']}/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)
    page.goto(f"/case-studies/{known['example']}/")
    assert page.locator("main .govuk-tag", has_text="Illustrative example").count() == 1
    page.goto(f"/indicator-reviews/{known['review']}/")
    table = page.get_by_role("table", name="b–d. Indicators in place for outcome 7", exact=True)
    assert table.get_by_role("row", name="AXE 39").count() == 1
    assert "Measures part of the outcome" in table.inner_text()


def test_manager_assesses_a_line_and_publishes_a_case_study(page, axe, review_data):
    known = review_data
    sign_in(page, "manager")
    for url in [
        f"/indicator-reviews/{known['review']}/",
        "/indicator-reviews/open/",
        f"/indicator-reviews/{known['review']}/change/",
        f"/indicator-reviews/{known['review']}/complete/",
        f"/indicator-reviews/{known['review']}/archive/",
        f"/indicator-reviews/lines/{known['undecided']}/change/",
        f"/indicator-reviews/lines/{known['proposal']}/change/",
        f"/indicator-reviews/lines/{known['proposal']}/withdraw/",
        f"/indicator-reviews/{known['review']}/partnerships/{known['health']}/propose/",
        "/case-studies/add/",
        f"/case-studies/{known['draft']}/",
        f"/case-studies/{known['draft']}/change/",
        f"/case-studies/{known['example']}/unpublish/",
        f"/case-studies/{known['example']}/archive/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)

    # Forms with errors.
    for url in [
        "/indicator-reviews/open/",
        f"/indicator-reviews/{known['review']}/partnerships/{known['health']}/propose/",
        "/case-studies/add/",
    ]:
        page.goto(url)
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1, url
        axe(page, f"{url} with errors")

    # Drop without a reason is refused; with one it is saved and shown on the review.
    page.goto(f"/indicator-reviews/{known['review']}/")
    page.get_by_role("link", name="Assess AXE 116").click()
    page.wait_for_load_state()
    page.get_by_label("Measures part of the outcome").check()
    page.get_by_label("Drop").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert (
        "Say why the indicator should be dropped"
        in page.locator(".govuk-error-summary").inner_text()
    )
    axe(page, "line with errors")
    page.get_by_label("Comment").fill("Only counted every three years")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert "Line saved" in page.locator("main").inner_text()
    entry = ReviewEntry.objects.get(pk=known["undecided"])
    assert (entry.rating, entry.decision) == ("partial", "drop")
    row = page.get_by_role("row", name="AXE 116")
    assert "Drop" in row.inner_text() and "Only counted every three years" in row.inner_text()

    # Publishing a case study with no outcome or indicator says what is missing.
    page.goto(f"/case-studies/{known['draft']}/")
    page.get_by_role("link", name="Publish Axe draft story").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert "Link the case study" in page.locator(".govuk-error-summary").inner_text()
    axe(page, "publish with errors")
    assert not CaseStudy.objects.get(pk=known["draft"]).is_published
