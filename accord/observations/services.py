"""Writes for figures: record one (restating the figure it replaces), restate, lock, archive,
add evidence, and import a file of them."""

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import close_old_connections, connections, transaction

from accord.common.services import (
    StaleEditError,
    record_archive,
    record_create,
    record_update,
)
from accord.observations import rules, uploads
from accord.observations.models import (
    Evidence,
    ImportBatch,
    ImportStatus,
    Observation,
    ObservationStatus,
)
from accord.observations.versions import figures_changed

log = logging.getLogger(__name__)

KEY_FIELDS = ("indicator", "period", "area", "breakdown")
# What a restatement may change: the figure and what is said about it, never what it is for.
FIGURE_FIELDS = (
    "value",
    "numerator",
    "denominator",
    "ci_lower",
    "ci_upper",
    "status",
    "suppressed",
    "suppression_reason",
    "commentary",
    "provenance",
    "source",
)
RECORD_FIELDS = (*KEY_FIELDS, *FIGURE_FIELDS, "is_locked")


def check_figure(obs: Observation) -> None:
    """The figure rules, each broken rule reported on its field."""
    ind = obs.indicator
    errors: dict[str, str] = {}
    if not rules.has_value_or_is_suppressed(obs.suppressed, obs.value):
        errors["value"] = "Enter the value, or mark the figure suppressed and say why."
    if not rules.suppressed_has_reason_and_no_value(
        obs.suppressed, obs.suppression_reason, obs.value
    ):
        if obs.value is not None:
            errors["value"] = "A suppressed figure has no value: leave the value empty."
        else:
            errors["suppression_reason"] = "Enter why the figure is suppressed."
    if not rules.within_range(obs.value, ind.minimum, ind.maximum):
        errors["value"] = (
            f"The value must be between {_num(ind.minimum, 'no minimum')} and "
            f"{_num(ind.maximum, 'no maximum')} for {ind.code}."
        )
    if not rules.interval_contains_value(obs.value, obs.ci_lower, obs.ci_upper):
        if obs.ci_lower is not None and obs.ci_upper is not None and obs.ci_lower > obs.ci_upper:
            errors["ci_upper"] = "The upper confidence limit must not be below the lower one."
        elif obs.ci_lower is not None and obs.value is not None and obs.value < obs.ci_lower:
            errors["ci_lower"] = "The lower confidence limit must not be above the value."
        else:
            errors["ci_upper"] = "The upper confidence limit must not be below the value."
    if not rules.counts_are_possible(obs.numerator, obs.denominator):
        if obs.numerator is not None and obs.numerator < 0:
            errors["numerator"] = "The numerator must not be negative."
        else:
            errors["denominator"] = "The denominator must be more than 0."
    elif rules.is_crude(ind.unit, ind.title, ind.definition) and not rules.counts_match_value(
        obs.value, obs.numerator, obs.denominator, ind.value_type, ind.decimal_places
    ):
        scale = rules.RATIO_SCALE[ind.value_type]
        expected = obs.numerator / obs.denominator * scale  # type: ignore[operator]
        errors["numerator"] = (
            f"The numerator over the denominator gives {expected:,.{ind.decimal_places}f}, "
            f"but the value is {obs.value:g}."
        )
    if errors:
        raise ValidationError(errors)


def _num(value: float | None, none: str) -> str:
    return none if value is None else f"{value:g}"


def _current_for(fields: dict[str, Any]) -> Observation | None:
    return (
        Observation.objects.current()
        .select_for_update()
        .filter(
            **{name: fields.get(name, "" if name == "breakdown" else None) for name in KEY_FIELDS}
        )
        .first()
    )


def _same_figure(obs: Observation, fields: dict[str, Any]) -> bool:
    return all(getattr(obs, name) == fields[name] for name in FIGURE_FIELDS if name in fields)


