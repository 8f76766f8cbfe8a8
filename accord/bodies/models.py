from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel
from accord.common.querysets import DatedQuerySet


class BodyKind(models.TextChoices):
    LSP_BOARD = "lsp_board", "Local strategic partnership board"
    COUNTY_PARTNERSHIP = "county_partnership", "County partnership"
    DISTRICT_LSP = "district_lsp", "District local strategic partnership"
    THEMATIC = "thematic", "Thematic partnership"
    APB = "apb", "Area partnership board"
    LAF = "laf", "Local area forum"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood partnership"
    STEERING = "steering", "Steering group"
    PRIORITY_ACTION = "priority_action", "Priority action group"
    OFFICER = "officer", "Officer group"
    SUB_GROUP = "sub_group", "Sub-group"
    NETWORK = "network", "Network"


class MeetingCycle(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    SIX_TO_EIGHT_WEEKS = "six_to_eight_weeks", "Every six to eight weeks"
    QUARTERLY = "quarterly", "Quarterly"
    TWICE_A_YEAR = "twice_a_year", "Twice a year"
    ANNUAL = "annual", "Once a year"
    EXCEPTIONS = "exceptions", "On an exceptions basis"
    AS_NEEDED = "as_needed", "As needed"
    UNKNOWN = "", "Not recorded"


class BodyQuerySet(DatedQuerySet):
    start_field = "established_on"
    end_field = "ended_on"

    # How far up a chain of bodies with no recorded start the structure rule looks.
    UNDATED_CHAIN_DEPTH = 6

    def as_of(self, date):
        """Bodies in being on `date`. A body with no recorded start is taken to exist only while
        the body it reports to does (so the new LSP's thematic partnerships do not appear in
        2008), following a chain of undated bodies up to the first dated one."""
        qs = super().as_of(date)
        orphaned = Q()
        undated_so_far = Q(established_on__isnull=True)
        prefix = ""
        for _ in range(self.UNDATED_CHAIN_DEPTH):
            prefix += "parent__"
            ancestor_not_in_being = Q(**{f"{prefix}established_on__gt": date}) | Q(
                **{f"{prefix}ended_on__lt": date}
            )
            orphaned |= undated_so_far & ancestor_not_in_being
            undated_so_far &= Q(**{f"{prefix}established_on__isnull": True})
        return qs.exclude(orphaned)

    def published(self) -> "BodyQuerySet":
        return self.live().filter(is_published=True)


class Body(AccordModel):
    date_span = ("established_on", "ended_on")
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=30, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="reports to",
    )
    purpose = models.TextField(blank=True)
    terms_of_reference = models.TextField(blank=True)
    meeting_cycle = models.CharField(
        max_length=30, choices=MeetingCycle.choices, blank=True, default=""
    )
    area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        verbose_name="area footprint",
    )
    chair_arrangements = models.CharField(
        max_length=200, blank=True, help_text="For example: independent chair"
    )
    allows_co_chairs = models.BooleanField(
        default=False, help_text="The terms of reference allow more than one chair at a time."
    )
    established_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    successors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="predecessors"
    )
    is_published = models.BooleanField("published", default=True, help_text="Shown to the public.")

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(established_on__isnull=True)
                | models.Q(ended_on__gte=models.F("established_on")),
                name="body_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="body_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:detail", args=[self.pk])

    def exists_on(self, date) -> bool:
        return (self.established_on is None or self.established_on <= date) and (
            self.ended_on is None or self.ended_on >= date
        )


class Post(AccordModel):
    """A seat on a body defined by office rather than by person, e.g. 'Area Commander of Police'."""

    date_span = ("start_date", "end_date")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="posts")
    label = models.CharField(max_length=200)
    role = models.CharField(max_length=20, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="posts",
        help_text="The organisation that fills this seat, where one is named.",
    )
    sector = models.CharField(max_length=10, blank=True)
    is_co_opted = models.BooleanField("co-opted", default=False)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["body", "position", "label"]

    def __str__(self) -> str:
        return self.label
