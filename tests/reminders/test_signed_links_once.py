"""Each link in a reminder email acts once: a replayed link changes nothing and says it was used."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from letters.models import Letter
from letters.services import letter_mark_unsent
from reminders import services
from reminders.models import Reminder
from tests.reminders.helpers import deliver_one, record_interview

pytestmark = pytest.mark.django_db

State = Reminder.State


def _send_due(now: dt.datetime) -> str:
    """Sends every due reminder as the worker would; returns the text of the last email."""
    for pk, at in services.reminders_claim_due(now=now):
        deliver_one(reminder_id=pk, claimed_at=at)
    return mail.outbox[-1].body


def _links(body: str, kind: str) -> list[str]:
    return re.findall(rf"http://testserver(/r/[^/\s]+/{kind}/[^\s]*)", body)


def _snooze(body: str) -> str:
    """The email's snooze link without a choice (each choice adds its own last part)."""
    return re.sub(r"[^/]+/$", "", _links(body, "snooze")[0])


@pytest.fixture
def sent_email(user):
    """An interview whose thank-you reminder has gone out; the text of that email."""
    interview = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=3))
    body = _send_due(timezone.now())
    reminder = Reminder.objects.get(interview=interview, kind="thank_you")
    assert reminder.state == State.SENT
    return reminder, body


def test_a_replayed_snooze_link_never_arms_a_reminder_again(client, sent_email):
    reminder, body = sent_email
    snooze = _snooze(body)
    assert client.post(snooze + "1d/").status_code == 200
    reminder.refresh_from_db()
    assert reminder.state == State.PENDING

    # A day later the snoozed reminder goes out again.
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        sends = len(mail.outbox)
        _send_due(timezone.now())
        assert len(mail.outbox) == sends + 1
        reminder.refresh_from_db()
        assert reminder.state == State.SENT

        # The first email's link, used again, does nothing and says so.
        for again in (client.post(snooze + "1d/"), client.post(snooze + "1w/")):
            assert again.status_code == 409
            assert "already used" in again.content.decode()
        reminder.refresh_from_db()
        assert reminder.state == State.SENT
        page = client.get(snooze + "3d/").content.decode()
        assert "already used" in page
        assert "<form" not in page


def test_the_newest_emails_snooze_link_works_once(client, sent_email):
    reminder, body = sent_email
    snooze = _snooze(body)
    client.post(snooze + "1d/")
    with time_machine.travel(timezone.now() + dt.timedelta(days=2)):
        newer = _send_due(timezone.now())
        newer_snooze = _snooze(newer)
        assert newer_snooze != snooze
        assert client.post(newer_snooze + "3d/").status_code == 200
        reminder.refresh_from_db()
        assert reminder.state == State.PENDING
        assert client.post(newer_snooze + "3d/").status_code == 409


def test_an_old_mark_sent_link_does_not_mark_a_letter_the_user_marked_unsent(client, sent_email):
    reminder, body = sent_email
    mark_sent = _links(body, "sent")[0]
    done = client.post(mark_sent)
    assert done.status_code == 200
    letter = Letter.objects.get(interview=reminder.interview, kind="thank_you", status=Letter.Status.SENT)

    # The user had not sent it after all.
    letter_mark_unsent(letter=letter)

    again = client.post(mark_sent)
    assert again.status_code == 409
    assert "already used" in again.content.decode()
    letter.refresh_from_db()
    assert letter.status == Letter.Status.DRAFT
    page = client.get(mark_sent).content.decode()
    assert "already used" in page
    assert "<form" not in page


def test_the_link_pages_are_never_stored_by_a_cache(client, user, sent_email):
    from reminders import links

    reminder, body = sent_email
    urls = [*_links(body, "sent"), *_links(body, "snooze"), *_links(body, "unsubscribe")]
    urls.append("/r/not-a-token/sent/")
    # A link from before snooze links named their email.
    urls.append(f"/r/{links.make_token(links.SNOOZE, {'r': reminder.pk})}/snooze/1d/")
    for url in urls:
        for response in (client.get(url), client.post(url)):
            assert "no-store" in response.get("Cache-Control", ""), url
