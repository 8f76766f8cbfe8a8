"""/api/v1/scorecards: the assessment rows behind each scorecard, what the public sees, and the
errors."""

from accord.scorecards.tests.conftest import AS_OF, make_partnership
from tests.api.conftest import assert_problem

Q = {"as_of": AS_OF.isoformat()}


def rows_of(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["rows"]


def test_a_body_scorecard(anon):
    p = make_partnership()
    body = anon.get(f"/api/v1/scorecards/bodies/{p.theme.pk}", Q).json()
    assert body["title"] == p.theme.name
    assert (body["reporting_start"], body["reporting_end"]) == ("2009-10-01", "2009-12-31")
    assert body["area_name"] == "Cheshire West and Chester"
    by_code = {r["indicator_code"]: r for r in body["rows"]}
    assert set(by_code) == {i.code for i in [*p.indicators, *p.local, p.owned]}
    first = by_code[p.indicators[0].code]
    assert first["period_code"] == "2009/10 Q3"
    assert first["rag"] == "green" and first["rag_label"] == "Green"
    assert first["target_illustrative"] is True and first["is_illustrative"] is True
    assert first["provenance"] == "illustrative"
    assert first["direction_previous"] == "no_change"  # the intervals overlap
    assert first["england_value"] == 62 and first["region_value"] == 63
    assert first["forecast_method"] == "linear trend of the last 4 points (least squares)"
    assert first["why"] == [f"Leads {p.commitment.number}. Healthier lives"]
    assert by_code[p.owned.code]["rag"] == "no_data_due"
    assert {"source": "Test data", "indicator_codes": sorted(by_code)} in body["sources"]
    assert "Fingertips" in body["rules"]["significance"]


def test_outcome_area_exception_and_focus_scorecards(anon):
    p = make_partnership()
    outcome = rows_of(anon.get(f"/api/v1/scorecards/outcomes/{p.outcome.pk}", Q))
    assert {r["indicator_id"] for r in outcome} == {i.pk for i in p.indicators}
    area = rows_of(anon.get(f"/api/v1/scorecards/areas/{p.world.apbs[0].pk}", Q))
    assert [(r["indicator_id"], r["significance"]) for r in area] == [(p.local[0].pk, "worse")]
    assert area[0]["benchmark_area_id"] == p.world.borough.pk
    worse = p.indicators[1]
    worse.observations.filter(period__code="2009/10 Q3", area=p.world.borough).update(
        value=40, ci_lower=39, ci_upper=41
    )
    exceptions = rows_of(anon.get("/api/v1/scorecards/exceptions", Q))
    assert [r["indicator_id"] for r in exceptions] == [worse.pk]
    assert "Red against target" in exceptions[0]["exceptions"]
    only_board = rows_of(anon.get("/api/v1/scorecards/exceptions", {**Q, "body": p.board.pk}))
    assert only_board == []
    focus = anon.get("/api/v1/scorecards/focus", Q).json()
    assert focus["area_id"] == p.world.borough.pk
    assert [a["area_name"] for a in focus["areas"]] == [a.name for a in p.world.apbs]
    assert focus["areas"][0]["significantly_worse"] == [p.local[0].pk]
    (item,) = focus["indicators"]
    assert item["benchmark"]["area_id"] == p.world.borough.pk
    assert [r["area_id"] for r in item["areas"]] == [a.pk for a in reversed(p.world.apbs)]


def test_the_public_sees_final_figures_and_a_token_provisional_ones(anon, api):
    p = make_partnership()
    p.indicators[0].observations.filter(period__code="2009/10 Q3").update(status="provisional")
    url = f"/api/v1/scorecards/outcomes/{p.outcome.pk}"
    public = {r["indicator_id"]: r for r in rows_of(anon.get(url, Q))}
    assert public[p.indicators[0].pk]["period_code"] == "2009/10 Q2"
    signed = {r["indicator_id"]: r for r in rows_of(api.get(url, Q))}
    assert signed[p.indicators[0].pk]["period_code"] == "2009/10 Q3"
    assert signed[p.indicators[0].pk]["status"] == "provisional"


def test_errors(anon):
    p = make_partnership()
    p.board.is_published = False
    p.board.save()
    assert_problem(anon.get(f"/api/v1/scorecards/bodies/{p.board.pk}"), 404)
    assert_problem(anon.get("/api/v1/scorecards/bodies/999999"), 404)
    assert_problem(anon.get("/api/v1/scorecards/outcomes/999999"), 404)
    assert_problem(anon.get("/api/v1/scorecards/areas/999999"), 404)
    assert_problem(anon.get("/api/v1/scorecards/exceptions", {"body": 999999}), 404)
    assert_problem(anon.get("/api/v1/scorecards/focus", {"as_of": "2010-02-30"}), 400)
    assert_problem(anon.get("/api/v1/scorecards/focus", {"as_of": "0001-01-01"}), 400)
