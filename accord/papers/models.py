"""Papers and reports laid before a body, with the cover sheet of seed 003 and their files,
kept as numbered versions."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from accord.common.models import AccordModel, ArchivableQuerySet


class PaperPurpose(models.TextChoices):
    DECISION = "decision", "For decision"
    INFORMATION = "information", "For information"
    DISCUSSION = "discussion", "For discussion"
    CONSULTATION = "consultation", "For consultation"


class PaperQuerySet(ArchivableQuerySet):
    def public(self) -> "PaperQuerySet":
        return self.live().filter(is_public=True)

    def for_body(self, body) -> "PaperQuerySet":
        return self.filter(body=body)


class Paper(AccordModel):
    title = models.CharField("report title", max_length=300)
    description = models.TextField(blank=True)
    purpose = models.CharField(
        "for",
        max_length=20,
        choices=PaperPurpose.choices,
        blank=True,
        help_text="For decision, information, discussion or consultation.",
    )
    # The cover sheet's "Document purpose" is prose (seed 003), not a choice.
    purpose_text = models.TextField("document purpose", blank=True)
    circulation = models.TextField("circulation list", blank=True)
    decision_required = models.TextField("decision or action required", blank=True)
    author = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="papers"
    )
    author_text = models.CharField(
        "author (as recorded)", max_length=300, blank=True, help_text="For example a job title."
    )
    contact_details = models.TextField(blank=True)
    published_on = models.DateField("publication date", null=True, blank=True)
    target_audience = models.TextField(blank=True)
    cross_reference = models.TextField(blank=True)
    body = models.ForeignKey(
        "bodies.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="papers"
    )
    is_public = models.BooleanField("public", default=True)
    # Frozen content (e.g. an exception report's figures as they were on a date), so the paper
    # keeps saying what the meeting saw after the figures change.
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    snapshot_kind = models.CharField(max_length=40, blank=True, editable=False)
    snapshot_taken_on = models.DateField(null=True, blank=True, editable=False)
    is_illustrative = models.BooleanField(
        default=False, help_text="An example written for the demonstration, not a real paper."
    )

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("papers:detail", args=[self.pk])

    @property
    def author_label(self) -> str:
        if self.author_id and self.author_text:
            return f"{self.author}, {self.author_text}"
        return str(self.author) if self.author_id else self.author_text


class PaperFile(AccordModel):
    """One version of a paper's file. Stored under a generated name and always served as an
    attachment, never rendered inline."""

    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="files")
    # `version` is taken by the optimistic-concurrency counter every record carries.
    revision = models.PositiveIntegerField(help_text="1 for the first file, then 2, 3, …")
    file = models.FileField(upload_to="papers/%Y/", max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.TextField(blank=True)

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "revision"], name="paperfile_revision_once"),
            models.CheckConstraint(condition=Q(revision__gte=1), name="paperfile_revision_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (version {self.revision})"
