"""Reminder rows follow the interview: created, moved, cancelled and revived in the same transaction."""

import datetime as dt

import pytest
from django.utils import timezone

from followup.models import Interview
from letters.models import Letter
from letters.services import letter_mark_sent, letter_mark_unsent
from reminders.models import Reminder
from reminders.services import reminder_dismiss, reminder_snooze, reminders_sync_for_user
from tests.reminders.helpers import announce, record_interview

pytestmark = pytest.mark.django_db

State = Reminder.State


def rows(interview) -> dict[str, Reminder]:
    return {r.kind: r for r in Reminder.objects.filter(interview=interview)}


def test_recording_an_interview_schedules_its_three_reminders(user):
    ends = timezone.now() + dt.timedelta(hours=1)
    interview = record_interview(user=user, ends_at=ends)
    reminders = rows(interview)
    assert set(reminders) == {"thank_you", "follow_up_1", "follow_up_2"}
    assert reminders["thank_you"].due_at == ends + dt.timedelta(hours=2)
    assert all(r.state == State.PENDING for r in reminders.values())


def test_thank_you_delay_follows_the_preference(user):
    user.thank_you_delay_minutes = 30
    user.save()
    ends = timezone.now() + dt.timedelta(hours=1)
    interview = record_interview(user=user, ends_at=ends)
    assert rows(interview)["thank_you"].due_at == ends + dt.timedelta(minutes=30)


def test_marking_every_thank_you_sent_cancels_the_thank_you_reminder(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    letters = list(Letter.objects.filter(interview=interview, kind="thank_you"))
    assert len(letters) == 2
    letter_mark_sent(letter=letters[0], sent_on=timezone.localdate())
    assert rows(interview)["thank_you"].state == State.PENDING  # one person still waits
    letter_mark_sent(letter=letters[1], sent_on=timezone.localdate())
    thank_you = rows(interview)["thank_you"]
    assert thank_you.state == State.CANCELLED
    assert "sent" in thank_you.cancelled_reason
    assert rows(interview)["follow_up_1"].state == State.PENDING

    letter_mark_unsent(letter=letters[1])
    assert rows(interview)["thank_you"].state == State.PENDING


@pytest.mark.parametrize("status", ["reply_received", "next_round", "offer", "rejected", "withdrawn"])
def test_recording_a_reply_or_outcome_cancels_everything_pending(user, status):
    interview = record_interview(user=user, ends_at=timezone.now())
    interview.status = status
    interview.save()
    announce(interview, "status")
    assert {r.state for r in rows(interview).values()} == {State.CANCELLED}


def test_setting_the_status_back_revives_cancelled_reminders(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    interview.status = Interview.Status.OFFER
    interview.save()
    announce(interview, "status")
    interview.status = Interview.Status.AWAITING_REPLY
    interview.save()
    announce(interview, "status")
    assert {r.state for r in rows(interview).values()} == {State.PENDING}


def test_a_dismissed_reminder_stays_dismissed(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    assert reminder_dismiss(reminder=rows(interview)["thank_you"])
    announce(interview, "times")
    assert rows(interview)["thank_you"].state == State.CANCELLED


def test_moving_the_interview_reschedules_pending_reminders(user):
    interview = record_interview(user=user, ends_at=timezone.now() + dt.timedelta(days=1))
    before = rows(interview)
    interview.starts_at += dt.timedelta(days=7)
    interview.ends_at += dt.timedelta(days=7)
    interview.save()
    announce(interview, "times")
    after = rows(interview)
    assert after["thank_you"].due_at == before["thank_you"].due_at + dt.timedelta(days=7)
    assert after["follow_up_1"].due_at > before["follow_up_1"].due_at


def test_an_edit_of_the_notes_keeps_a_snooze(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    thank_you = rows(interview)["thank_you"]
    assert reminder_snooze(reminder=thank_you, choice="3d")
    snoozed_until = rows(interview)["thank_you"].due_at
    announce(interview, "details")
    assert rows(interview)["thank_you"].due_at == snoozed_until


def test_a_decision_date_moves_the_follow_ups(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    interview.decision_date = (timezone.now() + dt.timedelta(days=30)).date()
    interview.save()
    announce(interview, "decision_date")
    first = rows(interview)["follow_up_1"]
    assert first.due_at.date() > interview.decision_date


def test_changing_the_reminder_hour_reschedules_follow_ups(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    user.reminder_hour = 14
    user.time_zone = "Europe/Berlin"
    user.save()
    reminders_sync_for_user(user=user)
    first = rows(interview)["follow_up_1"]
    local = first.due_at.astimezone(user.zone)
    assert (local.hour, local.minute) == (14, 0)


def test_turning_reminders_off_cancels_and_on_again_revives(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    user.reminders_enabled = False
    user.save()
    reminders_sync_for_user(user=user)
    assert {r.state for r in rows(interview).values()} == {State.CANCELLED}
    user.reminders_enabled = True
    user.save()
    reminders_sync_for_user(user=user)
    assert {r.state for r in rows(interview).values()} == {State.PENDING}


def test_deleting_the_interview_deletes_its_reminders(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    interview.delete()
    assert not Reminder.objects.filter(user=user).exists()


def test_snoozing_a_sent_reminder_arms_it_again_with_a_new_message_id(user):
    interview = record_interview(user=user, ends_at=timezone.now())
    thank_you = rows(interview)["thank_you"]
    Reminder.objects.filter(pk=thank_you.pk).update(state=State.SENT, sent_at=timezone.now())
    thank_you.refresh_from_db()
    first_id = thank_you.message_id
    assert reminder_snooze(reminder=thank_you, choice="1d")
    thank_you.refresh_from_db()
    assert thank_you.state == State.PENDING
    assert thank_you.due_at > timezone.now() + dt.timedelta(hours=23)
    assert thank_you.message_id != first_id


def test_nothing_to_snooze_once_the_letters_are_sent(user):
    interview = record_interview(user=user, ends_at=timezone.now(), people=1)
    letter_mark_sent(
        letter=Letter.objects.get(interview=interview, kind="thank_you"), sent_on=timezone.localdate()
    )
    thank_you = rows(interview)["thank_you"]
    assert thank_you.state == State.CANCELLED
    assert not reminder_snooze(reminder=thank_you, choice="1d")
