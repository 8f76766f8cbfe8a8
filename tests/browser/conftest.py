"""Playwright driving Debian's chromium against a live Accord, with axe for accessibility."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (to look up ids) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("ACCORD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian chromium is needed for the browser tests: {CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def example(transactional_db):
    """The example partnership and its demo sign-ins, loaded into the live server's database."""
    from accord.common.example import load_example
    from accord.common.example.demo_users import ensure_demo_users

    load_example()
    return ensure_demo_users()


@pytest.fixture
def page(browser, live_server, example):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1200, "height": 900})
    context.set_default_timeout(15000)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    a = Axe()

    def check(page, label: str = "") -> None:
        results = a.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_TAGS},
                "resultTypes": ["violations"],
            },
        )
        if results.violations_count:
            pytest.fail(
                f"axe found {results.violations_count} violation(s) on {label or page.url}:\n"
                + results.generate_report()
            )

    return check


def sign_in(page, username: str, password: str | None = None) -> None:
    from accord.common.example.demo_users import demo_password

    page.goto("/account/sign-in/")
    password = password or demo_password()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
