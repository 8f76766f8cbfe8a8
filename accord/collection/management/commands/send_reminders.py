"""`accord send-reminders [--today YYYY-MM-DD]`: e-mail lead officers their outstanding returns
before and after each open round's deadline. Safe to run daily: each reminder goes once."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from accord.collection.reminders import reminders_send
from accord.common.querysets import today


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today must be a date like 2010-01-15, not {text!r}") from None


class Command(BaseCommand):
    help = "E-mail lead officers the returns they still owe, before and after each deadline."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=_day,
            default=None,
            help="Act as if today were this day (YYYY-MM-DD); default: today.",
        )

    def handle(self, *args, **options):
        day = options["today"] or today()
        run = reminders_send(today=day)
        for reminder in run.sent:
            self.stdout.write(
                f"Sent the {reminder.get_kind_display().lower()} reminder for "
                f"{reminder.round} to {reminder.email}"
            )
        for person in run.no_email:
            self.stderr.write(f"{person} owes returns but has no e-mail address on record.")
        self.stdout.write(f"{len(run.sent)} reminder(s) sent for {day:%-d %B %Y}.")
