"""The base every domain record stands on: who made and changed it, archive instead of delete,
and a version number for optimistic concurrency."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ArchivableQuerySet(models.QuerySet):
    def live(self):
        return self.filter(archived_on__isnull=True)

    def archived(self):
        return self.filter(archived_on__isnull=False)

    def live_on(self, day: dt.date | None):
        """The records as they stood at the end of `day` (records are archived, never deleted):
        recorded by then and not yet archived. With no day, the live records now."""
        if day is None:
            return self.live()
        moment = end_of_day(day)
        return self.filter(created_on__lt=moment).filter(
            Q(archived_on__isnull=True) | Q(archived_on__gte=moment)
        )


def end_of_day(day: dt.date) -> dt.datetime:
    """The first moment after `day` in the site's time zone."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


class AccordModel(models.Model):
    created_on = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    modified_on = models.DateTimeField(default=timezone.now, editable=False)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    archived_on = models.DateTimeField(null=True, blank=True, editable=False)
    archive_reason = models.TextField(blank=True, editable=False)
    # Bumped on every change; the ETag and the hidden form field carry it.
    version = models.PositiveIntegerField(default=1, editable=False)
    source = models.TextField(
        blank=True,
        help_text="Where this fact comes from, for example a paper and its date.",
    )

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_on is not None

    @property
    def etag(self) -> str:
        return f'"{self.pk}-{self.version}"'
