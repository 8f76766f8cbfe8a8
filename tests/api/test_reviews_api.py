"""/api/v1/indicator-reviews: list and read reviews with their lines, open one, and record a
partnership's view of a line with If-Match."""

import pytest

from accord.common.factories import (
    BodyFactory,
    CommitmentFactory,
    ResponsibilityFactory,
    StrategyFactory,
)
from accord.indicators.factories import IndicatorFactory
from accord.reviews import services
from accord.reviews.factories import ReviewEntryFactory
from tests.api.conftest import assert_problem


@pytest.fixture
def review(db):
    strategy = StrategyFactory(title="Together we Can Aim High")
    health = BodyFactory(name="Health and Wellbeing")
    c7 = CommitmentFactory(strategy=strategy, number="7")
    ResponsibilityFactory(commitment=c7, body=health, role="lead")
    IndicatorFactory(code="NI 39", outcomes=[c7])
    IndicatorFactory(code="NI 123", outcomes=[c7])
    r = services.review_open(fields={"strategy": strategy, "title": "First cut"}, by=None)
    services.entry_propose(
        review=r, body=health, outcome=c7, proposed_title="Healthy life expectancy", by=None
    )
    return r


def test_list_and_detail(anon, review):
    response = anon.get("/api/v1/indicator-reviews")
    assert response.status_code == 200, response.content
    [row] = response.json()["results"]
    assert (row["id"], row["title"], row["status"]) == (review.pk, "First cut", "open")
    assert (row["in_place"], row["decided"], row["proposed"]) == (2, 0, 1)
    response = anon.get(f"/api/v1/indicator-reviews/{review.pk}")
    assert response.status_code == 200 and response["ETag"] == review.etag
    entries = response.json()["entries"]
    assert [(e["indicator_code"], e["is_proposal"], e["decision"]) for e in entries] == [
        ("NI 123", False, ""),
        ("NI 39", False, ""),
        (None, True, "add"),
    ]
    assert entries[2]["proposed_title"] == "Healthy life expectancy"
    assert {e["body_id"] for e in entries} == {review.entries.first().body_id}
    filtered = anon.get("/api/v1/indicator-reviews", {"status": "complete"}).json()
    assert filtered["count"] == 0
    assert_problem(anon.get("/api/v1/indicator-reviews", {"status": "done"}), 400, "status")


def test_unpublished_strategies_reviews_are_hidden(anon, api, review):
    review.strategy.is_published = False
    review.strategy.save()
    assert anon.get("/api/v1/indicator-reviews").json()["count"] == 0
    assert_problem(anon.get(f"/api/v1/indicator-reviews/{review.pk}"), 404)
    entry = review.entries.first()
    assert_problem(anon.get(f"/api/v1/indicator-reviews/entries/{entry.pk}"), 404)
    assert api.get("/api/v1/indicator-reviews").json()["count"] == 1


def test_patch_a_line_with_if_match(api, anon, user_client, review):
    entry = review.entries.get(indicator__code="NI 39")
    url = f"/api/v1/indicator-reviews/entries/{entry.pk}"
    got = anon.get(url)
    assert got.status_code == 200 and got["ETag"] == entry.etag
    assert_problem(anon.patch(url, {"decision": "retain"}), 401)
    assert_problem(
        user_client().patch(url, {"decision": "retain"}, headers={"If-Match": entry.etag}), 403
    )
    assert_problem(api.patch(url, {"decision": "retain"}), 428, "If-Match")
    assert_problem(
        api.patch(url, {"decision": "drop"}, headers={"If-Match": entry.etag}), 422, "comment"
    )
    assert_problem(
        api.patch(url, {"rating": "excellent"}, headers={"If-Match": entry.etag}), 422, "rating"
    )
    response = api.patch(
        url,
        {"rating": "partial", "decision": "retain", "comment": "Hospital data only"},
        headers={"If-Match": entry.etag},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["rating"], body["decision"], body["version"]) == ("partial", "retain", 2)
    assert response["ETag"] == body["etag"]
    assert_problem(
        api.patch(url, {"comment": "stale"}, headers={"If-Match": entry.etag}), 412, "If-Match"
    )
    response = api.patch(url, {"rating": None}, headers={"If-Match": body["etag"]})
    assert response.status_code == 200 and response.json()["rating"] == ""


def test_open_a_review(api, anon, review):
    strategy = review.strategy
    assert_problem(anon.post("/api/v1/indicator-reviews", {}), 401)
    assert_problem(
        api.post("/api/v1/indicator-reviews", {"strategy_id": 999999, "title": "x"}),
        422,
        "strategy_id",
    )
    response = api.post(
        "/api/v1/indicator-reviews",
        {"strategy_id": strategy.pk, "title": "Second cut", "due_on": "2010-12-31"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert response["Location"] == f"/api/v1/indicator-reviews/{body['id']}"
    assert (body["in_place"], len(body["entries"])) == (2, 2)


def test_open_refuses_an_outcome_with_no_lead(api, review):
    c = CommitmentFactory(strategy=review.strategy, number="15")
    IndicatorFactory(outcomes=[c])
    response = api.post(
        "/api/v1/indicator-reviews", {"strategy_id": review.strategy_id, "title": "Third cut"}
    )
    assert_problem(response, 422, "strategy_id")


def test_entries_of_unpublished_bodies_are_hidden(anon, db):
    entry = ReviewEntryFactory(body=BodyFactory(is_published=False))
    assert_problem(anon.get(f"/api/v1/indicator-reviews/entries/{entry.pk}"), 404)
    assert anon.get(f"/api/v1/indicator-reviews/{entry.review_id}").json()["entries"] == []
