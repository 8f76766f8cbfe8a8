"""factory_boy factories for targets."""

import factory
from factory.django import DjangoModelFactory

from accord.common.factories import AreaFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.indicators.models import Provenance
from accord.targets.models import Target, TargetKind


class TargetFactory(DjangoModelFactory):
    """An agreed local target for a borough in 2010/11."""

    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(PeriodFactory, text="2010/11")
    area = factory.SubFactory(AreaFactory, kind="borough")
    value = 75.0
    kind = TargetKind.LOCAL
    provenance = Provenance.REAL


class IllustrativeTargetFactory(TargetFactory):
    provenance = Provenance.ILLUSTRATIVE
