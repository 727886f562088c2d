"""Sign up, verify, sign in and out, change and reset the password: allauth through the test client."""

import re

import pytest
from django.core import mail

from followup.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a different long passphrase 42"


def first_link(message) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_verify_sign_in_and_sign_out(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "ada@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.filter(email="ada@example.com").exists()

    # Until the address is confirmed, signing in only resends the verification email.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert "confirm" in message.subject.lower()
    confirm_url = first_link(message)

    page = client.get(confirm_url)
    assert page.status_code == 200
    assert b"Confirm" in page.content
    response = client.post(confirm_url)
    assert response.status_code == 302

    dashboard = client.get("/")
    assert dashboard.wsgi_request.user.is_authenticated

    client.post("/accounts/logout/")
    assert not client.get("/").wsgi_request.user.is_authenticated

    response = client.post("/accounts/login/", {"login": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").wsgi_request.user.email == "ada@example.com"


def test_unverified_user_cannot_sign_in(client):
    client.post(
        "/accounts/signup/", {"email": "bo@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "bo@example.com", "password": PASSWORD}, follow=True)
    assert not response.wsgi_request.user.is_authenticated
    assert b"verification" in response.content.lower() or b"confirm" in response.content.lower()


def test_wrong_password_shows_a_message_and_keeps_the_email(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert b"not correct" in response.content
    assert user.email.encode() in response.content


def test_change_password(client, user):
    client.force_login(user)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_reset_a_forgotten_password(client, user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    reset_url = first_link(mail.outbox[0])

    # allauth swaps the key in the URL for one kept in the session, then shows the form.
    page = client.get(reset_url, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else reset_url
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_repeated_failed_logins_are_rate_limited(client, user):
    for _ in range(5):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    # Even the right password is refused while the limit holds, with a message saying why.
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert not response.wsgi_request.user.is_authenticated
    assert b"Too many failed login attempts" in response.content


def test_new_users_get_the_profile_defaults(db):
    user = User.objects.create_user("cy@example.com", PASSWORD)
    assert user.time_zone == "UTC"
    assert user.thank_you_delay_minutes == 120
    assert user.follow_up_after_interview_days == 7
    assert user.follow_up_after_decision_days == 3
    assert user.second_follow_up_days == 5
    assert user.reminder_hour == 9
    assert user.reminders_enabled is True
    assert user.follow_up_digest is False
