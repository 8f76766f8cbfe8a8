"""The indicator review of seed 003 appendix 2: per thematic partnership and outcome, how well
each indicator in place measures the outcome, retain or drop, and indicators proposed."""

from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETE = "complete", "Complete"


class IndicatorReview(AccordModel):
    title = models.CharField(max_length=200)
    strategy = models.ForeignKey(
        "strategies.Strategy", on_delete=models.PROTECT, related_name="indicator_reviews"
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    instructions = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])


class MeasureRating(models.TextChoices):
    GOOD = "good", "Measures the outcome well"
    PARTIAL = "partial", "Measures part of the outcome"
    POOR = "poor", "Does not measure the outcome"


class ReviewDecision(models.TextChoices):
    UNDECIDED = "", "Not yet decided"
    RETAIN = "retain", "Retain"
    DROP = "drop", "Drop"
    ADD = "add", "Add (proposed)"


class ReviewEntry(AccordModel):
    """One line of the template: an indicator in place under an outcome, or one proposed."""

    review = models.ForeignKey(IndicatorReview, on_delete=models.PROTECT, related_name="entries")
    body = models.ForeignKey(
        "bodies.Body",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The thematic partnership making the assessment.",
    )
    outcome = models.ForeignKey("strategies.Commitment", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(
        "indicators.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    proposed_title = models.TextField(
        blank=True, help_text="For an additional indicator proposed: what it would measure."
    )
    rating = models.CharField(max_length=10, choices=MeasureRating.choices, blank=True)
    decision = models.CharField(
        max_length=10, choices=ReviewDecision.choices, blank=True, default=""
    )
    comment = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["review", "body__name", "outcome__number", "id"]
        verbose_name_plural = "review entries"

    def __str__(self) -> str:
        return self.indicator.code if self.indicator else self.proposed_title[:60]
