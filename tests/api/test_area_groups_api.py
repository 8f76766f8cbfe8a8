"""/api/v1/area-groups: comparator and named groups with their members' codes, read only."""

from accord.areas.models import AreaGroup, AreaGroupKind
from accord.common.factories import AreaFactory
from tests.api.conftest import assert_problem


def _group(name, kind, anchor=None, members=()):
    group = AreaGroup.objects.create(name=name, kind=kind, anchor=anchor, source="test")
    group.members.set(members)
    return group


def _fixture():
    borough = AreaFactory(name="Cheshire West and Chester", kind="borough", gss_code="E06000050")
    east = AreaFactory(name="Cheshire East", kind="borough", gss_code="E06000049")
    warrington = AreaFactory(name="Warrington", kind="borough", gss_code="E06000007")
    ward = AreaFactory(name="Blacon", kind="ward", gss_code="", parent=borough)
    neighbours = _group(
        "Nearest neighbours of Cheshire West and Chester",
        AreaGroupKind.COMPARATOR,
        anchor=borough,
        members=[warrington, east],
    )
    named = _group("Blacon target footprint", AreaGroupKind.NAMED, members=[ward, borough])
    return borough, east, ward, neighbours, named


def test_list_shows_members_and_their_codes(anon, django_assert_max_num_queries):
    borough, east, ward, neighbours, named = _fixture()
    for n in range(5):
        _group(f"Group {n}", AreaGroupKind.NAMED, members=[east, ward])
    with django_assert_max_num_queries(3):
        response = anon.get("/api/v1/area-groups")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == 7
    first = next(g for g in body["results"] if g["id"] == neighbours.pk)
    assert first["kind"] == "comparator"
    assert first["anchor"] == {
        "id": borough.pk,
        "name": "Cheshire West and Chester",
        "kind": "borough",
        "gss_code": "E06000050",
    }
    assert [m["name"] for m in first["members"]] == ["Cheshire East", "Warrington"]
    assert first["member_codes"] == ["E06000049", "E06000007"]
    footprint = next(g for g in body["results"] if g["id"] == named.pk)
    assert footprint["anchor"] is None
    assert footprint["member_codes"] == ["E06000050"]  # the ward has no GSS code


def test_filters(anon):
    borough, east, ward, neighbours, named = _fixture()

    def ids(params):
        response = anon.get("/api/v1/area-groups", params)
        assert response.status_code == 200, response.content
        return sorted(g["id"] for g in response.json()["results"])

    assert ids({"kind": "comparator"}) == [neighbours.pk]
    assert ids({"kind": "named"}) == [named.pk]
    assert ids({"anchor": borough.pk}) == [neighbours.pk]
    assert ids({"anchor_code": "e06000050"}) == [neighbours.pk]
    assert ids({"member": east.pk}) == [neighbours.pk]
    assert ids({"member": borough.pk}) == [named.pk]
    assert ids({"anchor": east.pk}) == []
    assert_problem(anon.get("/api/v1/area-groups", {"kind": "similar"}), 400, "kind")


def test_archived_groups_only_when_asked(anon):
    *_, neighbours, named = _fixture()
    AreaGroup.objects.filter(pk=named.pk).update(archived_on="2026-01-01T00:00:00Z")
    listed = anon.get("/api/v1/area-groups").json()["results"]
    assert [g["id"] for g in listed] == [neighbours.pk]
    listed = anon.get("/api/v1/area-groups", {"include_archived": "true"}).json()["results"]
    assert sorted(g["id"] for g in listed) == sorted([neighbours.pk, named.pk])


def test_detail_has_etag_and_unknown_is_404(anon):
    *_, neighbours, _named = _fixture()
    response = anon.get(f"/api/v1/area-groups/{neighbours.pk}")
    assert response.status_code == 200
    assert response["ETag"] == f'"{neighbours.pk}-1"'
    assert response.json()["name"] == "Nearest neighbours of Cheshire West and Chester"
    assert_problem(anon.get(f"/api/v1/area-groups/{neighbours.pk + 1000}"), 404)


def test_groups_are_read_only(api):
    *_, neighbours, _named = _fixture()
    assert api.post("/api/v1/area-groups", {"name": "x"}).status_code == 405
    assert api.patch(f"/api/v1/area-groups/{neighbours.pk}", {"name": "x"}).status_code == 405
