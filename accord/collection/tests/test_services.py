"""The collection cycle's writes: open a round, submit, send back, resubmit, approve, close."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.collection import services
from accord.collection.models import CollectionRound, Return
from accord.common.services import StaleEditError
from accord.indicators.factories import IndicatorFactory
from accord.observations.models import Observation
from accord.observations.services import observation_record

from .conftest import figure

pytestmark = pytest.mark.django_db
D = dt.date


def open_q3(p, **extra):
    return services.round_open(
        fields={
            "title": "Quarter 3 2009/10",
            "period": "2009/10 Q3",
            "opens_on": D(2010, 1, 4),
            "deadline": D(2010, 1, 15),
            **extra.pop("fields", {}),
        },
        by=p.manager,
        **extra,
    )


def returns_of(rnd):
    return sorted((r.indicator.code, r.area.name) for r in rnd.returns.all())


def test_a_quarter_round_asks_quarterly_indicators_for_the_borough(partnership):
    p = partnership
    rnd = open_q3(p)
    assert rnd.period.code == "2009/10 Q3" and rnd.status == "open"
    assert returns_of(rnd) == [("NI 152", p.borough.name), ("SC 7", p.borough.name)]
    ret = rnd.returns.get(indicator=p.claimants)
    assert ret.lead_officer == p.claimants.lead_officer and ret.status == "due"
    assert ret.created_by == p.manager and ret.history.count() == 1


def test_areas_given_are_asked_only_where_the_indicator_is_published(partnership):
    p = partnership
    rnd = open_q3(p, areas=[p.borough, p.apb])
    assert returns_of(rnd) == [
        ("NI 152", "Cheshire West and Chester"),
        ("SC 7", "Cheshire West and Chester"),
        ("SC 7", "Chester"),
    ]


def test_a_year_round_asks_annual_and_quarterly_and_biennial_in_its_year(partnership):
    p = partnership
    rnd = services.round_open(
        fields={
            "title": "Year end 2009/10",
            "period": "2009/10",
            "opens_on": D(2010, 4, 6),
            "deadline": D(2010, 5, 14),
        },
        by=p.manager,
    )
    # NI 1 was surveyed in 2008/09, so none is due in 2009/10.
    assert [c for c, _ in returns_of(rnd)] == ["NI 152", "NI 154", "SC 7"]
    rnd2 = services.round_open(
        fields={
            "title": "Year end 2010/11",
            "period": "2010/11",
            "opens_on": D(2011, 4, 6),
            "deadline": D(2011, 5, 14),
        },
        by=p.manager,
    )
    assert [c for c, _ in returns_of(rnd2)] == ["NI 1", "NI 152", "NI 154", "SC 7"]


def test_round_rules(partnership):
    p = partnership
    with pytest.raises(ValidationError) as exc:
        open_q3(p, fields={"deadline": D(2010, 1, 1)})
    assert "deadline" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        open_q3(p, fields={"period": "next quarter"})
    assert "period" in exc.value.message_dict
    open_q3(p)
    with pytest.raises(ValidationError) as exc:
        open_q3(p)
    assert "already open" in exc.value.message_dict["period"][0]
    assert CollectionRound.objects.count() == 1


def test_without_a_borough_areas_must_be_given(db):
    from accord.common.factories import ManagerFactory

    with pytest.raises(ValidationError) as exc:
        services.round_open(
            fields={
                "title": "Q3",
                "period": "2009/10 Q3",
                "opens_on": D(2010, 1, 4),
                "deadline": D(2010, 1, 15),
            },
            by=ManagerFactory(),
        )
    assert "areas" in exc.value.message_dict


def submit(ret, value, **kw):
    return services.return_submit(
        ret=ret, value=value, expected_version=kw.pop("version", None), by=kw.pop("by"), **kw
    )


def test_submit_records_a_provisional_figure(partnership):
    p = partnership
    ret = open_q3(p).returns.get(indicator=p.claimants)
    ret = submit(ret, 3.5, commentary="Recession easing", by=p.lead, version=ret.version)
    assert (ret.status, ret.value, ret.submitted_by) == ("submitted", 3.5, p.lead)
    obs = ret.observation
    assert (obs.status, obs.is_locked, obs.value, obs.period.code, obs.commentary) == (
        "provisional",
        False,
        3.5,
        "2009/10 Q3",
        "Recession easing",
    )


@pytest.mark.parametrize(
    ("value", "extra", "field"),
    [
        (None, {}, "value"),
        (104.0, {}, "value"),
        (3.5, {"denominator": 0.0}, "denominator"),
        (3.5, {"numerator": -1.0}, "numerator"),
    ],
)
def test_submit_checks_the_figure(partnership, value, extra, field):
    p = partnership
    ret = open_q3(p).returns.get(indicator=p.claimants)
    with pytest.raises(ValidationError) as exc:
        submit(ret, value, by=p.lead, **extra)
    assert field in exc.value.message_dict
    ret.refresh_from_db()
    assert ret.status == "due" and not Observation.objects.filter(period__code="2009/10 Q3")


def test_an_implausible_change_needs_confirming(partnership):
    p = partnership
    ret = open_q3(p).returns.get(indicator=p.claimants)
    # History 3.1, 3.3, 3.2, 3.4: changes of 0.1–0.2, so up to 0.6 is usual.
    with pytest.raises(ValidationError) as exc:
        submit(ret, 5.0, by=p.lead)
    message = exc.value.message_dict["unusual_change_confirmed"][0]
    assert "1.6 away from 3.4 in 2009/10 Q2" in message and "up to 0.6" in message
    assert submit(ret, 3.9, by=p.lead).status == "submitted"  # within 0.6: no question
    ret = submit(ret, 5.0, unusual_change_confirmed=True, by=p.lead)
    assert ret.unusual_change_confirmed and ret.value == 5.0


def test_send_back_resubmit_approve(partnership):
    p = partnership
    ret = open_q3(p).returns.get(indicator=p.claimants)
    ret = submit(ret, 3.5, by=p.lead)
    first = ret.observation
    with pytest.raises(ValidationError) as exc:
        services.return_send_back(ret=ret, comment=" ", expected_version=None, by=p.manager)
    assert "comment" in exc.value.message_dict
    ret = services.return_send_back(
        ret=ret,
        comment="Use the November DWP release",
        expected_version=ret.version,
        by=p.manager,
    )
    assert (ret.status, ret.manager_comment, ret.decided_by) == (
        "returned",
        "Use the November DWP release",
        p.manager,
    )
    with pytest.raises(ValidationError, match="Only a submitted return"):
        services.return_approve(ret=ret, expected_version=None, by=p.manager)
    ret = submit(ret, 3.6, by=p.lead)
    first.refresh_from_db()
    assert not first.is_current and ret.observation.restates == first
    ret = services.return_approve(ret=ret, expected_version=ret.version, by=p.manager)
    assert ret.status == "approved"
    obs = Observation.objects.get(pk=ret.observation_id)
    assert (obs.status, obs.is_locked, obs.value) == ("final", True, 3.6)
    with pytest.raises(ValidationError, match="cannot be submitted"):
        submit(ret, 3.7, by=p.lead)
    statuses = [h.status for h in ret.history.order_by("history_date")]
    assert statuses == ["due", "submitted", "returned", "submitted", "approved"]


def test_approve_refuses_a_figure_changed_since(partnership):
    p = partnership
    ret = submit(open_q3(p).returns.get(indicator=p.claimants), 3.5, by=p.lead)
    observation_record(
        fields={
            "indicator": p.claimants,
            "period": ret.round.period,
            "area": p.borough,
            "value": 3.45,
        },
        reason="DWP revision",
        by=p.manager,
    )
    with pytest.raises(ValidationError, match="changed after it was submitted"):
        services.return_approve(ret=ret, expected_version=None, by=p.manager)


def test_stale_versions_are_refused(partnership):
    p = partnership
    ret = open_q3(p).returns.get(indicator=p.claimants)
    with pytest.raises(StaleEditError):
        submit(ret, 3.5, by=p.lead, version=ret.version + 1)


def test_resubmitting_over_a_locked_figure_restates_it(partnership):
    """A second round for the same period may correct an approved figure: the locked one is
    kept, restated."""
    p = partnership
    rnd = open_q3(p)
    ret = submit(rnd.returns.get(indicator=p.claimants), 3.5, by=p.lead)
    services.return_approve(ret=ret, expected_version=None, by=p.manager)
    services.round_close(collection_round=rnd, expected_version=rnd.version, by=p.manager)
    again = open_q3(p, fields={"title": "Q3 resubmissions"})
    ret2 = submit(again.returns.get(indicator=p.claimants), 3.55, by=p.lead)
    new = ret2.observation
    assert new.restates_id == ret.observation_id and not new.is_locked


def test_close_round(partnership):
    p = partnership
    rnd = open_q3(p)
    ret = rnd.returns.get(indicator=p.claimants)
    rnd = services.round_close(collection_round=rnd, expected_version=rnd.version, by=p.manager)
    assert rnd.status == "closed"
    with pytest.raises(ValidationError, match="already closed"):
        services.round_close(collection_round=rnd, expected_version=None, by=p.manager)
    with pytest.raises(ValidationError, match="round is closed"):
        submit(ret, 3.5, by=p.lead)


def test_indicators_out_of_use_get_no_returns(partnership):
    p = partnership
    IndicatorFactory(code="NI 300", frequency="quarterly", status="retired")
    assert "NI 300" not in [c for c, _ in returns_of(open_q3(p))]
    assert Return.objects.filter(indicator__code="NI 200").count() == 0


def test_history_for_plausibility_uses_same_kind_of_period(partnership):
    p = partnership
    # An annual figure of a different size must not count as the quarter before.
    figure(p.claimants, p.borough, "2008/09", 12.0)
    ret = open_q3(p).returns.get(indicator=p.claimants)
    assert submit(ret, 3.6, by=p.lead).status == "submitted"
