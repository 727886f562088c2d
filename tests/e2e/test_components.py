"""The trimmed stylesheet in a browser: pages look as they do with Bootstrap's whole stylesheet."""

import datetime as dt

import pytest
import time_machine

from followup.demo import build_demo
from followup.models import Interview
from letters.models import Letter
from scripts.build_assets import bootstrap_css_path
from tests.conftest import PASSWORD
from tests.e2e.browser import Browsing

pytestmark = pytest.mark.django_db(transaction=True)


def draws_the_same(trimmed: Browsing, full: Browsing, path: str) -> bool:
    """Whether the page looks the same with both stylesheets; if not, both pictures are kept."""
    pictures = []
    for browsing in (trimmed, full):
        response = browsing.page.goto(path)
        assert response is not None and response.ok, f"{path} answered {response and response.status}"
        browsing.page.wait_for_load_state("load")
        pictures.append(browsing.page.screenshot(full_page=True))
    if pictures[0] == pictures[1]:
        return True
    name = path.strip("/").replace("/", "-") or "home"
    for browsing, picture in zip((trimmed, full), pictures, strict=True):
        (browsing.folder / f"{name}.png").write_bytes(picture)
    return False


def test_the_trimmed_stylesheet_draws_the_pages_as_the_full_one_does(open_browser):
    """Each page, once with the trimmed stylesheet and once with Bootstrap's whole one served in its
    place, is the same picture: nothing a page uses was trimmed away."""
    full_css = bootstrap_css_path().read_bytes()

    def with_full_stylesheet(browsing: Browsing) -> Browsing:
        browsing.page.route(
            "**/static/css/bootstrap.css", lambda route: route.fulfill(body=full_css, content_type="text/css")
        )
        return browsing

    # The clock stands still, so both pictures of a page show the same times.
    with time_machine.travel(dt.datetime.now(dt.UTC).replace(second=0, microsecond=0), tick=False):
        user = build_demo(password=PASSWORD).user
        interview = Interview.objects.filter(user=user, participants__isnull=False).order_by("-ends_at")[0]
        letter = Letter.objects.filter(interview__user=user).order_by("pk")[0]
        signed_in = [
            "/",
            "/interviews/",
            "/interviews/new/",
            f"/interviews/{interview.pk}/",
            f"/letters/{letter.pk}/",
            "/contacts/",
            "/companies/",
            "/reminders/",
            "/settings/",
        ]
        signed_out = ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
        differing = []
        for size in ("phone", "desktop"):
            for session_for, paths in ((user, signed_in), (None, signed_out)):
                trimmed = open_browser(size, session_for=session_for, group="stylesheet-trimmed")
                full = with_full_stylesheet(
                    open_browser(size, session_for=session_for, group="stylesheet-full")
                )
                differing += [f"{path} ({size})" for path in paths if not draws_the_same(trimmed, full, path)]
    assert not differing, f"These pages look different with the trimmed stylesheet: {differing}"
