"""Creating, changing, publishing and archiving case studies."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accord.casestudies import services
from accord.common.factories import CommitmentFactory, ManagerFactory
from accord.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def by():
    return ManagerFactory()


def test_create_with_links_then_publish(by):
    outcome = CommitmentFactory(number="12")
    ni = IndicatorFactory(code="NI 151")
    cs = services.casestudy_create(
        fields={
            "title": "Back into work through the jobs club",
            "summary": "A lone parent found work after a year of support.",
            "happened_on": dt.date(2009, 9, 14),
            "outcomes": [outcome],
            "indicators": [ni],
            "is_illustrative": True,
        },
        by=by,
    )
    assert list(cs.outcomes.all()) == [outcome] and list(cs.indicators.all()) == [ni]
    assert not cs.is_published and cs.created_by == by
    published = services.casestudy_publish(casestudy=cs, expected_version=1, by=by)
    assert published.is_published and published.version == 2
    draft = services.casestudy_publish(casestudy=cs, publish=False, expected_version=2, by=by)
    assert not draft.is_published
    assert cs.history.count() == 3


def test_publishing_needs_a_link(by):
    cs = services.casestudy_create(fields={"title": "T", "summary": "S"}, by=by)
    with pytest.raises(ValidationError) as err:
        services.casestudy_publish(casestudy=cs, expected_version=None, by=by)
    assert "is_published" in err.value.message_dict
    with pytest.raises(ValidationError):
        services.casestudy_create(
            fields={"title": "T", "summary": "S", "is_published": True}, by=by
        )
    # Taking away the last link of a published case study is refused too.
    outcome = CommitmentFactory()
    cs = services.casestudy_update(
        casestudy=cs,
        changes={"outcomes": [outcome], "is_published": True},
        expected_version=None,
        by=by,
    )
    with pytest.raises(ValidationError):
        services.casestudy_update(
            casestudy=cs, changes={"outcomes": []}, expected_version=None, by=by
        )
    # Changing something else keeps the links it has.
    cs = services.casestudy_update(
        casestudy=cs, changes={"title": "New"}, expected_version=None, by=by
    )
    assert list(cs.outcomes.all()) == [outcome]


def test_a_story_has_already_happened(by, monkeypatch):
    monkeypatch.setattr("accord.common.querysets.today", lambda: dt.date(2010, 1, 1))
    with pytest.raises(ValidationError) as err:
        services.casestudy_create(
            fields={"title": "T", "summary": "S", "happened_on": dt.date(2010, 1, 2)}, by=by
        )
    assert "happened_on" in err.value.message_dict


def test_archive_and_unknown_fields(by):
    cs = services.casestudy_create(fields={"title": "T", "summary": "S"}, by=by)
    with pytest.raises(ValidationError):
        services.casestudy_create(fields={"title": "T", "summary": "S", "version": 9}, by=by)
    archived = services.casestudy_archive(
        casestudy=cs, reason="Consent withdrawn", expected_version=1, by=by
    )
    assert archived.is_archived and archived.archive_reason == "Consent withdrawn"
