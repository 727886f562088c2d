"""The links in reminder emails: a GET only asks, a POST acts, and only a genuine, fresh link works."""

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from letters.models import Letter
from reminders import links
from reminders.models import Reminder
from tests.reminders.helpers import deliver_one, record_interview

pytestmark = pytest.mark.django_db

State = Reminder.State


@pytest.fixture
def interview(user):
    return record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=3))


@pytest.fixture
def thank_you(interview):
    return Reminder.objects.get(interview=interview, kind="thank_you")


def path(url: str) -> str:
    return url.removeprefix("http://testserver")


def priya(interview):
    return interview.participants.get(contact__name="Priya Singh").contact


def letter_state(interview, contact) -> str:
    return Letter.objects.get(interview=interview, contact=contact, kind="thank_you").status


def test_mark_sent_link_asks_on_get_and_acts_on_post_without_sign_in(client, interview, thank_you):
    contact = priya(interview)
    url = path(links.mark_sent_url(reminder_id=thank_you.pk, contact_id=contact.pk))

    page = client.get(url)
    assert page.status_code == 200
    assert "Mark your letter to Priya Singh as sent?" in page.content.decode()
    assert letter_state(interview, contact) == "draft"

    done = client.post(url)  # no CSRF token: the signature is the proof
    assert done.status_code == 200
    assert "Marked sent" in done.content.decode()
    assert letter_state(interview, contact) == "sent"
    # The other person still needs theirs, so the reminder is still on.
    thank_you.refresh_from_db()
    assert thank_you.state in (State.PENDING, State.SENT)


def test_snooze_link_snoozes_only_that_reminder(client, interview, thank_you):
    url = path(links.snooze_url(reminder_id=thank_you.pk, sequence=thank_you.sequence)) + "3d/"
    assert "Remind me again in three days?" in client.get(url).content.decode()
    thank_you.refresh_from_db()
    due_before = thank_you.due_at

    response = client.post(url)
    assert response.status_code == 200
    assert "Snoozed" in response.content.decode()
    thank_you.refresh_from_db()
    assert thank_you.due_at > due_before + dt.timedelta(days=2)
    follow_up = Reminder.objects.get(interview=interview, kind="follow_up_1")
    assert follow_up.due_at != thank_you.due_at


def test_snooze_link_without_a_choice_offers_the_three(client, thank_you):
    page = client.get(
        path(links.snooze_url(reminder_id=thank_you.pk, sequence=thank_you.sequence))
    ).content.decode()
    for label in ("a day", "three days", "a week"):
        assert f"In {label}" in page


def test_tampered_link_changes_nothing(client, interview, thank_you):
    url = path(links.snooze_url(reminder_id=thank_you.pk, sequence=thank_you.sequence))
    token = url.split("/")[2]
    tampered = url.replace(token, token[:-3] + ("abc" if not token.endswith("abc") else "xyz")) + "1d/"
    due_before = thank_you.due_at
    response = client.post(tampered)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    thank_you.refresh_from_db()
    assert thank_you.due_at == due_before


def test_expired_link_changes_nothing(client, interview, thank_you):
    contact = priya(interview)
    url = path(links.mark_sent_url(reminder_id=thank_you.pk, contact_id=contact.pk))
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        response = client.post(url)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert letter_state(interview, contact) == "draft"


def test_a_link_for_one_action_cannot_do_another(client, interview, thank_you):
    snooze_token = path(links.snooze_url(reminder_id=thank_you.pk, sequence=thank_you.sequence)).split("/")[2]
    response = client.post(f"/r/{snooze_token}/unsubscribe/")
    assert response.status_code == 400
    thank_you.user.refresh_from_db()
    assert thank_you.user.reminders_enabled is True


def test_another_reminders_link_acts_only_on_its_own_reminder(client, user, interview, thank_you):
    other = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(hours=3))
    other_thank_you = Reminder.objects.get(interview=other, kind="thank_you")
    other_due = other_thank_you.due_at
    client.post(path(links.snooze_url(reminder_id=thank_you.pk, sequence=thank_you.sequence)) + "1w/")
    other_thank_you.refresh_from_db()
    assert other_thank_you.due_at == other_due
    # A mark-sent link naming a person from another interview finds nobody there.
    url = path(links.mark_sent_url(reminder_id=thank_you.pk, contact_id=priya(other).pk))
    assert client.post(url).status_code == 404
    assert letter_state(other, priya(other)) == "draft"


def test_plain_get_never_changes_anything(client, user, interview, thank_you):
    contact = priya(interview)
    due_before = thank_you.due_at
    client.get(path(links.mark_sent_url(reminder_id=thank_you.pk, contact_id=contact.pk)))
    client.get(path(links.snooze_url(reminder_id=thank_you.pk, sequence=thank_you.sequence)) + "1d/")
    client.get(path(links.unsubscribe_url(user_id=user.pk)))
    thank_you.refresh_from_db()
    user.refresh_from_db()
    assert thank_you.due_at == due_before
    assert letter_state(interview, contact) == "draft"
    assert user.reminders_enabled is True


def test_one_click_unsubscribe_turns_reminders_off_and_cancels_pending(client, user, interview):
    url = path(links.unsubscribe_url(user_id=user.pk))
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.reminders_enabled is False
    assert set(Reminder.objects.filter(user=user).values_list("state", flat=True)) == {State.CANCELLED}


def test_the_email_links_lead_to_working_pages(client, user, interview, thank_you):
    from reminders import services

    [(pk, at)] = services.reminders_claim_due(now=timezone.now())
    deliver_one(reminder_id=pk, claimed_at=at)
    body = mail.outbox[0].body
    urls = re.findall(r"http://testserver(/r/\S+)", body)
    assert len(urls) >= 5  # two mark-sent, three snoozes (and unsubscribe)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_email_opens_each_draft_and_the_interview_for_its_owner(signed_in, interview, thank_you):
    from reminders import services

    [(pk, at)] = services.reminders_claim_due(now=timezone.now())
    deliver_one(reminder_id=pk, claimed_at=at)
    body = mail.outbox[0].body
    editors = re.findall(r"Edit this draft: http://testserver(\S+)", body)
    letters = Letter.objects.filter(interview=interview, kind="thank_you").order_by("pk")
    assert sorted(editors) == sorted(letter.get_absolute_url() for letter in letters)
    for url in editors:
        page = signed_in.get(url)
        assert page.status_code == 200
        assert interview.role in page.content.decode()


def test_links_follow_the_script_prefix_the_site_is_served_under(settings, interview, thank_you):
    from django.urls import reverse, set_script_prefix

    letter = Letter.objects.filter(interview=interview).first()
    try:
        for prefix in ("/", "/followup/", "/"):
            set_script_prefix(prefix)
            urls = links.EmailLinks()
            site = settings.SITE_URL
            assert urls.letter(letter.pk) == site + reverse("letters:edit", args=[letter.pk])
            assert urls.interview(interview.pk) == site + interview.get_absolute_url()
            snooze = urls.snooze(reminder_id=thank_you.pk, sequence=1)
            token = snooze.removeprefix(site).split("/")[-3]
            assert snooze == site + reverse("signed:snooze", args=[token])
    finally:
        set_script_prefix("/")
