"""Where a form goes back to afterwards (`next`): only a path on this site; anything else falls back."""

import pytest

from followup.models import Interview
from followup.redirects import safe_next_path
from tests.conftest import PASSWORD
from tests.factories import InterviewFactory, UserFactory

pytestmark = pytest.mark.django_db

NOT_PATHS = [
    "abc",
    "interviews:list",
    "home",
    "\x00",
    "/\x00/",
    "/interviews/\x00",
    "😀",
    "/😀\n",
    "/a\r\nSet-Cookie: x=1",
    "//evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /",
    "/" + "a" * 5000,
]


@pytest.mark.parametrize("target", NOT_PATHS)
def test_the_status_buttons_fall_back_to_the_interview_for_anything_but_a_path(signed_in, user, target):
    interview = InterviewFactory(user=user)
    response = signed_in.post(f"/interviews/{interview.pk}/status/", {"status": "offer", "next": target})
    assert response.status_code == 302
    assert response["Location"] == f"/interviews/{interview.pk}/"
    interview.refresh_from_db()
    assert interview.status == Interview.Status.OFFER


@pytest.mark.parametrize("target", ["/", "/?page=2", "/interviews/?status=offer&q=acme", "/caf%C3%A9/"])
def test_a_path_on_this_site_is_where_the_status_buttons_go_back_to(signed_in, user, target):
    interview = InterviewFactory(user=user)
    response = signed_in.post(f"/interviews/{interview.pk}/status/", {"status": "offer", "next": target})
    assert response["Location"] == target


@pytest.mark.parametrize("target", NOT_PATHS)
def test_the_first_run_step_falls_back_to_the_dashboard(client, target):
    newcomer = UserFactory(full_name="", onboarded_at=None)
    client.force_login(newcomer)
    page = client.get("/welcome/", {"next": target})
    assert page.status_code == 200
    data = {"full_name": "Ada Lovelace", "time_zone": "Europe/London", "signature": "", "next": target}
    response = client.post("/welcome/", data)
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("target", NOT_PATHS)
def test_sign_in_and_out_never_fail_on_a_strange_next(client, target):
    user = UserFactory()
    assert client.get("/accounts/login/", {"next": target}).status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert not response["Location"].startswith(("//", "http", "javascript"))
    assert client.post("/accounts/logout/", {"next": target}).status_code == 302


def test_safe_next_path_keeps_a_same_site_path_and_percent_encodes_it():
    assert safe_next_path("/café/?q=ü", fallback="/") == "/caf%C3%A9/?q=%C3%BC"
    assert safe_next_path("/interviews/3/", fallback="/") == "/interviews/3/"
    assert safe_next_path(None, fallback="/x/") == "/x/"
    assert safe_next_path(["/"], fallback="/x/") == "/x/"
