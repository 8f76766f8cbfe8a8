"""The gap analysis lists each kind of gap, links to its fix, and stops listing it once fixed."""

import pytest
from django.urls import reverse

from accord.bodies.models import BodyKind
from accord.bodies.tests.pagehelpers import queries_for
from accord.common.factories import (
    BodyFactory,
    CommitmentFactory,
    ManagerFactory,
    PersonFactory,
    PriorityFactory,
    ResponsibilityFactory,
    StrategyFactory,
)
from accord.strategies import services
from accord.strategies.models import CommitmentKind
from accord.strategies.selectors import gap_analysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def gappy():
    strategy = StrategyFactory(title="Together we can aim high", status="adopted")
    leader = BodyFactory(name="Health and Wellbeing Partnership", kind=BodyKind.THEMATIC)
    helper = BodyFactory(name="Safer Communities Partnership", kind=BodyKind.THEMATIC)
    idle = BodyFactory(name="Idle Partnership", kind=BodyKind.THEMATIC)
    apb = BodyFactory(name="Ellesmere Port APB", kind=BodyKind.APB)
    whole = CommitmentFactory(strategy=strategy, number="1", title="Fully covered")
    ResponsibilityFactory(commitment=whole, body=leader, role="lead")
    ResponsibilityFactory(commitment=whole, body=helper, role="contributing")
    leaderless = CommitmentFactory(strategy=strategy, number="2", title="Nobody leads me")
    ResponsibilityFactory(commitment=leaderless, body=helper, role="contributing")
    lonely = CommitmentFactory(strategy=strategy, number="3", title="Nobody helps me")
    ResponsibilityFactory(commitment=lonely, body=helper, role="lead")
    unowned = CommitmentFactory(
        strategy=strategy,
        number="1.1",
        parent=whole,
        kind=CommitmentKind.OUTCOME,
        title="Nobody owns me",
    )
    owned = CommitmentFactory(
        strategy=strategy,
        number="1.2",
        parent=whole,
        kind=CommitmentKind.OUTCOME,
        title="Owned outcome",
        lead_officer=PersonFactory(),
    )
    floating = PriorityFactory(title="A priority serving nothing", strategy=strategy)
    linked = PriorityFactory(title="A linked priority", strategy=strategy)
    PriorityFactory(title="An orphan priority")  # set by no strategy, serving nothing
    linked.commitments.add(whole)
    return {
        "strategy": strategy,
        "leader": leader,
        "helper": helper,
        "idle": idle,
        "apb": apb,
        "whole": whole,
        "leaderless": leaderless,
        "lonely": lonely,
        "unowned": unowned,
        "owned": owned,
        "floating": floating,
        "linked": linked,
    }


def section(html: str, slug: str) -> str:
    start = html.index(f'id="{slug}"')
    end = html.find("<h2", start)
    return html[start : end if end > 0 else len(html)]


def test_each_kind_of_gap_is_listed_with_a_link_to_fix_it(client, gappy):
    client.force_login(ManagerFactory())
    html = client.get(reverse("strategies:gaps")).content.decode()
    no_lead = section(html, "no-lead")
    assert "2. Nobody leads me" in no_lead and "Fully covered" not in no_lead
    assert "Choose a lead in the matrix" in no_lead or "See who is responsible" in no_lead
    no_help = section(html, "no-contributors")
    assert "3. Nobody helps me" in no_help and "Fully covered" not in no_help
    idle = section(html, "leading-nothing")
    assert "Idle Partnership" in idle and "Ellesmere Port APB" in idle
    assert "Health and Wellbeing Partnership" not in idle
    unlinked = section(html, "unlinked-priorities")
    assert "A priority serving nothing" in unlinked and "A linked priority" not in unlinked
    assert "An orphan priority" in unlinked
    assert reverse("strategies:priority_edit", args=[gappy["floating"].pk]) in unlinked
    owner = section(html, "no-owner")
    assert "1.1. Nobody owns me" in owner and "Owned outcome" not in owner
    assert reverse("strategies:commitment_edit", args=[gappy["unowned"].pk]) in owner


def test_gaps_stop_being_listed_once_fixed(client, gappy):
    manager = ManagerFactory()
    s = gappy["strategy"]
    services.matrix_apply(
        strategy=s,
        cells={
            (gappy["leaderless"].pk, gappy["idle"].pk): "lead",
            (gappy["lonely"].pk, gappy["leader"].pk): "contributing",
            (gappy["lonely"].pk, gappy["apb"].pk): "contributing",
        },
        by=manager,
    )
    services.priority_update(
        priority=gappy["floating"],
        changes={},
        commitments=[gappy["lonely"]],
        expected_version=None,
        by=manager,
    )
    services.commitment_update(
        commitment=gappy["unowned"],
        changes={"lead_officer": PersonFactory()},
        expected_version=None,
        by=manager,
    )
    gaps = gap_analysis(user=manager, strategy=s)
    assert gaps.no_lead == [] and gaps.no_contributors == []
    assert gaps.priorities_unlinked == [] and gaps.outcomes_without_owner == []
    # The APB contributes but still leads nothing; the idle partnership now leads.
    assert [b.name for b in gaps.bodies_leading_nothing] == ["Ellesmere Port APB"]
    html = client.get(reverse("strategies:gaps"), {"strategy": s.pk}).content.decode()
    assert "Every commitment has a lead body." in html
    assert "Every priority serves at least one commitment." in html
    assert "Every outcome has a delivery owner." in html


def test_strategy_filter_limits_the_gaps(client, gappy):
    other = StrategyFactory(title="Another plan")
    CommitmentFactory(strategy=other, number="1", title="Elsewhere")
    everything = client.get(reverse("strategies:gaps")).content.decode()
    assert "Elsewhere" in everything
    one = client.get(reverse("strategies:gaps"), {"strategy": gappy["strategy"].pk})
    assert "Elsewhere" not in one.content.decode()
    assert client.get(reverse("strategies:gaps"), {"strategy": "999999"}).status_code == 200


def test_gaps_hide_unpublished_strategies(client, gappy):
    secret = StrategyFactory(title="Secret", is_published=False)
    CommitmentFactory(strategy=secret, number="1", title="Secret commitment")
    assert "Secret commitment" not in client.get(reverse("strategies:gaps")).content.decode()


def test_gap_page_queries_do_not_grow(client, gappy):
    few = queries_for(client, reverse("strategies:gaps"))
    for i in range(20):
        CommitmentFactory(strategy=gappy["strategy"], number=f"x{i}")
        PriorityFactory(strategy=gappy["strategy"])
        BodyFactory(kind=BodyKind.THEMATIC)
    assert queries_for(client, reverse("strategies:gaps")) == few
