"""Reads of figures, their evidence and imports: the query shape lives here, so each page makes
a fixed number of queries however many figures there are.

Figures are published: anyone may read the current final figures and the earlier figures they
restated. Signed-in users also see provisional figures; archived figures stay readable by
signed-in users from their own pages."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from accord.areas.models import Area
from accord.indicators.models import Indicator, Period
from accord.observations.models import (
    Evidence,
    ImportBatch,
    Observation,
    ObservationQuerySet,
    ObservationStatus,
)

RELATED = ("indicator", "area", "period")


def signed_in(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated)


def can_manage(user: Any) -> bool:
    return bool(signed_in(user) and user.has_perm("observations.change_observation"))


def visible_observations(user: Any) -> ObservationQuerySet:
    """The current figures this user may read: final ones for everyone, provisional ones too
    for signed-in users."""
    qs = Observation.objects.current()
    if not signed_in(user):
        qs = qs.filter(status=ObservationStatus.FINAL)
    return qs  # type: ignore[return-value]


def readable_observations(user: Any) -> ObservationQuerySet:
    """Every figure this user may open, current or restated: the public sees final figures
    that are not archived; signed-in users see all of them."""
    qs = Observation.objects.all()
    if not signed_in(user):
        qs = qs.filter(status=ObservationStatus.FINAL, archived_on__isnull=True)
    return qs  # type: ignore[return-value]


def observation_list(
    *,
    user: Any,
    indicator: Indicator | int | None = None,
    area: Area | int | None = None,
    period: Period | int | None = None,
    status: str = "",
    provenance: str = "",
    include_restated: bool = False,
) -> QuerySet[Observation]:
    """Figures matching every filter given, by indicator, area, period and breakdown, with
    their indicator, area and period (one query a page). Current figures only, unless
    `include_restated`."""
    qs = readable_observations(user).live() if include_restated else visible_observations(user)
    if indicator:
        qs = qs.filter(indicator=indicator)
    if area:
        qs = qs.filter(area=area)
    if period:
        qs = qs.filter(period=period)
    if status:
        qs = qs.filter(status=status)
    if provenance:
        qs = qs.filter(provenance=provenance)
    return qs.select_related(*RELATED).order_by(*LIST_ORDER)


# By indicator and area (the (indicator, area, period) index), then each series' figures by
# their period's dates.
LIST_ORDER = ("indicator_id", "area_id", "period__start", "period__end", "breakdown", "-pk")


def _period_edge(name: str) -> Subquery:
    return Subquery(Period.objects.filter(pk=OuterRef("period_id")).values(name)[:1])


def _page_order() -> tuple[Any, ...]:
    """LIST_ORDER as each database reads a page of it fastest. With the period joined, SQLite
    read every figure through another index and sorted them all (ten seconds for three million
    figures), so it takes the dates from a subquery and walks the index; PostgreSQL sorts
    only within each series either way, but runs such a subquery once per figure skipped (half
    a minute for the last page)."""
    if connection.vendor == "sqlite":
        return (
            "indicator_id",
            "area_id",
            _period_edge("start"),
            _period_edge("end"),
            *LIST_ORDER[4:],
        )
    return LIST_ORDER


class FigurePages:
    """The figures list as a paginator reads it: a page's ids come from the figures table alone,
    in LIST_ORDER, then those figures are read with their indicator, area and period. With the
    four tables joined in one query, SQLite read the figures area by area and sorted all of
    them to show fifty."""

    def __init__(self, figures: QuerySet[Observation]) -> None:
        self.figures = figures.select_related(None).order_by(*_page_order())

    def count(self) -> int:
        return self.figures.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item: slice) -> list[Observation]:
        if not isinstance(item, slice):
            raise TypeError("The figures list is read a page (a slice) at a time.")
        ids = list(self.figures.values_list("pk", flat=True)[item])
        found = Observation.objects.select_related(*RELATED).in_bulk(ids)
        return [found[pk] for pk in ids]


EXPORT_HEADER = [
    "id",
    "indicator_code",
    "indicator_title",
    "area_code",
    "area_name",
    "period",
    "period_start",
    "period_end",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "ci_lower",
    "ci_upper",
    "status",
    "locked",
    "suppressed",
    "suppressed_reason",
    "provenance",
    "current",
    "commentary",
    "source",
]
_EXPORT_FIELDS = (
    "pk",
    "indicator__code",
    "indicator__title",
    "area__gss_code",
    "area__name",
    "period__code",
    "period__start",
    "period__end",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "ci_lower",
    "ci_upper",
    "status",
    "is_locked",
    "suppressed",
    "suppression_reason",
    "provenance",
    "is_current",
    "commentary",
    "source",
)


def export_rows(qs: QuerySet[Observation]) -> Iterator[tuple]:
    """The rows of a CSV export of `qs`, streamed from the database in chunks (one query)."""
    return qs.values_list(*_EXPORT_FIELDS).iterator(chunk_size=2000)


@dataclass
class ObservationPage:
    observation: Observation
    chain: list[Observation]  # every figure for the same indicator, period, area, breakdown
    evidence: list[Evidence]

    @property
    def earlier(self) -> list[Observation]:
        """The figures this one replaced, latest first."""
        return [o for o in self.chain if o.created_on < self.observation.created_on][::-1]

    @property
    def later(self) -> list[Observation]:
        return [o for o in self.chain if o.created_on > self.observation.created_on]

    @property
    def current(self) -> Observation | None:
        return next((o for o in self.chain if o.is_current and not o.is_archived), None)


def observation_detail(*, pk: int, user: Any) -> ObservationPage:
    """A figure with its indicator, area, period, batch, evidence and every figure given for
    the same indicator, period, area and breakdown (three queries). Raises
    Observation.DoesNotExist if there is none this user may read."""
    obs = (
        readable_observations(user)
        .select_related(*RELATED, "batch", "batch__created_by", "created_by", "restates")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.live().order_by("title", "pk"),
                to_attr="live_evidence",
            )
        )
        .get(pk=pk)
    )
    chain = list(
        readable_observations(user)
        .filter(
            indicator_id=obs.indicator_id,
            period_id=obs.period_id,
            area_id=obs.area_id,
            breakdown=obs.breakdown,
        )
        .select_related("created_by", "batch", "batch__created_by")
        .order_by("created_on", "pk")
    )
    return ObservationPage(obs, chain, obs.live_evidence)  # type: ignore[attr-defined]


def evidence_for_download(*, pk: int, user: Any) -> Evidence:
    """Evidence whose figure this user may read. Raises Evidence.DoesNotExist otherwise."""
    return (
        Evidence.objects.live()
        .select_related("observation")
        .get(pk=pk, observation__in=readable_observations(user).values("pk"))
    )


def filter_choices() -> dict[str, QuerySet]:
    """The indicators, areas and periods offered by the list's filters (three queries)."""
    return {
        "indicators": Indicator.objects.live()
        .order_by("scheme", "code")
        .only("id", "code", "title", "scheme"),
        "areas": Area.objects.live().order_by("name").only("id", "name", "gss_code"),
        "periods": Period.objects.order_by("-start", "end"),
    }


def can_see_batch(user: Any, batch: ImportBatch) -> bool:
    """The person who loaded a file, and managers, see its progress and problems."""
    return signed_in(user) and (
        batch.created_by_id == user.pk or user.has_perm("observations.view_importbatch", batch)
    )


def import_batches(*, user: Any, limit: int = 50) -> list[ImportBatch]:
    """The latest imports this user may see, newest first (one query)."""
    qs = ImportBatch.objects.select_related("created_by").order_by("-created_on", "-pk")
    if not user.has_perm("observations.view_importbatch"):
        qs = qs.filter(Q(created_by=user.pk))
    return list(qs[:limit])
