"""factory_boy factories for case studies."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accord.casestudies.models import CaseStudy


class CaseStudyFactory(DjangoModelFactory):
    """A published, illustrative case study; pass outcomes=[...] and indicators=[...]."""

    class Meta:
        model = CaseStudy
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test case study {n}")
    summary = "A family in Blacon got help with debt and back into work."
    happened_on = dt.date(2009, 9, 14)
    is_published = True
    is_illustrative = True

    @factory.post_generation
    def outcomes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.outcomes.set(extracted)

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.indicators.set(extracted)
