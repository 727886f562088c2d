"""Two-factor sign-in with an authenticator app and recovery codes, through the real allauth pages."""

import base64
import datetime as dt
import hashlib
import hmac
import re
import struct

import pytest
import time_machine
from allauth.account.models import EmailAddress

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)
LIMITED = b"Too many failed login attempts"


def totp_code(secret: str, at: dt.datetime) -> str:
    """RFC 6238 with the usual parameters (SHA-1, 30 s, 6 digits), as an authenticator app computes it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int(at.timestamp()) // 30
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@pytest.fixture
def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in_with_password(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def turn_on_authenticator(client, user, clock) -> tuple[str, list[str]]:
    """Signs in, activates an authenticator app from the settings page, and returns its secret and codes."""
    assert sign_in_with_password(client, user).status_code == 302
    settings_page = client.get("/settings/").content.decode()
    assert "Set up two-factor sign-in" in settings_page
    assert 'href="/accounts/2fa/"' in settings_page

    # Turning it on asks for the password again first.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert client.post(response["Location"], {"password": PASSWORD}).status_code == 302

    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', page).group(1)
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret, clock.now)})
    assert response.status_code == 302

    codes_page = client.get("/accounts/2fa/recovery-codes/").content.decode()
    codes = re.findall(r"\b(\d{8})\b", codes_page)
    assert len(codes) == 10
    client.post("/accounts/logout/")
    return secret, codes


class Clock:
    def __init__(self, traveller):
        self.traveller = traveller
        self.now = START

    def advance(self, seconds: int) -> None:
        self.now += dt.timedelta(seconds=seconds)
        self.traveller.move_to(self.now)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield Clock(traveller)


def test_an_authenticator_code_is_asked_for_after_the_password(client, verified, clock):
    secret, _ = turn_on_authenticator(client, verified, clock)
    clock.advance(30)

    response = sign_in_with_password(client, verified)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # The password alone does not sign in.
    assert client.get("/interviews/").status_code == 302

    page = client.get("/accounts/2fa/authenticate/")
    assert b"authenticator" in page.content.lower()
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert b"Incorrect code" in wrong.content

    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, clock.now)})
    assert done.status_code == 302
    assert client.get("/interviews/").status_code == 200
    assert b"On: signing in asks for a code from your authenticator app" in client.get("/settings/").content


def test_a_code_cannot_be_used_twice(client, verified, clock):
    secret, _ = turn_on_authenticator(client, verified, clock)
    clock.advance(30)
    code = totp_code(secret, clock.now)
    sign_in_with_password(client, verified)
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")

    sign_in_with_password(client, verified)
    again = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert again.status_code == 200
    assert client.get("/interviews/").status_code == 302


def test_wrong_codes_are_rate_limited_like_passwords(client, verified, clock):
    secret, _ = turn_on_authenticator(client, verified, clock)
    clock.advance(30)
    sign_in_with_password(client, verified)
    for n in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": f"12345{n}"})
    # Even the right code is refused while the limit holds, with a message saying why.
    refused = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, clock.now)})
    assert refused.status_code == 200
    assert LIMITED in refused.content
    assert client.get("/interviews/").status_code == 302


def test_a_recovery_code_signs_in_once(client, verified, clock):
    _, codes = turn_on_authenticator(client, verified, clock)
    sign_in_with_password(client, verified)
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert client.get("/interviews/").status_code == 200
    assert b"There are 9 out of 10 recovery codes" in client.get("/accounts/2fa/").content
    client.post("/accounts/logout/")

    sign_in_with_password(client, verified)
    reused = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert reused.status_code == 200
    assert client.get("/interviews/").status_code == 302
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[1]}).status_code == 302


def test_the_admin_asks_for_the_second_factor_too(client, verified, clock):
    verified.is_staff = verified.is_superuser = True
    verified.save()
    secret, _ = turn_on_authenticator(client, verified, clock)
    clock.advance(30)
    response = client.post("/accounts/login/?next=/admin/", {"login": verified.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, clock.now)})
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_passkey_name_longer_than_the_limit_is_refused_with_a_message(client, verified):
    sign_in_with_password(client, verified)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/webauthn/add/")
    assert b'maxlength="60"' in page.content
    response = client.post("/accounts/2fa/webauthn/add/", {"name": "x" * 61, "credential": "{}"})
    assert response.status_code == 200
    assert b"at most 60 characters" in response.content


def test_the_second_step_offers_only_what_the_user_has(client, verified, clock):
    turn_on_authenticator(client, verified, clock)
    sign_in_with_password(client, verified)
    page = client.get("/accounts/2fa/authenticate/").content.decode()
    assert "six-digit code from your authenticator app" in page
    assert "Use a passkey" not in page
