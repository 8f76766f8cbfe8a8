"""Timetables: programmes of dated milestones with an owner and a status."""

import calendar
import datetime as dt

from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet
from accord.common.querysets import today


class Programme(AccordModel):
    """A timetable, e.g. the LAA 2009 refresh or the SCS delivery plan steps 1–4."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owning_body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="programmes"
    )
    strategy = models.ForeignKey(
        "strategies.Strategy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes",
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("milestones:programme", args=[self.pk])


class DatePrecision(models.TextChoices):
    DAY = "day", "On the day"
    BY_DAY = "by_day", "By the day"
    MONTH = "month", "During the month"
    MID_MONTH = "mid_month", "Mid-month"
    SPAN = "span", "Over a span of dates"


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    MISSED = "missed", "Missed"
    CANCELLED = "cancelled", "Cancelled"
    # A past plan whose outcome nobody has recorded: not open, so not "overdue".
    UNRECORDED = "unrecorded", "Outcome not recorded"


OPEN_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)


class MilestoneQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_on__isnull=True)

    def open(self):
        return self.live().filter(status__in=OPEN_STATUSES)

    def overdue(self, on=None):
        return self.open().filter(due_on__lt=on or today())

    def coming_up(self, days: int = 42, on=None):
        start = on or today()
        return self.open().filter(due_on__gte=start, due_on__lte=start + dt.timedelta(days=days))


class Milestone(AccordModel):
    date_span = ("starts_on", "due_on")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="milestones")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    starts_on = models.DateField(
        null=True, blank=True, help_text="For a step that runs over a span, its first day."
    )
    due_on = models.DateField(help_text="The day it is due (the last day of a span or month).")
    precision = models.CharField(
        max_length=12,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How exactly the paper gives the date: 'by 30 April', 'mid-February', 'March'.",
    )
    owner_body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="milestones"
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="milestones",
    )
    owner_person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="milestones"
    )
    status = models.CharField(
        max_length=12, choices=MilestoneStatus.choices, default=MilestoneStatus.PLANNED
    )
    completed_on = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "position"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("milestones:milestone", args=[self.pk])

    @property
    def owner(self):
        return self.owner_body or self.owner_organisation or self.owner_person

    @property
    def owners(self) -> list:
        """Everyone named as owning it: a body, an organisation, a person, in that order."""
        return [o for o in (self.owner_body, self.owner_organisation, self.owner_person) if o]

    @property
    def date_label(self) -> str:
        """The date as the paper gives it: "by 30 April 2009", "mid-February 2009",
        "March 2009", "August to October 2010", "26 March 2009"."""
        return date_label(self.precision, self.due_on, self.starts_on)

    @property
    def first_day(self) -> dt.date:
        """The first day it covers: the start of a span, the 1st of a month, else the due day."""
        if self.precision == DatePrecision.SPAN and self.starts_on:
            return self.starts_on
        if self.precision == DatePrecision.MONTH:
            return self.due_on.replace(day=1)
        return self.due_on

    @property
    def is_span(self) -> bool:
        return self.first_day < self.due_on

    def is_overdue_on(self, on: dt.date) -> bool:
        from accord.milestones import rules

        return self.archived_on is None and rules.is_overdue(self.due_on, self.status, on)


def _day(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def _whole_months(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]


def date_label(precision: str, due_on: dt.date, starts_on: dt.date | None = None) -> str:
    """How a milestone's date reads in words, from how exactly the paper gave it."""
    if precision == DatePrecision.BY_DAY:
        return f"by {_day(due_on)}"
    if precision == DatePrecision.MONTH:
        return f"{due_on:%B %Y}"
    if precision == DatePrecision.MID_MONTH:
        return f"mid-{due_on:%B %Y}"
    if precision == DatePrecision.SPAN and starts_on and starts_on < due_on:
        if _whole_months(starts_on, due_on):
            if (starts_on.year, starts_on.month) == (due_on.year, due_on.month):
                return f"{due_on:%B %Y}"
            if starts_on.year == due_on.year:
                return f"{starts_on:%B} to {due_on:%B %Y}"
            return f"{starts_on:%B %Y} to {due_on:%B %Y}"
        if (starts_on.year, starts_on.month) == (due_on.year, due_on.month):
            return f"{starts_on.day} to {_day(due_on)}"
        if starts_on.year == due_on.year:
            return f"{starts_on.day} {starts_on:%B} to {_day(due_on)}"
        return f"{_day(starts_on)} to {_day(due_on)}"
    return _day(due_on)
