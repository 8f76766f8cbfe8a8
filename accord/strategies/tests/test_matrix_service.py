"""The responsibility matrix service: exactly one lead, all or nothing, history kept."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accord.common.factories import BodyFactory, CommitmentFactory, StrategyFactory
from accord.strategies.models import Responsibility
from accord.strategies.services import matrix_apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def grid():
    strategy = StrategyFactory()
    c1, c2 = CommitmentFactory(strategy=strategy), CommitmentFactory(strategy=strategy)
    a, b, c = BodyFactory(), BodyFactory(), BodyFactory()
    return strategy, (c1, c2), (a, b, c)


def roles(commitment):
    return {r.body_id: r.role for r in Responsibility.objects.live().filter(commitment=commitment)}


def test_sets_lead_and_contributors(grid):
    strategy, (c1, _), (a, b, _) = grid
    counts = matrix_apply(
        strategy=strategy, cells={(c1.pk, a.pk): "lead", (c1.pk, b.pk): "contributing"}, by=None
    )
    assert counts["added"] == 2
    assert roles(c1) == {a.pk: "lead", b.pk: "contributing"}


def test_two_leads_are_refused_and_nothing_is_saved(grid):
    strategy, (c1, c2), (a, b, _) = grid
    with pytest.raises(ValidationError) as err:
        matrix_apply(
            strategy=strategy,
            cells={(c1.pk, a.pk): "lead", (c1.pk, b.pk): "lead", (c2.pk, a.pk): "lead"},
            by=None,
        )
    assert "exactly one lead" in str(err.value)
    assert f"Commitment {c1.number}" in str(err.value)
    assert not Responsibility.objects.exists()


def test_contributors_without_a_lead_are_refused(grid):
    strategy, (c1, _), (a, _, _) = grid
    with pytest.raises(ValidationError):
        matrix_apply(strategy=strategy, cells={(c1.pk, a.pk): "contributing"}, by=None)


def test_moving_the_lead_keeps_the_earlier_one_in_the_record(grid):
    strategy, (c1, _), (a, b, _) = grid
    matrix_apply(strategy=strategy, cells={(c1.pk, a.pk): "lead"}, by=None)
    before = dt.datetime.now(dt.UTC)
    matrix_apply(
        strategy=strategy, cells={(c1.pk, a.pk): "contributing", (c1.pk, b.pk): "lead"}, by=None
    )
    assert roles(c1) == {a.pk: "contributing", b.pk: "lead"}
    earlier = Responsibility.objects.archived().get(commitment=c1, body=a)
    assert earlier.role == "lead" and earlier.archived_on >= before


def test_replace_clears_cells_not_given(grid):
    strategy, (c1, c2), (a, b, _) = grid
    matrix_apply(strategy=strategy, cells={(c1.pk, a.pk): "lead", (c2.pk, b.pk): "lead"}, by=None)
    matrix_apply(strategy=strategy, cells={(c1.pk, a.pk): "lead"}, by=None, replace=True)
    assert roles(c2) == {}


def test_the_database_refuses_a_second_live_lead(grid):
    _, (c1, _), (a, b, _) = grid
    Responsibility.objects.create(commitment=c1, body=a, role="lead")
    with pytest.raises(IntegrityError), transaction.atomic():
        Responsibility.objects.create(commitment=c1, body=b, role="lead")


def test_unknown_role_is_refused(grid):
    strategy, (c1, _), (a, _, _) = grid
    with pytest.raises(ValidationError):
        matrix_apply(strategy=strategy, cells={(c1.pk, a.pk): "boss"}, by=None)
