"""/api/v1/observations and /api/v1/imports. Values made here are test values, not published
figures; the import files are described in accord/observations/tests/files/SOURCE.md."""

import pytest
from django.test import Client

from accord.common.factories import AreaFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.observations.factories import ImportBatchFactory, ObservationFactory
from accord.observations.models import ImportBatch, Observation
from accord.observations.tests.conftest import FILES, library, places  # noqa: F401
from tests.api.conftest import assert_problem

URL = "/api/v1/observations"
IMPORTS = "/api/v1/imports"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ACCORD_IMPORT_SYNC = True


@pytest.fixture
def key(db):
    return {
        "indicator_id": IndicatorFactory(code="EMP", minimum=0, maximum=100).pk,
        "area_id": AreaFactory(name="Cheshire West and Chester", gss_code="E06000050").pk,
        "period": "2008/09",
    }


def test_anonymous_readers_see_final_current_figures(anon):
    final = ObservationFactory(value=74.8)
    ObservationFactory(status="provisional")
    ObservationFactory(is_current=False)
    body = anon.get(URL).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["id"] == final.pk and item["value"] == 74.8
    assert item["provenance"] == "real" and item["is_illustrative"] is False
    assert anon.get(f"{URL}/{final.pk}").status_code == 200


def test_filters_and_restated_figures(api):
    a = ObservationFactory(provenance="illustrative")
    ObservationFactory(period=PeriodFactory(text="2009/10"))
    old = ObservationFactory(is_current=False, indicator=a.indicator)
    assert api.get(URL, {"indicator": a.indicator_id}).json()["count"] == 1
    assert api.get(URL, {"period": "2009/10"}).json()["count"] == 1
    assert api.get(URL, {"period": "FY 2009/10"}).json()["count"] == 1
    body = api.get(URL, {"provenance": "illustrative"}).json()
    assert body["count"] == 1 and body["results"][0]["is_illustrative"] is True
    assert [r["id"] for r in api.get(URL, {"current": "false"}).json()["results"]] == [old.pk]
    assert_problem(api.get(URL, {"period": "2009/08"}), 400, "period")


def test_recording_a_figure_and_then_restating_it(api, key):
    response = api.post(URL, {**key, "value": 74.8, "ci_lower": 72.9, "ci_upper": 76.7})
    assert response.status_code == 201, response.content
    first = response.json()
    assert first["period"] == "2008/09" and first["is_current"] and response["Location"]
    again = api.post(URL, {**key, "value": 74.8, "ci_lower": 72.9, "ci_upper": 76.7})
    assert again.status_code == 200 and again.json()["id"] == first["id"]
    revised = api.post(URL, {**key, "value": 75.0, "reason": "Revised in the test"})
    assert revised.status_code == 201
    assert revised.json()["restates_id"] == first["id"]
    assert api.get(f"{URL}/{first['id']}").json()["is_current"] is False


def test_recording_reports_broken_rules_by_field(api, key):
    assert_problem(api.post(URL, {**key, "value": 101}), 422, "value")
    assert_problem(api.post(URL, {**key, "value": 50, "ci_lower": 60}), 422, "ci_lower")
    assert_problem(api.post(URL, {**key, "period": "2009/08", "value": 5}), 422, "period")
    assert_problem(api.post(URL, {**key, "indicator_id": 999999, "value": 5}), 422, "indicator_id")
    assert not Observation.objects.exists()


def test_restate_needs_if_match_and_a_reason(api):
    obs = ObservationFactory(value=74.8)
    url = f"{URL}/{obs.pk}/restate"
    assert_problem(api.post(url, {"reason": "Revised", "value": 75.0}), 428, "If-Match")
    assert_problem(
        api.post(url, {"reason": "Revised", "value": 75.0}, headers={"If-Match": '"1-9"'}),
        412,
        "If-Match",
    )
    assert_problem(api.post(url, {"value": 75.0}, headers={"If-Match": obs.etag}), 422, "reason")
    response = api.post(
        url, {"reason": "Revised in the test", "value": 75.0}, headers={"If-Match": obs.etag}
    )
    assert response.status_code == 201
    new = response.json()
    assert new["restates_id"] == obs.pk and new["restatement_reason"] == "Revised in the test"
    assert response["Location"].endswith(f"{URL}/{new['id']}")


