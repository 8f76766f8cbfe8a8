"""Reads of people: each page's queries are fixed here, however many rows it shows."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet

from accord.bodies.selectors import visible_bodies
from accord.common.querysets import today
from accord.memberships.models import Membership
from accord.organisations.models import Organisation
from accord.people.models import Employment, Person


def person_list(
    *, user, name: str = "", organisation: Organisation | None = None, archived: bool = False
) -> QuerySet:
    """People with their current jobs and their current seats on bodies the user may see."""
    qs = Person.objects.all() if archived else Person.objects.live()
    for word in name.split()[:8]:
        qs = qs.filter(Q(name__icontains=word) | Q(honorific__icontains=word))
    bodies = visible_bodies(user).values("pk")
    if organisation is not None:
        employed = Employment.objects.live().filter(organisation=organisation)
        representing = Membership.objects.live().filter(on_behalf_of=organisation, body__in=bodies)
        qs = qs.filter(
            Q(pk__in=employed.values("person_id")) | Q(pk__in=representing.values("person_id"))
        )
    return qs.order_by("sort_name", "name", "pk").prefetch_related(
        Prefetch(
            "employments",
            queryset=Employment.objects.current()
            .select_related("organisation")
            .order_by("organisation__name"),
            to_attr="current_jobs",
        ),
        Prefetch(
            "memberships",
            queryset=Membership.objects.current()
            .filter(body__in=bodies)
            .select_related("body")
            .order_by("body__name"),
            to_attr="current_seats",
        ),
    )


def organisation_choices() -> QuerySet:
    return Organisation.objects.live().order_by("name").only("pk", "name")


def _is_past(row, on) -> bool:
    return row.end_date is not None and row.end_date < on


@dataclass
class PersonPage:
    person: Person
    current_jobs: list[Employment]
    past_jobs: list[Employment]
    current_memberships: list[Membership]
    past_memberships: list[Membership]


def person_page(*, pk: int, user) -> PersonPage:
    """A person with where they work and the bodies they sit on (those the user may see):
    three queries whatever the numbers."""
    person = Person.objects.get(pk=pk)
    jobs = list(
        person.employments.live()
        .select_related("organisation")
        .order_by(F("end_date").desc(nulls_first=True), F("start_date").desc(nulls_last=True))
    )
    memberships = list(
        Membership.objects.live()
        .filter(person=person, body__in=visible_bodies(user).values("pk"))
        .select_related("body", "on_behalf_of", "nominated_by", "post")
        .order_by(
            F("end_date").desc(nulls_first=True),
            F("start_date").desc(nulls_last=True),
            "body__name",
        )
    )
    on = today()
    return PersonPage(
        person=person,
        current_jobs=[j for j in jobs if not _is_past(j, on)],
        past_jobs=[j for j in jobs if _is_past(j, on)],
        current_memberships=[m for m in memberships if not _is_past(m, on)],
        past_memberships=[m for m in memberships if _is_past(m, on)],
    )
