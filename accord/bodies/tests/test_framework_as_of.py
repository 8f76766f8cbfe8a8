"""The framework as of a date, on the example partnership: 2008 shows the county and district
partnerships, 1 April 2009 shows the new LSP and none of the old."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.bodies.selectors import framework_tree
from accord.common.example import load_example

pytestmark = pytest.mark.django_db


def names(nodes):
    out = []
    for n in nodes:
        out.append(n.body.name)
        out.extend(names(n.children))
    return out


@pytest.fixture
def example():
    load_example()


def test_before_reorganisation(example):
    shown = names(framework_tree(user=AnonymousUser(), as_of=dt.date(2008, 6, 1)))
    assert "Communities of Cheshire Partnership" in shown
    assert not any(
        "West Cheshire Together" in n or n.startswith("Cheshire West and Chester Local")
        for n in shown
    )
    # The new LSP's thematic partnerships have no recorded start: they stand with their parent.
    assert not any("Health and Wellbeing" in n for n in shown)


def test_after_reorganisation(example):
    shown = names(framework_tree(user=AnonymousUser(), as_of=dt.date(2009, 4, 1)))
    assert "Communities of Cheshire Partnership" not in shown
    assert any("Health and Wellbeing" in n for n in shown)


def test_undated_bodies_stand_only_with_their_parents():
    import datetime as dt

    from accord.bodies.models import Body
    from accord.common.factories import BodyFactory

    lsp = BodyFactory(established_on=dt.date(2009, 4, 1))
    board = BodyFactory(parent=lsp, established_on=None)
    group = BodyFactory(parent=board, established_on=None)
    old = BodyFactory(established_on=None, ended_on=dt.date(2009, 3, 31))
    old_child = BodyFactory(parent=old, established_on=None, ended_on=dt.date(2009, 3, 31))
    on_2008 = set(Body.objects.as_of(dt.date(2008, 6, 1)))
    on_2010 = set(Body.objects.as_of(dt.date(2010, 6, 1)))
    assert {board, group}.isdisjoint(on_2008) and {old, old_child} <= on_2008
    assert {lsp, board, group} <= on_2010 and {old, old_child}.isdisjoint(on_2010)


def test_the_api_and_the_framework_page_agree(example, client):
    import datetime as dt

    from django.contrib.auth.models import AnonymousUser

    day = dt.date(2008, 6, 1)
    page_names = set(names(framework_tree(user=AnonymousUser(), as_of=day)))
    api = client.get("/api/v1/bodies", {"as_of": day.isoformat(), "page_size": 200}).json()
    assert {b["name"] for b in api["results"]} == page_names
