"""Targets: what the partnership aims for, per indicator, period and area."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet
from accord.indicators.models import Provenance


class TargetKind(models.TextChoices):
    LAA_DESIGNATED = "laa_designated", "LAA designated"
    STRETCH = "stretch", "Stretch"
    STATUTORY = "statutory", "Statutory"
    LOCAL = "local", "Local"


class TargetQuerySet(ArchivableQuerySet):
    pass


class Target(AccordModel):
    """One target. A revision at the annual refresh archives this one and makes a new one that
    points back to it, so the earlier value, who changed it, when and why stay visible."""

    indicator = models.ForeignKey(
        "indicators.Indicator", on_delete=models.PROTECT, related_name="targets"
    )
    period = models.ForeignKey("indicators.Period", on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="targets"
    )
    area_group = models.ForeignKey(
        "areas.AreaGroup",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
    )
    value = models.FloatField()
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_period = models.ForeignKey(
        "indicators.Period", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=TargetKind.choices, default=TargetKind.LOCAL)
    provenance = models.CharField(
        max_length=20, choices=Provenance.choices, default=Provenance.REAL
    )
    revision_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revised_by"
    )
    revision_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    objects = TargetQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period__start"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(area__isnull=False) & Q(area_group__isnull=True))
                | (Q(area__isnull=True) & Q(area_group__isnull=False)),
                name="target_for_an_area_or_a_group",
                violation_error_message="A target is for one area or one group of areas.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "area"],
                condition=Q(archived_on__isnull=True, area__isnull=False),
                name="target_one_live_per_area",
                violation_error_message=(
                    "There is already a target for that indicator, period and area."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "area_group"],
                condition=Q(archived_on__isnull=True, area_group__isnull=False),
                name="target_one_live_per_group",
                violation_error_message=(
                    "There is already a target for that indicator, period and group."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.value:g}"

    @property
    def is_illustrative(self) -> bool:
        return self.provenance != Provenance.REAL

    def get_absolute_url(self) -> str:
        return reverse("targets:detail", args=[self.pk])
