"""The reference library loaded from the copies in accord/indicators/data: 198 NI rows, the 79
sourced titles and no others, the recorded polarity fixes, and a second load changing nothing."""

import csv

import pytest

from accord.common.factories import ManagerFactory
from accord.indicators import library
from accord.indicators.factories import IndicatorFactory
from accord.indicators.library import load_library
from accord.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def _csv_titles() -> dict[str, str]:
    with open(library.NI_DIR / "ni_2008.csv", encoding="utf-8", newline="") as fh:
        return {f"NI {row['ni']}": row["title"] for row in csv.DictReader(fh)}


@pytest.fixture
def loaded():
    return load_library()


def test_counts(loaded):
    assert loaded == {"created": 250, "existing": 0, "ni_2008": 198, "fingertips": 35, "ons": 17}
    assert Indicator.objects.filter(status="reference").count() == 250
    ni = Indicator.objects.filter(scheme="ni_2008")
    assert ni.count() == 198
    assert set(ni.values_list("code", flat=True)) == {f"NI {n}" for n in range(1, 199)}
    assert ni.exclude(title="").count() == 79
    assert not ni.filter(is_national=False).exists()


def test_no_invented_titles(loaded):
    """Every NI title is exactly the table's, and every untitled number shows as such."""
    titles = _csv_titles()
    for ind in Indicator.objects.filter(scheme="ni_2008"):
        assert ind.title == titles[ind.code].strip()
        if not ind.title:
            assert ind.display_title == "(title not found in the sources)"
            assert ind.title_source == ""
        else:
            assert ind.title_source.startswith("http")
            assert ind.title_source in ind.source


def test_sources_and_notes_are_carried(loaded):
    ni5 = Indicator.objects.get(code="NI 5")
    assert ni5.title == ""
    assert "https://slideplayer.com./slide/8209647" in ni5.source
    assert "satisfied with their local area" in ni5.source
    ni2 = Indicator.objects.get(code="NI 2")
    assert "No source seen gives this indicator's title." in ni2.source
    ni154 = Indicator.objects.get(code="NI 154")
    assert ni154.title == "Net additional homes provided"
    assert ni154.polarity == "higher" and ni154.polarity_note == ""
    assert ni154.theme.startswith("Local Economy and Environmental Sustainability")


def test_polarities_follow_the_csv_except_recorded_fixes(loaded):
    with open(library.NI_DIR / "ni_2008.csv", encoding="utf-8", newline="") as fh:
        given = {f"NI {r['ni']}": library.CSV_POLARITY[r["polarity"]] for r in csv.DictReader(fh)}
    for ind in Indicator.objects.filter(scheme="ni_2008"):
        if ind.polarity_note:
            assert ind.polarity != given[ind.code]
        else:
            assert ind.polarity == given[ind.code], ind.code
    ni56 = Indicator.objects.get(code="NI 56")
    assert ni56.polarity == "lower" and "obesity" in ni56.polarity_note


def test_fingertips_fields_and_polarity_fixes(loaded):
    ft = Indicator.objects.filter(scheme="fingertips")
    assert ft.count() == 35
    obesity = ft.get(external_id="92033")
    assert obesity.code == "FT 92033"
    assert obesity.title == "Obesity prevalence including severe obesity in Year 6"
    assert obesity.polarity == "lower" and "High is good" in obesity.polarity_note
    assert obesity.value_type == "percentage" and obesity.unit == "%"
    assert obesity.definition.startswith("Proportion of children aged 10 to 11")
    assert "Numerator:" in obesity.definition and "Denominator:" in obesity.definition
    assert obesity.rationale and "&nbsp;" not in obesity.rationale and "\r" not in obesity.rationale
    assert obesity.data_source.startswith("Office for Health Improvement and Disparities")
    assert obesity.frequency == "annual"
    assert ft.get(external_id="90362").polarity == "higher"
    assert ft.get(external_id="91040").polarity == "higher"
    assert ft.get(external_id="91040").frequency == "quarterly"
    assert ft.get(external_id="91040").period_kind == "financial_quarter"
    assert ft.get(external_id="20401").value_type == "rate_1000"
    assert ft.get(external_id="108").value_type == "rate_100000"
    assert ft.get(external_id="91102").value_type == "years"
    assert ft.get(external_id="93415").frequency == "monthly"
    # Only the three recorded fixes differ from the sample's own polarity.
    assert set(ft.exclude(polarity_note="").values_list("external_id", flat=True)) == {
        "90362",
        "91040",
        "92033",
    }
    assert ft.get(external_id="41101").polarity == "lower"
    assert "Extracts may only be reproduced by permission" in ft.get(external_id="41101").source


def test_ons_indicators(loaded):
    ons = Indicator.objects.filter(scheme="ons")
    assert ons.count() == 17
    cc = ons.get(code="ONS claimant-count")
    assert cc.title == "Claimant Count"
    assert cc.external_id == "claimant-count/Claimant Count"
    assert cc.definition.startswith("Percentage of people aged 16 to 64")
    assert cc.unit == "%" and cc.polarity == "lower"
    assert cc.polarity_note.startswith("ONS's metadata states no polarity.")
    assert "Office for National Statistics" in cc.data_source
    assert "Open Government Licence" in cc.source
    inactive = ons.get(code="ONS economic-inactivity")
    assert inactive.polarity == "none" and inactive.polarity_note == ""
    hle = ons.get(external_id="healthy-life-expectancy/Male healthy life expectancy")
    assert hle.title == "Male healthy life expectancy" and hle.period_kind == "pooled_years"
    pay = ons.get(code="ONS median-weekly-pay")
    assert pay.value_type == "money"
    assert "Office for National Statistics and Northern Ireland" in pay.data_source
    # Every polarity set without the source's word says why.
    assert not ons.exclude(polarity="none").filter(polarity_note="").exists()


def test_loading_again_changes_nothing(loaded):
    before = {
        i.pk: (i.version, i.modified_on, i.title, i.polarity) for i in Indicator.objects.all()
    }
    history = Indicator.history.count()
    again = load_library()
    assert again["created"] == 0 and again["existing"] == 250
    after = {i.pk: (i.version, i.modified_on, i.title, i.polarity) for i in Indicator.objects.all()}
    assert after == before
    assert Indicator.history.count() == history


def test_loading_keeps_adopted_edited_and_archived_indicators():
    manager = ManagerFactory()
    IndicatorFactory(code="NI 154", title="Our wording", status="in_use", scheme="ni_2008")
    gone = IndicatorFactory(code="NI 2", scheme="ni_2008", status="reference")
    gone.archived_on = gone.created_on
    gone.save()
    counts = load_library(by=manager)
    assert counts["created"] == 248 and counts["existing"] == 2
    assert Indicator.objects.get(code="NI 154").title == "Our wording"
    assert Indicator.objects.filter(code="NI 2").count() == 1
    assert Indicator.objects.filter(code="NI 1").get().created_by == manager


def test_a_failed_load_leaves_nothing(monkeypatch):
    rows = list(library.library_rows())
    broken = {**rows[5], "tolerance": -1.0}
    monkeypatch.setattr(library, "library_rows", lambda: iter([*rows[:5], broken]))
    with pytest.raises(Exception):  # noqa: B017 - the rule's ValidationError
        load_library()
    assert not Indicator.objects.exists()


def test_clean_text():
    assert library.clean_text("a&nbsp;b\r\n\r\n\r\nc &pound;5") == "a b\n\nc £5"
    assert library.clean_text(None) == ""
