"""Demo sign-ins for the example partnership: one for each role, all with one shared password.

For local demonstration only: `make run` prints them. Each account is linked to a person of the
example, so its rights follow from that person's real (seeded) memberships."""

import os
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from accord.accounts.models import User
from accord.memberships.models import Membership, Role
from accord.people.models import Person

DEMO_PASSWORD = "accord-demo-2026"
DEMO_PASSWORD_ENV = "ACCORD_DEMO_PASSWORD"


def demo_password() -> str:
    """The shared demo password: ACCORD_DEMO_PASSWORD if set, else the documented default."""
    return os.environ.get(DEMO_PASSWORD_ENV) or DEMO_PASSWORD


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    person_name: str
    is_manager: bool = False
    is_lead_officer: bool = False
    why: str = ""


DEMO_ACCOUNTS = [
    DemoAccount(
        "manager",
        "Partnership manager",
        "Alistair Jeffs",
        is_manager=True,
        why="Head of Service, Policy Performance & Partnerships (seed 001)",
    ),
    DemoAccount(
        "secretary",
        "Body secretary",
        "Alison Armstrong",
        why="Support staff of the LSP Thematic Leads Group (seed 004)",
    ),
    DemoAccount(
        "member",
        "Member",
        "Wendy Meredith",
        why="Member of the LSP Thematic Leads Group (seed 004)",
    ),
    DemoAccount(
        "lead",
        "Lead officer",
        "Tim Jackson",
        is_lead_officer=True,
        why="Cheshire Constabulary; reported for Safer and Stronger Communities (seed 004)",
    ),
]


@dataclass(frozen=True)
class DemoSignIn:
    username: str
    password: str
    role: str
    person: str
    created: bool


def _person(name: str) -> Person | None:
    return Person.objects.live().filter(name=name).order_by("pk").first()


def ensure_demo_users() -> list[DemoSignIn]:
    """Create any missing demo account and link each to its person, if that person exists.

    Idempotent: existing accounts keep their password (if someone changed it, the table says so)."""
    password = demo_password()
    rows: list[DemoSignIn] = []
    with transaction.atomic():
        for account in DEMO_ACCOUNTS:
            person = _person(account.person_name)
            user = User.objects.filter(username=account.username).first()
            created = user is None
            if user is None:
                user = User(
                    username=account.username,
                    is_manager=account.is_manager,
                    is_lead_officer=account.is_lead_officer,
                )
                validate_password(password, user)
                user.set_password(password)
            if person is not None and user.person_id is None:
                taken = User.objects.filter(person=person).exclude(pk=user.pk).exists()
                if not taken:
                    user.person = person
                    first, _, last = person.name.partition(" ")
                    user.first_name, user.last_name = first, last
            user.save()
            # Hashing is slow on purpose, so only accounts made earlier are checked.
            unchanged = created or user.check_password(password)
            rows.append(
                DemoSignIn(
                    username=user.username,
                    password=password if unchanged else "(changed)",
                    role=account.role,
                    person=str(user.person) if user.person_id else "(not linked)",
                    created=created,
                )
            )
    return rows


def demo_sign_ins() -> list[DemoSignIn]:
    """The demo sign-ins as they stand, without creating anything."""
    password = demo_password()
    rows = []
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).select_related("person").first()
        if user is None:
            continue
        rows.append(
            DemoSignIn(
                username=user.username,
                password=password if user.check_password(password) else "(changed)",
                role=account.role,
                person=str(user.person) if user.person_id else "(not linked)",
                created=False,
            )
        )
    return rows


def format_sign_ins(rows: list[DemoSignIn]) -> str:
    """A plain-text table of the sign-ins, for the terminal."""
    header = ("Username", "Password", "Role", "Linked person")
    table = [header] + [(r.username, r.password, r.role, r.person) for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def secretary_bodies(user: User) -> list[str]:
    """Names of the bodies the user currently supports as secretary (for checks and messages)."""
    if not user.person_id:
        return []
    return list(
        Membership.objects.current()
        .filter(person_id=user.person_id, role=Role.SUPPORT_STAFF)
        .values_list("body__name", flat=True)
    )
