"""axe (WCAG 2.0, 2.1 and 2.2, A and AA) on every page type, signed out and signed in, including
forms showing their errors. Zero violations."""

import pytest

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.memberships.models import Membership
from accord.organisations.models import Organisation
from accord.people.models import Person
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def ids():
    lsp = Body.objects.get(name="Cheshire West and Chester Local Strategic Partnership")
    return {
        "lsp": lsp.pk,
        "ended": Body.objects.get(name="Communities of Cheshire Partnership").pk,
        "membership": Membership.objects.filter(body__name="LSP Thematic Leads Group").first().pk,
        "organisation": Organisation.objects.get(name="Cheshire West and Chester Council").pk,
        "person": Person.objects.get(name="Alistair Jeffs").pk,
        "area": Area.objects.get(gss_code="E06000050").pk,
    }


PUBLIC_PAGES = [
    "/",
    "/search/?q=chester",
    "/search/?q=zzzz-nothing",
    "/about/",
    "/bodies/framework/",
    "/bodies/framework/?as_of=2009-03-31",
    "/bodies/",
    "/bodies/{lsp}/",
    "/bodies/{ended}/",
    "/memberships/{membership}/",
    "/organisations/",
    "/organisations/{organisation}/",
    "/people/",
    "/people/{person}/",
    "/areas/",
    "/areas/{area}/",
    "/areas/?kind=no-such-kind",  # a filter that cannot be applied: the error summary
    "/account/sign-in/",
    "/no-such-page/",
]

MANAGER_PAGES = [
    "/",
    "/account/",
    "/bodies/{lsp}/",
    "/people/{person}/",
    "/bodies/add/",
    "/bodies/{lsp}/change/",
    "/bodies/{ended}/end/",
    "/bodies/{lsp}/archive/",
    "/memberships/add/{lsp}/",
    "/memberships/{membership}/change/",
    "/memberships/{membership}/end/",
    "/memberships/{membership}/archive/",
    "/organisations/add/",
    "/organisations/{organisation}/change/",
    "/organisations/{organisation}/archive/",
    "/people/add/",
    "/people/{person}/change/",
    "/people/{person}/archive/",
    "/people/{person}/employments/add/",
    "/areas/add/",
    "/areas/{area}/change/",
    "/areas/{area}/archive/",
]

# Forms submitted empty, so the error summary and field errors are on the page.
EMPTY_SUBMITS = [
    "/bodies/add/",
    "/memberships/add/{lsp}/",
    "/organisations/add/",
    "/people/add/",
    "/areas/add/",
    "/bodies/{lsp}/archive/",
]


def test_public_pages(page, axe):
    known = ids()
    for url in PUBLIC_PAGES:
        page.goto(url.format(**known))
        axe(page, url)
    sign_in(page, "manager", "not-the-password")
    assert page.locator(".govuk-error-summary").count() == 1
    assert page.title().startswith("Error: ")
    axe(page, "sign in with errors")


def test_signed_in_pages(page, axe):
    known = ids()
    sign_in(page, "manager")
    for url in MANAGER_PAGES:
        response = page.goto(url.format(**known))
        assert response.status == 200, f"{url} answered {response.status}"
        axe(page, url)


def test_forms_with_errors(page, axe):
    known = ids()
    sign_in(page, "manager")
    for url in EMPTY_SUBMITS:
        page.goto(url.format(**known))
        form = page.locator("main form[method=post]").last
        form.evaluate(
            "f => f.querySelectorAll('input[type=text], textarea').forEach(i => i.value = '')"
        )
        form.locator("button[type=submit]").last.click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1, f"no error summary on {url}"
        axe(page, f"{url} with errors")


def test_forbidden_page(page, axe):
    sign_in(page, "member")
    response = page.goto(f"/bodies/{ids()['lsp']}/change/")
    assert response.status == 403
    axe(page, "403")
