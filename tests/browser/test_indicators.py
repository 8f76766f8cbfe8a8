"""The indicator library in the browser: filtering the list and opening an indicator, the
manager's forms (with and without errors), adopting a reference indicator, and axe on every
page type."""

import pytest

from accord.indicators import services
from accord.indicators.library import load_library
from accord.indicators.models import Indicator
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _known() -> dict[str, int]:
    load_library()
    local = services.indicator_create(
        fields={"code": "TEST 1", "title": "Residents who feel safe after dark", "unit": "%"},
        by=None,
    )
    replaced = services.indicator_create(
        fields={"code": "TEST 2", "title": "Fear of crime (old measure)"}, by=None
    )
    reference = Indicator.objects.filter(status="reference").order_by("pk").first()
    return {
        "ni5": Indicator.objects.get(code="NI 5").pk,
        "ft": Indicator.objects.get(code="FT 92033").pk,
        "ons": Indicator.objects.get(code="ONS claimant-count").pk,
        "local": local.pk,
        "replaced": replaced.pk,
        "reference": reference.pk,
    }


def test_library_pages_have_no_axe_violations(page, axe):
    known = _known()
    for url in [
        "/indicators/",
        "/indicators/?scheme=ons",
        "/indicators/?q=obesity&polarity=lower",
        "/indicators/?page=3",
        "/indicators/?outcome=999999",  # a bad filter shows its error
        f"/indicators/{known['ni5']}/",
        f"/indicators/{known['ft']}/",
        f"/indicators/{known['ons']}/",
        f"/indicators/{known['local']}/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)


def test_filter_the_library_and_open_an_indicator(page):
    _known()
    page.goto("/indicators/")
    page.get_by_label("Set of indicators").select_option(label="ONS Explore Local Statistics")
    page.get_by_label("Search").fill("claimant")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert "scheme=ons" in page.url
    assert page.get_by_role("status").inner_text().strip() == "1 indicator"
    page.get_by_role("link", name="ONS claimant-count").click()
    page.wait_for_load_state()
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("ONS claimant-count Claimant Count")
    )
    main = page.locator("main").inner_text()
    assert "Lower is better" in main and "ONS's metadata states no polarity" in main
    assert "Open Government Licence" in main
    page.get_by_role("link", name="Indicators").first.click()
    page.wait_for_load_state()
    page.get_by_label("Search").fill("NI 5")
    page.get_by_label("Set of indicators").select_option(label="National Indicator Set 2008")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    assert page.get_by_role("row").filter(has_text="(title not found in the sources)").count()
    page.get_by_role("link", name="Clear filters").click()
    page.wait_for_load_state()
    assert "Showing 1 to 25 of" in page.get_by_role("status").inner_text()


def test_manager_forms_and_adoption(page, axe):
    known = _known()
    sign_in(page, "manager")
    pk = known["local"]
    for url in [
        f"/indicators/{known['reference']}/",
        "/indicators/add/",
        f"/indicators/{pk}/change/",
        f"/indicators/{pk}/archive/",
        f"/indicators/{pk}/retire/",
        f"/indicators/{known['reference']}/adopt/",
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        axe(page, url)

    for url in [
        "/indicators/add/",
        f"/indicators/{pk}/retire/",
        f"/indicators/{known['reference']}/adopt/",
    ]:
        page.goto(url)
        page.locator("main form[method=post] button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1, url
        axe(page, f"{url} with errors")

    # Adopt the reference indicator: a lead officer, an owning body, then it is in use.
    page.goto(f"/indicators/{known['reference']}/")
    page.get_by_role("link", name="Adopt for use").click()
    page.wait_for_load_state()
    page.get_by_label("Lead officer").select_option(index=1)
    page.get_by_label("Owning body").select_option(index=1)
    page.get_by_role("button", name="Adopt indicator").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Indicator adopted for use." in main and "In use" in main
    assert Indicator.objects.get(pk=known["reference"]).status == "in_use"

    # Replace the old local measure by the new one.
    page.goto(f"/indicators/{known['replaced']}/retire/")
    page.get_by_label("Replaced by another indicator").check()
    page.get_by_label("Replaced by (optional)").select_option(
        label="TEST 1 Residents who feel safe after dark"
    )
    group = page.get_by_role("group", name="Date it stopped")
    group.get_by_label("Day").fill("31")
    group.get_by_label("Month").fill("3")
    group.get_by_label("Year").fill("2009")
    page.get_by_label("Why").fill("Replaced at the 2009 refresh")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "Indicator replaced." in main and "Replaced on 31 March 2009 by TEST 1" in main
    axe(page, "a replaced indicator")
