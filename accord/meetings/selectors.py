"""Reads of meetings: who may see which meetings, the meeting page in a fixed number of
queries, matters arising, attendance statistics, the forward plan and the calendar dates.

Publishing: the public sees meetings of published bodies once their agenda is published, their
public papers, and the minutes, decisions and attendance once the minutes are agreed, never a
restricted item. The body's current members and managers see everything
(`user.has_perm("meetings.view_restricted", meeting)`)."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from accord.actions.models import Action
from accord.bodies.models import Body
from accord.common.querysets import today
from accord.meetings import rules
from accord.meetings.models import (
    MEMBER_CAPACITIES,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Decision,
    ForwardPlanItem,
    ForwardPlanStatus,
    Meeting,
    MeetingQuerySet,
    MeetingSettings,
    MeetingStatus,
    MinutesAmendment,
    date_label,
    last_of,
)
from accord.memberships.models import Membership, Role
from accord.organisations.models import Organisation
from accord.papers.models import Paper
from accord.people.models import Person

VIEW_RESTRICTED = "meetings.view_restricted"
# Membership roles expected at every meeting: they count for the quorum and attendance rates.
EXPECTED_ROLES = (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.CO_OPTED)
# Statuses of a meeting that took place.
HELD_STATUSES = (
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFT,
    MeetingStatus.MINUTES_CIRCULATED,
    MeetingStatus.MINUTES_AGREED,
)


def is_manager(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (getattr(user, "is_manager", False) or user.is_superuser)
    )


def _member_body_ids(user: Any) -> QuerySet[Any, Any]:
    return (
        Membership.objects.current()
        .filter(person_id=getattr(user, "person_id", None))
        .values("body_id")
    )


def visible_meetings(user: Any) -> MeetingQuerySet:
    """Meetings this user may see: managers all of them (archived too); the body's current
    members its live meetings of any status; everyone the public ones (agenda published, of a
    published body)."""
    qs: MeetingQuerySet = Meeting.objects.all()  # type: ignore[assignment]
    if is_manager(user):
        return qs
    public = Q(
        is_public=True,
        status__in=[s for s in MeetingStatus if s != MeetingStatus.SCHEDULED],
        body__is_published=True,
        body__archived_on__isnull=True,
    )
    if user is not None and user.is_authenticated and getattr(user, "person_id", None):
        return qs.live().filter(public | Q(body_id__in=_member_body_ids(user)))
    return qs.live().filter(public)


def can_see_restricted(user: Any, meeting: Meeting) -> bool:
    """Whether the user sees restricted items and minutes not yet agreed (members, managers)."""
    return bool(user is not None and user.has_perm(VIEW_RESTRICTED, meeting))


# --- The meeting page ----------------------------------------------------------------------------


@dataclass
class AttendanceGroups:
    present: list[Attendance] = field(default_factory=list)
    apologies: list[Attendance] = field(default_factory=list)
    absent: list[Attendance] = field(default_factory=list)
    support: list[Attendance] = field(default_factory=list)
    observers: list[Attendance] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.present or self.apologies or self.absent or self.support or self.observers)


@dataclass
class Quorum:
    """Whether the meeting was quorate, with the counts behind the answer."""

    quorate: bool | None  # None until attendance is recorded
    present_members: int
    voting_members: int
    chair_present: bool
    rule: str  # the body's quorum as its terms of reference put it, or ""


@dataclass
class ItemView:
    item: AgendaItem
    papers: list[Paper]
    decisions: list[Decision]
    actions: list[Action]
    amendments: list[MinutesAmendment]
    minutes: str  # "" when the user may not read the minutes yet


@dataclass
class MeetingPage:
    meeting: Meeting
    items: list[ItemView]
    attendance: AttendanceGroups
    matters_arising: list[Action]
    quorum: Quorum
    can_see_restricted: bool
    minutes_visible: bool  # the minutes, decisions and attendance may be shown
    hidden_items: int  # restricted items left out for this user
    decisions: list[Decision]  # recorded for the meeting as a whole, not under an item
    amendments: list[MinutesAmendment]  # corrections to the agreed minutes, not under an item
    previous_meeting: Meeting | None  # whose minutes this meeting considers
    agreed_minutes_of: list[Meeting]  # meetings whose minutes were agreed here


def group_attendance(rows: list[Attendance]) -> AttendanceGroups:
    """Present members (chair, members, substitutes), apologies, absent, support staff, and
    observers or advisers present."""
    groups = AttendanceGroups()
    for row in rows:
        if row.status == AttendanceStatus.APOLOGIES:
            groups.apologies.append(row)
        elif row.status == AttendanceStatus.ABSENT:
            groups.absent.append(row)
        elif row.capacity == Capacity.SUPPORT:
            groups.support.append(row)
        elif row.capacity in MEMBER_CAPACITIES:
            groups.present.append(row)
        else:
            groups.observers.append(row)
    # The chair is named first, as minutes do.
    groups.present.sort(key=lambda a: a.capacity != Capacity.CHAIR)
    return groups


def _voting_members(body_id: int, on: dt.date) -> int:
    return (
        Membership.objects.live()
        .as_of(on)
        .filter(body_id=body_id, role__in=EXPECTED_ROLES, has_vote=True)
        .values("person_id")
        .distinct()
        .count()
    )


def quorum_for(meeting: Meeting, rows: list[Attendance], voting_members: int) -> Quorum:
    settings: MeetingSettings | None = getattr(meeting.body, "meeting_settings", None)
    if settings is not None and settings.is_archived:
        settings = None
    present = [
        r for r in rows if r.status == AttendanceStatus.PRESENT and r.capacity in MEMBER_CAPACITIES
    ]
    chair = any(r.capacity == Capacity.CHAIR for r in present)
    quorate = rules.is_quorate(settings, len(present), voting_members, chair) if rows else None
    return Quorum(
        quorate=quorate,
        present_members=len(present),
        voting_members=voting_members,
        chair_present=chair,
        rule=settings.quorum_note if settings is not None else "",
    )


def _origin_item_q(prefix: str = "") -> dict[str, str]:
    # Joining the content type by name keeps the query count fixed whatever the content-type
    # cache holds.
    return {
        f"{prefix}origin_type__app_label": "meetings",
        f"{prefix}origin_type__model": "agendaitem",
    }


def matters_arising(meeting: Meeting, user: Any = None) -> list[Action]:
    """The body's actions that arose at its earlier meetings and were still outstanding on this
    meeting's date (one query). Each carries `arose_on` and `arose_label` (that date in words,
    no more exactly than it is known), `arose_item_number`, `arose_meeting_id` and
    `arose_restricted`. With a user who may not see restricted material,
    only actions from unrestricted items of meetings whose minutes are agreed."""
    origin = AgendaItem.objects.filter(pk=OuterRef("origin_id"))
    qs = (
        Action.objects.live()
        .filter(body_id=meeting.body_id, **_origin_item_q())
        .annotate(
            arose_on=Subquery(origin.values("meeting__date")[:1]),
            arose_precision=Subquery(origin.values("meeting__date_precision")[:1]),
            arose_item_number=Subquery(origin.values("number")[:1]),
            arose_meeting_id=Subquery(origin.values("meeting_id")[:1]),
            arose_restricted=Subquery(origin.values("is_restricted")[:1]),
            arose_minutes_status=Subquery(origin.values("meeting__status")[:1]),
        )
        .filter(arose_on__lt=meeting.date)
        .filter(Q(status__in=("open", "in_progress")) | Q(closed_on__gte=meeting.date))
        .select_related("owner", "organisation")
        .order_by("arose_on", "arose_item_number", "pk")
    )
    if user is not None and not can_see_restricted(user, meeting):
        qs = qs.filter(arose_restricted=False, arose_minutes_status=MeetingStatus.MINUTES_AGREED)
    actions = list(qs)
    for a in actions:
        a.arose_label = date_label(a.arose_on, a.arose_precision)  # type: ignore[attr-defined]
    return actions


def meeting_page(meeting: Meeting | int, user: Any) -> MeetingPage:
    """Everything the meeting page shows, as this user may see it, in a fixed number of queries
    however many items, papers, decisions, actions and attendees. Raises Meeting.DoesNotExist
    when the user may not see the meeting."""
    pk = meeting.pk if isinstance(meeting, Meeting) else meeting
    m = (
        visible_meetings(user)
        .select_related(
            "body",
            "body__meeting_settings",
            "venue",
            "next_meeting",
            "next_meeting__venue",
            "minutes_agreed_at",
            "minutes_agreed_by",
            "signed_by",
        )
        .get(pk=pk)
    )
    restricted_ok = can_see_restricted(user, m)
    minutes_ok = restricted_ok or m.status == MeetingStatus.MINUTES_AGREED
    papers = Paper.objects.live().select_related("author").order_by("title", "pk")
    if not restricted_ok:
        papers = papers.filter(is_public=True)
    all_items = list(
        AgendaItem.objects.live()
        .filter(meeting=m)
        .select_related("presenter")
        .prefetch_related(Prefetch("papers", queryset=papers, to_attr="shown_papers"))
        .order_by("number")
    )
    items = [i for i in all_items if restricted_ok or not i.is_restricted]
    item_ids = {i.pk for i in items}

    decisions_by_item: dict[int | None, list[Decision]] = defaultdict(list)
    actions_by_item: dict[int, list[Action]] = defaultdict(list)
    amendments_by_item: dict[int | None, list[MinutesAmendment]] = defaultdict(list)
    rows: list[Attendance] = []
    if minutes_ok:
        for d in Decision.objects.live().filter(meeting=m).order_by("number", "pk"):
            if d.item_id is None or d.item_id in item_ids:
                decisions_by_item[d.item_id].append(d)
        for a in (
            Action.objects.live()
            .filter(origin_id__in=item_ids, **_origin_item_q())
            .select_related("owner", "organisation")
            .order_by("pk")
        ):
            actions_by_item[a.origin_id].append(a)  # type: ignore[index]
        rows = list(
            Attendance.objects.live()
            .filter(meeting=m)
            .select_related("person", "organisation", "substitute_for")
            .order_by("person__sort_name", "person__name", "pk")
        )
    for amendment in MinutesAmendment.objects.live().filter(meeting=m).select_related("agreed_at"):
        if amendment.item_id is None or amendment.item_id in item_ids:
            amendments_by_item[amendment.item_id].append(amendment)

    previous = (
        visible_meetings(user)
        .live()
        .filter(body_id=m.body_id, date__lt=m.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-pk")
        .first()
    )
    agreed_here = list(visible_meetings(user).filter(minutes_agreed_at=m).order_by("date", "pk"))
    voting = _voting_members(m.body_id, m.date) if rows else 0
    return MeetingPage(
        meeting=m,
        items=[
            ItemView(
                item=i,
                papers=i.shown_papers,  # type: ignore[attr-defined]
                decisions=decisions_by_item.get(i.pk, []),
                actions=actions_by_item.get(i.pk, []),
                amendments=amendments_by_item.get(i.pk, []),
                minutes=i.minutes if minutes_ok else "",
            )
            for i in items
        ],
        attendance=group_attendance(rows),
        matters_arising=matters_arising(m, user),
        quorum=quorum_for(m, rows, voting),
        can_see_restricted=restricted_ok,
        minutes_visible=minutes_ok,
        hidden_items=len(all_items) - len(items),
        decisions=decisions_by_item.get(None, []),
        amendments=amendments_by_item.get(None, []),
        previous_meeting=previous,
        agreed_minutes_of=agreed_here,
    )


# --- Lists, calendars, forward plan ------------------------------------------------------------


def meeting_list(
    *,
    user: Any,
    body: Body | int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    include_archived: bool = False,
) -> QuerySet[Meeting]:
    """Meetings the user may see, soonest first, with body and venue (one query). From `start`
    to `end`, both inclusive, with the meetings known only by their month (or year) that may
    fall in between."""
    qs = visible_meetings(user)
    if not include_archived:
        qs = qs.live()
    if body is not None:
        qs = qs.filter(body=body)
    if start is not None:
        qs = qs.on_or_after(start)
    # A month-only meeting is stored on the 1st: on or before `end` if its month may be.
    if end is not None:
        qs = qs.filter(date__lte=end)
    return qs.select_related("body", "venue").order_by("date", "start_time", "pk")


def next_meeting_for(body: Body | int, after: dt.date | None = None) -> Meeting | None:
    """The body's next live meeting after `after` (today unless given) that is not cancelled.
    Meetings whose day is not known are left out: which comes next cannot be told."""
    on = (after or today()) + dt.timedelta(days=1)
    return (
        Meeting.objects.upcoming(on)
        .with_day()
        .filter(body=body)
        .select_related("body", "venue")
        .first()
    )


def next_dates(body: Body, *, after: dt.date | None = None, n: int = 3) -> list[dt.date]:
    """The dates the body's meeting cycle offers next: after its last meeting (or `after`), on
    its usual weekday, leaving out dates it already meets on."""
    settings = MeetingSettings.objects.live().filter(body=body).first()
    latest = (
        Meeting.objects.live()
        .filter(body=body)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date")
        .values_list("date", "date_precision")
        .first()
    )
    # A meeting known only by its month (or year) may have been on any day of it: the cycle
    # goes on from the end of that month (or year).
    last = last_of(*latest) if latest else None
    start = after or last or today()
    weekday = settings.usual_weekday if settings is not None else None
    # Only a known day is taken; a month-only meeting's stored 1st is no real date.
    taken = set(
        Meeting.objects.live()
        .with_day()
        .filter(body=body, date__gt=start)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("date", flat=True)
    )
    offered = rules.next_meeting_dates(body.meeting_cycle, weekday, start, n + len(taken))
    return [d for d in offered if d not in taken][:n]


def forward_plan(body: Body | int, *, include_withdrawn: bool = False) -> list[ForwardPlanItem]:
    """The body's forward plan: items planned or placed for its future meetings, in date order
    (by the meeting's date when placed, else the intended date; undated last). One query."""
    qs = (
        ForwardPlanItem.objects.live()
        .filter(body=body)
        .select_related("meeting", "presenter")
        .order_by("pk")
    )
    if not include_withdrawn:
        qs = qs.exclude(status=ForwardPlanStatus.WITHDRAWN)
    items = list(qs)

    def when(p: ForwardPlanItem) -> tuple[int, dt.date]:
        day = p.meeting.date if p.meeting_id else p.intended_date  # type: ignore[union-attr]
        return (0, day) if day else (1, dt.date.max)

    return sorted(items, key=when)


def forward_plan_by_meeting(body: Body | int) -> list[tuple[Meeting | None, list[ForwardPlanItem]]]:
    """The forward plan grouped by the meeting each item is planned for (None: not yet set)."""
    groups: dict[int | None, list[ForwardPlanItem]] = {}
    meetings: dict[int | None, Meeting | None] = {None: None}
    for p in forward_plan(body):
        groups.setdefault(p.meeting_id, []).append(p)
        meetings[p.meeting_id] = p.meeting
    order = sorted(groups, key=lambda k: (k is None, meetings[k].date if k else dt.date.max))  # type: ignore[union-attr]
    return [(meetings[k], groups[k]) for k in order]


# --- Attendance statistics -----------------------------------------------------------------------


@dataclass
class AttendanceLine:
    """One person's or one organisation's record over a period."""

    subject: Any  # a Person or an Organisation
    expected: int = 0
    attended: int = 0
    apologies: int = 0
    absent: int = 0
    substituted: int = 0  # meetings a substitute attended in this person's place

    @property
    def rate(self) -> float | None:
        """Share of the meetings expected that were attended (by a substitute, for a person,
        counting as not attended), or None when none were expected."""
        return self.attended / self.expected if self.expected else None


@dataclass
class AttendanceStats:
    start: dt.date
    end: dt.date
    body: Body | None
    meetings: int
    people: list[AttendanceLine]
    organisations: list[AttendanceLine]


def attendance_stats(
    *, body: Body | int | None = None, start: dt.date, end: dt.date
) -> AttendanceStats:
    """Attendance per person and per partner organisation at the meetings held from `start` to
    `end` (one body's, or all bodies'), in three queries.

    A person is expected at a meeting when they sat on the body as chair, vice chair, member or
    co-opted member on its date, or were recorded there as a member, chair or substitute; a
    member with no entry counts as absent. An organisation is expected where any of its people
    was, and counts as attending when any of them (or a substitute on its behalf) was present,
    since partners are asked for equal commitment, not for one named person."""
    meetings_qs = Meeting.objects.live().filter(
        status__in=HELD_STATUSES, date__gte=start, date__lte=end
    )
    if body is not None:
        meetings_qs = meetings_qs.filter(body=body)
    meetings = list(meetings_qs.only("pk", "body_id", "date"))
    meeting_ids = [m.pk for m in meetings]
    body_ids = {m.body_id for m in meetings}
    rows = list(
        Attendance.objects.live()
        .filter(meeting_id__in=meeting_ids)
        .select_related("person", "organisation")
    )
    memberships = list(
        Membership.objects.live()
        .filter(body_id__in=body_ids, role__in=EXPECTED_ROLES)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .select_related("person", "on_behalf_of")
    )
    by_meeting: dict[int, list[Attendance]] = defaultdict(list)
    for r in rows:
        by_meeting[r.meeting_id].append(r)

    people: dict[int, AttendanceLine] = {}
    orgs: dict[int, AttendanceLine] = {}

    def person_line(p: Person) -> AttendanceLine:
        return people.setdefault(p.pk, AttendanceLine(p))

    for m in meetings:
        here = by_meeting[m.pk]
        substituted = {
            r.substitute_for_id
            for r in here
            if r.substitute_for_id and r.status == AttendanceStatus.PRESENT
        }
        # Each expected person once, with the organisation they sit for and their status
        # ("" when the record does not mention them: absent).
        expected: dict[int, tuple[Person, Organisation | None, str]] = {}
        for ms in memberships:
            on_date = (ms.start_date is None or ms.start_date <= m.date) and (
                ms.end_date is None or ms.end_date >= m.date
            )
            if ms.body_id == m.body_id and ms.person_id not in expected and on_date:
                expected[ms.person_id] = (ms.person, ms.on_behalf_of, "")
        for r in here:
            if r.capacity in (Capacity.MEMBER, Capacity.CHAIR):
                org = r.organisation or expected.get(r.person_id, (None, None, ""))[1]
                expected[r.person_id] = (r.person, org, r.status)
            elif r.person_id in expected:
                # A member recorded in another capacity (e.g. as an adviser) was still there.
                person, org, _ = expected[r.person_id]
                expected[r.person_id] = (person, r.organisation or org, r.status)
        org_status: dict[int, tuple[Organisation, set[str]]] = {}

        def org_saw(
            org: Organisation | None,
            status: str,
            seen: dict[int, tuple[Organisation, set[str]]] = org_status,
        ) -> None:
            if org is not None:
                seen.setdefault(org.pk, (org, set()))[1].add(status)

        for person_id, (person, org, status) in expected.items():
            line = person_line(person)
            line.expected += 1
            if status == AttendanceStatus.PRESENT:
                line.attended += 1
            elif person_id in substituted:
                line.substituted += 1
                line.apologies += 1
                status = AttendanceStatus.APOLOGIES
            elif status == AttendanceStatus.APOLOGIES:
                line.apologies += 1
            else:
                line.absent += 1
            org_saw(org, status or AttendanceStatus.ABSENT)
        # A substitute is not expected in their own right, but attends for an organisation.
        for r in here:
            if r.capacity == Capacity.SUBSTITUTE and r.person_id not in expected:
                stood_for = expected.get(r.substitute_for_id or 0)
                org_saw(r.organisation or (stood_for[1] if stood_for else None), r.status)
        for org, statuses in org_status.values():
            line = orgs.setdefault(org.pk, AttendanceLine(org))
            line.expected += 1
            if AttendanceStatus.PRESENT in statuses:
                line.attended += 1
            elif AttendanceStatus.APOLOGIES in statuses:
                line.apologies += 1
            else:
                line.absent += 1

    def order(line: AttendanceLine) -> tuple[str, str]:
        s = line.subject
        return (getattr(s, "sort_name", "") or s.name, s.name)

    return AttendanceStats(
        start=start,
        end=end,
        body=body if isinstance(body, Body) else None,
        meetings=len(meetings),
        people=sorted(people.values(), key=order),
        organisations=sorted(orgs.values(), key=order),
    )
