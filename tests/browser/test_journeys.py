"""The main journeys, in Debian chromium: sign in, browse the framework, add a membership and
see it in the history; a broken rule shown as a GOV.UK error; the public sees no edit controls."""

import re

import pytest
from playwright.sync_api import expect

from accord.bodies.models import Body
from accord.memberships.models import Membership
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def thematic_leads() -> Body:
    return Body.objects.get(name="LSP Thematic Leads Group")


def test_sign_in_and_out(page):
    sign_in(page, "manager")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_wrong_password_shows_an_error_summary(page):
    sign_in(page, "manager", "not-the-password")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_browse_the_framework_as_of_a_date(page):
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Framework").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("framework", ignore_case=True)
    page.get_by_role("link", name=re.compile("31 March 2009")).first.click()
    tree = page.locator("main")
    expect(
        tree.get_by_role("link", name=re.compile("Communities of Cheshire Partnership")).first
    ).to_be_visible()
    page.get_by_role("link", name=re.compile("1 April 2009")).first.click()
    expect(
        page.get_by_role("link", name=re.compile("^Communities of Cheshire Partnership"))
    ).to_have_count(0)
    # From an ended body, its successor is one click away.
    page.goto(f"/bodies/{Body.objects.get(name='Communities of Cheshire Partnership').pk}/")
    page.get_by_role(
        "link", name=re.compile("Cheshire West and Chester Local Strategic Partnership")
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Cheshire West and Chester Local Strategic Partnership"
    )


def test_add_a_membership_and_see_it_in_the_history(page):
    body = thematic_leads()
    sign_in(page, "manager")
    page.goto(f"/bodies/{body.pk}/")
    page.get_by_role("link", name=re.compile("Add a member")).click()
    page.get_by_label("Person").select_option(label="Andrea Mageean")
    page.get_by_label("Role").select_option(label="Adviser")
    page.get_by_label("On behalf of").select_option(label="Cheshire West and Chester Council")
    page.get_by_label("Day").first.fill("1")
    page.get_by_label("Month").first.fill("6")
    page.get_by_label("Year").first.fill("2010")
    page.get_by_role("button", name=re.compile("Save|Add")).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    membership = Membership.objects.get(body=body, person__name="Andrea Mageean")
    page.goto(f"/bodies/{body.pk}/")
    expect(page.locator("main").get_by_role("link", name="Andrea Mageean").first).to_be_visible()
    page.goto(f"/memberships/{membership.pk}/")
    history = page.locator("#history").locator("xpath=..")
    expect(history).to_contain_text("Created")
    expect(history).to_contain_text("Alistair Jeffs")
    # Change it, and the change shows in the history field by field.
    page.get_by_role("link", name=re.compile("^Change|^Edit")).first.click()
    page.get_by_label("Notes").fill("Attends for the SCS delivery plan")
    page.get_by_role("button", name=re.compile("Save")).click()
    expect(page.locator("#history").locator("xpath=..")).to_contain_text(
        "Attends for the SCS delivery plan"
    )


def test_a_second_chair_is_refused_with_a_govuk_error(page):
    body = thematic_leads()
    sign_in(page, "manager")
    page.goto(f"/memberships/add/{body.pk}/")
    page.get_by_label("Person").select_option(label="Mike Lewis")
    page.get_by_label("Role").select_option(label="Chair")
    page.get_by_role("button", name=re.compile("Save|Add")).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("already has a chair")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Role")).to_be_focused()
    assert not Membership.objects.filter(
        body=body, person__name="Mike Lewis", role="chair"
    ).exists()


def test_secretary_can_add_to_their_own_body_only(page):
    body = thematic_leads()
    other = Body.objects.get(name="Communities of Cheshire Partnership")
    sign_in(page, "secretary")
    page.goto(f"/bodies/{body.pk}/")
    expect(page.get_by_role("link", name=re.compile("Add a member"))).to_be_visible()
    response = page.goto(f"/memberships/add/{other.pk}/")
    assert response.status == 403


def test_the_public_sees_no_edit_controls_or_contact_details(page):
    body = thematic_leads()
    page.goto(f"/bodies/{body.pk}/")
    expect(page.get_by_role("link", name=re.compile("Add a member|Change|Archive"))).to_have_count(
        0
    )
    page.get_by_role("link", name="Alistair Jeffs").first.click()
    expect(page.locator("main")).not_to_contain_text("@cheshire")
