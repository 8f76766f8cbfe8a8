"""Pages of the responsibility matrix (seed 003 appendix 1): read it as it is or was, edit it
as a table, export it as xlsx or CSV and import it back. Views stay thin: reads through
matrix_selectors, file handling in matrix_io, every write through services.matrix_apply."""

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from accord.bodies.models import Body
from accord.common.forms import GovukDateField, style_widgets
from accord.common.querysets import today
from accord.strategies import matrix_io
from accord.strategies.matrix_selectors import (
    Matrix,
    addable_bodies,
    current_cells,
    matrix_for,
    matrix_version,
    visible_strategy,
)
from accord.strategies.models import Commitment, ResponsibilityRole, Strategy
from accord.strategies.services import matrix_apply

CHANGE_PERM = "strategies.change_strategy"
ROLE_CHOICES = [
    ("", "None"),
    (ResponsibilityRole.LEAD, "Lead"),
    (ResponsibilityRole.CONTRIBUTING, "Contributing"),
]
ROLE_LABELS = {"": "None", "lead": "Lead", "contributing": "Contributing"}
STALE_MESSAGE = (
    "Someone else changed the matrix after you opened it, so your changes were not saved. "
    "The cells where the saved matrix now differs from your choices are listed below; your "
    "choices are still in the table. Check them, then save again if yours should stand."
)


def _url(name: str, *args) -> str | None:
    """A URL of a page another part of the app may not have yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _breadcrumbs(strategy: Strategy, *tail: tuple[str, str | None]) -> list:
    crumbs: list[tuple[str, str | None]] = []
    list_url = _url("strategies:list")
    if list_url:
        crumbs.append(("Strategy", list_url))
    crumbs.append((strategy.short_title or strategy.title, _url("strategies:detail", strategy.pk)))
    return crumbs + list(tail)


def _strategy(request, pk: int) -> Strategy:
    try:
        return visible_strategy(pk, request.user)
    except Strategy.DoesNotExist:
        raise Http404("No such strategy") from None


def _editable_strategy(request, pk: int) -> Strategy:
    strategy = _strategy(request, pk)
    if not request.user.has_perm(CHANGE_PERM, strategy):
        raise PermissionDenied
    if strategy.is_archived:
        raise PermissionDenied("This strategy is archived, so its matrix cannot be changed.")
    return strategy


# --- The matrix as it is, or was --------------------------------------------------------------


class AsOfForm(forms.Form):
    as_of = GovukDateField(
        label="Show the matrix as it was on",
        required=False,
        help_text="For example, 1 4 2011. Leave blank for today.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


def _as_of(request) -> tuple[dt.date | None, AsOfForm]:
    """?as_of=YYYY-MM-DD, or the three date boxes; None means now."""
    iso = request.GET.get("as_of", "").strip()
    if iso:
        try:
            on = dt.date.fromisoformat(iso)
        except ValueError:
            form = AsOfForm({})
            form.is_valid()
            form.add_error("as_of", "The date must be a real date, for example 1 4 2011")
            return None, form
        return on, AsOfForm(initial={"as_of": on})
    if any(request.GET.get(f"as_of_{i}") for i in range(3)):
        form = AsOfForm(request.GET)
        if form.is_valid():
            return form.cleaned_data["as_of"], form
        return None, form
    return None, AsOfForm()


def _commitment_links() -> bool:
    return _url("strategies:commitment", 1) is not None


def matrix_page(request, pk: int):
    strategy = _strategy(request, pk)
    on, form = _as_of(request)
    if on is not None and on >= today():
        on = None
    matrix = matrix_for(strategy, user=request.user, as_of=on)
    can_edit = not strategy.is_archived and request.user.has_perm(CHANGE_PERM, strategy)
    here = reverse("strategies:matrix", args=[strategy.pk])
    title = "Responsibility matrix"
    return render(
        request,
        "strategies/matrix.html",
        {
            "page_title": f"{title} – {strategy.title}" + (f" on {on:%-d %B %Y}" if on else ""),
            "heading": title,
            "breadcrumbs": _breadcrumbs(strategy, (title, None)),
            "strategy": strategy,
            "matrix": matrix,
            "table": matrix.table(),
            "on": on,
            "form": form,
            "can_edit": can_edit,
            "link_commitments": _commitment_links(),
            "now_url": here,
            "export_query": f"&as_of={on.isoformat()}" if on else "",
        },
    )


# --- Editing ----------------------------------------------------------------------------------


@dataclass
class CellError:
    message: str
    anchor: str


def cell_id(commitment_id: int, body_id: int) -> str:
    return f"cell-{commitment_id}-{body_id}"


def _ids(values) -> list[int]:
    out = []
    for v in values:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


def _choices(post, matrix: Matrix) -> tuple[dict[tuple[int, int], str], list[CellError]]:
    """The user's choice in each cell; a cell not in the form keeps its saved role."""
    chosen: dict[tuple[int, int], str] = {}
    bad: list[CellError] = []
    for c in matrix.rows:
        for b in matrix.bodies:
            name = cell_id(c.pk, b.pk)
            value = post.get(name)
            if value is None:
                value = matrix.role(c.pk, b.pk)
            if value not in ROLE_LABELS:
                bad.append(
                    CellError(
                        f"Commitment {c.number}, {b.name}: choose None, Lead or Contributing",
                        name,
                    )
                )
                value = matrix.role(c.pk, b.pk)
            chosen[(c.pk, b.pk)] = value
    return chosen, bad


