from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel
from accord.common.querysets import DatedQuerySet


class Sector(models.TextChoices):
    PUBLIC = "public", "Public sector"
    PRIVATE = "private", "Private sector"
    THIRD = "third", "Third sector (voluntary, community and faith)"


class OrganisationKind(models.TextChoices):
    COUNCIL = "council", "Council"
    TOWN_PARISH = "town_parish", "Town or parish council"
    POLICE = "police", "Police"
    FIRE = "fire", "Fire and rescue"
    NHS = "nhs", "NHS body"
    COLLEGE = "college", "College or university"
    SCHOOL = "school", "School"
    JOBCENTRE = "jobcentre", "Jobcentre Plus"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    GOVERNMENT = "government", "Government office or agency"
    BUSINESS = "business", "Business or business group"
    VOLUNTARY = "voluntary", "Voluntary group"
    OTHER = "other", "Other"


class OrganisationQuerySet(DatedQuerySet):
    start_field = "start_date"
    end_field = "end_date"


class Organisation(AccordModel):
    date_span = ("start_date", "end_date")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=50, blank=True)
    sector = models.CharField(max_length=10, choices=Sector.choices)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    gss_code = models.CharField("GSS code", max_length=9, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    website = models.URLField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="organisation_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.pk])
