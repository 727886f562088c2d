"""The reminders part of /healthz: how late the oldest due pending reminder is."""

import datetime as dt

from django.conf import settings
from django.db.models import Min

from reminders.models import Reminder


def check_reminder_lateness(now: dt.datetime) -> tuple[str, bool, str]:
    oldest = Reminder.objects.filter(state=Reminder.State.PENDING, next_attempt_at__lte=now).aggregate(
        oldest=Min("next_attempt_at")
    )["oldest"]
    if oldest is None:
        return "reminders", True, "ok"
    late = (now - oldest).total_seconds()
    # A few sweeps' worth of delay is normal; more means the sweeper or the workers are not keeping up.
    allowed = max(3 * settings.SCHEDULER_INTERVAL, 90)
    if late > allowed:
        return "reminders", False, f"late: the oldest due reminder is {int(late)} s overdue"
    return "reminders", True, f"ok: oldest due reminder {int(late)} s overdue"
