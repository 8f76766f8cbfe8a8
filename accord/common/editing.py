"""The one pattern every create/edit/archive page follows: form → service → redirect, with
rule errors placed on their fields and stale edits turned away without overwriting anything."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpResponse
from django.shortcuts import redirect, render

from accord.common.services import StaleEditError

STALE_MESSAGE = (
    "Someone else changed this record after you opened it, so your changes were not saved. "
    "Their saved values are listed above the form; your own are still in the form. "
    "Check them, then save again if yours should replace theirs."
)


def _display(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all()) or "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def stale_differences(form, current) -> list[tuple[str, str, str]]:
    """The fields where the saved record now differs from what this user submitted."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(current, name):
            continue
        saved = getattr(current, name)
        mine = form.cleaned_data.get(name)
        saved_cmp = set(saved.all()) if hasattr(saved, "all") else saved
        mine_cmp = set(mine) if hasattr(saved, "all") and mine is not None else mine
        if saved_cmp != mine_cmp and not (saved in (None, "") and mine in (None, "")):
            rows.append((str(field.label or name), _display(saved), _display(mine)))
    return rows


def apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            target = field if field in form.fields else None
            for message in errs:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def run_form(
    request,
    *,
    form,
    template: str,
    context: dict[str, Any],
    save: Callable[[Any], Any],
    success_message: str,
    form_class: Callable[..., Any] | None = None,
) -> HttpResponse:
    """Validate `form`, call `save(form)` (one service), and redirect to the saved record."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save(form)
            except ValidationError as error:
                apply_errors(form, error)
                status = 422
            except StaleEditError as stale:
                context = {**context, "stale_rows": stale_differences(form, stale.current)}
                # Keep the user's input but carry the saved version, so a second save is a
                # deliberate choice to replace what the other person saved.
                data = request.POST.copy()
                data["version"] = str(stale.current.version)
                form = (form_class or type(form))(data, instance=stale.current)
                form.is_valid()
                form.add_error(None, STALE_MESSAGE)
                status = 409
            else:
                messages.success(request, success_message)
                return redirect(saved.get_absolute_url())
        else:
            status = 422
    return render(request, template, {**context, "form": form}, status=status)


def expected_version(form) -> int | None:
    value = form.cleaned_data.get("version")
    return int(value) if value not in (None, "") else None


def model_perm(model: type[Model], action: str) -> str:
    """The permission to `action` ("add", "change", "archive") records of `model`, e.g.
    "areas.change_area"."""
    opts = model._meta
    return f"{opts.app_label}.{get_permission_codename(action, opts)}"


def call_service(service: Callable[..., Any], record: Model, **kwargs: Any) -> Any:
    """Call an update or archive service, which takes its record under the model's name
    (`area_update(area=...)`, `person_archive(person=...)`)."""
    return service(**{str(record._meta.model_name): record}, **kwargs)
