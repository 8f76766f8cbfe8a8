"""/api/v1/indicators and /api/v1/periods: filters, visibility, the rules as 422s, If-Match, and
reading periods."""

import datetime as dt

from accord.common.factories import BodyFactory, CommitmentFactory, PersonFactory, StrategyFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.indicators.library import load_library
from accord.indicators.models import Indicator, Period
from tests.api.conftest import assert_problem

URL = "/api/v1/indicators"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


def codes(response):
    assert response.status_code == 200, response.content
    return [r["code"] for r in response.json()["results"]]


def test_library_list_and_filters(anon):
    load_library()
    body = BodyFactory()
    outcome = CommitmentFactory(kind="outcome")
    local = IndicatorFactory(code="L 1", theme="Safer", owning_body=body, outcomes=[outcome])
    assert anon.get(URL).json()["count"] == 251
    assert codes(anon.get(URL, {"page_size": 3})) == ["L 1", "NI 1", "NI 2"]
    assert codes(anon.get(URL, {"scheme": "ons", "q": "claimant"})) == ["ONS claimant-count"]
    assert "FT 92033" in codes(anon.get(URL, {"polarity": "lower", "scheme": "fingertips"}))
    assert codes(anon.get(URL, {"frequency": "quarterly"})) == ["FT 91040", "FT 91112"]
    assert ids(anon.get(URL, {"national": "false"})) == [local.pk]
    assert ids(anon.get(URL, {"status": "in_use"})) == [local.pk]
    assert ids(anon.get(URL, {"theme": "Safer"})) == [local.pk]
    assert ids(anon.get(URL, {"outcome": outcome.pk})) == [local.pk]
    assert ids(anon.get(URL, {"owning_body": body.pk})) == [local.pk]
    ni5 = anon.get(URL, {"q": "NI 5", "scheme": "ni_2008", "page_size": 1}).json()["results"][0]
    assert ni5["code"] == "NI 5" and ni5["title"] == ""
    assert ni5["display_title"] == "(title not found in the sources)"
    assert_problem(anon.get(URL, {"polarity": "up"}), 400, "polarity")
    assert_problem(anon.get(URL, {"page_size": 500}), 400, "page_size")


def test_detail_hides_what_the_caller_may_not_see(anon, api):
    hidden_body = BodyFactory(is_published=False)
    shown = CommitmentFactory(strategy=StrategyFactory())
    hidden = CommitmentFactory(strategy=StrategyFactory(is_published=False))
    ind = IndicatorFactory(owning_body=hidden_body, outcomes=[shown, hidden])
    url = f"{URL}/{ind.pk}"
    body = anon.get(url).json()
    assert body["owning_body_id"] is None and body["outcome_ids"] == [shown.pk]
    response = api.get(url)
    assert response["ETag"] == ind.etag
    assert response.json()["owning_body_id"] == hidden_body.pk
    assert sorted(response.json()["outcome_ids"]) == sorted([shown.pk, hidden.pk])
    assert_problem(anon.get(f"{URL}/999999"), 404)


