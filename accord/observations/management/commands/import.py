"""`accord import observations FILE [--good-rows] [--rejects OUT.csv] [--user USERNAME]`: load
a CSV or XLSX file of figures (the Accord template or a Fingertips data export)."""

import shutil
import time
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accord.indicators.models import Provenance
from accord.observations.models import ImportBatch, ImportStatus
from accord.observations.services import import_observations

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = (
        "Import a file. `observations`: figures from a CSV or XLSX file in the Accord template "
        "or a Fingertips data export. Every row is checked first; a file with any bad row is "
        "refused whole (exit status 1, with the problems by row and column) unless --good-rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["observations"], help="What the file holds.")
        parser.add_argument("file", help="The CSV or XLSX file.")
        parser.add_argument(
            "--good-rows",
            action="store_true",
            help="Load the good rows and set the bad ones aside, instead of refusing the file.",
        )
        parser.add_argument(
            "--rejects",
            metavar="OUT.csv",
            help="Write the rejected rows, each with a problem column, to this file.",
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="Record the import as done by this user."
        )
        parser.add_argument(
            "--provenance",
            choices=[p.value for p in Provenance],
            default=Provenance.REAL.value,
            help="For rows without a provenance column: real (the default), illustrative or "
            "synthetic.",
        )

    def handle(
        self,
        *args,
        what: str,
        file: str,
        good_rows: bool,
        rejects: str | None,
        user: str | None,
        provenance: str,
        **options,
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        by: Any = None
        if user:
            try:
                by = get_user_model().objects.get(username=user, is_active=True)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"There is no active user called {user!r}.") from exc
        started = time.monotonic()
        progress = _Progress(self.stderr, options.get("verbosity", 1))
        batch = import_observations(
            file_path=path,
            filename=path.name,
            load_good_rows=good_rows,
            provenance=provenance,
            progress=progress,
            by=by,
        )
        progress.done()
        if rejects and batch.rejects_file:
            try:
                with batch.rejects_file.open("rb") as source, open(rejects, "wb") as out:
                    shutil.copyfileobj(source, out)
            except OSError as exc:
                raise CommandError(f"Cannot write {rejects}: {exc.strerror}.") from exc
        seconds = time.monotonic() - started
        if batch.status == ImportStatus.DONE:
            self.stdout.write(self._summary(batch, seconds))
            if batch.rows_rejected:
                self.stderr.write(self._problems(batch, rejects))
            return
        self.stderr.write(self._problems(batch, rejects))
        raise CommandError(f"{path.name} was not imported: nothing was loaded (import {batch.pk}).")

    def _summary(self, batch: ImportBatch, seconds: float) -> str:
        unchanged = batch.rows_total - batch.rows_loaded - batch.rows_rejected
        rate = f", {batch.rows_total / seconds:,.0f} rows a second" if seconds > 0 else ""
        parts = [f"Loaded {batch.rows_loaded:,} figure{'s' * (batch.rows_loaded != 1)}"]
        if unchanged:
            parts.append(f"{unchanged:,} already recorded and unchanged")
        if batch.rows_rejected:
            parts.append(f"{batch.rows_rejected:,} rejected")
        return (
            f"{', '.join(parts)} from {batch.filename} (import {batch.pk}, "
            f"{batch.rows_total:,} rows in {seconds:.1f} s{rate})."
        )

    def _problems(self, batch: ImportBatch, rejects: str | None) -> str:
        problems = batch.problems or []
        lines = [f"{len(problems):,} problem{'s' * (len(problems) != 1)} in {batch.filename}:"]
        for p in problems[:SHOWN_PROBLEMS]:
            where = f"row {p['row']}" if p.get("row") else "the file"
            if p.get("column"):
                where += f", column {p['column']}"
            lines.append(f"  {where}: {p['problem']}")
        if len(problems) > SHOWN_PROBLEMS:
            lines.append(f"  … and {len(problems) - SHOWN_PROBLEMS:,} more.")
        if batch.rows_rejected:
            lines.append(
                f"The rejected rows are in {rejects}."
                if rejects
                else "Use --rejects OUT.csv to get the rejected rows back as a file."
            )
        return "\n".join(lines)


class _Progress:
    """Progress on standard error, for files that take more than a moment."""

    def __init__(self, stream, verbosity: int):
        self.stream = stream
        self.quiet = verbosity < 1
        self.tty = bool(getattr(getattr(stream, "_out", stream), "isatty", lambda: False)())
        self.started = time.monotonic()
        self.shown = False
        self.last = -1

    def __call__(self, batch: ImportBatch) -> None:
        if self.quiet or time.monotonic() - self.started < 1.0:
            return
        if batch.status == ImportStatus.CHECKING and batch.rows_total:
            text = (
                f"Checking rows: {batch.percent_done}% "
                f"({batch.rows_done:,} of about {batch.rows_total:,})"
            )
            step = batch.percent_done
        elif batch.status == ImportStatus.LOADING:
            text = f"Loading {batch.rows_total:,} checked rows…"
            step = 101
        else:
            return
        if self.tty:
            self.stream.write(f"\r{text}\033[K", ending="")
            self.stream.flush()
        elif step // 10 != self.last // 10:
            self.stream.write(text)
        self.last = step
        self.shown = True

    def done(self) -> None:
        if self.shown and self.tty:
            self.stream.write("", ending="\n")
