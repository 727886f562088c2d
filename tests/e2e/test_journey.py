"""A job seeker's whole journey in a real browser on a phone, then every page again on a desktop.

Chromium against the live server, with a real Celery worker and beat sending the reminder through a real
SMTP server, on PostgreSQL and Redis.
"""

import datetime as dt
import re
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from followup.celery import app
from followup.models import Contact, Interview
from letters.models import Letter
from reminders import links
from reminders.models import Reminder
from tests.clock import TRICKY_MOMENTS
from tests.conftest import PASSWORD
from tests.e2e.conftest import TIME_ZONE
from tests.factories import UserFactory
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "alex.morgan@example.com"
FULL_NAME = "Alex Morgan"
COMPANY = "Northwind Analytics"
ROLE = "Data Analyst"
SENT_TO = "Priya Singh"  # her thank-you is edited, copied and marked sent
STILL_DUE = "Tomás Ortega"  # his is not: the reminder names only him
LOCAL = zoneinfo.ZoneInfo(TIME_ZONE)


def local_input(moment: dt.datetime) -> str:
    """A moment as typed into a datetime-local box by someone in the user's zone."""
    return moment.astimezone(LOCAL).strftime("%Y-%m-%dT%H:%M")


def named(text: str) -> re.Pattern:
    """Exactly this label, allowing the asterisk that marks a required field."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def email_links(text: str, pattern: str) -> list[str]:
    return re.findall(rf"https?://[^\s<>\"]*{pattern}[^\s<>\"]*", text)


def with_sentence(letter: str, sentence: str) -> str:
    """The letter with a sentence added to its second paragraph, as someone editing a draft would."""
    parts = letter.split("\n\n")
    parts[1] = f"{parts[1]} {sentence}"
    return "\n\n".join(parts)


def local_now() -> dt.datetime:
    return dt.datetime.now(LOCAL)


@pytest.fixture(params=["today", "eve-of-dst"])
def journey_clock(request):
    """The journey runs today and again late on the Saturday before Berlin's clocks go forward.

    The second run puts the interview on a date other than today (and across midnight and a clock
    change), so nothing in the journey can rest on the wording one particular day happens to produce.
    The live server shares this process's clock; the worker and beat travel with it (tests/clock.py).
    """
    if request.param == "today":
        yield
        return
    with time_machine.travel(TRICKY_MOMENTS[request.param], tick=True):
        yield


@pytest.fixture
def reminder_pipeline(journey_clock, celery_process, smtp_sink, site_url):
    """A real worker sending through the SMTP sink, and beat sweeping every second."""
    app.control.purge()
    worker = celery_process("worker", EMAIL_URL=smtp_sink.url, SITE_URL=site_url)
    celery_process("beat", SITE_URL=site_url)
    return worker


def test_a_job_seeker_records_an_interview_sends_a_thank_you_and_snoozes_the_reminder(
    journey_clock, open_browser, reminder_pipeline, smtp_sink, site_url
):
    phone = open_browser("phone")
    page = phone.page

    # Signed out: the landing page, then sign up.
    phone.visit("/", "landing")
    page.get_by_role("link", name="Create a free account").click()
    expect(page.get_by_role("heading", name="Sign Up")).to_be_visible()
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(named("Password")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    phone.check("sign-up")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    phone.check("verification-sent")

    # The verification link from the email.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [EMAIL]
    (verify_url,) = set(email_links(mail.outbox[0].body, "/accounts/confirm-email/"))
    page.goto(verify_url)
    expect(page.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    phone.check("confirm-email")
    page.get_by_role("button", name="Confirm").click()

    # The first-run step, with the time zone guessed from the browser.
    expect(page).to_have_url(re.compile(r"/welcome/"))
    expect(page.get_by_label("Your time zone")).to_have_value(TIME_ZONE)
    page.get_by_label("Your full name").fill(FULL_NAME)
    page.get_by_label("Signature (optional)").fill("+49 30 555 0100\nlinkedin.com/in/alex-morgan")
    phone.check("welcome")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Welcome, Alex")).to_be_visible()
    phone.check("dashboard-empty")

    # An interview under way (its end is ahead) with two people, the second added in the page.
    page.get_by_role("link", name="Record your first interview").click()
    expect(page.get_by_role("heading", name="Record an interview")).to_be_visible()
    now = dt.datetime.now(dt.UTC)
    page.get_by_label(named("Company")).fill(COMPANY)
    page.get_by_label(named("Role")).fill(ROLE)
    page.get_by_label(named("Round")).fill("Second round")
    page.get_by_label("On-site").check()
    page.get_by_label(named("Start")).fill(local_input(now - dt.timedelta(minutes=30)))
    page.get_by_label(named("End")).fill(local_input(now + dt.timedelta(minutes=30)))
    first = page.get_by_role("group", name="Person 1")
    first.get_by_label("Or a new person's name").fill(SENT_TO)
    first.get_by_label("Their job title").fill("Head of Analytics")
    first.get_by_label("What you discussed with them").fill(
        "how the sales dashboards are rebuilt each quarter"
    )
    page.get_by_role("button", name="Add another person").click()
    second = page.get_by_role("group", name="Person 2")
    expect(second.get_by_label("Search your contacts")).to_be_focused()
    second.get_by_label("Or a new person's name").fill(STILL_DUE)
    second.get_by_label("Their job title").fill("Senior Recruiter")
    second.get_by_label("What you discussed with them").fill("the team's move to weekly forecasting")
    page.get_by_label("Topics discussed").fill("forecasting accuracy and the quarterly sales dashboards")
    phone.check("interview-form")
    page.get_by_role("button", name="Save interview").click()

    # Still under way: no thank-you yet, and the page says when the drafts will appear, in her own time.
    expect(page.get_by_text("Interview saved.")).to_be_visible()
    interview = Interview.objects.get(user__email=EMAIL)
    assert interview.ends_at > dt.datetime.now(dt.UTC)
    end = interview.ends_at.astimezone(LOCAL)
    expect(page.locator("[data-drafts-later]")).to_contain_text(f"{end:%H:%M} on {end:%A} {end.day} {end:%B}")
    expect(page.get_by_role("link", name=f"Thank-you to {SENT_TO}")).to_have_count(0)
    assert not Letter.objects.filter(interview=interview).exists()
    phone.check("interview-detail-before-end")
    page.goto("/")
    # Nothing is due yet: the interview is still under way.
    to_send = page.locator("section", has=page.get_by_role("heading", name="To send"))
    expect(to_send).to_contain_text("Nothing to send right now")
    today = page.locator("section", has=page.get_by_role("heading", name="Today"))
    expect(today).to_contain_text(f"Drafts appear when it ends, at {end:%H:%M}")
    phone.check("dashboard-with-interview")

    # It finishes early: she sets the end to now, and a thank-you draft appears for each person.
    page.goto(f"/interviews/{interview.pk}/edit/")
    page.get_by_label(named("End")).fill(local_input(dt.datetime.now(dt.UTC)))
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    for name in (SENT_TO, STILL_DUE):
        link = page.get_by_role("link", name=f"Thank-you to {name}")
        expect(link).to_be_visible()
        expect(page.get_by_role("listitem").filter(has=link).last).to_contain_text("Draft")
    assert Letter.objects.filter(interview=interview, kind="thank_you").count() == 2
    phone.check("interview-detail")
    page.goto("/")
    expect(to_send.get_by_role("link", name=f"Open draft for {SENT_TO}")).to_be_visible()
    dashboard_before = page.locator("main").inner_text()

    # Edit one draft and watch its checklist change.
    page.get_by_role("link", name=f"Thank-you to {SENT_TO}").first.click()
    expect(page.get_by_role("heading", name=f"Thank-you to {SENT_TO}")).to_be_visible()
    checklist = page.locator("#checklist")
    pay_check = checklist.locator('[data-check="no_pay_talk"]')
    expect(pay_check).to_have_attribute("data-ok", "true")
    phone.check("letter-editor")
    body = page.get_by_label(named("Letter"))
    draft = body.input_value()
    # What she and the user talked about is in her letter (in whatever words the draft puts around it).
    assert "the sales dashboards are rebuilt each quarter" in draft
    assert draft.startswith("Dear") and FULL_NAME in draft
    summary_before = checklist.locator("p").first.inner_text()
    body.fill(with_sentence(draft, "I would also like to know more about the salary."))
    expect(pay_check).to_have_attribute("data-ok", "false")
    expect(pay_check).to_contain_text("Leave out “salary”")
    expect(checklist.locator("p").first).not_to_have_text(summary_before)
    phone.check("letter-checklist-flags-pay")
    body.fill(with_sentence(draft, "I would be glad to share a short note on forecasting accuracy."))
    expect(pay_check).to_have_attribute("data-ok", "true")
    expect(checklist.locator("p").first).to_have_text(summary_before)
    final_text = body.input_value()

    # Copy it to the clipboard.
    page.get_by_role("button", name="Copy the letter").click()
    expect(page.get_by_text("Copied to the clipboard.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == final_text

    # Mark it sent (the edited text is saved with it).
    page.get_by_role("button", name="Mark sent").click()
    expect(page.get_by_role("status").filter(has_text="Marked sent on")).to_be_visible()
    letter = Letter.objects.get(interview=interview, contact__name=SENT_TO, kind="thank_you")
    assert letter.status == "sent" and letter.body.replace("\r\n", "\n") == final_text.replace("\r\n", "\n")
    phone.check("letter-sent")

    # The dashboard changes: her thank-you is sent, his is still a draft.
    page.get_by_role("link", name="Followup", exact=True).click()
    dashboard_after = page.locator("main").inner_text()
    assert dashboard_after != dashboard_before
    recent = page.locator("section", has=page.get_by_role("heading", name="Recent interviews"))

    def letter_item(name):  # the innermost list item holding the link: the letter with its badge
        return recent.get_by_role("listitem").filter(has=page.get_by_role("link", name=name)).last

    expect(letter_item(f"Thank-you to {SENT_TO}")).to_contain_text("Sent")
    expect(letter_item(f"Thank-you to {STILL_DUE}")).to_contain_text("Draft")
    phone.check("dashboard-after-sending")

    # Move the interview's end into the past: the reminder comes at once, naming only him.
    page.goto(f"/interviews/{interview.pk}/edit/")
    now = dt.datetime.now(dt.UTC)
    page.get_by_label(named("Start")).fill(local_input(now - dt.timedelta(hours=4)))
    page.get_by_label(named("End")).fill(local_input(now - dt.timedelta(hours=3)))
    phone.check("interview-edit")
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()

    received = wait_for(
        lambda: smtp_sink.messages, timeout=60, what="the reminder email", log=reminder_pipeline.log
    )
    assert len(received) == 1
    message = received[0].message
    assert message["To"] == EMAIL
    assert STILL_DUE in message["Subject"] and COMPANY in message["Subject"]
    assert SENT_TO not in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert f"To: {STILL_DUE}" in text and f"To: {SENT_TO}" not in text
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    wait_for(
        lambda: Reminder.objects.filter(pk=reminder.pk, state="sent").exists(), what="the row marked sent"
    )

    # Its snooze link: a confirm page, then snoozed.
    (snooze_a_day,) = email_links(text, "/snooze/1d/")
    assert snooze_a_day.startswith(site_url)
    page.goto(snooze_a_day)
    expect(page.get_by_role("heading", name="Remind me again in a day?")).to_be_visible()
    phone.check("snooze-confirm")
    before_snooze = local_now()
    page.get_by_role("button", name="Snooze for a day").click()
    expect(page.get_by_role("heading", name="Snoozed")).to_be_visible()
    after_snooze = local_now()
    phone.check("snoozed")
    reminder.refresh_from_db()
    assert reminder.state == "pending"
    # A day later on the user's own clock: the same local time tomorrow, even across a clock change.
    due_there = reminder.due_at.astimezone(LOCAL).replace(tzinfo=None)
    one_day = dt.timedelta(days=1)
    assert (
        before_snooze.replace(tzinfo=None) + one_day
        <= due_there
        <= after_snooze.replace(tzinfo=None) + one_day
    )
    # The link has done its work: opened again, it says so and offers nothing to press.
    page.goto(snooze_a_day)
    expect(page.get_by_role("heading", name="This link was already used")).to_be_visible()
    expect(page.get_by_role("button", name="Snooze for a day")).to_have_count(0)
    phone.check("snooze-link-used")

    # The reminders page shows it coming again tomorrow, not due now.
    page.goto("/reminders/")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Upcoming"))
    due = reminder.due_at.astimezone(LOCAL)
    expect(upcoming).to_contain_text(f"Due {due:%a} {due.day} {due:%b}, {due:%H:%M}")
    expect(upcoming).not_to_contain_text("Due now")
    phone.check("reminders-snoozed")

    # Sign out from the phone's menu.
    page.get_by_role("button", name="Show menu").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Create a free account")).to_be_visible()
    phone.check("signed-out")
    page.goto(f"/interviews/{interview.pk}/")
    expect(page.get_by_role("heading", name="Sign In")).to_be_visible()

    # Every page again, at both sizes.
    (mark_sent_url,) = email_links(text, "/sent/")
    contact = Contact.objects.get(user=interview.user, name=STILL_DUE)
    for size in ("desktop", "phone"):
        # Each snooze link works once, so each tour snoozes through the link of the newest email.
        reminder.refresh_from_db()
        token = links.make_token(links.SNOOZE, {"r": reminder.pk, "s": reminder.sequence})
        snooze_link = reverse("signed:snooze", args=[token, "1d"])
        tour(
            open_browser,
            size,
            pages=tour_pages(interview=interview, letter=letter, contact=contact),
            verify_url=verify_url,
            signed_links=[(mark_sent_url, "email-mark-sent-confirm"), (snooze_link, "email-snooze-confirm")],
        )


def tour_pages(*, interview: Interview, letter: Letter, contact: Contact) -> list[tuple[str, str]]:
    return [
        ("/", "dashboard"),
        ("/interviews/", "interviews"),
        ("/interviews/new/", "interview-new"),
        (f"/interviews/{interview.pk}/", "interview-detail"),
        (f"/interviews/{interview.pk}/edit/", "interview-edit"),
        (f"/letters/{letter.pk}/", "letter"),
        (f"/letters/{letter.pk}/print/", "letter-print"),
        ("/contacts/", "contacts"),
        (f"/contacts/{contact.pk}/", "contact-detail"),
        ("/companies/", "companies"),
        (f"/companies/{interview.company_id}/", "company-detail"),
        ("/settings/", "settings"),
        ("/reminders/", "reminders"),
    ]


def tour(open_browser, size: str, *, pages, verify_url: str, signed_links) -> None:
    """Every page of the journey and the app at one size, each screenshotted and checked with axe."""
    browsing = open_browser(size, group="every-page")
    page = browsing.page
    for path, name in [
        ("/", "landing"),
        ("/accounts/signup/", "sign-up"),
        ("/accounts/confirm-email/", "verification-sent"),
        (verify_url, "confirm-email"),
        ("/accounts/password/reset/", "password-reset"),
        ("/accounts/login/", "sign-in"),
    ]:
        browsing.visit(path, name)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label(named("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    expect(page.get_by_role("heading", name="Welcome, Alex")).to_be_visible()
    for path, name in pages:
        browsing.visit(path, name)

    # The pages behind the email's links, signed out as someone opening them from their inbox.
    browsing.context.clear_cookies()
    for url, name in signed_links:
        browsing.visit(url, name)
    page.get_by_role("button", name="Snooze for a day").click()
    expect(page.get_by_role("heading", name="Snoozed")).to_be_visible()
    browsing.check("email-snoozed")

    # A newcomer's first-run step and their empty dashboard.
    newcomer = UserFactory(onboarded_at=None, full_name="", signature="", time_zone="UTC")
    first_run = open_browser(size, session_for=newcomer, group="every-page")
    first_run.visit("/welcome/", "welcome")
    expect(first_run.page.get_by_label("Your time zone")).to_have_value(TIME_ZONE)
    first_run.page.get_by_label("Your full name").fill("Sam Rivera")
    first_run.page.get_by_role("button", name="Save and continue").click()
    expect(first_run.page.get_by_role("link", name="Record your first interview")).to_be_visible()
    first_run.check("dashboard-empty")
