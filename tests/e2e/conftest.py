"""Browser fixtures: Debian's Chromium driven by Playwright against the live server, phone and desktop sizes."""

import os
import shutil

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests.e2e.browser import SCREENSHOT_ROOT, Browsing

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The journey's user is in Berlin: the first-run step guesses this zone from the browser.
TIME_ZONE = "Europe/Berlin"

_screenshots_taken: list[str] = []


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the browser tests, closed when they are done (before the rest of the suite)."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium).")
    # Playwright's sync API keeps an asyncio loop running in the test thread while it is open, and Django
    # refuses ORM calls from a thread with a running loop. The browser tests use the ORM from the test
    # thread only, one call at a time; allowed while the browser is open and no longer, so neither the
    # rest of the suite nor the processes it starts (`check --deploy` warns about it) inherit it.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="session")
def screenshot_root():
    """Emptied once per run, so every picture in it comes from this run."""
    shutil.rmtree(SCREENSHOT_ROOT, ignore_errors=True)
    SCREENSHOT_ROOT.mkdir(parents=True)
    return SCREENSHOT_ROOT


@pytest.fixture
def site_url(settings, live_server):
    """Links in emails point at the live server (the worker gets the same SITE_URL in its environment)."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def open_browser(request, browser, live_server, screenshot_root):
    """Factory: open_browser("phone") or open_browser("desktop") -> a Browsing with one page open.

    Screenshots go to <screenshots>/<group>/<size>/, the group being the test module's name unless
    given. Every context is closed after the test; console errors, page errors (a CSP violation, a
    script failing) and failed loads of the pages' resources fail the test that caused them.
    """
    opened: list[Browsing] = []
    default_group = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")

    def open_(size: str, *, session_for=None, group: str = "") -> Browsing:
        viewport = PHONE if size == "phone" else DESKTOP
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            timezone_id=TIME_ZONE,
            locale="en-US",
            reduced_motion="reduce",  # no transitions: focus styles and screenshots are final at once
            permissions=["clipboard-read", "clipboard-write"],
        )
        context.set_default_timeout(10_000)
        folder = (
            screenshot_root / (group or default_group) / f"{size}-{viewport['width']}x{viewport['height']}"
        )
        browsing = Browsing(context, size=size, folder=folder, taken=_screenshots_taken)
        if session_for is not None:
            sign_in_by_cookie(browsing, session_for, live_server.url)
        opened.append(browsing)
        return browsing

    yield open_
    problems = [problem for browsing in opened for problem in browsing.console_problems]
    for browsing in opened:
        browsing.context.close()
    assert not problems, "The browser reported errors:\n" + "\n".join(problems)


def sign_in_by_cookie(browsing: Browsing, user, base_url: str) -> None:
    """Signs `user` in without the sign-in form: for tests about pages behind it, not about signing in."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    browsing.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


def pytest_terminal_summary(terminalreporter):
    if _screenshots_taken:
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{len(_screenshots_taken)} screenshots in {SCREENSHOT_ROOT}/")
