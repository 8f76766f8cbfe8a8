"""axe (WCAG 2.2 A and AA) on every strategy page type: the list, a strategy (today and as of a
date), a commitment's golden thread, a body's thread, the gap analysis, area action plans, and
the strategy, commitment and priority forms, with and without errors. Zero violations."""

import datetime as dt

import pytest

from accord.bodies.models import Body, BodyKind
from accord.common.factories import CommitmentFactory, PersonFactory, StrategyFactory
from accord.strategies import services
from accord.strategies.models import CommitmentKind, StrategyKind
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def strategy_data(page):
    """A strategy of the kind the example partnership will hold, made through the services."""
    lsp = Body.objects.get(name="Cheshire West and Chester Local Strategic Partnership")
    thematic = list(Body.objects.filter(kind=BodyKind.THEMATIC).order_by("name")[:3])
    scs = StrategyFactory(
        title="Axe test strategy",
        owning_body=lsp,
        status="adopted",
        adopted_by=lsp,
        adopted_on=dt.date(2010, 2, 25),
        vision="A test vision.",
    )
    StrategyFactory(kind=StrategyKind.LAA, title="Axe test LAA", delivers=scs)
    commitments = [
        CommitmentFactory(strategy=scs, number=str(i), title=f"Axe commitment {i}")
        for i in range(1, 4)
    ]
    outcome = CommitmentFactory(
        strategy=scs,
        parent=commitments[0],
        number="1.1",
        kind=CommitmentKind.OUTCOME,
        title="Axe outcome",
        lead_officer=PersonFactory(name="Axe Officer"),
    )
    services.matrix_apply(
        strategy=scs,
        cells={
            (commitments[0].pk, thematic[0].pk): "lead",
            (commitments[0].pk, thematic[1].pk): "contributing",
            (commitments[1].pk, thematic[1].pk): "lead",
        },
        by=None,
    )
    apb = Body.objects.filter(kind=BodyKind.APB).order_by("name").first()
    group = Body.objects.filter(kind=BodyKind.PRIORITY_ACTION).order_by("name").first()
    aap = StrategyFactory(
        kind=StrategyKind.AREA_ACTION_PLAN,
        title="Axe area action plan",
        owning_body=apb,
        area=apb.area,
        delivers=scs,
    )
    priority = services.priority_create(
        fields={"title": "Axe priority", "strategy": aap, "action_group": group},
        commitments=[commitments[0]],
        by=None,
    )
    services.priority_create(fields={"title": "Axe floating priority"}, by=None)
    return {
        "scs": scs.pk,
        "c1": commitments[0].pk,
        "outcome": outcome.pk,
        "body": thematic[0].pk,
        "group": group.pk,
        "apb": apb.pk,
        "priority": priority.pk,
    }


PUBLIC = [
    "/strategy/",
    "/strategy/{scs}/",
    "/strategy/{scs}/?as_of=2001-01-01",
    "/strategy/{scs}/?as_of=not-a-date",
    "/strategy/commitments/{c1}/",
    "/strategy/commitments/{outcome}/",
    "/strategy/bodies/{body}/",
    "/strategy/bodies/{group}/",
    "/strategy/bodies/{apb}/",
    "/strategy/priorities/{priority}/",
    "/strategy/gaps/",
    "/strategy/gaps/?strategy={scs}",
    "/strategy/area-action-plans/",
]

FORMS = [
    "/strategy/add/",
    "/strategy/{scs}/change/",
    "/strategy/{scs}/archive/",
    "/strategy/{scs}/commitments/add/",
    "/strategy/{scs}/commitments/add/?parent={c1}",
    "/strategy/commitments/{c1}/change/",
    "/strategy/commitments/{c1}/archive/",
    "/strategy/priorities/add/?strategy={scs}",
    "/strategy/priorities/{priority}/change/",
    "/strategy/priorities/{priority}/archive/",
]

EMPTY_SUBMITS = [
    "/strategy/add/",
    "/strategy/{scs}/commitments/add/",
    "/strategy/priorities/add/",
]


def test_strategy_pages_for_the_public(page, axe, strategy_data):
    for url in PUBLIC:
        response = page.goto(url.format(**strategy_data))
        assert response.status == 200, url
        axe(page, url)


def test_strategy_pages_and_forms_for_a_manager(page, axe, strategy_data):
    sign_in(page, "manager")
    for url in PUBLIC + FORMS:
        response = page.goto(url.format(**strategy_data))
        assert response.status == 200, f"{url} answered {response.status}"
        axe(page, url)


def test_strategy_forms_with_errors(page, axe, strategy_data):
    sign_in(page, "manager")
    for url in EMPTY_SUBMITS:
        page.goto(url.format(**strategy_data))
        form = page.locator("main form[method=post]").last
        form.evaluate(
            "f => f.querySelectorAll('input[type=text], textarea').forEach(i => i.value = '')"
        )
        form.locator("button[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1, f"no error summary on {url}"
        axe(page, f"{url} with errors")


def test_a_manager_adds_an_outcome_and_follows_the_thread(page, strategy_data):
    sign_in(page, "manager")
    page.goto(f"/strategy/commitments/{strategy_data['c1']}/")
    page.get_by_role("link", name="Add an outcome").first.click()
    page.get_by_label("Number").fill("1.2")
    page.get_by_label("Title").fill("Axe second outcome")
    page.get_by_role("button", name="Add outcome").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "1.2. Axe second outcome"
    page.get_by_role("link", name="Axe test strategy").first.click()
    assert page.get_by_role("link", name="1.2. Axe second outcome").count() == 1
