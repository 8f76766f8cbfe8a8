"""`accord serve`: the development server on http://127.0.0.1:$PORT (8000 unless PORT is set)."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve Accord on http://127.0.0.1:$PORT (default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT") or "8000")
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")

    def handle(self, *args, port, host, **options):
        if not str(port).isdigit() or not 0 < int(port) < 65536:
            raise CommandError(f"PORT must be a number from 1 to 65535, not {port!r}.")
        self.stdout.write(f"Accord is at http://{host}:{port}/  (Ctrl-C to stop)")
        call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=False)
