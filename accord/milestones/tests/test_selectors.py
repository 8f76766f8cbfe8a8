"""Overdue and coming-up lists, progress counts, visibility, and fixed query counts."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.common.factories import (
    BodyFactory,
    ManagerFactory,
    MilestoneFactory,
    ProgrammeFactory,
    StrategyFactory,
)
from accord.milestones import selectors

pytestmark = pytest.mark.django_db
D = dt.date
ON = D(2009, 3, 1)
PUBLIC = AnonymousUser()


def test_overdue_is_open_and_past_due_across_programmes():
    a, b = ProgrammeFactory(), ProgrammeFactory()
    late = MilestoneFactory(programme=a, due_on=D(2009, 2, 27), status="planned")
    later = MilestoneFactory(programme=b, due_on=D(2009, 1, 30), status="in_progress")
    MilestoneFactory(programme=a, due_on=D(2009, 2, 1), status="done", completed_on=D(2009, 2, 1))
    MilestoneFactory(programme=a, due_on=D(2009, 2, 1), status="cancelled")
    MilestoneFactory(programme=a, due_on=ON, status="planned")  # due today: not overdue
    MilestoneFactory(
        programme=a, due_on=D(2009, 2, 1), archived_on="2009-02-02T00:00Z", archive_reason="x"
    )
    assert selectors.overdue(user=PUBLIC, on=ON) == [later, late]


def test_coming_up_is_the_next_six_weeks_or_a_chosen_window():
    p = ProgrammeFactory()
    today = MilestoneFactory(programme=p, due_on=ON)
    in_six = MilestoneFactory(programme=p, due_on=ON + dt.timedelta(days=42))
    beyond = MilestoneFactory(programme=p, due_on=ON + dt.timedelta(days=43))
    MilestoneFactory(programme=p, due_on=ON + dt.timedelta(days=3), status="done", completed_on=ON)
    MilestoneFactory(programme=p, due_on=ON - dt.timedelta(days=1))
    assert selectors.coming_up(user=PUBLIC, on=ON) == [today, in_six]
    assert selectors.coming_up(user=PUBLIC, on=ON, days=91) == [today, in_six, beyond]
    assert selectors.coming_up(user=PUBLIC, on=ON, days=14) == [today]


def test_today_comes_from_the_shared_clock(monkeypatch):
    m = MilestoneFactory(due_on=D(2009, 3, 2))
    monkeypatch.setattr("accord.common.querysets.today", lambda: D(2009, 3, 3))
    assert selectors.overdue(user=PUBLIC) == [m]
    monkeypatch.setattr("accord.common.querysets.today", lambda: D(2009, 3, 1))
    assert selectors.overdue(user=PUBLIC) == []
    assert selectors.coming_up(user=PUBLIC) == [m]


def test_progress_counts_done_open_and_overdue():
    p = ProgrammeFactory(title="LAA 2009 refresh")
    MilestoneFactory(programme=p, due_on=D(2009, 1, 30), status="done", completed_on=D(2009, 1, 30))
    MilestoneFactory(programme=p, due_on=D(2009, 2, 28), status="planned")
    MilestoneFactory(programme=p, due_on=D(2009, 3, 26), status="planned")
    MilestoneFactory(programme=p, due_on=D(2009, 3, 9), status="missed")
    MilestoneFactory(
        programme=p, due_on=D(2009, 1, 1), archived_on="2009-02-02T00:00Z", archive_reason="x"
    )
    ProgrammeFactory(title="Empty")
    rows = selectors.programme_progress(user=PUBLIC, on=ON)
    assert [r.programme.title for r in rows] == ["Empty", "LAA 2009 refresh"]
    laa = rows[1]
    assert (laa.total, laa.done, laa.open, laa.overdue, laa.other) == (4, 1, 2, 1, 1)
    assert (rows[0].total, rows[0].overdue) == (0, 0)


def test_the_public_sees_no_programme_of_an_unpublished_strategy():
    hidden = ProgrammeFactory(strategy=StrategyFactory(is_published=False))
    shown = ProgrammeFactory(strategy=StrategyFactory(is_published=True))
    MilestoneFactory(programme=hidden, due_on=D(2009, 1, 1))
    m = MilestoneFactory(programme=shown, due_on=D(2009, 1, 1))
    assert selectors.overdue(user=PUBLIC, on=ON) == [m]
    assert [r.programme for r in selectors.programme_progress(user=PUBLIC, on=ON)] == [shown]
    assert len(selectors.overdue(user=ManagerFactory(), on=ON)) == 2
    assert selectors.feed_milestones() == [m]


def _fill(n: int) -> None:
    body = BodyFactory()
    for _ in range(3):
        p = ProgrammeFactory(owning_body=body, strategy=StrategyFactory())
        for j in range(n):
            MilestoneFactory(
                programme=p,
                owner_body=body,
                due_on=ON + dt.timedelta(days=(j % 20) - 10),
                precision="day",
            )


@pytest.mark.parametrize("n", [1, 10])
def test_each_selector_makes_one_query_however_many_milestones(n, django_assert_num_queries):
    _fill(n)
    seen: list = []
    with django_assert_num_queries(1):
        rows = selectors.programme_progress(user=PUBLIC, on=ON)
        seen += [(str(r.programme.owning_body), str(r.programme.strategy)) for r in rows]
    with django_assert_num_queries(1):
        seen += [(m.programme.title, m.owners) for m in selectors.overdue(user=PUBLIC, on=ON)]
    with django_assert_num_queries(1):
        seen += [(m.programme.title, m.owners) for m in selectors.coming_up(user=PUBLIC, on=ON)]
    with django_assert_num_queries(1):
        seen += [(m.programme.title, m.owners) for m in selectors.feed_milestones()]
    assert len(seen) == 3 + 3 * n + 3 * n  # programmes, overdue (all past), feed
