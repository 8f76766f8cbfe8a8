"""The one permission check for pages and API: `user.has_perm(perm, obj)`.

Partnership managers may do everything. Everyone else's rights come from their current
memberships: support staff act as the body's secretary; any member reads the body's restricted
material and the contact details of fellow members. A lead officer reads and submits the
returns they owe; members of the body that owns an indicator read its returns."""

from collections.abc import Callable
from typing import Any

from accord.memberships.models import SECRETARY_ROLES, Role

# What a body's secretary may do to that body and the records that hang from it.
SECRETARY_PERMS = frozenset(
    {
        "bodies.change_body",
        "bodies.view_body",
        "memberships.add_membership",
        "memberships.change_membership",
        "memberships.archive_membership",
        "memberships.view_membership",
        # Meetings: the secretary builds agendas, records attendance and minutes, and keeps the
        # body's papers, forward plan and actions.
        "meetings.add_meeting",
        "meetings.change_meeting",
        "meetings.cancel_meeting",
        "meetings.add_agendaitem",
        "meetings.change_agendaitem",
        "meetings.archive_agendaitem",
        "meetings.add_forwardplanitem",
        "meetings.change_forwardplanitem",
        "meetings.add_attendance",
        "meetings.change_attendance",
        "meetings.record_minutes",
        "meetings.add_decision",
        "meetings.change_decision",
        "meetings.circulate_minutes",
        "meetings.agree_minutes",
        "meetings.add_minutesamendment",
        "meetings.change_meetingsettings",
        "papers.add_paper",
        "papers.change_paper",
        "papers.archive_paper",
        "papers.add_paperfile",
        "actions.add_action",
        "actions.change_action",
        "actions.add_actionnote",
    }
)
# What any current member may do for their bodies.
MEMBER_PERMS = frozenset(
    {
        "bodies.view_body",
        "memberships.view_membership",
        "collection.view_return",
        # A partnership assesses its own lines of the indicator review (seed 003 appendix 2).
        "reviews.add_reviewentry",
        "reviews.change_reviewentry",
        "reviews.archive_reviewentry",
        # Restricted agenda items, non-public papers and minutes not yet agreed.
        "meetings.view_restricted",
        "papers.view_paper",
        "actions.view_action",
    }
)
# The chair (or a vice chair in the chair) signs the body's agreed minutes.
CHAIR_PERMS = frozenset({"meetings.sign_minutes"})
CHAIR_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR})
# The person an action is assigned to reports progress on it.
ACTION_OWNER_PERMS = frozenset({"actions.view_action", "actions.add_actionnote"})
# What the lead officer a collection return is addressed to may do with it.
LEAD_OFFICER_PERMS = frozenset({"collection.view_return", "collection.submit_return"})

PERSONAL_DATA = "people.view_personal_data"


def body_roles(user: Any) -> dict[int, set[str]]:
    """The user's current bodies and their roles on each, fetched once per user object."""
    cached = getattr(user, "_accord_body_roles", None)
    if cached is not None:
        return cached
    roles: dict[int, set[str]] = {}
    if user.is_authenticated and user.person_id:
        from accord.memberships.models import Membership

        for body_id, role in (
            Membership.objects.current()
            .filter(person_id=user.person_id)
            .values_list("body_id", "role")
        ):
            roles.setdefault(body_id, set()).add(role)
    user._accord_body_roles = roles
    return roles


def bodies_of(obj: Any) -> list[int]:
    """The bodies a record belongs to, for deciding who may act on it."""
    from accord.bodies.models import Body, Post
    from accord.collection.models import Return
    from accord.memberships.models import Membership

    if isinstance(obj, Body):
        return [obj.pk]
    if isinstance(obj, Membership | Post):
        return [obj.body_id]
    if isinstance(obj, Return):
        owner = obj.indicator.owning_body_id
        return [owner] if owner else []
    body_id = getattr(obj, "body_id", None)
    if body_id is None:
        # Agenda items, attendance, decisions and the like belong to their meeting's body;
        # action notes and paper files to their action's or paper's.
        for parent in ("meeting", "action", "paper"):
            if getattr(obj, f"{parent}_id", None):
                body_id = getattr(getattr(obj, parent), "body_id", None)
                break
    return [body_id] if body_id else []


def addressed_to(user: Any, obj: Any) -> bool:
    """Whether `obj` is a collection return this user owes as its lead officer."""
    from accord.collection.models import Return

    person_id = getattr(user, "person_id", None)
    return isinstance(obj, Return) and person_id is not None and obj.lead_officer_id == person_id


def owns_action(user: Any, obj: Any) -> bool:
    """Whether `obj` is an action (or a note on one) assigned to this user's person."""
    from accord.actions.models import Action, ActionNote

    person_id = getattr(user, "person_id", None)
    if isinstance(obj, ActionNote):
        obj = obj.action
    return isinstance(obj, Action) and person_id is not None and obj.owner_id == person_id


def fellow_member_ids(user: Any) -> set[int]:
    """The people whose contact details this user may see as a member: themself and everyone
    sharing a current body with them (one query, cached on the user object)."""
    cached = getattr(user, "_accord_fellows", None)
    if cached is not None:
        return cached
    from accord.memberships.models import Membership

    fellows: set[int] = {user.person_id} if getattr(user, "person_id", None) else set()
    mine = set(body_roles(user))
    if mine:
        fellows |= set(
            Membership.objects.current()
            .filter(body_id__in=mine)
            .values_list("person_id", flat=True)
        )
    user._accord_fellows = fellows
    return fellows


def personal_data_people(user: Any) -> Callable[[int], bool]:
    """The bulk form of `user.has_perm("people.view_personal_data", person)`, for lists."""
    if not user.is_authenticated:
        return lambda pk: False
    if user.has_perm(PERSONAL_DATA):
        return lambda pk: True
    fellows = fellow_member_ids(user)
    return lambda pk: pk in fellows


class MembershipBackend:
    """Authentication is Django's; this backend only answers permission questions."""

    def authenticate(self, request, **credentials):
        return None

    def get_user(self, user_id):
        return None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        if user_obj.is_superuser or getattr(user_obj, "is_manager", False):
            return True
        if obj is None:
            return False
        if perm == PERSONAL_DATA:
            return obj.pk in fellow_member_ids(user_obj)
        if perm in LEAD_OFFICER_PERMS and addressed_to(user_obj, obj):
            return True
        if perm in ACTION_OWNER_PERMS and owns_action(user_obj, obj):
            return True
        roles = body_roles(user_obj)
        for body_id in bodies_of(obj):
            held = roles.get(body_id, set())
            if not held:
                continue
            if perm in MEMBER_PERMS:
                return True
            if perm in SECRETARY_PERMS and held & SECRETARY_ROLES:
                return True
            if perm in CHAIR_PERMS and held & CHAIR_ROLES:
                return True
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(getattr(user_obj, "is_manager", False) or user_obj.is_superuser)
