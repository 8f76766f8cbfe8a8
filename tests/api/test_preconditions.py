"""If-Match: * opts out of the version check (RFC 9110); rule errors use the API's field names."""

from accord.common.factories import BodyFactory, StrategyFactory
from tests.api.conftest import assert_problem


def test_if_match_star_updates_the_current_record(api):
    body = BodyFactory(name="Old name")
    response = api.patch(f"/api/v1/bodies/{body.pk}", {"name": "New name"}, {"If-Match": "*"})
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "New name"


def test_rule_errors_name_the_api_field(api):
    scs = StrategyFactory()
    laa = StrategyFactory(delivers=scs)
    response = api.patch(
        f"/api/v1/strategies/{scs.pk}", {"delivers_id": laa.pk}, {"If-Match": scs.etag}
    )
    assert_problem(response, 422, "delivers_id")
