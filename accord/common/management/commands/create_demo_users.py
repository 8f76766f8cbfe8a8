"""`accord create-demo-users`: make the demo sign-ins if missing and print them.

`ensure_demo_users()` (re-exported here) does the work and returns the rows, for `make run` and the
browser tests."""

from django.core.management.base import BaseCommand

from accord.common.example.demo_users import (
    DEMO_PASSWORD,
    demo_sign_ins,
    ensure_demo_users,
    format_sign_ins,
)

__all__ = ["DEMO_PASSWORD", "Command", "demo_sign_ins", "ensure_demo_users", "format_sign_ins"]


class Command(BaseCommand):
    help = "Create the demo sign-ins (one per role) if missing, and print them."

    def handle(self, *args, **options):
        rows = ensure_demo_users()
        self.stdout.write("Demo sign-ins (for local use only):")
        self.stdout.write(format_sign_ins(rows))
        unlinked = [r.username for r in rows if r.person == "(not linked)"]
        if unlinked:
            self.stdout.write(
                "Not linked to a person (run `accord load-example` first, then this again): "
                + ", ".join(unlinked)
            )
