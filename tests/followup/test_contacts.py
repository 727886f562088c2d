"""Contact pages and services: list with search and filters, detail with interviews, add, edit, delete."""

import html
import re

import pytest

from followup import signals
from followup.models import Company, Contact, Interview, Participant
from followup.services.contacts import contact_deletion_summary, contact_update
from tests.factories import CompanyFactory, ContactFactory, InterviewFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def contact_data(company, **overrides) -> dict:
    data = {
        "name": "Priya Raman",
        "honorific": "Dr.",
        "title": "Director of Engineering",
        "company": company.pk if company else "",
        "new_company": "",
        "email": "priya@northwind.example",
        "phone": "+1 555 0100",
        "linkedin_url": "https://www.linkedin.com/in/priya-example",
        "role": "interviewer",
        "address_style": "formal",
        "notes": "",
    }
    data.update(overrides)
    return data


def listed_names(response) -> list[str]:
    return [contact.name for contact in response.context["contacts"]]


# --- list, search, filters, pagination ---------------------------------------------------------------


def test_empty_list_says_what_to_do_next(signed_in):
    text = page_text(signed_in.get("/contacts/"))
    assert "No contacts yet" in text
    assert 'href="/contacts/new/"' in text


def test_search_by_name_title_email_and_company(signed_in, user, other_user):
    northwind = CompanyFactory(user=user, name="Northwind")
    bell = CompanyFactory(user=user, name="Bellweather")
    ContactFactory(user=user, company=northwind, name="Priya Raman", title="Director", email="p@nw.example")
    ContactFactory(
        user=user, company=bell, name="Tomás Ortega", title="Engineering Manager", email="t@bw.example"
    )
    ContactFactory(user=other_user, name="Priya Elsewhere")

    assert listed_names(signed_in.get("/contacts/", {"q": "priya"})) == ["Priya Raman"]
    assert listed_names(signed_in.get("/contacts/", {"q": "manager"})) == ["Tomás Ortega"]
    assert listed_names(signed_in.get("/contacts/", {"q": "NW.EXAMPLE"})) == ["Priya Raman"]
    assert listed_names(signed_in.get("/contacts/", {"q": "bellweather"})) == ["Tomás Ortega"]
    response = signed_in.get("/contacts/", {"q": "zzz"})
    assert "Nobody matches this search." in page_text(response)


def test_filter_by_role_and_company(signed_in, user):
    northwind = CompanyFactory(user=user, name="Northwind")
    bell = CompanyFactory(user=user, name="Bellweather")
    ContactFactory(user=user, company=northwind, name="Ann", role="recruiter")
    ContactFactory(user=user, company=northwind, name="Bob", role="interviewer")
    ContactFactory(user=user, company=bell, name="Cy", role="recruiter")

    assert listed_names(signed_in.get("/contacts/", {"role": "recruiter"})) == ["Ann", "Cy"]
    assert listed_names(signed_in.get("/contacts/", {"company": northwind.pk})) == ["Ann", "Bob"]
    both = signed_in.get("/contacts/", {"role": "recruiter", "company": bell.pk})
    assert listed_names(both) == ["Cy"]
    assert f'<option value="{bell.pk}" selected>' in both.content.decode()


def test_a_forged_company_filter_is_ignored_and_shown_as_an_error(signed_in, user, other_user):
    ContactFactory(user=user, name="Mine")
    theirs = CompanyFactory(user=other_user)
    ContactFactory(user=other_user, company=theirs, name="Theirs")
    response = signed_in.get("/contacts/", {"company": theirs.pk, "role": "nonsense"})
    assert response.status_code == 200
    assert listed_names(response) == ["Mine"]
    assert "Choose one of your companies." in page_text(response)


def test_pagination_keeps_the_filters(signed_in, user):
    company = CompanyFactory(user=user)
    Contact.objects.bulk_create(
        Contact(user=user, company=company, name=f"Recruiter {n:02d}", role="recruiter") for n in range(27)
    )
    ContactFactory(user=user, company=company, role="lead")
    response = signed_in.get("/contacts/", {"role": "recruiter"})
    assert len(listed_names(response)) == 25
    assert "?role=recruiter&amp;page=2" in response.content.decode()
    assert len(listed_names(signed_in.get("/contacts/", {"role": "recruiter", "page": 2}))) == 2


