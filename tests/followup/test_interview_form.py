"""Recording and editing an interview through its form: people rows, defaults, bad input, time zones."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone

from followup.models import Company, Contact, Interview, Participant
from followup.signals import interview_changed
from tests.factories import (
    CompanyFactory,
    ContactFactory,
    InterviewFactory,
    ParticipantFactory,
    interview_form_data,
)

pytestmark = pytest.mark.django_db

NEW = "/interviews/new/"


def field_value(page: str, name: str) -> str | None:
    """The value attribute of the input named `name` in the page (None when there is no such input)."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    if not match:
        return None
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else ""


def textarea_text(page: str, name: str) -> str | None:
    match = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    return match.group(1) if match else None


def chosen_contact(page: str, name: str) -> str | None:
    """The contact id a person row holds (its hidden field), "" for none, None when there is no such row."""
    field = re.search(rf'<input type="hidden" name="{re.escape(name)}"[^>]*value="([^"]*)"', page)
    return field.group(1) if field else None


def test_recording_with_an_existing_contact_and_a_new_person(signed_in, user):
    acme = CompanyFactory(user=user, name="Acme")
    priya = ContactFactory(user=user, company=acme, name="Priya Singh")
    data = interview_form_data(
        company_name="acme",
        topics="the billing rewrite",
        people=[
            {"contact": priya.pk, "discussed": "on-call rota"},
            {"name": "Sam Lee", "title": "Recruiter", "email": "sam@acme.example", "discussed": "relocation"},
        ],
    )

    response = signed_in.post(NEW, data)

    interview = Interview.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == f"/interviews/{interview.pk}/"
    assert interview.company == acme
    assert Company.objects.filter(user=user).count() == 1
    rows = list(interview.participants.select_related("contact"))
    assert [(p.contact.name, p.discussed, p.position) for p in rows] == [
        ("Priya Singh", "on-call rota", 0),
        ("Sam Lee", "relocation", 1),
    ]
    assert rows[1].contact.company == acme
    assert rows[1].contact.email == "sam@acme.example"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Interview saved." in page
    assert f'href="/contacts/{priya.pk}/"' in page
    assert "relocation" in page


def test_a_since_we_spoke_note_is_saved_shown_and_offered_again_for_editing(signed_in, user):
    note = "I wrote up how I would cache route plans: https://alex.example/route-cache"
    response = signed_in.post(NEW, interview_form_data(since_we_spoke=note, people=[{"name": "Dana Lee"}]))

    interview = Interview.objects.get(user=user)
    assert interview.since_we_spoke == note
    page = signed_in.get(response["Location"]).content.decode()
    assert "Since we spoke" in page and "https://alex.example/route-cache" in page
    edit_page = signed_in.get(f"/interviews/{interview.pk}/edit/").content.decode()
    assert textarea_text(edit_page, "since_we_spoke") == note
    assert 'for="id_since_we_spoke"' in edit_page and "for your first follow-up" in edit_page


def test_the_blank_form_starts_an_hour_before_now_on_the_half_hour_in_the_users_zone(client, user):
    user.time_zone = "America/New_York"
    user.save()
    client.force_login(user)

    with time_machine.travel(dt.datetime(2026, 3, 3, 19, 47, tzinfo=dt.UTC), tick=False):
        page = client.get(NEW).content.decode()

    # 19:47 UTC is 14:47 in New York: rounded down to 14:30, minus an hour.
    assert field_value(page, "starts_at") == "2026-03-03T13:30"
    assert field_value(page, "ends_at") == "2026-03-03T14:30"
    assert 'type="datetime-local"' in page
    assert "America/New_York" in page


def test_the_form_offers_the_users_companies_and_contacts_only(signed_in, user, other_user):
    mine = ContactFactory(user=user, name="Priya Singh", company=CompanyFactory(user=user, name="Acme"))
    ContactFactory(
        user=other_user, name="Not Mine", company=CompanyFactory(user=other_user, name="Secret Co")
    )

    page = signed_in.get(NEW).content.decode()
    found = signed_in.get("/interviews/contacts/", {"q": "i"}).content.decode()

    assert '<option value="Acme">' in page
    assert "Priya Singh" not in page  # contacts are searched for, not listed
    assert 'hx-get="/interviews/contacts/"' in page
    assert '<label class="form-label" for="id_people-0-contact_search">Search your contacts</label>' in page
    assert f'data-contact-id="{mine.pk}"' in found
    assert "Priya Singh (Engineering Manager), Acme" in found
    assert "Secret Co" not in page + found
    assert "Not Mine" not in page + found
    assert "js/interview_form.js" in page
    assert "<script>" not in page


