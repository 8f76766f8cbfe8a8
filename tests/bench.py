"""`make bench`: how Accord's main reads scale with a large framework.

Builds a synthetic framework (clearly not real data) in a throwaway SQLite database — or in the
database named by BENCH_DATABASE_URL — and times the framework page, a large body's page, the
search, the API list and the Popolo export, with their query counts."""

import os
import statistics
import sys
import tempfile
import time

BODIES = int(os.environ.get("BENCH_BODIES", "400"))
PEOPLE = int(os.environ.get("BENCH_PEOPLE", "2000"))
MEMBERSHIPS_PER_BODY = int(os.environ.get("BENCH_MEMBERS", "15"))


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="accord-bench-")
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ACCORD_AXES_ENABLED"] = "0"
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accord.accounts.models import User
    from accord.bodies.models import Body, BodyKind
    from accord.memberships.models import Membership, Role
    from accord.organisations.models import Organisation
    from accord.people.models import Person

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Synthetic organisation {i}", sector="public", kind="council")
        for i in range(100)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Synthetic Person{i}", sort_name=f"Person{i}") for i in range(PEOPLE)
    )
    top = Body.objects.create(name="Synthetic LSP", kind=BodyKind.LSP_BOARD)
    bodies = [top]
    for i in range(1, BODIES):
        parent = bodies[(i - 1) // 6]
        bodies.append(
            Body.objects.create(
                name=f"Synthetic body {i}",
                kind=BodyKind.THEMATIC if i < 20 else BodyKind.SUB_GROUP,
                parent=parent,
                established_on=dt.date(2009, 4, 1),
            )
        )
    Membership.objects.bulk_create(
        Membership(
            person=people[(b * 7 + j) % PEOPLE],
            body=body,
            role=Role.CHAIR if j == 0 else Role.MEMBER,
            on_behalf_of=orgs[(b + j) % len(orgs)],
            start_date=dt.date(2009, 4, 1),
        )
        for b, body in enumerate(bodies)
        for j in range(MEMBERSHIPS_PER_BODY)
    )
    User.objects.create_user("bench-manager", password="bench-password-123", is_manager=True)
    print(
        f"Synthetic framework (not real data): {BODIES} bodies, {PEOPLE} people, "
        f"{BODIES * MEMBERSHIPS_PER_BODY} memberships, built in {time.perf_counter() - start:.1f}s"
    )

    client = Client()
    client.login(username="bench-manager", password="bench-password-123")
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
    print(f"{'read':40} {'status':>6} {'queries':>8} {'median ms':>10} {'max ms':>8}")
    for label, url in cases:
        timings = []
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = len(ctx.captured_queries)
        for _ in range(5):
            t0 = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
        print(
            f"{label:40} {response.status_code:>6} {queries:>8} "
            f"{statistics.median(timings):>10.1f} {max(timings):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
