"""/api/v1/bodies: list, filter, detail, create, update, archive, and the error contract."""

import datetime as dt

from accord.bodies.models import Body
from accord.common.factories import AreaFactory, BodyFactory, MembershipFactory, UserFactory
from accord.memberships.models import Role
from tests.api.conftest import assert_problem

URL = "/api/v1/bodies"


def names(response):
    assert response.status_code == 200, response.content
    return [b["name"] for b in response.json()["results"]]


def test_list_is_paginated_in_the_shared_envelope(api):
    for i in range(5):
        BodyFactory(name=f"Body {i}")
    first = api.get(URL, {"page_size": 2}).json()
    assert first["count"] == 5
    assert [b["name"] for b in first["results"]] == ["Body 0", "Body 1"]
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=2" in first["next"]
    last = api.get(URL, {"page_size": 2, "page": 3}).json()
    assert [b["name"] for b in last["results"]] == ["Body 4"]
    assert last["next"] is None and "page=2" in last["previous"]


def test_page_size_over_200_and_bad_page_are_400_naming_the_parameter(anon):
    assert_problem(anon.get(URL, {"page_size": 201}), 400, "page_size")
    assert_problem(anon.get(URL, {"page": 0}), 400, "page")
    assert_problem(anon.get(URL, {"as_of": "1 April 2009"}), 400, "as_of")
    assert_problem(anon.get(URL, {"kind": "committee"}), 400, "kind")


def test_anonymous_callers_do_not_see_unpublished_bodies(anon, api):
    BodyFactory(name="Public board")
    hidden = BodyFactory(name="Officer group", is_published=False)
    assert names(anon.get(URL)) == ["Public board"]
    assert names(api.get(URL)) == ["Officer group", "Public board"]
    assert_problem(anon.get(f"{URL}/{hidden.pk}"), 404)
    assert api.get(f"{URL}/{hidden.pk}").status_code == 200


def test_members_see_their_own_unpublished_body(user_client):
    hidden = BodyFactory(name="Officer group", is_published=False)
    member = MembershipFactory(body=hidden)
    client = user_client(UserFactory(person=member.person))
    assert names(client.get(URL)) == ["Officer group"]


def test_filters_kind_parent_area_current_and_as_of(anon):
    area = AreaFactory()
    county = BodyFactory(
        name="County partnership",
        kind="county_partnership",
        established_on=dt.date(2004, 1, 1),
        ended_on=dt.date(2009, 3, 31),
    )
    lsp = BodyFactory(name="LSP", kind="lsp_board", established_on=dt.date(2009, 4, 1))
    BodyFactory(name="Children's Trust", parent=lsp, area=area)
    assert names(anon.get(URL, {"kind": "lsp_board"})) == ["LSP"]
    assert names(anon.get(URL, {"parent": lsp.pk})) == ["Children's Trust"]
    assert names(anon.get(URL, {"area": area.pk})) == ["Children's Trust"]
    assert names(anon.get(URL, {"current": "true"})) == ["Children's Trust", "LSP"]
    assert names(anon.get(URL, {"current": "false"})) == ["County partnership"]
    assert names(anon.get(URL, {"as_of": "2008-06-01"})) == ["County partnership"]
    assert county.pk not in [
        b["id"] for b in anon.get(URL, {"as_of": "2009-06-01"}).json()["results"]
    ]


def test_archived_bodies_leave_the_list_unless_asked_for(api):
    BodyFactory(name="Live")
    gone = BodyFactory(name="Gone")
    Body.objects.filter(pk=gone.pk).update(archived_on=dt.datetime(2010, 1, 1, tzinfo=dt.UTC))
    assert names(api.get(URL)) == ["Live"]
    assert names(api.get(URL, {"include_archived": "true"})) == ["Gone", "Live"]
    assert api.get(f"{URL}/{gone.pk}").json()["archived_on"] is not None


