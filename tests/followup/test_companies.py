"""Company pages and services: list, search, pagination, detail, add, edit, delete with confirmation."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup import signals
from followup.models import Company, Contact, Interview, Participant
from followup.services.companies import (
    company_create,
    company_delete,
    company_deletion_summary,
    company_get_or_create,
    company_update,
)
from tests.factories import CompanyFactory, ContactFactory, InterviewFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def announce_recorded(interview):
    signals.interview_changed.send(
        sender=Interview, interview=interview, created=True, changes={"people", "times", "details"}
    )


def page_text(response) -> str:
    return html.unescape(response.content.decode())


# --- list, search, pagination ----------------------------------------------------------------------


def test_empty_list_says_what_to_do_next(signed_in):
    response = signed_in.get("/companies/")
    assert response.status_code == 200
    assert "No companies yet" in page_text(response)
    assert 'href="/companies/new/"' in response.content.decode()


def test_list_shows_only_my_companies_with_counts(signed_in, user, other_user):
    mine = CompanyFactory(user=user, name="Northwind")
    ContactFactory(user=user, company=mine)
    ContactFactory(user=user, company=mine)
    InterviewFactory(user=user, company=mine)
    CompanyFactory(user=other_user, name="Someone Else's Co")

    text = page_text(signed_in.get("/companies/"))
    assert "Northwind" in text
    assert "2 contacts" in text
    assert "1 interview" in text
    assert "Someone Else's Co" not in text


def test_search_matches_name_and_website_ignoring_case(signed_in, user):
    CompanyFactory(user=user, name="Kestrel & Finch")
    CompanyFactory(user=user, name="Orbital", website="https://orbital-freight.example")
    CompanyFactory(user=user, name="Bellweather")

    text = page_text(signed_in.get("/companies/", {"q": "kestrel"}))
    assert "Kestrel & Finch" in text and "Bellweather" not in text

    text = page_text(signed_in.get("/companies/", {"q": "FREIGHT"}))
    assert "Orbital" in text and "Kestrel" not in text

    text = page_text(signed_in.get("/companies/", {"q": "nothing like it"}))
    assert "No company matches “nothing like it”" in text


def test_list_is_paginated_by_25_and_pages_keep_the_search(signed_in, user):
    Company.objects.bulk_create(Company(user=user, name=f"Match {n:02d}") for n in range(30))
    CompanyFactory(user=user, name="Other")

    first = signed_in.get("/companies/", {"q": "match"})
    body = first.content.decode()
    assert body.count('class="fw-semibold text-break" href="/companies/') == 25
    assert 'aria-label="Pages"' in body
    assert "?q=match&amp;page=2" in body

    second = signed_in.get("/companies/", {"q": "match", "page": 2})
    assert second.content.decode().count('class="fw-semibold text-break" href="/companies/') == 5
    assert "Page 2 of 2" in page_text(second)

    # A page past the end or not a number shows a page instead of an error.
    assert signed_in.get("/companies/", {"q": "match", "page": 99}).status_code == 200
    assert signed_in.get("/companies/", {"page": "x"}).status_code == 200


@pytest.mark.parametrize("rows", [5, 500])
def test_list_runs_the_same_queries_for_5_or_500_companies(
    signed_in, user, rows, django_assert_max_num_queries
):
    companies = Company.objects.bulk_create(Company(user=user, name=f"Company {n:03d}") for n in range(rows))
    Contact.objects.bulk_create(Contact(user=user, company=c, name="Person") for c in companies)
    with django_assert_max_num_queries(5):
        response = signed_in.get("/companies/")
    assert response.status_code == 200


def test_query_count_does_not_grow_with_rows(signed_in, user):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            signed_in.get("/companies/")
        return len(queries)

    Company.objects.bulk_create(Company(user=user, name=f"A {n}") for n in range(5))
    few = count_queries()
    Company.objects.bulk_create(Company(user=user, name=f"B {n}") for n in range(300))
    assert count_queries() == few


# --- detail -----------------------------------------------------------------------------------------


def test_detail_ties_together_contacts_and_interviews(signed_in, user):
    company = CompanyFactory(user=user, name="Northwind", website="https://northwind.example")
    priya = ContactFactory(user=user, company=company, name="Priya Raman", honorific="Dr.")
    interview = InterviewFactory(user=user, company=company, role="Platform Engineer")
    ParticipantFactory(interview=interview, contact=priya)

    response = signed_in.get(f"/companies/{company.pk}/")
    text = page_text(response)
    assert response.status_code == 200
    assert text.count("<h1") == 1
    assert "Dr. Priya Raman" in text
    assert f'href="/contacts/{priya.pk}/"' in text
    assert "Platform Engineer" in text
    assert f'href="/interviews/{interview.pk}/"' in text
    assert "Awaiting reply" in text  # the interview ended three hours ago
    assert f"/contacts/new/?company={company.pk}" in text


def test_detail_of_an_empty_company_offers_next_steps(signed_in, user):
    company = CompanyFactory(user=user)
    text = page_text(signed_in.get(f"/companies/{company.pk}/"))
    assert "Nobody recorded here yet" in text
    assert "Record an interview" in text


def test_another_users_company_is_404_everywhere(signed_in, other_user):
    theirs = CompanyFactory(user=other_user)
    for path in ("", "edit/", "delete/"):
        assert signed_in.get(f"/companies/{theirs.pk}/{path}").status_code == 404
    assert signed_in.post(f"/companies/{theirs.pk}/delete/").status_code == 404
    assert Company.objects.filter(pk=theirs.pk).exists()


# --- create and edit --------------------------------------------------------------------------------


def test_add_a_company(signed_in, user):
    response = signed_in.post(
        "/companies/new/", {"name": "Café Lumière", "website": "cafe.example", "notes": "Games studio."}
    )
    company = Company.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/companies/{company.pk}/"
    assert company.name == "Café Lumière"
    assert company.website == "https://cafe.example"
    assert "Added Café Lumière." in page_text(signed_in.get(response["Location"]))


def test_form_page_labels_every_field(signed_in):
    body = signed_in.get("/companies/new/").content.decode()
    for name in ("name", "website", "notes"):
        assert f'for="id_{name}"' in body


@pytest.mark.parametrize("typed", ["northwind", "NORTHWIND", "Northwind"])
def test_duplicate_name_ignoring_case_is_a_field_error_that_keeps_the_input(signed_in, user, typed):
    CompanyFactory(user=user, name="Northwind")
    response = signed_in.post("/companies/new/", {"name": typed, "notes": "keep me"})
    assert response.status_code == 200
    text = page_text(response)
    assert f"You already have a company called “{typed}”" in text
    assert "keep me" in text
    assert response.context["form"].errors["name"]
    assert Company.objects.filter(user=user).count() == 1


def test_the_same_name_is_fine_for_another_user(signed_in, user, other_user):
    CompanyFactory(user=other_user, name="Northwind")
    assert signed_in.post("/companies/new/", {"name": "northwind"}).status_code == 302


def test_bad_input_is_a_field_error_not_a_crash(signed_in, user):
    response = signed_in.post("/companies/new/", {"name": "", "website": "not a url at all"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "name" in errors and "website" in errors


def test_edit_a_company_and_change_only_the_case_of_its_name(signed_in, user):
    company = CompanyFactory(user=user, name="northwind")
    response = signed_in.post(
        f"/companies/{company.pk}/edit/", {"name": "Northwind", "website": "", "notes": ""}
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Northwind"


def test_renaming_onto_another_company_is_refused(signed_in, user):
    CompanyFactory(user=user, name="Northwind")
    company = CompanyFactory(user=user, name="Bellweather")
    response = signed_in.post(f"/companies/{company.pk}/edit/", {"name": "NORTHWIND", "notes": ""})
    assert response.status_code == 200
    assert "already have a company" in page_text(response)
    assert "Edit Bellweather" in page_text(response)  # the heading shows the stored name
    company.refresh_from_db()
    assert company.name == "Bellweather"


def test_unicode_html_and_long_notes_round_trip_and_are_escaped(signed_in, user):
    notes = "Ünïcødé 🚀 O'Brien & Sons <script>alert(1)</script>\n" + "x" * 1000
    name = "<b>Zoë's</b> Café 🎉"
    signed_in.post("/companies/new/", {"name": name, "notes": notes})
    company = Company.objects.get(user=user)
    assert company.name == name
    assert company.notes == notes.replace("\n", "\r\n") or company.notes == notes

    for path in (f"/companies/{company.pk}/", "/companies/", f"/companies/{company.pk}/edit/"):
        body = signed_in.get(path).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "<b>Zoë" not in body
        assert "&lt;b&gt;Zoë&#x27;s&lt;/b&gt; Café 🎉" in body


# --- delete -----------------------------------------------------------------------------------------


def test_delete_asks_first_and_says_what_goes(signed_in, user):
    company = CompanyFactory(user=user, name="Northwind")
    contacts = [ContactFactory(user=user, company=company) for _ in range(2)]
    for _ in range(3):
        interview = InterviewFactory(user=user, company=company)
        ParticipantFactory(interview=interview, contact=contacts[0])
        # As recording it in the app does: the letters and reminders apps add their rows.
        announce_recorded(interview)

    response = signed_in.get(f"/companies/{company.pk}/delete/")
    text = page_text(response)
    assert response.status_code == 200
    assert "Delete Northwind?" in text
    sentence = re.search(r"Deleting this company also deletes [^.<]*\.", text).group(0)
    assert re.fullmatch(
        r"Deleting this company also deletes 3 interviews, 2 contacts, \d+ letters? and \d+ reminders?\.",
        sentence,
    ), sentence
    assert Company.objects.filter(pk=company.pk).exists()

    response = signed_in.post(f"/companies/{company.pk}/delete/")
    assert response.status_code == 302
    assert response["Location"] == "/companies/"
    assert not Company.objects.filter(pk=company.pk).exists()
    assert not Contact.objects.filter(user=user).exists()
    assert not Interview.objects.filter(user=user).exists()
    assert not Participant.objects.filter(interview__user=user).exists()
    assert "Deleted Northwind." in page_text(signed_in.get("/companies/"))


def test_deleting_an_empty_company_says_nothing_else_goes(signed_in, user):
    company = CompanyFactory(user=user)
    text = page_text(signed_in.get(f"/companies/{company.pk}/delete/"))
    assert "Nothing else is deleted" in text


def test_deletion_summary_counts_rows_of_other_apps_without_knowing_them(user):
    company = CompanyFactory(user=user)
    interview = InterviewFactory(user=user, company=company)
    ParticipantFactory(interview=interview)
    # Whatever the letters and reminders apps hang off the interview is counted through the collector.
    summary = company_deletion_summary(company=company)
    assert summary.count(Interview) == 1
    assert summary.count(Contact) == 1
    assert summary.parts()[:2] == ["1 interview", "1 contact"]
    company_delete(company=company)
    assert not Interview.objects.filter(pk=interview.pk).exists()


# --- services ---------------------------------------------------------------------------------------


def test_company_create_turns_a_lost_race_into_a_field_error(user):
    company_create(user=user, name="Acme")
    with pytest.raises(ValidationError) as caught:
        company_create(user=user, name="ACME")
    assert "name" in caught.value.message_dict
    assert Company.objects.filter(user=user).count() == 1


def test_company_get_or_create_reuses_a_name_ignoring_case(user):
    acme = company_create(user=user, name="Acme")
    assert company_get_or_create(user=user, name="aCME") == acme
    assert company_get_or_create(user=user, name="Beta").name == "Beta"


def test_renaming_announces_a_detail_change_for_each_interview(user):
    company = CompanyFactory(user=user, name="Acme")
    interview = InterviewFactory(user=user, company=company)
    received = []

    def listener(sender, interview, created, changes, **kwargs):
        received.append((interview.pk, created, changes))

    signals.interview_changed.connect(listener)
    try:
        assert company_update(company=company, name="Acme", website="", notes="new") == {"notes"}
        assert received == []
        assert company_update(company=company, name="Acme Corp", website="", notes="new") == {"name"}
    finally:
        signals.interview_changed.disconnect(listener)
    assert received == [(interview.pk, False, {"details"})]
