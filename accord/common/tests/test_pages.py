import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from accord.bodies.models import BodyKind
from accord.bodies.tests.pagehelpers import queries_for
from accord.common.factories import BodyFactory, ManagerFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_home_says_what_the_partnership_is_and_what_is_new(client):
    lsp = BodyFactory(name="Cheshire West and Chester LSP", kind=BodyKind.LSP_BOARD)
    MembershipFactory(body=lsp, person__name="Steve Robinson")
    html = client.get(reverse("common:home")).content.decode()
    assert "West Cheshire Together" in html and "Cheshire West and Chester" in html
    assert html.count("<h1") == 1
    assert "Local strategic partnership board" in html
    assert "Steve Robinson on Cheshire West and Chester LSP" in html  # what is new
    assert reverse("bodies:framework") in html


def test_home_query_count_does_not_grow(client, django_assert_max_num_queries):
    def build(n):
        for _ in range(n):
            MembershipFactory(body=BodyFactory())

    build(3)
    few = queries_for(client, reverse("common:home"))
    build(30)
    assert queries_for(client, reverse("common:home")) == few
    with django_assert_max_num_queries(10):
        client.get(reverse("common:home"))


def test_search_finds_bodies_and_hides_unpublished(client):
    BodyFactory(name="Children's Trust")
    BodyFactory(name="Children's secret group", is_published=False)
    r = client.get(reverse("common:search"), {"q": "children"})
    html = r.content.decode()
    assert "Children&#x27;s Trust" in html and "secret" not in html
    assert "1 result for" in html
    assert "No results for" in client.get(reverse("common:search"), {"q": "zzz"}).content.decode()


def test_search_query_count_does_not_grow(client, django_assert_max_num_queries):
    for i in range(3):
        BodyFactory(name=f"Trust {i}")
    few = queries_for(client, reverse("common:search") + "?q=trust")
    for i in range(20):
        BodyFactory(name=f"Trust more {i}")
    assert queries_for(client, reverse("common:search") + "?q=trust") == few
    with django_assert_max_num_queries(8):
        client.get(reverse("common:search") + "?q=trust")


def test_about_credits_the_data(client):
    html = client.get(reverse("common:about")).content.decode()
    assert (
        "Contains public sector information licensed under the Open Government Licence v3.0" in html
    )
    assert "mySociety" in html and "CC BY 4.0" in html and "geographr" in html
    assert "Office for National Statistics" in html


@override_settings(DEBUG=False)
def test_404_page(client):
    r = client.get("/no-such-page/")
    assert r.status_code == 404
    assert "Page not found" in r.content.decode()


def test_403_page(client):
    from accord.common.factories import UserFactory

    client.force_login(UserFactory())
    r = client.get(reverse("bodies:create"))
    assert r.status_code == 403
    html = r.content.decode()
    assert "You cannot do that" in html and html.count("<h1") == 1


def test_every_page_type_has_one_h1_and_main_landmark(client):
    body = BodyFactory(established_on=dt.date(2009, 4, 1))
    m = MembershipFactory(body=body)
    client.force_login(ManagerFactory())
    for url in [
        reverse("common:home"),
        reverse("common:search") + "?q=test",
        reverse("common:about"),
        reverse("bodies:framework"),
        reverse("bodies:list"),
        body.get_absolute_url(),
        reverse("bodies:create"),
        reverse("bodies:edit", args=[body.pk]),
        reverse("bodies:end", args=[body.pk]),
        reverse("bodies:archive", args=[body.pk]),
        reverse("memberships:add", args=[body.pk]),
        m.get_absolute_url(),
        reverse("memberships:edit", args=[m.pk]),
        reverse("memberships:end", args=[m.pk]),
        reverse("accounts:profile"),
    ]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert 'id="main-content"' in html, url
