"""The first-run step: new users give their name, time zone and signature before anything else."""

import html
import re

import pytest
from django.core import mail

from followup import signals
from followup.models import User
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def newcomer(client):
    user = UserFactory(full_name="", signature="", onboarded_at=None)
    client.force_login(user)
    return user


@pytest.mark.parametrize("path", ["/", "/companies/", "/contacts/new/", "/settings/", "/reminders/"])
def test_a_newcomer_is_sent_to_welcome_and_back(client, newcomer, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/welcome/?next={path}"


def test_the_query_string_survives_the_detour(client, newcomer):
    response = client.get("/contacts/", {"q": "priya", "role": "recruiter"})
    assert response["Location"] == "/welcome/?next=/contacts/%3Fq%3Dpriya%26role%3Drecruiter"


@pytest.mark.parametrize(
    "path",
    [
        "/welcome/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/healthz",
        "/static/js/app.js",
        "/admin/",
    ],
)
def test_account_health_static_and_admin_pages_stay_reachable(client, newcomer, path):
    response = client.get(path)
    assert not (response.status_code == 302 and response["Location"].startswith("/welcome/"))


def test_signed_links_from_emails_are_not_redirected(client, newcomer):
    response = client.get("/r/anything/")
    assert not (response.status_code == 302 and response.get("Location", "").startswith("/welcome/"))


def test_a_newcomer_can_sign_out(client, newcomer):
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_a_post_elsewhere_goes_to_welcome_without_a_next(client, newcomer):
    response = client.post("/companies/new/", {"name": "Acme"})
    assert response["Location"] == "/welcome/"


def test_htmx_requests_are_told_to_load_the_whole_page(client, newcomer):
    response = client.get("/companies/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/welcome/?next=/companies/"


def test_signed_out_visitors_are_not_affected(client):
    assert client.get("/").status_code == 200
    assert client.get("/companies/")["Location"].startswith("/accounts/login/")


def test_onboarded_users_are_not_redirected(signed_in):
    assert signed_in.get("/companies/").status_code == 200


def test_the_page_asks_three_things_and_guesses_the_time_zone(client, newcomer):
    response = client.get("/welcome/", {"next": "/companies/"})
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    for name in ("full_name", "time_zone", "signature"):
        assert f'for="id_{name}"' in body
    time_zone_input = re.search(r'<input[^>]*name="time_zone"[^>]*>', body).group(0)
    assert "data-guess-time-zone" in time_zone_input
    assert "data-user-chose" not in time_zone_input
    assert 'value="UTC"' in time_zone_input
    assert '<datalist id="time-zone-options">' in body
    assert '<input type="hidden" name="next" value="/companies/">' in body
    assert "for example" in page_text(response)  # the signature's help shows an example


def test_saving_onboards_the_user_and_returns_to_next(client, newcomer):
    received = []

    def listener(sender, user, changes, **kwargs):
        received.append(changes)

    signals.preferences_changed.connect(listener)
    try:
        response = client.post(
            "/welcome/",
            {
                "full_name": "Zoë O'Brien",
                "time_zone": "Europe/Dublin",
                "signature": "+353 1 555 0100",
                "next": "/companies/?q=acme",
            },
        )
    finally:
        signals.preferences_changed.disconnect(listener)
    assert response.status_code == 302
    assert response["Location"] == "/companies/?q=acme"
    newcomer.refresh_from_db()
    assert newcomer.onboarded_at is not None
    assert (newcomer.full_name, newcomer.time_zone, newcomer.signature) == (
        "Zoë O'Brien",
        "Europe/Dublin",
        "+353 1 555 0100",
    )
    assert received == [{"full_name", "time_zone", "signature"}]
    assert client.get("/companies/").status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_next_off_this_site_goes_home_instead(client, newcomer, target):
    response = client.post("/welcome/", {"full_name": "Ada", "time_zone": "UTC", "next": target})
    assert response["Location"] == "/"


def test_name_is_required_and_a_bad_zone_is_refused_keeping_what_was_typed(client, newcomer):
    response = client.post("/welcome/", {"full_name": "", "time_zone": "Nowhere/Land", "signature": "Sig"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"full_name", "time_zone"}
    body = response.content.decode()
    time_zone_input = re.search(r'<input[^>]*name="time_zone"[^>]*>', body).group(0)
    assert 'value="Nowhere/Land"' in time_zone_input
    assert "data-user-chose" in time_zone_input  # the page script leaves the typed zone alone
    newcomer.refresh_from_db()
    assert newcomer.onboarded_at is None


def test_sign_up_leads_to_welcome_then_to_the_dashboard(client):
    client.post(
        "/accounts/signup/", {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )
    confirm = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    client.post(confirm)
    response = client.get("/")
    assert response["Location"] == "/welcome/?next=/"
    response = client.post("/welcome/", {"full_name": "New Person", "time_zone": "Asia/Tokyo", "next": "/"})
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert User.objects.get(email="new@example.com").time_zone == "Asia/Tokyo"