@pytest.mark.parametrize("rows", [5, 500])
def test_list_runs_the_same_queries_for_5_or_500_contacts(
    signed_in, user, rows, django_assert_max_num_queries
):
    companies = Company.objects.bulk_create(Company(user=user, name=f"Company {n}") for n in range(3))
    contacts = Contact.objects.bulk_create(
        Contact(user=user, company=companies[n % 3], name=f"Person {n:03d}") for n in range(rows)
    )
    interview = InterviewFactory(user=user, company=companies[0])
    Participant.objects.bulk_create(
        Participant(interview=interview, contact=c) for c in contacts if c.company_id == companies[0].pk
    )
    with django_assert_max_num_queries(6):
        response = signed_in.get("/contacts/", {"q": "person"})
    assert response.status_code == 200
    assert len(response.context["contacts"]) == min(rows, 25)


# --- detail -----------------------------------------------------------------------------------------


def test_detail_lists_every_interview_with_what_was_discussed(signed_in, user):
    company = CompanyFactory(user=user, name="Northwind")
    contact = ContactFactory(
        user=user, company=company, name="Priya Raman", honorific="Dr.", role="interviewer"
    )
    first = InterviewFactory(user=user, company=company, role="Backend Engineer")
    second = InterviewFactory(user=user, company=company, role="Staff Engineer")
    ParticipantFactory(interview=first, contact=contact, discussed="Streaming billing events")
    ParticipantFactory(interview=second, contact=contact, discussed="")
    InterviewFactory(user=user, company=company, role="Not with Priya")

    response = signed_in.get(f"/contacts/{contact.pk}/")
    text = page_text(response)
    assert response.status_code == 200
    assert "Dr. Priya Raman" in text
    assert f'href="/interviews/{first.pk}/"' in text
    assert f'href="/interviews/{second.pk}/"' in text
    assert "Streaming billing events" in text
    assert "Nothing noted about what you discussed" in text
    assert "Not with Priya" not in text
    assert f'href="/companies/{company.pk}/"' in text


def test_detail_of_someone_in_no_interview_says_so(signed_in, user):
    contact = ContactFactory(user=user, name="Sam")
    assert "Sam is not in any interview yet" in page_text(signed_in.get(f"/contacts/{contact.pk}/"))


def test_another_users_contact_is_404(signed_in, other_user):
    theirs = ContactFactory(user=other_user)
    for path in ("", "edit/", "delete/"):
        assert signed_in.get(f"/contacts/{theirs.pk}/{path}").status_code == 404
    assert signed_in.post(f"/contacts/{theirs.pk}/delete/").status_code == 404
    assert Contact.objects.filter(pk=theirs.pk).exists()


# --- create and edit --------------------------------------------------------------------------------


def test_add_a_contact(signed_in, user):
    company = CompanyFactory(user=user)
    response = signed_in.post("/contacts/new/", contact_data(company, address_style="first_name"))
    contact = Contact.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/contacts/{contact.pk}/"
    assert (contact.company, contact.honorific, contact.address_style) == (company, "Dr.", "first_name")
    assert contact.linkedin_url == "https://www.linkedin.com/in/priya-example"


def test_add_a_contact_at_a_new_company(signed_in, user):
    existing = CompanyFactory(user=user, name="Northwind")
    response = signed_in.post("/contacts/new/", contact_data(None, new_company="Orbital Freight"))
    assert response.status_code == 302
    assert Contact.objects.get(user=user).company.name == "Orbital Freight"
    # A typed name that matches one of the user's companies uses it.
    signed_in.post("/contacts/new/", contact_data(None, name="Ann", new_company="NORTHWIND"))
    assert Contact.objects.get(user=user, name="Ann").company == existing
    assert Company.objects.filter(user=user).count() == 2


def test_company_is_required_one_way_or_the_other(signed_in, user):
    company = CompanyFactory(user=user)
    response = signed_in.post("/contacts/new/", contact_data(None))
    assert response.status_code == 200
    assert "Choose the company they work at" in page_text(response)
    response = signed_in.post("/contacts/new/", contact_data(company, new_company="Another"))
    assert "not both" in page_text(response)
    assert not Contact.objects.exists()


def test_a_forged_company_id_is_a_form_error(signed_in, user, other_user):
    theirs = CompanyFactory(user=other_user, name="Not Yours Inc")
    response = signed_in.post("/contacts/new/", contact_data(theirs))
    assert response.status_code == 200
    assert response.context["form"].errors["company"] == ["Choose one of your own companies from the list."]
    assert "Not Yours Inc" not in page_text(response)
    assert not Contact.objects.exists()


def test_the_form_offers_only_my_companies_and_preselects_from_the_company_page(signed_in, user, other_user):
    mine = CompanyFactory(user=user, name="Mine Ltd")
    CompanyFactory(user=other_user, name="Theirs Ltd")
    body = page_text(signed_in.get("/contacts/new/", {"company": mine.pk}))
    assert "Mine Ltd" in body and "Theirs Ltd" not in body
    assert f'<option value="{mine.pk}" selected>' in body
    for name in ("name", "honorific", "title", "company", "new_company", "email", "phone", "linkedin_url"):
        assert f'for="id_{name}"' in body