def test_create_patch_and_archive(api, anon):
    officer, body = PersonFactory(), BodyFactory()
    outcome = CommitmentFactory(kind="outcome")
    payload = {
        "code": "L 7",
        "title": "Residents who feel safe after dark",
        "value_type": "percentage",
        "unit": "%",
        "minimum": 0,
        "maximum": 100,
        "polarity": "higher",
        "lead_officer_id": officer.pk,
        "owning_body_id": body.pk,
        "outcome_ids": [outcome.pk],
    }
    assert_problem(anon.post(URL, payload), 401)
    response = api.post(URL, payload)
    assert response.status_code == 201, response.content
    ind = Indicator.objects.get(code="L 7")
    assert response["Location"] == f"{URL}/{ind.pk}" and response["ETag"] == ind.etag
    assert response.json()["outcome_ids"] == [outcome.pk]
    assert_problem(api.post(URL, payload), 422)  # the code is taken
    assert_problem(api.post(URL, {**payload, "code": "L 8", "minimum": 200}), 422, "maximum")
    assert_problem(api.post(URL, {**payload, "code": "L 8", "outcome_ids": [999999]}), 422)

    url = f"{URL}/{ind.pk}"
    assert_problem(api.patch(url, {"tolerance": 2.5}), 428, "If-Match")
    response = api.patch(url, {"tolerance": 2.5}, headers={"If-Match": ind.etag})
    assert response.status_code == 200 and response.json()["tolerance"] == 2.5
    assert_problem(api.patch(url, {"tolerance": 3}, headers={"If-Match": ind.etag}), 412)
    etag = response["ETag"]
    # Replacing needs a successor, named by its id.
    bad = {"status": "replaced", "status_on": "2011-03-31", "status_reason": "Refresh"}
    assert_problem(api.patch(url, bad, headers={"If-Match": etag}), 422, "replaced_by_id")
    new = IndicatorFactory()
    response = api.patch(url, {**bad, "replaced_by_id": new.pk}, headers={"If-Match": etag})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "replaced" and response.json()["replaced_by_id"] == new.pk
    response = api.post(
        f"{url}/archive", {"reason": "Duplicate"}, headers={"If-Match": response["ETag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert ind.pk not in ids(api.get(URL, {"national": "false"}))
    assert ind.pk in ids(api.get(URL, {"national": "false", "include_archived": "true"}))


def test_plain_users_cannot_write(user_client):
    client = user_client()
    ind = IndicatorFactory()
    assert_problem(client.post(URL, {"code": "L 1"}), 403)
    assert_problem(client.patch(f"{URL}/{ind.pk}", {"title": "x"}, {"If-Match": ind.etag}), 403)


def test_periods_list_and_filters(anon):
    fy = PeriodFactory(text="2008/09")
    q3 = PeriodFactory(text="2009/10 Q3")
    cy = PeriodFactory(text="2009")
    response = anon.get("/api/v1/periods")
    assert [p["code"] for p in response.json()["results"]] == ["2008/09", "2009", "2009/10 Q3"]
    assert ids(anon.get("/api/v1/periods", {"kind": "financial_quarter"})) == [q3.pk]
    assert ids(anon.get("/api/v1/periods", {"on": "2009-02-01"})) == sorted([fy.pk, cy.pk])
    body = anon.get(f"/api/v1/periods/{fy.pk}").json()
    assert body == {
        "id": fy.pk,
        "code": "2008/09",
        "kind": "financial_year",
        "start": "2008-04-01",
        "end": "2009-03-31",
    }
    assert_problem(anon.get("/api/v1/periods", {"kind": "decade"}), 400, "kind")
    assert_problem(anon.get("/api/v1/periods/999999"), 404)


def test_parse_a_period(anon):
    stored = PeriodFactory(text="2009/10 Q3")
    response = anon.get("/api/v1/periods/parse", {"text": "Q3 2009/10"})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "id": stored.pk,
        "text": "Q3 2009/10",
        "code": "2009/10 Q3",
        "kind": "financial_quarter",
        "start": "2009-10-01",
        "end": "2009-12-31",
    }
    body = anon.get("/api/v1/periods/parse", {"text": "2001 - 03"}).json()
    assert body["id"] is None and body["kind"] == "pooled_years" and body["end"] == "2003-12-31"
    assert not Period.objects.filter(code="2001 - 03").exists()  # reading stores nothing
    iso = anon.get("/api/v1/periods/parse", {"text": "2008-04-01/P1Y"}).json()
    assert iso["code"] == "2008/09"


def test_parse_names_the_bad_text(anon):
    problem = assert_problem(
        anon.get("/api/v1/periods/parse", {"text": "sometime soon"}), 422, "text"
    )
    assert "'sometime soon'" in problem["detail"]
    assert "sometime soon" in problem["errors"]["text"][0]
    problem = assert_problem(anon.get("/api/v1/periods/parse", {"text": "9999 Q4"}), 422, "text")
    assert "outside the years" in problem["errors"]["text"][0]
    assert_problem(anon.get("/api/v1/periods/parse"), 400, "text")


def test_status_on_is_a_date(api):
    ind = IndicatorFactory()
    response = api.patch(
        f"{URL}/{ind.pk}",
        {"status": "retired", "status_on": "2011-03-31", "status_reason": "NIS abolished"},
        headers={"If-Match": ind.etag},
    )
    assert response.status_code == 200
    ind.refresh_from_db()
    assert ind.status_on == dt.date(2011, 3, 31)


def test_putting_an_indicator_into_use_keeps_the_adoption_rules(api):
    """Setting the status to in use through the API is adopting: only from the reference
    library, and only with a lead officer and an owning body, as on the adopt page."""
    ind = IndicatorFactory(status="reference", lead_officer=None, owning_body=None)
    url = f"{URL}/{ind.pk}"
    response = api.patch(url, {"status": "in_use"}, headers={"If-Match": ind.etag})
    assert_problem(response, 422, "lead_officer_id")
    assert "owning_body_id" in response.content.decode()
    ind.refresh_from_db()
    assert ind.status == "reference"
    lead, body = PersonFactory(), BodyFactory()
    response = api.patch(
        url,
        {"status": "in_use", "lead_officer_id": lead.pk, "owning_body_id": body.pk},
        headers={"If-Match": ind.etag},
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_use"

    retired = IndicatorFactory(
        status="retired", status_on=dt.date(2011, 3, 31), status_reason="NIS abolished"
    )
    response = api.patch(
        f"{URL}/{retired.pk}", {"status": "in_use"}, headers={"If-Match": retired.etag}
    )
    assert_problem(response, 422)
    assert "reference library" in response.content.decode()
    retired.refresh_from_db()
    assert retired.status == "retired"
