"""/api/v1/strategies, commitments, priorities and responsibilities: filters, visibility,
ETags, the one-lead rule through the matrix service, and the matrix as of a date."""

import datetime as dt

from django.utils import timezone

from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    CommitmentFactory,
    MembershipFactory,
    PriorityFactory,
    ResponsibilityFactory,
    StrategyFactory,
    UserFactory,
)
from accord.strategies.models import Responsibility, Strategy
from tests.api.conftest import assert_problem


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


def test_strategy_filters_and_detail(anon):
    scs = StrategyFactory(period_start=dt.date(2010, 2, 25), period_end=None)
    laa = StrategyFactory(
        kind="laa", period_start=dt.date(2008, 4, 1), period_end=dt.date(2011, 3, 31)
    )
    refresh = StrategyFactory(
        kind="laa",
        delivers=scs,
        revises=laa,
        period_start=dt.date(2009, 4, 1),
        period_end=dt.date(2011, 3, 31),
    )
    url = "/api/v1/strategies"
    assert ids(anon.get(url, {"kind": "laa"})) == sorted([laa.pk, refresh.pk])
    assert ids(anon.get(url, {"status": "draft"})) == sorted([scs.pk, laa.pk, refresh.pk])
    assert ids(anon.get(url, {"as_of": "2008-06-01"})) == [laa.pk]
    assert ids(anon.get(url, {"current": "true"})) == [scs.pk]
    response = anon.get(f"{url}/{refresh.pk}")
    assert response["ETag"] == refresh.etag
    data = response.json()
    assert (data["delivers_id"], data["revises_id"]) == (scs.pk, laa.pk)
    assert_problem(anon.get(url, {"kind": "manifesto"}), 400, "kind")


def test_public_sees_published_strategies_and_what_hangs_from_them(anon, api):
    shown = CommitmentFactory()
    hidden = CommitmentFactory(strategy=StrategyFactory(is_published=False))
    ResponsibilityFactory(commitment=hidden, role="lead")
    lead = ResponsibilityFactory(commitment=shown, role="lead")
    PriorityFactory(strategy=hidden.strategy)
    free = PriorityFactory()
    assert ids(anon.get("/api/v1/strategies")) == [shown.strategy_id]
    assert ids(api.get("/api/v1/strategies")) == sorted([shown.strategy_id, hidden.strategy_id])
    assert ids(anon.get("/api/v1/commitments")) == [shown.pk]
    assert ids(anon.get("/api/v1/responsibilities")) == [lead.pk]
    assert ids(anon.get("/api/v1/priorities")) == [free.pk]
    assert_problem(anon.get(f"/api/v1/strategies/{hidden.strategy_id}"), 404)
    assert_problem(anon.get(f"/api/v1/strategies/{hidden.strategy_id}/matrix"), 404)
    assert_problem(anon.get(f"/api/v1/commitments/{hidden.pk}"), 404)


def test_create_update_and_archive_a_strategy(api, anon):
    lsp = BodyFactory()
    response = api.post(
        "/api/v1/strategies",
        {
            "kind": "scs",
            "title": "Together we Can Aim High",
            "owning_body_id": lsp.pk,
            "status": "adopted",
            "adopted_by_id": lsp.pk,
            "adopted_on": "2010-02-25",
            "period_start": "2010-02-25",
            "period_end": "2025-02-24",
        },
    )
    assert response.status_code == 201, response.content
    s = Strategy.objects.get()
    assert response["Location"] == f"/api/v1/strategies/{s.pk}"
    assert response["ETag"] == s.etag
    url = f"/api/v1/strategies/{s.pk}"
    assert_problem(api.patch(url, {"status": "superseded"}), 428, "If-Match")
    response = api.patch(url, {"short_title": "SCS"}, headers={"If-Match": s.etag})
    assert response.status_code == 200, response.content
    assert_problem(api.patch(url, {"short_title": "x"}, headers={"If-Match": s.etag}), 412)
    s.refresh_from_db()
    body = assert_problem(
        api.patch(url, {"adopted_on": None}, headers={"If-Match": s.etag}), 422, "adopted_on"
    )
    assert "adopted" in body["errors"]["adopted_on"][0]
    assert_problem(
        api.patch(url, {"period_end": "2001-01-01"}, headers={"If-Match": s.etag}),
        422,
        "period_end",
    )
    assert_problem(anon.post("/api/v1/strategies", {"kind": "scs", "title": "x"}), 401)
    response = api.post(f"{url}/archive", {"reason": "Entered twice"}, headers={"If-Match": s.etag})
    assert response.status_code == 200 and response.json()["archived_on"]
    assert ids(api.get("/api/v1/strategies")) == []
    assert ids(api.get("/api/v1/strategies", {"include_archived": "true"})) == [s.pk]


