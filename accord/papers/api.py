"""/api/v1/papers: papers and reports laid before the partnership's bodies, with the cover sheet
of seed 003 and their files as numbered versions.

Anyone sees the public papers of published bodies (or of none); a body's current members see
its other papers too, and partnership managers all of them. Files are uploaded as multipart
(`POST /papers/{id}/files`, field `file`): the content must match the name's type (PDF, Word,
Excel, OpenDocument text, CSV, plain text, PNG or JPEG) and stay under the upload limit; each
upload is the next version. A file is downloaded from its `download_url`, always as an
attachment."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile

from accord.bodies.selectors import visible_bodies
from accord.common.api import (
    CREATE_ERRORS,
    LIST_ERRORS,
    UPDATE_ERRORS,
    ApiProblem,
    CleanText,
    Id,
    InputSchema,
    ListParams,
    Meta,
    PathId,
    RecordDocs,
    RecordEndpoints,
    caller,
    declare_record_endpoints,
    meta,
    page_schema,
    paginate,
    patch_schema,
    read_auth,
    require_perm,
    resolve,
    with_etag,
    write_auth,
)
from accord.meetings.api import Viewer, named_errors
from accord.papers import selectors
from accord.papers.models import Paper, PaperFile
from accord.papers.services import paper_add_file, paper_archive, paper_create, paper_update
from accord.people.models import Person

router = Router(tags=["papers"])

LongText = Annotated[CleanText, Field(max_length=50000)]
Purpose = Literal["", "decision", "information", "discussion", "consultation"]
ALIASES = {"body": "body_id", "author": "author_id", "__all__": "non_field_errors"}
UPLOAD_ERRORS = {k: v for k, v in UPDATE_ERRORS.items() if k not in (412, 428)}


class PaperFileOut(Schema):
    id: int
    revision: int = Field(description="1 for the first file, then 2, 3 …")
    original_name: str
    content_type: str
    size: int = Field(description="In bytes.")
    sha256: str
    note: str
    uploaded_on: dt.datetime
    download_url: str = Field(description="Served as an attachment, never shown inline.")


class PaperOut(Meta):
    id: int
    title: str = Field(description="Report title.")
    description: str
    purpose: Purpose = Field(description="For decision, information, discussion or consultation.")
    purpose_text: str = Field(description="Document purpose, as the cover sheet puts it.")
    circulation: str = Field(description="Circulation list.")
    decision_required: str = Field(description="Decision or action required.")
    author_id: int | None
    author_text: str = Field(description="The author as recorded, e.g. a job title.")
    contact_details: str
    published_on: dt.date | None = Field(description="Publication date.")
    target_audience: str
    cross_reference: str
    body_id: int | None
    is_public: bool
    snapshot_kind: str = Field(description="What the frozen content is, e.g. exception_report.")
    snapshot_taken_on: dt.date | None
    snapshot: Any = Field(
        description="Content frozen on `snapshot_taken_on` (e.g. the exception report's figures "
        "as the meeting saw them); null for most papers."
    )
    is_illustrative: bool = Field(
        description="An example written for the demonstration, not a real paper."
    )
    files: list[PaperFileOut] = Field(description="Its files, latest version first.")
    agenda_item_ids: list[int] = Field(
        description="The agenda items that considered it, as the caller may see them."
    )


PaperPage = page_schema(PaperOut, "PaperPage")


class PaperIn(InputSchema):
    title: Annotated[CleanText, Field(min_length=1, max_length=300)] = Field(
        ..., description="Report title."
    )
    description: LongText = ""
    purpose: Purpose = ""
    purpose_text: LongText = Field("", description="Document purpose, as the cover sheet has it.")
    circulation: LongText = ""
    decision_required: LongText = ""
    author_id: Id | None = None
    author_text: Annotated[CleanText, Field(max_length=300)] = ""
    contact_details: LongText = ""
    published_on: dt.date | None = None
    target_audience: LongText = ""
    cross_reference: LongText = ""
    body_id: Id | None = Field(None, description="Left out: partnership managers only.")
    is_public: bool = True
    is_illustrative: bool = False
    source: LongText = ""


PaperPatch = patch_schema(PaperIn, "PaperPatch")


class PaperFilters(ListParams):
    body: Id | None = Field(None, description="Only the papers of this body.")
    purpose: Purpose | None = None
    is_public: bool | None = None


def _file_out(request: HttpRequest, f: PaperFile) -> dict[str, Any]:
    url = reverse("papers:file", args=[f.paper_id, f.pk])
    return {
        "id": f.pk,
        "revision": f.revision,
        "original_name": f.original_name,
        "content_type": f.content_type,
        "size": f.size,
        "sha256": f.sha256,
        "note": f.note,
        "uploaded_on": f.created_on,
        "download_url": request.build_absolute_uri(url),
    }


def _papers(v: Viewer, qs: QuerySet[Paper]) -> QuerySet[Paper]:
    """With live files and the agenda items the caller sees (two queries for any number)."""
    return qs.prefetch_related(
        Prefetch(
            "files",
            queryset=PaperFile.objects.live().order_by("-revision"),
            to_attr="api_files",
        ),
        Prefetch("agenda_items", queryset=v.items().only("pk"), to_attr="api_items"),
    )


def _out(request: HttpRequest, p: Paper) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "description": p.description,
        "purpose": p.purpose,
        "purpose_text": p.purpose_text,
        "circulation": p.circulation,
        "decision_required": p.decision_required,
        "author_id": p.author_id,
        "author_text": p.author_text,
        "contact_details": p.contact_details,
        "published_on": p.published_on,
        "target_audience": p.target_audience,
        "cross_reference": p.cross_reference,
        "body_id": p.body_id,
        "is_public": p.is_public,
        "snapshot_kind": p.snapshot_kind,
        "snapshot_taken_on": p.snapshot_taken_on,
        "snapshot": p.snapshot,
        "is_illustrative": p.is_illustrative,
        "files": [_file_out(request, f) for f in p.api_files],  # type: ignore[attr-defined]
        "agenda_item_ids": sorted(i.pk for i in p.api_items),  # type: ignore[attr-defined]
        **meta(p),
    }


def _get(request: HttpRequest, paper_id: int) -> Paper:
    v = Viewer(caller(request))
    return _papers(v, selectors.visible_papers(v.user)).get(pk=paper_id)


def _respond(request: HttpRequest, response: HttpResponse, p: Paper) -> dict[str, Any]:
    # The caller has just read or written this paper (perhaps archiving it), so it is shown
    # whatever its state; the agenda items listed are still those they may see.
    p = _papers(Viewer(caller(request)), Paper.objects.all()).get(pk=p.pk)
    with_etag(response, p)
    return _out(request, p)


def _fields(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    user = caller(request)
    refs = {
        "body_id": ("body", visible_bodies(user)),
        "author_id": ("author", Person.objects.all()),
    }
    return resolve(data, refs)


def _changes(request: HttpRequest, data: dict[str, Any], p: Paper) -> dict[str, Any]:
    fields = _fields(request, data)
    if "body" in fields and fields["body"] != p.body:
        # Moving a paper to another body needs the right to add papers there.
        require_perm(request, "papers.add_paper", fields["body"])
    return {"changes": fields}


PAPER = RecordEndpoints(
    model=Paper,
    update_service=named_errors(paper_update, ALIASES),
    archive_service=named_errors(paper_archive, ALIASES),
    respond=_respond,
    get=_get,
    prepare=_changes,
)


@router.get("", response={200: PaperPage, **LIST_ERRORS}, auth=read_auth, url_name="papers-list")
def list_papers(request: HttpRequest, filters: Query[PaperFilters]):
    """Papers, latest published first. Filter by `body`, `purpose` and `is_public`. Without a
    token: public papers only."""
    v = Viewer(caller(request))
    qs = selectors.paper_list(
        user=v.user, body=filters.body, include_archived=filters.include_archived
    )
    if filters.purpose is not None:
        qs = qs.filter(purpose=filters.purpose)
    if filters.is_public is not None:
        qs = qs.filter(is_public=filters.is_public)
    return paginate(request, _papers(v, qs), filters, lambda rows: [_out(request, p) for p in rows])


declare_record_endpoints(
    router,
    PAPER,
    module=__name__,
    noun="paper",
    path_param="paper_id",
    schema_in=PaperIn,
    schema_patch=PaperPatch,
    schema_out=PaperOut,
    docs=RecordDocs(
        put="Replace a paper's cover sheet. Needs `If-Match`.",
        archive="Archive a paper, with the reason. Needs `If-Match`.",
        detail="One paper: its cover sheet, its files with their download addresses, and its "
        "`ETag`.",
    ),
    detail_url_name="papers-detail",
)


@router.post("", response={201: PaperOut, **CREATE_ERRORS}, auth=write_auth)
def create_paper(request: HttpRequest, response: HttpResponse, payload: PaperIn):
    """Record a paper's cover sheet (the body's secretary, or managers); its files follow at
    `/papers/{id}/files`."""
    fields = _fields(request, payload.model_dump())
    require_perm(request, "papers.add_paper", fields["body"])
    p = named_errors(paper_create, ALIASES)(fields=fields, by=caller(request))
    response["Location"] = reverse("api:papers-detail", kwargs={"paper_id": p.pk})
    return Status(201, _respond(request, response, p))


@router.post(
    "/{paper_id}/files",
    response={201: PaperFileOut, **UPLOAD_ERRORS},
    auth=write_auth,
)
def upload_paper_file(
    request: HttpRequest,
    response: HttpResponse,
    paper_id: PathId,
    file: File[UploadedFile],
    note: Form[str] = "",
):
    """Attach the next version of a paper's file (multipart: `file`, and an optional `note`).
    The content must match the name's type and be under the upload limit; it is stored under a
    generated name. The answer's `Location` is its download address."""
    p = _get(request, paper_id)
    require_perm(request, "papers.add_paperfile", p)
    if "\x00" in note or len(note) > 5000:
        raise ApiProblem(
            422,
            "The request has errors: see each field.",
            errors={"note": ["Write at most 5000 characters, without NUL characters."]},
        )
    limit = settings.ACCORD_MAX_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise ApiProblem(
            422,
            "The file is too large.",
            errors={"file": [f"The file must be smaller than {limit // 2**20} MB."]},
        )
    f = named_errors(paper_add_file, ALIASES)(
        paper=p, file=file, filename=file.name or "", note=note, by=caller(request)
    )
    out = _file_out(request, f)
    response["Location"] = out["download_url"]
    return Status(201, out)
