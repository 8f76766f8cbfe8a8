"""Reads of partner organisations: each page's queries are fixed here, however many rows."""

from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from accord.bodies.models import Post
from accord.bodies.selectors import visible_bodies
from accord.common.querysets import today
from accord.memberships.models import Membership
from accord.organisations.models import Organisation


def organisation_list(
    *, sector: str = "", kind: str = "", name: str = "", archived: bool = False
) -> QuerySet:
    qs = Organisation.objects.all() if archived else Organisation.objects.live()
    if sector:
        qs = qs.filter(sector=sector)
    if kind:
        qs = qs.filter(kind=kind)
    for word in name.split()[:8]:
        qs = qs.filter(Q(name__icontains=word) | Q(short_name__icontains=word))
    return qs.order_by("name", "pk")


def is_past(row, on=None) -> bool:
    end = getattr(row, "end_date", None)
    return end is not None and end < (on or today())


@dataclass
class OrganisationPage:
    organisation: Organisation
    current_representatives: list[Membership]
    past_representatives: list[Membership]
    current_staff: list
    past_staff: list
    posts: list[Post]


def organisation_page(*, pk: int, user) -> OrganisationPage:
    """An organisation with its representatives on every body the user may see, the people
    it employs and the seats it fills: five queries whatever the numbers."""
    organisation = Organisation.objects.get(pk=pk)
    bodies = visible_bodies(user).values("pk")
    representations = list(
        Membership.objects.live()
        .filter(on_behalf_of=organisation, body__in=bodies)
        .select_related("person", "body")
        .order_by(F("end_date").desc(nulls_first=True), "body__name", "person__sort_name")
    )
    staff = list(
        organisation.employments.live()
        .select_related("person")
        .filter(person__archived_on__isnull=True)
        .order_by(F("end_date").desc(nulls_first=True), "person__sort_name")
    )
    posts = list(
        Post.objects.live()
        .filter(organisation=organisation, body__in=bodies)
        .select_related("body")
        .order_by("body__name", "position", "label")
    )
    on = today()
    return OrganisationPage(
        organisation=organisation,
        current_representatives=[m for m in representations if not is_past(m, on)],
        past_representatives=[m for m in representations if is_past(m, on)],
        current_staff=[e for e in staff if not is_past(e, on)],
        past_staff=[e for e in staff if is_past(e, on)],
        posts=posts,
    )
