"""The golden thread's performance sections: walking down from a commitment, its indicators
with their targets and latest status; walking up from a body, its scorecard in brief.

Each makes one query when there is nothing to show, and a fixed number (one assessment) when
there is."""

from django.urls import reverse

from accord.bodies.models import Body
from accord.scorecards import selectors
from accord.strategies import selectors as strategy_selectors
from accord.strategies.models import Commitment
from accord.strategies.thread import ThreadSection, outline_of, thread_section


@thread_section(direction="down", order=35, name="scorecards.indicators")
def indicators(commitment: Commitment, user) -> ThreadSection | None:
    outline = outline_of(commitment)
    below = strategy_selectors.flatten(strategy_selectors.descendants(commitment, outline))
    found = selectors.outcome_indicators(
        commitment, [commitment.pk] + [n.commitment.pk for n in below]
    )
    if not found:
        return None
    try:
        subject = selectors.commitment_with_area(pk=commitment.pk, user=user)
    except Commitment.DoesNotExist:
        return None
    card = selectors.scorecard_for_outcome(subject, None, user, indicators=found)
    return ThreadSection(
        "Indicators, targets and latest status",
        "scorecards/thread/_indicators.html",
        {"card": card, "url": reverse("scorecards:outcome", args=[commitment.pk])},
        slug="indicators",
        intro=(
            f"The indicators in use that measure this and the outcomes beneath it, for "
            f"{card.area.name if card.area else 'the partnership'}, as at today."
        ),
    )


@thread_section(direction="up", order=50, name="scorecards.body_scorecard")
def scorecard(body: Body, user) -> ThreadSection | None:
    found = selectors.body_indicators(body, user)
    if not found[0]:
        return None
    try:
        subject = selectors.body_with_area(pk=body.pk, user=user)
    except Body.DoesNotExist:
        return None
    card = selectors.scorecard_for_body(subject, None, user, indicators=found)
    return ThreadSection(
        "Its scorecard",
        "scorecards/thread/_scorecard.html",
        {
            "card": card,
            "url": reverse("scorecards:body", args=[body.pk]),
            "exceptions": [r for r in card.rows if r.exceptions],
        },
        slug="scorecard",
        intro=(
            "The indicators of the outcomes it and the bodies reporting to it lead or "
            "contribute to, and those they own, as at today."
        ),
    )
