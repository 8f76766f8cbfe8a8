"""Opening a review, filling in its lines, proposing indicators and completing it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.common.factories import CommitmentFactory, ManagerFactory, StrategyFactory
from accord.common.services import StaleEditError
from accord.indicators.factories import IndicatorFactory
from accord.reviews import services
from accord.reviews.models import ReviewEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def by():
    return ManagerFactory()


def open_review(scs, by, **extra):
    return services.review_open(
        fields={
            "strategy": scs.strategy,
            "title": "Performance information for the SCS delivery plan 2011-14",
            "due_on": dt.date(2010, 10, 28),
            **extra,
        },
        by=by,
    )


def lines(review):
    return {
        (e.body.name, e.outcome.number, e.indicator.code if e.indicator else e.proposed_title)
        for e in review.entries.live().select_related("body", "outcome", "indicator")
    }


def test_open_seeds_each_outcomes_indicators_in_use_with_its_lead(scs, by):
    review = open_review(scs, by)
    assert review.status == "open"
    assert lines(review) == {
        ("Health and Wellbeing Thematic Partnership", "7", "NI 39"),
        # 7.1 has no lead of its own: commitment 7's lead reviews it.
        ("Health and Wellbeing Thematic Partnership", "7.1", "NI 123"),
        # NI 117 is retired, so it is not in place.
        ("Children's Trust", "8", "NI 116"),
    }
    entry = review.entries.get(indicator=scs.ni39)
    assert (entry.rating, entry.decision, entry.created_by) == ("", "", by)
    # Seeded lines have history like any other.
    assert entry.history.count() == 1
    assert entry.history.get().history_user == by


def test_open_refuses_outcomes_with_indicators_but_no_lead(scs, by):
    IndicatorFactory(code="NI 188", outcomes=[scs.c15])
    with pytest.raises(ValidationError) as err:
        open_review(scs, by)
    assert "15. Adapting built" in err.value.message_dict["strategy"][0]
    assert not ReviewEntry.objects.exists()


def test_update_a_line(scs, by):
    review = open_review(scs, by)
    entry = review.entries.get(indicator=scs.ni39)
    saved = services.entry_update(
        entry=entry,
        changes={"rating": "partial", "decision": "retain", "comment": "Hospital data only"},
        expected_version=entry.version,
        by=by,
    )
    assert (saved.rating, saved.decision, saved.version) == ("partial", "retain", 2)
    with pytest.raises(StaleEditError):
        services.entry_update(entry=entry, changes={"comment": "x"}, expected_version=1, by=by)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"decision": "drop"}, "comment"),
        ({"decision": "add"}, "decision"),
        ({"proposed_title": "Also this"}, "proposed_title"),
        ({"rating": "excellent"}, "rating"),
    ],
)
def test_line_rules(scs, by, changes, field):
    entry = open_review(scs, by).entries.get(indicator=scs.ni39)
    with pytest.raises(ValidationError) as err:
        services.entry_update(entry=entry, changes=changes, expected_version=None, by=by)
    assert field in err.value.message_dict


def test_only_the_fields_of_the_template_change(scs, by):
    entry = open_review(scs, by).entries.get(indicator=scs.ni39)
    with pytest.raises(ValidationError):
        services.entry_update(
            entry=entry, changes={"body": scs.safer}, expected_version=None, by=by
        )


def test_propose_for_an_outcome_the_partnership_leads(scs, by):
    review = open_review(scs, by)
    e = services.entry_propose(
        review=review,
        body=scs.health,
        outcome=scs.c7_1,
        proposed_title="  Smoking prevalence among routine and manual workers ",
        comment="From the Integrated Household Survey",
        by=by,
    )
    assert (e.decision, e.indicator, e.proposed_title) == (
        "add",
        None,
        "Smoking prevalence among routine and manual workers",
    )
    # A contributor does not propose for an outcome it does not lead.
    with pytest.raises(ValidationError) as err:
        services.entry_propose(
            review=review, body=scs.safer, outcome=scs.c7, proposed_title="x", by=by
        )
    assert "outcome" in err.value.message_dict
    # An outcome of another strategy is refused.
    other = CommitmentFactory(strategy=StrategyFactory())
    with pytest.raises(ValidationError) as err:
        services.entry_propose(
            review=review, body=scs.health, outcome=other, proposed_title="x", by=by
        )
    assert "outcome" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        services.entry_propose(
            review=review, body=scs.health, outcome=scs.c7, proposed_title="  ", by=by
        )
    assert "proposed_title" in err.value.message_dict


def test_a_proposal_can_be_changed_and_withdrawn_but_not_retained(scs, by):
    review = open_review(scs, by)
    e = services.entry_propose(
        review=review, body=scs.children, outcome=scs.c8, proposed_title="Child poverty", by=by
    )
    with pytest.raises(ValidationError):
        services.entry_update(entry=e, changes={"decision": "retain"}, expected_version=1, by=by)
    e = services.entry_update(
        entry=e,
        changes={"proposed_title": "Children in low-income families"},
        expected_version=1,
        by=by,
    )
    withdrawn = services.entry_withdraw(
        entry=e, reason="Duplicates NI 116", expected_version=2, by=by
    )
    assert withdrawn.is_archived
    in_place = review.entries.get(indicator=scs.ni116)
    with pytest.raises(ValidationError):
        services.entry_withdraw(entry=in_place, reason="x", expected_version=None, by=by)


def test_complete_needs_every_indicator_decided_then_fixes_the_lines(scs, by):
    review = open_review(scs, by)
    with pytest.raises(ValidationError) as err:
        services.review_complete(review=review, expected_version=review.version, by=by)
    assert "3 indicators in place still need a decision" in err.value.messages[0]
    for e in review.entries.all():
        services.entry_update(
            entry=e,
            changes={
                "decision": "drop" if e.indicator == scs.ni123 else "retain",
                "comment": "Replaced by a local measure",
            },
            expected_version=None,
            by=by,
        )
    done = services.review_complete(review=review, expected_version=review.version, by=by)
    assert done.status == "complete"
    entry = review.entries.first()
    with pytest.raises(ValidationError) as err:
        services.entry_update(
            entry=entry, changes={"comment": "late"}, expected_version=None, by=by
        )
    assert "complete" in err.value.messages[0]
    with pytest.raises(ValidationError):
        services.entry_propose(
            review=done, body=scs.health, outcome=scs.c7, proposed_title="Too late", by=by
        )
    with pytest.raises(ValidationError):
        services.review_complete(review=done, expected_version=None, by=by)


def test_review_details_change_but_not_its_strategy(scs, by):
    review = open_review(scs, by)
    changed = services.review_update(
        review=review, changes={"title": "First cut"}, expected_version=1, by=by
    )
    assert changed.title == "First cut"
    with pytest.raises(ValidationError):
        services.review_update(
            review=review, changes={"strategy": StrategyFactory()}, expected_version=None, by=by
        )
    archived = services.review_archive(
        review=changed, reason="Opened twice", expected_version=2, by=by
    )
    assert archived.is_archived
    entry = archived.entries.first()
    with pytest.raises(ValidationError):
        services.entry_update(entry=entry, changes={"comment": "x"}, expected_version=None, by=by)
