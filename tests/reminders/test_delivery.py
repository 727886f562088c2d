"""Claiming due reminders and sending them: the email a user gets, and what each outcome does to the row."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from letters.models import Letter
from letters.services import letter_mark_sent
from reminders import delivery, services
from reminders.models import Reminder
from reminders.tasks import sweep_due_reminders
from tests.reminders.helpers import deliver_one, digest_user_with_three_follow_ups_due, record_interview

pytestmark = pytest.mark.django_db

State = Reminder.State


def due_thank_you(user, **kwargs):
    interview = record_interview(
        user=user, ends_at=timezone.now() - dt.timedelta(hours=2, minutes=1), **kwargs
    )
    return interview, Reminder.objects.get(interview=interview, kind="thank_you")


def claim_and_deliver(now=None) -> list[str]:
    claims = services.reminders_claim_due(now=now or timezone.now())
    return [deliver_one(reminder_id=pk, claimed_at=at) for pk, at in claims]


def test_a_due_thank_you_sends_one_email_with_every_draft(user):
    user.time_zone = "America/New_York"
    user.save()
    interview, reminder = due_thank_you(user)
    assert claim_and_deliver() == ["sent"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert (
        message.subject == f"Send your thank-you to Priya Singh and Sam O'Neill at {interview.company.name}"
    )
    html = message.alternatives[0][0]
    for letter in Letter.objects.filter(interview=interview, kind="thank_you"):
        assert letter.body.splitlines()[0] in message.body
        assert letter.subject in message.body
    assert "Priya Singh" in html and "Sam O&#x27;Neill" in html
    assert message.extra_headers["Message-ID"] == reminder.message_id
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/r/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The end time reads in the user's zone (New York), not UTC.
    local_end = interview.ends_at.astimezone(user.zone)
    assert local_end.strftime("%H:%M") in message.body
    reminder.refresh_from_db()
    assert reminder.state == State.SENT


def test_the_email_names_only_people_still_without_a_sent_thank_you(user):
    interview, _reminder = due_thank_you(user)
    priya = Letter.objects.get(interview=interview, kind="thank_you", contact__name="Priya Singh")
    letter_mark_sent(letter=priya, sent_on=timezone.localdate())
    claim_and_deliver()
    assert len(mail.outbox) == 1
    assert "Sam O'Neill" in mail.outbox[0].subject
    assert "Priya Singh" not in mail.outbox[0].body


def test_nothing_is_sent_when_every_letter_was_marked_sent_first(user):
    interview, reminder = due_thank_you(user)
    for letter in Letter.objects.filter(interview=interview, kind="thank_you"):
        letter_mark_sent(letter=letter, sent_on=timezone.localdate())
    assert claim_and_deliver() == []
    assert mail.outbox == []


def test_a_duplicate_task_sends_nothing(user):
    _interview, reminder = due_thank_you(user)
    [(pk, at)] = services.reminders_claim_due(now=timezone.now())
    assert deliver_one(reminder_id=pk, claimed_at=at) == "sent"
    assert deliver_one(reminder_id=pk, claimed_at=at) == "skipped"
    assert len(mail.outbox) == 1


def test_a_second_sweep_claims_nothing_already_claimed(user):
    due_thank_you(user)
    now = timezone.now()
    assert len(services.reminders_claim_due(now=now)) == 1
    assert services.reminders_claim_due(now=now) == []


def test_a_stale_claim_is_reclaimed_and_the_old_task_does_nothing(user, settings):
    _interview, reminder = due_thank_you(user)
    now = timezone.now()
    [(pk, old_claim)] = services.reminders_claim_due(now=now)
    later = now + dt.timedelta(seconds=settings.REMINDER_LEASE + 1)
    assert services.reminders_reclaim_stale(now=later) == 1
    [(pk2, new_claim)] = services.reminders_claim_due(now=later)
    assert pk2 == pk
    assert deliver_one(reminder_id=pk, claimed_at=old_claim) == "skipped"
    assert deliver_one(reminder_id=pk, claimed_at=new_claim) == "sent"
    assert len(mail.outbox) == 1


def test_reminders_not_yet_due_are_left_alone(user):
    record_interview(user=user, ends_at=timezone.now())
    assert services.reminders_claim_due(now=timezone.now()) == []


def test_the_sweeper_task_claims_and_enqueues(user, django_capture_on_commit_callbacks, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    from followup.celery import app

    app.conf.task_always_eager = True
    try:
        due_thank_you(user)
        with django_capture_on_commit_callbacks(execute=True):
            assert sweep_due_reminders() == 1
    finally:
        app.conf.task_always_eager = False
    assert len(mail.outbox) == 1


def test_a_temporary_smtp_error_puts_the_row_back_with_a_later_attempt(user, smtp_settings):
    smtp_settings.refuse("421 4.3.2 Try again later")
    _interview, reminder = due_thank_you(user)
    assert claim_and_deliver() == ["retry"]
    reminder.refresh_from_db()
    assert reminder.state == State.PENDING
    assert reminder.next_attempt_at > timezone.now()
    assert "421" in reminder.last_error
    assert reminder.attempts == 1


def test_a_permanent_smtp_error_fails_the_row_for_good(user, smtp_settings):
    smtp_settings.refuse("550 5.1.1 No such mailbox")
    _interview, reminder = due_thank_you(user)
    assert claim_and_deliver() == ["failed"]
    reminder.refresh_from_db()
    assert reminder.state == State.FAILED
    assert "550" in reminder.last_error
    assert services.reminders_claim_due(now=timezone.now() + dt.timedelta(days=1)) == []


def test_too_many_temporary_failures_end_in_failed(user, smtp_settings, settings):
    settings.REMINDER_MAX_ATTEMPTS = 2
    smtp_settings.refuse("451 4.7.1 Greylisted")
    _interview, reminder = due_thank_you(user)
    claim_and_deliver()
    claim_and_deliver(now=timezone.now() + dt.timedelta(minutes=5))
    reminder.refresh_from_db()
    assert reminder.state == State.FAILED
    assert reminder.attempts == 2


def test_an_unreachable_mail_server_is_temporary(user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False
    _interview, reminder = due_thank_you(user)
    assert claim_and_deliver() == ["retry"]
    reminder.refresh_from_db()
    assert reminder.state == State.PENDING


def test_a_real_smtp_server_receives_text_and_html_with_the_message_id(user, smtp_settings):
    _interview, reminder = due_thank_you(user)
    claim_and_deliver()
    [received] = smtp_settings.messages
    message = received.message
    assert message["Message-ID"] == reminder.message_id
    assert message.get_body(("plain",)) is not None
    assert message.get_body(("html",)) is not None
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_follow_up_reminder_carries_follow_up_drafts(user):
    interview = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(days=20))
    Reminder.objects.filter(interview=interview).exclude(kind="follow_up_1").delete()
    Reminder.objects.filter(interview=interview).update(next_attempt_at=timezone.now())
    assert claim_and_deliver() == ["sent"]
    message = mail.outbox[0]
    assert message.subject.startswith("Time to follow up with Priya Singh and Sam O'Neill")
    drafts = Letter.objects.filter(interview=interview, kind="follow_up_1")
    assert drafts.count() == 2
    for letter in drafts:
        assert letter.subject in message.body


def test_digest_users_get_one_email_for_all_follow_ups_due(user):
    digest_user_with_three_follow_ups_due(user)
    claims = services.reminders_claim_due(now=timezone.now())
    alone, digests = delivery.group_claims(claims)
    assert alone == []
    assert delivery.reminders_deliver_digest(user_id=user.pk, claims=digests[user.pk]) == "sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Follow-ups due today")
    assert set(Reminder.objects.filter(user=user).values_list("state", flat=True)) == {State.SENT}


def test_thank_you_reminders_never_wait_for_a_digest(user):
    user.follow_up_digest = True
    user.save()
    _interview, reminder = due_thank_you(user)
    claims = services.reminders_claim_due(now=timezone.now())
    alone, digests = delivery.group_claims(claims)
    assert [pk for pk, _at in alone] == [reminder.pk]
    assert digests == {}
