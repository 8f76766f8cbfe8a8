from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet
from accord.common.querysets import DatedQuerySet


class Person(AccordModel):
    honorific = models.CharField(max_length=30, blank=True, help_text="For example Councillor, Dr")
    name = models.CharField(max_length=200)
    sort_name = models.CharField(max_length=200, blank=True)
    # Personal data: shown only to managers and to signed-in members of a body this person sits on.
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    biography = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["sort_name", "name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if not self.sort_name:
            parts = self.name.split()
            self.sort_name = f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else self.name
        super().save(*args, **kwargs)


class EmploymentQuerySet(DatedQuerySet):
    start_field = "start_date"
    end_field = "end_date"


class Employment(AccordModel):
    """A person working for an organisation, with the job title they hold there."""

    date_span = ("start_date", "end_date")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="employments")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="employments"
    )
    job_title = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    objects = EmploymentQuerySet.as_manager()

    class Meta:
        ordering = ["person__sort_name", "-start_date"]

    def __str__(self) -> str:
        return f"{self.job_title or 'Works'} at {self.organisation}"
