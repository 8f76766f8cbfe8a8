"""The golden thread's performance sections, on the commitment and body thread pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.common.factories import BodyFactory, CommitmentFactory, ManagerFactory
from accord.scorecards import thread_sections
from accord.scorecards.tests.conftest import add_figures, make_partnership
from accord.scorecards.tests.factories import make_indicator
from accord.strategies import thread

pytestmark = pytest.mark.django_db


def test_the_sections_are_registered_in_place():
    down = [r.name for r in thread.registrations("down")]
    assert down.index("strategies.bodies") < down.index("scorecards.indicators")
    assert down.index("scorecards.indicators") < down.index("strategies.delivery_owner")
    up = [r.name for r in thread.registrations("up")]
    assert up.index("strategies.owned_strategies") < up.index("scorecards.body_scorecard")


def test_a_commitment_shows_its_indicators_targets_and_latest_status(client):
    p = make_partnership()
    html = client.get(reverse("strategies:commitment", args=[p.commitment.pk])).content.decode()
    section = html[html.index('id="indicators"') :]
    for ind in [*p.indicators, *p.local]:
        assert ind.get_absolute_url() in section
    assert p.owned.get_absolute_url() not in section
    assert "2010/11" in section or "2009/10" in section  # the targets
    assert "Illustrative" in section
    # As at today the 2009 figures are long overdue.
    assert '<strong class="govuk-tag govuk-tag--orange">Data late</strong>' in section
    assert reverse("scorecards:outcome", args=[p.commitment.pk]) in section
    # An outcome shows only its own indicators.
    html = client.get(reverse("strategies:commitment", args=[p.outcome.pk])).content.decode()
    assert p.local[0].get_absolute_url() not in html


def test_a_body_shows_its_scorecard_in_brief(client):
    p = make_partnership()
    worse = p.indicators[1]
    worse.observations.filter(period__code="2009/10 Q3", area=p.world.borough).update(
        value=40, ci_lower=39, ci_upper=41
    )
    html = client.get(reverse("strategies:body_thread", args=[p.theme.pk])).content.decode()
    section = html[html.index('id="scorecard"') :]
    assert "4 indicators for Cheshire West and Chester" in section
    assert "Exceptions" in section and worse.get_absolute_url() in section
    assert reverse("scorecards:body", args=[p.theme.pk]) in section


def test_sections_stand_aside_when_nothing_is_measured():
    lone = CommitmentFactory()
    body = BodyFactory()
    user = ManagerFactory()
    with CaptureQueriesContext(connection) as down:
        assert thread_sections.indicators(lone, user) is None
    with CaptureQueriesContext(connection) as up:
        assert thread_sections.scorecard(body, user) is None
    # Up: the body's family, then its (empty) indicators.
    assert len(down) <= 2 and len(up) == 2


def test_sections_make_a_fixed_number_of_queries():
    p = make_partnership(n_indicators=1, n_local=1)
    user = ManagerFactory()

    def count(func, subject) -> int:
        subject = type(subject).objects.get(pk=subject.pk)
        with CaptureQueriesContext(connection) as ctx:
            assert func(subject, user) is not None
        return len(ctx)

    few_down = count(thread_sections.indicators, p.commitment)
    few_up = count(thread_sections.scorecard, p.theme)
    for i in range(5):
        ind = make_indicator(frequency="quarterly", period_kind="financial_quarter")
        ind.outcomes.add(p.outcome)
        add_figures(p.world, ind, seed=i)
    assert count(thread_sections.indicators, p.commitment) == few_down
    assert count(thread_sections.scorecard, p.theme) == few_up
