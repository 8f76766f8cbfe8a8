"""The collection cycle in the browser: a lead officer sees My returns and submits a figure
(confirming an unusual change); the manager sends it back with a comment; the lead resubmits;
the manager approves, the figure is final and locked, and the public scorecard changes. axe on
every page of targets and the collection cycle, including their forms with errors."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from accord.accounts.models import User
from accord.areas.models import Area
from accord.collection import selectors, services
from accord.collection.models import Return
from accord.common.factories import BodyFactory
from accord.indicators.factories import IndicatorFactory, PeriodFactory
from accord.observations.models import Observation
from accord.observations.versions import figures_changed
from accord.targets.models import Target
from accord.targets.services import target_revise
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

ROUND_PERIOD = "2025/26 Q2"
HISTORY = [("2024/25 Q2", 4.1), ("2024/25 Q3", 4.3), ("2024/25 Q4", 4.2), ("2025/26 Q1", 4.4)]


def open_round() -> Return:
    """A quarter round with a return for the demo lead officer, whose indicator has a history
    against which a jump is unusual."""
    manager = User.objects.get(username="manager")
    lead = User.objects.get(username="lead")
    borough = Area.objects.get(gss_code="E06000050")
    safer = BodyFactory(name="Test Safer Communities Partnership", area=borough)
    ind = IndicatorFactory(
        owning_body=safer,
        code="TEST 1",
        title="Serious acquisitive crime per 1,000 people",
        value_type="rate_1000",
        unit="per 1,000",
        frequency="quarterly",
        period_kind="financial_quarter",
        polarity="lower",
        minimum=0,
        lead_officer=lead.person,
    )
    for period, value in HISTORY:
        Observation.objects.create(
            indicator=ind, area=borough, period=PeriodFactory(text=period), value=value
        )
    figures_changed()  # as every writer of figures does
    today = dt.date.today()
    rnd = services.round_open(
        fields={
            "title": "Quarter 2 2025/26 returns",
            "period": ROUND_PERIOD,
            "opens_on": today - dt.timedelta(days=3),
            "deadline": today + dt.timedelta(days=10),
            "instructions": "Enter the police recorded crime figure for the quarter.",
        },
        areas=[borough],
        by=manager,
    )
    return rnd.returns.get(indicator=ind)


def public_scorecard_row(browser, live_server, body_id: int):
    """The TEST 1 row of a body's scorecard as the public sees it (final figures only)."""
    context = browser.new_context(base_url=live_server.url)
    try:
        p = context.new_page()
        p.goto(f"/performance/bodies/{body_id}/")
        return p.locator("tr").filter(has_text="TEST 1").inner_text()
    finally:
        context.close()


def manager_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15000)
    p = context.new_page()
    sign_in(p, "manager")
    return context, p


