from django.db import transaction
from django.utils import timezone

from accord.accounts.models import ApiToken, User, hash_token


def token_create(*, user: User, name: str = "API token", by: User | None = None) -> str:
    """Issue a new API token for `user` and return the raw key (shown once, never stored)."""
    raw = ApiToken.new_key()
    with transaction.atomic():
        ApiToken.objects.create(user=user, name=name, key_hash=hash_token(raw), prefix=raw[:8])
    return raw


def token_user(raw: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_on__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_on=timezone.now())
    return token.user
