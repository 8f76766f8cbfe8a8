"""Reads of the indicator library: the query shape lives here, so the list and the detail page
each make a fixed number of queries however many indicators, outcomes or targets there are.

The library is public (performance is published); what a reader may not see is hidden inside
it: unpublished owning bodies are not named and outcomes of unpublished strategies not listed."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Length

from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.indicators.models import Indicator, IndicatorQuerySet, Scheme
from accord.strategies.models import Commitment
from accord.strategies.selectors import visible_strategies
from accord.targets.models import Target

SEARCH_FIELDS = ("code", "title", "definition", "external_id", "theme")


def visible_outcomes(user: Any) -> QuerySet[Commitment]:
    """Live commitments and outcomes of the strategies this user may see."""
    return Commitment.objects.live().filter(strategy__in=visible_strategies(user))


def _with_body_visibility(qs: QuerySet[Indicator], user: Any) -> QuerySet[Indicator]:
    """Annotate `owning_body_visible`, so the page names the owning body only to those who may
    see it, in the same query."""
    return qs.annotate(
        owning_body_visible=Exists(visible_bodies(user).filter(pk=OuterRef("owning_body_id")))
    )


def indicator_list(
    *,
    user: Any,
    scheme: str = "",
    status: str = "",
    theme: str = "",
    q: str = "",
    outcome: Commitment | int | None = None,
    owning_body: Body | int | None = None,
    polarity: str = "",
    frequency: str = "",
    national: bool | None = None,
    include_archived: bool = False,
) -> QuerySet[Indicator]:
    """Indicators matching every filter given, by scheme and then code in number order
    (NI 2 before NI 10), with their lead officer and owning body (one query a page)."""
    qs: QuerySet[Indicator] = (
        Indicator.objects.all() if include_archived else Indicator.objects.live()
    )
    if scheme:
        qs = qs.filter(scheme=scheme)
    if status:
        qs = qs.filter(status=status)
    if theme:
        qs = qs.filter(theme=theme)
    if polarity:
        qs = qs.filter(polarity=polarity)
    if frequency:
        qs = qs.filter(frequency=frequency)
    if national is not None:
        qs = qs.filter(is_national=national)
    if outcome is not None:
        qs = qs.filter(outcomes=outcome)
    if owning_body is not None:
        qs = qs.filter(owning_body=owning_body)
    for word in q.split()[:8]:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(match)
    return in_library_order(_with_body_visibility(qs.select_related(*LIST_RELATED), user))


LIST_RELATED = ("lead_officer", "owning_body")
SCHEME_ORDER = [Scheme.LOCAL, Scheme.NI_2008, Scheme.ONS, Scheme.FINGERTIPS, Scheme.OFLOG]
NUMBERED_SCHEMES = [Scheme.NI_2008, Scheme.FINGERTIPS]


def in_library_order(qs: QuerySet[Indicator]) -> QuerySet[Indicator]:
    """Local indicators first, then each scheme in turn; numbered codes in number order
    (NI 2 before NI 10), since a shorter number is a smaller one."""
    return qs.annotate(
        scheme_rank=Case(
            *(When(scheme=s, then=Value(n)) for n, s in enumerate(SCHEME_ORDER)),
            default=Value(len(SCHEME_ORDER)),
        ),
        code_rank=Case(When(scheme__in=NUMBERED_SCHEMES, then=Length("code")), default=Value(0)),
    ).order_by("scheme_rank", "code_rank", "code", "pk")


def with_outcomes(qs: QuerySet[Indicator], user: Any) -> QuerySet[Indicator]:
    """Prefetch, as `visible_outcomes`, the outcomes each indicator measures that this user may
    see (one query for the page)."""
    return qs.prefetch_related(
        Prefetch(
            "outcomes",
            queryset=visible_outcomes(user).only("pk", "strategy_id").order_by("pk"),
            to_attr="visible_outcomes",
        )
    )


def api_indicators(user: Any) -> QuerySet[Indicator]:
    """Every indicator (archived too), shaped for the API: body visibility and outcomes."""
    return with_outcomes(_with_body_visibility(Indicator.objects.all(), user), user)


def theme_choices() -> list[str]:
    """The themes live indicators carry (one query)."""
    return list(
        Indicator.objects.live()
        .exclude(theme="")
        .order_by("theme")
        .values_list("theme", flat=True)
        .distinct()
    )


def outcome_choices(user: Any) -> QuerySet[Commitment]:
    """Outcomes some live indicator measures, among those this user may see."""
    measured = Indicator.objects.live().filter(outcomes=OuterRef("pk"))
    return (
        visible_outcomes(user)
        .filter(Exists(measured))
        .select_related("strategy")
        .order_by("strategy__title", "position", "number")
    )


def owning_body_choices(user: Any) -> QuerySet[Body]:
    """Bodies that own some live indicator, among those this user may see."""
    owned = Indicator.objects.live().filter(owning_body=OuterRef("pk"))
    return visible_bodies(user).filter(Exists(owned)).order_by("name")


@dataclass
class IndicatorPage:
    indicator: Indicator
    outcomes: list[Commitment]
    targets: list[Target]
    # The indicators this one replaced, oldest first, and those that replaced it in turn.
    earlier: list[Indicator] = field(default_factory=list)
    later: list[Indicator] = field(default_factory=list)

    @property
    def owning_body_visible(self) -> bool:
        return bool(getattr(self.indicator, "owning_body_visible", False))

    @property
    def has_illustrative_targets(self) -> bool:
        return any(t.is_illustrative for t in self.targets)


def _chain(indicator: Indicator) -> tuple[list[Indicator], list[Indicator]]:
    """The replacement chain through `indicator`, both ways, from one query of every indicator
    that takes part in a replacement (there are few; a loop cannot form, but is guarded)."""
    linked = {
        i.pk: i
        for i in Indicator.objects.filter(Q(replaced_by__isnull=False) | Q(replaces__isnull=False))
        .distinct()
        .only("pk", "code", "title", "status", "status_on", "replaced_by_id", "archived_on")
    }
    later: list[Indicator] = []
    seen = {indicator.pk}
    nxt = indicator.replaced_by_id
    while nxt is not None and nxt not in seen and nxt in linked:
        seen.add(nxt)
        later.append(linked[nxt])
        nxt = linked[nxt].replaced_by_id
    earlier: list[Indicator] = []
    # Several indicators may be replaced by one; the chain shows each of them, nearest last.
    frontier = [indicator.pk]
    while frontier:
        step = sorted(
            (i for i in linked.values() if i.replaced_by_id in frontier and i.pk not in seen),
            key=lambda i: i.code,
        )
        if not step:
            break
        seen.update(i.pk for i in step)
        earlier = step + earlier
        frontier = [i.pk for i in step]
    return earlier, later


def indicator_detail(*, pk: int, user: Any) -> IndicatorPage:
    """One indicator with its lead officer, owning body, the outcomes it measures (of strategies
    the user may see), its live targets by period and its replacement chain (five queries).
    Raises Indicator.DoesNotExist if there is none."""
    targets = (
        Target.objects.live()
        .select_related("period", "baseline_period", "area", "area_group")
        .order_by("period__start", "period__end", "area__name", "area_group__name", "pk")
    )
    outcomes = (
        visible_outcomes(user)
        .select_related("strategy")
        .order_by("strategy__title", "position", "number")
    )
    indicator = (
        _with_body_visibility(
            Indicator.objects.select_related("lead_officer", "owning_body", "replaced_by"), user
        )
        .prefetch_related(
            Prefetch("outcomes", queryset=outcomes, to_attr="visible_outcomes"),
            Prefetch("targets", queryset=targets, to_attr="live_targets"),
        )
        .get(pk=pk)
    )
    earlier, later = _chain(indicator)
    return IndicatorPage(
        indicator=indicator,
        outcomes=indicator.visible_outcomes,  # type: ignore[attr-defined]
        targets=indicator.live_targets,  # type: ignore[attr-defined]
        earlier=earlier,
        later=later,
    )


def successor_choices(exclude: Indicator | None = None) -> IndicatorQuerySet:
    """Indicators another may be replaced by: live, and neither retired nor replaced."""
    qs = Indicator.objects.live().exclude(status__in=["retired", "replaced"])
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("scheme", "code")  # type: ignore[return-value]
