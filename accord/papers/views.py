"""Paper pages: the list, one paper with its cover sheet, files and the meetings that considered
it, the secretary's forms, and the download of a file. Files are only ever served as
attachments, in a sandbox, so nothing uploaded is run or shown inline by the browser."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.urls import reverse_lazy

from accord.common.editing import apply_errors
from accord.common.pages import archive_page, create_page, edit_page, paginate, require_perm
from accord.common.selectors import history_for
from accord.meetings.selectors import can_see_restricted
from accord.papers import selectors, services
from accord.papers.forms import (
    PaperFileForm,
    PaperFilterForm,
    PaperForm,
    bodies_for_papers,
    is_manager,
)
from accord.papers.models import Paper, PaperFile
from accord.papers.uploads import CONTENT_TYPES, PAPER_TYPES

LIST_LABEL = "Papers"
LIST_URL = reverse_lazy("papers:list")
SNAPSHOT_KIND = re.compile(r"[a-z0-9_]{1,40}")
# "application/pdf" → "PDF", as the upload form names the accepted kinds.
TYPE_LABELS = {CONTENT_TYPES[kind]: label for kind, label in PAPER_TYPES.items()}


def paper_list(request):
    user = request.user
    form = PaperFilterForm(request.GET or None, user=user)
    body = purpose = None
    archived = False
    if form.is_valid():
        body = form.cleaned_data["body"]
        purpose = form.cleaned_data["purpose"]
        archived = bool(form.cleaned_data.get("archived"))
    papers = selectors.paper_list(user=user, body=body, include_archived=archived)
    if purpose:
        papers = papers.filter(purpose=purpose)
    page, page_range = paginate(request, papers)
    return render(
        request,
        "papers/list.html",
        {
            "page_title": LIST_LABEL,
            "breadcrumbs": [(LIST_LABEL, None)],
            "filter_form": form,
            "filtered": bool(body or purpose or archived),
            "page": page,
            "page_range": page_range,
            "can_add": can_add_papers(user),
        },
    )


def can_add_papers(user) -> bool:
    """Managers, and the secretaries of at least one body."""
    return is_manager(user) or (user.is_authenticated and bodies_for_papers(user).exists())


def snapshot_template(paper: Paper) -> str:
    """The template that shows the paper's frozen content, or "" when there is none for its
    kind (the kind is checked first, so it can only name a template in papers/)."""
    kind = paper.snapshot_kind
    if not kind or paper.snapshot is None or not SNAPSHOT_KIND.fullmatch(kind):
        return ""
    name = f"papers/_snapshot_{kind}.html"
    try:
        select_template([name])
    except TemplateDoesNotExist:
        return ""
    return name


def paper_detail(request, pk: int):
    user = request.user
    try:
        paper = selectors.paper_detail(pk=pk, user=user)
    except Paper.DoesNotExist:
        raise Http404("No such paper") from None
    # Who uploaded each version, in one query however many versions there are.
    prefetch_related_objects(paper.live_files, "created_by")
    for f in paper.live_files:
        f.type_label = TYPE_LABELS.get(f.content_type, f.content_type)
    items = [
        item
        for item in paper.shown_items
        if not item.is_restricted or can_see_restricted(user, item.meeting)
    ]
    live = not paper.is_archived
    return render(
        request,
        "papers/detail.html",
        {
            "page_title": paper.title,
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (paper.title, None)],
            "paper": paper,
            "items": items,
            "files": paper.live_files,
            "snapshot_template": snapshot_template(paper),
            "history": history_for(paper, hide={"snapshot"}),
            "can_change": live and user.has_perm("papers.change_paper", paper),
            "can_upload": live and user.has_perm("papers.add_paperfile", paper),
            "can_archive": live and user.has_perm("papers.archive_paper", paper),
        },
    )


@login_required
def paper_create(request):
    if not can_add_papers(request.user):
        raise PermissionDenied
    title = "Add a paper"
    return create_page(
        request,
        PaperForm(request.POST or None, user=request.user),
        services.paper_create,
        context={
            "page_title": title,
            "caption": LIST_LABEL,
            "intro": "The paper's cover sheet. You can upload its file once it is added.",
            "submit_label": "Add paper",
            "cancel_url": LIST_URL,
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (title, None)],
        },
        success_message="Paper added.",
    )


def _paper_for(request, pk: int, perm: str) -> Paper:
    paper = get_object_or_404(Paper, pk=pk)
    require_perm(request, perm, paper)
    return paper


def _context(paper: Paper, title: str, last: str) -> dict:
    return {
        "page_title": title,
        "caption": LIST_LABEL,
        "cancel_url": paper.get_absolute_url(),
        "breadcrumbs": [
            (LIST_LABEL, LIST_URL),
            (paper.title, paper.get_absolute_url()),
            (last, None),
        ],
    }


@login_required
def paper_edit(request, pk: int):
    paper = _paper_for(request, pk, "papers.change_paper")
    if paper.is_archived:
        messages.info(request, "This paper is archived, so it cannot be changed.")
        return redirect(paper)
    return edit_page(
        request,
        paper,
        PaperForm(request.POST or None, instance=paper, user=request.user),
        services.paper_update,
        context={**_context(paper, f"Edit {paper.title}", "Edit"), "submit_label": "Save"},
        success_message="Paper saved.",
        form_class=lambda data, instance: PaperForm(data, instance=instance, user=request.user),
    )


@login_required
def paper_archive(request, pk: int):
    paper = _paper_for(request, pk, "papers.archive_paper")
    if paper.is_archived:
        messages.info(request, "This paper is already archived.")
        return redirect(paper)
    return archive_page(
        request,
        paper,
        services.paper_archive,
        context={
            **_context(paper, f"Archive {paper.title}", "Archive"),
            "intro": "Archiving takes the paper off the list of papers. Its page, its files "
            "and its history stay readable for managers, and the agendas that listed it "
            "keep their record.",
            "submit_label": "Archive paper",
        },
        success_message="Paper archived.",
    )


@login_required
def paper_upload(request, pk: int):
    paper = _paper_for(request, pk, "papers.add_paperfile")
    if paper.is_archived:
        messages.info(request, "This paper is archived, so no file can be added.")
        return redirect(paper)
    form = PaperFileForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                saved = services.paper_add_file(
                    paper=paper,
                    file=upload,
                    filename=upload.name,
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, f"Version {saved.revision} of the file uploaded.")
                return redirect(f"{paper.get_absolute_url()}#files")
    context = _context(paper, f"Upload a file for {paper.title}", "Upload a file")
    return render(
        request, "papers/upload.html", {**context, "paper": paper, "form": form}, status=status
    )


def paper_file(request, paper_pk: int, file_pk: int):
    """One version of a paper's file, as an attachment: never rendered inline, never sniffed
    into something the browser would run."""
    revision = (
        PaperFile.objects.filter(pk=file_pk, paper_id=paper_pk)
        .values_list("revision", flat=True)
        .first()
    )
    try:
        if revision is None:
            raise PaperFile.DoesNotExist
        paper_file = selectors.paper_file_for_download(
            paper_pk=paper_pk, revision=revision, user=request.user
        )
    except PaperFile.DoesNotExist:
        raise Http404("No such file") from None
    try:
        handle = paper_file.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=paper_file.original_name,
        content_type=paper_file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    # A paper only some may read must not be kept by shared caches.
    response["Cache-Control"] = "private"
    return response
