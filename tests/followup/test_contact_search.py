"""The interview form's contact search: the signed-in user's matches only, a few at a time."""

import pytest
from django.test import Client

from followup.models import Contact
from followup.selectors import CONTACT_SEARCH_LIMIT
from tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db

SEARCH = "/interviews/contacts/"


def test_finds_by_name_company_title_or_email_ignoring_case(signed_in, user):
    acme = CompanyFactory(user=user, name="Acme Robotics")
    ContactFactory(
        user=user, company=acme, name="Priya Singh", title="Engineering Manager", email="p@acme.test"
    )
    ContactFactory(
        user=user,
        company=CompanyFactory(user=user, name="Globex"),
        name="Sam Lee",
        title="Recruiter",
        email="",
    )

    def names(query: str) -> str:
        return signed_in.get(SEARCH, {"q": query}).content.decode()

    assert "Priya Singh" in names("PRIYA")
    assert "Priya Singh" in names("robotics")
    assert "Priya Singh" in names("engineering manager")
    assert "Priya Singh" in names("P@ACME")
    assert "Sam Lee" not in names("acme")
    assert "Sam Lee" in names("recruit")


def test_never_shows_another_users_contacts(signed_in, user, other_user):
    ContactFactory(user=user, name="Priya Mine", company=CompanyFactory(user=user, name="Acme"))
    ContactFactory(user=other_user, name="Priya Theirs", company=CompanyFactory(user=other_user, name="Acme"))

    page = signed_in.get(SEARCH, {"q": "priya"}).content.decode()

    assert "Priya Mine" in page
    assert "Priya Theirs" not in page


def test_answers_with_a_few_matches_at_most(signed_in, user, django_assert_max_num_queries):
    company = CompanyFactory(user=user, name="Acme")
    Contact.objects.bulk_create(Contact(user=user, company=company, name=f"Alex {n:03}") for n in range(300))

    with django_assert_max_num_queries(4):
        response = signed_in.get(SEARCH, {"q": "alex"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page  # a fragment for htmx to swap in
    assert page.count("data-contact-option") == CONTACT_SEARCH_LIMIT
    assert "Alex 000" in page


def test_says_when_nothing_matches_and_nothing_for_an_empty_box(signed_in, user):
    ContactFactory(user=user, name="Priya Singh")

    nothing = signed_in.get(SEARCH, {"q": "zzz"}).content.decode()
    empty = signed_in.get(SEARCH, {"q": "   "}).content.decode()

    assert "None of your contacts matches “zzz”" in nothing
    assert "data-contact-option" not in empty + nothing


def test_asks_a_visitor_to_sign_in(user):
    ContactFactory(user=user, name="Priya Singh")

    response = Client().get(SEARCH, {"q": "priya"})

    assert response.status_code in (302, 401, 403)
    assert "Priya Singh" not in response.content.decode()