def _row_errors(
    messages_: list[str], matrix: Matrix
) -> tuple[list[CellError], dict[int, list[str]]]:
    """The service's messages, each linked to the first cell of the commitment it names."""
    numbers = sorted(matrix.rows, key=lambda c: len(c.number), reverse=True)
    first_body = matrix.bodies[0].pk if matrix.bodies else None
    summary: list[CellError] = []
    by_row: dict[int, list[str]] = {}
    for message in messages_:
        row = next((c for c in numbers if message.startswith(f"Commitment {c.number} ")), None)
        if row is not None and first_body is not None:
            summary.append(CellError(message, cell_id(row.pk, first_body)))
            by_row.setdefault(row.pk, []).append(message)
        else:
            summary.append(CellError(message, "matrix-table"))
    return summary, by_row


class _Stale(Exception):
    pass


@login_required
def matrix_edit(request, pk: int):
    strategy = _editable_strategy(request, pk)
    post = request.POST if request.method == "POST" else None
    action = post.get("action", "save") if post else ""
    shown = _ids(post.getlist("columns")) if post else _ids(request.GET.getlist("add"))
    errors: list[CellError] = []
    status = 200
    if action == "add_column":
        add = _ids([post.get("add_body", "")]) if post else []
        if add and Body.objects.live().filter(pk=add[0]).exists():
            shown.append(add[0])
        else:
            errors.append(CellError("Choose a body to add as a column", "add_body"))
            status = 422
    matrix = matrix_for(strategy, user=request.user, editing=True, extra_body_ids=shown)
    chosen = dict(matrix.cells)
    row_messages: dict[int, list[str]] = {}
    stale_rows: list[tuple[str, str, str, str]] = []
    if post:
        chosen, bad = _choices(post, matrix)
        if action == "save" and bad:
            errors, status = bad, 422
        elif action == "save":
            cells = {cell: (role or None) for cell, role in chosen.items()}
            try:
                with transaction.atomic():
                    if matrix_version(strategy, lock=True) != post.get("version", ""):
                        raise _Stale
                    counts = matrix_apply(strategy=strategy, cells=cells, by=request.user)
            except _Stale:
                status = 409
                errors = [CellError(STALE_MESSAGE, "stale-changes")]
                stale_rows = [
                    (
                        f"{c.number}. {c.title}",
                        b.name,
                        ROLE_LABELS[matrix.role(c.pk, b.pk)],
                        ROLE_LABELS[chosen[(c.pk, b.pk)]],
                    )
                    for c in matrix.rows
                    for b in matrix.bodies
                    if matrix.role(c.pk, b.pk) != chosen[(c.pk, b.pk)]
                ]
            except ValidationError as error:
                status = 422
                found = (
                    error.message_dict.get("cells", error.messages)
                    if hasattr(error, "error_dict")
                    else error.messages
                )
                errors, row_messages = _row_errors(list(found), matrix)
            else:
                changed = counts["added"] + counts["changed"] + counts["removed"]
                messages.success(
                    request,
                    "Responsibility matrix saved: "
                    + (_summary(counts) if changed else "nothing had changed")
                    + ".",
                )
                return redirect("strategies:matrix", strategy.pk)
    title = "Change the responsibility matrix"
    rows = []
    for c in matrix.rows:
        cells = []
        for col in matrix.columns:
            b = col.body
            cells.append(
                {
                    "id": cell_id(c.pk, b.pk),
                    "body": b,
                    "value": chosen.get((c.pk, b.pk), ""),
                    "error": c.pk in row_messages,
                }
            )
        rows.append({"commitment": c, "cells": cells, "errors": row_messages.get(c.pk, [])})
    return render(
        request,
        "strategies/matrix_edit.html",
        {
            "page_title": ("Error: " if errors else "") + f"{title} – {strategy.title}",
            "heading": title,
            "breadcrumbs": _breadcrumbs(
                strategy,
                ("Responsibility matrix", reverse("strategies:matrix", args=[strategy.pk])),
                ("Change", None),
            ),
            "strategy": strategy,
            "matrix": matrix,
            "rows": rows,
            "role_choices": ROLE_CHOICES,
            "errors": errors,
            "add_error": next((e.message for e in errors if e.anchor == "add_body"), ""),
            "stale_rows": stale_rows,
            "addable": addable_bodies(matrix),
            # The version the user opened the form with travels with it until it is saved; after
            # a refused stale save it becomes the saved one, so saving again is deliberate.
            "version": post.get("version", "") if post and status != 409 else matrix.version,
            "cancel_url": reverse("strategies:matrix", args=[strategy.pk]),
        },
        status=status,
    )


