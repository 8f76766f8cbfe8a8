"""Actions: who will do what by when, with progress notes. One kind of record across Accord:
an action arises from a meeting's agenda item today, and from a delivery plan later, so its
origin is a generic link rather than a foreign key to any one of them."""

import datetime as dt

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


OUTSTANDING_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
CLOSED_STATUSES = (ActionStatus.DONE, ActionStatus.DROPPED)


class ActionQuerySet(ArchivableQuerySet):
    def outstanding(self) -> "ActionQuerySet":
        """Live actions still to be done (open or in progress)."""
        return self.live().filter(status__in=OUTSTANDING_STATUSES)

    def for_body(self, body) -> "ActionQuerySet":
        return self.filter(body=body)

    def overdue(self, on: dt.date) -> "ActionQuerySet":
        """Outstanding actions whose due date is before `on`."""
        return self.outstanding().filter(due_on__lt=on)

    def arising_from(self, obj) -> "ActionQuerySet":
        """Actions whose origin is `obj` (for example an agenda item)."""
        return self.filter(origin_type=ContentType.objects.get_for_model(obj), origin_id=obj.pk)


class Action(AccordModel):
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The person responsible.",
    )
    owner_text = models.CharField(
        "owner (as recorded)",
        max_length=300,
        blank=True,
        help_text="For owners recorded only by name or role, e.g. All Chairs and Vice Chairs.",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
    )
    body = models.ForeignKey(
        "bodies.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The body whose matters-arising list the action sits on.",
    )
    due_on = models.DateField("due date", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_on = models.DateField(null=True, blank=True)
    drop_reason = models.TextField(blank=True)
    origin_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    is_illustrative = models.BooleanField(
        default=False, help_text="An example written for the demonstration, not a real action."
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["origin_type", "origin_id"], name="action_origin")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=ActionStatus.DROPPED) | ~Q(drop_reason=""),
                name="action_dropped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("actions:detail", args=[self.pk])

    @property
    def is_outstanding(self) -> bool:
        return self.archived_on is None and self.status in OUTSTANDING_STATUSES

    @property
    def owner_label(self) -> str:
        """Who is responsible, as the page shows it."""
        if self.owner_id and self.owner_text:
            return f"{self.owner} ({self.owner_text})"
        return str(self.owner) if self.owner_id else self.owner_text


class ActionNote(AccordModel):
    """A progress note on an action."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="notes")
    written_on = models.DateField()
    text = models.TextField()

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["action", "written_on", "pk"]

    def __str__(self) -> str:
        return f"Note of {self.written_on:%-d %B %Y} on {self.action}"
