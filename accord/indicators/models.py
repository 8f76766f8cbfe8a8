"""The indicator library and the periods that figures and targets are for."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class PeriodKind(models.TextChoices):
    FINANCIAL_YEAR = "financial_year", "Financial year"  # 2008/09
    CALENDAR_YEAR = "calendar_year", "Calendar year"  # 2008
    FINANCIAL_QUARTER = "financial_quarter", "Quarter of a financial year"  # 2009/10 Q3
    QUARTER = "quarter", "Calendar quarter"  # 2009 Q3
    MONTH = "month", "Month"  # 2009-04
    POOLED_YEARS = "pooled_years", "Pooled years"  # 2001-03, 2006/07-2008/09
    INTERVAL = "interval", "Other span of dates"  # 2008-09-01/2008-12-31


class Period(models.Model):
    """A real period with a start and an end, named the way statisticians write it.

    Periods are reference values shared by every figure and target; they are created by
    `accord.indicators.periods.period_for` and never edited, so they carry no history."""

    code = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=PeriodKind.choices)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start", "end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.code


class ValueType(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_1000 = "rate_1000", "Rate per 1,000"
    RATE_100000 = "rate_100000", "Rate per 100,000"
    SCORE = "score", "Score"
    MONEY = "money", "Money (£)"
    DAYS = "days", "Days"
    RATIO = "ratio", "Ratio"
    YEARS = "years", "Years"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "No judgement"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Every two years"
    AD_HOC = "ad_hoc", "Ad hoc survey"


class Geography(models.TextChoices):
    """The finest level an indicator is published for (it is available at every level above)."""

    BOROUGH = "borough", "Borough only"
    APB_AREA = "apb_area", "Down to area partnership board area"
    WARD = "ward", "Down to ward"
    LSOA = "lsoa", "Down to LSOA"


class Scheme(models.TextChoices):
    NI_2008 = "ni_2008", "National Indicator Set 2008"
    ONS = "ons", "ONS Explore Local Statistics"
    FINGERTIPS = "fingertips", "OHID Fingertips"
    OFLOG = "oflog", "Oflog"
    LOCAL = "local", "Local indicator"


class IndicatorStatus(models.TextChoices):
    REFERENCE = "reference", "In the library, not adopted"
    IN_USE = "in_use", "In use"
    RETIRED = "retired", "Retired"
    REPLACED = "replaced", "Replaced"


class ToleranceKind(models.TextChoices):
    ABSOLUTE = "absolute", "Absolute (in the indicator's unit)"
    RELATIVE = "relative", "Relative (% of the target)"


class IndicatorQuerySet(ArchivableQuerySet):
    def in_use(self):
        return self.live().filter(status=IndicatorStatus.IN_USE)


class Indicator(AccordModel):
    code = models.CharField(max_length=40, help_text="For example NI 154, or a local code.")
    title = models.TextField(
        blank=True,
        help_text="Left empty where no source gives the title: it is never invented.",
    )
    title_source = models.URLField(max_length=500, blank=True)
    definition = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    scheme = models.CharField(max_length=20, choices=Scheme.choices, default=Scheme.LOCAL)
    external_id = models.CharField(
        max_length=100, blank=True, help_text="The publisher's own id, e.g. a Fingertips id."
    )
    theme = models.CharField(max_length=200, blank=True)
    unit = models.CharField(max_length=50, blank=True, help_text="For example %, £, per 1,000.")
    value_type = models.CharField(max_length=20, choices=ValueType.choices, default=ValueType.COUNT)
    decimal_places = models.PositiveSmallIntegerField(default=1)
    minimum = models.FloatField(null=True, blank=True, help_text="The lowest value possible.")
    maximum = models.FloatField(null=True, blank=True, help_text="The highest value possible.")
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.NONE)
    polarity_note = models.TextField(
        blank=True, help_text="Why the polarity differs from the source's, where it does."
    )
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.ANNUAL)
    period_kind = models.CharField(
        max_length=20, choices=PeriodKind.choices, default=PeriodKind.FINANCIAL_YEAR
    )
    data_source = models.TextField(blank=True)
    geography = models.CharField(
        max_length=20, choices=Geography.choices, default=Geography.BOROUGH
    )
    lead_officer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators_led",
    )
    owning_body = models.ForeignKey(
        "bodies.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators_owned",
    )
    outcomes = models.ManyToManyField(
        "strategies.Commitment", blank=True, related_name="indicators"
    )
    is_national = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=IndicatorStatus.choices, default=IndicatorStatus.IN_USE
    )
    status_on = models.DateField(null=True, blank=True)
    status_reason = models.TextField(blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaces"
    )
    tolerance_kind = models.CharField(
        max_length=10, choices=ToleranceKind.choices, default=ToleranceKind.RELATIVE
    )
    tolerance = models.FloatField(
        default=5.0,
        help_text="How far short of target is amber rather than red.",
    )
    # How many recent points the forecast's linear trend uses.
    forecast_points = models.PositiveSmallIntegerField(default=4)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["scheme", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(archived_on__isnull=True),
                name="indicator_code_unique",
                violation_error_message="An indicator with that code already exists.",
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=models.F("id")), name="indicator_not_replaced_by_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_title}"

    @property
    def display_title(self) -> str:
        return self.title or "(title not found in the sources)"

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])


class Provenance(models.TextChoices):
    """Where a figure comes from, shown beside it wherever it appears."""

    REAL = "real", "Published figure"
    ILLUSTRATIVE = "illustrative", "Illustrative (not a real figure)"
    SYNTHETIC = "synthetic", "Synthetic (benchmark scale-up)"
