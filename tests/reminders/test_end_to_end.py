"""End to end with real processes: Celery beat and a worker, PostgreSQL, Redis and an SMTP server."""

import datetime as dt

import pytest
from django.utils import timezone

from followup.celery import app
from letters.models import Letter
from letters.services import letter_mark_sent
from reminders.models import Reminder
from tests.reminders.helpers import record_interview
from tests.waiting import wait_for, wait_sweeps

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pipeline(celery_process, smtp_sink):
    app.control.purge()

    def start():
        worker = celery_process("worker", EMAIL_URL=smtp_sink.url)
        celery_process("beat")
        return worker

    return start


def test_an_interview_that_ended_two_hours_ago_yields_exactly_one_thank_you_email(pipeline, smtp_sink, user):
    interview = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=2, minutes=1))
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    worker = pipeline()

    wait_for(lambda: smtp_sink.messages, timeout=90, what="the thank-you email", log=worker.log)
    wait_for(
        lambda: Reminder.objects.filter(pk=reminder.pk, state="sent").exists(), what="the row marked sent"
    )
    wait_sweeps(3)

    assert len(smtp_sink.messages) == 1
    message = smtp_sink.messages[0].message
    assert message["Message-ID"] == reminder.message_id
    assert message["To"] == user.email
    assert "Priya Singh" in message["Subject"] and interview.company.name in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    for letter in Letter.objects.filter(interview=interview, kind="thank_you"):
        assert letter.subject in text
        assert letter.body.splitlines()[0] in text


def test_marking_the_letters_sent_first_yields_no_email(pipeline, smtp_sink, user):
    interview = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=2, minutes=1))
    for letter in Letter.objects.filter(interview=interview, kind="thank_you"):
        letter_mark_sent(letter=letter, sent_on=timezone.localdate())
    pipeline()
    wait_sweeps(4)
    assert smtp_sink.messages == []
    assert Reminder.objects.get(interview=interview, kind="thank_you").state == "cancelled"
