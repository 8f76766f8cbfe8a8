"""factory_boy factories for the collection cycle."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accord.collection.models import CollectionRound, Return
from accord.common.factories import AreaFactory, PersonFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory


class CollectionRoundFactory(DjangoModelFactory):
    """An open round for the third quarter of 2009/10, due on 15 January 2010."""

    class Meta:
        model = CollectionRound

    title = factory.Sequence(lambda n: f"Quarter 3 returns {n}")
    period = factory.SubFactory(PeriodFactory, text="2009/10 Q3")
    opens_on = dt.date(2010, 1, 4)
    deadline = dt.date(2010, 1, 15)


class ReturnFactory(DjangoModelFactory):
    """A return due from the indicator's lead officer for a borough."""

    class Meta:
        model = Return

    round = factory.SubFactory(CollectionRoundFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, frequency="quarterly", lead_officer=factory.SubFactory(PersonFactory)
    )
    area = factory.SubFactory(AreaFactory, kind="borough")
    lead_officer = factory.LazyAttribute(lambda r: r.indicator.lead_officer)
