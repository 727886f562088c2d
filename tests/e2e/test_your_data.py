"""Bringing a phone's address book in on a phone-sized screen, and the data page at that size."""

import pytest
from playwright.sync_api import expect

from followup.models import Contact
from tests.factories import UserFactory
from tests.portability.helpers import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


def test_importing_a_vcard_on_a_phone(open_browser):
    user = UserFactory(time_zone="Europe/Berlin")
    browsing = open_browser("phone", session_for=user)
    page = browsing.page

    page.goto("/contacts/")
    page.get_by_role("link", name="Import contacts").click()
    expect(page.get_by_role("heading", name="Import contacts")).to_be_visible()
    browsing.check("upload")

    page.get_by_label("Contacts file").set_input_files(str(FIXTURES / "apple.vcf"))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text("2 new contacts to add")
    browsing.check("preview")
    assert not Contact.objects.filter(user=user).exists()

    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Imported 2 new contacts and updated 0.")).to_be_visible()
    expect(page.get_by_role("link", name="Priya Raman")).to_be_visible()
    browsing.check("imported")
    assert sorted(Contact.objects.filter(user=user).values_list("name", flat=True)) == [
        "Priya Raman",
        "Élodie Gagnon",
    ]

    # The same file again: the preview says there is nothing new.
    page.goto("/contacts/import/")
    page.get_by_label("Contacts file").set_input_files(str(FIXTURES / "apple.vcf"))
    page.get_by_role("button", name="Read the file").click()
    expect(page.locator("#import-summary")).to_contain_text("2 already in your contacts")
    expect(page.get_by_label("Leave them as they are")).to_be_checked()
    browsing.check("preview-again")


def test_a_bad_file_says_so_on_a_phone(open_browser, tmp_path):
    user = UserFactory()
    browsing = open_browser("phone", session_for=user)
    page = browsing.page
    bad = tmp_path / "notes.txt"
    bad.write_text("Call Priya on Monday")

    page.goto("/contacts/import/")
    page.get_by_label("Contacts file").set_input_files(str(bad))
    page.get_by_role("button", name="Read the file").click()

    expect(page.get_by_text("Followup cannot read this file")).to_be_visible()
    browsing.check("bad-file")
    # The refused upload answers 400 on purpose, which the browser logs as a failed load.
    expected = [p for p in browsing.console_problems if "status of 400" in p and "/contacts/import/" in p]
    assert len(expected) == 1
    browsing.console_problems.remove(expected[0])


def test_the_data_page_on_a_phone(open_browser):
    user = UserFactory()
    browsing = open_browser("phone", session_for=user)
    page = browsing.page

    page.goto("/settings/")
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_role("heading", name="Your data", exact=True)).to_be_visible()
    browsing.check("data-page")
    page.get_by_role("button", name="Build my archive").click()
    expect(page.get_by_text("Building your archive")).to_be_visible()
    browsing.check("building")
