"""Reads of memberships: query shape lives here."""

from accord.memberships.models import Membership
from accord.people.models import Person

MEMBER_RELATED = ("person", "body", "on_behalf_of", "nominated_by", "post")


def memberships_of_person(person_id: int) -> list[Membership]:
    """A person's current memberships, with their bodies and organisations (one query)."""
    return list(
        Membership.objects.current()
        .filter(person_id=person_id, body__archived_on__isnull=True)
        .select_related("body", "on_behalf_of")
        .order_by("body__name", "role")
    )


def membership_detail(*, pk: int) -> Membership:
    """One membership with everything its page names (one query)."""
    return Membership.objects.select_related(
        *MEMBER_RELATED, "body__parent", "created_by", "modified_by"
    ).get(pk=pk)


def people_for_choice():
    """People a membership can be given to, in the order of a select list."""
    return Person.objects.live().order_by("sort_name", "name")
