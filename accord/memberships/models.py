from django.db import models
from django.urls import reverse

from accord.common.models import AccordModel
from accord.common.querysets import DatedQuerySet


class Role(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"
    SUBSTITUTE = "substitute", "Substitute"
    ADVISER = "adviser", "Adviser"
    SUPPORT_STAFF = "support_staff", "Support staff"
    OBSERVER = "observer", "Observer"


# Support staff service the body (agendas, minutes, membership), so they act as its secretary.
SECRETARY_ROLES = frozenset({Role.SUPPORT_STAFF})


class MembershipQuerySet(DatedQuerySet):
    start_field = "start_date"
    end_field = "end_date"

    def chairs(self) -> "MembershipQuerySet":
        return self.filter(role=Role.CHAIR)


class Membership(AccordModel):
    date_span = ("start_date", "end_date")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="memberships"
    )
    body = models.ForeignKey("bodies.Body", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    post = models.ForeignKey(
        "bodies.Post",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="holders",
        help_text="The seat this person fills, where the body's membership is set by office.",
    )
    on_behalf_of = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="representations",
    )
    nominated_by = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    has_vote = models.BooleanField("voting right", default=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body__name", "role", "person__sort_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def get_absolute_url(self) -> str:
        return reverse("memberships:detail", args=[self.pk])
