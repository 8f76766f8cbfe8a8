from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet
from accord.common.querysets import DatedQuerySet


class AreaKind(models.TextChoices):
    COUNTRY = "country", "Country"
    REGION = "region", "Region"
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


class AreaCodeQuerySet(DatedQuerySet):
    start_field = "valid_from"
    end_field = "valid_to"


class AreaCode(AccordModel):
    """A code an area has been known by (e.g. 00EW, Cheshire West and Chester's code before GSS
    codes): imports name areas by codes that change, and an old code still finds the area that
    now covers it."""

    date_span = ("valid_from", "valid_to")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="codes")
    code = models.CharField(max_length=12, db_index=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = AreaCodeQuerySet.as_manager()

    class Meta:
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "area"],
                condition=models.Q(archived_on__isnull=True),
                name="areacode_unique_per_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.area}"


class AreaGroupKind(models.TextChoices):
    NAMED = "named", "Named group of areas"
    COMPARATOR = "comparator", "Comparator group (similar areas)"


class AreaGroup(AccordModel):
    """A named set of areas: a target's footprint (e.g. the three Chester wards) or the
    comparator group of areas similar to one (e.g. CIPFA nearest neighbours)."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AreaGroupKind.choices)
    anchor = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comparator_groups",
        help_text="For a comparator group: the area the others are similar to.",
    )
    members = models.ManyToManyField(Area, related_name="groups", blank=True)
    description = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
