"""Figure pages: the list with its filters and CSV export, a figure with its restatements,
evidence and history, the restate and archive forms, and importing a file with its progress.
Views stay thin: form → one service → redirect."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from accord.common.editing import apply_errors, expected_version, run_form
from accord.common.pages import archive_page, paginate, require_perm
from accord.common.selectors import history_for
from accord.observations import importing, selectors, services
from accord.observations.forms import EvidenceForm, ImportForm, ObservationFilterForm, RestateForm
from accord.observations.models import Evidence, ImportBatch, ImportStatus, Observation

LIST_URL = reverse_lazy("observations:list")
LIST_LABEL = "Figures"
IMPORT_LABEL = "Import figures"
RUNNING = {ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.LOADING}
PROBLEMS_PER_PAGE = 100


def _filters(request) -> tuple[ObservationFilterForm, dict]:
    form = ObservationFilterForm(
        request.GET or None,
        choices=selectors.filter_choices(),
        signed_in=selectors.signed_in(request.user),
    )
    filters: dict = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "indicator": data["indicator"],
            "area": data["area"],
            "period": data["period"],
            "status": data.get("status") or "",
            "provenance": data["provenance"],
            "include_restated": data["restated"],
        }
    return form, filters


def observation_list(request):
    form, filters = _filters(request)
    figures = selectors.FigurePages(selectors.observation_list(user=request.user, **filters))
    page, page_range = paginate(request, figures)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "observations/list.html",
        {
            "page_title": LIST_LABEL,
            "breadcrumbs": [(LIST_LABEL, None)],
            "filter_form": form,
            "filtered": any(filters.values()),
            "page": page,
            "page_range": page_range,
            "export_query": query.urlencode(),
            "can_import": request.user.has_perm("observations.add_importbatch"),
            "signed_in": selectors.signed_in(request.user),
        },
    )


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def observation_export(request):
    """The filtered figures as CSV, streamed however many there are."""
    _, filters = _filters(request)
    rows = selectors.export_rows(selectors.observation_list(user=request.user, **filters))
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(selectors.EXPORT_HEADER)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="figures.csv"'
    return response


def observation_detail(request, pk: int, evidence_form=None, status: int = 200):
    try:
        view = selectors.observation_detail(pk=pk, user=request.user)
    except Observation.DoesNotExist:
        raise Http404("No such figure") from None
    obs = view.observation
    user = request.user
    live = obs.is_current and not obs.is_archived
    can_add_evidence = not obs.is_archived and user.has_perm("observations.add_evidence", obs)
    return render(
        request,
        "observations/detail.html",
        {
            "page_title": f"{obs.indicator.code}: {obs.area.name}, {obs.period.code}",
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (str(obs.indicator.code), None)],
            "obs": obs,
            "view": view,
            "history": history_for(obs),
            "evidence_form": evidence_form
            if evidence_form is not None
            else (EvidenceForm() if can_add_evidence else None),
            "can_restate": live and user.has_perm("observations.change_observation", obs),
            "can_archive": live and user.has_perm("observations.archive_observation", obs),
            "batch_link": obs.batch is not None and selectors.can_see_batch(user, obs.batch),
        },
        status=status,
    )


def _current_figure(request, pk: int, perm: str) -> Observation:
    obs = get_object_or_404(
        Observation.objects.current().select_related("indicator", "area", "period"), pk=pk
    )
    require_perm(request, perm, obs)
    return obs


def _crumbs(obs: Observation, last: str) -> list:
    return [
        (LIST_LABEL, LIST_URL),
        (f"{obs.indicator.code}: {obs.area.name}, {obs.period.code}", obs.get_absolute_url()),
        (last, None),
    ]


@login_required
def observation_restate(request, pk: int):
    obs = _current_figure(request, pk, "observations.change_observation")
    form = RestateForm(request.POST or None, instance=obs)
    return run_form(
        request,
        form=form,
        template="common/form.html",
        context={
            "page_title": "Restate the figure",
            "caption": f"{obs.indicator.code}: {obs.area.name}, {obs.period.code}",
            "intro": "The corrected figure replaces this one. This figure is kept and shown "
            "beside it, with who restated it, when and why.",
            "submit_label": "Restate the figure",
            "cancel_url": obs.get_absolute_url(),
            "breadcrumbs": _crumbs(obs, "Restate"),
        },
        save=lambda f: services.observation_restate(
            observation=obs,
            changes=f.cleaned_changes(),
            reason=f.cleaned_data["reason"],
            expected_version=expected_version(f),
            by=request.user,
        ),
        success_message="Figure restated. The earlier figure is kept.",
    )


@login_required
def observation_archive(request, pk: int):
    obs = _current_figure(request, pk, "observations.archive_observation")
    return archive_page(
        request,
        obs,
        services.observation_archive,
        context={
            "page_title": "Archive the figure",
            "caption": f"{obs.indicator.code}: {obs.area.name}, {obs.period.code}",
            "intro": "Archive a figure recorded in error. A figure that was wrong should be "
            "restated instead. If this figure restated an earlier one, the earlier figure "
            "stands again. Its page and history stay readable.",
            "submit_label": "Archive the figure",
            "cancel_url": obs.get_absolute_url(),
            "breadcrumbs": _crumbs(obs, "Archive"),
        },
        success_message="Figure archived.",
    )


@login_required
@require_POST
def evidence_add(request, pk: int):
    obs = get_object_or_404(Observation.objects.live(), pk=pk)
    require_perm(request, "observations.add_evidence", obs)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.evidence_add(
                observation=obs,
                title=form.cleaned_data["title"],
                file=upload,
                filename=upload.name if upload else "",
                link=form.cleaned_data["link"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Evidence added.")
            return redirect(f"{obs.get_absolute_url()}#evidence")
    return observation_detail(request, pk, evidence_form=form, status=422)


def evidence_file(request, pk: int):
    try:
        evidence = selectors.evidence_for_download(pk=pk, user=request.user)
    except Evidence.DoesNotExist:
        raise Http404("No such evidence") from None
    if not evidence.file:
        raise Http404("This evidence is a link, not a file")
    name = (evidence.file.name or "evidence").rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)


# --- Import -----------------------------------------------------------------------------------


@login_required
def import_start(request):
    require_perm(request, "observations.add_importbatch")
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    status = 200
    if posted:
        if form.is_valid():
            upload = form.cleaned_data["file"]
            batch = services.import_upload(
                upload=upload,
                filename=upload.name,
                load_good_rows=form.cleaned_data["load_good_rows"],
                by=request.user,
            )
            return redirect(batch)
        status = 422
    return render(
        request,
        "observations/import.html",
        {
            "page_title": IMPORT_LABEL,
            "breadcrumbs": [(LIST_LABEL, LIST_URL), (IMPORT_LABEL, None)],
            "form": form,
            "columns": importing.TEMPLATE_COLUMNS,
            "fingertips_header": importing.FINGERTIPS_HEADER,
            "batches": selectors.import_batches(user=request.user, limit=10),
        },
        status=status,
    )


def _batch(request, pk: int) -> ImportBatch:
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=pk)
    if not selectors.can_see_batch(request.user, batch):
        raise PermissionDenied
    return batch


def _status(batch: ImportBatch) -> dict:
    running = batch.status in RUNNING
    if batch.status == ImportStatus.CHECKING and batch.rows_total:
        text = (
            f"{batch.percent_done}% checked ({batch.rows_done:,} of about "
            f"{batch.rows_total:,} rows)"
        )
    elif batch.status == ImportStatus.LOADING:
        text = f"All {batch.rows_total:,} rows checked; loading them into the database"
    elif batch.status == ImportStatus.QUEUED:
        text = "Waiting to start"
    else:
        text = batch.get_status_display()
    return {
        "id": batch.pk,
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "running": running,
        "rows_total": batch.rows_total,
        "rows_done": batch.rows_done,
        "percent": batch.percent_done if batch.status == ImportStatus.CHECKING else None,
        "text": text,
    }


@login_required
def import_batch(request, pk: int):
    batch = _batch(request, pk)
    problems = Paginator(batch.problems or [], PROBLEMS_PER_PAGE)
    page = problems.get_page(request.GET.get("page"))
    page_range = list(page.paginator.get_elided_page_range(page.number, on_each_side=1))
    unchanged = max(0, batch.rows_total - batch.rows_loaded - batch.rows_rejected)
    return render(
        request,
        "observations/import_batch.html",
        {
            "page_title": f"Import of {batch.filename}",
            "breadcrumbs": [
                (LIST_LABEL, LIST_URL),
                (IMPORT_LABEL, reverse("observations:import")),
                (batch.filename, None),
            ],
            "batch": batch,
            "progress": _status(batch),
            "problems_page": page,
            "problems_range": page_range,
            "problems_capped": len(batch.problems or []) >= importing.MAX_STORED_PROBLEMS,
            "unchanged": unchanged if batch.status == ImportStatus.DONE else None,
            "layout_name": importing.LAYOUT_NAMES.get(batch.layout, ""),
        },
    )


@login_required
def import_status(request, pk: int):
    """The batch's progress as JSON, for the page's script."""
    batch = _batch(request, pk)
    return JsonResponse({**_status(batch), "url": batch.get_absolute_url()})


@login_required
def import_rejects(request, pk: int):
    batch = _batch(request, pk)
    if not batch.rejects_file:
        raise Http404("This import has no rejected rows")
    name = (batch.rejects_file.name or "rejects.csv").rsplit("/", 1)[-1]
    return FileResponse(
        batch.rejects_file.open("rb"), as_attachment=True, filename=name, content_type="text/csv"
    )


def import_template(request, fmt: str):
    if fmt == "xlsx":
        response = HttpResponse(
            importing.template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif fmt == "csv":
        response = HttpResponse(importing.template_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("No such template")
    response["Content-Disposition"] = f'attachment; filename="accord-figures-template.{fmt}"'
    return response
