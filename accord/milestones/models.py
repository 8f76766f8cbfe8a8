"""Timetables: programmes of dated milestones with an owner and a status."""

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


OPEN_STATUSES = (MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS)


class MilestoneQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_on__isnull=True)

    def open(self):
        return self.live().filter(status__in=OPEN_STATUSES)

    def overdue(self, on=None):
        return self.open().filter(due_on__lt=on or today())

    def coming_up(self, days: int = 42, on=None):
        import datetime as dt

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
