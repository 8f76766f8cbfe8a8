"""/api/v1/targets: list with filters, create with the rules, revise and archive."""

from accord.areas.models import AreaGroup
from accord.common.factories import AreaFactory, UserFactory
from accord.indicators.factories import IndicatorFactory
from accord.targets.factories import IllustrativeTargetFactory, TargetFactory
from accord.targets.models import Target
from tests.api.conftest import assert_problem


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


def test_list_and_get_are_public_with_provenance(anon):
    real = TargetFactory()
    example = IllustrativeTargetFactory(area=real.area, kind="stretch")
    assert ids(anon.get("/api/v1/targets")) == sorted([real.pk, example.pk])
    assert ids(anon.get("/api/v1/targets", {"provenance": "illustrative"})) == [example.pk]
    assert ids(anon.get("/api/v1/targets", {"kind": "stretch"})) == [example.pk]
    assert ids(anon.get("/api/v1/targets", {"indicator": real.indicator_id})) == [real.pk]
    assert ids(anon.get("/api/v1/targets", {"area": real.area_id})) == sorted([real.pk, example.pk])
    assert ids(anon.get("/api/v1/targets", {"period": "2010/2011"})) == sorted(
        [real.pk, example.pk]
    )
    assert ids(anon.get("/api/v1/targets", {"period": "2011/12"})) == []
    assert_problem(anon.get("/api/v1/targets", {"period": "soon"}), 400, "period")
    response = anon.get(f"/api/v1/targets/{example.pk}")
    assert response.status_code == 200 and response["ETag"] == example.etag
    body = response.json()
    assert (body["provenance"], body["is_illustrative"], body["period"]) == (
        "illustrative",
        True,
        "2010/11",
    )
    assert body["period_start"] == "2010-04-01" and body["revised_by_id"] is None
    assert_problem(anon.get("/api/v1/targets/999999"), 404)


def test_create_checks_the_rules(api, anon):
    ind = IndicatorFactory(code="NI 1", minimum=0, maximum=100)
    borough = AreaFactory(kind="borough")
    data = {
        "indicator_id": ind.pk,
        "period": "2010/11",
        "area_id": borough.pk,
        "value": 80,
        "baseline_value": 77.6,
        "baseline_period": "2008/09",
        "kind": "laa_designated",
        "provenance": "illustrative",
    }
    assert_problem(anon.post("/api/v1/targets", data), 401)
    assert_problem(api.post("/api/v1/targets", {**data, "value": 120}), 422, "value")
    assert_problem(api.post("/api/v1/targets", {**data, "period": "later"}), 422, "period")
    assert_problem(
        api.post("/api/v1/targets", {**data, "baseline_period": "2011/12"}), 422, "baseline_period"
    )
    group = AreaGroup.objects.create(name="Chester wards", kind="named")
    assert_problem(api.post("/api/v1/targets", {**data, "area_group_id": group.pk}), 422, "area_id")
    assert_problem(
        api.post("/api/v1/targets", {**data, "indicator_id": 99999}), 422, "indicator_id"
    )
    response = api.post("/api/v1/targets", data)
    assert response.status_code == 201, response.content
    t = Target.objects.get()
    assert response["Location"] == f"/api/v1/targets/{t.pk}"
    assert response.json()["is_illustrative"] is True


def test_create_is_for_managers(user_client):
    ind = IndicatorFactory()
    response = user_client(UserFactory()).post(
        "/api/v1/targets",
        {"indicator_id": ind.pk, "period": "2010/11", "area_id": AreaFactory().pk, "value": 1},
    )
    assert_problem(response, 403)


def test_revise_then_archive(api):
    t = TargetFactory(value=70)
    url = f"/api/v1/targets/{t.pk}/revise"
    assert_problem(api.post(url, {"reason": "refresh", "value": 72}), 428, "If-Match")
    assert_problem(
        api.post(url, {"reason": "refresh", "value": 72}, headers={"If-Match": '"1-99"'}),
        412,
        "If-Match",
    )
    assert_problem(api.post(url, {"value": 72}, headers={"If-Match": t.etag}), 422, "reason")
    assert_problem(
        api.post(url, {"reason": "x", "value": 70}, headers={"If-Match": t.etag}),
        422,
        "non_field_errors",
    )
    swap = IndicatorFactory(code="NI 2")
    response = api.post(
        url,
        {"reason": "LAA refresh 2009", "value": 72, "indicator_id": swap.pk},
        headers={"If-Match": t.etag},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["revision_of_id"] == t.pk and body["revision_reason"] == "LAA refresh 2009"
    assert (body["indicator_code"], body["value"]) == ("NI 2", 72)
    assert response["Location"] == f"/api/v1/targets/{body['id']}"
    old = api.get(f"/api/v1/targets/{t.pk}").json()
    assert old["archive_reason"] == "Revised: LAA refresh 2009"
    assert old["revised_by_id"] == body["id"]
    assert ids(api.get("/api/v1/targets")) == [body["id"]]
    assert ids(api.get("/api/v1/targets", {"include_archived": True})) == sorted([t.pk, body["id"]])
    new = Target.objects.get(pk=body["id"])
    response = api.post(
        f"/api/v1/targets/{new.pk}/archive",
        {"reason": "Set in error"},
        headers={"If-Match": new.etag},
    )
    assert response.status_code == 200 and response.json()["archived_on"]
