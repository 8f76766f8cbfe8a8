"""The library pages: the filtered list, an indicator's page, and the manager's forms, with
query counts that do not grow with the library."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, queries_for
from accord.common.factories import (
    AreaFactory,
    BodyFactory,
    CommitmentFactory,
    ManagerFactory,
    PersonFactory,
    StrategyFactory,
    UserFactory,
)
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.indicators.library import load_library
from accord.indicators.models import Indicator
from accord.targets.models import Target

pytestmark = pytest.mark.django_db
D = dt.date
LIST = reverse("indicators:list")


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


@pytest.fixture
def library():
    load_library()


def _target(indicator, text, value, **kw):
    return Target.objects.create(
        indicator=indicator,
        period=PeriodFactory(text=text),
        area=kw.pop("area", None) or AreaFactory(kind="borough"),
        value=value,
        **kw,
    )


# --- the list -----------------------------------------------------------------------------------


def test_list_shows_the_library_with_credits_and_pagination(client, library):
    html = assert_well_formed(client.get(LIST))
    assert "Showing 1 to 25 of <strong>250</strong> indicators" in html
    # Local first (none here), then NI 1 to NI 25 in number order: not NI 1, NI 10, NI 100.
    assert "NI 1</a>" in html and "NI 25</a>" in html and "NI 100</a>" not in html
    assert "(title not found in the sources)" in html
    assert "Reference only" in html and "National" in html
    assert 'aria-label="Pagination"' in html
    for credit in ("National Indicator Set 2008", "FingertipsNext", "Open Government Licence"):
        assert credit in html


@pytest.mark.parametrize(
    "params, present, absent",
    [
        ({"scheme": "ons"}, ["ONS claimant-count"], ["NI 154", "FT 92033"]),
        ({"scheme": "fingertips", "polarity": "lower"}, ["FT 92033"], ["FT 90362"]),
        ({"q": "net additional"}, ["NI 154", "ONS net-additional-dwellings"], ["NI 1"]),
        ({"q": "obesity", "scheme": "ni_2008"}, ["NI 56"], ["FT 92033"]),
        ({"frequency": "quarterly"}, ["FT 91040"], ["NI 154"]),
        ({"national": "local"}, ["L 1"], ["NI 154"]),
        ({"status": "in_use"}, ["L 1"], ["NI 154"]),
    ],
)
def test_list_filters(client, library, params, present, absent):
    IndicatorFactory(code="L 1", title="Local measure")
    html = assert_well_formed(client.get(LIST, params))
    for text in present:
        assert f">{text}</a>" in html, text
    for text in absent:
        assert f">{text}</a>" not in html, text
    assert "Clear filters" in html


def test_list_filters_by_theme_outcome_and_owning_body(client):
    body = BodyFactory(name="Safer Communities Partnership")
    outcome = CommitmentFactory(title="Fewer people hurt on the roads", kind="outcome")
    roads = IndicatorFactory(code="NI 47", theme="Safer", owning_body=body, outcomes=[outcome])
    other = IndicatorFactory(code="NI 48", theme="Roads")
    html = client.get(LIST).content.decode()
    assert "Fewer people hurt on the roads" in html  # offered as a filter
    assert "Safer Communities Partnership" in html
    for params in ({"theme": "Safer"}, {"outcome": outcome.pk}, {"owning_body": body.pk}):
        html = client.get(LIST, params).content.decode()
        assert roads.get_absolute_url() in html and other.get_absolute_url() not in html


def test_a_bad_filter_shows_an_error_not_a_crash(client, library):
    response = client.get(LIST, {"outcome": "999999", "scheme": "nope"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_archived_indicators_only_when_asked(client):
    gone = IndicatorFactory(code="L 9")
    Indicator.objects.filter(pk=gone.pk).update(archived_on=gone.created_on)
    assert "L 9" not in client.get(LIST).content.decode()
    html = client.get(LIST, {"archived": "on"}).content.decode()
    assert "L 9" in html and "Archived</strong>" in html


def test_unpublished_owning_body_is_not_named_to_the_public(client, manager):
    IndicatorFactory(owning_body=BodyFactory(name="Secret group", is_published=False))
    assert "Secret group" in client.get(LIST).content.decode()
    client.logout()
    assert "Secret group" not in client.get(LIST).content.decode()


def _fill(n: int) -> None:
    body, person = BodyFactory(), PersonFactory()
    outcomes = [CommitmentFactory(kind="outcome") for _ in range(2)]
    for _ in range(n):
        IndicatorFactory(owning_body=body, lead_officer=person, outcomes=outcomes, theme="T")


def test_list_queries_do_not_grow(client, django_assert_max_num_queries):
    _fill(2)
    few = queries_for(client, LIST)
    _fill(30)
    assert queries_for(client, LIST) == few
    with django_assert_max_num_queries(6):
        client.get(LIST, {"q": "Test", "theme": "T"})


# --- the detail page ----------------------------------------------------------------------------


def test_detail_of_an_untitled_reference_indicator(client, library):
    ni5 = Indicator.objects.get(code="NI 5")
    html = assert_well_formed(client.get(ni5.get_absolute_url()))
    assert 'NI 5 <span class="accord-meta">(title not found in the sources)</span>' in html
    assert "satisfied with their local area" in html  # the source note
    assert "National Indicator Set 2008" in html
    assert "it is in the reference library and not in use" in html
    assert "Adopt for use" not in html  # not for the public


def test_detail_shows_a_corrected_polarity_with_its_reason(client, library):
    ft = Indicator.objects.get(code="FT 92033")
    html = assert_well_formed(client.get(ft.get_absolute_url()))
    assert "Lower is better" in html
    assert "Why: The source sample says" in html
    assert "Numerator:" in html and "FingertipsNext" in html
    assert "Copyright: © Crown copyright" in html


def test_detail_shows_outcomes_targets_and_replacements(client, manager):
    scs = StrategyFactory(title="Sustainable Community Strategy")
    outcome = CommitmentFactory(strategy=scs, number="7.2", title="Healthier children")
    hidden = CommitmentFactory(strategy=StrategyFactory(is_published=False), title="Draft outcome")
    officer, body = PersonFactory(name="Ann Lead"), BodyFactory(name="Health and Wellbeing")
    new = IndicatorFactory(code="L 56", title="Year 6 obesity (local)")
    old = IndicatorFactory(
        code="NI 56",
        status="replaced",
        replaced_by=new,
        status_on=D(2011, 3, 31),
        status_reason="NIS abolished",
        lead_officer=officer,
        owning_body=body,
        outcomes=[outcome, hidden],
        polarity="lower",
    )
    older = IndicatorFactory(code="L 3", status="replaced", replaced_by=old)
    _target(
        old, "2009/10", 18.5, baseline_value=19.2, baseline_period=PeriodFactory(text="2007/08")
    )
    _target(old, "2008/09", 19.0, provenance="illustrative")
    html = assert_well_formed(client.get(old.get_absolute_url()))
    assert outcome.get_absolute_url() in html and "7.2. Healthier children" in html
    assert "Ann Lead" in html and "Health and Wellbeing" in html
    assert "Replaced on <time" in html and new.get_absolute_url() in html
    assert older.get_absolute_url() in html  # the chain, both ways
    targets = html.split('id="targets"')[1].split('id="source"')[0]
    assert targets.index("2008/09") < targets.index("2009/10")  # by period
    assert "Illustrative</strong>" in targets and "19.2" in targets and "2007/08" in targets
    assert "Retire or replace" not in html  # already replaced
    client.logout()
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Draft outcome" not in html  # its strategy is not published


def test_detail_queries_do_not_grow(client):
    body, person = BodyFactory(), PersonFactory()
    ind = IndicatorFactory(owning_body=body, lead_officer=person)
    url = ind.get_absolute_url()

    def add(n):
        for k in range(n):
            ind.outcomes.add(CommitmentFactory(kind="outcome"))
            _target(
                ind,
                f"{2000 + k + ind.targets.count()}/{(1 + k + ind.targets.count()) % 100:02d}",
                1.0,
            )
            IndicatorFactory(status="replaced", replaced_by=ind)

    add(1)
    few = queries_for(client, url)
    add(8)
    assert queries_for(client, url) == few
    assert few <= 12


def test_unknown_indicator_is_404(client):
    assert client.get(reverse("indicators:detail", args=[999999])).status_code == 404


# --- the forms ----------------------------------------------------------------------------------


def _form_data(**overrides) -> dict:
    data = {
        "code": "L 20",
        "title": "Residents who feel safe after dark",
        "definition": "",
        "rationale": "",
        "scheme": "local",
        "external_id": "",
        "theme": "",
        "unit": "%",
        "value_type": "percentage",
        "decimal_places": "1",
        "minimum": "0",
        "maximum": "100",
        "polarity": "higher",
        "polarity_note": "",
        "frequency": "annual",
        "period_kind": "financial_year",
        "geography": "borough",
        "data_source": "",
        "lead_officer": "",
        "owning_body": "",
        "tolerance_kind": "relative",
        "tolerance": "5",
        "forecast_points": "4",
        "title_source": "",
        "source": "",
    }
    data.update(overrides)
    return data


def test_forms_are_for_managers_only(client):
    ind = IndicatorFactory()
    for name in ("edit", "archive", "adopt", "retire"):
        url = reverse(f"indicators:{name}", args=[ind.pk])
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(reverse("indicators:create")).status_code == 403
    assert client.get(reverse("indicators:edit", args=[ind.pk])).status_code == 403
    assert client.get(reverse("indicators:retire", args=[ind.pk])).status_code == 403


def test_create_with_outcomes_and_errors(client, manager):
    outcome = CommitmentFactory(kind="outcome", title="Safer streets")
    url = reverse("indicators:create")
    response = client.get(url)
    assert "Safer streets" in assert_well_formed(response)
    response = client.post(url, _form_data(minimum="50", maximum="10"))
    assert response.status_code == 422
    assert "The highest possible value must not be below the lowest." in response.content.decode()
    response = client.post(url, _form_data(outcomes=[outcome.pk]))
    ind = Indicator.objects.get(code="L 20")
    assert response.status_code == 302 and response["Location"] == ind.get_absolute_url()
    assert list(ind.outcomes.all()) == [outcome] and ind.created_by == manager


def test_edit_and_stale_edit(client, manager):
    ind = IndicatorFactory(code="L 20")
    url = reverse("indicators:edit", args=[ind.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, _form_data(title="Changed", version="1"))
    assert response.status_code == 302
    response = client.post(url, _form_data(title="Late", version="1"))
    assert response.status_code == 409
    ind.refresh_from_db()
    assert ind.title == "Changed"


def test_adopt_page(client, manager, library):
    ni154 = Indicator.objects.get(code="NI 154")
    html = client.get(ni154.get_absolute_url()).content.decode()
    assert "Adopt for use" in html and "Retire or replace" not in html
    url = reverse("indicators:adopt", args=[ni154.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, {"version": "1"})
    assert response.status_code == 422
    assert "Choose the lead officer" in response.content.decode()
    officer, body = PersonFactory(), BodyFactory()
    outcome = CommitmentFactory(kind="outcome")
    response = client.post(
        url,
        {
            "version": "1",
            "lead_officer": officer.pk,
            "owning_body": body.pk,
            "outcomes": [outcome.pk],
        },
    )
    assert response.status_code == 302
    ni154.refresh_from_db()
    assert ni154.status == "in_use" and ni154.owning_body == body
    assert client.get(url).status_code == 302  # no second adoption


def test_retire_page_replaces_with_a_successor(client, manager):
    old, new = IndicatorFactory(code="NI 186"), IndicatorFactory(code="L 186")
    url = reverse("indicators:retire", args=[old.pk])
    html = assert_well_formed(client.get(url))
    assert "L 186" in html and "NI 186 Test" not in html.split("Replaced by")[1]
    data = {
        "version": "1",
        "status": "replaced",
        "status_on_0": "31",
        "status_on_1": "3",
        "status_on_2": "2011",
        "status_reason": "Replaced by the local carbon measure",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Choose the indicator that replaces this one." in response.content.decode()
    response = client.post(url, {**data, "replaced_by": new.pk})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == "replaced" and old.replaced_by == new and old.status_on == D(2011, 3, 31)


def test_archive_page(client, manager):
    ind = IndicatorFactory()
    url = reverse("indicators:archive", args=[ind.pk])
    assert_well_formed(client.get(url))
    response = client.post(url, {"version": "1", "reason": "Added twice"})
    assert response.status_code == 302
    ind.refresh_from_db()
    assert ind.is_archived
    html = client.get(ind.get_absolute_url()).content.decode()
    assert "This record was archived" in html and "Added twice" in html
