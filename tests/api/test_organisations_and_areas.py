"""/api/v1/organisations and /api/v1/areas."""

import datetime as dt

from accord.areas.models import Area
from accord.common.factories import AreaFactory, OrganisationFactory, UserFactory
from accord.organisations.models import Organisation
from tests.api.conftest import assert_problem

ORGS = "/api/v1/organisations"
AREAS = "/api/v1/areas"


def names(response):
    assert response.status_code == 200, response.content
    return [o["name"] for o in response.json()["results"]]


def test_organisations_filter_by_sector_kind_and_dates(anon):
    OrganisationFactory(name="Council", sector="public", kind="council")
    OrganisationFactory(name="Chester Voluntary Action", sector="third", kind="voluntary")
    OrganisationFactory(
        name="Chester City Council",
        sector="public",
        kind="council",
        end_date=dt.date(2009, 3, 31),
    )
    assert names(anon.get(ORGS, {"sector": "third"})) == ["Chester Voluntary Action"]
    assert names(anon.get(ORGS, {"kind": "council", "current": "true"})) == ["Council"]
    assert names(anon.get(ORGS, {"kind": "council", "as_of": "2008-01-01"})) == [
        "Chester City Council",
        "Council",
    ]
    assert_problem(anon.get(ORGS, {"sector": "fourth"}), 400, "sector")


def test_organisation_crud(api):
    created = api.post(
        ORGS,
        {
            "name": "Cheshire Fire and Rescue Service",
            "sector": "public",
            "kind": "fire",
            "website": "https://www.cheshirefire.gov.uk/",
        },
    )
    assert created.status_code == 201, created.content
    assert created["ETag"] == created.json()["etag"]
    got = api.get(created["Location"])
    assert got.json()["kind"] == "fire"
    changed = api.put(
        created["Location"],
        {"name": "Cheshire Fire", "sector": "public", "kind": "fire", "charity_number": "123"},
        headers={"If-Match": got["ETag"]},
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["website"] == "" and changed.json()["charity_number"] == "123"
    archived = api.post(
        f"{created['Location']}/archive",
        {"reason": "Merged"},
        headers={"If-Match": changed["ETag"]},
    )
    assert archived.json()["archive_reason"] == "Merged"


def test_organisation_errors(api, anon, user_client):
    assert_problem(api.post(ORGS, {"name": "X"}), 422, "sector", "kind")
    assert_problem(
        api.post(ORGS, {"name": "X", "sector": "public", "kind": "fire", "website": "nope"}),
        422,
        "website",
    )
    assert_problem(
        api.post(
            ORGS,
            {
                "name": "X",
                "sector": "public",
                "kind": "fire",
                "start_date": "2010-01-01",
                "end_date": "2009-01-01",
            },
        ),
        422,
        "end_date",
    )
    assert not Organisation.objects.exists()
    assert_problem(anon.post(ORGS, {"name": "X", "sector": "public", "kind": "fire"}), 401)
    assert_problem(
        user_client(UserFactory()).post(ORGS, {"name": "X", "sector": "public", "kind": "fire"}),
        403,
    )
    assert_problem(anon.get(f"{ORGS}/12345"), 404)


def test_areas_filter_by_parent_kind_and_code(anon):
    borough = AreaFactory(name="Cheshire West and Chester", kind="borough", gss_code="E06000050")
    AreaFactory(name="Blacon", kind="ward", parent=borough)
    AreaFactory(name="Elsewhere", kind="ward")
    assert names(anon.get(AREAS, {"parent": borough.pk})) == ["Blacon"]
    assert names(anon.get(AREAS, {"kind": "borough"})) == ["Cheshire West and Chester"]
    assert names(anon.get(AREAS, {"gss_code": "E06000050"})) == ["Cheshire West and Chester"]


def test_area_crud_and_rules(api):
    borough = AreaFactory(kind="borough")
    created = api.post(AREAS, {"name": "Chester", "kind": "apb_area", "parent_id": borough.pk})
    assert created.status_code == 201, created.content
    area = Area.objects.get(name="Chester")
    # an area cannot lie inside itself
    cycle = api.patch(
        f"{AREAS}/{borough.pk}", {"parent_id": area.pk}, headers={"If-Match": borough.etag}
    )
    assert_problem(cycle, 422, "parent_id")
    assert Area.objects.get(pk=borough.pk).parent_id is None
    assert_problem(
        api.post(AREAS, {"name": "X", "kind": "ward", "parent_id": 999}), 422, "parent_id"
    )
    assert_problem(
        api.post(AREAS, {"name": "X", "kind": "ward", "gss_code": "E0500000000"}), 422, "gss_code"
    )
    ok = api.patch(f"{AREAS}/{area.pk}", {"gss_code": "E05012345"}, headers={"If-Match": area.etag})
    assert ok.status_code == 200 and ok.json()["gss_code"] == "E05012345"