def test_detail_has_etag_and_links(anon):
    old = BodyFactory(name="Old", ended_on=dt.date(2009, 3, 31), established_on=None)
    new = BodyFactory(name="New")
    old.successors.add(new)
    response = anon.get(f"{URL}/{old.pk}")
    assert response.status_code == 200
    assert response["ETag"] == f'"{old.pk}-1"'
    data = response.json()
    assert data["successor_ids"] == [new.pk]
    assert data["etag"] == response["ETag"]
    assert anon.get(f"{URL}/{new.pk}").json()["predecessor_ids"] == [old.pk]


def test_unknown_id_is_404_problem(anon):
    assert_problem(anon.get(f"{URL}/999999"), 404)
    assert_problem(anon.get(f"{URL}/not-a-number"), 404)


def test_create_returns_201_location_and_etag(api):
    parent = BodyFactory()
    area = AreaFactory()
    response = api.post(
        URL,
        {
            "name": "Safer Communities Partnership",
            "kind": "thematic",
            "parent_id": parent.pk,
            "area_id": area.pk,
            "meeting_cycle": "quarterly",
            "established_on": "2009-04-01",
        },
    )
    assert response.status_code == 201, response.content
    body = Body.objects.get(name="Safer Communities Partnership")
    assert response["Location"] == f"{URL}/{body.pk}"
    assert response["ETag"] == body.etag
    assert response.json()["parent_id"] == parent.pk
    assert body.created_by is not None and body.history.count() == 1


def test_create_needs_a_token(anon):
    response = anon.post(URL, {"name": "X", "kind": "thematic"})
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not Body.objects.exists()


def test_a_bad_token_is_401_even_for_reads(db):
    from tests.api.conftest import ApiClient

    assert_problem(ApiClient("acc_not-a-real-token").get(URL), 401)


def test_create_is_for_managers_only(user_client):
    assert_problem(user_client().post(URL, {"name": "X", "kind": "thematic"}), 403)
    assert not Body.objects.exists()


def test_create_with_bad_fields_is_422_naming_each_field(api):
    response = api.post(URL, {"kind": "committee", "established_on": "soon", "colour": "red"})
    assert_problem(response, 422, "name", "kind", "established_on", "colour")
    assert not Body.objects.exists()


def test_create_with_unknown_references_writes_nothing(api):
    response = api.post(
        URL, {"name": "X", "kind": "thematic", "parent_id": 9999, "successor_ids": [9998]}
    )
    assert_problem(response, 422, "parent_id", "successor_ids")
    assert not Body.objects.exists()


def test_create_breaking_a_rule_is_422_naming_the_field(api):
    response = api.post(
        URL,
        {"name": "X", "kind": "thematic", "established_on": "2010-01-01", "ended_on": "2009-01-01"},
    )
    assert_problem(response, 422, "ended_on")
    assert not Body.objects.exists()


def test_invalid_json_is_400_problem(api):
    assert_problem(api.post(URL, "{not json"), 400)


def test_etag_round_trip_and_stale_edit(api):
    body = BodyFactory(name="Before")
    etag = api.get(f"{URL}/{body.pk}")["ETag"]
    first = api.patch(f"{URL}/{body.pk}", {"name": "After"}, headers={"If-Match": etag})
    assert first.status_code == 200, first.content
    assert first["ETag"] == f'"{body.pk}-2"' != etag
    assert first.json()["name"] == "After"
    stale = api.patch(f"{URL}/{body.pk}", {"name": "Lost"}, headers={"If-Match": etag})
    problem = assert_problem(stale, 412, "If-Match")
    assert stale["ETag"] == first["ETag"]
    assert first["ETag"] in problem["errors"]["If-Match"][0]
    body.refresh_from_db()
    assert (body.name, body.version) == ("After", 2)


def test_update_without_if_match_is_428(api):
    body = BodyFactory(name="Before")
    assert_problem(api.patch(f"{URL}/{body.pk}", {"name": "After"}), 428, "If-Match")
    assert_problem(api.put(f"{URL}/{body.pk}", {"name": "A", "kind": "thematic"}), 428)
    assert_problem(api.post(f"{URL}/{body.pk}/archive", {"reason": "x"}), 428)
    body.refresh_from_db()
    assert body.name == "Before" and body.version == 1


