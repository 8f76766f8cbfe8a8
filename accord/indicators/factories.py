"""factory_boy factories for indicators and periods."""

import factory
from factory.django import DjangoModelFactory

from accord.indicators.models import (
    Frequency,
    Indicator,
    IndicatorStatus,
    Period,
    Polarity,
    Scheme,
    ValueType,
)
from accord.indicators.periods import period_for


class IndicatorFactory(DjangoModelFactory):
    """A local indicator in use, a percentage where higher is better."""

    class Meta:
        model = Indicator
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"L {n + 1}")
    title = factory.Sequence(lambda n: f"Test indicator {n + 1}")
    scheme = Scheme.LOCAL
    value_type = ValueType.PERCENTAGE
    unit = "%"
    polarity = Polarity.HIGHER
    frequency = Frequency.ANNUAL
    status = IndicatorStatus.IN_USE

    @factory.post_generation
    def outcomes(self, create, extracted, **kwargs):
        if create and extracted:
            self.outcomes.set(extracted)


class PeriodFactory(DjangoModelFactory):
    """A stored period, made from how it is written: PeriodFactory(text="2009/10 Q3")."""

    class Meta:
        model = Period

    @classmethod
    def _create(cls, model_class, *args, text: str = "2008/09", **kwargs):
        return period_for(text)

    @classmethod
    def _build(cls, model_class, *args, text: str = "2008/09", **kwargs):
        from accord.indicators.periods import parse_period

        spec = parse_period(text)
        return model_class(code=spec.code, kind=spec.kind, start=spec.start, end=spec.end)
