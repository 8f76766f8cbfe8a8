"""Querysets for things that hold for a span of dates: bodies, memberships, areas, employments."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from accord.common.models import ArchivableQuerySet


def today() -> dt.date:
    return timezone.localdate()


class DatedQuerySet(ArchivableQuerySet):
    """A span from `start_field` to `end_field`, both inclusive; an empty start means 'since
    before records began' and an empty end means 'still going'."""

    start_field = "start_date"
    end_field = "end_date"

    def as_of(self, date: dt.date) -> "DatedQuerySet":
        return self.filter(
            Q(**{f"{self.start_field}__isnull": True}) | Q(**{f"{self.start_field}__lte": date}),
            Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gte": date}),
        )

    def current(self) -> "DatedQuerySet":
        return self.live().as_of(today())

    def past(self) -> "DatedQuerySet":
        return self.filter(**{f"{self.end_field}__lt": today()})

    def future(self) -> "DatedQuerySet":
        return self.filter(**{f"{self.start_field}__gt": today()})
