"""Reads of targets. Targets are public, like the performance they are measured against; the
illustrative ones say so wherever they appear."""

from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet

from accord.targets.models import Target

RELATED = ("indicator", "period", "area", "area_group", "baseline_period")


def target_list(
    *,
    indicator: int | None = None,
    area: int | None = None,
    area_group: int | None = None,
    kind: str = "",
    provenance: str = "",
    period: str = "",
    include_archived: bool = False,
) -> QuerySet[Target]:
    """Targets by indicator and period, with what a list shows (one query per page)."""
    qs = Target.objects.all() if include_archived else Target.objects.live()
    if indicator:
        qs = qs.filter(indicator_id=indicator)
    if area:
        qs = qs.filter(area_id=area)
    if area_group:
        qs = qs.filter(area_group_id=area_group)
    if kind:
        qs = qs.filter(kind=kind)
    if provenance:
        qs = qs.filter(provenance=provenance)
    if period:
        qs = qs.filter(period__code=period)
    return qs.select_related(*RELATED).order_by("indicator__code", "period__start", "pk")


def targets_for_indicators(indicator_ids: Iterable[int]) -> list[Target]:
    """The live targets of these indicators, by indicator and period (one query)."""
    return list(
        Target.objects.live()
        .filter(indicator_id__in=list(indicator_ids))
        .select_related(*RELATED)
        .order_by("indicator__code", "period__start", "pk")
    )


def targets_for_indicator(indicator_id: int) -> list[Target]:
    """The live targets of one indicator (one query)."""
    return targets_for_indicators([indicator_id])


def target_detail(pk: int) -> Target:
    """One target with its indicator, periods, footprint and who set it (one query). Raises
    Target.DoesNotExist."""
    return Target.objects.select_related(*RELATED, "created_by", "revision_of").get(pk=pk)


_CHAIN_SQL = """
WITH RECURSIVE earlier(id, revision_of_id) AS (
    SELECT id, revision_of_id FROM {table} WHERE id = %s
    UNION
    SELECT t.id, t.revision_of_id FROM {table} t JOIN earlier e ON t.id = e.revision_of_id
),
later(id) AS (
    SELECT id FROM {table} WHERE id = %s
    UNION
    SELECT t.id FROM {table} t JOIN later l ON t.revision_of_id = l.id
)
SELECT id FROM earlier UNION SELECT id FROM later
"""


def revision_chain(target: Target) -> list[Target]:
    """Every version of this target, first set to latest revision, with who set each one and
    who replaced it (two queries however long the chain: one recursive, one fetch)."""
    table = connection.ops.quote_name(Target._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_CHAIN_SQL.format(table=table), [target.pk, target.pk])
        ids = [row[0] for row in cursor.fetchall()]
    rows = {
        t.pk: t
        for t in Target.objects.filter(pk__in=ids).select_related(
            *RELATED, "created_by", "modified_by"
        )
    }
    first = next(t for t in rows.values() if t.revision_of_id not in rows)
    by_parent = {t.revision_of_id: t for t in rows.values() if t.revision_of_id}
    chain = [first]
    while chain[-1].pk in by_parent:
        chain.append(by_parent[chain[-1].pk])
    return chain
