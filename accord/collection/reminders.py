"""Reminder e-mails to lead officers with returns still owed: once a few days before a round's
deadline and once after it. Each sending is logged, so running this daily sends each at most
once per round, person and kind."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accord.collection import rules
from accord.collection.models import (
    CollectionRound,
    Reminder,
    ReminderKind,
    Return,
    RoundStatus,
)
from accord.people.models import Person


@dataclass
class ReminderRun:
    sent: list[Reminder] = field(default_factory=list)
    # People who owe returns but have no e-mail address on record.
    no_email: list[Person] = field(default_factory=list)


def my_returns_url() -> str:
    """The absolute address of "My returns", when the site's address is configured."""
    base = getattr(settings, "ACCORD_SITE_URL", "").rstrip("/")
    return f"{base}{reverse('collection:mine')}"


def _message(
    person: Person, rnd: CollectionRound, kind: str, returns: list[Return]
) -> tuple[str, str]:
    deadline = f"{rnd.deadline:%-d %B %Y}"
    n = len(returns)
    noun = "return" if n == 1 else "returns"
    if kind == ReminderKind.BEFORE:
        subject = f"Reminder: {n} {noun} due by {deadline} ({rnd.title})"
        opening = f"The {rnd.title} round asks you for these figures by {deadline}:"
    else:
        were = "was" if n == 1 else "were"
        subject = f"Overdue: {n} {noun} {were} due on {deadline} ({rnd.title})"
        opening = (
            f"The deadline of the {rnd.title} round was {deadline}, and these figures are "
            "still owed:"
        )
    lines = [
        f"- {r.indicator.code} {r.indicator.display_title}, {r.area.name}, "
        f"{rnd.period.code}: {r.get_status_display().lower()}"
        for r in returns
    ]
    body = "\n".join(
        [
            f"Dear {person.name},",
            "",
            opening,
            "",
            *lines,
            "",
            f"Submit them on My returns: {my_returns_url()}",
            "",
            f"{settings.ACCORD_PARTNERSHIP_NAME}",
        ]
    )
    return subject, body


def reminders_send(*, today: dt.date) -> ReminderRun:
    """E-mail each lead officer the returns they still owe in every open round whose reminder
    is due today, once per round, person and kind (three queries, then one insert per e-mail)."""
    run = ReminderRun()
    rounds = {r.pk: r for r in CollectionRound.objects.live().filter(status=RoundStatus.OPEN)}
    due_kinds = {
        pk: [
            kind
            for kind in ReminderKind.values
            if rules.reminder_due(
                kind, r.deadline, today, r.remind_days_before, r.remind_days_after
            )
        ]
        for pk, r in rounds.items()
    }
    wanted = [pk for pk, kinds in due_kinds.items() if kinds]
    if not wanted:
        return run
    owed: dict[tuple[int, int], list[Return]] = defaultdict(list)
    people: dict[int, Person] = {}
    for r in (
        Return.objects.live()
        .filter(
            round_id__in=wanted,
            status__in=rules.OUTSTANDING,
            lead_officer__isnull=False,
            lead_officer__archived_on__isnull=True,
        )
        .select_related("indicator", "area", "lead_officer")
        .order_by("indicator__code", "area__name", "pk")
    ):
        r.round = rounds[r.round_id]
        owed[(r.round_id, r.lead_officer_id)].append(r)  # type: ignore[index]
        people[r.lead_officer_id] = r.lead_officer  # type: ignore[index,assignment]
    sent_before = set(
        Reminder.objects.filter(round_id__in=wanted).values_list("round_id", "person_id", "kind")
    )
    for (round_id, person_id), returns in owed.items():
        person, rnd = people[person_id], rounds[round_id]
        if not person.email:
            if person not in run.no_email:
                run.no_email.append(person)
            continue
        for kind in due_kinds[round_id]:
            if (round_id, person_id, kind) in sent_before:
                continue
            subject, body = _message(person, rnd, kind, returns)
            send_mail(subject, body, None, [person.email])
            try:
                with transaction.atomic():
                    run.sent.append(
                        Reminder.objects.create(
                            round=rnd,
                            person=person,
                            kind=kind,
                            sent_on=timezone.now(),
                            email=person.email,
                        )
                    )
            except IntegrityError:
                # Another run logged the same reminder in the meantime.
                continue
    return run