def _restate(old: Observation, changes: dict[str, Any], reason: str, by: Any) -> Observation:
    """Mark `old` as restated and make the new current figure that replaces it."""
    if not rules.restating_locked_has_reason(old.is_locked, reason):
        raise ValidationError(
            {"reason": "This figure was approved and locked: enter why it is being restated."}
        )
    record_update(old, changes={"is_current": False}, by=by, expected_version=None)
    fields = {name: getattr(old, name) for name in RECORD_FIELDS}
    fields.update({k: v for k, v in changes.items() if k in FIGURE_FIELDS or k == "is_locked"})
    fields.update(restates=old, restatement_reason=reason.strip(), batch=None)
    made = record_create(Observation, fields=fields, by=by, validate=check_figure)
    figures_changed()
    return made


def observation_record(*, fields: dict[str, Any], reason: str = "", by: Any) -> Observation:
    """Record the current figure for an indicator, period, area and breakdown.

    If there is one already it is restated: it stays, marked as no longer current, and the new
    figure points to it. Restating a locked (approved) figure needs a reason. Recording the same
    figure again changes nothing and returns the one there."""
    fields = {**fields, "breakdown": (fields.get("breakdown") or "").strip()}
    with transaction.atomic():
        existing = _current_for(fields)
        if existing is None:
            made = record_create(Observation, fields=fields, by=by, validate=check_figure)
            figures_changed()
            return made
        if _same_figure(existing, fields):
            return existing
        return _restate(existing, fields, reason, by)


def observation_restate(
    *,
    observation: Observation,
    changes: dict[str, Any],
    reason: str,
    expected_version: int | None,
    by: Any,
) -> Observation:
    """Correct a current figure: the new figure replaces it and it stays readable, with who
    restated it, when and why. A restatement always says why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the figure is being restated."})
    with transaction.atomic():
        current = Observation.objects.select_for_update().get(pk=observation.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleEditError(current)
        if current.is_archived or not current.is_current:
            raise ValidationError(
                "Only the current figure can be restated; this one has been restated or "
                "archived already."
            )
        if _same_figure(current, changes):
            raise ValidationError(
                "Nothing has changed: change the figure or what is said about it."
            )
        return _restate(current, changes, reason, by)


def observation_lock(
    *, observation: Observation, by: Any, expected_version: int | None = None
) -> Observation:
    """Approve a figure: it becomes final and locked, and changes only by restatement."""
    with transaction.atomic():
        locked = record_update(
            observation,
            changes={"status": ObservationStatus.FINAL, "is_locked": True},
            by=by,
            expected_version=expected_version,
        )
        figures_changed()
        return locked


def observation_archive(
    *, observation: Observation, reason: str, expected_version: int | None, by: Any
) -> Observation:
    """Archive a figure recorded in error. Only the current figure can be archived; if it
    restated an earlier figure, that figure stands again."""
    if not observation.is_current:
        raise ValidationError(
            "Only the current figure can be archived. Earlier figures stay as the record of "
            "what was published."
        )
    with transaction.atomic():
        archived = record_archive(
            observation, by=by, reason=reason, expected_version=expected_version
        )
        earlier = archived.restates
        if earlier is not None and not earlier.is_archived:
            record_update(earlier, changes={"is_current": True}, by=by, expected_version=None)
        figures_changed()
        return archived


# --- Evidence ---------------------------------------------------------------------------------


def evidence_add(
    *,
    observation: Observation,
    title: str,
    file: IO[bytes] | None = None,
    filename: str = "",
    link: str = "",
    by: Any,
) -> Evidence:
    """Attach a file (PDF, Word, Excel, CSV, PNG or JPEG, checked by its content) or a link to
    a figure."""
    title = (title or "").strip()
    link = (link or "").strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = "Enter a title for the evidence."
    if file is None and not link:
        errors["file"] = "Choose a file or enter a link."
    elif file is not None and link:
        errors["link"] = "Give a file or a link, not both."
    stored: File | None = None
    if file is not None and not link:
        name = filename or getattr(file, "name", "") or ""
        size = getattr(file, "size", None)
        if size is None:
            file.seek(0, 2)
            size = file.tell()
            file.seek(0)
        limit = settings.ACCORD_MAX_UPLOAD_BYTES
        if size > limit:
            errors["file"] = f"The file must be smaller than {limit // (1024 * 1024)} MB."
        elif size == 0:
            errors["file"] = "The file is empty."
        elif uploads.sniff(file, name) is None:
            errors["file"] = (
                "The file must be a PDF, Word document (.docx), Excel spreadsheet (.xlsx), CSV "
                "file, PNG or JPEG image, and its content must match its name."
            )
        else:
            stored = File(file, name=Path(name).name)
    if errors:
        raise ValidationError(errors)
    fields: dict[str, Any] = {"observation": observation, "title": title, "link": link}
    if stored is not None:
        fields["file"] = stored
    return record_create(Evidence, fields=fields, by=by)


def evidence_archive(
    *, evidence: Evidence, reason: str, expected_version: int | None, by: Any
) -> Evidence:
    return record_archive(evidence, by=by, reason=reason, expected_version=expected_version)


# --- Import -----------------------------------------------------------------------------------


def import_observations(
    *,
    file_path: str | Path | None = None,
    file: IO[bytes] | None = None,
    filename: str,
    load_good_rows: bool = False,
    provenance: str = "real",
    batch: ImportBatch | None = None,
    progress: Callable[[ImportBatch], None] | None = None,
    by: Any,
) -> ImportBatch:
    """Import a CSV or XLSX file of figures (the Accord template or a Fingertips data export).

    Every row is checked before anything is written; a file with bad rows is refused whole
    unless `load_good_rows`, when the good rows are loaded and the bad ones returned in the
    batch's rejects file. Returns the batch, whose status says which."""
    from accord.observations.importing import run_import

    if batch is None:
        batch = import_batch_create(filename=filename, load_good_rows=load_good_rows, by=by)
    if file is None:
        if file_path is None:
            raise ValueError("Give file_path or file.")
        with open(file_path, "rb") as handle:
            return run_import(batch, handle, provenance=provenance, progress=progress, by=by)
    return run_import(batch, file, provenance=provenance, progress=progress, by=by)


