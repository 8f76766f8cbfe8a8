"""Performance pages in the browser with the example partnership's real figures: the hub, a
body's scorecard, an outcome's, the exception report and the focus page; axe finds nothing,
every chart is an image with a name and has the same figures in a table beside it."""

import pytest

from accord.bodies.models import Body
from accord.scorecards import selectors
from accord.strategies.models import Commitment
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _with_indicators() -> tuple[Body, Commitment]:
    body = next(
        b
        for b in Body.objects.filter(responsibilities__isnull=False).distinct().order_by("pk")
        if selectors.body_indicators(b, None)[0]
    )
    outcome = Commitment.objects.filter(indicators__status="in_use").order_by("pk").first()
    assert outcome is not None
    return body, outcome


def test_performance_pages_have_no_axe_violations(page, axe):
    body, outcome = _with_indicators()
    urls = [
        "/performance/",
        f"/performance/bodies/{body.pk}/",
        f"/performance/bodies/{body.pk}/?as_of=2010-01-15",
        f"/performance/outcomes/{outcome.pk}/",
        "/performance/exceptions/",
        "/performance/focus/",
        f"/performance/bodies/{body.pk}/?as_of=2010-02-30",  # the form's error
    ]
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)
    page.goto("/performance/focus/")
    page.get_by_role("link", name="Chart and figures for every area").first.click()
    page.wait_for_load_state()
    axe(page, "an indicator's focus page")
    sign_in(page, "manager")
    for url in urls[:2] + ["/performance/exceptions/", "/performance/focus/"]:
        page.goto(url)
        axe(page, f"{url} signed in")


def test_a_body_scorecard_reads_as_a_table_with_words_not_colours(page):
    body, _ = _with_indicators()
    page.goto(f"/performance/bodies/{body.pk}/")
    table = page.get_by_role("table", name="Each indicator")
    assert table.count() == 1
    rows = table.locator("tbody tr")
    assert rows.count() == len(selectors.body_indicators(body, None)[0])
    statuses = {t.strip() for t in table.locator("tbody tr td:nth-child(4)").all_inner_texts()}
    assert statuses <= {
        "Green",
        "Amber",
        "Red",
        "Data late",
        "No data due",
        "No target",
        "Not judged",
        "No data",
    }
    assert "Sources of these figures" in page.locator("main").inner_text()
    # The as-of form takes three boxes and keeps the page's other choices.
    group = page.get_by_role("group", name="Show the figures as at")
    group.get_by_label("Day").fill("15")
    group.get_by_label("Month").fill("1")
    group.get_by_label("Year").fill("2010")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "As at 15 January 2010" in page.locator("main").inner_text()


def test_the_focus_page_charts_each_have_a_table(page):
    page.goto("/performance/focus/")
    ranking = page.get_by_role("table", name="Areas ranked")
    assert ranking.locator("tbody tr").count() >= 1
    page.get_by_role("link", name="Chart and figures for every area").first.click()
    page.wait_for_load_state()
    assert "Where to focus" in page.locator("main").inner_text()
    charts = page.locator("main svg[role=img]")
    assert charts.count() >= 1
    for i in range(charts.count()):
        chart = charts.nth(i)
        title = chart.locator("title").text_content()
        assert title and chart.locator("desc").text_content()
        assert page.get_by_role("img", name=title).count() == 1
        # The next element after the chart is the region holding its table.
        table = chart.locator("xpath=following-sibling::div[1]//table")
        assert table.count() == 1
        assert "The figures in the chart" in table.locator("caption").inner_text()
