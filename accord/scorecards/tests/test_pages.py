"""The performance pages: what each shows, who sees what, the xlsx exports, and a fixed number
of queries however many indicators and areas there are."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accord.common.factories import ManagerFactory
from accord.scorecards.tests.conftest import AS_OF, make_partnership

pytestmark = pytest.mark.django_db
Q = f"?as_of={AS_OF.isoformat()}"


def get(client, name, *args, query=Q):
    response = client.get(reverse(f"scorecards:{name}", args=args) + query)
    assert response.status_code == 200, response.content[:500]
    return response


def text(response) -> str:
    return response.content.decode()


def test_the_hub_links_to_every_scorecard(client, partnership):
    p = partnership
    page = text(get(client, "index"))
    for url in [
        reverse("scorecards:body", args=[p.theme.pk]),
        reverse("scorecards:body", args=[p.board.pk]),
        reverse("scorecards:outcome", args=[p.outcome.pk]),
        reverse("scorecards:area", args=[p.world.borough.pk]),
        reverse("scorecards:exceptions"),
        reverse("scorecards:focus"),
        reverse("indicators:list"),
    ]:
        assert url in page
    # My returns are for signed-in lead officers only.
    assert reverse("collection:mine") not in page
    assert "Green" in page


def test_a_body_scorecard(client, partnership):
    p = partnership
    page = text(get(client, "body", p.theme.pk))
    assert "Scorecard: Test Health and Wellbeing" in page
    for ind in [*p.indicators, p.owned]:
        assert ind.get_absolute_url() in page
    # The local indicator measures an outcome the theme leads through its commitment.
    assert p.local[0].get_absolute_url() in page
    assert f"Leads {p.commitment.number}. Healthier lives" in page
    assert "Owns this indicator" in page
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong>' in page
    assert "Illustrative" in page  # the test targets are illustrative
    assert "Improving" in page and "▲" in page
    assert "linear trend of the last 4 points (least squares)" in page.lower()
    assert "Sources of these figures" in page and "Test data" in page
    assert "No data due" in page  # the owned annual indicator in October to December


def test_an_area_board_scorecard_shows_the_borough_for_borough_only_indicators(client, partnership):
    p = partnership
    page = text(get(client, "body", p.board.pk))
    assert p.local[0].get_absolute_url() in page
    assert "Figure for Cheshire West and Chester" not in page  # its own indicator is local
    board_page = text(get(client, "area", p.world.apbs[0].pk))
    assert p.local[0].get_absolute_url() in board_page
    assert p.indicators[0].get_absolute_url() not in board_page


def test_outcome_and_area_scorecards(client, partnership):
    p = partnership
    page = text(get(client, "outcome", p.commitment.pk))
    for ind in [*p.indicators, *p.local]:
        assert ind.get_absolute_url() in page
    assert p.owned.get_absolute_url() not in page
    page = text(get(client, "area", p.world.borough.pk))
    for ind in [*p.indicators, *p.local, p.owned]:
        assert ind.get_absolute_url() in page


def test_exceptions_list_what_is_red_late_or_worsening(client, partnership):
    p = partnership
    worse = p.indicators[1]
    worse.observations.filter(period__code="2009/10 Q3", area=p.world.borough).update(
        value=40, ci_lower=39, ci_upper=41
    )
    page = text(get(client, "exceptions"))
    assert worse.get_absolute_url() in page
    assert "Red against target" in page
    assert "Worsening since the previous period" in page
    assert p.indicators[0].get_absolute_url() not in page
    body_page = text(get(client, "exceptions", query=Q + f"&body={p.theme.pk}"))
    assert "Exceptions: Test Health and Wellbeing" in body_page
    assert worse.get_absolute_url() in body_page


def test_focus_ranks_the_areas_below_the_borough(client, partnership):
    p = partnership
    page = text(get(client, "focus"))
    # Board area 0 (50 ± 2) is significantly worse than the borough (60); area 2 (66) better.
    first, second, third = (page.index(a.name) for a in p.world.apbs)
    assert first < second < third
    assert "Significantly worse than Cheshire West and Chester" in page
    # Each indicator lists its worst areas and links to its own chart of every area.
    ind = p.local[0]
    link = reverse("scorecards:focus-indicator", args=[ind.pk])
    assert link in get(client, "focus").content.decode()
    assert 'role="img"' not in page

    detail = client.get(link + Q)
    assert detail.status_code == 200
    shown = text(detail)
    assert 'role="img"' in detail.content.decode() and "<title" in detail.content.decode()
    assert "The figures in the chart" in shown
    for area in p.world.apbs:
        assert area.name in shown


def test_focus_on_an_indicator_without_figures_below_the_borough_is_not_found(client, partnership):
    borough_only = partnership.indicators[0]
    url = reverse("scorecards:focus-indicator", args=[borough_only.pk]) + Q
    assert client.get(url).status_code == 404
    assert client.get(reverse("scorecards:focus-indicator", args=[999999])).status_code == 404


def test_the_public_sees_final_figures_only(client, partnership):
    p = partnership
    ind = p.indicators[0]
    ind.observations.filter(period__code="2009/10 Q3", breakdown="").update(
        status="provisional", value=99.5
    )
    assert "99.5" not in text(get(client, "body", p.theme.pk))
    client.force_login(ManagerFactory())
    page = text(get(client, "body", p.theme.pk))
    assert "99.5" in page and "Provisional" in page


def test_unpublished_bodies_are_hidden(client, partnership):
    p = partnership
    p.board.is_published = False
    p.board.save()
    assert client.get(reverse("scorecards:body", args=[p.board.pk])).status_code == 404
    assert client.get(reverse("scorecards:body", args=[99999])).status_code == 404
    assert client.get(reverse("scorecards:outcome", args=[99999])).status_code == 404
    assert client.get(reverse("scorecards:area", args=[99999])).status_code == 404


def test_a_wrong_as_of_date_is_an_error_on_the_form(client, partnership):
    page = text(get(client, "body", partnership.theme.pk, query="?as_of=2010-02-30"))
    assert "The date must be a real date" in page
    page = text(get(client, "body", partnership.theme.pk, query="?as_of_0=15&as_of_1=1"))
    assert "There is a problem" in page and "govuk-error-message" in page


@pytest.mark.parametrize(
    "name, arg",
    [("body", "theme"), ("outcome", "commitment"), ("area", "borough"), ("exceptions", None)],
)
def test_xlsx_exports(client, partnership, name, arg):
    p = partnership
    subject = {"theme": p.theme, "commitment": p.commitment, "borough": p.world.borough}.get(
        arg or ""
    )
    args = [subject.pk] if subject else []
    response = get(client, f"{name}-xlsx", *args)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Scorecard", "Sources and notes"]
    cells = [c for row in wb["Scorecard"].iter_rows(values_only=True) for c in row if c]
    if name != "exceptions":
        assert p.indicators[0].code in cells
        assert "Illustrative" in cells
    notes = [c for row in wb["Sources and notes"].iter_rows(values_only=True) for c in row if c]
    assert ("Test data" in notes) == (name != "exceptions")  # no exceptions: no figures
    assert any("least-squares" in str(c) for c in notes)


def test_focus_xlsx(client, partnership):
    response = get(client, "focus-xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    cells = [c for row in wb["Scorecard"].iter_rows(values_only=True) for c in row if c]
    assert "Board area 0" in cells


@pytest.mark.parametrize(
    "name, subject",
    [
        ("index", None),
        ("body", "theme"),
        ("body", "board"),
        ("outcome", "commitment"),
        ("area", "borough"),
        ("exceptions", None),
        ("focus", None),
        ("focus-indicator", "local_indicator"),
    ],
)
def test_pages_make_a_fixed_number_of_queries(client, django_assert_max_num_queries, name, subject):
    small = make_partnership(n_indicators=1, n_local=1)
    special = {"borough": small.world.borough, "local_indicator": small.local[0]}
    args = [(special.get(subject) or getattr(small, subject)).pk] if subject else []
    client.force_login(ManagerFactory())
    url = reverse(f"scorecards:{name}", args=args) + Q
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    # Many more indicators, figures and areas must not cost more queries.
    from accord.scorecards.tests.conftest import add_figures
    from accord.scorecards.tests.factories import make_indicator

    for i in range(4):
        ind = make_indicator(frequency="quarterly", period_kind="financial_quarter")
        ind.outcomes.add(small.outcome)
        add_figures(small.world, ind, seed=i)
        local = make_indicator(
            frequency="quarterly", period_kind="financial_quarter", geography="apb_area"
        )
        local.outcomes.add(small.local_outcome)
        add_figures(small.world, local, with_sub_areas=True, seed=i)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200
    assert len(few) <= 30
