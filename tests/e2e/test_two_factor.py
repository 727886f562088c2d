"""Passkeys on a phone and a desktop: added from the settings page, then used to sign in and as the
second factor.

Chromium's virtual authenticator (DevTools protocol, WebAuthn domain) stands in for the phone's own.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def add_virtual_authenticator(browsing) -> None:
    cdp = browsing.context.new_cdp_session(browsing.page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def press(page, locator) -> None:
    """Activates a control the way a keyboard user does."""
    locator.focus()
    page.keyboard.press("Enter")


def sign_in_with_password(phone, email: str) -> None:
    page = phone.page
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    press(page, page.get_by_role("button", name="Sign In", exact=True))


def sign_out(phone) -> None:
    page = phone.page
    page.goto("/settings/")
    menu = page.get_by_role("button", name="Show menu")
    if menu.is_visible():  # folded away on a phone, always open on a desktop
        menu.click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Sign in")).to_be_visible()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_passkey_is_added_from_settings_and_signs_in(open_browser, size):
    user = UserFactory(full_name="Priya Natarajan")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    phone = open_browser(size)
    page = phone.page
    add_virtual_authenticator(phone)

    sign_in_with_password(phone, user.email)
    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/settings/")
    phone.check("settings-two-factor-off")
    press(page, page.get_by_role("link", name="Set up two-factor sign-in"))
    expect(page).to_have_url(re.compile("/accounts/2fa/$"))
    phone.check("two-factor-overview")

    press(page, page.get_by_role("link", name="Add a passkey"))
    # Adding a way in asks for the password again first.
    expect(page).to_have_url(re.compile("/accounts/reauthenticate/"))
    phone.check("confirm-password")
    page.get_by_label("Password").fill(PASSWORD)
    press(page, page.get_by_role("button", name="Confirm"))

    expect(page).to_have_url(re.compile("/accounts/2fa/webauthn/add/"))
    phone.check("add-passkey")
    page.get_by_label("Name").fill("My phone")
    page.get_by_label("Also sign in with it alone, without the password").check()
    press(page, page.get_by_role("button", name="Add"))
    # The first way in also brings recovery codes, shown once they exist.
    expect(page).to_have_url(re.compile("/accounts/2fa/recovery-codes/"))
    phone.check("recovery-codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.WEBAUTHN).count() == 1
    page.goto("/accounts/2fa/webauthn/")
    expect(page.get_by_text("My phone")).to_be_visible()
    phone.check("passkeys")
    page.goto("/accounts/2fa/totp/activate/")
    expect(page.get_by_role("img")).to_be_visible()
    phone.check("authenticator-app-setup")

    page.goto("/settings/")
    expect(page.get_by_text("On: signing in asks for a passkey")).to_be_visible()
    sign_out(phone)

    # A passkey alone signs in: no email, no password.
    page.goto("/accounts/login/")
    phone.check("sign-in-with-passkey-offered")
    press(page, page.get_by_role("button", name="Sign in with a passkey"))
    expect(page.get_by_text("Successfully signed in as Priya Natarajan")).to_be_visible()
    phone.check("signed-in-by-passkey")
    sign_out(phone)

    # The password is not enough on its own: the passkey is asked for as the second factor.
    sign_in_with_password(phone, user.email)
    expect(page).to_have_url(re.compile("/accounts/2fa/authenticate/"))
    phone.check("second-factor")
    press(page, page.get_by_role("button", name="Use a passkey"))
    expect(page.get_by_text("Successfully signed in as Priya Natarajan")).to_be_visible()
    page.goto("/interviews/")
    expect(page).to_have_url(re.compile("/interviews/$"))
