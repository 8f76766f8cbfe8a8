"""Meetings of bodies: venues, agendas and the forward plan, attendance, minutes per item,
decisions, and the approval of minutes (draft → circulated → agreed at a later meeting →
signed by the chair; agreed minutes change only by a recorded amendment)."""

import calendar
import datetime as dt
import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class Venue(AccordModel):
    """A place where bodies meet, reused across meetings."""

    name = models.CharField(max_length=200)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loop, parking and the like."
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def location(self) -> str:
        """The venue on one line, as a calendar's LOCATION."""
        parts = [self.name, *(line.strip() for line in self.address.splitlines()), self.postcode]
        return ", ".join(p for p in parts if p)


class MeetingSettings(AccordModel):
    """How a body usually meets and what makes it quorate."""

    body = models.OneToOneField(
        "bodies.Body", on_delete=models.PROTECT, related_name="meeting_settings"
    )
    usual_weekday = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[
            (i, day)
            for i, day in enumerate(
                ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            )
        ],
    )
    usual_start = models.TimeField(null=True, blank=True)
    usual_end = models.TimeField(null=True, blank=True)
    usual_venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quorum_members = models.PositiveIntegerField(
        null=True, blank=True, help_text="Members present needed for the meeting to be quorate."
    )
    quorum_share = models.DecimalField(
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="Share of the voting members who must be present, e.g. 0.5 for half.",
    )
    quorum_needs_chair = models.BooleanField(
        default=False, help_text="The chair (or a vice chair in the chair) must be present."
    )
    quorum_note = models.TextField(
        blank=True, help_text="The quorum as the terms of reference put it."
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "meeting settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(usual_weekday__isnull=True) | Q(usual_weekday__lte=6),
                name="meetingsettings_weekday_0_6",
            ),
            models.CheckConstraint(
                condition=Q(quorum_share__isnull=True)
                | (Q(quorum_share__gt=0) & Q(quorum_share__lte=1)),
                name="meetingsettings_share_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"Meeting settings of {self.body}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_DRAFT = "minutes_draft", "Minutes in draft"
    MINUTES_CIRCULATED = "minutes_circulated", "Minutes circulated"
    MINUTES_AGREED = "minutes_agreed", "Minutes agreed"
    CANCELLED = "cancelled", "Cancelled"


# A meeting the public may see: its agenda has been published (and it may since have been held
# or cancelled). A scheduled meeting is still being prepared.
PUBLISHED_STATUSES = tuple(s for s in MeetingStatus if s != MeetingStatus.SCHEDULED)


class DatePrecision(models.TextChoices):
    """How exactly the records give a meeting's date. The values are those of
    `accord.milestones.models.DatePrecision` where they mean the same; a meeting has no "by a
    day" or "mid-month", but may be known only by its year."""

    DAY = "day", "On a day"
    MONTH = "month", "The month only"
    YEAR = "year", "The year only"


def first_of(day: dt.date, precision: str) -> dt.date:
    """The day a meeting known to `precision` is stored on: the 1st of its month or year."""
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def last_of(day: dt.date, precision: str) -> dt.date:
    """The last day a meeting known to `precision` can have been on."""
    if precision == DatePrecision.MONTH:
        return day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == DatePrecision.YEAR:
        return day.replace(month=12, day=31)
    return day


def date_label(day: dt.date, precision: str, *, style: str = "") -> str:
    """A meeting's date in words, no more exactly than it is known. `style` "long" names the
    weekday (Monday 27 April 2009), "short" abbreviates (Mon 27 Apr 2009); a month reads
    "September 2011" (short "Sep 2011"), a year "2011"."""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{day:%b %Y}" if style == "short" else f"{day:%B %Y}"
    if style == "long":
        return f"{day:%A} {day.day} {day:%B %Y}"
    if style == "short":
        return f"{day:%a} {day.day} {day:%b %Y}"
    return f"{day.day} {day:%B %Y}"


def date_iso(day: dt.date, precision: str) -> str:
    """The date for HTML's `<time datetime>`: a date, a month (2011-09) or a year (2011)."""
    if precision == DatePrecision.YEAR:
        return f"{day:%Y}"
    if precision == DatePrecision.MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


class MeetingQuerySet(ArchivableQuerySet):
    def for_body(self, body) -> "MeetingQuerySet":
        return self.filter(body=body)

    @staticmethod
    def _not_over(on: dt.date) -> Q:
        # A meeting known only by its month (or year) may still be to come until that month
        # (or year) is over, so it counts as on or after `on` until then.
        return (
            Q(date_precision=DatePrecision.DAY, date__gte=on)
            | Q(date_precision=DatePrecision.MONTH, date__gte=on.replace(day=1))
            | Q(date_precision=DatePrecision.YEAR, date__gte=on.replace(month=1, day=1))
        )

    def on_or_after(self, on: dt.date) -> "MeetingQuerySet":
        """Meetings on or after `on`, counting one known only by its month or year until that
        month or year is over."""
        return self.filter(self._not_over(on))

    def before(self, on: dt.date) -> "MeetingQuerySet":
        """Meetings before `on`: the rest (one known only by its month once the month is over)."""
        return self.exclude(self._not_over(on))

    def with_day(self) -> "MeetingQuerySet":
        """Meetings whose day is known."""
        return self.filter(date_precision=DatePrecision.DAY)

    def upcoming(self, on: dt.date) -> "MeetingQuerySet":
        """Live meetings on or after `on` that are not cancelled, soonest first."""
        return (
            self.live()
            .on_or_after(on)
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("date", "start_time", "pk")
        )

    def past(self, on: dt.date) -> "MeetingQuerySet":
        """Live meetings before `on`, latest first (cancelled ones included)."""
        return self.live().before(on).order_by("-date", "-start_time", "-pk")

    def public(self) -> "MeetingQuerySet":
        """Live meetings of published bodies whose agenda has been published."""
        return self.live().filter(
            is_public=True,
            status__in=PUBLISHED_STATUSES,
            body__is_published=True,
            body__archived_on__isnull=True,
        )


class Meeting(AccordModel):
    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(
        max_length=200, blank=True, help_text="Leave blank for “<body> meeting”."
    )
    date = models.DateField(
        help_text="For a meeting known only by its month or year, the 1st of that month or year."
    )
    date_precision = models.CharField(
        "how exactly the date is known",
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="The records may give only the month (“the September meeting”) or the year.",
    )
    start_time = models.TimeField(null=True, blank=True, help_text="Blank when not recorded.")
    end_time = models.TimeField(null=True, blank=True)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    venue_text = models.CharField(
        "venue (as recorded)",
        max_length=300,
        blank=True,
        help_text="Where the venue is not one of the saved venues, or the room within it.",
    )
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    is_public = models.BooleanField(
        "public", default=True, help_text="A private meeting is shown only to members."
    )
    cancelled_reason = models.TextField(blank=True)
    agenda_published_on = models.DateField(null=True, blank=True)
    next_meeting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="previous_meetings",
        help_text="The next meeting, whose details the minutes give.",
    )
    # iCalendar: UID stays for the life of the meeting; SEQUENCE goes up whenever a calendar
    # would need to update its copy (date, time, venue, status).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    minutes_circulated_on = models.DateField(null=True, blank=True)
    minutes_agreed_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_agreed_here",
        help_text="The later meeting that agreed these minutes.",
    )
    minutes_agreed_by = models.ForeignKey(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreed_minutes_of",
        help_text="That meeting's decision agreeing them.",
    )
    signed_by_name = models.CharField("signed by (name)", max_length=200, blank=True)
    signed_by = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signed_minutes",
    )
    signed_on = models.DateField(null=True, blank=True)
    is_illustrative = models.BooleanField(
        default=False, help_text="An example written for the demonstration, not a real meeting."
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [models.Index(fields=["body", "date"], name="meeting_body_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
                name="meeting_date_precision_valid",
            ),
            # A time means nothing without the day it was on.
            models.CheckConstraint(
                condition=Q(date_precision=DatePrecision.DAY)
                | Q(start_time__isnull=True, end_time__isnull=True),
                name="meeting_no_time_without_day",
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancelled_reason=""),
                name="meeting_cancelled_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(next_meeting=models.F("id")), name="meeting_not_own_next"
            ),
            models.CheckConstraint(
                condition=~Q(minutes_agreed_at=models.F("id")),
                name="meeting_minutes_not_agreed_at_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_title}, {self.date_label}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def has_day(self) -> bool:
        """Whether the day of the meeting is known (not just its month or year)."""
        return self.date_precision == DatePrecision.DAY

    @property
    def last_day(self) -> dt.date:
        """The last day the meeting can have been on: its date, or the end of its month or
        year when only that is known."""
        return last_of(self.date, self.date_precision)

    @property
    def date_label(self) -> str:
        """27 April 2009; September 2011; 2011."""
        return date_label(self.date, self.date_precision)

    @property
    def long_date_label(self) -> str:
        """Monday 27 April 2009; September 2011; 2011."""
        return date_label(self.date, self.date_precision, style="long")

    @property
    def short_date_label(self) -> str:
        """Mon 27 Apr 2009; Sep 2011; 2011."""
        return date_label(self.date, self.date_precision, style="short")

    @property
    def date_iso(self) -> str:
        """2009-04-27; 2011-09; 2011 (for `<time datetime>`)."""
        return date_iso(self.date, self.date_precision)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.body} meeting"

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def minutes_are_agreed(self) -> bool:
        return self.status == MeetingStatus.MINUTES_AGREED

    @property
    def location(self) -> str:
        """Where the meeting is, on one line: the room as recorded, then the saved venue."""
        parts = [self.venue_text, self.venue.location if self.venue is not None else ""]
        return ", ".join(p for p in parts if p)


class Purpose(models.TextChoices):
    DECISION = "decision", "For decision"
    INFORMATION = "information", "For information"
    DISCUSSION = "discussion", "For discussion"


class StandingItem(models.TextChoices):
    NONE = "", "Not a standing item"
    WELCOME = "welcome", "Welcome and apologies"
    MINUTES = "minutes", "Minutes and matters arising of the last meeting"
    AOB = "aob", "Any other business"


class AgendaItem(AccordModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    number = models.PositiveIntegerField(help_text="Item No. 1, 2, 3 … in order.")
    title = models.CharField(max_length=300)
    presenter = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="presented_items",
    )
    presenter_text = models.CharField("presenter (as recorded)", max_length=300, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    minutes_allowed = models.PositiveIntegerField("time allowed (minutes)", null=True, blank=True)
    is_restricted = models.BooleanField(
        "restricted",
        default=False,
        help_text="An exempt item: shown only to the body's members and managers.",
    )
    standing = models.CharField(
        max_length=10, choices=StandingItem.choices, blank=True, default=StandingItem.NONE
    )
    papers = models.ManyToManyField("papers.Paper", blank=True, related_name="agenda_items")
    minutes = models.TextField(blank=True, help_text="The minute of the item.")
    forward_plan_item = models.ForeignKey(
        "ForwardPlanItem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=Q(archived_on__isnull=True),
                name="agendaitem_number_once_per_meeting",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="agendaitem_number_from_1"),
        ]

    def __str__(self) -> str:
        return f"Item No. {self.number}: {self.title}"

    @property
    def origin_date(self) -> dt.date:
        """The date actions arising at this item arose (see accord.actions)."""
        return self.meeting.date

    @property
    def presenter_label(self) -> str:
        if self.presenter_id and self.presenter_text:
            return f"{self.presenter} ({self.presenter_text})"
        return str(self.presenter) if self.presenter_id else self.presenter_text


class ForwardPlanStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    PLACED = "placed", "On an agenda"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ForwardPlanItem(AccordModel):
    """An item planned for a future meeting's agenda."""

    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="forward_plan_items"
    )
    title = models.CharField(max_length=300)
    presenter = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    presenter_text = models.CharField("presenter (as recorded)", max_length=300, blank=True)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, blank=True)
    intended_date = models.DateField(null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forward_plan_items",
        help_text="The meeting it is planned for.",
    )
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=ForwardPlanStatus.choices, default=ForwardPlanStatus.PLANNED
    )
    is_illustrative = models.BooleanField(default=False)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["body", "intended_date", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def presenter_label(self) -> str:
        if self.presenter_id and self.presenter_text:
            return f"{self.presenter} ({self.presenter_text})"
        return str(self.presenter) if self.presenter_id else self.presenter_text


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Capacity(models.TextChoices):
    MEMBER = "member", "Member"
    CHAIR = "chair", "Chair"
    SUBSTITUTE = "substitute", "Substitute"
    SUPPORT = "support", "Support staff"
    OBSERVER = "observer", "Observer"
    ADVISER = "adviser", "Adviser"


# Those who sit at the table as members: they count for the quorum and in attendance rates.
MEMBER_CAPACITIES = (Capacity.MEMBER, Capacity.CHAIR, Capacity.SUBSTITUTE)


class Attendance(AccordModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="attendances"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_attendances",
        verbose_name="on behalf of",
    )
    status = models.CharField(
        max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    capacity = models.CharField(max_length=12, choices=Capacity.choices, default=Capacity.MEMBER)
    substitute_for = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
    )
    note = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "person__sort_name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=Q(archived_on__isnull=True),
                name="attendance_once_per_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(substitute_for=models.F("person")),
                name="attendance_not_own_substitute",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()} ({self.get_capacity_display()})"


class DecisionKind(models.TextChoices):
    DECISION = "decision", "Decision"
    APPROVAL = "approval", "Approval"
    NOTED = "noted", "Noted"
    NONE_REQUIRED = "none_required", "None required"


class Decision(AccordModel):
    """An "Action - Decision" entry of a meeting's minutes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.PositiveIntegerField(default=1, help_text="Order within the item.")
    text = models.TextField()
    kind = models.CharField(
        max_length=20, choices=DecisionKind.choices, default=DecisionKind.DECISION
    )
    is_restricted = models.BooleanField(
        "restricted", default=False, help_text="Follows the item it was made under."
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "item__number", "number", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class MinutesAmendment(AccordModel):
    """A correction to agreed minutes, recorded beside them rather than written into them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="amendments")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="amendments"
    )
    text = models.TextField(help_text="The correction.")
    reason = models.TextField()
    agreed_at = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments_agreed",
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "created_on", "pk"]

    def __str__(self) -> str:
        return f"Amendment to the minutes of {self.meeting}"
