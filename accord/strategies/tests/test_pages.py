"""The strategy pages: list, strategy (as of any date), priority, area action plans, and the
create/edit/archive pages of strategies, commitments and priorities."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.areas.tests.helpers import assert_well_formed
from accord.bodies.models import BodyKind
from accord.bodies.tests.pagehelpers import queries_for
from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    CommitmentFactory,
    ManagerFactory,
    PersonFactory,
    PriorityFactory,
    ResponsibilityFactory,
    StrategyFactory,
    UserFactory,
)
from accord.strategies import services
from accord.strategies.models import (
    Commitment,
    CommitmentKind,
    Priority,
    Responsibility,
    Strategy,
    StrategyKind,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


@pytest.fixture
def world():
    """An SCS with two commitments (one with an outcome), a lead and contributor on each, a
    priority serving one, an LAA delivering it, a refresh revising the LAA and an area action
    plan of an area board with its priority action group and steering group."""
    lsp = BodyFactory(name="The LSP", kind=BodyKind.LSP_BOARD)
    health = BodyFactory(
        name="Health and Wellbeing Partnership", kind=BodyKind.THEMATIC, parent=lsp
    )
    safer = BodyFactory(name="Safer Communities Partnership", kind=BodyKind.THEMATIC, parent=lsp)
    scs = StrategyFactory(
        title="Together we can aim high",
        owning_body=lsp,
        status="adopted",
        adopted_by=lsp,
        adopted_on=dt.date(2010, 2, 25),
        vision="Everyone can aim high.",
    )
    laa = StrategyFactory(
        kind=StrategyKind.LAA, title="Local Area Agreement 2008", delivers=scs, short_title="LAA"
    )
    refresh = StrategyFactory(
        kind=StrategyKind.LAA, title="LAA 2009 refresh", delivers=scs, revises=laa
    )
    c7 = CommitmentFactory(strategy=scs, number="7", title="Reducing health inequalities")
    c3 = CommitmentFactory(strategy=scs, number="3", title="Increasing confidence")
    outcome = CommitmentFactory(
        strategy=scs,
        number="7.1",
        parent=c7,
        kind=CommitmentKind.OUTCOME,
        title="Fewer early deaths",
        lead_officer=PersonFactory(name="Pat Officer"),
    )
    ResponsibilityFactory(commitment=c7, body=health, role="lead")
    ResponsibilityFactory(commitment=c7, body=safer, role="contributing")
    ResponsibilityFactory(commitment=c3, body=safer, role="lead")
    ResponsibilityFactory(commitment=c3, body=health, role="contributing")
    priority = PriorityFactory(title="Reduce health inequalities for men", strategy=scs)
    priority.commitments.add(c7)
    area = AreaFactory(name="Chester")
    apb = BodyFactory(name="Chester APB", kind=BodyKind.APB, parent=lsp, area=area)
    steering = BodyFactory(name="Chester APB Steering Group", kind=BodyKind.STEERING, parent=apb)
    group = BodyFactory(name="Chester PAG: Health", kind=BodyKind.PRIORITY_ACTION, parent=steering)
    aap = StrategyFactory(
        kind=StrategyKind.AREA_ACTION_PLAN,
        title="Chester Area Action Plan",
        owning_body=apb,
        area=area,
        delivers=scs,
        status="adopted",
        adopted_by=apb,
        adopted_on=dt.date(2012, 1, 31),
    )
    aap_priority = PriorityFactory(
        title="Enhancing health and well-being", strategy=aap, area=area, action_group=group
    )
    aap_priority.commitments.add(c7)
    return {
        "lsp": lsp,
        "health": health,
        "safer": safer,
        "scs": scs,
        "laa": laa,
        "refresh": refresh,
        "c7": c7,
        "c3": c3,
        "outcome": outcome,
        "priority": priority,
        "apb": apb,
        "steering": steering,
        "group": group,
        "aap": aap,
        "aap_priority": aap_priority,
    }


def page_urls(w) -> list[str]:
    return [
        reverse("strategies:list"),
        reverse("strategies:detail", args=[w["scs"].pk]),
        reverse("strategies:detail", args=[w["scs"].pk]) + "?as_of=2011-01-01",
        reverse("strategies:detail", args=[w["aap"].pk]),
        reverse("strategies:commitment", args=[w["c7"].pk]),
        reverse("strategies:commitment", args=[w["outcome"].pk]),
        reverse("strategies:priority", args=[w["priority"].pk]),
        reverse("strategies:priority", args=[w["aap_priority"].pk]),
        reverse("strategies:body_thread", args=[w["health"].pk]),
        reverse("strategies:body_thread", args=[w["apb"].pk]),
        reverse("strategies:gaps"),
        reverse("strategies:gaps") + f"?strategy={w['scs'].pk}",
        reverse("strategies:area_plans"),
    ]


MANAGER_FORMS = [
    ("strategies:create", None),
    ("strategies:edit", "scs"),
    ("strategies:archive", "scs"),
    ("strategies:commitment_create", "scs"),
    ("strategies:commitment_edit", "c7"),
    ("strategies:commitment_archive", "c7"),
    ("strategies:priority_create", None),
    ("strategies:priority_edit", "priority"),
    ("strategies:priority_archive", "priority"),
]


def test_every_page_renders_for_the_public(client, world):
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        html = assert_well_formed(response)
        assert "Add a strategy" not in html and "Archive</a>" not in html, url


def test_every_page_renders_for_a_manager(client, manager, world):
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_well_formed(response)
    for name, key in MANAGER_FORMS:
        url = reverse(name, args=[world[key].pk]) if key else reverse(name)
        response = client.get(url)
        assert response.status_code == 200, url
        assert_well_formed(response)


def test_forms_are_for_managers_only(client, world):
    for name, key in MANAGER_FORMS:
        url = reverse(name, args=[world[key].pk]) if key else reverse(name)
        assert client.get(url).status_code == 302, url  # to sign in
    client.force_login(UserFactory())
    for name, key in MANAGER_FORMS:
        url = reverse(name, args=[world[key].pk]) if key else reverse(name)
        assert client.get(url).status_code == 403, url


def test_list_groups_by_kind_and_shows_how_strategies_relate(client, world):
    html = client.get(reverse("strategies:list")).content.decode()
    assert "Sustainable community strategies" in html
    assert "Local area agreements" in html and "Area action plans" in html
    assert html.index("Sustainable community strategies") < html.index("Local area agreements")
    assert "Delivered by" in html and "Revises" in html and "Revised by" in html
    assert "for Chester" in html  # the area action plan delivers for its area


def test_unpublished_strategies_are_hidden_from_the_public(client, world):
    secret = StrategyFactory(title="Draft corporate plan", is_published=False)
    CommitmentFactory(strategy=secret, title="A secret commitment")
    world["scs"].delivers = None
    assert "Draft corporate plan" not in client.get(reverse("strategies:list")).content.decode()
    assert client.get(reverse("strategies:detail", args=[secret.pk])).status_code == 404
    commitment = secret.commitments.get()
    assert client.get(reverse("strategies:commitment", args=[commitment.pk])).status_code == 404
    client.force_login(ManagerFactory())
    html = client.get(reverse("strategies:list")).content.decode()
    assert "Draft corporate plan" in html and "Not published" in html
    assert client.get(reverse("strategies:detail", args=[secret.pk])).status_code == 200


def test_strategy_page_shows_the_numbered_tree_with_lead_and_contributors(client, world):
    html = client.get(reverse("strategies:detail", args=[world["scs"].pk])).content.decode()
    assert "Everyone can aim high." in html
    assert "adopted by" in html.lower() and "25 February 2010" in html
    # Ordered by position: commitment 7 (made first) then its outcome then 3.
    assert (
        html.index("7. Reducing health")
        < html.index("7.1. Fewer early")
        < html.index("3. Increasing confidence")
    )
    assert "Delivery owner: Pat Officer" in html
    assert "Health and Wellbeing Partnership" in html and "Safer Communities Partnership" in html
    assert "Reduce health inequalities for men" in html  # its priorities
    assert "LAA 2009 refresh" in html  # delivered by


def _strategy_with(n: int) -> Strategy:
    strategy = StrategyFactory()
    bodies = [BodyFactory(kind=BodyKind.THEMATIC) for _ in range(3)]
    for i in range(n):
        c = CommitmentFactory(strategy=strategy, lead_officer=PersonFactory())
        ResponsibilityFactory(commitment=c, body=bodies[i % 3], role="lead")
        ResponsibilityFactory(commitment=c, body=bodies[(i + 1) % 3], role="contributing")
        CommitmentFactory(strategy=strategy, parent=c, kind=CommitmentKind.OUTCOME)
        p = PriorityFactory(strategy=strategy, action_group=bodies[0])
        p.commitments.add(c)
    return strategy


@pytest.mark.parametrize("as_manager", [False, True])
def test_strategy_page_queries_do_not_grow_with_commitments(
    client, as_manager, django_assert_max_num_queries
):
    if as_manager:
        client.force_login(ManagerFactory())
    small, large = _strategy_with(3), _strategy_with(30)
    for suffix in ("", "?as_of=" + timezone.localdate().isoformat()):
        few = queries_for(client, reverse("strategies:detail", args=[small.pk]) + suffix)
        many = queries_for(client, reverse("strategies:detail", args=[large.pk]) + suffix)
        assert few == many, (suffix, few, many)
    with django_assert_max_num_queries(16):
        client.get(reverse("strategies:detail", args=[large.pk]))


def test_list_and_area_plans_queries_do_not_grow(client, django_assert_max_num_queries):
    for _ in range(3):
        _strategy_with(1)
    few = queries_for(client, reverse("strategies:list"))
    for _ in range(10):
        _strategy_with(1)
    assert queries_for(client, reverse("strategies:list")) == few
    with django_assert_max_num_queries(8):
        client.get(reverse("strategies:area_plans"))


def _backdate(model, pk, when):
    """Pretend a record (and its history) was made on `when`."""
    model.objects.filter(pk=pk).update(created_on=when)
    model.history.filter(id=pk).update(history_date=when)


def test_as_of_shows_the_earlier_text_and_lead_after_the_lead_moved(client, world):
    scs, c7, health, safer = world["scs"], world["c7"], world["health"], world["safer"]
    then = timezone.make_aware(dt.datetime(2010, 6, 1, 12))
    for model, pk in [(Strategy, scs.pk), (Commitment, c7.pk), (Commitment, world["c3"].pk)]:
        _backdate(model, pk, then)
    for r in Responsibility.objects.filter(commitment__strategy=scs):
        _backdate(Responsibility, r.pk, then)
    manager = ManagerFactory()
    services.matrix_apply(
        strategy=scs, cells={(c7.pk, safer.pk): "lead", (c7.pk, health.pk): None}, by=manager
    )
    services.strategy_update(
        strategy=Strategy.objects.get(pk=scs.pk),
        changes={"vision": "A newer vision."},
        expected_version=None,
        by=manager,
    )
    url = reverse("strategies:detail", args=[scs.pk])
    now = client.get(url).content.decode()
    assert "A newer vision." in now

    earlier = client.get(url, {"as_of": "2011-01-01"}).content.decode()
    earlier = earlier.split('id="history"')[0]  # the history below lists every change
    assert "Everyone can aim high." in earlier and "A newer vision." not in earlier
    assert "as it was recorded at the end of 1 January 2011" in earlier
    row = earlier[earlier.index("7. Reducing health") :]
    row = row[: row.index("</tr>")]
    assert "Health and Wellbeing Partnership" in row  # the lead then
    now_row = now[now.index("7. Reducing health") :]
    now_row = now_row[: now_row.index("</tr>")]
    lead_cell = now_row.split("<td")[1]
    assert "Safer Communities Partnership" in lead_cell

    before = client.get(url, {"as_of": "2001-01-01"}).content.decode()
    assert "had not yet been recorded" in before


def test_as_of_with_a_bad_date_shows_today_with_an_error(client, world):
    response = client.get(
        reverse("strategies:detail", args=[world["scs"].pk]), {"as_of": "2011-02-31"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date" in html and "Everyone can aim high." in html


def test_priority_page_shows_its_group_and_steering_group(client, world):
    html = client.get(
        reverse("strategies:priority", args=[world["aap_priority"].pk])
    ).content.decode()
    assert "Chester PAG: Health" in html and "Chester APB Steering Group" in html
    assert "7. Reducing health inequalities" in html


def test_area_action_plans_follow_seed_000(client, world):
    html = client.get(reverse("strategies:area_plans")).content.decode()
    assert "Chester APB" in html and "Chester Area Action Plan" in html
    assert "Enhancing health and well-being" in html
    assert "Chester PAG: Health" in html and "Chester APB Steering Group" in html


def test_body_page_links_to_its_thread(client, world):
    html = client.get(world["health"].get_absolute_url()).content.decode()
    assert reverse("strategies:body_thread", args=[world["health"].pk]) in html


# --- forms ------------------------------------------------------------------------------------


def strategy_data(**overrides) -> dict:
    data = {
        "kind": StrategyKind.CORPORATE_PLAN,
        "title": "Corporate plan 2011-14",
        "short_title": "",
        "owning_body": "",
        "area": "",
        "period_start_0": "1",
        "period_start_1": "4",
        "period_start_2": "2011",
        "period_end_0": "31",
        "period_end_1": "3",
        "period_end_2": "2014",
        "status": "draft",
        "adopted_by": "",
        "adopted_on_0": "",
        "adopted_on_1": "",
        "adopted_on_2": "",
        "delivers": "",
        "revises": "",
        "vision": "",
        "description": "",
        "is_published": "on",
        "source": "",
    }
    data.update(overrides)
    return data


def test_manager_creates_edits_and_archives_a_strategy(client, manager, world):
    response = client.post(reverse("strategies:create"), strategy_data())
    assert response.status_code == 302
    plan = Strategy.objects.get(title="Corporate plan 2011-14")
    assert plan.period_start == dt.date(2011, 4, 1) and plan.created_by == manager

    response = client.post(
        reverse("strategies:edit", args=[plan.pk]),
        strategy_data(delivers=world["scs"].pk, version=plan.version),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.delivers == world["scs"]

    response = client.post(
        reverse("strategies:archive", args=[plan.pk]),
        {"reason": "Recorded twice", "version": plan.version},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_archived
    assert "Corporate plan 2011-14" not in client.get(reverse("strategies:list")).content.decode()


def test_strategy_form_shows_rule_errors(client, manager):
    response = client.post(reverse("strategies:create"), strategy_data(status="adopted"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter the date it was adopted." in html and "govuk-error-summary" in html


def commitment_data(**overrides) -> dict:
    data = {
        "parent": "",
        "kind": CommitmentKind.COMMITMENT,
        "number": "16",
        "title": "A new commitment",
        "description": "",
        "theme": "",
        "lead_officer": "",
        "position": "",
        "source": "",
    }
    data.update(overrides)
    return data


def test_manager_adds_an_outcome_under_a_commitment(client, manager, world):
    c3 = world["c3"]
    url = reverse("strategies:commitment_create", args=[world["scs"].pk])
    form = client.get(url, {"parent": c3.pk}).content.decode()
    assert "Add an outcome under 3" in form
    response = client.post(
        url + f"?parent={c3.pk}",
        commitment_data(parent=c3.pk, kind=CommitmentKind.OUTCOME, number="3.1", title="Safer"),
    )
    assert response.status_code == 302
    outcome = Commitment.objects.get(number="3.1")
    assert outcome.parent == c3 and outcome.strategy == world["scs"]
    html = client.get(reverse("strategies:commitment", args=[c3.pk])).content.decode()
    assert "3.1. Safer" in html


def test_commitment_number_must_be_unique_in_its_strategy(client, manager, world):
    url = reverse("strategies:commitment_create", args=[world["scs"].pk])
    response = client.post(url, commitment_data(number="7"))
    assert response.status_code == 422
    assert "already used" in response.content.decode()


def test_manager_edits_a_commitment_to_name_its_delivery_owner(client, manager, world):
    person = PersonFactory(name="Dana Owner")
    c3 = world["c3"]
    response = client.post(
        reverse("strategies:commitment_edit", args=[c3.pk]),
        commitment_data(
            number="3",
            title=c3.title,
            lead_officer=person.pk,
            position=c3.position,
            version=c3.version,
        ),
    )
    assert response.status_code == 302
    c3.refresh_from_db()
    assert c3.lead_officer == person


def priority_data(**overrides) -> dict:
    data = {
        "title": "Work with older people",
        "description": "",
        "strategy": "",
        "area": "",
        "action_group": "",
        "valid_from_0": "1",
        "valid_from_1": "4",
        "valid_from_2": "2011",
        "valid_to_0": "",
        "valid_to_1": "",
        "valid_to_2": "",
        "position": "",
        "source": "",
    }
    data.update(overrides)
    return data


def test_manager_creates_and_edits_a_priority_with_its_commitments(client, manager, world):
    response = client.post(
        reverse("strategies:priority_create") + f"?strategy={world['scs'].pk}",
        priority_data(strategy=world["scs"].pk, commitments=[world["c3"].pk]),
    )
    assert response.status_code == 302
    priority = Priority.objects.get(title="Work with older people")
    assert list(priority.commitments.all()) == [world["c3"]]

    response = client.post(
        reverse("strategies:priority_edit", args=[priority.pk]),
        priority_data(
            strategy=world["scs"].pk,
            commitments=[world["c7"].pk, world["outcome"].pk],
            action_group=world["group"].pk,
            version=priority.version,
        ),
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert set(priority.commitments.all()) == {world["c7"], world["outcome"]}
    assert priority.action_group == world["group"]
    form = client.get(reverse("strategies:priority_edit", args=[priority.pk])).content.decode()
    assert f'value="{world["c7"].pk}" checked' in form


def test_priority_form_with_errors(client, manager):
    response = client.post(
        reverse("strategies:priority_create"), priority_data(title="", valid_from_0="40")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "govuk-error-summary" in html and "real date" in html


def test_stale_priority_edit_is_turned_away(client, manager, world):
    priority = world["priority"]
    services.priority_update(
        priority=priority, changes={"title": "Changed elsewhere"}, expected_version=None, by=None
    )
    response = client.post(
        reverse("strategies:priority_edit", args=[priority.pk]),
        priority_data(title="Mine", version=1, commitments=[world["c7"].pk]),
    )
    assert response.status_code == 409
    priority.refresh_from_db()
    assert priority.title == "Changed elsewhere"