def test_if_match_for_another_record_or_garbage_is_412(api):
    body, other = BodyFactory(), BodyFactory()
    for tag in (other.etag, "garbage", f'W/"{body.pk}-1"'):
        assert_problem(api.patch(f"{URL}/{body.pk}", {"name": "X"}, headers={"If-Match": tag}), 412)
    assert Body.objects.get(pk=body.pk).version == 1


def test_put_replaces_and_patch_changes_only_what_is_sent(api):
    body = BodyFactory(name="Board", purpose="Purpose", short_name="B")
    patched = api.patch(f"{URL}/{body.pk}", {"purpose": "New"}, headers={"If-Match": body.etag})
    assert patched.json()["short_name"] == "B" and patched.json()["purpose"] == "New"
    put = api.put(
        f"{URL}/{body.pk}",
        {"name": "Board", "kind": "thematic"},
        headers={"If-Match": patched["ETag"]},
    )
    assert put.status_code == 200, put.content
    assert put.json()["short_name"] == "" and put.json()["purpose"] == ""


def test_patch_null_for_a_required_field_is_422(api):
    body = BodyFactory()
    response = api.patch(f"{URL}/{body.pk}", {"name": None}, headers={"If-Match": body.etag})
    assert_problem(response, 422, "name")


def test_update_breaking_the_ancestor_rule_writes_nothing(api):
    top = BodyFactory(name="Top")
    child = BodyFactory(name="Child", parent=top)
    response = api.patch(
        f"{URL}/{top.pk}",
        {"parent_id": child.pk, "name": "Renamed"},
        headers={"If-Match": top.etag},
    )
    assert_problem(response, 422, "parent_id")
    top.refresh_from_db()
    assert (top.name, top.parent_id, top.version) == ("Top", None, 1)


def test_support_staff_may_change_their_body_but_not_others(user_client):
    body, other = BodyFactory(), BodyFactory()
    staff = MembershipFactory(body=body, role=Role.SUPPORT_STAFF)
    client = user_client(UserFactory(person=staff.person))
    ok = client.patch(f"{URL}/{body.pk}", {"purpose": "Ours"}, headers={"If-Match": body.etag})
    assert ok.status_code == 200, ok.content
    assert_problem(
        client.patch(f"{URL}/{other.pk}", {"purpose": "Theirs"}, headers={"If-Match": other.etag}),
        403,
    )
    assert_problem(client.post(URL, {"name": "X", "kind": "thematic"}), 403)


def test_archive_needs_a_reason_and_keeps_the_record(api):
    body = BodyFactory()
    assert_problem(
        api.post(f"{URL}/{body.pk}/archive", {"reason": ""}, headers={"If-Match": body.etag}),
        422,
        "reason",
    )
    response = api.post(
        f"{URL}/{body.pk}/archive", {"reason": "Recorded twice"}, headers={"If-Match": body.etag}
    )
    assert response.status_code == 200, response.content
    assert response.json()["archive_reason"] == "Recorded twice"
    assert Body.objects.filter(pk=body.pk, archived_on__isnull=False).exists()
    again = api.post(
        f"{URL}/{body.pk}/archive", {"reason": "Again"}, headers={"If-Match": response["ETag"]}
    )
    assert_problem(again, 422)


def test_archive_is_for_managers(user_client):
    body = BodyFactory()
    staff = MembershipFactory(body=body, role=Role.SUPPORT_STAFF)
    client = user_client(UserFactory(person=staff.person))
    response = client.post(
        f"{URL}/{body.pk}/archive", {"reason": "No"}, headers={"If-Match": body.etag}
    )
    assert_problem(response, 403)


def test_no_delete(api):
    body = BodyFactory()
    assert api.client.delete(f"{URL}/{body.pk}", headers=api._headers(None)).status_code == 405
    assert Body.objects.filter(pk=body.pk).exists()
