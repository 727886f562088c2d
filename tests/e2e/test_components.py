"""The trimmed stylesheet and our script in place of Bootstrap's (static/js/components.js), in a browser:
pages look as they do with Bootstrap's whole stylesheet, and the menu button, a "New letter" menu and a
dismissible message work by keyboard on a phone."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from followup.demo import build_demo
from followup.models import Interview
from letters.models import Letter
from scripts.build_assets import bootstrap_css_path
from tests.conftest import PASSWORD
from tests.e2e.browser import Browsing
from tests.e2e.conftest import PHONE
from tests.factories import InterviewFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_menu_button_opens_and_closes_the_menu_at_phone_width(open_browser):
    user = UserFactory()
    phone = open_browser("phone", session_for=user)
    page, keyboard = phone.page, phone.page.keyboard
    page.goto("/")
    toggler = page.get_by_role("button", name="Show menu")
    sign_out = page.get_by_role("button", name="Sign out")
    interviews = page.get_by_role("link", name="Interviews")
    expect(sign_out).to_be_hidden()
    expect(interviews).to_be_hidden()
    expect(toggler).to_have_attribute("aria-expanded", "false")

    toggler.focus()
    keyboard.press("Enter")
    expect(sign_out).to_be_visible()
    expect(interviews).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    phone.check("menu-open")

    keyboard.press("Space")
    expect(sign_out).to_be_hidden()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(toggler).to_be_focused()

    # On a desktop the links stand in the bar and the button is not there.
    desktop = open_browser("desktop", session_for=user)
    desktop.page.goto("/")
    expect(desktop.page.get_by_role("button", name="Show menu")).to_be_hidden()
    expect(desktop.page.get_by_role("link", name="Interviews")).to_be_visible()
    expect(desktop.page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_interview_filters_fold_away_behind_a_button_on_a_phone(open_browser):
    user = UserFactory()
    InterviewFactory(user=user)
    phone = open_browser("phone", session_for=user)
    page = phone.page
    page.goto("/interviews/")
    button = page.get_by_role("button", name="Search and filter")
    search = page.get_by_role("search", name="Search and filter interviews")
    expect(search).to_be_hidden()
    button.click()
    expect(search).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    phone.check("interview-filters-open")
    button.click()
    expect(search).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")


def test_a_new_letter_is_started_from_its_menu_with_the_keyboard(open_browser):
    user = UserFactory(time_zone="Europe/Berlin")
    interview = InterviewFactory(user=user)  # ended two hours ago
    ParticipantFactory(interview=interview, contact__name="Dana Whitfield")
    phone = open_browser("phone", session_for=user)
    page, keyboard = phone.page, phone.page.keyboard
    page.goto(f"/interviews/{interview.pk}/")
    button = page.get_by_role("button", name="New letter to Dana Whitfield")
    first = page.get_by_role("button", name="First follow-up", exact=True)
    second = page.get_by_role("button", name="Second follow-up", exact=True)
    last = page.get_by_role("button", name="Request for another conversation")
    expect(first).to_be_hidden()

    # Enter opens the menu and leaves focus on its button; the arrows, Home and End move through it.
    button.focus()
    keyboard.press("Enter")
    expect(first).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(button).to_be_focused()
    keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    keyboard.press("ArrowDown")
    expect(second).to_be_focused()
    keyboard.press("End")
    expect(last).to_be_focused()
    keyboard.press("ArrowDown")
    expect(first).to_be_focused()  # round to the top
    keyboard.press("ArrowUp")
    expect(last).to_be_focused()
    keyboard.press("Home")
    expect(first).to_be_focused()
    # Open on a phone, the menu stays within the screen, whole.
    menu = page.get_by_role("list").filter(has=first).last.bounding_box()  # the innermost list
    assert menu is not None and menu["x"] >= 0 and menu["x"] + menu["width"] <= PHONE["width"], menu
    phone.check("new-letter-menu-open")

    # Escape closes it and gives focus back to its button.
    keyboard.press("Escape")
    expect(first).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    # A click elsewhere closes it too; tabbing out of it as well.
    button.click()
    expect(first).to_be_visible()
    page.get_by_role("heading", name="People you met").click()
    expect(first).to_be_hidden()
    button.focus()
    keyboard.press("ArrowUp")  # opens it at its last item
    expect(last).to_be_focused()
    keyboard.press("Tab")
    expect(last).to_be_hidden()

    # The arrow key opens it at the first item, and Enter starts that letter.
    button.focus()
    keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    keyboard.press("Enter")
    expect(page.get_by_role("heading", name="First follow-up to Dana Whitfield")).to_be_visible()

    # The message a save leaves can be dismissed; focus goes to the page's content, not nowhere.
    page.get_by_role("button", name="Save", exact=True).click()
    saved = page.get_by_role("status").filter(has_text="Saved.")
    expect(saved).to_be_visible()
    saved.get_by_role("button", name="Dismiss").focus()
    keyboard.press("Enter")
    expect(saved).to_have_count(0)
    expect(page.locator("main")).to_be_focused()


# Where each element is and what the stylesheet gave it: what a reader sees, minus the pixels of text
# antialiasing, which Chromium may draw either way from one run to the next.
_DRAWN = """() => Array.from(document.querySelectorAll("body *")).map((element) => {
  const box = element.getBoundingClientRect(), style = getComputedStyle(element);
  return [element.tagName, element.className, ...[box.x, box.y, box.width, box.height].map(Math.round),
          ...["display", "visibility", "opacity", "color", "backgroundColor", "fontSize", "fontWeight",
              "lineHeight", "borderTopWidth", "borderTopColor", "borderRadius", "boxShadow",
              "textDecorationLine", "paddingLeft", "marginTop"].map((name) => style[name])].join("|");
})"""


def draws_the_same(trimmed: Browsing, full: Browsing, path: str) -> bool:
    """Whether every element of the page is laid out and styled the same with both stylesheets; if not,
    a picture of each is kept in test-artifacts."""
    drawn = []
    for browsing in (trimmed, full):
        response = browsing.page.goto(path)
        assert response is not None and response.ok, f"{path} answered {response and response.status}"
        browsing.page.wait_for_load_state("networkidle")
        drawn.append(browsing.page.evaluate(_DRAWN))
    if drawn[0] == drawn[1]:
        return True
    name = path.strip("/").replace("/", "-") or "home"
    for browsing in (trimmed, full):
        browsing.page.screenshot(path=str(browsing.folder / f"{name}.png"), full_page=True)
    return False


def test_the_trimmed_stylesheet_draws_the_pages_as_the_full_one_does(open_browser):
    """Each page, once with the trimmed stylesheet and once with Bootstrap's whole one served in its
    place, lays out and styles every element the same: nothing a page uses was trimmed away."""
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
