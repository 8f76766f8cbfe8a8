"""Writes for papers: the cover sheet, files as numbered versions, archive, and the exception
report of a body's scorecard frozen into a paper on its next agenda."""

import datetime as dt
import hashlib
import uuid
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max

from accord.bodies.models import Body
from accord.common.querysets import today
from accord.common.services import record_archive, record_create, record_update
from accord.indicators.models import Provenance
from accord.meetings.models import Meeting, Purpose
from accord.meetings.services import agenda_item_add
from accord.papers import uploads
from accord.papers.models import Paper, PaperFile, PaperPurpose
from accord.scorecards import rules as scorecard_rules
from accord.scorecards import selectors as scorecard_selectors

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


# --- The exception report of a scorecard, frozen as a paper ---------------------------------------

EXCEPTION_REPORT = "exception_report"
# The shape of the frozen rows; a later change of shape bumps it, so old papers still render.
EXCEPTION_REPORT_FORMAT = 1


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _provenance_label(value: str | None) -> str:
    if not value:
        return ""
    return str(Provenance(value).label) if value in Provenance.values else value


def exception_report_row(row: scorecard_selectors.Row, as_of: dt.date) -> dict[str, Any]:
    """One exception as the scorecard showed it on `as_of`: the figures as numbers and as the
    page wrote them, the judgements with their words, and why it is an exception."""
    a = row.a
    ind = row.indicator
    return {
        "indicator": {"id": ind.pk, "code": ind.code, "title": ind.display_title},
        "unit": ind.unit,
        "area": {"id": row.area.pk, "name": row.area.name},
        "period": a.period_code or "",
        "value": a.value,
        "value_text": row.value,
        "status": a.status or "",
        "target": a.target_value,
        "target_text": row.target,
        "target_period": a.target_period_code or "",
        "rag": a.rag,
        "rag_label": row.rag_label,
        "direction_previous": a.direction_previous,
        "direction_previous_label": scorecard_rules.DIRECTION_LABELS.get(
            a.direction_previous, a.direction_previous
        ),
        "direction_year": a.direction_year,
        "direction_year_label": scorecard_rules.DIRECTION_LABELS.get(
            a.direction_year, a.direction_year
        ),
        "forecast": a.forecast_value,
        "forecast_text": row.forecast if a.forecast_value is not None else "",
        "forecast_status": a.forecast_status,
        "forecast_label": row.forecast_label,
        "final_target_text": row.final_target if a.final_target_value is not None else "",
        "final_target_period": a.final_target_period_code or "",
        "exceptions": list(row.exceptions),
        "provenance": a.provenance or "",
        "provenance_label": _provenance_label(a.provenance),
        "target_illustrative": bool(a.target_illustrative),
        "is_illustrative": row.is_illustrative,
        "as_of": as_of.isoformat(),
    }


def exception_report_snapshot(
    card: scorecard_selectors.Scorecard, *, body: Body, taken_on: dt.date
) -> dict[str, Any]:
    """The exception report of `card` as plain JSON: nothing in it refers back to figures that
    may later change."""
    rows = [exception_report_row(r, card.as_of) for r in card.rows]
    return {
        "format": EXCEPTION_REPORT_FORMAT,
        "kind": EXCEPTION_REPORT,
        "body": {"id": body.pk, "name": body.name},
        "area": card.area.name if card.area is not None else "",
        "as_of": card.as_of.isoformat(),
        "as_of_text": _day(card.as_of),
        "taken_on": taken_on.isoformat(),
        "reporting": {
            "start": card.reporting.start.isoformat(),
            "end": card.reporting.end.isoformat(),
            "text": f"{_day(card.reporting.start)} to {_day(card.reporting.end)}",
        },
        "has_illustrative": any(r["is_illustrative"] for r in rows),
        "has_provisional": any(r["status"] == "provisional" for r in rows),
        "note": card.note,
        "sources": card.sources,
        "rows": rows,
    }


def _exception_report_cover(
    body: Body, as_of: dt.date, snapshot: dict[str, Any], by: Any
) -> dict[str, Any]:
    """The cover sheet (seed 003) of an exception report paper."""
    n = len(snapshot["rows"])
    person = getattr(by, "person", None)
    name = ""
    if person is None and getattr(by, "is_authenticated", False):
        name = by.get_full_name() or by.get_username()
    counted = (
        f"{n} indicator{'s are' if n != 1 else ' is'} an exception"
        if n
        else "No indicator is an exception"
    )
    return {
        "title": f"Exception report: {body.name} as at {_day(as_of)}",
        "description": (
            f"The indicators on the scorecard of {body.name} that are red against their "
            "target, whose data is late, that are off track for their final target or that "
            f"are worsening, with their figures as they stood on {_day(as_of)}. {counted}. "
            "The figures are kept as they were that day, so this paper goes on showing what "
            "the meeting considered after they change."
        ),
        "purpose": PaperPurpose.DISCUSSION,
        "purpose_text": (
            "For information and discussion: to bring the exceptions on the body's scorecard "
            "before its members, so that they can ask what lies behind each one and agree "
            "what the partners will do about it."
        ),
        "circulation": f"Members of {body.name}.",
        "decision_required": (
            "Members are asked to discuss the exceptions and to agree any actions needed to "
            "bring the indicators back on track."
        ),
        "author": person,
        "author_text": name,
        "published_on": today(),
        "target_audience": f"{body.name}.",
        "cross_reference": f"The scorecard of {body.name} (Performance), as at {_day(as_of)}.",
        "body": body,
        # The public reads final figures only, so a report carrying provisional ones stays
        # with the body's members.
        "is_public": not snapshot["has_provisional"],
        "is_illustrative": snapshot["has_illustrative"],
        "source": f"Accord's exception report for {body.name} as at {as_of.isoformat()}.",
    }


@transaction.atomic
def paper_snapshot_exception_report(
    *, body: Body, meeting: Meeting, as_of: dt.date, by: Any
) -> Paper:
    """Freeze the body's exception report as it stands on `as_of` into a new paper (its rows
    in `Paper.snapshot`, with a cover sheet), and put it on the agenda of `meeting` (one of the
    body's) for discussion, before any other business. Later changes to the figures leave the
    paper as it was."""
    if meeting.body_id != body.pk:
        raise ValidationError({"meeting": "The meeting is not one of this body's meetings."})
    if meeting.is_archived or meeting.is_cancelled:
        raise ValidationError({"meeting": "The meeting is archived or cancelled."})
    taken_on = today()
    card = scorecard_selectors.exceptions(as_of, by, body=body)
    snapshot = exception_report_snapshot(card, body=body, taken_on=taken_on)
    paper = paper_create(
        fields={
            **_exception_report_cover(body, as_of, snapshot, by),
            "snapshot": snapshot,
            "snapshot_kind": EXCEPTION_REPORT,
            "snapshot_taken_on": taken_on,
        },
        by=by,
        snapshot=True,
    )
    agenda_item_add(
        meeting=meeting,
        fields={
            "title": paper.title,
            "presenter": paper.author,
            "presenter_text": paper.author_text,
            "purpose": Purpose.DISCUSSION,
            "papers": [paper],
            "source": paper.source,
        },
        by=by,
    )
    return paper