def test_archive_reinstates_the_earlier_figure(api, key):
    first = api.post(URL, {**key, "value": 74.8}).json()
    second = api.post(URL, {**key, "value": 7.48}).json()
    response = api.post(
        f"{URL}/{second['id']}/archive",
        {"reason": "Decimal point slipped"},
        headers={"If-Match": second["etag"]},
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert api.get(f"{URL}/{first['id']}").json()["is_current"] is True


def test_writes_need_a_manager(user_client, key):
    assert_problem(user_client().post(URL, {**key, "value": 5}), 403)
    assert_problem(Client().post(URL, {}, content_type="application/json"), 401)


def upload(client, name, load_good_rows=False):
    with open(FILES / name, "rb") as f:
        return client.post(
            IMPORTS + ("?load_good_rows=true" if load_good_rows else ""),
            {"file": f},
            headers={"Authorization": f"Bearer {client.token}"},
        )


class Uploader:
    """A plain Django client carrying a bearer token (multipart bodies, not JSON)."""

    def __init__(self, token):
        self.token = token
        self.client = Client()

    def post(self, path, data, headers):
        return self.client.post(path, data, headers=headers)

    def get(self, path):
        return self.client.get(path, headers={"Authorization": f"Bearer {self.token}"})


@pytest.fixture
def uploader(api):
    return Uploader(api.token)


def test_importing_a_file_through_the_api(uploader, places, library):  # noqa: F811
    response = upload(uploader, "fingertips_hle_bom.csv")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["rows_loaded"] == 22
    assert body["layout"] == "fingertips" and body["percent_done"] == 100
    assert response["Location"].endswith(f"{IMPORTS}/{body['id']}")
    assert uploader.get(f"{IMPORTS}/{body['id']}").json()["rows_loaded"] == 22


def test_a_refused_file_is_422_naming_each_row_and_column(uploader, places, library):  # noqa: F811
    response = upload(uploader, "template_three_bad_rows.csv")
    body = assert_problem(response, 422, "row 3: area_code", "row 5: value", "row 6: period")
    batch = ImportBatch.objects.get()
    assert response["Location"].endswith(f"{IMPORTS}/{batch.pk}")
    assert str(batch.pk) in body["detail"]
    assert not Observation.objects.exists()


def test_good_rows_mode_through_the_api(uploader, places, library):  # noqa: F811
    response = upload(uploader, "template_three_bad_rows.csv", load_good_rows=True)
    assert response.status_code == 201
    body = response.json()
    assert (body["rows_loaded"], body["rows_rejected"]) == (3, 3)
    assert body["rejects_url"].endswith(f"/observations/imports/{body['id']}/rejects.csv")
    assert [p["row"] for p in body["problems"]] == [3, 5, 6]


def test_a_large_file_is_queued(uploader, settings, places, library, monkeypatch):  # noqa: F811
    settings.ACCORD_IMPORT_SYNC = False
    settings.ACCORD_IMPORT_INLINE_BYTES = 0
    started = []
    monkeypatch.setattr(
        "accord.observations.services._start_thread", lambda batch_id: started.append(batch_id)
    )
    response = upload(uploader, "fingertips_hle_bom.csv")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "queued"
    # The thread starts once the request's transaction commits (the test's never does).
    assert not Observation.objects.exists()


def test_an_import_is_seen_by_its_owner_and_managers(anon, user_client):
    batch = ImportBatchFactory(problems=[{"row": 2, "column": "value", "problem": "Test"}])
    assert_problem(anon.get(f"{IMPORTS}/{batch.pk}"), 404)
    assert_problem(user_client().get(f"{IMPORTS}/{batch.pk}"), 404)


def test_imports_need_a_manager(user_client):
    response = upload(Uploader(user_client().token), "fingertips_hle_bom.csv")
    assert_problem(response, 403)
    assert not ImportBatch.objects.exists()


def test_the_list_makes_the_same_queries_however_many_figures(
    anon, api, django_assert_max_num_queries
):
    ObservationFactory()
    for client in (anon, api):
        with django_assert_max_num_queries(4) as few:
            assert client.get(URL, {"page_size": 200}).status_code == 200
    for n in range(20):
        ObservationFactory(period=PeriodFactory(text=str(1990 + n)))
    with django_assert_max_num_queries(len(few)):
        assert api.get(URL, {"page_size": 200}).json()["count"] == 21