def test_commitments_filters_and_tree(api):
    scs = StrategyFactory()
    one = CommitmentFactory(strategy=scs, number="1")
    outcome = CommitmentFactory(strategy=scs, number="1.1", parent=one, kind="outcome")
    other = CommitmentFactory()
    url = "/api/v1/commitments"
    assert ids(api.get(url, {"strategy": scs.pk})) == sorted([one.pk, outcome.pk])
    assert ids(api.get(url, {"parent": one.pk})) == [outcome.pk]
    assert ids(api.get(url, {"kind": "commitment"})) == sorted([one.pk, other.pk])
    assert_problem(
        api.post(url, {"strategy_id": scs.pk, "number": "2", "title": "x", "parent_id": other.pk}),
        422,
        "parent_id",
    )
    response = api.post(url, {"strategy_id": scs.pk, "number": "2", "title": "Homes"})
    assert response.status_code == 201, response.content
    assert_problem(api.post(url, {"strategy_id": scs.pk, "number": "2", "title": "Again"}), 422)


def test_priorities_with_commitments_as_ids(api, anon):
    scs = StrategyFactory()
    c1, c2 = CommitmentFactory(strategy=scs), CommitmentFactory(strategy=scs)
    area = AreaFactory()
    group = BodyFactory()
    response = api.post(
        "/api/v1/priorities",
        {
            "title": "Enhancing health and well-being / reducing health inequalities",
            "strategy_id": scs.pk,
            "commitment_ids": [c2.pk, c1.pk],
            "area_id": area.pk,
            "action_group_id": group.pk,
        },
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["commitment_ids"] == sorted([c1.pk, c2.pk])
    assert (data["area_id"], data["action_group_id"]) == (area.pk, group.pk)
    url = f"/api/v1/priorities/{data['id']}"
    response = api.patch(url, {"commitment_ids": [c1.pk]}, headers={"If-Match": data["etag"]})
    assert response.json()["commitment_ids"] == [c1.pk]
    assert_problem(
        api.patch(url, {"commitment_ids": [999999]}, headers={"If-Match": response["ETag"]}),
        422,
        "commitment_ids",
    )
    old = PriorityFactory(valid_from=dt.date(2000, 1, 1), valid_to=dt.date(2001, 1, 1))
    assert ids(anon.get("/api/v1/priorities", {"area": area.pk})) == [data["id"]]
    assert ids(anon.get("/api/v1/priorities", {"strategy": scs.pk})) == [data["id"]]
    # An undated priority holds at any date.
    assert ids(anon.get("/api/v1/priorities", {"as_of": "2000-06-01"})) == [data["id"], old.pk]
    assert ids(anon.get("/api/v1/priorities", {"current": "false"})) == [old.pk]


def test_responsibilities_keep_one_lead_per_commitment(api):
    c = CommitmentFactory()
    safer, stronger = BodyFactory(), BodyFactory()
    url = "/api/v1/responsibilities"
    # A contributor before any lead would leave the commitment without a lead.
    body = assert_problem(
        api.post(url, {"commitment_id": c.pk, "body_id": safer.pk, "role": "contributing"}),
        422,
        "role",
    )
    assert f"Commitment {c.number}" in body["errors"]["role"][0]
    lead = api.post(url, {"commitment_id": c.pk, "body_id": stronger.pk, "role": "lead"})
    assert lead.status_code == 201, lead.content
    assert lead["Location"] == f"{url}/{lead.json()['id']}"
    assert_problem(
        api.post(url, {"commitment_id": c.pk, "body_id": safer.pk, "role": "lead"}), 422, "role"
    )
    assert_problem(
        api.post(url, {"commitment_id": c.pk, "body_id": stronger.pk, "role": "lead"}),
        422,
        "body_id",
    )
    contrib = api.post(url, {"commitment_id": c.pk, "body_id": safer.pk, "role": "contributing"})
    assert contrib.status_code == 201
    data = contrib.json()
    # Making the contributor lead too would give two leads.
    assert_problem(
        api.put(f"{url}/{data['id']}", {"role": "lead"}, headers={"If-Match": data["etag"]}),
        422,
        "role",
    )
    # Removing the lead while a contributor remains would leave none.
    ld = lead.json()
    assert_problem(
        api.post(f"{url}/{ld['id']}/archive", {"reason": "x"}, headers={"If-Match": ld["etag"]}),
        422,
        "role",
    )
    assert_problem(
        api.post(f"{url}/{data['id']}/archive", {"reason": "x"}, headers={"If-Match": '"1-9"'}),
        412,
    )
    gone = api.post(
        f"{url}/{data['id']}/archive", {"reason": "Withdrew"}, headers={"If-Match": data["etag"]}
    )
    assert gone.status_code == 200, gone.content
    assert gone.json()["archive_reason"] == "Withdrew"
    assert ids(api.get(url, {"commitment": c.pk})) == [ld["id"]]
    assert ids(api.get(url, {"commitment": c.pk, "include_archived": "true"})) == sorted(
        [ld["id"], data["id"]]
    )
    assert Responsibility.objects.live().filter(commitment=c, role="lead").count() == 1


def test_responsibility_filters_and_role_change_keeps_history(api):
    c = CommitmentFactory()
    body, other = BodyFactory(), BodyFactory()
    lead = ResponsibilityFactory(commitment=c, body=body, role="lead")
    url = "/api/v1/responsibilities"
    assert ids(api.get(url, {"strategy": c.strategy_id})) == [lead.pk]
    assert ids(api.get(url, {"body": other.pk})) == []
    assert ids(api.get(url, {"role": "lead"})) == [lead.pk]
    # The only body on a commitment may become a contributor only once another leads.
    assert_problem(
        api.patch(f"{url}/{lead.pk}", {"role": "contributing"}, headers={"If-Match": lead.etag}),
        422,
        "role",
    )
    response = api.patch(f"{url}/{lead.pk}", {}, headers={"If-Match": lead.etag})
    assert response.status_code == 200 and response.json()["id"] == lead.pk


def test_matrix_as_of_a_date(anon, api):
    scs = StrategyFactory()
    c1, c2 = CommitmentFactory(strategy=scs, number="1"), CommitmentFactory(strategy=scs)
    safer, trust = BodyFactory(name="Safer"), BodyFactory(name="Trust")
    long_ago = timezone.now() - dt.timedelta(days=400)
    old = ResponsibilityFactory(commitment=c1, body=safer, role="lead")
    for obj in (c1, c2, old):
        type(obj).objects.filter(pk=obj.pk).update(created_on=long_ago)
    # Thirty days ago the lead passed from Safer to the Trust.
    switched = timezone.now() - dt.timedelta(days=30)
    Responsibility.objects.filter(pk=old.pk).update(archived_on=switched)
    new = ResponsibilityFactory(commitment=c1, body=trust, role="lead")
    Responsibility.objects.filter(pk=new.pk).update(created_on=switched)
    ResponsibilityFactory(commitment=c1, body=safer, role="contributing")

    url = f"/api/v1/strategies/{scs.pk}/matrix"
    then = anon.get(url, {"as_of": (timezone.localdate() - dt.timedelta(days=100)).isoformat()})
    assert then.status_code == 200, then.content
    rows = {r["number"]: r for r in then.json()["rows"]}
    assert rows["1"]["lead_body_id"] == safer.pk and rows["1"]["contributing_body_ids"] == []
    assert [b["name"] for b in then.json()["bodies"]] == ["Safer"]
    now = anon.get(url).json()
    rows = {r["number"]: r for r in now["rows"]}
    assert rows["1"]["lead_body_id"] == trust.pk
    assert rows["1"]["contributing_body_ids"] == [safer.pk]
    assert rows[c2.number]["lead_body_id"] is None
    before = anon.get(url, {"as_of": "2000-01-01"}).json()
    assert before["rows"] == [] and before["bodies"] == []
    assert_problem(anon.get(url, {"as_of": "not-a-date"}), 400, "as_of")


def matrix_cells(strategy):
    return {
        (r.commitment_id, r.body_id): r.role
        for r in Responsibility.objects.live().filter(commitment__strategy=strategy)
    }


def test_matrix_put_moves_a_lead_in_one_request(api):
    scs = StrategyFactory()
    c1, c2 = CommitmentFactory(strategy=scs, number="1"), CommitmentFactory(strategy=scs)
    safer, trust = BodyFactory(name="Safer"), BodyFactory(name="Trust")
    ResponsibilityFactory(commitment=c1, body=safer, role="lead")
    ResponsibilityFactory(commitment=c1, body=trust, role="contributing")
    url = f"/api/v1/strategies/{scs.pk}/matrix"
    etag = api.get(url)["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    # The lead passes from Safer to the Trust, and Safer joins commitment 2 as its lead.
    response = api.put(
        url,
        {
            "cells": [
                {"commitment_id": c1.pk, "body_id": safer.pk, "role": "contributing"},
                {"commitment_id": c1.pk, "body_id": trust.pk, "role": "lead"},
                {"commitment_id": c2.pk, "body_id": safer.pk, "role": "lead"},
            ]
        },
        headers={"If-Match": etag},
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    assert response["ETag"] == api.get(url)["ETag"]
    rows = {r["commitment_id"]: r for r in response.json()["rows"]}
    assert rows[c1.pk]["lead_body_id"] == trust.pk
    assert rows[c1.pk]["contributing_body_ids"] == [safer.pk]
    assert rows[c2.pk]["lead_body_id"] == safer.pk
    assert response.json() == api.get(url).json()
    assert matrix_cells(scs) == {
        (c1.pk, safer.pk): "contributing",
        (c1.pk, trust.pk): "lead",
        (c2.pk, safer.pk): "lead",
    }
    # The old record is archived, not changed: the matrix keeps its history.
    assert Responsibility.objects.filter(commitment=c1, body=safer).count() == 2
    # With `replace`, the cells sent are the whole matrix.
    response = api.put(
        url,
        {
            "cells": [{"commitment_id": c1.pk, "body_id": safer.pk, "role": "lead"}],
            "replace": True,
        },
        headers={"If-Match": response["ETag"]},
    )
    assert response.status_code == 200, response.content
    assert matrix_cells(scs) == {(c1.pk, safer.pk): "lead"}


def test_matrix_put_with_two_leads_changes_nothing(api):
    scs = StrategyFactory()
    c1 = CommitmentFactory(strategy=scs, number="1")
    safer, trust = BodyFactory(), BodyFactory()
    ResponsibilityFactory(commitment=c1, body=safer, role="lead")
    url = f"/api/v1/strategies/{scs.pk}/matrix"
    etag = api.get(url)["ETag"]
    before = matrix_cells(scs)
    body = assert_problem(
        api.put(
            url,
            {
                "cells": [
                    {"commitment_id": c1.pk, "body_id": trust.pk, "role": "lead"},
                    {"commitment_id": c1.pk, "body_id": safer.pk, "role": "lead"},
                ]
            },
            headers={"If-Match": etag},
        ),
        422,
        "cells",
    )
    assert body["errors"]["cells"] == [
        "Commitment 1 would have 2 lead bodies: a commitment has exactly one lead body"
        " — choose which one leads."
    ]
    # Unknown commitments and bodies are named too, and nothing is written.
    other = CommitmentFactory()
    body = assert_problem(
        api.put(
            url,
            {
                "cells": [
                    {"commitment_id": other.pk, "body_id": trust.pk, "role": "lead"},
                    {"commitment_id": c1.pk, "body_id": 999999, "role": None},
                ]
            },
            headers={"If-Match": etag},
        ),
        422,
        "cells",
    )
    assert len(body["errors"]["cells"]) == 2
    assert matrix_cells(scs) == before
    assert api.get(url)["ETag"] == etag


def test_matrix_put_needs_the_current_etag(api):
    scs = StrategyFactory()
    c1 = CommitmentFactory(strategy=scs)
    safer, trust = BodyFactory(), BodyFactory()
    ResponsibilityFactory(commitment=c1, body=safer, role="lead")
    url = f"/api/v1/strategies/{scs.pk}/matrix"
    etag = api.get(url)["ETag"]
    move = {
        "cells": [
            {"commitment_id": c1.pk, "body_id": safer.pk, "role": None},
            {"commitment_id": c1.pk, "body_id": trust.pk, "role": "lead"},
        ]
    }
    assert_problem(api.put(url, move), 428, "If-Match")
    # Someone else changes the matrix after it was read.
    ResponsibilityFactory(commitment=c1, body=BodyFactory(), role="contributing")
    before = matrix_cells(scs)
    response = api.put(url, move, headers={"If-Match": etag})
    assert_problem(response, 412, "If-Match")
    assert response["ETag"] == api.get(url)["ETag"] != etag
    assert matrix_cells(scs) == before


def test_matrix_put_is_for_managers(anon, user_client):
    scs = StrategyFactory()
    c1 = CommitmentFactory(strategy=scs)
    body = BodyFactory()
    url = f"/api/v1/strategies/{scs.pk}/matrix"
    etag = anon.get(url)["ETag"]
    cells = {"cells": [{"commitment_id": c1.pk, "body_id": body.pk, "role": "lead"}]}
    assert_problem(anon.put(url, cells, headers={"If-Match": etag}), 401)
    member = MembershipFactory(body=body)
    client = user_client(UserFactory(person=member.person))
    assert_problem(client.put(url, cells, headers={"If-Match": etag}), 403)
    assert matrix_cells(scs) == {}
