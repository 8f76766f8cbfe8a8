"""factory_boy factories for figures, their evidence and import batches. Values made here are
test values, not published figures."""

import factory
from factory.django import DjangoModelFactory

from accord.common.factories import AreaFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.observations.models import (
    Evidence,
    ImportBatch,
    ImportStatus,
    Observation,
    ObservationStatus,
)
from accord.observations.versions import figures_changed


class ObservationFactory(DjangoModelFactory):
    """A current, final figure of 50 (a test value) for a new indicator, area and 2008/09."""

    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    period = factory.SubFactory(PeriodFactory)
    area = factory.SubFactory(AreaFactory)
    value = 50.0
    status = ObservationStatus.FINAL
    source = "Test value"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As the services do: what is kept from the figures must see this one.
        made = super()._create(model_class, *args, **kwargs)
        figures_changed()
        return made


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = Evidence

    observation = factory.SubFactory(ObservationFactory)
    title = factory.Sequence(lambda n: f"Evidence {n}")
    link = "https://www.example.org/evidence"


class ImportBatchFactory(DjangoModelFactory):
    class Meta:
        model = ImportBatch

    filename = factory.Sequence(lambda n: f"figures-{n}.csv")
    layout = "accord"
    status = ImportStatus.DONE