def test_add_another_person_without_javascript_keeps_everything_typed(signed_in, user):
    priya = ContactFactory(user=user, name="Priya Singh")
    data = interview_form_data(
        role="Staff Engineer — платежи 🚀",
        topics="caching <b>and</b> queues",
        people=[{"contact": priya.pk, "discussed": "pairing"}, {"name": "Sam O'Neil", "title": "Recruiter"}],
        add_person="1",
    )

    response = signed_in.post(NEW, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert not Interview.objects.filter(user=user).exists()
    assert field_value(page, "people-TOTAL_FORMS") == "3"
    assert field_value(page, "role") == "Staff Engineer — платежи 🚀"
    assert textarea_text(page, "topics") == "caching &lt;b&gt;and&lt;/b&gt; queues"
    assert chosen_contact(page, "people-0-contact") == str(priya.pk)
    assert textarea_text(page, "people-0-discussed") == "pairing"
    assert field_value(page, "people-1-name") == "Sam O&#x27;Neil"
    assert field_value(page, "people-2-name") == ""
    assert "Person <span data-person-number>3</span>" in page
    assert "is-invalid" not in page  # still filling in: nothing flagged yet

    # Saving the re-rendered form (now with the third row blank) records both people.
    data.pop("add_person")
    data.update({"people-TOTAL_FORMS": "3", "people-INITIAL_FORMS": "2", "people-2-name": ""})
    assert signed_in.post(NEW, data).status_code == 302
    interview = Interview.objects.get(user=user)
    assert [p.contact.name for p in interview.participants.all()] == ["Priya Singh", "Sam O'Neil"]


def test_end_before_start_is_an_error_on_the_end_and_keeps_what_was_typed(signed_in, user):
    data = interview_form_data(
        starts_at="2026-03-03T14:00",
        ends_at="2026-03-03T13:00",
        topics="what we said",
        people=[{"name": "Priya"}],
    )

    response = signed_in.post(NEW, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "The end must be after the start." in page
    assert re.search(r'name="ends_at"[^>]*is-invalid|is-invalid[^>]*name="ends_at"', page)
    assert field_value(page, "starts_at") == "2026-03-03T14:00"
    assert field_value(page, "ends_at") == "2026-03-03T13:00"
    assert textarea_text(page, "topics") == "what we said"
    assert field_value(page, "people-0-name") == "Priya"
    assert not Interview.objects.filter(user=user).exists()


@pytest.mark.parametrize("second", ["same contact", "typed name"])
def test_the_same_person_twice_is_a_form_error(signed_in, user, second):
    priya = ContactFactory(user=user, name="Priya Singh", company=CompanyFactory(user=user, name="Acme"))
    repeat = {"contact": priya.pk} if second == "same contact" else {"name": "priya singh"}
    data = interview_form_data(company_name="Acme", people=[{"contact": priya.pk}, repeat])

    response = signed_in.post(NEW, data)

    assert response.status_code == 200
    assert (
        "Priya Singh is already listed as person 1. Keep one row for each person."
        in response.content.decode()
    )
    assert not Interview.objects.filter(user=user).exists()


def test_two_new_people_with_the_same_name_are_a_form_error(signed_in, user):
    data = interview_form_data(people=[{"name": "Sam Lee"}, {"name": "SAM LEE"}])

    response = signed_in.post(NEW, data)

    assert "is already listed as person 1" in response.content.decode()
    assert not Interview.objects.filter(user=user).exists()


@pytest.mark.parametrize("contact_id", ["other user", "99999999999999999999999", "-1", "abc"])
def test_a_contact_that_is_not_yours_is_a_form_error(signed_in, user, other_user, contact_id):
    theirs = ContactFactory(user=other_user, name="Their Contact")
    value = theirs.pk if contact_id == "other user" else contact_id

    response = signed_in.post(NEW, interview_form_data(people=[{"contact": value, "discussed": "x"}]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Pick a person from the list." in page
    assert "Their Contact" not in page
    assert not Interview.objects.filter(user=user).exists()
    assert not Participant.objects.filter(contact=theirs).exists()


def test_a_row_with_a_contact_and_a_new_name_asks_for_one_of_them(signed_in, user):
    priya = ContactFactory(user=user)

    response = signed_in.post(NEW, interview_form_data(people=[{"contact": priya.pk, "name": "Someone"}]))

    assert "Pick someone from your contacts or type a new name, not both." in response.content.decode()


def test_a_row_with_notes_but_no_person_asks_for_a_name(signed_in, user):
    response = signed_in.post(NEW, interview_form_data(people=[{"discussed": "the roadmap"}]))

    assert "Type this person&#x27;s name, or pick them from your contacts." in response.content.decode()
    assert not Interview.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2026-02-30T10:00", "99999-01-01T10:00", "0001-01-01T00:00", "2026-03-03T25:00", "\x00"],
)
def test_garbage_times_are_field_errors(signed_in, user, value):
    response = signed_in.post(NEW, interview_form_data(starts_at=value))

    assert response.status_code == 200
    assert 'id="error_1_id_starts_at"' in response.content.decode()
    assert not Interview.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "broken",
    [
        {"people-TOTAL_FORMS": None, "people-INITIAL_FORMS": None},
        {"people-TOTAL_FORMS": "many"},
        {"people-TOTAL_FORMS": "999999999999"},
        {"people-TOTAL_FORMS": "-3"},
    ],
)
def test_a_broken_people_list_is_a_message_not_a_server_error(signed_in, user, broken):
    data = interview_form_data(people=[{"name": "Priya"}])
    for key, value in broken.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value

    for extra in ({}, {"add_person": "1"}):
        response = signed_in.post(NEW, {**data, **extra})
        assert response.status_code in (200, 302)

    # A negative count reads as "no people": harmless. Anything else asks the user to check the list.
    if broken.get("people-TOTAL_FORMS") != "-3":
        assert not Interview.objects.filter(user=user).exists()


def test_a_missing_people_list_says_so_in_plain_words(signed_in, user):
    data = interview_form_data()
    del data["people-TOTAL_FORMS"], data["people-INITIAL_FORMS"]

    page = signed_in.post(NEW, data).content.decode()

    assert "The list of people did not arrive complete." in page
    assert "ManagementForm" not in page


def test_too_many_people_is_a_form_error(signed_in, user):
    data = interview_form_data(people=[{"name": f"Person {n}"} for n in range(21)])

    page = signed_in.post(NEW, data).content.decode()

    assert "You can list at most 20 people for one interview." in page
    assert not Interview.objects.filter(user=user).exists()


@pytest.fixture
def new_yorker(client, user):
    user.time_zone = "America/New_York"
    user.save()
    client.force_login(user)
    return client


def test_times_are_entered_in_the_users_zone_and_stored_in_utc(new_yorker, user):
    new_yorker.post(NEW, interview_form_data(starts_at="2026-07-01T09:00", ends_at="2026-07-01T10:00"))

    interview = Interview.objects.get(user=user)
    assert interview.starts_at == dt.datetime(2026, 7, 1, 13, 0, tzinfo=dt.UTC)
    page = new_yorker.get(f"/interviews/{interview.pk}/").content.decode()
    assert "Wed 1 Jul, 09:00" in page


@pytest.mark.parametrize(
    ("local", "words"),
    [
        ("2026-11-01T01:30", "01:30 happens twice on 1 Nov 2026 in America/New_York"),
        ("2026-03-08T02:30", "02:30 does not exist on 8 Mar 2026 in America/New_York"),
    ],
)
def test_a_time_the_clock_change_makes_ambiguous_or_impossible_is_a_form_error(
    new_yorker, user, local, words
):
    response = new_yorker.post(NEW, interview_form_data(starts_at=local, ends_at="2026-11-02T10:00"))

    page = response.content.decode()
    assert response.status_code == 200
    assert words in page
    assert field_value(page, "starts_at") == local
    assert not Interview.objects.filter(user=user).exists()


def test_times_either_side_of_the_clock_change_are_an_hour_apart_in_utc(new_yorker, user):
    # 00:30 EDT (UTC-4) to 03:30 EST (UTC-5): three hours on the wall clock, four in fact.
    new_yorker.post(NEW, interview_form_data(starts_at="2026-11-01T00:30", ends_at="2026-11-01T03:30"))

    interview = Interview.objects.get(user=user)
    assert interview.ends_at - interview.starts_at == dt.timedelta(hours=4)


HOSTILE = "Zoë O'Brien-Łukasz 🎉 <script>alert('x')</script> & \"quotes\""


def test_unicode_emoji_and_html_round_trip_and_are_escaped(signed_in, user):
    long_note = ("ü" + "x" * 998 + "🙂")[:1000]
    start = timezone.localtime() - dt.timedelta(hours=3)  # recent, so the dashboard shows it too
    data = interview_form_data(
        starts_at=start.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        company_name=HOSTILE,
        role=HOSTILE,
        round=HOSTILE,
        location=HOSTILE,
        topics=HOSTILE,
        missed_point=long_note,
        why_role=HOSTILE,
        contribution=HOSTILE,
        notes=HOSTILE,
        people=[{"name": HOSTILE, "title": HOSTILE, "discussed": HOSTILE}],
    )

    response = signed_in.post(NEW, data)

    assert response.status_code == 302
    interview = Interview.objects.get(user=user)
    assert interview.role == HOSTILE
    assert interview.company.name == HOSTILE
    assert interview.missed_point == long_note
    assert interview.participants.get().contact.name == HOSTILE
    for path in (f"/interviews/{interview.pk}/", f"/interviews/{interview.pk}/edit/", "/interviews/", "/"):
        page = signed_in.get(path).content.decode()
        assert "<script>alert" not in page, path
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page, path


def test_editing_shows_the_saved_people_and_saves_changes(signed_in, user):
    interview = InterviewFactory(
        user=user, starts_at=dt.datetime(2026, 3, 3, 14, 0, tzinfo=dt.UTC), round="First round"
    )
    priya = ParticipantFactory(interview=interview, discussed="rota", position=0).contact
    sam = ParticipantFactory(interview=interview, discussed="team", position=1).contact
    edit = f"/interviews/{interview.pk}/edit/"

    page = signed_in.get(edit).content.decode()
    assert chosen_contact(page, "people-0-contact") == str(priya.pk)
    assert chosen_contact(page, "people-1-contact") == str(sam.pk)
    assert field_value(page, "people-INITIAL_FORMS") == "2"
    assert "Remove this person from the interview" in page

    changes = []

    def record(sender, **kwargs):
        changes.append(kwargs["changes"])

    interview_changed.connect(record)
    try:
        data = interview_form_data(
            company_name=interview.company.name,
            role=interview.role,
            topics=interview.topics,
            people=[
                {"contact": priya.pk, "discussed": "rota and pairing"},
                {"contact": sam.pk, "discussed": "team", "DELETE": True},
            ],
            initial_people=2,
        )
        response = signed_in.post(edit, data)
    finally:
        interview_changed.disconnect(record)

    assert response.status_code == 302
    assert [(p.contact, p.discussed) for p in interview.participants.all()] == [(priya, "rota and pairing")]
    assert Contact.objects.filter(pk=sam.pk).exists()
    assert changes == [{"people"}]


def test_editing_with_nothing_changed_announces_nothing(signed_in, user):
    interview = InterviewFactory(
        user=user, starts_at=dt.datetime(2026, 3, 3, 14, 0, tzinfo=dt.UTC), round="First round"
    )
    priya = ParticipantFactory(interview=interview, discussed="rota").contact
    sent = []

    def record(sender, **kwargs):
        sent.append(kwargs)

    interview_changed.connect(record)
    try:
        data = interview_form_data(
            company_name=interview.company.name.upper(),
            role=interview.role,
            topics=interview.topics,
            people=[{"contact": priya.pk, "discussed": "rota"}],
            initial_people=1,
        )
        response = signed_in.post(f"/interviews/{interview.pk}/edit/", data)
    finally:
        interview_changed.disconnect(record)

    assert response.status_code == 302
    assert sent == []


def test_add_another_person_on_the_edit_page_keeps_the_saved_and_typed_rows(signed_in, user):
    interview = InterviewFactory(user=user)
    priya = ParticipantFactory(interview=interview, discussed="rota").contact
    data = interview_form_data(
        role="Renamed role",
        people=[{"contact": priya.pk, "discussed": "rota, edited"}],
        initial_people=1,
        add_person="1",
    )

    page = signed_in.post(f"/interviews/{interview.pk}/edit/", data).content.decode()

    assert field_value(page, "people-TOTAL_FORMS") == "2"
    assert field_value(page, "role") == "Renamed role"
    assert textarea_text(page, "people-0-discussed") == "rota, edited"
    interview.refresh_from_db()
    assert interview.role == "Backend Engineer"  # nothing saved until "Save interview"


def test_a_new_interview_from_a_contacts_page_starts_with_them_chosen(signed_in, user):
    from tests.factories import ContactFactory

    contact = ContactFactory(user=user, name="Zanele Dube")
    page = signed_in.get(
        f"/interviews/new/?company={contact.company_id}&contact={contact.pk}"
    ).content.decode()
    assert f'value="{contact.company.name}"' in page
    assert chosen_contact(page, "people-0-contact") == str(contact.pk)


def test_a_foreign_company_or_contact_in_the_link_is_ignored(signed_in, other_user):
    from tests.factories import ContactFactory

    foreign = ContactFactory(user=other_user, name="Not Yours")
    response = signed_in.get(f"/interviews/new/?company={foreign.company_id}&contact={foreign.pk}&x=1")
    assert response.status_code == 200
    assert foreign.company.name not in response.content.decode()
    response = signed_in.get("/interviews/new/?company=abc&contact=99999999999999999999")
    assert response.status_code == 200


def test_an_edit_from_a_stale_page_is_refused_and_keeps_what_was_typed(signed_in, user):
    from followup.services.interviews import interview_set_status

    interview = InterviewFactory(user=user, role="Backend Engineer")
    url = f"/interviews/{interview.pk}/edit/"
    opened = field_value(signed_in.get(url).content.decode(), "saved_version")
    assert opened

    # Meanwhile, in another tab, the user records an offer.
    interview_set_status(interview=interview, status=Interview.Status.OFFER)

    data = interview_form_data(
        company_name=interview.company.name, role="Staff Engineer", saved_version=opened, status="scheduled"
    )
    page = signed_in.post(url, data).content.decode()
    assert "changed in another tab or window" in page
    assert field_value(page, "role") == "Staff Engineer"
    interview.refresh_from_db()
    assert (interview.role, interview.status) == ("Backend Engineer", Interview.Status.OFFER)

    # Having seen the message, saving again keeps the user's version.
    data["saved_version"] = field_value(page, "saved_version")
    assert signed_in.post(url, data).status_code == 302
    interview.refresh_from_db()
    assert interview.role == "Staff Engineer"


@pytest.mark.parametrize("contact_count", [5, 500])
def test_the_new_interview_page_runs_the_same_queries_whatever_the_number_of_contacts(
    signed_in, user, django_assert_max_num_queries, contact_count
):
    company = CompanyFactory(user=user, name="Acme")
    Contact.objects.bulk_create(
        Contact(user=user, company=company, name=f"Person {n}", title="Engineer")
        for n in range(contact_count)
    )

    with django_assert_max_num_queries(8):
        response = signed_in.get(NEW)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Person 1" not in page


def test_the_edit_page_shows_the_people_met_and_no_other_contact(signed_in, user):
    company = CompanyFactory(user=user, name="Acme")
    priya = ContactFactory(user=user, company=company, name="Priya Singh", title="Engineering Manager")
    ContactFactory(user=user, company=company, name="Sam Other")
    interview = InterviewFactory(user=user, company=company)
    ParticipantFactory(interview=interview, contact=priya)

    page = signed_in.get(f"/interviews/{interview.pk}/edit/").content.decode()

    assert chosen_contact(page, "people-0-contact") == str(priya.pk)
    assert "Priya Singh (Engineering Manager), Acme" in page
    assert "Sam Other" not in page
