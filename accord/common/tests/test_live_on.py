"""Records as they stood on a day: recorded by its end and not yet archived then."""

import datetime as dt

import pytest
from django.utils import timezone

from accord.common.factories import OrganisationFactory
from accord.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def at(y, m, d, h=12):
    return timezone.make_aware(dt.datetime(y, m, d, h))


def test_live_on_a_day():
    org = OrganisationFactory(created_on=at(2010, 1, 5))
    Organisation.objects.filter(pk=org.pk).update(archived_on=at(2010, 3, 1, 9))
    assert not Organisation.objects.live_on(dt.date(2010, 1, 4)).filter(pk=org.pk).exists()
    assert Organisation.objects.live_on(dt.date(2010, 1, 5)).filter(pk=org.pk).exists()
    assert Organisation.objects.live_on(dt.date(2010, 2, 28)).filter(pk=org.pk).exists()
    # Archived during 1 March: at the end of that day it no longer stood.
    assert not Organisation.objects.live_on(dt.date(2010, 3, 1)).filter(pk=org.pk).exists()
    assert not Organisation.objects.live_on(None).filter(pk=org.pk).exists()
