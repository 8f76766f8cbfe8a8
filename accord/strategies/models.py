"""The partnership's strategy: strategies and plans, their commitments and outcomes, the
shorter lists of priorities, and which bodies lead or contribute to each commitment."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet
from accord.common.querysets import DatedQuerySet


class StrategyKind(models.TextChoices):
    SCS = "scs", "Sustainable community strategy"
    LAA = "laa", "Local area agreement"
    CORPORATE_PLAN = "corporate_plan", "Corporate plan"
    AREA_ACTION_PLAN = "area_action_plan", "Area action plan"
    DELIVERY_PLAN = "delivery_plan", "Delivery plan"


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Out for consultation"
    ADOPTED = "adopted", "Adopted"
    SUPERSEDED = "superseded", "Superseded"


class StrategyQuerySet(DatedQuerySet):
    start_field = "period_start"
    end_field = "period_end"


class Strategy(AccordModel):
    date_span = ("period_start", "period_end")

    kind = models.CharField(max_length=20, choices=StrategyKind.choices)
    title = models.CharField(max_length=200)
    short_title = models.CharField(max_length=80, blank=True)
    owning_body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="strategies"
    )
    area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategies",
        help_text="For an area action plan: the area it is for.",
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=StrategyStatus.choices, default=StrategyStatus.DRAFT
    )
    adopted_by = models.ForeignKey(
        "bodies.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_strategies",
    )
    adopted_on = models.DateField(null=True, blank=True)
    delivers = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivered_by",
        help_text="The strategy this one delivers, e.g. the LAA delivers the SCS.",
    )
    revises = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
        help_text="The earlier version this refresh revises, e.g. the 2009 LAA refresh.",
    )
    vision = models.TextField(blank=True)
    description = models.TextField(blank=True)
    is_published = models.BooleanField("published", default=True)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start.year}–{self.period_end.year}"
        if self.period_start:
            return f"from {self.period_start.year}"
        return ""


class CommitmentKind(models.TextChoices):
    COMMITMENT = "commitment", "Commitment"
    OUTCOME = "outcome", "Outcome"
    SUB_OUTCOME = "sub_outcome", "Sub-outcome"


class Commitment(AccordModel):
    """A numbered commitment of a strategy, or an outcome or sub-outcome beneath one."""

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="commitments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(
        max_length=20, choices=CommitmentKind.choices, default=CommitmentKind.COMMITMENT
    )
    number = models.CharField(max_length=20, help_text="For example 7, or 7.2")
    title = models.TextField()
    description = models.TextField(blank=True)
    theme = models.CharField(max_length=100, blank=True)
    lead_officer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_outcomes",
        help_text="The delivery owner: the officer who leads delivery of this outcome.",
    )
    position = models.PositiveIntegerField(default=0)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "position", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                condition=Q(archived_on__isnull=True),
                name="commitment_number_unique_in_strategy",
                violation_error_message="That number is already used in this strategy.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="commitment_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategies:commitment", args=[self.pk])


class ResponsibilityRole(models.TextChoices):
    LEAD = "lead", "Lead role"
    CONTRIBUTING = "contributing", "Contributing role"


class Responsibility(AccordModel):
    """A body's part in delivering a commitment: the one lead, or a contributor."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="responsibilities"
    )
    body = models.ForeignKey(
        "bodies.Body", on_delete=models.PROTECT, related_name="responsibilities"
    )
    role = models.CharField(max_length=20, choices=ResponsibilityRole.choices)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "role", "body__name"]
        verbose_name_plural = "responsibilities"
        constraints = [
            # The database itself refuses a second lead: one lead per commitment.
            models.UniqueConstraint(
                fields=["commitment"],
                condition=Q(role="lead", archived_on__isnull=True),
                name="one_lead_per_commitment",
                violation_error_message="A commitment has exactly one lead body.",
            ),
            models.UniqueConstraint(
                fields=["commitment", "body"],
                condition=Q(archived_on__isnull=True),
                name="one_role_per_body_per_commitment",
                violation_error_message="That body already has a role on this commitment.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} – {self.get_role_display()} – {self.commitment}"

    def get_absolute_url(self) -> str:
        return self.commitment.get_absolute_url()


class PriorityQuerySet(DatedQuerySet):
    start_field = "valid_from"
    end_field = "valid_to"


class Priority(AccordModel):
    """A shorter, dated focus chosen from the strategy, for a period and sometimes an area."""

    date_span = ("valid_from", "valid_to")

    title = models.TextField()
    description = models.TextField(blank=True)
    strategy = models.ForeignKey(
        Strategy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priorities",
        help_text="The plan that sets this priority, e.g. an area action plan.",
    )
    commitments = models.ManyToManyField(Commitment, blank=True, related_name="priorities")
    area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priorities",
        help_text="Where the priority is for one area only.",
    )
    action_group = models.ForeignKey(
        "bodies.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priorities",
        help_text="The priority action group that delivers it.",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "position"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("strategies:priority", args=[self.pk])
