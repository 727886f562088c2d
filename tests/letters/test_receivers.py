"""Drafts follow what the core announces: an interview recorded, its people or details changed."""

import datetime as dt

import pytest

from followup.services.interviews import PersonEntry, interview_record, interview_update
from letters.models import Letter
from letters.services import letter_save
from tests.letters.conftest import announce

pytestmark = pytest.mark.django_db

ENDS = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)


def record(user, *people, **data):
    values = {
        "company_name": "Northwind Labs",
        "role": "Backend Engineer",
        "starts_at": ENDS - dt.timedelta(hours=1),
        "ends_at": ENDS,
        "topics": "the billing migration",
        **data,
    }
    return interview_record(user=user, data=values, people=list(people))


def update(interview, people, **data):
    values = {
        "company": interview.company,
        "starts_at": interview.starts_at,
        "ends_at": interview.ends_at,
        **data,
    }
    return interview_update(interview=interview, data=values, people=people)


def edit(letter, body):
    return letter_save(letter=letter, subject=letter.subject, body=body, version=letter.version)


def test_recording_an_interview_drafts_a_thank_you_for_each_person(user):
    interview = record(
        user,
        PersonEntry(name="Priya Singh", discussed="schema reviews"),
        PersonEntry(name="Amara Okafor", discussed="on-call"),
    )
    letters = Letter.objects.filter(interview=interview).select_related("contact")
    assert sorted((letter.contact.name, letter.kind) for letter in letters) == [
        ("Amara Okafor", "thank_you"),
        ("Priya Singh", "thank_you"),
    ]
    assert all(letter.user == user and letter.status == "draft" for letter in letters)
    priya = letters.get(contact__name="Priya Singh")
    assert priya.body.startswith("Dear Priya Singh,")
    assert "schema reviews" in priya.body
    assert "Tuesday, March 3" in priya.body


def test_an_interview_without_people_has_no_drafts(user):
    interview = record(user)
    assert not Letter.objects.filter(interview=interview).exists()


def test_changing_details_refreshes_untouched_drafts_and_spares_edited_ones(user):
    people = [PersonEntry(name="Priya Singh"), PersonEntry(name="Amara Okafor")]
    interview = record(user, *people)
    priya = Letter.objects.get(interview=interview, contact__name="Priya Singh")
    amara = edit(
        Letter.objects.get(interview=interview, contact__name="Amara Okafor"), "Dear Amara,\n\nMine."
    )
    update(interview, people, role="Platform Engineer")
    priya.refresh_from_db()
    amara.refresh_from_db()
    assert "Platform Engineer" in priya.body
    assert amara.body == "Dear Amara,\n\nMine."


def test_moving_the_interview_redates_untouched_drafts(user):
    people = [PersonEntry(name="Priya Singh")]
    interview = record(user, *people)
    later = ENDS + dt.timedelta(days=1)
    update(interview, people, starts_at=later - dt.timedelta(hours=1), ends_at=later)
    assert "Wednesday, March 4" in Letter.objects.get(interview=interview).body


def test_removing_a_person_deletes_their_untouched_draft_and_keeps_an_edited_one(user):
    interview = record(
        user, PersonEntry(name="Priya Singh"), PersonEntry(name="Amara Okafor"), PersonEntry(name="Lee Park")
    )
    amara = edit(
        Letter.objects.get(interview=interview, contact__name="Amara Okafor"), "Dear Amara,\n\nMine."
    )
    update(interview, [PersonEntry(name="Lee Park")])
    names = set(Letter.objects.filter(interview=interview).values_list("contact__name", flat=True))
    assert names == {"Amara Okafor", "Lee Park"}
    assert Letter.objects.get(pk=amara.pk).body == "Dear Amara,\n\nMine."


def test_a_status_change_alone_leaves_drafts_alone(interview, singh):
    announce(interview, changes={"status"})
    assert not Letter.objects.exists()


@pytest.mark.parametrize("change", ["people", "details", "times", "decision_date"])
def test_each_change_that_matters_drafts(interview, singh, change):
    announce(interview, changes={change})
    assert Letter.objects.filter(contact=singh.contact, kind="thank_you").exists()


def test_a_new_interview_drafts_whatever_the_changes(interview, singh):
    announce(interview, created=True, changes=set())
    assert Letter.objects.filter(contact=singh.contact).exists()
