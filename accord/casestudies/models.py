"""Qualitative evidence: case studies of "real benefits to real people" (seed 004)."""

from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class CaseStudy(AccordModel):
    title = models.CharField(max_length=200)
    summary = models.TextField()
    story = models.TextField(blank=True)
    happened_on = models.DateField(null=True, blank=True)
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="case_studies"
    )
    body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="case_studies"
    )
    outcomes = models.ManyToManyField(
        "strategies.Commitment", blank=True, related_name="case_studies"
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator", blank=True, related_name="case_studies"
    )
    is_published = models.BooleanField(default=False)
    is_illustrative = models.BooleanField(
        default=False, help_text="An example written for the demonstration, not a real story."
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "title"]
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("casestudies:detail", args=[self.pk])
