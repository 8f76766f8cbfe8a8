"""The Popolo export (`/api/v1/popolo.json`, `accord export popolo`) validates against the Popolo
JSON schemas (draft-03, copied into popolo/schemas with their SOURCE.md), and holds what we
promise: every reference resolves, bodies and partner organisations are both there, GSS codes
travel as identifiers, and the public export carries no personal data and no unpublished body."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    EmploymentFactory,
    ManagerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)
from accord.common.popolo import popolo_export
from accord.memberships.models import Role

SCHEMAS = Path(__file__).parent / "popolo" / "schemas"
BASE = "http://www.popoloproject.com/schemas/"
COLLECTIONS = {
    "persons": "person",
    "organizations": "organization",
    "memberships": "membership",
    "posts": "post",
    "areas": "area",
}


def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = json.loads(path.read_text())
        resource = Resource.from_contents(contents, default_specification=DRAFT3)
        resources.append((f"{BASE}{path.name}", resource))
        resources.append((f"{BASE}{path.name}#", resource))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft3Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft3Validator(schema, registry=REGISTRY)


def schema_errors(export: dict) -> list[str]:
    problems = []
    for key, name in COLLECTIONS.items():
        check = validator(name)
        for item in export[key]:
            for error in check.iter_errors(item):
                problems.append(f"{key} {item.get('id')}: {error.message} at {list(error.path)}")
    return problems


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def framework(db):
    """A realistic slice of Cheshire West and Chester: the reorganisation of 2009, a thematic
    partnership, an area board with its area, posts filled by office, and an unpublished group."""
    borough = AreaFactory(name="Cheshire West and Chester", kind="borough", gss_code="E06000050")
    chester_area = AreaFactory(name="Chester", kind="apb_area", parent=borough)
    ward = AreaFactory(name="Blacon", kind="ward", parent=chester_area, gss_code="E05008616")
    council = OrganisationFactory(
        name="Cheshire West and Chester Council", kind="council", gss_code="E06000050"
    )
    cva = OrganisationFactory(
        name="Chester Voluntary Action",
        sector="third",
        kind="voluntary",
        charity_number="1095082",
        company_number="04581829",
        website="https://www.chestervoluntaryaction.org.uk/",
    )
    police = OrganisationFactory(name="Cheshire Constabulary", kind="police")
    district = BodyFactory(
        name="Chester Community Strategy Partnership",
        kind="district_lsp",
        established_on=dt.date(2003, 1, 1),
        ended_on=dt.date(2009, 3, 31),
    )
    lsp = BodyFactory(
        name="West Cheshire Together",
        short_name="WCT",
        kind="lsp_board",
        area=borough,
        established_on=dt.date(2009, 4, 1),
        purpose="The local strategic partnership for Cheshire West and Chester.",
    )
    district.successors.add(lsp)
    safer = BodyFactory(name="Safer Communities Partnership", parent=lsp, area=borough)
    apb = BodyFactory(
        name="Chester Area Partnership Board", kind="apb", parent=lsp, area=chester_area
    )
    hidden = BodyFactory(
        name="Officer task group", kind="officer", parent=safer, is_published=False
    )
    commander = PostFactory(body=lsp, label="Area Commander of Police", organisation=police)
    chair = PersonFactory(name="Mike Jones", honorific="Councillor", phone="01244 000001")
    MembershipFactory(person=chair, body=lsp, role=Role.CHAIR, on_behalf_of=council)
    MembershipFactory(body=lsp, post=commander, on_behalf_of=police)
    MembershipFactory(
        body=district,
        on_behalf_of=council,
        start_date=dt.date(2003, 1, 1),
        end_date=dt.date(2009, 3, 31),
    )
    MembershipFactory(body=safer, on_behalf_of=None, role=Role.ADVISER)
    MembershipFactory(body=apb, on_behalf_of=cva)
    secret = MembershipFactory(body=hidden, person=PersonFactory(name="Hidden Officer"))
    EmploymentFactory(person=chair, organisation=council, job_title="Leader")
    return {"ward": ward, "hidden": hidden, "secret": secret, "chair": chair, "cva": cva}


def test_schemas_are_the_sixteen_popolo_files_with_their_source_note():
    assert len(list(SCHEMAS.glob("*.json"))) == 16
    assert (SCHEMAS.parent / "SOURCE.md").exists()


def test_the_validator_catches_a_broken_document():
    assert list(validator("membership").iter_errors({"start_date": "1 April 2009"}))
    assert list(validator("organization").iter_errors({"identifiers": [{"scheme": "gss"}]}))


@pytest.mark.parametrize("who", ["public", "manager"])
def test_export_validates_against_the_popolo_schemas(framework, who):
    user = AnonymousUser() if who == "public" else ManagerFactory()
    export = popolo_export(user=user)
    assert schema_errors(export) == []
    assert all(export[key] for key in COLLECTIONS)


@pytest.mark.parametrize("who", ["public", "manager"])
def test_every_reference_resolves(framework, who):
    export = popolo_export(user=AnonymousUser() if who == "public" else ManagerFactory())
    ids = {key: {item["id"] for item in export[key]} for key in COLLECTIONS}
    for key, found in ids.items():
        assert len(found) == len(export[key]), f"duplicate ids in {key}"
    for m in export["memberships"]:
        assert m["person_id"] in ids["persons"]
        assert m["organization_id"] in ids["organizations"]
        assert m["organization_id"].startswith("body-")
        assert m["on_behalf_of_id"] is None or m["on_behalf_of_id"] in ids["organizations"]
        assert m["post_id"] is None or m["post_id"] in ids["posts"]
        assert m["role"]
    for org in export["organizations"]:
        assert org.get("parent_id") is None or org["parent_id"] in ids["organizations"]
        assert org.get("area_id") is None or org["area_id"] in ids["areas"]
        assert org["classification"]
    for post in export["posts"]:
        assert post["organization_id"] in ids["organizations"]
    for area in export["areas"]:
        assert area["parent_id"] is None or area["parent_id"] in ids["areas"]


def test_required_content_is_present(framework):
    export = popolo_export(user=AnonymousUser())
    orgs = {o["name"]: o for o in export["organizations"]}
    # bodies and partner organisations side by side
    assert orgs["West Cheshire Together"]["id"].startswith("body-")
    assert orgs["Cheshire Constabulary"]["id"].startswith("organisation-")
    lsp = orgs["West Cheshire Together"]
    assert lsp["founding_date"] == "2009-04-01"
    assert lsp["other_names"] == [{"name": "WCT", "note": "short name"}]
    assert orgs["Safer Communities Partnership"]["parent_id"] == lsp["id"]
    assert orgs["Chester Community Strategy Partnership"]["dissolution_date"] == "2009-03-31"
    assert {"scheme": "GB-CHC", "identifier": "1095082"} in orgs["Chester Voluntary Action"][
        "identifiers"
    ]
    assert {"scheme": "GB-COH", "identifier": "04581829"} in orgs["Chester Voluntary Action"][
        "identifiers"
    ]
    assert {"scheme": "gss", "identifier": "E06000050"} in orgs[
        "Cheshire West and Chester Council"
    ]["identifiers"]
    areas = {a["name"]: a for a in export["areas"]}
    assert areas["Blacon"]["identifiers"] == [{"scheme": "gss", "identifier": "E05008616"}]
    assert areas["Blacon"]["parent_id"] == areas["Chester"]["id"]
    assert lsp["area_id"] == areas["Cheshire West and Chester"]["id"]
    chairs = [m for m in export["memberships"] if m["role"] == "Chair"]
    assert len(chairs) == 1 and chairs[0]["organization_id"] == lsp["id"]
    assert chairs[0]["on_behalf_of_id"] == orgs["Cheshire West and Chester Council"]["id"]
    posts = {p["label"]: p for p in export["posts"]}
    held = [m for m in export["memberships"] if m["post_id"]]
    assert held[0]["post_id"] == posts["Area Commander of Police"]["id"]
    people = {p["name"]: p for p in export["persons"]}
    assert people["Mike Jones"]["honorific_prefix"] == "Councillor"


def test_public_export_has_no_personal_data_and_no_unpublished_body(framework):
    export = popolo_export(user=AnonymousUser())
    text = json.dumps(export)
    assert "Officer task group" not in text
    assert f"membership-{framework['secret'].pk}" not in text
    assert "01244 000001" not in text and "@example.org" not in text
    for person in export["persons"]:
        assert "email" not in person and person["contact_details"] == []


def test_manager_export_has_contact_details_and_every_body(framework):
    export = popolo_export(user=ManagerFactory())
    people = {p["name"]: p for p in export["persons"]}
    chair = people["Mike Jones"]
    assert chair["email"] == framework["chair"].email
    assert {"type": "voice", "value": "01244 000001"} in chair["contact_details"]
    assert "Officer task group" in {o["name"] for o in export["organizations"]}


def test_the_api_serves_the_public_export(framework, client):
    response = client.get("/api/v1/popolo.json")
    assert response.status_code == 200
    data = response.json()
    assert schema_errors(data) == []
    assert "Officer task group" not in response.content.decode()
