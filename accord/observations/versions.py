"""The figures' version number: bumped by every write to the figures, read by whatever keeps
results worked out from them."""

from django.db.models import F
from django.utils import timezone

from accord.observations.models import FiguresVersion

_ROW = 1


def figures_changed() -> None:
    """Mark the figures as changed (inside the writer's transaction, so a rolled-back write
    leaves the number as it was)."""
    now = timezone.now()
    updated = FiguresVersion.objects.filter(pk=_ROW).update(number=F("number") + 1, changed_on=now)
    if not updated:
        FiguresVersion.objects.get_or_create(pk=_ROW, defaults={"number": 1, "changed_on": now})


def figures_version() -> tuple[int, object]:
    """The figures' version now: its number and when it last changed, so that a number reused
    after a rolled-back write still reads as a new version."""
    found = FiguresVersion.objects.filter(pk=_ROW).values_list("number", "changed_on").first()
    return found or (0, None)
