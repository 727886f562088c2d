"""When drafts appear: a thank-you is written once the interview has ended, never before it."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.services.interviews import PersonEntry, interview_record, interview_update
from letters.models import Letter
from letters.services import letter_mark_sent, letter_save, letters_draft_for_interview
from reminders import services
from reminders.models import Reminder
from tests.reminders.helpers import deliver_one

pytestmark = pytest.mark.django_db

# A Tuesday. The interview runs 14:00–15:00 UTC, 15:00–16:00 in Berlin.
ENDS = dt.datetime(2026, 3, 3, 15, 0, tzinfo=dt.UTC)
BEFORE = ENDS - dt.timedelta(days=2)
AFTER = ENDS + dt.timedelta(minutes=5)


@pytest.fixture
def berliner(user):
    user.time_zone = "Europe/Berlin"
    user.save()
    return user


def at(moment):
    return time_machine.travel(moment, tick=False)


def record(user, *people, ends_at=ENDS, **data):
    values = {
        "company_name": "Northwind Labs",
        "role": "Backend Engineer",
        "starts_at": ends_at - dt.timedelta(hours=1),
        "ends_at": ends_at,
        "topics": "the billing migration",
        **data,
    }
    return interview_record(user=user, data=values, people=list(people))


def move(interview, people, ends_at):
    values = {"company": interview.company, "starts_at": ends_at - dt.timedelta(hours=1), "ends_at": ends_at}
    return interview_update(interview=interview, data=values, people=people)


PEOPLE = [PersonEntry(name="Priya Singh", discussed="schema reviews"), PersonEntry(name="Amara Okafor")]


def test_an_interview_recorded_ahead_of_time_has_no_drafts(berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
    assert not Letter.objects.filter(interview=interview).exists()


def test_an_interview_recorded_after_it_ended_is_drafted_at_once(berliner):
    with at(AFTER):
        interview = record(berliner, *PEOPLE)
    assert Letter.objects.filter(interview=interview, kind="thank_you").count() == 2


def test_before_the_end_the_page_says_when_drafts_appear_in_the_users_time(signed_in, berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
        page = signed_in.get(interview.get_absolute_url()).content.decode()
    assert "Thank-you drafts to each person appear here when the interview ends" in page
    assert "16:00 on Tuesday 3 March 2026" in page  # 15:00 UTC is 16:00 in Berlin
    assert "Europe/Berlin" in page
    assert "No letters yet" not in page
    assert "/letters/new/" not in page
    assert not Letter.objects.exists()


def test_opening_the_interview_after_the_end_writes_its_drafts(signed_in, berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
    with at(AFTER):
        page = signed_in.get(interview.get_absolute_url()).content.decode()
    letters = Letter.objects.filter(interview=interview, kind="thank_you")
    assert letters.count() == 2
    assert "appear here when the interview ends" not in page
    for letter in letters:
        assert f'href="/letters/{letter.pk}/"' in page
    priya = letters.get(contact__name="Priya Singh")
    assert "schema reviews" in priya.body and not priya.is_edited


def test_the_dashboard_after_the_end_offers_each_draft(signed_in, berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
    with at(AFTER):
        page = signed_in.get("/").content.decode()
    letters = Letter.objects.filter(interview=interview, kind="thank_you")
    assert letters.count() == 2
    for letter in letters:
        assert f'href="/letters/{letter.pk}/"' in page


def test_the_thank_you_reminder_carries_drafts_nobody_opened(berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
    assert not Letter.objects.exists()
    due = Reminder.objects.get(interview=interview, kind="thank_you").due_at
    assert due > ENDS
    with at(due + dt.timedelta(minutes=1)):
        claims = services.reminders_claim_due(now=due + dt.timedelta(minutes=1))
        assert [deliver_one(reminder_id=pk, claimed_at=when) for pk, when in claims] == ["sent"]
    [message] = mail.outbox
    letters = Letter.objects.filter(interview=interview, kind="thank_you")
    assert letters.count() == 2
    for letter in letters:
        assert letter.subject in message.body
        assert letter.body.splitlines()[0] in message.body


def test_no_letter_can_be_asked_for_before_the_end(signed_in, berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
        contact = interview.participants.first().contact
        response = signed_in.post(f"/letters/new/{interview.pk}/{contact.pk}/follow_up_1/", follow=True)
    assert "Letters are written once the interview has ended." in response.content.decode()
    assert not Letter.objects.exists()


def test_moving_an_ended_interview_ahead_takes_away_only_untouched_drafts(berliner):
    with at(AFTER):
        interview = record(berliner, *PEOPLE, PersonEntry(name="Lee Park"))
        letters = {letter.contact.name: letter for letter in Letter.objects.filter(interview=interview)}
        edited = letters["Amara Okafor"]
        letter_save(
            letter=edited, subject=edited.subject, body="Dear Amara,\n\nMine.", version=edited.version
        )
        sent = letter_mark_sent(letter=letters["Lee Park"], sent_on=AFTER.date())
        move(interview, [*PEOPLE, PersonEntry(name="Lee Park")], ends_at=AFTER + dt.timedelta(days=7))
    assert set(Letter.objects.values_list("pk", flat=True)) == {edited.pk, sent.pk}
    assert Letter.objects.get(pk=edited.pk).body == "Dear Amara,\n\nMine."


def test_an_edited_draft_before_the_end_stays_on_the_page(signed_in, berliner):
    with at(AFTER):
        interview = record(berliner, *PEOPLE)
        letter = Letter.objects.get(interview=interview, contact__name="Amara Okafor")
        letter_save(
            letter=letter, subject=letter.subject, body="Dear Amara,\n\nMine.", version=letter.version
        )
        move(interview, PEOPLE, ends_at=AFTER + dt.timedelta(days=7))
        page = signed_in.get(interview.get_absolute_url()).content.decode()
    assert f'href="/letters/{letter.pk}/"' in page
    assert "appear here when the interview ends" in page


def test_notes_changed_before_the_end_reach_the_drafts_written_at_the_end(signed_in, berliner):
    with at(BEFORE):
        interview = record(berliner, *PEOPLE)
        interview_update(
            interview=interview,
            data={"company": interview.company, "starts_at": interview.starts_at, "ends_at": ENDS},
            people=[PersonEntry(name="Priya Singh", discussed="the query planner")],
        )
    with at(AFTER):
        signed_in.get(interview.get_absolute_url())
    [letter] = Letter.objects.filter(interview=interview)
    assert "query planner" in letter.body


def test_the_upgrade_takes_away_untouched_drafts_of_interviews_still_ahead(berliner):
    with at(AFTER):
        ended = record(berliner, *PEOPLE)
        ahead = record(berliner, *PEOPLE, ends_at=AFTER + dt.timedelta(days=7), role="Data Engineer")
    # Drafts as the app used to write them: at once, for an interview still ahead.
    letters_draft_for_interview(interview=ahead, now=AFTER + dt.timedelta(days=8))
    edited = Letter.objects.get(interview=ahead, contact__name="Amara Okafor")
    letter_save(letter=edited, subject=edited.subject, body=edited.body + "\nMine.", version=edited.version)
    kept = set(Letter.objects.filter(interview=ended).values_list("pk", flat=True)) | {edited.pk}

    migration = importlib.import_module("letters.migrations.0002_remove_drafts_before_interview_end")
    with at(AFTER + dt.timedelta(days=1)):
        migration.remove_untouched_drafts_before_end(apps, None)
    assert set(Letter.objects.values_list("pk", flat=True)) == kept


def test_the_dashboard_says_when_todays_drafts_appear(signed_in, berliner):
    with at(ENDS - dt.timedelta(hours=3)):
        record(berliner, *PEOPLE)
        page = signed_in.get("/").content.decode()
    assert "Drafts appear when it ends, at" in page
    assert ">16:00</time>" in page  # 15:00 UTC, in Berlin
    assert "No letters yet" not in page


def test_after_the_end_new_notes_rewrite_untouched_drafts_and_never_edited_ones(berliner):
    with at(AFTER):
        interview = record(berliner, *PEOPLE)
        amara = Letter.objects.get(interview=interview, contact__name="Amara Okafor")
        letter_save(letter=amara, subject=amara.subject, body="Dear Amara,\n\nMine.", version=amara.version)
        interview_update(
            interview=interview,
            data={"company": interview.company, "starts_at": interview.starts_at, "ends_at": ENDS},
            people=[
                PersonEntry(name="Priya Singh", discussed="the query planner"),
                PersonEntry(name="Amara Okafor", discussed="the on-call rotation"),
            ],
        )
    priya = Letter.objects.get(interview=interview, contact__name="Priya Singh")
    assert "query planner" in priya.body and not priya.is_edited
    assert Letter.objects.get(pk=amara.pk).body == "Dear Amara,\n\nMine."


def test_writing_the_drafts_as_the_page_opens_costs_the_same_for_one_person_or_eight(signed_in, berliner):
    def queries_to_open(people: int) -> int:
        with at(BEFORE):
            interview = record(berliner, *[PersonEntry(name=f"Person {n}") for n in range(people)])
        with at(AFTER), CaptureQueriesContext(connection) as opened:
            assert signed_in.get(interview.get_absolute_url()).status_code == 200
        assert Letter.objects.filter(interview=interview).count() == people
        return len(opened)

    assert queries_to_open(1) == queries_to_open(8)
