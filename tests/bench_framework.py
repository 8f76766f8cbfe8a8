"""The framework section of `make bench`: how Accord's main reads scale with a large framework.

Builds a synthetic framework (clearly not real data) and times the framework page, a large
body's page, the search, the API list and the Popolo export, with their query counts. Run by
`tests.bench` in its own process on a throwaway SQLite database (or the database named by
BENCH_DATABASE_URL): `python -m tests.bench_framework --out FILE`."""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BODIES = int(os.environ.get("BENCH_BODIES", "400"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2000"))
MEMBERSHIPS_PER_BODY = int(os.environ.get("BENCH_MEMBERS", "15"))
REPEAT = 5


def run(bodies: int = BODIES, people: int = PEOPLE, members: int = MEMBERSHIPS_PER_BODY) -> dict:
    """Build the synthetic framework in the connected (migrated) database and time the reads."""
    import datetime as dt

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accord.accounts.models import User
    from accord.bodies.models import Body, BodyKind
    from accord.memberships.models import Membership, Role
    from accord.organisations.models import Organisation
    from accord.people.models import Person

    start = time.perf_counter()
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Synthetic organisation {i}", sector="public", kind="council")
        for i in range(100)
    )
    persons = Person.objects.bulk_create(
        Person(name=f"Synthetic Person{i}", sort_name=f"Person{i}") for i in range(people)
    )
    top = Body.objects.create(name="Synthetic LSP", kind=BodyKind.LSP_BOARD)
    made = [top]
    for i in range(1, bodies):
        parent = made[(i - 1) // 6]
        made.append(
            Body.objects.create(
                name=f"Synthetic body {i}",
                kind=BodyKind.THEMATIC if i < 20 else BodyKind.SUB_GROUP,
                parent=parent,
                established_on=dt.date(2009, 4, 1),
            )
        )
    Membership.objects.bulk_create(
        Membership(
            person=persons[(b * 7 + j) % people],
            body=body,
            role=Role.CHAIR if j == 0 else Role.MEMBER,
            on_behalf_of=orgs[(b + j) % len(orgs)],
            start_date=dt.date(2009, 4, 1),
        )
        for b, body in enumerate(made)
        for j in range(members)
    )
    user = User.objects.filter(username="bench-framework").first() or User.objects.create_user(
        "bench-framework", password="bench-password-123", is_manager=True
    )
    built = time.perf_counter() - start

    client = Client()
    client.force_login(user)
    cases = [
        ("Framework page, today", "/bodies/framework/"),
        ("Framework page, as of 2009-06-01", "/bodies/framework/?as_of=2009-06-01"),
        ("Body page (LSP)", f"/bodies/{top.pk}/"),
        ("Bodies list", "/bodies/"),
        ("Search 'body 1'", "/search/?q=body+1"),
        ("API bodies list", "/api/v1/bodies?page_size=200"),
        ("API memberships list", "/api/v1/memberships?page_size=200"),
        ("Popolo export", "/api/v1/popolo.json"),
    ]
    reads = []
    for label, url in cases:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        # Counted now: every later request clears the connection's query log.
        queries = len(ctx.captured_queries)
        timings = []
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
        reads.append(
            {
                "read": label,
                "url": url,
                "status": response.status_code,
                "queries": queries,
                "median_ms": round(statistics.median(timings), 1),
                "max_ms": round(max(timings), 1),
            }
        )
    return {
        "data": {
            "bodies": bodies,
            "people": people,
            "memberships": bodies * members,
            "provenance": "synthetic (not real data)",
            "seconds_to_build": round(built, 1),
        },
        "repeat": REPEAT,
        "reads": reads,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The framework section of make bench.")
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="accord-bench-framework-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ACCORD_AXES_ENABLED"] = "0"
    import django

    django.setup()
    from django.conf import settings

    # Time what production runs: no query log, no template debugging. (Set after setup so the
    # development-only static storage and the plain-HTTP security settings stay.)
    settings.DEBUG = False
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    result = run()
    Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
