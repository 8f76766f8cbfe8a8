"""Writes for the indicator review of seed 003 appendix 2: open a review for a strategy, fill in
each line (how well the indicator measures the outcome, retain or drop), propose additional
indicators, and complete the review."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accord.bodies.models import Body
from accord.common.services import record_archive, record_create, record_update
from accord.reviews import rules, selectors
from accord.reviews.models import IndicatorReview, ReviewEntry, ReviewStatus
from accord.strategies.models import Commitment

REVIEW_FIELDS = ["title", "strategy", "due_on", "instructions", "source"]
REVIEW_CHANGE_FIELDS = ["title", "due_on", "instructions", "source"]
ENTRY_CHANGE_FIELDS = ["rating", "decision", "comment", "proposed_title"]


def _user(by: Any) -> Any:
    return by if getattr(by, "is_authenticated", False) else None


def _locked_review(review_id: int) -> IndicatorReview:
    # Locked so that a line cannot change while the review is being completed.
    return IndicatorReview.objects.select_for_update().get(pk=review_id)


def review_open(*, fields: dict[str, Any], by: Any) -> IndicatorReview:
    """Open a review of a strategy: one line for each indicator in use under each of its
    outcomes, placed with the partnership that leads the outcome."""
    unknown = set(fields) - set(REVIEW_FIELDS)
    if unknown:
        raise ValidationError(f"Unexpected fields: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        review = record_create(
            IndicatorReview, fields={**fields, "status": ReviewStatus.OPEN}, by=by
        )
        leads = selectors.outcome_leads(review.strategy_id)
        indicators = selectors.in_use_indicators(ol.outcome.pk for ol in leads)
        unled = [ol.outcome for ol in leads if ol.lead is None and indicators.get(ol.outcome.pk)]
        if unled:
            names = "; ".join(str(c) for c in unled[:5])
            raise ValidationError(
                {
                    "strategy": "These outcomes have indicators but no lead partnership to "
                    f"review them: {names}. Record their lead body in the responsibility "
                    "matrix first."
                }
            )
        user, now = _user(by), timezone.now()
        entries = [
            ReviewEntry(
                review=review,
                body=ol.lead,
                outcome=ol.outcome,
                indicator=indicator,
                created_by=user,
                modified_by=user,
                created_on=now,
                modified_on=now,
            )
            for ol in leads
            if ol.lead is not None
            for indicator in indicators.get(ol.outcome.pk, [])
        ]
        bulk_create_with_history(entries, ReviewEntry, default_user=user, default_date=now)
        return review


def review_update(
    *, review: IndicatorReview, changes: dict[str, Any], expected_version: int | None, by: Any
) -> IndicatorReview:
    """Change a review's title, due date or instructions (its strategy stays)."""
    unknown = set(changes) - set(REVIEW_CHANGE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    return record_update(review, changes=changes, by=by, expected_version=expected_version)


def review_complete(
    *, review: IndicatorReview, expected_version: int | None, by: Any
) -> IndicatorReview:
    """Mark a review complete once every indicator in place has a retain or drop decision;
    its lines are then fixed."""

    def check(r: IndicatorReview) -> None:
        decisions = list(
            ReviewEntry.objects.live()
            .filter(review=r, indicator__isnull=False)
            .values_list("decision", flat=True)
        )
        if not rules.can_complete(decisions):
            undecided = sum(d not in (rules.RETAIN, rules.DROP) for d in decisions)
            raise ValidationError(
                f"{undecided} indicator{'s' if undecided != 1 else ''} in place still "
                f"need{'s' if undecided == 1 else ''} a decision to retain or drop."
            )

    with transaction.atomic():
        if _locked_review(review.pk).status != ReviewStatus.OPEN:
            raise ValidationError("This review is already complete.")
        return record_update(
            review,
            changes={"status": ReviewStatus.COMPLETE},
            by=by,
            expected_version=expected_version,
            validate=check,
        )


def review_archive(
    *, review: IndicatorReview, reason: str, expected_version: int | None, by: Any
) -> IndicatorReview:
    return record_archive(review, by=by, reason=reason, expected_version=expected_version)


# --- Lines ----------------------------------------------------------------------------------


def _check_entry(entry: ReviewEntry) -> None:
    review = _locked_review(entry.review_id)
    if not rules.review_accepts_changes(review.status, review.is_archived):
        raise ValidationError("This review is complete, so its lines cannot be changed.")
    if not rules.entry_is_one_kind(entry.indicator_id, entry.proposed_title):
        raise ValidationError(
            {"proposed_title": "Say what the additional indicator would measure."}
            if entry.indicator_id is None
            else {"proposed_title": "An indicator in place is not also a proposal."}
        )
    proposed = rules.is_proposal(entry.indicator_id, entry.proposed_title)
    if not rules.decision_fits_entry(entry.decision, proposed):
        raise ValidationError(
            {
                "decision": "A proposed indicator can only be added."
                if proposed
                else "Choose whether to retain or drop the indicator."
            }
        )
    if not rules.drop_needs_reason(entry.decision, entry.comment):
        raise ValidationError({"comment": "Say why the indicator should be dropped."})


def entry_update(
    *, entry: ReviewEntry, changes: dict[str, Any], expected_version: int | None, by: Any
) -> ReviewEntry:
    """Record the partnership's view of one line: how well the indicator measures the outcome,
    retain or drop, and a comment (or, for a proposal, what it would measure)."""
    unknown = set(changes) - set(ENTRY_CHANGE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(unknown))}.")
    if "proposed_title" in changes and entry.indicator_id is not None:
        raise ValidationError({"proposed_title": "An indicator in place is not also a proposal."})
    return record_update(
        entry, changes=changes, by=by, expected_version=expected_version, validate=_check_entry
    )


def entry_propose(
    *,
    review: IndicatorReview,
    body: Body,
    outcome: Commitment,
    proposed_title: str,
    comment: str = "",
    rating: str = "",
    by: Any,
) -> ReviewEntry:
    """Propose an additional indicator for an outcome the partnership leads in this review."""
    if outcome.strategy_id != review.strategy_id:
        raise ValidationError({"outcome": "That outcome is not part of this review's strategy."})
    leads = {ol.outcome.pk: ol.lead for ol in selectors.outcome_leads(review.strategy_id)}
    already = ReviewEntry.objects.filter(review=review, body=body, outcome=outcome).exists()
    lead = leads.get(outcome.pk)
    if not already and (lead is None or lead.pk != body.pk):
        raise ValidationError(
            {"outcome": "Indicators for an outcome are proposed by the partnership that leads it."}
        )
    return record_create(
        ReviewEntry,
        fields={
            "review": review,
            "body": body,
            "outcome": outcome,
            "proposed_title": proposed_title.strip(),
            "comment": comment.strip(),
            "rating": rating,
            "decision": rules.ADD,
        },
        by=by,
        validate=_check_entry,
    )


def entry_withdraw(
    *, entry: ReviewEntry, reason: str, expected_version: int | None, by: Any
) -> ReviewEntry:
    """Withdraw a proposed indicator (it stays in the history)."""
    if not rules.withdrawable(rules.is_proposal(entry.indicator_id, entry.proposed_title)):
        raise ValidationError("An indicator in place is dropped, not withdrawn.")
    with transaction.atomic():
        review = _locked_review(entry.review_id)
        if not rules.review_accepts_changes(review.status, review.is_archived):
            raise ValidationError("This review is complete, so its lines cannot be changed.")
        return record_archive(entry, by=by, reason=reason, expected_version=expected_version)
