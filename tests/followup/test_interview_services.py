"""The interview services: what they write, and what they announce to letters and reminders."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from followup.models import Company, Contact, Interview, Participant
from followup.services.interviews import (
    PersonEntry,
    interview_delete,
    interview_record,
    interview_set_status,
    interview_update,
)
from followup.signals import interview_changed
from tests.factories import CompanyFactory, ContactFactory, InterviewFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 3, 14, 0, tzinfo=dt.UTC)


@pytest.fixture
def announcements():
    """Every interview_changed sent during the test, as (interview id, created, changes)."""
    sent = []

    def receiver(sender, interview, created, changes, **kwargs):
        sent.append((interview.pk, created, changes))

    interview_changed.connect(receiver)
    yield sent
    interview_changed.disconnect(receiver)


def data(**overrides):
    values = {
        "company_name": "Acme",
        "role": "Backend Engineer",
        "round": "",
        "format": "video",
        "starts_at": START,
        "ends_at": START + dt.timedelta(hours=1),
        "location": "",
        "topics": "billing",
        "missed_point": "",
        "why_role": "",
        "contribution": "",
        "notes": "",
        "decision_date": None,
        "status": "scheduled",
    }
    values.update(overrides)
    return values


def test_record_reuses_the_company_ignoring_case_and_keeps_people_in_order(user, announcements):
    acme = CompanyFactory(user=user, name="Acme")
    priya = ContactFactory(user=user, company=acme, name="Priya Singh")

    interview = interview_record(
        user=user,
        data=data(company_name="acme"),
        people=[
            PersonEntry(name="Sam Lee", title="Recruiter", email="sam@acme.example", discussed="relocation"),
            PersonEntry(contact=priya, discussed="on-call rota"),
        ],
    )

    assert interview.company == acme
    assert Company.objects.filter(user=user).count() == 1
    rows = list(interview.participants.select_related("contact"))
    assert [(p.contact.name, p.discussed, p.position) for p in rows] == [
        ("Sam Lee", "relocation", 0),
        ("Priya Singh", "on-call rota", 1),
    ]
    sam = rows[0].contact
    assert (sam.company, sam.title, sam.email) == (acme, "Recruiter", "sam@acme.example")
    assert announcements == [(interview.pk, True, {"people", "times", "status", "details"})]


def test_record_creates_a_new_company_and_announces_the_decision_date(user, announcements):
    interview = interview_record(user=user, data=data(decision_date=dt.date(2026, 3, 20)), people=[])

    assert interview.company.name == "Acme"
    assert announcements == [(interview.pk, True, {"times", "status", "details", "decision_date"})]


def test_a_typed_name_reuses_the_contact_of_that_company_and_fills_in_what_it_lacked(user):
    acme = CompanyFactory(user=user, name="Acme")
    priya = ContactFactory(user=user, company=acme, name="Priya Singh", title="", email="")
    elsewhere = ContactFactory(user=user, name="Sam Lee")

    interview = interview_record(
        user=user,
        data=data(),
        people=[
            PersonEntry(name="PRIYA SINGH", title="CTO", email="priya@acme.example"),
            PersonEntry(name="Sam Lee"),
        ],
    )

    contacts = [p.contact for p in interview.participants.all()]
    assert contacts[0] == priya
    priya.refresh_from_db()
    assert (priya.title, priya.email) == ("CTO", "priya@acme.example")
    # A contact of the same name at another company is someone else.
    assert contacts[1] != elsewhere
    assert contacts[1].company == acme


def test_the_same_person_twice_is_refused_and_nothing_is_saved(user, announcements):
    priya = ContactFactory(user=user, company=CompanyFactory(user=user, name="Acme"), name="Priya")

    with pytest.raises(ValidationError):
        interview_record(
            user=user, data=data(), people=[PersonEntry(contact=priya), PersonEntry(name="priya")]
        )

    assert not Interview.objects.filter(user=user).exists()
    assert announcements == []


def test_another_users_contact_is_refused(user, other_user):
    theirs = ContactFactory(user=other_user)

    with pytest.raises(ValidationError):
        interview_record(user=user, data=data(), people=[PersonEntry(contact=theirs)])

    assert not Interview.objects.filter(user=user).exists()
    assert not Participant.objects.filter(interview__user=user).exists()


def test_end_before_start_is_refused(user):
    with pytest.raises(ValidationError):
        interview_record(user=user, data=data(ends_at=START - dt.timedelta(minutes=1)), people=[])


@pytest.fixture
def recorded(user):
    acme = CompanyFactory(user=user, name="Acme")
    priya = ContactFactory(user=user, company=acme, name="Priya")
    sam = ContactFactory(user=user, company=acme, name="Sam")
    interview = interview_record(
        user=user,
        data=data(),
        people=[PersonEntry(contact=priya, discussed="rota"), PersonEntry(contact=sam, discussed="team")],
    )
    return interview, priya, sam


def same_people(priya, sam):
    return [PersonEntry(contact=priya, discussed="rota"), PersonEntry(contact=sam, discussed="team")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"ends_at": START + dt.timedelta(hours=2)}, {"times"}),
        ({"decision_date": dt.date(2026, 3, 20)}, {"decision_date"}),
        ({"status": "offer"}, {"status"}),
        ({"topics": "billing and search"}, {"details"}),
        ({"company_name": "Globex"}, {"details"}),
        ({"company_name": "ACME"}, set()),
    ],
)
def test_update_announces_what_really_changed(recorded, announcements, change, expected):
    interview, priya, sam = recorded

    interview_update(interview=interview, data=data(**change), people=same_people(priya, sam))

    assert announcements == ([(interview.pk, False, expected)] if expected else [])


def test_update_of_people_replaces_them_in_the_new_order(recorded, announcements):
    interview, priya, sam = recorded

    interview_update(
        interview=interview,
        data=data(),
        people=[
            PersonEntry(name="Lee Chen", discussed="roadmap"),
            PersonEntry(contact=priya, discussed="rota"),
        ],
    )

    rows = list(Participant.objects.filter(interview=interview).select_related("contact"))
    assert [(p.contact.name, p.position) for p in rows] == [("Lee Chen", 0), ("Priya", 1)]
    assert Contact.objects.filter(pk=sam.pk).exists()  # removed from the interview, not deleted
    assert announcements == [(interview.pk, False, {"people"})]


def test_changing_what_was_discussed_is_a_people_change(recorded, announcements):
    interview, priya, sam = recorded

    interview_update(
        interview=interview,
        data=data(),
        people=[
            PersonEntry(contact=priya, discussed="rota, and pairing"),
            PersonEntry(contact=sam, discussed="team"),
        ],
    )

    assert Participant.objects.get(interview=interview, contact=priya).discussed == "rota, and pairing"
    assert announcements == [(interview.pk, False, {"people"})]


def test_set_status_announces_only_a_real_change(user, announcements):
    interview = InterviewFactory(user=user)

    interview_set_status(interview=interview, status="offer")
    interview_set_status(interview=interview, status="offer")

    interview.refresh_from_db()
    assert interview.status == "offer"
    assert announcements == [(interview.pk, False, {"status"})]


def test_set_status_refuses_an_unknown_status(user):
    interview = InterviewFactory(user=user)

    with pytest.raises(ValidationError):
        interview_set_status(interview=interview, status="hired!")

    interview.refresh_from_db()
    assert interview.status == "scheduled"


def test_delete_takes_the_participants_and_keeps_the_contacts(user):
    participant = ParticipantFactory(interview=InterviewFactory(user=user))

    interview_delete(interview=participant.interview)

    assert not Interview.objects.filter(user=user).exists()
    assert not Participant.objects.filter(interview__user=user).exists()
    assert Contact.objects.filter(pk=participant.contact_id).exists()


def test_listeners_see_the_new_people_even_when_the_caller_prefetched_them(recorded):
    interview, priya, sam = recorded
    prefetched = Interview.objects.prefetch_related("participants").get(pk=interview.pk)
    assert len(prefetched.participants.all()) == 2
    seen = []

    def receiver(sender, interview, **kwargs):
        seen.append([p.contact_id for p in interview.participants.all()])

    interview_changed.connect(receiver)
    try:
        interview_update(interview=prefetched, data=data(), people=[PersonEntry(contact=sam)])
    finally:
        interview_changed.disconnect(receiver)

    assert seen == [[sam.pk]]
