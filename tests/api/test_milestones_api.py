"""/api/v1/programmes and /api/v1/milestones: filters, overdue, visibility and the rules."""

import datetime as dt

from accord.common.factories import (
    BodyFactory,
    MilestoneFactory,
    OrganisationFactory,
    ProgrammeFactory,
    StrategyFactory,
)
from accord.common.querysets import today
from accord.milestones.models import Milestone, Programme
from tests.api.conftest import assert_problem


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


def test_milestone_filters(anon):
    laa = ProgrammeFactory(title="LAA 2009 timetable")
    jan = MilestoneFactory(programme=laa, due_on=dt.date(2009, 1, 30))
    mar = MilestoneFactory(programme=laa, due_on=dt.date(2009, 3, 26))
    done = MilestoneFactory(
        programme=laa, due_on=dt.date(2009, 3, 2), status="done", completed_on=dt.date(2009, 3, 2)
    )
    ahead = MilestoneFactory(due_on=today() + dt.timedelta(days=10))
    url = "/api/v1/milestones"
    assert ids(anon.get(url, {"programme": laa.pk})) == sorted([jan.pk, mar.pk, done.pk])
    assert ids(anon.get(url, {"status": "done"})) == [done.pk]
    assert ids(anon.get(url, {"overdue": "true"})) == sorted([jan.pk, mar.pk])
    assert ids(anon.get(url, {"overdue": "false"})) == sorted([done.pk, ahead.pk])
    assert ids(anon.get(url, {"due_after": "2009-03-01", "due_before": "2009-03-26"})) == sorted(
        [mar.pk, done.pk]
    )
    results = anon.get(url, {"programme": laa.pk}).json()["results"]
    assert [m["due_on"] for m in results] == ["2009-01-30", "2009-03-02", "2009-03-26"]
    assert [m["is_overdue"] for m in results] == [True, False, True]
    assert_problem(anon.get(url, {"due_after": "soon"}), 400, "due_after")
    assert_problem(anon.get(url, {"status": "late"}), 400, "status")


def test_programmes_of_unpublished_strategies_are_hidden(anon, api):
    hidden = ProgrammeFactory(strategy=StrategyFactory(is_published=False))
    m = MilestoneFactory(programme=hidden)
    shown = ProgrammeFactory(strategy=StrategyFactory())
    free = ProgrammeFactory()
    assert ids(anon.get("/api/v1/programmes")) == sorted([shown.pk, free.pk])
    assert ids(api.get("/api/v1/programmes")) == sorted([hidden.pk, shown.pk, free.pk])
    assert ids(anon.get("/api/v1/programmes", {"strategy": shown.strategy_id})) == [shown.pk]
    assert_problem(anon.get(f"/api/v1/milestones/{m.pk}"), 404)
    assert ids(anon.get("/api/v1/milestones")) == []


def test_create_programme_and_milestones(api, anon):
    lsp, gonw = BodyFactory(), OrganisationFactory(short_name="GONW")
    response = api.post(
        "/api/v1/programmes", {"title": "SCS delivery plan 2011–14", "owning_body_id": lsp.pk}
    )
    assert response.status_code == 201, response.content
    programme = Programme.objects.get()
    assert response["Location"] == f"/api/v1/programmes/{programme.pk}"
    response = api.post(
        "/api/v1/milestones",
        {
            "programme_id": programme.pk,
            "title": "Step 1",
            "starts_on": "2010-08-01",
            "due_on": "2010-10-31",
            "precision": "span",
            "owner_organisation_id": gonw.pk,
        },
    )
    assert response.status_code == 201, response.content
    m = Milestone.objects.get()
    assert response["ETag"] == m.etag
    url = f"/api/v1/milestones/{m.pk}"
    assert_problem(
        api.patch(url, {"due_on": "2010-07-01"}, headers={"If-Match": m.etag}), 422, "due_on"
    )
    assert_problem(
        api.patch(url, {"status": "done"}, headers={"If-Match": m.etag}), 422, "completed_on"
    )
    assert_problem(api.patch(url, {"status": "done"}), 428, "If-Match")
    response = api.patch(
        url, {"status": "done", "completed_on": "2010-10-28"}, headers={"If-Match": m.etag}
    )
    assert response.status_code == 200, response.content
    assert response.json()["is_overdue"] is False
    assert_problem(
        api.put(
            url,
            {"programme_id": programme.pk, "title": "x", "due_on": "2010-10-31"},
            headers={"If-Match": m.etag},
        ),
        412,
        "If-Match",
    )
    assert_problem(anon.post("/api/v1/milestones", {}), 401)
    m.refresh_from_db()
    response = api.post(f"{url}/archive", {"reason": "Duplicate"}, headers={"If-Match": m.etag})
    assert response.status_code == 200 and response.json()["archive_reason"] == "Duplicate"
    assert ids(api.get("/api/v1/milestones")) == []
