"""The golden thread: the registry, the sections this issue registers, and the two pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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
from accord.strategies import thread
from accord.strategies.models import CommitmentKind
from accord.strategies.selectors import commitment_detail
from accord.strategies.tests.test_pages import world  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


# --- the registry -----------------------------------------------------------------------------


def test_registry_holds_the_sections_in_order():
    down = [r.name for r in thread.registrations("down")]
    assert down == [
        "strategies.outcomes",
        "strategies.priorities",
        "strategies.bodies",
        "scorecards.indicators",
        "strategies.delivery_owner",
    ]
    up = [r.name for r in thread.registrations("up")]
    assert up[:2] == ["strategies.reporting_line", "strategies.commitments"]


def test_registry_rejects_an_unknown_direction():
    with pytest.raises(ValueError):
        thread.thread_section(direction="sideways", order=1)


def test_a_new_section_plugs_in_without_changing_the_page(client, world):  # noqa: F811
    seen = []

    def indicators(commitment, user):
        seen.append(commitment.pk)
        return thread.ThreadSection(
            "Indicators", "strategies/thread/_test_section.html", {"message": "NI 120 mortality"}
        )

    url = reverse("strategies:commitment", args=[world["c7"].pk])
    with thread.temporary_section(indicators, direction="down", order=35) as key:
        assert key in {r.name for r in thread.registrations("down")}
        html = client.get(url).content.decode()
        assert seen == [world["c7"].pk]
        assert 'id="indicators"' in html and "NI 120 mortality" in html
        # In order: after the bodies (30), before the delivery owner (40).
        assert html.index('id="bodies"') < html.index('id="indicators"')
        assert html.index('id="indicators"') < html.index('id="delivery-owner"')
    assert 'id="indicators"' not in client.get(url).content.decode()


def test_a_section_may_leave_itself_out(client, world):  # noqa: F811
    def nothing(body, user):
        return None

    with thread.temporary_section(nothing, direction="up", order=5):
        names = [s.title for s in thread.sections_for("up", world["group"], ManagerFactory())]
    assert "Where it sits" in names


def test_a_decorated_section_registers_under_its_name():
    @thread.thread_section(direction="up", order=99, name="tests.resources")
    def resources(body, user):
        return None

    try:
        assert "tests.resources" in {r.name for r in thread.registrations("up")}
    finally:
        thread.unregister("tests.resources")
    assert "tests.resources" not in {r.name for r in thread.registrations("up")}


# --- walking down -----------------------------------------------------------------------------


def test_commitment_thread_walks_down(client, world):  # noqa: F811
    html = client.get(reverse("strategies:commitment", args=[world["c7"].pk])).content.decode()
    assert "7.1. Fewer early deaths" in html  # outcome
    assert "Pat Officer" in html  # its delivery owner
    assert "Reduce health inequalities for men" in html  # priority serving it
    assert "Enhancing health and well-being" in html  # the area plan's priority
    assert "Chester PAG: Health" in html and "reporting to Chester APB Steering Group" in html
    lead = html[html.index(">Lead<") : html.index(">Contributing<")]
    assert "Health and Wellbeing Partnership" in lead and "reports to The LSP" in lead
    assert "Safer Communities Partnership" in html[html.index(">Contributing<") :]
    # Breadcrumbs up to the strategy.
    crumbs = html[html.index('class="govuk-breadcrumbs') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert "Together we can aim high" in crumbs


def test_outcome_thread_shows_breadcrumbs_and_inherited_bodies(client, world):  # noqa: F811
    url = reverse("strategies:commitment", args=[world["outcome"].pk])
    html = client.get(url).content.decode()
    crumbs = html[html.index('class="govuk-breadcrumbs') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert "Together we can aim high" in crumbs and "7. Reducing health inequalities" in crumbs
    assert "as lead for commitment 7" in html
    assert "Pat Officer" in html


def _thread_with(n: int):
    strategy = StrategyFactory()
    top = CommitmentFactory(strategy=strategy, lead_officer=PersonFactory())
    lsp = BodyFactory(kind=BodyKind.LSP_BOARD)
    for i in range(n):
        body = BodyFactory(kind=BodyKind.THEMATIC, parent=lsp)
        ResponsibilityFactory(commitment=top, body=body, role="lead" if i == 0 else "contributing")
        out = CommitmentFactory(
            strategy=strategy, parent=top, kind=CommitmentKind.OUTCOME, lead_officer=PersonFactory()
        )
        CommitmentFactory(strategy=strategy, parent=out, kind=CommitmentKind.SUB_OUTCOME)
        group = BodyFactory(kind=BodyKind.PRIORITY_ACTION, parent=body)
        p = PriorityFactory(strategy=strategy, action_group=group)
        p.commitments.add(top if i % 2 else out)
    return top, lsp


@pytest.mark.parametrize("as_manager", [False, True])
def test_golden_thread_pages_make_a_fixed_number_of_queries(
    client, as_manager, django_assert_max_num_queries
):
    if as_manager:
        client.force_login(ManagerFactory())
    small, small_lsp = _thread_with(3)
    large, large_lsp = _thread_with(30)
    few = queries_for(client, reverse("strategies:commitment", args=[small.pk]))
    many = queries_for(client, reverse("strategies:commitment", args=[large.pk]))
    assert few == many
    few = queries_for(client, reverse("strategies:body_thread", args=[small_lsp.pk]))
    many = queries_for(client, reverse("strategies:body_thread", args=[large_lsp.pk]))
    assert few == many
    with django_assert_max_num_queries(14):
        client.get(reverse("strategies:commitment", args=[large.pk]))
    with django_assert_max_num_queries(10):
        client.get(reverse("strategies:body_thread", args=[large_lsp.pk]))


# Queries each section makes on its own (the shared outline or family is fetched by the first).
SECTION_QUERIES = {
    "strategies.outcomes": 1,  # the strategy's outline (shared with the rest)
    "strategies.priorities": 1,
    "strategies.bodies": 1,
    "strategies.delivery_owner": 0,
    "strategies.reporting_line": 1,  # the visible bodies (shared with the rest)
    "strategies.commitments": 1,
    "strategies.body_priorities": 2,
    "strategies.owned_strategies": 1,
}


@pytest.mark.parametrize("n", [3, 30])
def test_each_section_makes_a_fixed_number_of_queries(n):
    top, lsp = _thread_with(n)
    user = ManagerFactory()
    user.has_perm("strategies.change_commitment")  # permission checks make no queries
    commitment = commitment_detail(pk=top.pk, user=user)
    for direction, subject in (("down", commitment), ("up", lsp)):
        for reg in thread.registrations(direction):
            if reg.name not in SECTION_QUERIES:
                continue
            with CaptureQueriesContext(connection) as ctx:
                reg.func(subject, user)
            assert len(ctx.captured_queries) == SECTION_QUERIES[reg.name], reg.name


# --- walking up -------------------------------------------------------------------------------


def test_body_thread_walks_up_from_a_priority_action_group(client, world):  # noqa: F811
    html = client.get(reverse("strategies:body_thread", args=[world["group"].pk])).content.decode()
    assert "Chester APB Steering Group" in html and "Chester APB" in html  # reporting line
    assert "Enhancing health and well-being" in html  # its priority
    assert "7. Reducing health inequalities" in html  # → the commitment it serves
    assert "Together we can aim high" in html


def test_body_thread_of_an_area_board_reaches_through_its_sub_bodies(client, world):  # noqa: F811
    html = client.get(reverse("strategies:body_thread", args=[world["apb"].pk])).content.decode()
    assert "Chester PAG: Health" in html
    assert "Enhancing health and well-being" in html and "7. Reducing health" in html
    assert "Chester Area Action Plan" in html  # the strategy it owns


def test_body_thread_of_a_thematic_partnership_lists_its_commitments(client, world):  # noqa: F811
    html = client.get(reverse("strategies:body_thread", args=[world["health"].pk])).content.decode()
    section = html[html.index('id="commitments"') :]
    assert "7. Reducing health inequalities" in section and "3. Increasing confidence" in section
    assert "Lead" in section and "Contributing" in section
    assert "Together we can aim high" in section


def test_body_thread_hides_unpublished_bodies_and_strategies(client, world):  # noqa: F811
    hidden = BodyFactory(name="Hidden group", is_published=False)
    assert client.get(reverse("strategies:body_thread", args=[hidden.pk])).status_code == 404
    secret = StrategyFactory(title="Secret plan", is_published=False)
    ResponsibilityFactory(
        commitment=CommitmentFactory(strategy=secret), body=world["health"], role="lead"
    )
    html = client.get(reverse("strategies:body_thread", args=[world["health"].pk])).content.decode()
    assert "Secret plan" not in html


@pytest.mark.django_db
def test_priorities_of_unpublished_strategies_stay_off_the_public_thread(client):
    from accord.common.factories import CommitmentFactory, PriorityFactory, StrategyFactory

    public = CommitmentFactory(strategy=StrategyFactory(is_published=True))
    secret_plan = StrategyFactory(title="Secret corporate plan", is_published=False)
    secret = PriorityFactory(title="Secret priority", strategy=secret_plan)
    secret.commitments.add(public)
    html = client.get(public.get_absolute_url()).content.decode()
    assert "Secret priority" not in html and "Secret corporate plan" not in html
    html = client.get(public.strategy.get_absolute_url()).content.decode()
    assert "Secret priority" not in html
