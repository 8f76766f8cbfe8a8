"""/api/v1/case-studies: list and read (drafts for managers only), create, patch, archive,
and is_illustrative with its provenance."""

import pytest

from accord.casestudies.factories import CaseStudyFactory
from accord.casestudies.models import CaseStudy
from accord.common.factories import BodyFactory, CommitmentFactory, StrategyFactory
from accord.indicators.factories import IndicatorFactory
from tests.api.conftest import assert_problem


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


@pytest.fixture
def studies(db):
    outcome = CommitmentFactory(number="12")
    ni = IndicatorFactory(code="NI 151")
    real = CaseStudyFactory(is_illustrative=False, outcomes=[outcome], indicators=[ni])
    example = CaseStudyFactory(indicators=[ni])
    draft = CaseStudyFactory(is_published=False, outcomes=[outcome])
    return outcome, ni, real, example, draft


def test_list_filters_and_visibility(anon, api, studies):
    outcome, ni, real, example, draft = studies
    url = "/api/v1/case-studies"
    assert ids(anon.get(url)) == sorted([real.pk, example.pk])
    assert ids(api.get(url)) == sorted([real.pk, example.pk, draft.pk])
    assert ids(api.get(url, {"is_published": "false"})) == [draft.pk]
    assert ids(anon.get(url, {"outcome": outcome.pk})) == [real.pk]
    assert ids(anon.get(url, {"indicator": ni.pk})) == sorted([real.pk, example.pk])
    assert ids(anon.get(url, {"is_illustrative": "true"})) == [example.pk]
    assert_problem(anon.get(f"{url}/{draft.pk}"), 404)
    body = anon.get(f"{url}/{example.pk}").json()
    assert (body["is_illustrative"], body["provenance"]) == (True, "illustrative")
    body = anon.get(f"{url}/{real.pk}").json()
    assert (body["provenance"], body["outcome_ids"], body["indicator_ids"]) == (
        "real",
        [outcome.pk],
        [ni.pk],
    )


def test_hidden_links_are_left_out(anon, studies):
    outcome, ni, real, *_ = studies
    hidden_outcome = CommitmentFactory(strategy=StrategyFactory(is_published=False))
    real.outcomes.add(hidden_outcome)
    real.body = BodyFactory(is_published=False)
    real.save()
    body = anon.get(f"/api/v1/case-studies/{real.pk}").json()
    assert body["outcome_ids"] == [outcome.pk] and body["body_id"] is None


def test_create_patch_archive(api, anon, user_client, studies):
    outcome, ni, *_ = studies
    url = "/api/v1/case-studies"
    payload = {"title": "A safer walk home", "summary": "Street lighting in Lache."}
    assert_problem(anon.post(url, payload), 401)
    assert_problem(user_client().post(url, payload), 403)
    assert_problem(api.post(url, {**payload, "is_published": True}), 422, "is_published")
    assert_problem(api.post(url, {**payload, "outcome_ids": [999999]}), 422, "outcome_ids")
    assert_problem(api.post(url, {**payload, "happened_on": "2999-01-01"}), 422, "happened_on")
    response = api.post(
        url, {**payload, "indicator_ids": [ni.pk], "is_illustrative": True, "is_published": True}
    )
    assert response.status_code == 201, response.content
    cs = CaseStudy.objects.get(title="A safer walk home")
    assert response["Location"] == f"{url}/{cs.pk}" and response["ETag"] == cs.etag
    assert response.json()["provenance"] == "illustrative"
    detail = f"{url}/{cs.pk}"
    assert_problem(api.patch(detail, {"summary": "x"}), 428, "If-Match")
    assert_problem(
        api.patch(detail, {"indicator_ids": []}, headers={"If-Match": cs.etag}),
        422,
        "is_published",
    )
    response = api.patch(
        detail,
        {"outcome_ids": [outcome.pk], "is_illustrative": False},
        headers={"If-Match": cs.etag},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome_ids"] == [outcome.pk] and body["indicator_ids"] == [ni.pk]
    assert body["provenance"] == "real"
    assert_problem(
        api.patch(detail, {"summary": "stale"}, headers={"If-Match": cs.etag}), 412, "If-Match"
    )
    response = api.post(
        f"{detail}/archive", {"reason": "Consent withdrawn"}, headers={"If-Match": body["etag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert_problem(anon.get(detail), 404)