def _summary(counts: dict[str, int]) -> str:
    parts = []
    for key, noun in (("added", "added"), ("changed", "changed"), ("removed", "removed")):
        n = counts.get(key, 0)
        parts.append(f"{n} role{'s' if n != 1 else ''} {noun}")
    return ", ".join(parts)


# --- Export and import --------------------------------------------------------------------------


def matrix_export(request, pk: int):
    strategy = _strategy(request, pk)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        return HttpResponseBadRequest(
            "Choose format=xlsx or format=csv.", content_type="text/plain"
        )
    on, form = _as_of(request)
    if on is not None and on >= today():
        on = None
    matrix = matrix_for(strategy, user=request.user, as_of=on)
    filename = matrix_io.export_filename(strategy, fmt, on)
    if fmt == "xlsx":
        response = HttpResponse(
            matrix_io.to_xlsx(matrix),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(matrix_io.to_csv(matrix), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="An Excel spreadsheet (.xlsx) or a CSV file, in the layout of the export, "
        f"no larger than {matrix_io.MAX_BYTES // (1024 * 1024)} MB.",
        error_messages={
            "required": "Choose a file to upload",
            "empty": "The file is empty.",
        },
    )


@dataclass
class Change:
    commitment: Commitment
    body: Body
    before: str
    after: str


def _changes(
    before: dict[tuple[int, int], str],
    after: dict[tuple[int, int], str | None],
    strategy: Strategy,
) -> list[Change]:
    final = {cell: role for cell, role in after.items() if role}
    cells = sorted(set(before) | set(final))
    differing = [cell for cell in cells if before.get(cell) != final.get(cell)]
    commitments = {c.pk: c for c in Commitment.objects.filter(pk__in={c for c, _ in differing})}
    bodies = {b.pk: b for b in Body.objects.filter(pk__in={b for _, b in differing})}
    out = [
        Change(
            commitments[c],
            bodies[b],
            ROLE_LABELS[before.get((c, b)) or ""],
            ROLE_LABELS[final.get((c, b)) or ""],
        )
        for c, b in differing
    ]
    out.sort(key=lambda ch: (ch.commitment.position, ch.commitment.number, ch.body.name))
    return out


@login_required
def matrix_import(request, pk: int):
    strategy = _editable_strategy(request, pk)
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    problems: list[matrix_io.Problem] = []
    status = 200
    result = None
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            parsed = matrix_io.parse_upload(upload, strategy)
            problems = parsed.problems
            if not problems:
                before = current_cells(strategy)
                try:
                    counts = matrix_apply(
                        strategy=strategy,
                        cells=parsed.cells,
                        by=request.user,
                        replace=True,
                        reason=f"Replaced by the imported file {upload.name}",
                    )
                except ValidationError as error:
                    found = (
                        error.message_dict.get("cells", error.messages)
                        if hasattr(error, "error_dict")
                        else error.messages
                    )
                    problems = matrix_io.lead_problems(list(found), parsed)
                else:
                    result = {
                        "counts": counts,
                        "summary": _summary(counts),
                        "changes": _changes(before, parsed.cells, strategy),
                        "filename": upload.name,
                        "commitments": parsed.commitments,
                        "bodies": parsed.bodies,
                    }
            if problems:
                status = 422
        else:
            status = 422
    title = "Import the responsibility matrix"
    if result:
        title = "Responsibility matrix imported"
    return render(
        request,
        "strategies/matrix_import.html",
        {
            "page_title": ("Error: " if (problems or form.errors) else "")
            + f"{title} – {strategy.title}",
            "heading": title,
            "breadcrumbs": _breadcrumbs(
                strategy,
                ("Responsibility matrix", reverse("strategies:matrix", args=[strategy.pk])),
                ("Import", None),
            ),
            "strategy": strategy,
            "form": form,
            "problems": problems,
            "result": result,
            "lead_text": matrix_io.LEAD_TEXT,
            "contributing_text": matrix_io.CONTRIBUTING_TEXT,
            "matrix_url": reverse("strategies:matrix", args=[strategy.pk]),
        },
        status=status,
    )