def import_batch_create(
    *, filename: str, load_good_rows: bool, by: Any, upload: IO[bytes] | None = None
) -> ImportBatch:
    """A queued import, keeping the uploaded file (if any) so a background run can read it."""
    fields: dict[str, Any] = {
        "filename": Path(filename).name[:255],
        "load_good_rows": load_good_rows,
        "status": ImportStatus.QUEUED,
    }
    if upload is not None:
        fields["file"] = File(upload, name=Path(filename).name)
    return record_create(ImportBatch, fields=fields, by=by)


def import_upload(
    *, upload: IO[bytes], filename: str, load_good_rows: bool, by: Any
) -> ImportBatch:
    """Start importing an uploaded file: inline when ACCORD_IMPORT_SYNC is set or the file is
    small, otherwise in a background thread after this transaction commits. Returns the batch
    (finished when run inline)."""
    size = getattr(upload, "size", None)
    batch = import_batch_create(
        filename=filename, load_good_rows=load_good_rows, by=by, upload=upload
    )
    inline = getattr(settings, "ACCORD_IMPORT_SYNC", False) or (
        size is not None and size <= getattr(settings, "ACCORD_IMPORT_INLINE_BYTES", 256 * 1024)
    )
    if inline:
        return import_batch_run(batch_id=batch.pk)
    transaction.on_commit(lambda: _start_thread(batch.pk))
    return batch


def _start_thread(batch_id: int) -> None:
    thread = threading.Thread(
        target=_run_in_thread, args=(batch_id,), name=f"accord-import-{batch_id}", daemon=True
    )
    thread.start()


def _run_in_thread(batch_id: int) -> None:
    close_old_connections()
    try:
        import_batch_run(batch_id=batch_id)
    finally:
        # The thread's own connections would otherwise stay open until the process ends.
        connections.close_all()


def import_batch_run(*, batch_id: int) -> ImportBatch:
    """Run a queued import from its stored file; any unexpected failure marks it failed."""
    from accord.observations.importing import fail_batch, run_import

    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    try:
        with batch.file.open("rb") as handle:
            return run_import(batch, handle, by=batch.created_by)
    except Exception as error:  # noqa: BLE001 - the batch must never be left "running"
        log.exception("Import %s failed", batch_id)
        return fail_batch(batch, error)
