"""Two tabs on one row: a save made from a page older than the stored row is refused, never lost."""

import pytest

from followup.models import Interview
from tests.factories import CompanyFactory, ContactFactory, interview_form_data
from tests.followup.test_interview_form import field_value, textarea_text

pytestmark = pytest.mark.django_db

STALE = "changed in another tab or window"


def _people_rows(interview) -> list[dict]:
    return [
        {"contact": p.contact_id, "discussed": p.discussed}
        for p in interview.participants.order_by("position")
    ]


@pytest.fixture
def interview(signed_in, user):
    # Recorded through the form, so a form posted with the same defaults changes nothing but what a test
    # changes on purpose.
    data = interview_form_data(people=[{"name": "Priya Singh", "discussed": "the billing rewrite"}])
    assert signed_in.post("/interviews/new/", data).status_code == 302
    return Interview.objects.get(user=user)


def _form(interview, **fields) -> dict:
    people = fields.pop("people", _people_rows(interview))
    fields = {"company_name": interview.company.name, "role": interview.role, **fields}
    return interview_form_data(people=people, initial_people=len(people), **fields)


def test_adding_a_person_in_one_tab_makes_the_other_tabs_save_a_conflict(signed_in, interview):
    url = f"/interviews/{interview.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "saved_version")
    stale_people = _people_rows(interview)

    # Tab 1 adds Sam.
    first = _form(interview, saved_version=opened, people=[*stale_people, {"name": "Sam Lee"}])
    assert signed_in.post(url, first).status_code == 302

    # Tab 2, opened before, saves a notes change with the people as it saw them.
    second = _form(interview, saved_version=opened, people=stale_people, notes="Bring the portfolio.")
    response = signed_in.post(url, second)
    page = response.content.decode()
    assert response.status_code == 409
    assert STALE in page
    assert textarea_text(page, "notes").strip() == "Bring the portfolio."
    names = set(interview.participants.values_list("contact__name", flat=True))
    assert names == {"Priya Singh", "Sam Lee"}
    interview.refresh_from_db()
    assert interview.notes == ""


def test_a_changed_discussed_note_moves_the_version(signed_in, interview):
    url = f"/interviews/{interview.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "saved_version")
    rows = _people_rows(interview)
    rows[0]["discussed"] = "the on-call rota"
    assert signed_in.post(url, _form(interview, saved_version=opened, people=rows)).status_code == 302

    stale = _form(interview, saved_version=opened, role="Staff Engineer")
    response = signed_in.post(url, stale)
    assert response.status_code == 409
    assert interview.participants.get().discussed == "the on-call rota"
    interview.refresh_from_db()
    assert interview.role == "Backend Engineer"


def test_saving_again_after_the_conflict_keeps_the_newer_typing(signed_in, interview):
    url = f"/interviews/{interview.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "saved_version")
    rows = _people_rows(interview)
    rows[0]["discussed"] = "the on-call rota"
    signed_in.post(url, _form(interview, saved_version=opened, people=rows))

    page = signed_in.post(url, _form(interview, saved_version=opened, notes="Later")).content.decode()
    again = _form(interview, saved_version=field_value(page, "saved_version"), notes="Later")
    assert signed_in.post(url, again).status_code == 302
    interview.refresh_from_db()
    assert interview.notes == "Later"


# --- Contacts and companies ---------------------------------------------------------------------------


def _contact_form(contact, **fields) -> dict:
    data = {
        "name": contact.name,
        "honorific": contact.honorific,
        "title": contact.title,
        "company": contact.company_id,
        "new_company": "",
        "email": contact.email,
        "phone": contact.phone,
        "linkedin_url": contact.linkedin_url,
        "role": contact.role,
        "address_style": contact.address_style,
        "notes": contact.notes,
    }
    data.update(fields)
    return data


def test_a_contact_saved_from_a_stale_tab_is_refused_and_keeps_what_was_typed(signed_in, user):
    contact = ContactFactory(user=user, name="Priya Singh", title="Engineer")
    url = f"/contacts/{contact.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "version")
    assert opened

    assert (
        signed_in.post(url, _contact_form(contact, title="Head of Platform", version=opened)).status_code
        == 302
    )

    stale = _contact_form(contact, notes="Met at the meetup.", version=opened)
    response = signed_in.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert STALE in page
    assert textarea_text(page, "notes").strip() == "Met at the meetup."
    contact.refresh_from_db()
    assert (contact.title, contact.notes) == ("Head of Platform", "")

    # Having seen the message, saving again goes through.
    again = _contact_form(contact, notes="Met at the meetup.", version=field_value(page, "version"))
    assert signed_in.post(url, again).status_code == 302
    contact.refresh_from_db()
    assert contact.notes == "Met at the meetup."


def test_a_company_saved_from_a_stale_tab_is_refused_and_keeps_what_was_typed(signed_in, user):
    company = CompanyFactory(user=user, name="Acme", website="")
    url = f"/companies/{company.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "version")
    assert opened

    first = {"name": "Acme", "website": "https://acme.example", "notes": "", "version": opened}
    assert signed_in.post(url, first).status_code == 302

    stale = {"name": "Acme Corp", "website": "", "notes": "Makes anvils.", "version": opened}
    response = signed_in.post(url, stale)
    page = response.content.decode()
    assert response.status_code == 409
    assert STALE in page
    assert field_value(page, "name") == "Acme Corp"
    company.refresh_from_db()
    assert (company.name, company.website, company.notes) == ("Acme", "https://acme.example", "")

    stale["version"] = field_value(page, "version")
    assert signed_in.post(url, stale).status_code == 302
    company.refresh_from_db()
    assert company.name == "Acme Corp"


def test_deleting_a_person_met_makes_an_open_interview_edit_stale(signed_in, interview):
    url = f"/interviews/{interview.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "saved_version")
    priya = interview.participants.get().contact
    assert signed_in.post(f"/contacts/{priya.pk}/delete/").status_code == 302

    response = signed_in.post(url, _form(interview, saved_version=opened, notes="Later", people=[]))
    assert response.status_code == 409
