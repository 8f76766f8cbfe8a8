"""My returns, round counts and late returns, each in a fixed number of queries."""

import datetime as dt

import pytest

from accord.collection import selectors, services
from accord.collection.factories import CollectionRoundFactory, ReturnFactory
from accord.common.factories import UserFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def rnd(partnership):
    return services.round_open(
        fields={
            "title": "Quarter 3 2009/10",
            "period": "2009/10 Q3",
            "opens_on": D(2010, 1, 4),
            "deadline": D(2010, 1, 15),
        },
        by=partnership.manager,
    )


def test_my_returns_flags_overdue_and_puts_sent_back_first(partnership, rnd):
    p = partnership
    claimants = rnd.returns.get(indicator=p.claimants)
    services.return_submit(ret=claimants, value=3.5, expected_version=None, by=p.lead)
    services.return_send_back(ret=claimants, comment="Check", expected_version=None, by=p.manager)
    ReturnFactory()  # someone else's
    mine = selectors.my_returns(p.lead, today=D(2010, 1, 16))
    assert [(r.indicator.code, r.status, r.is_overdue) for r in mine] == [
        ("NI 152", "returned", True),
        ("SC 7", "due", True),
    ]
    assert all(not r.is_overdue for r in selectors.my_returns(p.lead, today=D(2010, 1, 15)))
    assert selectors.my_returns(UserFactory(), today=D(2010, 1, 16)) == []


def test_closed_rounds_leave_my_returns(partnership, rnd):
    p = partnership
    services.round_close(collection_round=rnd, expected_version=None, by=p.manager)
    assert selectors.my_returns(p.lead, today=D(2010, 1, 16)) == []


def test_counts_and_late_returns(partnership, rnd, django_assert_num_queries):
    p = partnership
    services.return_submit(
        ret=rnd.returns.get(indicator=p.claimants), value=3.5, expected_version=None, by=p.lead
    )
    early = CollectionRoundFactory(
        title="Quarter 2", deadline=D(2009, 10, 15), opens_on=D(2009, 10, 1)
    )
    ReturnFactory(round=early, status="approved")
    with django_assert_num_queries(1):
        rounds = selectors.rounds_with_counts(today=D(2010, 1, 20))
        got = [(r.title, r.n_total, r.n_due, r.n_submitted, r.n_approved, r.n_late) for r in rounds]
    assert got == [("Quarter 3 2009/10", 2, 1, 1, 0, 1), ("Quarter 2", 1, 0, 0, 1, 0)]
    with django_assert_num_queries(1):
        late = selectors.late_returns(today=D(2010, 1, 20))
        assert [(r.indicator.code, r.round.title, str(r.lead_officer)) for r in late] == [
            ("SC 7", "Quarter 3 2009/10", "Tim Jackson")
        ]
    assert selectors.late_returns(today=D(2010, 1, 15)) == []
    with django_assert_num_queries(2):
        detail = selectors.round_detail(rnd.pk, today=D(2010, 1, 20))
        assert detail.counts == {"due": 1, "submitted": 1, "returned": 0, "approved": 0}
        assert [r.indicator.code for r in detail.late] == ["SC 7"]


def test_plausibility_reads_the_same_kind_of_period(partnership, rnd):
    p = partnership
    check = selectors.plausibility(indicator=p.claimants, area_id=p.borough.pk, period=rnd.period)
    assert (check.previous, check.previous_period) == (3.4, "2009/10 Q2")
    assert [o.period.code for o in check.history] == [
        "2008/09 Q3",
        "2008/09 Q4",
        "2009/10 Q1",
        "2009/10 Q2",
    ]
    assert check.implausible(5.0) and not check.implausible(3.9)
