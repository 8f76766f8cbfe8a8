"""factory_boy factories for the indicator review."""

import factory
from factory.django import DjangoModelFactory

from accord.common.factories import BodyFactory, CommitmentFactory, StrategyFactory
from accord.indicators.factories import IndicatorFactory
from accord.reviews.models import IndicatorReview, ReviewEntry


class IndicatorReviewFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorReview

    title = factory.Sequence(lambda n: f"Test indicator review {n}")
    strategy = factory.SubFactory(StrategyFactory)


class ReviewEntryFactory(DjangoModelFactory):
    class Meta:
        model = ReviewEntry

    review = factory.SubFactory(IndicatorReviewFactory)
    body = factory.SubFactory(BodyFactory)
    outcome = factory.SubFactory(
        CommitmentFactory, strategy=factory.SelfAttribute("..review.strategy")
    )
    indicator = factory.SubFactory(IndicatorFactory)
