"""The collection cycle: a round opens for a period, lead officers submit their returns, the
manager approves or returns them, and approval locks the figures."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class CollectionRound(AccordModel):
    title = models.CharField(max_length=200)
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    opens_on = models.DateField()
    deadline = models.DateField()
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    instructions = models.TextField(blank=True)
    # Days before and after the deadline on which reminders go out.
    remind_days_before = models.PositiveSmallIntegerField(default=5)
    remind_days_after = models.PositiveSmallIntegerField(default=1)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")),
                name="round_deadline_after_opening",
                violation_error_message="The deadline is before the round opens.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collection:round", args=[self.pk])


class ReturnStatus(models.TextChoices):
    DUE = "due", "Due"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"


class Return(AccordModel):
    """What one lead officer owes in a round: the figure for one indicator and area."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="returns")
    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="returns"
    )
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    lead_officer = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="returns"
    )
    status = models.CharField(max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.DUE)
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    commentary = models.TextField(blank=True)
    unusual_change_confirmed = models.BooleanField(default=False)
    submitted_on = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    manager_comment = models.TextField(blank=True)
    observation = models.OneToOneField(
        "observations.Observation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collection_return",
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["round", "indicator__code", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "indicator", "area"],
                condition=Q(archived_on__isnull=True),
                name="return_one_per_round_indicator_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area} ({self.round})"

    def get_absolute_url(self) -> str:
        return reverse("collection:return", args=[self.pk])


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Before the deadline"
    AFTER = "after", "After the deadline"


class Reminder(models.Model):
    """A reminder e-mail sent, so each goes once. A log, not a domain record."""

    round = models.ForeignKey(CollectionRound, on_delete=models.PROTECT, related_name="reminders")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateTimeField()
    email = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person", "kind"], name="reminder_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder to {self.email}"
