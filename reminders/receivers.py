"""Keeps reminder rows in step with what the core and the letters app announce."""

from django.dispatch import receiver

from followup.models import User
from followup.signals import interview_changed, preferences_changed
from letters.signals import letter_sent, letter_unsent
from reminders import services

# Preference fields that change when or whether reminders go out.
SCHEDULE_FIELDS = {"time_zone", "country", *User.REMINDER_FIELDS}


@receiver(interview_changed, dispatch_uid="reminders.interview_changed")
def on_interview_changed(sender, interview, created=False, changes=frozenset(), **kwargs):
    moved = created or bool(set(changes) & {"times", "decision_date"})
    services.reminders_sync(interview=interview, reschedule=moved)


@receiver(preferences_changed, dispatch_uid="reminders.preferences_changed")
def on_preferences_changed(sender, user, changes=frozenset(), **kwargs):
    if set(changes) & SCHEDULE_FIELDS:
        services.reminders_sync_for_user(user=user, reschedule=True)


@receiver(letter_sent, dispatch_uid="reminders.letter_sent")
@receiver(letter_unsent, dispatch_uid="reminders.letter_unsent")
def on_letter_marked(sender, letter, **kwargs):
    services.reminders_sync(interview=letter.interview)
