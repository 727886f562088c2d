"""Builders for reminder tests: an interview recorded the way the app records one."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from followup.models import Interview
from followup.signals import interview_changed
from reminders.delivery import reminders_deliver_batch
from reminders.models import Reminder
from tests.factories import ContactFactory, InterviewFactory, ParticipantFactory


def record_interview(*, user, ends_at: dt.datetime, people: int = 2, **fields) -> Interview:
    """Creates an interview with `people` participants and announces it, as the interview form does."""
    with transaction.atomic():
        interview = InterviewFactory(
            user=user, starts_at=ends_at - dt.timedelta(hours=1), ends_at=ends_at, **fields
        )
        names = ["Priya Singh", "Sam O'Neill", "Amara Okafor", "Lee Chen"]
        for i in range(people):
            contact = ContactFactory(user=user, company=interview.company, name=names[i % len(names)])
            ParticipantFactory(
                interview=interview, contact=contact, position=i, discussed=f"topic number {i}"
            )
        interview_changed.send(
            sender=Interview, interview=interview, created=True, changes={"people", "times"}
        )
    return interview


def announce(interview: Interview, *changes: str) -> None:
    interview_changed.send(sender=Interview, interview=interview, created=False, changes=set(changes))


def deliver_one(*, reminder_id: int, claimed_at: dt.datetime) -> str:
    """Sends one claimed reminder as a batch of one; returns what happened to it."""
    return reminders_deliver_batch(claims=[(reminder_id, claimed_at)])[0]


def digest_user_with_three_follow_ups_due(user) -> Interview:
    """Turns on the follow-up digest and gives the user three interviews whose first follow-ups are due
    now (their other reminders removed); returns the last interview."""
    user.follow_up_digest = True
    user.save()
    for _ in range(3):
        interview = record_interview(user=user, ends_at=timezone.now() - dt.timedelta(days=20), people=1)
        Reminder.objects.filter(interview=interview).exclude(kind="follow_up_1").delete()
    Reminder.objects.filter(user=user).update(next_attempt_at=timezone.now())
    return interview
