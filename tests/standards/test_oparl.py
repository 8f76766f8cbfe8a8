"""The OParl 1.1 view (`/api/v1/oparl/…`) validates against the OParl schemas (copied into
oparl/schema with their SOURCE.md), and holds what we promise: a client that starts at the System
and follows every address reaches every object type, every address resolves, the lists page
as OParl says, and nothing but public material is there (no restricted item, private or
unpublished meeting, unpublished body, non-public paper, or anyone's contact details).

The schemas are read unchanged; in memory only, each `{"schema": "X.json"}` node (OParl's own
way of saying "an embedded X") becomes `{"$ref": "X.json"}`, so that embedded objects are
checked too, and the `date-time` and `url` formats are checked here (jsonschema knows neither
without extra packages)."""

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from accord.common.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)
from accord.meetings.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    VenueFactory,
)
from accord.meetings.models import AttendanceStatus, Capacity, MeetingStatus, Purpose
from accord.memberships.models import Role
from accord.papers.factories import PaperFactory, PaperFileFactory
from accord.papers.models import PaperPurpose

HERE = Path(__file__).parent / "oparl"
SCHEMAS = HERE / "schema"
BASE = "https://schema.oparl.org/1.1/"
SITE = "http://testserver"
API = f"{SITE}/api/v1/oparl"
TYPES = {
    "System",
    "Body",
    "Organization",
    "Person",
    "Membership",
    "Meeting",
    "AgendaItem",
    "Paper",
    "Consultation",
    "File",
    "Location",
}


# --- The validator ------------------------------------------------------------------------------


