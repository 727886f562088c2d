"""The /reminders/ page: upcoming, sent and failed, with snooze, cancel and retry."""

import datetime as dt

import pytest
from django.utils import timezone

from reminders.models import Reminder
from tests.reminders.helpers import record_interview

pytestmark = pytest.mark.django_db

State = Reminder.State


def test_the_page_lists_upcoming_sent_and_failed(signed_in, user):
    interview = record_interview(user=user, ends_at=timezone.now())
    rows = {r.kind: r for r in Reminder.objects.filter(interview=interview)}
    Reminder.objects.filter(pk=rows["follow_up_2"].pk).update(
        state=State.FAILED, last_error="550 No such mailbox"
    )
    Reminder.objects.filter(pk=rows["follow_up_1"].pk).update(state=State.SENT, sent_at=timezone.now())
    page = signed_in.get("/reminders/").content.decode()
    assert "Could not be sent" in page
    assert "550 No such mailbox" in page
    assert "Thank-you reminder" in page
    assert "Sent" in page


def test_empty_page_says_what_to_do_next(signed_in):
    page = signed_in.get("/reminders/").content.decode()
    assert "Record an interview" in page


def test_snooze_from_the_app(signed_in, user):
    interview = record_interview(user=user, ends_at=timezone.now())
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    response = signed_in.post(f"/reminders/{reminder.pk}/snooze/", {"choice": "1w"}, follow=True)
    assert "Snoozed" in response.content.decode()
    reminder.refresh_from_db()
    assert reminder.due_at > timezone.now() + dt.timedelta(days=6)


def test_a_bad_snooze_choice_is_a_message_not_an_error(signed_in, user):
    interview = record_interview(user=user, ends_at=timezone.now())
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    response = signed_in.post(f"/reminders/{reminder.pk}/snooze/", {"choice": "forever"}, follow=True)
    assert response.status_code == 200
    assert "Choose how long to snooze" in response.content.decode()


def test_cancel_and_retry(signed_in, user):
    interview = record_interview(user=user, ends_at=timezone.now())
    rows = {r.kind: r for r in Reminder.objects.filter(interview=interview)}
    signed_in.post(f"/reminders/{rows['thank_you'].pk}/dismiss/")
    rows["thank_you"].refresh_from_db()
    assert rows["thank_you"].state == State.CANCELLED

    Reminder.objects.filter(pk=rows["follow_up_1"].pk).update(state=State.FAILED, attempts=8)
    signed_in.post(f"/reminders/{rows['follow_up_1'].pk}/retry/")
    rows["follow_up_1"].refresh_from_db()
    assert rows["follow_up_1"].state == State.PENDING
    assert rows["follow_up_1"].attempts == 0


def test_another_users_reminder_is_404(client, user, other_user):
    interview = record_interview(user=user, ends_at=timezone.now())
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    client.force_login(other_user)
    for action in ("snooze", "dismiss", "retry"):
        assert client.post(f"/reminders/{reminder.pk}/{action}/", {"choice": "1d"}).status_code == 404
    reminder.refresh_from_db()
    assert reminder.state == State.PENDING


@pytest.mark.parametrize("count", [5, 60])
def test_the_page_runs_a_constant_number_of_queries(signed_in, user, count, django_assert_max_num_queries):
    for _ in range(count // 3):
        record_interview(user=user, ends_at=timezone.now(), people=1)
    # Three more on a first visit: the data stamp and the next change (page_cache).
    with django_assert_max_num_queries(11):
        assert signed_in.get("/reminders/").status_code == 200


def test_healthz_reports_late_reminders(client, user):
    from followup.health import heartbeat_record

    heartbeat_record()
    interview = record_interview(user=user, ends_at=timezone.now())
    Reminder.objects.filter(interview=interview, kind="thank_you").update(
        next_attempt_at=timezone.now() - dt.timedelta(minutes=10)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["reminders"].startswith("late")


def test_a_sent_reminder_snoozed_to_come_again_stays_in_the_history(signed_in, user):
    interview = record_interview(user=user, ends_at=timezone.now())
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    Reminder.objects.filter(pk=reminder.pk).update(state=State.SENT, sent_at=timezone.now())
    signed_in.post(f"/reminders/{reminder.pk}/snooze/", {"choice": "1d"})
    page = signed_in.get("/reminders/").content.decode()
    sent_section = page[page.index('id="sent-heading"') :]
    assert "Thank-you reminder" in sent_section
    assert "No reminder has been sent yet" not in page
