"""Target pages: the list with its filters, a target with its revisions, and the forms."""

import pytest
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, queries_for
from accord.common.factories import AreaFactory, ManagerFactory, UserFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.targets import services
from accord.targets.factories import IllustrativeTargetFactory, TargetFactory
from accord.targets.models import Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


def test_list_labels_illustrative_targets_and_filters(client):
    borough = AreaFactory(kind="borough", name="Cheshire West and Chester")
    ni_1 = IndicatorFactory(code="NI 1", title="People from different backgrounds get on")
    real = TargetFactory(indicator=ni_1, area=borough, value=80)
    example = IllustrativeTargetFactory(area=borough, kind="stretch")
    response = client.get(reverse("targets:list"))
    html = assert_well_formed(response)
    assert "NI 1" in html and "Illustrative" in html
    assert html.count('govuk-tag--yellow">Illustrative') == 2  # the legend and one target
    rows = client.get(reverse("targets:list"), {"kind": "stretch"}).context["page"].object_list
    assert list(rows) == [example]
    rows = client.get(reverse("targets:list"), {"provenance": "real"}).context["page"]
    assert list(rows.object_list) == [real]
    rows = client.get(reverse("targets:list"), {"period": "2010/2011"}).context["page"]
    assert len(rows.object_list) == 2
    response = client.get(reverse("targets:list"), {"period": "whenever"})
    assert "whenever" in response.content.decode() and response.context["page"].paginator.count == 2


def test_list_queries_do_not_grow(client):
    TargetFactory()
    few = queries_for(client, reverse("targets:list"))
    for _ in range(6):
        TargetFactory(area_group=None)
    assert queries_for(client, reverse("targets:list")) == few


def test_detail_shows_revisions_with_who_when_why(client, manager):
    ind = IndicatorFactory(code="NI 154", value_type="count", unit="homes", decimal_places=0)
    t = services.target_create(
        fields={
            "indicator": ind,
            "period": "2010/11",
            "area": AreaFactory(kind="borough"),
            "value": 1100,
            "kind": "laa_designated",
        },
        by=manager,
    )
    new = services.target_revise(
        target=t,
        changes={"value": 900},
        reason="Housing market downturn",
        expected_version=None,
        by=manager,
    )
    response = client.get(new.get_absolute_url())
    html = assert_well_formed(response)
    assert "1100" in html and "900 homes" in html
    assert "Why: Housing market downturn" in html
    assert html.count("<time") >= 2
    old_html = client.get(t.get_absolute_url()).content.decode()
    assert "Archived" in old_html and "Revised on" in old_html
    few = queries_for(client, new.get_absolute_url())
    for n in range(3):
        new = services.target_revise(
            target=new,
            changes={"value": 800 - n},
            reason=f"r{n}",
            expected_version=None,
            by=manager,
        )
    assert queries_for(client, new.get_absolute_url()) <= few + 2  # history rows only


def test_illustrative_detail_warns(client):
    t = IllustrativeTargetFactory()
    html = client.get(t.get_absolute_url()).content.decode()
    assert "Nobody agreed this target" in html


def test_forms_are_for_managers(client):
    t = TargetFactory()
    client.force_login(UserFactory())
    for url in (
        reverse("targets:create"),
        reverse("targets:revise", args=[t.pk]),
        reverse("targets:archive", args=[t.pk]),
    ):
        assert client.get(url).status_code == 403


def test_create_form(client, manager):
    ind = IndicatorFactory(code="NI 5")
    area = AreaFactory(kind="borough")
    url = reverse("targets:create")
    assert_well_formed(client.get(url))
    response = client.post(url, {"indicator": ind.pk, "period": "", "value": "x"})
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "There is a problem" in html and "Enter the period the target is for" in html
    response = client.post(
        url,
        {
            "indicator": ind.pk,
            "period": "2010/11",
            "area": area.pk,
            "value": "82.5",
            "baseline_value": "79",
            "baseline_period": "2012/13",
            "kind": "local",
            "provenance": "illustrative",
        },
    )
    assert response.status_code == 422
    assert "must come before the target period" in response.content.decode()
    response = client.post(
        url,
        {
            "indicator": ind.pk,
            "period": "2010/11",
            "area": area.pk,
            "value": "82.5",
            "baseline_value": "79",
            "baseline_period": "2008/09",
            "kind": "local",
            "provenance": "illustrative",
        },
    )
    t = Target.objects.get()
    assert response.status_code == 302 and response["Location"] == t.get_absolute_url()
    assert t.is_illustrative and t.baseline_period == PeriodFactory(text="2008/09")


def test_revise_form(client, manager):
    t = TargetFactory(value=70)
    url = reverse("targets:revise", args=[t.pk])
    html = assert_well_formed(client.get(url))
    assert 'value="2010/11"' in html
    data = {
        "indicator": t.indicator.pk,
        "period": "2010/11",
        "value": "72",
        "kind": "local",
        "provenance": "real",
        "version": t.version,
    }
    response = client.post(url, data)
    assert response.status_code == 422 and "Enter why the target is being revised" in (
        response.content.decode()
    )
    response = client.post(url, {**data, "reason": "Refresh 2010"})
    new = Target.objects.live().get()
    assert response["Location"] == new.get_absolute_url()
    assert new.revision_of == t and new.value == 72
    # The old target can no longer be revised.
    response = client.get(url)
    assert response.status_code == 302


def test_archive_form(client, manager):
    t = TargetFactory()
    url = reverse("targets:archive", args=[t.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, {"reason": "Set in error", "version": t.version})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.archive_reason == "Set in error"
