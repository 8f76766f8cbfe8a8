"""Reads of case studies: the list, one case study with its links, and the short lists shown
beside the numbers on indicator, outcome and scorecard pages (one query for any number)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from accord.casestudies.models import CaseStudy
from accord.common.models import ArchivableQuerySet
from accord.indicators.models import Indicator
from accord.strategies.models import Commitment

BESIDE_LIMIT = 3


def can_manage(user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and (getattr(user, "is_manager", False) or user.is_superuser)
    )


def visible_case_studies(user: Any) -> ArchivableQuerySet:
    """Case studies this user may read: managers see drafts too; everyone else the published,
    live ones."""
    qs = CaseStudy.objects.all()
    if can_manage(user):
        return qs
    return qs.live().filter(is_published=True)


def _visible_outcomes(user: Any) -> QuerySet[Commitment]:
    qs = Commitment.objects.select_related("strategy").order_by("strategy__title", "position")
    if can_manage(user):
        return qs
    return qs.filter(strategy__is_published=True, archived_on__isnull=True)


def casestudy_list(
    *,
    user: Any,
    outcome: int | None = None,
    indicator: int | None = None,
    include_archived: bool = False,
) -> QuerySet[CaseStudy]:
    """Case studies, latest first, with their area and body (one query per page)."""
    qs = visible_case_studies(user)
    if not include_archived:
        qs = qs.live()
    if outcome:
        qs = qs.filter(outcomes=outcome)
    if indicator:
        qs = qs.filter(indicators=indicator)
    return qs.select_related("area", "body").order_by("-happened_on", "title", "pk")  # type: ignore[return-value]


def casestudy_detail(*, pk: int, user: Any) -> CaseStudy:
    """One case study with its area, body, outcomes and indicators (three queries). Raises
    CaseStudy.DoesNotExist if there is none this user may read."""
    return (
        visible_case_studies(user)
        .select_related("area", "body")
        .prefetch_related(
            Prefetch("outcomes", queryset=_visible_outcomes(user), to_attr="visible_outcomes"),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.order_by("code"),
                to_attr="linked_indicators",
            ),
        )
        .get(pk=pk)
    )


def _links(kind: type) -> tuple[Any, str]:
    if issubclass(kind, Indicator):
        return CaseStudy.indicators.through, "indicator_id"
    if issubclass(kind, Commitment):
        return CaseStudy.outcomes.through, "commitment_id"
    raise TypeError(f"Case studies are linked to indicators and outcomes, not {kind.__name__}")


def case_studies_by_object(
    kind: type, ids: Iterable[int], *, user: Any, limit: int = BESIDE_LIMIT
) -> dict[int, list[CaseStudy]]:
    """For each indicator (or outcome) id, the latest case studies linked to it that the user
    may read, at most `limit` each (one query)."""
    through, column = _links(kind)
    ids = list(ids)
    if not ids:
        return {}
    links = (
        through.objects.filter(
            **{f"{column}__in": ids},
            casestudy__in=visible_case_studies(user).live(),
        )
        .select_related("casestudy")
        .order_by("-casestudy__happened_on", "casestudy__title", "casestudy_id")
    )
    found: dict[int, list[CaseStudy]] = {pk: [] for pk in ids}
    for link in links:
        rows = found[getattr(link, column)]
        if len(rows) < limit:
            rows.append(link.casestudy)
    return found


def attach_case_studies(objects: Sequence[Any], *, user: Any, limit: int = BESIDE_LIMIT) -> None:
    """Give each indicator or outcome of a list its `beside_case_studies`, so that
    `{% case_studies_for obj %}` on a list page costs one query in all."""
    if not objects:
        return
    found = case_studies_by_object(
        type(objects[0]), [o.pk for o in objects], user=user, limit=limit
    )
    for o in objects:
        o.beside_case_studies = found.get(o.pk, [])


def case_studies_for(obj: Any, *, user: Any, limit: int = BESIDE_LIMIT) -> list[CaseStudy]:
    """The latest case studies linked to one indicator or outcome (one query, none if
    `attach_case_studies` has already fetched them)."""
    attached = getattr(obj, "beside_case_studies", None)
    if attached is not None:
        return attached
    return case_studies_by_object(type(obj), [obj.pk], user=user, limit=limit)[obj.pk]


def case_studies_linked(
    *, outcome_ids: Iterable[int] = (), indicator_ids: Iterable[int] = (), user: Any
) -> list[CaseStudy]:
    """Every case study the user may read that is linked to any of these outcomes or
    indicators, latest first (one query)."""
    outcomes, indicators = list(outcome_ids), list(indicator_ids)
    if not outcomes and not indicators:
        return []
    return list(
        visible_case_studies(user)
        .live()
        .filter(Q(outcomes__in=outcomes) | Q(indicators__in=indicators))
        .distinct()
        .select_related("area")
        .order_by("-happened_on", "title", "pk")
    )
