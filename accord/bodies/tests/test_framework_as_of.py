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
