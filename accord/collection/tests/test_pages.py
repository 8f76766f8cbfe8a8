"""The collection pages: My returns, the submit form with its plausibility question, a return
with the manager's forms, the rounds and the open-round form."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, queries_for
from accord.collection import services
from accord.collection.models import CollectionRound, Return
from accord.common.factories import MembershipFactory, PersonFactory, UserFactory
from accord.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2010, 1, 18)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("accord.common.querysets.today", lambda: TODAY)


@pytest.fixture
def rnd(partnership):
    return services.round_open(
        fields={
            "title": "Quarter 3 2009/10",
            "period": "2009/10 Q3",
            "opens_on": D(2010, 1, 4),
            "deadline": D(2010, 1, 15),
            "instructions": "Use the figures published by 12 January.",
        },
        by=partnership.manager,
    )


def claimants_return(p, rnd) -> Return:
    return rnd.returns.get(indicator=p.claimants)


def test_my_returns_says_what_is_due_and_overdue_in_words(client, partnership, rnd):
    client.force_login(partnership.lead)
    response = client.get(reverse("collection:mine"))
    html = assert_well_formed(response)
    assert "15 January 2010" in html and "Overdue: the deadline has passed" in html
    assert html.count('govuk-tag--red">Overdue') == 2
    assert "Working age people on out of work benefits" in html
    assert reverse("collection:submit", args=[claimants_return(partnership, rnd).pk]) in html


def test_my_returns_for_someone_with_none(client, partnership, rnd):
    client.force_login(UserFactory())
    html = client.get(reverse("collection:mine")).content.decode()
    assert "not linked to a person" in html
    client.force_login(UserFactory(person=PersonFactory()))
    assert (
        "No returns are addressed to you" in client.get(reverse("collection:mine")).content.decode()
    )


def test_my_returns_queries_do_not_grow(client, partnership, rnd):
    client.force_login(partnership.lead)
    few = queries_for(client, reverse("collection:mine"))
    for n in range(5):
        IndicatorFactory(code=f"Q {n}", frequency="quarterly", lead_officer=partnership.lead.person)
    services.round_close(collection_round=rnd, expected_version=None, by=partnership.manager)
    services.round_open(
        fields={
            "title": "Q3 again",
            "period": "2009/10 Q3",
            "opens_on": D(2010, 1, 4),
            "deadline": D(2010, 1, 25),
        },
        by=partnership.manager,
    )
    assert len(client.get(reverse("collection:mine")).context["returns"]) == 7
    assert queries_for(client, reverse("collection:mine")) == few


def test_submit_asks_to_confirm_an_implausible_change(client, partnership, rnd):
    p = partnership
    ret = claimants_return(p, rnd)
    client.force_login(p.lead)
    url = reverse("collection:submit", args=[ret.pk])
    html = assert_well_formed(client.get(url))
    assert "Earlier figures for Cheshire West and Chester" in html
    assert "I have checked this figure" not in html
    data = {"value": "5.0", "commentary": "Plant closure", "version": ret.version}
    response = client.post(url, {**data, "value": "lots"})
    assert response.status_code == 422
    assert "The figure must be a number" in response.content.decode()
    response = client.post(url, data)
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "There is a problem" in html and "govuk-warning-text" in html
    assert "1.6 away from 3.4 in 2009/10 Q2" in html
    assert 'href="#id_unusual_change_confirmed"' in html
    assert 'name="unusual_change_confirmed"' in html
    response = client.post(url, {**data, "unusual_change_confirmed": "on"})
    assert response.status_code == 302 and response["Location"] == ret.get_absolute_url()
    ret.refresh_from_db()
    assert (ret.status, ret.value, ret.unusual_change_confirmed) == ("submitted", 5.0, True)


def test_only_the_lead_officer_submits(client, partnership, rnd):
    ret = claimants_return(partnership, rnd)
    client.force_login(UserFactory(person=PersonFactory()))
    assert client.get(reverse("collection:submit", args=[ret.pk])).status_code == 404
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=partnership.claimants.owning_body)
    client.force_login(member)
    assert client.get(ret.get_absolute_url()).status_code == 200
    assert client.get(reverse("collection:submit", args=[ret.pk])).status_code == 403
    assert client.get(reverse("collection:rounds")).status_code == 403
    client.logout()
    response = client.get(ret.get_absolute_url())
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_manager_sends_back_then_approves(client, partnership, rnd):
    p = partnership
    ret = services.return_submit(
        ret=claimants_return(p, rnd), value=3.5, expected_version=None, by=p.lead
    )
    client.force_login(p.manager)
    html = assert_well_formed(client.get(ret.get_absolute_url()))
    assert "Check the figure" in html and "Send back with a comment" in html
    url = reverse("collection:send-back", args=[ret.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, {"comment": "", "version": ret.version})
    assert response.status_code == 422
    assert "Enter what the lead officer should change" in response.content.decode()
    response = client.post(url, {"comment": "Use the DWP figure", "version": ret.version})
    assert response.status_code == 302
    client.force_login(p.lead)
    html = client.get(reverse("collection:mine")).content.decode()
    assert "Returned for changes" in html and "Use the DWP figure" in html
    ret.refresh_from_db()
    ret = services.return_submit(ret=ret, value=3.6, expected_version=None, by=p.lead)
    client.force_login(p.manager)
    response = client.post(
        reverse("collection:approve", args=[ret.pk]), {"comment": "", "version": ret.version}
    )
    assert response.status_code == 302
    html = assert_well_formed(client.get(ret.get_absolute_url()))
    assert "Final and locked" in html and "History" in html
    assert "Check the figure" not in html


def test_return_page_queries_do_not_grow_with_history(client, partnership, rnd):
    p = partnership
    ret = claimants_return(p, rnd)
    client.force_login(p.manager)
    few = queries_for(client, ret.get_absolute_url())
    for value in (3.5, 3.6, 3.7):
        ret = services.return_submit(ret=ret, value=value, expected_version=None, by=p.lead)
    assert queries_for(client, ret.get_absolute_url()) <= few + 3  # the figure and its people


def test_rounds_and_round_pages(client, partnership, rnd):
    p = partnership
    client.force_login(p.manager)
    html = assert_well_formed(client.get(reverse("collection:rounds")))
    assert "Quarter 3 2009/10" in html and "2 late" in html
    assert "Late returns across the open rounds" in html
    few = queries_for(client, rnd.get_absolute_url())
    html = assert_well_formed(client.get(rnd.get_absolute_url()))
    assert "Close this round" in html and "Late returns in this round" in html
    for n in range(4):
        IndicatorFactory(code=f"Q {n}", frequency="quarterly")
    bigger = services.round_open(
        fields={
            "title": "Monthly",
            "period": "2009/10 Q4",
            "opens_on": D(2010, 4, 1),
            "deadline": D(2010, 4, 15),
        },
        by=p.manager,
    )
    assert bigger.returns.count() == 6
    assert queries_for(client, bigger.get_absolute_url()) == few
    response = client.post(
        reverse("collection:round-close", args=[rnd.pk]), {"version": rnd.version}
    )
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == "closed"
    response = client.post(
        reverse("collection:round-close", args=[rnd.pk]), {"version": rnd.version}, follow=True
    )
    assert "already closed" in response.content.decode()


def test_open_round_form(client, partnership):
    client.force_login(partnership.manager)
    url = reverse("collection:round-open")
    html = assert_well_formed(client.get(url))
    assert "Chester" in html  # the area board area is offered
    data = {
        "title": "Quarter 3 2009/10",
        "period": "Q3 2009/10",
        "opens_on_0": "4",
        "opens_on_1": "1",
        "opens_on_2": "2010",
        "deadline_0": "15",
        "deadline_1": "1",
        "deadline_2": "2010",
        "remind_days_before": "5",
        "remind_days_after": "1",
        "areas": [partnership.borough.pk, partnership.apb.pk],
    }
    response = client.post(url, {**data, "period": "the third quarter"})
    assert response.status_code == 422
    assert_well_formed(response)
    response = client.post(url, {**data, "deadline_0": "1"})
    assert response.status_code == 422 and "deadline must be on or after" in (
        response.content.decode()
    )
    response = client.post(url, data)
    rnd = CollectionRound.objects.get()
    assert response.status_code == 302 and response["Location"] == rnd.get_absolute_url()
    assert rnd.period.code == "2009/10 Q3" and rnd.returns.count() == 3


def test_round_pages_are_for_managers(client, partnership, rnd):
    client.force_login(partnership.lead)
    for url in (
        reverse("collection:rounds"),
        reverse("collection:round-open"),
        rnd.get_absolute_url(),
    ):
        assert client.get(url).status_code == 403
