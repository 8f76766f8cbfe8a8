"""Writes for papers: the cover sheet, files as numbered versions, archive."""

import hashlib
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max

from accord.common.services import record_archive, record_create, record_update
from accord.papers import uploads
from accord.papers.models import Paper, PaperFile

PAPER_FIELDS = [
    "title",
    "description",
    "purpose",
    "purpose_text",
    "circulation",
    "decision_required",
    "author",
    "author_text",
    "contact_details",
    "published_on",
    "target_audience",
    "cross_reference",
    "body",
    "is_public",
    "is_illustrative",
    "source",
]
# Written only by the services that freeze content (e.g. the exception report of a scorecard).
SNAPSHOT_FIELDS = ["snapshot", "snapshot_kind", "snapshot_taken_on"]


def _fields(fields: dict[str, Any], *, snapshot: bool = False) -> dict[str, Any]:
    allowed = set(PAPER_FIELDS) | (set(SNAPSHOT_FIELDS) if snapshot else set())
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"Unexpected fields: {', '.join(sorted(unknown))}.")
    return fields


def paper_create(*, fields: dict[str, Any], by: Any, snapshot: bool = False) -> Paper:
    """Record a paper's cover sheet. With snapshot=True `fields` may also carry the frozen
    content (`snapshot`, `snapshot_kind`, `snapshot_taken_on`)."""
    return record_create(Paper, fields=_fields(fields, snapshot=snapshot), by=by)


def paper_update(
    *, paper: Paper, changes: dict[str, Any], expected_version: int | None, by: Any
) -> Paper:
    """Change the cover sheet; a snapshot, once taken, stays as it was."""
    return record_update(paper, changes=_fields(changes), by=by, expected_version=expected_version)


def paper_archive(*, paper: Paper, reason: str, expected_version: int | None, by: Any) -> Paper:
    return record_archive(paper, by=by, reason=reason, expected_version=expected_version)


def _size(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def _sha256(file: IO[bytes]) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def paper_add_file(
    *, paper: Paper, file: IO[bytes], filename: str = "", note: str = "", by: Any
) -> PaperFile:
    """Attach a new version of the paper's file (1 for the first, then 2, 3 …). The content
    must match the name's type (PDF, Word, Excel, OpenDocument text, CSV, plain text, PNG or
    JPEG) and be under the upload limit; it is stored under a generated name."""
    name = Path(filename or getattr(file, "name", "") or "").name
    size = _size(file)
    limit = settings.ACCORD_MAX_UPLOAD_BYTES
    kind: str | None = None
    if not name:
        error = "Choose a file."
    elif size > limit:
        error = f"The file must be smaller than {limit // (1024 * 1024)} MB."
    elif size == 0:
        error = "The file is empty."
    else:
        kind = uploads.sniff(file, name)
        error = (
            ""
            if kind
            else f"The file must be a {uploads.accepted_types_sentence()}, and its content "
            "must match its name."
        )
    if error or kind is None:
        raise ValidationError({"file": error})
    with transaction.atomic():
        # Locking the paper numbers concurrent uploads one after the other.
        locked = Paper.objects.select_for_update().get(pk=paper.pk)
        if locked.is_archived:
            raise ValidationError("An archived paper cannot be changed.")
        latest = locked.files.aggregate(n=Max("revision"))["n"] or 0
        stored = File(file, name=f"{uuid.uuid4().hex}.{kind}")
        return record_create(
            PaperFile,
            fields={
                "paper": locked,
                "revision": latest + 1,
                "file": stored,
                "original_name": name[:255],
                "content_type": uploads.CONTENT_TYPES[kind],
                "size": size,
                "sha256": _sha256(file),
                "note": (note or "").strip(),
            },
            by=by,
        )


def paper_file_archive(
    *, paper_file: PaperFile, reason: str, expected_version: int | None, by: Any
) -> PaperFile:
    """Withdraw one version of a file (the numbers of the others stay as they were)."""
    return record_archive(paper_file, by=by, reason=reason, expected_version=expected_version)
