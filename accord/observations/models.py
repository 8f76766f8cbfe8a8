"""Observations (actuals): the figures for an indicator, period and area."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet
from accord.indicators.models import Provenance


class ObservationStatus(models.TextChoices):
    PROVISIONAL = "provisional", "Provisional"
    FINAL = "final", "Final"


class ObservationQuerySet(ArchivableQuerySet):
    def current(self):
        """The figures standing now: not restated by a later figure, not archived."""
        return self.filter(is_current=True, archived_on__isnull=True)


class Observation(AccordModel):
    """A figure. A restatement makes a new current figure and keeps this one, marked as
    restated, so the earlier figure stays readable.

    Bulk imports write these rows directly (see observations.importing): each row's `batch`
    records who loaded it, when and from which file."""

    # The composite indexes below lead with the indicator, the area and the period, so these
    # three foreign keys need no index of their own: no lone period index for a planner to pick
    # for a scorecard's reads (PostgreSQL did, scanning half a million index entries to find a
    # few hundred figures).
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,
    )
    period = models.ForeignKey(
        "indicators.Period", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    area = models.ForeignKey(
        "areas.Area", on_delete=models.PROTECT, related_name="observations", db_index=False
    )
    breakdown = models.CharField(
        max_length=100,
        blank=True,
        default="",
        help_text="A sub-population, e.g. 'Female; 18+ yrs'. Empty for the whole population.",
    )
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    ci_lower = models.FloatField("lower 95% confidence limit", null=True, blank=True)
    ci_upper = models.FloatField("upper 95% confidence limit", null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ObservationStatus.choices, default=ObservationStatus.FINAL
    )
    is_locked = models.BooleanField(
        default=False, help_text="Approved in a collection round: changed only by restatement."
    )
    suppressed = models.BooleanField(default=False)
    suppression_reason = models.CharField(max_length=200, blank=True)
    commentary = models.TextField(blank=True)
    provenance = models.CharField(
        max_length=20, choices=Provenance.choices, default=Provenance.REAL
    )
    is_current = models.BooleanField(default=True)
    restates = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="restated_by"
    )
    restatement_reason = models.TextField(blank=True)
    # Nothing looks figures up by their batch or by who made or changed them, so these need no
    # index; and the two users are an audit trail (users are never deleted), so they are not
    # checked by the database on every row of a bulk load either.
    batch = models.ForeignKey(
        "observations.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="observations",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        db_index=False,
        db_constraint=False,
    )
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        db_index=False,
        db_constraint=False,
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "area", "period__start"]
        indexes = [
            models.Index(fields=["indicator", "area", "period"], name="obs_ind_area_period"),
            models.Index(fields=["area", "indicator", "period"], name="obs_area_ind_period"),
            # Every figure of a period (the figures list filtered by period, its count, and
            # the scorecards' one-period reads), in indicator and area order.
            models.Index(fields=["period", "indicator", "area"], name="obs_period_ind_area"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "area", "breakdown"],
                condition=Q(is_current=True, archived_on__isnull=True),
                name="observation_one_current",
                violation_error_message=(
                    "There is already a figure for that indicator, period and area."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ci_lower__isnull=True)
                | Q(ci_upper__isnull=True)
                | Q(ci_upper__gte=models.F("ci_lower")),
                name="observation_ci_ordered",
                violation_error_message="The upper confidence limit is below the lower one.",
            ),
        ]

    def __str__(self) -> str:
        shown = (
            "suppressed"
            if self.suppressed
            else f"{self.value:g}"
            if self.value is not None
            else "—"
        )
        return f"{self.indicator.code} {self.area} {self.period}: {shown}"

    def get_absolute_url(self) -> str:
        return reverse("observations:detail", args=[self.pk])


class Evidence(AccordModel):
    """A file or link behind a figure."""

    observation = models.ForeignKey(Observation, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(max_length=200)
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    CHECKING = "checking", "Checking rows"
    LOADING = "loading", "Loading rows"
    DONE = "done", "Loaded"
    REJECTED = "rejected", "Rejected"
    FAILED = "failed", "Failed"


class ImportBatch(AccordModel):
    """One file of observations loaded (or refused): its layout, progress and problems."""

    filename = models.CharField(max_length=255)
    layout = models.CharField(max_length=20, blank=True, help_text="accord or fingertips")
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    load_good_rows = models.BooleanField(
        default=False,
        help_text="Load the good rows and return the rejects, instead of refusing the file.",
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    rows_loaded = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    rejects_file = models.FileField(upload_to="imports/rejects/%Y/%m/", blank=True)
    finished_on = models.DateTimeField(null=True, blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def percent_done(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0

    def get_absolute_url(self) -> str:
        return reverse("observations:import-batch", args=[self.pk])


class FiguresVersion(models.Model):
    """A number that goes up whenever any figure is added, restated, approved or archived, in
    the same transaction: what is worked out from all the figures (the national distributions
    behind quartiles) can be kept until it changes. A counter, not a record: it has no
    history."""

    number = models.BigIntegerField(default=0)
    changed_on = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Figures version {self.number}"
