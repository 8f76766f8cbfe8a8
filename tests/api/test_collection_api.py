"""/api/v1/collection-rounds and /api/v1/returns: open a round, the returns it makes, submit
with the plausibility check, send back, approve, close; who sees what."""

import datetime as dt

import pytest

from accord.accounts.services import token_create
from accord.collection.models import CollectionRound, Return
from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)
from accord.common.querysets import today
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.observations.models import Observation
from accord.observations.versions import figures_changed
from tests.api.conftest import ApiClient, assert_problem

D = dt.date


@pytest.fixture
def setting(db):
    borough = AreaFactory(kind="borough", name="Cheshire West and Chester")
    apb = AreaFactory(kind="apb_area", name="Chester", parent=borough)
    BodyFactory(kind="lsp_board", area=borough)
    owner = BodyFactory()
    lead = UserFactory(person=PersonFactory())
    ind = IndicatorFactory(
        code="NI 152",
        frequency="quarterly",
        lead_officer=lead.person,
        owning_body=owner,
        geography="apb_area",
    )
    IndicatorFactory(code="NI 154", frequency="annual", lead_officer=lead.person)
    for period, value in [("2008/09 Q4", 3.3), ("2009/10 Q1", 3.2), ("2009/10 Q2", 3.4)]:
        Observation.objects.create(
            indicator=ind, area=borough, period=PeriodFactory(text=period), value=value
        )
    figures_changed()  # as every writer of figures does
    return {"borough": borough, "apb": apb, "lead": lead, "ind": ind, "owner": owner}


ROUND = {
    "title": "Quarter 3 2009/10",
    "period": "2009/10 Q3",
    "opens_on": "2010-01-04",
    "deadline": "2010-01-15",
}


def test_open_and_read_rounds(api, anon, setting):
    assert_problem(anon.post("/api/v1/collection-rounds", ROUND), 401)
    assert_problem(
        api.post("/api/v1/collection-rounds", {**ROUND, "deadline": "2010-01-01"}), 422, "deadline"
    )
    assert_problem(api.post("/api/v1/collection-rounds", {**ROUND, "period": "Q5"}), 422, "period")
    assert_problem(
        api.post("/api/v1/collection-rounds", {**ROUND, "area_ids": [999999]}), 422, "area_ids"
    )
    response = api.post(
        "/api/v1/collection-rounds",
        {**ROUND, "area_ids": [setting["borough"].pk, setting["apb"].pk]},
    )
    assert response.status_code == 201, response.content
    rnd = CollectionRound.objects.get()
    assert response["Location"] == f"/api/v1/collection-rounds/{rnd.pk}"
    body = response.json()
    assert (body["period"], body["returns"], body["counts"]["due"]) == ("2009/10 Q3", 2, 2)
    assert_problem(api.post("/api/v1/collection-rounds", ROUND), 422, "period")
    listed = anon.get("/api/v1/collection-rounds", {"period": "2009/10 Q3"}).json()
    assert [r["id"] for r in listed["results"]] == [rnd.pk]
    assert anon.get("/api/v1/collection-rounds", {"status": "closed"}).json()["count"] == 0
    assert_problem(anon.get("/api/v1/collection-rounds", {"period": "soon"}), 400, "period")
    # Closing needs If-Match.
    url = f"/api/v1/collection-rounds/{rnd.pk}/close"
    assert_problem(api.post(url), 428, "If-Match")
    response = api.post(url, headers={"If-Match": rnd.etag})
    assert response.status_code == 200 and response.json()["status"] == "closed"
    rnd.refresh_from_db()
    assert_problem(api.post(url, headers={"If-Match": rnd.etag}), 422)


def test_the_cycle_through_the_api(api, anon, setting, user_client):
    api.post("/api/v1/collection-rounds", ROUND)
    ret = Return.objects.get(indicator=setting["ind"])
    lead = user_client(setting["lead"])
    mine = lead.get("/api/v1/returns", {"mine": True}).json()
    assert [r["id"] for r in mine["results"]] == [ret.pk]
    assert mine["results"][0]["is_overdue"] is (D(2010, 1, 15) < today())
    assert anon.get("/api/v1/returns").json()["count"] == 0
    assert_problem(anon.get(f"/api/v1/returns/{ret.pk}"), 404)
    url = f"/api/v1/returns/{ret.pk}"
    # An implausible jump must be confirmed.
    body = assert_problem(
        lead.post(f"{url}/submit", {"value": 9.0}, headers={"If-Match": ret.etag}),
        422,
        "unusual_change_confirmed",
    )
    assert "from 3.4 in 2009/10 Q2" in body["errors"]["unusual_change_confirmed"][0]
    assert_problem(
        lead.post(f"{url}/submit", {"value": 120}, headers={"If-Match": ret.etag}), 422, "value"
    )
    response = lead.post(
        f"{url}/submit",
        {"value": 9.0, "unusual_change_confirmed": True, "commentary": "Plant closure"},
        headers={"If-Match": ret.etag},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["value"]) == ("submitted", 9.0)
    obs = Observation.objects.get(pk=body["observation_id"])
    assert obs.status == "provisional"
    # The lead officer cannot decide; a manager sends back, with a comment.
    assert_problem(lead.post(f"{url}/approve", {}, headers={"If-Match": body["etag"]}), 403)
    assert_problem(
        api.post(f"{url}/send-back", {"comment": ""}, headers={"If-Match": body["etag"]}),
        422,
        "comment",
    )
    response = api.post(
        f"{url}/send-back", {"comment": "Check the DWP release"}, headers={"If-Match": body["etag"]}
    )
    assert response.json()["status"] == "returned"
    etag = response["ETag"]
    response = lead.post(f"{url}/submit", {"value": 3.6}, headers={"If-Match": etag})
    assert response.json()["status"] == "submitted"
    assert_problem(api.post(f"{url}/approve", {}, headers={"If-Match": etag}), 412, "If-Match")
    response = api.post(
        f"{url}/approve", {"comment": "Thanks"}, headers={"If-Match": response["ETag"]}
    )
    assert response.status_code == 200 and response.json()["status"] == "approved"
    obs = Observation.objects.get(pk=response.json()["observation_id"])
    assert (obs.status, obs.is_locked, obs.value) == ("final", True, 3.6)


def test_members_of_the_owning_body_read_returns(api, setting):
    api.post("/api/v1/collection-rounds", ROUND)
    member = UserFactory(person=PersonFactory())
    MembershipFactory(person=member.person, body=setting["owner"])
    client = ApiClient(token_create(user=member))
    got = client.get("/api/v1/returns").json()["results"]
    assert [r["indicator_code"] for r in got] == ["NI 152"]
    assert client.get("/api/v1/returns", {"mine": True}).json()["count"] == 0
    ret = Return.objects.get()
    assert_problem(
        client.post(
            f"/api/v1/returns/{ret.pk}/submit", {"value": 3.5}, headers={"If-Match": ret.etag}
        ),
        403,
    )
    # Managers see all, and filter.
    assert api.get("/api/v1/returns", {"status": "due"}).json()["count"] == 1
    assert api.get("/api/v1/returns", {"status": "approved"}).json()["count"] == 0
    overdue = D(2010, 1, 15) < today()
    assert api.get("/api/v1/returns", {"overdue": True}).json()["count"] == int(overdue)
    assert api.get("/api/v1/returns", {"overdue": False}).json()["count"] == int(not overdue)