def _embed_as_ref(node: Any) -> Any:
    if isinstance(node, dict):
        if isinstance(node.get("schema"), str):
            return {"$ref": node["schema"]}
        return {key: _embed_as_ref(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_embed_as_ref(value) for value in node]
    return node


def _load() -> dict[str, dict]:
    schemas = {}
    for path in sorted(SCHEMAS.glob("*.json")):
        contents = _embed_as_ref(json.loads(path.read_text()))
        contents["$id"] = f"{BASE}{path.name}"
        schemas[path.stem] = contents
    return schemas


SCHEMA_BY_TYPE = _load()
REGISTRY = Registry().with_resources(
    (f"{BASE}{name}.json", Resource.from_contents(contents, default_specification=DRAFT7))
    for name, contents in SCHEMA_BY_TYPE.items()
)
FORMATS = FormatChecker()
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not RFC3339.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


@FORMATS.checks("url")
def _is_url(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def validator(name: str) -> Draft7Validator:
    return Draft7Validator(SCHEMA_BY_TYPE[name], registry=REGISTRY, format_checker=FORMATS)


LIST_SCHEMA = {
    "type": "object",
    "required": ["data", "pagination", "links"],
    "additionalProperties": False,
    "properties": {
        "data": {"type": "array", "items": {"type": "object"}},
        "pagination": {
            "type": "object",
            "required": ["totalElements", "elementsPerPage", "currentPage", "totalPages"],
            "additionalProperties": False,
            "properties": {
                key: {"type": "integer", "minimum": 0}
                for key in ("totalElements", "elementsPerPage", "currentPage", "totalPages")
            },
        },
        "links": {
            "type": "object",
            "required": ["first", "self", "last"],
            "additionalProperties": False,
            "properties": {
                key: {"type": "string", "format": "url"}
                for key in ("first", "prev", "self", "next", "last")
            },
        },
    },
}


def object_errors(obj: dict) -> list[str]:
    name = obj.get("type", "").removeprefix(BASE)
    if name not in SCHEMA_BY_TYPE:
        return [f"{obj.get('id')}: unknown type {obj.get('type')!r}"]
    return [
        f"{obj.get('id')}: {error.message} at {list(error.path)}"
        for error in validator(name).iter_errors(obj)
    ]


def list_errors(page: dict) -> list[str]:
    check = Draft7Validator(LIST_SCHEMA, format_checker=FORMATS)
    problems = [f"list: {error.message} at {list(error.path)}" for error in check.iter_errors(page)]
    for obj in page.get("data", []):
        problems += object_errors(obj)
    return problems


# --- Crawling as a client would ---------------------------------------------------------------


def _addresses(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set().union(*(_addresses(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_addresses(v) for v in node)) if node else set()
    if isinstance(node, str) and node.startswith(API):
        return {node.split("#")[0]}
    return set()


def _embedded(node: Any, found: list[dict], top: bool = True) -> None:
    """Collect the objects embedded in `node` (not `node` itself)."""
    if isinstance(node, dict):
        if not top and "id" in node and "type" in node:
            found.append(node)
        for value in node.values():
            _embedded(value, found, top=False)
    elif isinstance(node, list):
        for value in node:
            _embedded(value, found, top=False)


class Crawl:
    """Everything a client reaches from the System, following every address, with lists read
    two objects a page so that paging is followed too."""

    def __init__(self, client):
        self.client = client
        self.responses: dict[str, Any] = {}
        self.objects: dict[str, dict] = {}
        self.embedded: list[dict] = []
        self.problems: list[str] = []
        self.text = ""
        queue = [f"{API}/system"]
        while queue:
            url = queue.pop()
            if url in self.responses:
                continue
            response = client.get(self._small_pages(url).removeprefix(SITE))
            if response.status_code != 200:
                self.problems.append(f"{url}: {response.status_code}")
                self.responses[url] = None
                continue
            assert response["Content-Type"] == "application/json; charset=utf-8"
            self.text += response.content.decode()
            payload = response.json()
            self.responses[url] = payload
            if "data" in payload:
                self.problems += list_errors(payload)
                objects = payload["data"]
                queue += [payload["links"][k] for k in ("next", "prev") if k in payload["links"]]
            else:
                self.problems += object_errors(payload)
                objects = [payload]
            for obj in objects:
                if not str(obj.get("id", "")).startswith(API):
                    self.problems.append(f"{obj.get('id')}: not an address of this server")
                self.objects.setdefault(obj["id"], obj)
                _embedded(obj, self.embedded)
            queue += sorted(_addresses(payload) - set(self.responses))

    @staticmethod
    def _small_pages(url: str) -> str:
        path = url.removeprefix(API)
        if "?" not in url and (path == "/body" or re.fullmatch(r"/body/\d+/\w+", path)):
            return f"{url}?limit=2"
        return url

    def of_type(self, name: str) -> list[dict]:
        return [o for o in self.objects.values() if o["type"] == BASE + name] + [
            o for o in self.embedded if o["type"] == BASE + name
        ]

    def ids(self) -> set[str]:
        return set(self.objects) | {o["id"] for o in self.embedded}


# --- A partnership with public and private material ---------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def partnership(db, media):
    """West Cheshire Together with its Thematic Leads group (27 April 2009, seed 004: the
    details are illustrative), a hidden task group, and meetings, items and papers the public
    may and may not see."""
    council = OrganisationFactory(name="Cheshire West and Chester Council")
    cva = OrganisationFactory(
        name="Chester Voluntary Action",
        sector="third",
        kind="voluntary",
        website="https://www.chestervoluntaryaction.org.uk/",
    )
    lsp = BodyFactory(name="West Cheshire Together", short_name="WCT", kind="lsp_board")
    leads = BodyFactory(name="LSP Thematic Leads", parent=lsp)
    hidden = BodyFactory(name="Officer task group", parent=leads, is_published=False)
    chair = PersonFactory(name="Mike Jones", honorific="Councillor", phone="01244 000001")
    officer = PersonFactory(name="Lisa Harris", phone="01244 000002")
    apologies = PersonFactory(name="Sent Apologies")
    MembershipFactory(person=chair, body=leads, role=Role.CHAIR, on_behalf_of=council)
    MembershipFactory(person=officer, body=leads, on_behalf_of=cva, has_vote=False)
    secret_membership = MembershipFactory(body=hidden, person=officer)
    venue = VenueFactory(
        name="Room 1, Headquarters", address="58 Nicholas Street\nChester", postcode="CH1 2NP"
    )

    agreed = MeetingFactory(
        body=leads,
        title="LSP Thematic Leads",
        date=dt.date(2009, 4, 27),
        venue=venue,
        status=MeetingStatus.MINUTES_AGREED,
    )
    report = PaperFactory(
        title="Performance exceptions", body=leads, author=officer, purpose=PaperPurpose.DECISION
    )
    PaperFileFactory(paper=report, revision=1, original_name="exceptions.pdf")
    newest = PaperFileFactory(paper=report, revision=2, original_name="exceptions-v2.pdf")
    welcome = AgendaItemFactory(meeting=agreed, number=1, title="Welcome and apologies")
    exceptions = AgendaItemFactory(
        meeting=agreed,
        number=2,
        title="Exception report",
        purpose=Purpose.DECISION,
        papers=[report],
    )
    DecisionFactory(item=exceptions, text="The exception report was agreed.")
    secret_paper = PaperFactory(title="Staffing options", body=leads, is_public=False)
    restricted = AgendaItemFactory(
        meeting=agreed,
        number=3,
        title="Staffing (exempt)",
        is_restricted=True,
        papers=[secret_paper, report],
    )
    DecisionFactory(item=restricted, text="Option B was chosen for staffing.")
    AttendanceFactory(meeting=agreed, person=chair, organisation=council, capacity=Capacity.CHAIR)
    AttendanceFactory(meeting=agreed, person=officer, organisation=cva)
    AttendanceFactory(meeting=agreed, person=apologies, status=AttendanceStatus.APOLOGIES)

    upcoming = MeetingFactory(
        body=leads,
        title="",
        date=dt.date(2009, 5, 18),
        start_time=None,
        end_time=None,
        venue=None,
        venue_text="Council Chamber, Town Hall",
    )
    minutes = AgendaItemFactory(
        meeting=upcoming, number=1, title="Minutes and matters arising", papers=[report]
    )
    DecisionFactory(item=minutes, text="Not yet agreed: draft decision.")
    AttendanceFactory(meeting=upcoming, person=apologies)
    cancelled = MeetingFactory(
        body=lsp,
        date=dt.date(2009, 6, 1),
        status=MeetingStatus.CANCELLED,
        cancelled_reason="Not quorate.",
    )

    private = MeetingFactory(body=leads, title="Private session", is_public=False)
    private_item = AgendaItemFactory(meeting=private, number=1, papers=[report])
    scheduled = MeetingFactory(body=leads, title="In preparation", status=MeetingStatus.SCHEDULED)
    hidden_meeting = MeetingFactory(body=hidden, title="Task group meeting")
    archived = MeetingFactory(body=leads, title="Entered twice", archived_on=timezone.now())
    hidden_paper = PaperFactory(title="Task group paper", body=hidden)
    return {
        "lsp": lsp,
        "leads": leads,
        "hidden": hidden,
        "council": council,
        "cva": cva,
        "chair": chair,
        "officer": officer,
        "apologies": apologies,
        "agreed": agreed,
        "upcoming": upcoming,
        "cancelled": cancelled,
        "welcome": welcome,
        "exceptions": exceptions,
        "minutes": minutes,
        "report": report,
        "newest": newest,
        "venue": venue,
        "secret": {
            "membership": secret_membership,
            "paper": secret_paper,
            "restricted": restricted,
            "private": private,
            "private_item": private_item,
            "scheduled": scheduled,
            "hidden_meeting": hidden_meeting,
            "archived": archived,
            "hidden_paper": hidden_paper,
        },
    }


@pytest.fixture
def crawl(partnership, client):
    return Crawl(client)


def url(kind: str, pk: int) -> str:
    return f"{API}/{kind}/{pk}"


# --- The schemas and the validator -------------------------------------------------------------


def test_schemas_are_the_twelve_oparl_files_with_their_source_note_and_licence():
    assert len(list(SCHEMAS.glob("*.json"))) == 12
    assert (SCHEMAS / "strings.yml").exists()
    note = (HERE / "SOURCE.md").read_text()
    assert "CC BY-SA 4.0" in note
    assert "9a2719dc3ecb93bd03805777e8dd7feffe938c5f" in note


def test_the_validator_catches_broken_objects():
    meeting = {
        "id": f"{API}/meeting/1",
        "type": f"{BASE}Meeting",
        "start": "2009-04-27T14:30:00+01:00",
    }
    assert object_errors(meeting) == []
    # An embedded agenda item without `order` (required since 1.1) is caught through the $ref.
    embedded = {
        **meeting,
        "agendaItem": [{"id": f"{API}/agendaitem/1", "type": f"{BASE}AgendaItem"}],
    }
    assert object_errors(embedded)
    assert object_errors({**meeting, "start": "27 April 2009 14:30"})
    assert object_errors({**meeting, "id": "meeting-1"})
    assert object_errors({**meeting, "type": f"{BASE}Sitzung"})
    assert object_errors({"id": f"{API}/system", "type": f"{BASE}System"})
    assert list_errors({"data": [], "pagination": {}, "links": {}})


# --- The whole view, as a client reads it ------------------------------------------------------


def test_every_object_and_list_validates_against_the_oparl_schemas(crawl):
    assert crawl.problems == []
    assert {o["type"].removeprefix(BASE) for o in crawl.objects.values()} == TYPES
    assert {o["type"].removeprefix(BASE) for o in crawl.embedded} >= {
        "Membership",
        "AgendaItem",
        "Consultation",
        "File",
        "Location",
    }
    for embedded in crawl.embedded:
        assert object_errors(embedded) == []


def test_embedded_objects_are_the_objects_their_addresses_give(crawl):
    checked = 0
    for embedded in crawl.embedded:
        own = crawl.responses.get(embedded["id"])
        if own is not None:
            assert own == embedded
            checked += 1
    assert checked >= 5


def test_the_system_leads_to_the_partnership_and_its_lists(crawl, settings):
    system = crawl.responses[f"{API}/system"]
    assert system["oparlVersion"] == "https://schema.oparl.org/1.1/"
    bodies = crawl.responses[f"{API}/body"]
    assert [b["id"] for b in bodies["data"]] == [f"{API}/body/1"]
    body = crawl.responses[f"{API}/body/1"]
    assert body["name"] == settings.ACCORD_PARTNERSHIP_NAME
    assert body["legislativeTerm"] == []
    assert body["meeting"] == f"{API}/body/1/meeting"


def test_public_material_only(partnership, crawl, client):
    secret = partnership["secret"]
    hidden = {
        url("membership", secret["membership"].pk),
        url("paper", secret["paper"].pk),
        url("paper", secret["hidden_paper"].pk),
        url("agendaitem", secret["restricted"].pk),
        url("agendaitem", secret["private_item"].pk),
        url("organization", partnership["hidden"].pk),
        *(url("meeting", secret[k].pk) for k in ("private", "scheduled", "hidden_meeting")),
        url("meeting", secret["archived"].pk),
    }
    assert not hidden & crawl.ids()
    for address in hidden:
        assert client.get(address.removeprefix(SITE)).status_code == 404
    for words in ("Staffing", "Option B", "Private session", "Task group", "Entered twice"):
        assert words not in crawl.text
    for person in ("chair", "officer", "apologies"):
        assert partnership[person].email not in crawl.text
    assert "01244" not in crawl.text
    # Only the meetings the public may see consider the report.
    paper = crawl.objects[url("paper", partnership["report"].pk)]
    assert sorted(c["agendaItem"] for c in paper["consultation"]) == sorted(
        [
            url("agendaitem", partnership["exceptions"].pk),
            url("agendaitem", partnership["minutes"].pk),
        ]
    )


def test_decisions_and_who_was_present_only_once_the_minutes_are_agreed(partnership, crawl):
    agreed = crawl.objects[url("meeting", partnership["agreed"].pk)]
    # Present only, not those who sent apologies; by name.
    assert agreed["participant"] == [
        url("person", partnership["officer"].pk),
        url("person", partnership["chair"].pk),
    ]
    item = crawl.objects[url("agendaitem", partnership["exceptions"].pk)]
    assert item["resolutionText"] == "The exception report was agreed."
    assert item["consultation"].startswith(f"{API}/consultation/")
    upcoming = crawl.objects[url("meeting", partnership["upcoming"].pk)]
    assert "participant" not in upcoming
    assert "resolutionText" not in upcoming["agendaItem"][0]
    assert "draft decision" not in crawl.text


def test_meetings_carry_time_place_state_and_order(partnership, crawl):
    agreed = crawl.objects[url("meeting", partnership["agreed"].pk)]
    assert agreed["start"] == "2009-04-27T14:30:00+01:00"
    assert agreed["end"] == "2009-04-27T16:00:00+01:00"
    assert agreed["location"]["id"] == url("location", partnership["venue"].pk)
    assert agreed["location"]["postalCode"] == "CH1 2NP"
    assert agreed["organization"] == [url("organization", partnership["leads"].pk)]
    assert [(i["number"], i["order"]) for i in agreed["agendaItem"]] == [("1", 1), ("2", 2)]
    upcoming = crawl.objects[url("meeting", partnership["upcoming"].pk)]
    assert upcoming["name"] == "LSP Thematic Leads meeting"
    assert upcoming["start"] == "2009-05-18T00:00:00+01:00"
    assert upcoming["keyword"] == ["time not recorded"]
    assert "end" not in upcoming
    assert upcoming["location"]["room"] == "Council Chamber, Town Hall"
    assert upcoming["location"]["id"] == url("meeting", partnership["upcoming"].pk) + "#location"
    cancelled = crawl.objects[url("meeting", partnership["cancelled"].pk)]
    assert cancelled["cancelled"] is True
    assert agreed["cancelled"] is False


def test_papers_carry_their_newest_file_author_and_body(partnership, crawl):
    paper = crawl.objects[url("paper", partnership["report"].pk)]
    assert paper["mainFile"]["id"] == url("file", partnership["newest"].pk)
    assert paper["mainFile"]["fileName"] == "exceptions-v2.pdf"
    assert paper["mainFile"]["mimeType"] == "application/pdf"
    assert paper["originatorPerson"] == [url("person", partnership["officer"].pk)]
    assert paper["underDirectionOf"] == [url("organization", partnership["leads"].pk)]
    assert paper["body"] == f"{API}/body/1"
    assert paper["paperType"] == "For decision"
    decision = next(c for c in paper["consultation"] if c["authoritative"])
    assert decision["meeting"] == url("meeting", partnership["agreed"].pk)
    assert decision["role"] == "For decision"


def test_organizations_and_memberships(partnership, crawl):
    leads = crawl.objects[url("organization", partnership["leads"].pk)]
    assert leads["subOrganizationOf"] == url("organization", partnership["lsp"].pk)
    assert len(leads["membership"]) == 2
    cva = crawl.objects[f"{API}/organization/partner/{partnership['cva'].pk}"]
    assert cva["website"] == "https://www.chestervoluntaryaction.org.uk/"
    officer = crawl.objects[url("person", partnership["officer"].pk)]
    (seat,) = officer["membership"]
    assert seat["onBehalfOf"] == f"{API}/organization/partner/{partnership['cva'].pk}"
    assert seat["votingRight"] is False
    chair = crawl.objects[url("person", partnership["chair"].pk)]
    assert chair["formOfAddress"] == "Councillor"
    assert "email" not in chair and "phone" not in chair


# --- Lists --------------------------------------------------------------------------------------


def test_lists_page_with_links_both_ways(partnership, client):
    first = client.get("/api/v1/oparl/body/1/meeting", {"limit": 2}).json()
    assert first["pagination"] == {
        "totalElements": 3,
        "elementsPerPage": 2,
        "currentPage": 1,
        "totalPages": 2,
    }
    assert "prev" not in first["links"]
    second = client.get(first["links"]["next"].removeprefix(SITE)).json()
    assert second["links"]["prev"] == first["links"]["self"]
    assert "next" not in second["links"]
    assert second["links"]["last"] == second["links"]["self"]
    ids = [m["id"] for m in first["data"] + second["data"]]
    assert len(set(ids)) == 3
    beyond = client.get("/api/v1/oparl/body/1/meeting", {"limit": 2, "page": 9}).json()
    assert beyond["data"] == []
    assert list_errors(beyond) == []


def test_lists_filter_by_when_objects_were_created_and_modified(partnership, client):
    future = (timezone.now() + dt.timedelta(days=1)).isoformat()
    past = "2001-01-01T00:00:00+00:00"
    path = "/api/v1/oparl/body/1/paper"
    assert client.get(path).json()["pagination"]["totalElements"] == 1
    assert client.get(path, {"created_since": future}).json()["data"] == []
    assert client.get(path, {"modified_until": past}).json()["data"] == []
    kept = client.get(path, {"modified_since": past, "limit": 1}).json()
    assert len(kept["data"]) == 1
    # The filters travel with the paging links.
    assert "modified_since=" in kept["links"]["self"]
    assert "limit=1" in kept["links"]["self"]


def test_organisation_list_holds_bodies_then_partners_across_pages(partnership, client):
    seen = []
    address = "/api/v1/oparl/body/1/organization?limit=3"
    while address:
        page = client.get(address).json()
        assert list_errors(page) == []
        seen += [o["id"] for o in page["data"]]
        address = page["links"].get("next", "").removeprefix(SITE)
    bodies = [url("organization", partnership[k].pk) for k in ("lsp", "leads")]
    assert seen[:2] == bodies
    partners = [o for o in seen if "/partner/" in o]
    assert len(partners) == len(seen) - 2 >= 2
    assert len(set(seen)) == len(seen)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/oparl/body/2",
        "/api/v1/oparl/body/2/meeting",
        "/api/v1/oparl/meeting/999999",
        "/api/v1/oparl/file/999999",
    ],
)
def test_unknown_addresses_are_not_found(db, client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_bad_list_parameters_are_refused(db, client):
    assert client.get("/api/v1/oparl/body/1/person", {"limit": 0}).status_code == 400
    assert client.get("/api/v1/oparl/body/1/person", {"created_since": "soon"}).status_code == 400


def test_any_web_page_may_read_the_view(db, client):
    response = client.get("/api/v1/oparl/system")
    assert response["Access-Control-Allow-Origin"] == "*"
