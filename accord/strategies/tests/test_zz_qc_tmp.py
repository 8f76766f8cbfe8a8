import pytest
from django.urls import reverse
from accord.bodies.tests.pagehelpers import queries_for
from accord.common.factories import ManagerFactory
from accord.strategies.tests.test_pages import _strategy_with
from accord.strategies.tests.test_thread import _thread_with
from accord.strategies.tests.test_gaps import gappy  # noqa

@pytest.mark.django_db
@pytest.mark.parametrize("mgr", [False, True])
def test_counts(client, mgr):
    if mgr: client.force_login(ManagerFactory())
    out = []
    for n in (3, 30):
        s = _strategy_with(n); top, lsp = _thread_with(n)
        out.append((n,
            queries_for(client, reverse("strategies:list")),
            queries_for(client, reverse("strategies:detail", args=[s.pk])),
            queries_for(client, reverse("strategies:detail", args=[s.pk]) + "?as_of=2030-01-01"),
            queries_for(client, reverse("strategies:commitment", args=[top.pk])),
            queries_for(client, reverse("strategies:body_thread", args=[lsp.pk])),
            queries_for(client, reverse("strategies:gaps")),
            queries_for(client, reverse("strategies:area_plans"))))
    print("\nMGR" if mgr else "\nANON", out)
