from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel
from accord.common.querysets import DatedQuerySet


class AreaKind(models.TextChoices):
    COUNTY = "county", "County"
    BOROUGH = "borough", "Borough"
    DISTRICT = "district", "District"
    APB_AREA = "apb_area", "Area partnership board area"
    LAF_AREA = "laf_area", "Local area forum area"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
    WARD = "ward", "Ward"
    LSOA = "lsoa", "Lower layer super output area"


class AreaQuerySet(DatedQuerySet):
    start_field = "valid_from"
    end_field = "valid_to"


class Area(AccordModel):
    date_span = ("valid_from", "valid_to")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    gss_code = models.CharField(
        "GSS code",
        max_length=9,
        blank=True,
        help_text="The ONS Government Statistical Service code, where the area has one.",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("areas:detail", args=[self.pk])
