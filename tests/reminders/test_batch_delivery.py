"""Sending claimed reminders in batches, over one SMTP connection per worker process."""

import datetime as dt

import pytest
from django.utils import timezone

from reminders import delivery, emails, services
from reminders.models import Reminder
from reminders.tasks import SEND_BATCH
from tests.reminders.helpers import deliver_one, digest_user_with_three_follow_ups_due, record_interview

pytestmark = pytest.mark.django_db

State = Reminder.State


@pytest.fixture(autouse=True)
def _fresh_connection():
    delivery._drop_connection()
    yield
    delivery._drop_connection()


def due_thank_yous(user, count: int) -> list[Reminder]:
    ended = timezone.now() - dt.timedelta(hours=2, minutes=1)
    interviews = [record_interview(user=user, ends_at=ended, people=1) for _ in range(count)]
    return [Reminder.objects.get(interview=i, kind="thank_you") for i in interviews]


def test_a_batch_sends_one_email_per_reminder_and_marks_each_sent(user, smtp_settings):
    reminders = due_thank_yous(user, 3)
    claims = services.reminders_claim_due(now=timezone.now())
    assert delivery.reminders_deliver_batch(claims=claims) == ["sent", "sent", "sent"]
    assert sorted(smtp_settings.message_ids()) == sorted(r.message_id for r in reminders)
    assert set(Reminder.objects.filter(user=user, kind="thank_you").values_list("state", flat=True)) == {
        State.SENT
    }


def test_claims_no_longer_held_are_skipped_and_the_rest_sent(user, smtp_settings):
    due_thank_yous(user, 2)
    (first, at), (second, second_at) = services.reminders_claim_due(now=timezone.now())
    Reminder.objects.filter(pk=first).update(claimed_at=at + dt.timedelta(seconds=1))  # a reclaim took it
    assert delivery.reminders_deliver_batch(claims=[(first, at), (second, second_at)]) == ["skipped", "sent"]
    assert len(smtp_settings.messages) == 1


def test_a_connection_the_server_dropped_is_replaced_and_the_email_sent(user, smtp_settings):
    due_thank_yous(user, 2)
    (first, at), (second, second_at) = services.reminders_claim_due(now=timezone.now())
    assert deliver_one(reminder_id=first, claimed_at=at) == "sent"
    delivery._smtp.backend.connection.sock.close()  # as a server closing an idle client does
    assert deliver_one(reminder_id=second, claimed_at=second_at) == "sent"
    assert len(smtp_settings.messages) == 2


def test_an_unreachable_server_puts_the_whole_batch_back_to_pending(user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False
    due_thank_yous(user, 3)
    claims = services.reminders_claim_due(now=timezone.now())
    assert delivery.reminders_deliver_batch(claims=claims) == ["retry", "retry", "retry"]
    for reminder in Reminder.objects.filter(user=user, kind="thank_you"):
        assert reminder.state == State.PENDING
        assert reminder.next_attempt_at > timezone.now()
        assert reminder.attempts == 1


def test_one_reminder_that_cannot_be_built_does_not_hold_up_the_others(user, smtp_settings, monkeypatch):
    broken, *others = due_thank_yous(user, 3)
    build = emails.reminder_email

    def reminder_email(*, reminder, section):
        if reminder.pk == broken.pk:
            raise RuntimeError("a bug in one email")
        return build(reminder=reminder, section=section)

    monkeypatch.setattr(emails, "reminder_email", reminder_email)
    claims = sorted(services.reminders_claim_due(now=timezone.now()))
    outcomes = dict(
        zip([pk for pk, _at in claims], delivery.reminders_deliver_batch(claims=claims), strict=True)
    )
    assert outcomes == {broken.pk: "error", **{r.pk: "sent" for r in others}}
    broken.refresh_from_db()
    assert broken.state == State.SENDING  # taken back by the sweeper after REMINDER_LEASE


def test_the_sweeper_hands_out_claims_in_batches(user, django_capture_on_commit_callbacks, monkeypatch):
    from reminders import tasks

    due_thank_yous(user, SEND_BATCH + 1)
    sent = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda claims: sent.append(claims))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_due_reminders() == SEND_BATCH + 1
    assert [len(batch) for batch in sent] == [SEND_BATCH, 1]


def test_the_sweeper_hands_out_its_first_claims_before_claiming_the_rest(
    user, django_capture_on_commit_callbacks, monkeypatch
):
    from reminders import tasks

    monkeypatch.setattr(tasks, "SEND_BATCH", 2)
    monkeypatch.setattr(tasks, "FIRST_CLAIM", 2)
    reminders = due_thank_yous(user, 5)
    sent = []
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda claims: sent.append(claims))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_due_reminders() == 5
    assert [len(batch) for batch in sent] == [2, 2, 1]
    assert sorted(int(pk) for batch in sent for pk, _at in batch) == sorted(r.pk for r in reminders)
    assert set(Reminder.objects.filter(user=user, kind="thank_you").values_list("state", flat=True)) == {
        State.SENDING
    }


def test_a_digest_split_between_the_sweeps_two_claims_is_still_one_email(
    user, django_capture_on_commit_callbacks, monkeypatch
):
    from reminders import tasks

    digest_user_with_three_follow_ups_due(user)
    monkeypatch.setattr(tasks, "FIRST_CLAIM", 2)
    digests = []
    monkeypatch.setattr(tasks.send_digest, "delay", lambda user_id, claims: digests.append((user_id, claims)))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_due_reminders() == 3
    assert [(user_id, len(claims)) for user_id, claims in digests] == [(user.pk, 3)]


def test_a_row_reclaimed_while_its_batch_is_being_sent_is_left_to_the_new_claim(user, monkeypatch, settings):
    """The sweeper takes back a row whose lease ran out during a slow batch: only the new claim sends it."""
    import datetime as dt

    from django.core import mail
    from django.utils import timezone

    from reminders import delivery, services
    from tests.reminders.helpers import record_interview

    for _ in range(2):
        record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=3), people=1)
    claims = services.reminders_claim_due(now=timezone.now())
    assert len(claims) == 2
    # A lease shorter than the batch takes: every row's claim may lapse while the batch is being sent.
    settings.REMINDER_LEASE = 0.0
    real_send = delivery._send

    def slow_server_then_the_sweeper_runs(message):
        real_send(message)
        # While the first email is handed over, the second row's lease runs out and the sweeper
        # takes it back (the first row's own window, before it is marked sent, is the accepted one).
        Reminder.objects.filter(pk=claims[1][0], state="sending").update(
            state="pending", next_attempt_at=timezone.now()
        )

    monkeypatch.setattr(delivery, "_send", slow_server_then_the_sweeper_runs)
    outcomes = delivery.reminders_deliver_batch(claims=claims)
    assert outcomes[0] == "sent"
    assert outcomes[1] == "skipped"
    assert len(mail.outbox) == 1

    monkeypatch.setattr(delivery, "_send", real_send)
    [(pk, at)] = services.reminders_claim_due(now=timezone.now())
    assert pk == claims[1][0]
    assert delivery.reminders_deliver_batch(claims=[(pk, at)]) == ["sent"]
    assert len(mail.outbox) == 2
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 2
