"""/api/v1/papers: public papers for everyone, the body's other papers for its members; the
cover sheet written by the body's secretary with If-Match; files uploaded as numbered versions,
checked by their content. The papers and files made here are illustrative test records."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accord.common.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory
from accord.meetings.factories import AgendaItemFactory, MeetingFactory
from accord.papers.factories import PDF_BYTES, PaperFactory, PaperFileFactory
from accord.papers.models import Paper, PaperFile
from tests.api.conftest import assert_problem

URL = "/api/v1/papers"


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(r["id"] for r in response.json()["results"])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def body(db):
    return BodyFactory(name="Thematic Leads Group")


@pytest.fixture
def member(body, user_client):
    m = MembershipFactory(body=body, role="member")
    return user_client(UserFactory(person=m.person))


@pytest.fixture
def secretary(body, user_client):
    m = MembershipFactory(body=body, role="support_staff")
    return user_client(UserFactory(person=m.person))


@pytest.fixture
def papers(body):
    public = PaperFactory(body=body, purpose="decision", title="Exception report")
    private = PaperFactory(body=body, is_public=False, purpose="information")
    hidden_body = PaperFactory(body=BodyFactory(is_published=False))
    no_body = PaperFactory(body=None, purpose="information")
    return public, private, hidden_body, no_body


def test_list_filters_pages_and_visibility(anon, member, api, papers):
    public, private, hidden_body, no_body = papers
    assert ids(anon.get(URL)) == sorted([public.pk, no_body.pk])
    assert ids(member.get(URL)) == sorted([public.pk, private.pk, no_body.pk])
    assert ids(api.get(URL)) == sorted(p.pk for p in papers)
    assert ids(member.get(URL, {"body": public.body_id})) == sorted([public.pk, private.pk])
    assert ids(member.get(URL, {"purpose": "information"})) == sorted([private.pk, no_body.pk])
    assert ids(api.get(URL, {"is_public": "false"})) == [private.pk]
    page = api.get(URL, {"page_size": 3}).json()
    assert page["count"] == 4 and len(page["results"]) == 3 and page["next"].endswith("page=2")
    assert_problem(api.get(URL, {"purpose": "fun"}), 400, "purpose")
    assert_problem(anon.get(f"{URL}/{private.pk}"), 404)
    assert_problem(anon.get(f"{URL}/{hidden_body.pk}"), 404)
    assert member.get(f"{URL}/{private.pk}").status_code == 200


def test_detail_gives_the_cover_sheet_files_and_visible_items(anon, member, body, papers):
    public = papers[0]
    old = PaperFileFactory(paper=public, revision=1)
    new = PaperFileFactory(paper=public, revision=2, original_name="report v2.pdf")
    meeting = MeetingFactory(body=body)
    open_item = AgendaItemFactory(meeting=meeting, number=1, papers=[public])
    closed = AgendaItemFactory(meeting=meeting, number=2, is_restricted=True, papers=[public])
    response = anon.get(f"{URL}/{public.pk}")
    assert response.status_code == 200 and response["ETag"] == public.etag
    paper = response.json()
    assert paper["title"] == "Exception report" and paper["purpose"] == "decision"
    assert {"circulation", "decision_required", "target_audience", "cross_reference"} <= set(paper)
    assert [f["revision"] for f in paper["files"]] == [2, 1]
    assert paper["files"][0]["download_url"] == "http://testserver" + reverse(
        "papers:file", args=[public.pk, new.pk]
    )
    assert paper["files"][1]["id"] == old.pk and paper["files"][1]["size"] == len(PDF_BYTES)
    assert paper["agenda_item_ids"] == [open_item.pk]
    assert member.get(f"{URL}/{public.pk}").json()["agenda_item_ids"] == sorted(
        [open_item.pk, closed.pk]
    )


def test_writing_a_cover_sheet(anon, user_client, member, secretary, body):
    payload = {
        "title": "Local Area Agreement refresh",
        "purpose": "decision",
        "purpose_text": "To agree the indicators to be put forward.",
        "circulation": "Thematic Leads",
        "decision_required": "Agree the list.",
        "author_id": PersonFactory().pk,
        "author_text": "Partnership Manager",
        "body_id": body.pk,
        "published_on": "2009-04-20",
    }
    assert_problem(anon.post(URL, payload), 401)
    assert_problem(user_client().post(URL, payload), 403)
    assert_problem(member.post(URL, payload), 403)
    assert_problem(secretary.post(URL, {**payload, "body_id": None}), 403)
    assert_problem(secretary.post(URL, {**payload, "author_id": 999999}), 422, "author_id")
    assert_problem(secretary.post(URL, {**payload, "title": ""}), 422, "title")
    assert_problem(secretary.post(URL, {**payload, "snapshot": {}}), 422, "snapshot")
    response = secretary.post(URL, payload)
    assert response.status_code == 201, response.content
    paper = Paper.objects.get(title="Local Area Agreement refresh")
    assert response["Location"] == f"{URL}/{paper.pk}" and response["ETag"] == paper.etag
    body_json = response.json()
    assert body_json["decision_required"] == "Agree the list." and body_json["files"] == []
    detail = f"{URL}/{paper.pk}"
    assert_problem(secretary.patch(detail, {"is_public": False}), 428, "If-Match")
    response = secretary.patch(detail, {"is_public": False}, headers={"If-Match": paper.etag})
    assert response.status_code == 200, response.content
    changed = response.json()
    assert changed["is_public"] is False
    assert_problem(anon.get(detail), 404)
    assert_problem(
        secretary.patch(detail, {"title": "Stale"}, headers={"If-Match": paper.etag}),
        412,
        "If-Match",
    )
    # Moving it to a body the secretary does not serve is refused.
    assert_problem(
        secretary.patch(
            detail, {"body_id": BodyFactory().pk}, headers={"If-Match": changed["etag"]}
        ),
        403,
    )
    assert_problem(
        secretary.post(f"{detail}/archive", {"reason": ""}, headers={"If-Match": changed["etag"]}),
        422,
        "reason",
    )
    response = secretary.post(
        f"{detail}/archive", {"reason": "Superseded"}, headers={"If-Match": changed["etag"]}
    )
    assert response.status_code == 200 and response.json()["archived_on"]
    assert_problem(member.get(detail), 404)


def upload(client, paper, name, content, note=""):
    data = {"file": SimpleUploadedFile(name, content)}
    if note:
        data["note"] = note
    headers = {"Authorization": f"Bearer {client.token}"} if client.token else {}
    return Client().post(f"{URL}/{paper.pk}/files", data, headers=headers)


def test_uploading_files_as_versions(anon, user_client, member, secretary, body, settings):
    paper = PaperFactory(body=body)
    assert_problem(upload(anon, paper, "report.pdf", PDF_BYTES), 401)
    assert_problem(upload(user_client(), paper, "report.pdf", PDF_BYTES), 403)
    assert_problem(upload(member, paper, "report.pdf", PDF_BYTES), 403)
    # The content must match the name: an executable called .pdf is refused.
    assert_problem(upload(secretary, paper, "report.pdf", b"MZ\x90\x00binary"), 422, "file")
    assert_problem(upload(secretary, paper, "report.exe", PDF_BYTES), 422, "file")
    assert_problem(upload(secretary, paper, "report.pdf", PDF_BYTES, note="a\x00b"), 422, "note")
    response = upload(secretary, paper, "report.pdf", PDF_BYTES, note="As circulated")
    assert response.status_code == 201, response.content
    first = response.json()
    stored = PaperFile.objects.get(pk=first["id"])
    assert (first["revision"], first["note"], first["content_type"]) == (
        1,
        "As circulated",
        "application/pdf",
    )
    assert response["Location"] == first["download_url"]
    assert stored.file.name.startswith("papers/") and "report" not in stored.file.name
    response = upload(secretary, paper, "report v2.txt", b"The revised figures.\n")
    assert response.status_code == 201, response.content
    assert response.json()["revision"] == 2
    assert [f["revision"] for f in anon.get(f"{URL}/{paper.pk}").json()["files"]] == [2, 1]
    settings.ACCORD_MAX_UPLOAD_BYTES = 10
    assert_problem(upload(secretary, paper, "report.pdf", PDF_BYTES), 422, "file")
    assert_problem(
        Client().post(
            f"{URL}/{paper.pk}/files", {}, headers={"Authorization": f"Bearer {secretary.token}"}
        ),
        422,
        "file",
    )
    assert_problem(upload(secretary, PaperFactory.build(pk=999999), "a.pdf", PDF_BYTES), 404)