def test_submit_send_back_resubmit_approve(page, axe, browser, live_server):
    ret = open_round()
    check = selectors.plausibility(
        indicator=ret.indicator, area_id=ret.area_id, period=ret.round.period
    )
    unusual = round(check.previous + 5 * check.limit, 1)

    # The lead officer's home for the cycle.
    sign_in(page, "lead")
    page.goto("/returns/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My returns")
    row = page.locator("tr").filter(has_text="TEST 1")
    expect(row).to_contain_text("Due")
    axe(page, "My returns")
    row.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("TEST 1")
    expect(
        page.get_by_role("table", name="Earlier figures for Cheshire West and Chester")
    ).to_be_visible()
    axe(page, "submit form")

    # An unusual jump asks for confirmation.
    page.get_by_label("Figure").fill(str(unusual))
    page.get_by_label("Commentary").fill("A spike in vehicle crime in Chester in August.")
    page.get_by_role("button", name="Submit figure").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("history makes changes of up to")
    expect(page.locator(".govuk-warning-text")).to_contain_text("unusual change")
    axe(page, "submit form with the plausibility question")
    page.get_by_label("I have checked this figure and it is right").check()
    page.get_by_role("button", name="Submit figure").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Figure submitted")
    expect(page.locator("main")).to_contain_text("An unusual change, confirmed by the lead officer")
    axe(page, "return page (submitted)")
    # A submitted figure is provisional: the public scorecard still shows the last final one.
    body_id = ret.indicator.owning_body_id
    before = public_scorecard_row(browser, live_server, body_id)
    assert "4.4" in before and "2025/26 Q1" in before and f"{unusual:g}" not in before

    # The manager checks it and sends it back.
    context, mpage = manager_page(browser, live_server)
    try:
        mpage.goto("/returns/rounds/")
        axe(mpage, "collection rounds")
        mpage.get_by_role("link", name="Quarter 2 2025/26 returns").click()
        expect(mpage.get_by_role("heading", level=1)).to_have_text("Quarter 2 2025/26 returns")
        axe(mpage, "round page")
        mpage.locator("tr").filter(has_text="TEST 1").get_by_role("link").click()
        expect(mpage.get_by_role("heading", name="Check the figure")).to_be_visible()
        axe(mpage, "return page for the manager")
        mpage.get_by_role("link", name="Send back with a comment").click()
        axe(mpage, "send back form")
        mpage.get_by_role("button", name="Send back").click()
        expect(mpage.locator(".govuk-error-summary")).to_contain_text(
            "Enter what the lead officer should change"
        )
        axe(mpage, "send back form with errors")
        mpage.get_by_label("What should the lead officer change?").fill(
            "Police figures for August were revised: use the revised release."
        )
        mpage.get_by_role("button", name="Send back").click()
        expect(mpage.locator(".govuk-notification-banner")).to_contain_text("sent back")

        # The lead sees it returned with the comment, and resubmits.
        page.goto("/returns/")
        row = page.locator("tr").filter(has_text="TEST 1")
        expect(row).to_contain_text("Returned for changes")
        expect(row).to_contain_text("use the revised release")
        axe(page, "My returns with a return sent back")
        row.get_by_role("link").click()
        expect(page.locator(".govuk-inset-text")).to_contain_text("use the revised release")
        revised = round(check.previous + check.limit / 2, 1)
        page.get_by_label("Figure").fill(str(revised))
        page.get_by_role("button", name="Submit figure").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Figure submitted")

        # The manager approves: the figure is final and locked.
        mpage.goto(f"/returns/{ret.pk}/")
        mpage.get_by_role("button", name="Approve").click()
        expect(mpage.locator(".govuk-notification-banner")).to_contain_text("final and locked")
        expect(mpage.locator("main")).to_contain_text("Final and locked")
        axe(mpage, "return page (approved)")
        mpage.get_by_role("link", name="Final, locked").click()
        expect(mpage.locator("main")).to_contain_text("approved and locked")
        expect(mpage.locator("main")).to_contain_text(f"{revised:g}")
    finally:
        context.close()

    # Approved, the figure is on the public scorecard.
    after = public_scorecard_row(browser, live_server, body_id)
    assert f"{revised:g}" in after and "2025/26 Q2" in after

    ret.refresh_from_db()
    obs = ret.observation
    assert (ret.status, obs.status, obs.is_locked, obs.value) == (
        "approved",
        "final",
        True,
        revised,
    )
    assert obs.restates is not None and obs.restates.value == unusual
    # The lead's page shows it approved, with no way to change it.
    page.goto(f"/returns/{ret.pk}/")
    expect(page.locator("main")).to_contain_text("Final and locked")
    expect(page.get_by_role("link", name="Change the figure")).to_have_count(0)


def test_open_round_form(page, axe):
    sign_in(page, "manager")
    page.goto("/returns/rounds/open/")
    axe(page, "open a round")
    page.get_by_role("button", name="Open round").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a title for the round")
    axe(page, "open a round with errors")
    page.get_by_label("Title").fill("Quarter 3 2025/26 returns")
    page.get_by_label("Period the figures are for").fill("2025/26 Q3")
    for group, (d, m, y) in (("Opens on", (5, 1, 2026)), ("Deadline", (16, 1, 2026))):
        fields = page.get_by_role("group", name=group)
        fields.get_by_label("Day").fill(str(d))
        fields.get_by_label("Month").fill(str(m))
        fields.get_by_label("Year").fill(str(y))
    page.get_by_role("button", name="Open round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarter 3 2025/26 returns")
    axe(page, "a new round")


def test_target_pages_have_no_axe_violations(page, axe):
    example = Target.objects.live().filter(provenance="illustrative").first()
    assert example is not None, "the example loads illustrative targets"
    manager = User.objects.get(username="manager")
    revised = target_revise(
        target=example,
        changes={"value": example.value + 1},
        reason="The 2026 refresh",
        expected_version=None,
        by=manager,
    )
    page.goto("/targets/")
    expect(page.locator("main")).to_contain_text("Illustrative")
    axe(page, "targets")
    page.goto(f"/targets/?indicator={revised.indicator_id}&archived=on")
    axe(page, "targets filtered")
    page.goto(f"/targets/{revised.pk}/")
    expect(page.get_by_role("heading", name="Revisions")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Why: The 2026 refresh")
    expect(page.locator("main")).to_contain_text("Nobody agreed this target")
    axe(page, "a revised target")
    sign_in(page, "manager")
    for url in (
        "/targets/add/",
        f"/targets/{revised.pk}/revise/",
        f"/targets/{revised.pk}/archive/",
    ):
        page.goto(url)
        axe(page, url)
        page.locator("main form[method=post] button[type=submit]").click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        axe(page, f"{url} with errors")
