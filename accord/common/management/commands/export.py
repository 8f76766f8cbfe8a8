"""`accord export popolo [-o FILE] [--as USERNAME]`: the framework as open data."""

import json
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from accord.common.popolo import popolo_export

FORMATS = {"popolo": popolo_export}


class Command(BaseCommand):
    help = (
        "Export the partnership framework. `popolo`: persons, organizations (bodies and partner "
        "organisations), memberships, posts and areas as Popolo JSON. By default the public "
        "export (published bodies, no personal data); --as USERNAME exports what that user sees."
    )

    def add_arguments(self, parser):
        parser.add_argument("format", choices=sorted(FORMATS), help="What to export.")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="Write to FILE instead of standard output."
        )
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="Export what this user may see (may include personal data).",
        )

    def handle(self, *args, format: str, output: str | None, as_user: str | None, **options):
        user: Any = AnonymousUser()
        if as_user:
            try:
                user = get_user_model().objects.get(username=as_user, is_active=True)
            except get_user_model().DoesNotExist as exc:
                raise CommandError(f"There is no active user called {as_user!r}.") from exc
        data = FORMATS[format](user=user)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output and output != "-":
            path = Path(output)
            try:
                path.write_text(text, encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Cannot write {path}: {exc.strerror}.") from exc
            counts = ", ".join(
                f"{len(data[k])} {k}"
                for k in ("organizations", "persons", "memberships", "posts", "areas")
            )
            self.stderr.write(f"Wrote {path} ({counts}).")
        else:
            self.stdout.write(text, ending="")
