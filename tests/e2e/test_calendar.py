"""A calendar invite on the phone-sized form: chosen or dropped, checked, saved; and the feed's address
on the settings page."""

import pathlib

import pytest
from playwright.sync_api import expect

from followup.models import Interview
from followup.services.calendar import calendar_token_renew
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

INVITES = pathlib.Path(__file__).parents[1] / "followup" / "invites"


def test_an_interview_from_an_invite_file_in_three_taps(open_browser, tmp_path):
    user = UserFactory(time_zone="Europe/Berlin", email="jordan.seeker@gmail.com")
    phone = open_browser("phone", session_for=user)
    page = phone.page
    page.goto("/interviews/new/")
    phone.check("invite-form")

    # 1. Choose the file the invitation came with; 2. have it read.
    page.get_by_label("Invite file").set_input_files(str(INVITES / "google.ics"))
    page.get_by_role("button", name="Fill in from invite").click()

    expect(page.get_by_text("Filled in from the invite")).to_be_visible()
    expect(page.get_by_label("Company", exact=False).first).to_have_value("Acme Robotics")
    expect(page.get_by_label("Role", exact=False).first).to_have_value("Senior Backend Engineer")
    expect(page.get_by_label("Round", exact=False).first).to_have_value("Final round")
    expect(page.get_by_label("Start", exact=False).first).to_have_value("2026-03-10T16:00")
    expect(page.get_by_label("Location or link")).to_have_value("https://meet.google.com/abc-defg-hij")
    expect(page.get_by_role("group", name="Person 1").get_by_label("Or a new person's name")).to_have_value(
        "Priya Singh"
    )
    expect(page.get_by_role("group", name="Person 2").get_by_label("Or a new person's name")).to_have_value(
        "Marcus Webb"
    )
    phone.check("invite-filled")

    # 3. Save.
    page.get_by_role("button", name="Save interview", exact=True).last.click()
    expect(page.get_by_text("Interview saved.")).to_be_visible()
    phone.check("invite-saved")
    interview = Interview.objects.get(user=user)
    assert (interview.company.name, interview.role, interview.invite_uid) == (
        "Acme Robotics",
        "Senior Backend Engineer",
        "4k2m9q8v1r7t3s5p0n6l@google.com",
    )
    assert [p.contact.name for p in interview.participants.order_by("position")] == [
        "Priya Singh",
        "Marcus Webb",
    ]

    # The organizer moves the interview a day later and sends the update: it offers to move it.
    update = tmp_path / "update.ics"
    update.write_text(
        (INVITES / "google.ics")
        .read_text()
        .replace("SEQUENCE:0", "SEQUENCE:1")
        .replace("20260310T1", "20260311T1")
    )
    page.goto("/interviews/new/")
    page.get_by_label("Invite file").set_input_files(str(update))
    page.get_by_role("button", name="Fill in from invite").click()
    expect(page.get_by_role("heading", name="This invite moves your interview")).to_be_visible()
    phone.check("invite-update")
    page.get_by_role("button", name="Move to the new time").click()
    expect(page.get_by_text("Moved the interview to the updated invite's time.")).to_be_visible()
    interview.refresh_from_db()
    assert interview.starts_at.day == 11 and interview.invite_sequence == 1


def test_an_invite_dropped_on_the_form_is_read_at_once(open_browser):
    user = UserFactory(time_zone="Europe/Berlin", email="jordan@seeker.example")
    phone = open_browser("phone", session_for=user)
    page = phone.page
    page.goto("/interviews/new/")
    page.get_by_label("Role", exact=False).first.fill("typed before the drop")

    page.evaluate(
        """(text) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], "invite.ics", {type: "text/calendar"}));
            const zone = document.querySelector("[data-invite-drop]");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""",
        (INVITES / "teams.ics").read_text(),
    )

    expect(page.get_by_text("Filled in from the invite")).to_be_visible()
    expect(page.get_by_label("Role", exact=False).first).to_have_value("Data Engineer")
    expect(page.get_by_label("Company", exact=False).first).to_have_value("Fabrikam")
    phone.check("invite-dropped")


def test_a_bad_file_says_why_and_keeps_what_was_typed(open_browser, tmp_path):
    user = UserFactory(time_zone="Europe/Berlin")
    phone = open_browser("phone", session_for=user)
    page = phone.page
    page.goto("/interviews/new/")
    page.get_by_label("Company", exact=False).first.fill("Typed Co")
    not_an_invite = tmp_path / "notes.ics"
    not_an_invite.write_text("Dear Jordan, see you on Tuesday!")

    page.get_by_label("Invite file").set_input_files(str(not_an_invite))
    page.get_by_role("button", name="Fill in from invite").click()

    expect(page.get_by_role("alert")).to_contain_text("This is not a calendar invite")
    # The refusal comes as a 400 on purpose, which Chromium reports on its console: expected here.
    refused = [p for p in phone.console_problems if "status of 400" in p]
    assert len(refused) == 1
    phone.console_problems.remove(refused[0])
    expect(page.get_by_label("Company", exact=False).first).to_have_value("Typed Co")
    phone.check("invite-refused")


def test_the_feed_address_with_its_qr_code_and_copy_button(open_browser):
    user = UserFactory(time_zone="Europe/Berlin")
    calendar_token_renew(user=user)
    phone = open_browser("phone", session_for=user)
    page = phone.page
    page.goto("/settings/")
    address = page.get_by_label("Your calendar's address")
    value = address.input_value()
    assert value.startswith("webcal://") and value.endswith(f"/calendar/{user.calendar_token}.ics")
    expect(page.locator(".calendar-qr svg")).to_be_visible()

    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied to the clipboard.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == address.input_value()
    address.scroll_into_view_if_needed()
    phone.check("settings-calendar")
