"""Which pages a signed-out visitor may open, and where the rest send them."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"])
def test_public_pages_answer_signed_out(client, path):
    assert client.get(path).status_code == 200


def test_landing_page_says_what_followup_does(client):
    page = client.get("/").content.decode()
    assert "thank-you" in page
    assert "/accounts/signup/" in page
    assert "/accounts/login/" in page


@pytest.mark.parametrize(
    "path", ["/interviews/", "/contacts/new/", "/settings/", "/reminders/", "/letters/1/"]
)
def test_other_pages_send_signed_out_visitors_to_sign_in_and_back(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


def test_pages_carry_a_content_security_policy_without_inline_script(client):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