def test_bad_values_are_field_errors_and_typed_values_stay(signed_in, user):
    company = CompanyFactory(user=user)
    response = signed_in.post(
        "/contacts/new/",
        contact_data(
            company, email="not an email", linkedin_url="javascript:alert(1)", role="boss", notes="kept"
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"email", "linkedin_url", "role"} <= set(errors)
    assert "kept" in page_text(response)


def test_edit_a_contact(signed_in, user):
    company = CompanyFactory(user=user)
    other_company = CompanyFactory(user=user)
    contact = ContactFactory(user=user, company=company, name="Priya")
    response = signed_in.post(
        f"/contacts/{contact.pk}/edit/", contact_data(other_company, name="Priya Raman", honorific="Prof.")
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.honorific, contact.company) == ("Priya Raman", "Prof.", other_company)


def test_editing_what_letters_use_announces_it_for_each_interview(user):
    contact = ContactFactory(user=user)
    interview = InterviewFactory(user=user, company=contact.company)
    ParticipantFactory(interview=interview, contact=contact)
    received = []

    def listener(sender, interview, created, changes, **kwargs):
        received.append((interview.pk, changes))

    signals.interview_changed.connect(listener)
    try:
        assert contact_update(contact=contact, data={"notes": "met at a meetup"}) == {"notes"}
        assert received == []
        assert contact_update(contact=contact, data={"honorific": "Dr.", "notes": "met at a meetup"}) == {
            "honorific"
        }
    finally:
        signals.interview_changed.disconnect(listener)
    assert received == [(interview.pk, {"details"})]


def test_unicode_html_and_long_notes_round_trip_and_are_escaped(signed_in, user):
    company = CompanyFactory(user=user)
    notes = "Ünïcødé 🚀 <img src=x onerror=alert(1)> " + "é" * 1000
    signed_in.post(
        "/contacts/new/",
        contact_data(company, name="Aoife O'Connell-Nakamura 🌸", title="<i>Lead</i>", notes=notes),
    )
    contact = Contact.objects.get(user=user)
    assert contact.name == "Aoife O'Connell-Nakamura 🌸"
    assert contact.notes == notes
    for path in (f"/contacts/{contact.pk}/", "/contacts/", f"/contacts/{contact.pk}/edit/"):
        body = signed_in.get(path).content.decode()
        assert "<img src=x" not in body
        assert "<i>Lead</i>" not in body
        assert "Aoife O&#x27;Connell-Nakamura 🌸" in body


# --- delete -----------------------------------------------------------------------------------------


def test_delete_says_which_interviews_lose_them_and_asks_first(signed_in, user):
    contact = ContactFactory(user=user, name="Priya Raman")
    other = ContactFactory(user=user, company=contact.company)
    interviews = [InterviewFactory(user=user, company=contact.company) for _ in range(3)]
    for interview in interviews:
        ParticipantFactory(interview=interview, contact=contact)
        ParticipantFactory(interview=interview, contact=other)
        signals.interview_changed.send(
            sender=Interview, interview=interview, created=True, changes={"people", "times"}
        )

    text = page_text(signed_in.get(f"/contacts/{contact.pk}/delete/"))
    assert "Delete Priya Raman?" in text
    assert "Priya Raman is removed from 3 interviews; the interviews themselves stay." in text
    # Their letters go with them (how many depends on the letters app: at least the thank-you drafts).
    assert re.search(r"Deleting them also deletes \d+ letters?\.", text), text
    assert Contact.objects.filter(pk=contact.pk).exists()

    response = signed_in.post(f"/contacts/{contact.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/contacts/"
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert Interview.objects.filter(user=user).count() == 3
    assert Participant.objects.filter(contact=other).count() == 3


def test_deletion_summary_of_a_contact_in_no_interview(user):
    contact = ContactFactory(user=user, name="Sam")
    assert contact_deletion_summary(contact=contact).sentences == [
        "Sam is not in any interview, so nothing else changes."
    ]


def test_deleting_a_contact_announces_the_change_of_people(signed_in, user):
    contact = ContactFactory(user=user)
    interview = InterviewFactory(user=user, company=contact.company)
    ParticipantFactory(interview=interview, contact=contact)
    received = []

    def listener(sender, interview, created, changes, **kwargs):
        received.append((interview.pk, changes))

    signals.interview_changed.connect(listener)
    try:
        signed_in.post(f"/contacts/{contact.pk}/delete/")
    finally:
        signals.interview_changed.disconnect(listener)
    assert received == [(interview.pk, {"people"})]
