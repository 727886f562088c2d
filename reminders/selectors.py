"""Reads for the reminders pages and the dashboard."""

import datetime as dt

from django.db.models import QuerySet

from followup.models import User
from reminders.models import Reminder

UPCOMING = (Reminder.State.PENDING, Reminder.State.SENDING)


def _base(user: User) -> QuerySet[Reminder]:
    return Reminder.objects.filter(user=user).select_related("interview__company")


def reminders_upcoming(*, user: User) -> QuerySet[Reminder]:
    return _base(user).filter(state__in=UPCOMING).order_by("due_at")


def reminders_sent(*, user: User) -> QuerySet[Reminder]:
    """Every reminder that went out, including ones snoozed since to come again (history is kept)."""
    return _base(user).filter(sent_at__isnull=False).order_by("-sent_at")


def reminders_failed(*, user: User) -> QuerySet[Reminder]:
    return _base(user).filter(state=Reminder.State.FAILED).order_by("-updated_at")


def reminders_due_soon(*, user: User, now: dt.datetime, within: dt.timedelta) -> QuerySet[Reminder]:
    """Pending reminders already due or due within `within`, for the dashboard."""
    return reminders_upcoming(user=user).filter(due_at__lte=now + within)
