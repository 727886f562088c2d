"""Failed sign-ins are throttled per client address, behind trusted proxies too, and on /admin/ as well."""

import pytest
from allauth.account.models import EmailAddress

from followup.client_address import client_address
from tests.conftest import PASSWORD
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMITED = b"Too many failed login attempts"
# allauth allows ten failed sign-ins a minute from one address (and five per account).
PER_ADDRESS = 10


def fail_from(client, forwarded_for: str, count: int, *, start: int = 0) -> None:
    # A different unknown account each time, so only the per-address limit can be the one that bites.
    for n in range(start, start + count):
        client.post(
            "/accounts/login/",
            {"login": f"nobody{n}@example.com", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def attempt_from(client, forwarded_for: str):
    return client.post(
        "/accounts/login/",
        {"login": "someone-new@example.com", "password": "wrong"},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(PER_ADDRESS):
        fail_from(client, f"203.0.113.{n}", 1, start=n)
    response = attempt_from(client, "198.51.100.77")
    assert LIMITED in response.content


def test_behind_one_trusted_proxy_each_client_has_its_own_limit(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The proxy appends the address it saw; whatever the client put before it is ignored.
    fail_from(client, "10.9.9.9, 203.0.113.5", PER_ADDRESS)
    assert LIMITED in attempt_from(client, "198.51.100.1, 203.0.113.5").content
    other = attempt_from(client, "203.0.113.6")
    assert other.status_code == 200
    assert LIMITED not in other.content
    assert b"not correct" in other.content


def test_client_address_takes_the_entry_the_outermost_trusted_proxy_wrote():
    header = "1.1.1.1, 203.0.113.5, 10.0.0.2"
    assert client_address(remote_addr="10.0.0.3", forwarded_for=header, trusted_proxies=0) == "10.0.0.3"
    assert client_address(remote_addr="10.0.0.3", forwarded_for=header, trusted_proxies=1) == "10.0.0.2"
    assert client_address(remote_addr="10.0.0.3", forwarded_for=header, trusted_proxies=2) == "203.0.113.5"
    assert client_address(remote_addr="10.0.0.3", forwarded_for="", trusted_proxies=1) == "10.0.0.3"
    assert client_address(remote_addr="10.0.0.3", forwarded_for="junk", trusted_proxies=1) == "10.0.0.3"


@pytest.fixture
def staff(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_admin_sign_in_cannot_be_brute_forced(client, staff):
    for _ in range(25):
        client.post("/admin/login/", {"username": staff.email, "password": "wrong", "next": "/admin/"})
    response = client.post(
        "/admin/login/", {"username": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert not response.wsgi_request.user.is_authenticated
    assert client.get("/admin/").status_code == 302


def test_admin_sign_in_goes_through_the_throttled_sign_in_page(client, staff):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    for _ in range(5):
        client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": "wrong"})
    refused = client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert LIMITED in refused.content
    assert client.get("/admin/").status_code == 302


def test_staff_reach_the_admin_after_signing_in_through_the_main_page(client, staff):
    response = client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_user_who_is_not_staff_is_refused_the_admin_sign_in(signed_in):
    assert signed_in.get("/admin/login/").status_code == 403
