"""{% indicator_performance %}: the trend and areas charts, each with its table of figures."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accord.common.factories import ManagerFactory
from accord.scorecards.tests.conftest import QUARTERS, make_partnership
from accord.scorecards.tests.factories import make_indicator, observe, target

pytestmark = pytest.mark.django_db
TEMPLATE = Template("{% load scorecards %}{% indicator_performance indicator %}")


def render(indicator, user=None) -> str:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return TEMPLATE.render(Context({"indicator": indicator, "request": request}))


def test_trend_and_areas_with_their_tables():
    p = make_partnership(n_indicators=0, n_local=1)
    html = render(p.local[0])
    assert "Performance in Cheshire West and Chester" in html
    assert html.count('role="img"') == 3  # trend, areas within, similar areas
    assert "The figures in the chart: T" in html
    for period in QUARTERS:
        assert f'<th scope="row" class="govuk-table__header">{period}</th>' in html
    assert "2010/11" in html  # the final target's period is on the trend
    assert "Illustrative" in html
    assert "Areas within Cheshire West and Chester against it" in html
    assert "Similar areas against England" in html
    assert "Board area 0" in html and "Neighbour 0" in html
    assert "Source: Test data." in html
    assert "62.0" in html  # England


def test_public_readers_see_final_figures_only():
    p = make_partnership(n_indicators=1, n_local=0)
    ind = p.indicators[0]
    ind.observations.filter(period__code=QUARTERS[-1], area=p.world.borough).update(
        status="provisional", value=77.7
    )
    assert "77.7" not in render(ind)
    assert "77.7" in render(ind, ManagerFactory())


def test_without_figures():
    p = make_partnership(n_indicators=0, n_local=0)
    html = render(make_indicator())
    assert "There are no figures or targets for Cheshire West and Chester yet." in html
    assert p.world.borough.name in html


def test_a_fixed_number_of_queries():
    p = make_partnership(n_indicators=1, n_local=1)
    ind = p.local[0]
    with CaptureQueriesContext(connection) as few:
        render(ind)
    for i, period in enumerate(["2007/08 Q1", "2007/08 Q2", "2007/08 Q3", "2007/08 Q4"]):
        observe(ind, p.world.borough, period, 50 + i)
        observe(ind, p.world.england, period, 55)
        target(ind, p.world.borough, period, 60)
    for area in p.world.apbs + p.world.neighbours:
        observe(ind, area, "2009/10 Q2", 40)
    with CaptureQueriesContext(connection) as many:
        render(ind)
    assert len(many) == len(few) <= 20
