"""Bulk demo interviews get letters and reminders like recorded ones, through the demo extensions."""

import pytest
from django.db.models import Count
from django.utils import timezone

from followup import demo
from followup.management.commands.demo import DEMO_EXTENSIONS
from followup.models import Interview, Participant
from letters.models import Letter
from reminders.models import Reminder

pytestmark = pytest.mark.django_db


def test_bulk_interviews_get_drafts_for_each_person_and_three_reminders():
    demo.build_demo(
        extensions=DEMO_EXTENSIONS, password="a long demo password", users=2, interviews_per_user=20
    )
    bulk = Interview.objects.filter(user__in=demo.bulk_users_queryset())
    assert bulk.count() == 40

    # Drafts exist for the interviews that have ended; those still ahead get theirs when they end.
    ended = Participant.objects.filter(interview__in=bulk, interview__ends_at__lt=timezone.now()).count()
    assert Letter.objects.filter(interview__in=bulk, kind="thank_you").count() == ended
    assert Letter.objects.filter(interview__in=bulk, kind="follow_up_1").count() == ended
    assert not Letter.objects.filter(interview__in=bulk, interview__ends_at__gt=timezone.now()).exists()
    assert all(letter.body.strip() for letter in Letter.objects.filter(interview__in=bulk))

    per_interview = bulk.annotate(n=Count("reminders")).values_list("n", flat=True)
    assert set(per_interview) == {3}
    now = timezone.now()
    assert not Reminder.objects.filter(interview__in=bulk, state="pending", due_at__lte=now).exists()
    assert not Reminder.objects.filter(interview__in=bulk, state="sent", due_at__gt=now).exists()
