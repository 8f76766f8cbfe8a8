"""Case study pages, and the short list "Real benefits to real people" beside the numbers."""

import datetime as dt

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.areas.tests.helpers import assert_well_formed, queries_for
from accord.casestudies.factories import CaseStudyFactory
from accord.casestudies.models import CaseStudy
from accord.casestudies.selectors import attach_case_studies
from accord.common.factories import (
    AreaFactory,
    CommitmentFactory,
    ManagerFactory,
    StrategyFactory,
    UserFactory,
)
from accord.indicators.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = ManagerFactory()
    client.force_login(user)
    return user


@pytest.fixture
def linked():
    outcome = CommitmentFactory(number="12", title="Providing our workforce with skills")
    ni = IndicatorFactory(code="NI 151", title="Overall employment rate")
    real = CaseStudyFactory(
        title="Back into work at the jobs club",
        is_illustrative=False,
        outcomes=[outcome],
        indicators=[ni],
        area=AreaFactory(name="Ellesmere Port"),
        happened_on=dt.date(2009, 9, 1),
    )
    example = CaseStudyFactory(
        title="An apprenticeship at the refinery", indicators=[ni], happened_on=dt.date(2010, 3, 1)
    )
    draft = CaseStudyFactory(title="Draft story", is_published=False, indicators=[ni])
    return outcome, ni, real, example, draft


def test_public_list_and_detail(client, linked):
    outcome, ni, real, example, draft = linked
    html = assert_well_formed(client.get(reverse("casestudies:list")))
    assert "Back into work at the jobs club" in html and "An apprenticeship" in html
    assert "Draft story" not in html
    assert html.count("Illustrative example</strong>") == 1
    html = assert_well_formed(client.get(example.get_absolute_url()))
    assert "Illustrative example</strong>" in html and "It did not happen" in html
    html = assert_well_formed(client.get(real.get_absolute_url()))
    assert "Illustrative example" not in html
    assert "Ellesmere Port" in html and "NI 151" in html and "12. Providing" in html
    assert client.get(draft.get_absolute_url()).status_code == 404
    filtered = client.get(reverse("casestudies:list"), {"outcome": outcome.pk}).content.decode()
    assert "Back into work" in filtered and "apprenticeship" not in filtered
    # A bad filter value is ignored, not an error.
    assert client.get(reverse("casestudies:list"), {"indicator": "x"}).status_code == 200


def test_outcomes_of_unpublished_strategies_are_not_shown(client, linked):
    outcome, ni, real, *_ = linked
    hidden = CommitmentFactory(strategy=StrategyFactory(is_published=False), title="Secret")
    real.outcomes.add(hidden)
    assert "Secret" not in client.get(real.get_absolute_url()).content.decode()


def test_list_and_detail_query_counts_do_not_grow(client, linked):
    few = queries_for(client, reverse("casestudies:list"))
    detail = queries_for(client, linked[2].get_absolute_url())
    for _ in range(5):
        CaseStudyFactory(area=AreaFactory(), outcomes=[CommitmentFactory()])
    assert queries_for(client, reverse("casestudies:list")) == few
    linked[2].outcomes.add(*[CommitmentFactory() for _ in range(3)])
    assert queries_for(client, linked[2].get_absolute_url()) == detail


def render_beside(obj, user, extra=""):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load casestudies %}{% case_studies_for obj " + extra + "%}")
    return template.render(Context({"obj": obj, "request": request}))


def test_tag_lists_real_benefits_beside_an_indicator(linked):
    from django.contrib.auth.models import AnonymousUser

    outcome, ni, real, example, draft = linked
    html = render_beside(ni, AnonymousUser())
    assert "<h2" in html and "Real benefits to real people" in html
    # Latest first, the illustrative one tagged.
    assert html.index("An apprenticeship") < html.index("Back into work")
    assert html.count("Illustrative example") == 1
    assert "Draft story" not in html and "Add a case study" not in html
    html = render_beside(outcome, AnonymousUser(), "level=3 ")
    assert "<h3" in html and "Back into work" in html and "apprenticeship" not in html
    # Nothing to show and nobody to add one: nothing at all.
    assert render_beside(CommitmentFactory(), AnonymousUser()).strip() == ""
    manager = ManagerFactory()
    html = render_beside(ni, manager)
    assert "Draft story" in html and "Draft</strong>" in html
    assert f"/case-studies/add/?indicator={ni.pk}" in html
    assert "All case studies for this indicator" in html


def test_tag_costs_nothing_once_attached(linked):
    outcome, ni, *_ = linked
    others = [IndicatorFactory() for _ in range(4)]
    for i in others:
        CaseStudyFactory(indicators=[i])
    rows = [ni, *others]
    user = UserFactory()
    with CaptureQueriesContext(connection) as ctx:
        attach_case_studies(rows, user=user)
    assert len(ctx.captured_queries) == 1
    user.has_perm("casestudies.add_casestudy")  # Django caches the user's permissions
    with CaptureQueriesContext(connection) as ctx:
        html = "".join(render_beside(i, user) for i in rows)
    assert len(ctx.captured_queries) == 0
    assert html.count("Real benefits to real people") == 5


def test_manager_creates_publishes_and_archives(client, manager, linked):
    outcome, ni, *_ = linked
    url = reverse("casestudies:create")
    html = assert_well_formed(client.get(f"{url}?indicator={ni.pk}"))
    assert f'value="{ni.pk}" checked' in html
    response = client.post(url, {"title": "", "summary": ""})
    assert response.status_code == 422
    html = assert_well_formed(response)
    assert "Enter a title for the case study" in html and "Enter a summary" in html
    response = client.post(
        url,
        {
            "title": "A safer walk home",
            "summary": "Street lighting in Lache cut reports of anti-social behaviour.",
            "happened_on_0": "1",
            "happened_on_1": "11",
            "happened_on_2": "2009",
            "indicators": [ni.pk],
            "is_illustrative": "on",
        },
    )
    cs = CaseStudy.objects.get(title="A safer walk home")
    assert response.status_code == 302 and response["Location"] == cs.get_absolute_url()
    assert cs.is_illustrative and not cs.is_published and list(cs.indicators.all()) == [ni]
    html = assert_well_formed(client.get(cs.get_absolute_url()))
    assert "Draft</strong>" in html and "Illustrative example</strong>" in html
    publish = reverse("casestudies:publish", args=[cs.pk])
    assert "labelled as an illustrative example" in assert_well_formed(client.get(publish))
    assert client.post(publish, {"version": 1}).status_code == 302
    cs.refresh_from_db()
    assert cs.is_published
    client.logout()
    assert client.get(cs.get_absolute_url()).status_code == 200
    client.force_login(manager)
    edit = reverse("casestudies:edit", args=[cs.pk])
    html = assert_well_formed(client.get(edit))
    response = client.post(
        edit, {"title": "A safer walk home", "summary": "S", "indicators": [], "version": 2}
    )
    assert response.status_code == 422
    assert "Link the case study" in response.content.decode()
    archive = reverse("casestudies:archive", args=[cs.pk])
    assert client.post(archive, {"reason": "Consent withdrawn", "version": 2}).status_code == 302
    client.logout()
    assert client.get(cs.get_absolute_url()).status_code == 404


def test_others_cannot_write(client, linked):
    client.force_login(UserFactory())
    cs = linked[2]
    assert client.get(reverse("casestudies:create")).status_code == 403
    assert client.get(reverse("casestudies:edit", args=[cs.pk])).status_code == 403
    assert client.get(reverse("casestudies:publish", args=[cs.pk])).status_code == 403
