import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A person who signs in. What they may do follows from `is_manager` and from the
    memberships of the person they are."""

    person = models.OneToOneField(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        help_text="The person in the framework this account belongs to.",
    )
    is_manager = models.BooleanField(
        "partnership manager",
        default=False,
        help_text="Partnership managers keep the whole framework.",
    )
    is_lead_officer = models.BooleanField(
        "lead officer",
        default=False,
        help_text="Lead officers submit performance and update actions they own.",
    )

    @property
    def role_label(self) -> str:
        if self.is_manager:
            return "Partnership manager"
        if self.is_lead_officer:
            return "Lead officer"
        return "Member"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is kept, so a leaked database leaks no tokens."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="API token")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_on = models.DateTimeField(default=timezone.now)
    last_used_on = models.DateTimeField(null=True, blank=True)
    revoked_on = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def new_key() -> str:
        return "acc_" + secrets.token_urlsafe(32)
