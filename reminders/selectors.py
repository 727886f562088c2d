"""Reads for the reminders pages, the dashboard and the confirm pages behind the email links."""

import datetime as dt

from django.db.models import Min, Q, QuerySet

from followup.models import Contact, Participant, User
from letters.models import Letter
from reminders.models import Reminder

UPCOMING = (Reminder.State.PENDING, Reminder.State.SENDING)
# The dashboard lists follow-ups due within this long.
DUE_SOON = dt.timedelta(days=1)


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


def reminders_next_change(user: User, now: dt.datetime) -> dt.datetime | None:
    """The next moment after `now` at which a reminder comes due ("Due now") or enters the dashboard's
    due-soon list; for cached pages (followup/views/page_cache.py). Sent and cancelled ones count too:
    a page may show their times, and an extra rendering costs little."""
    found = Reminder.objects.filter(user=user).aggregate(
        due=Min("due_at", filter=Q(due_at__gt=now)),
        soon=Min("due_at", filter=Q(due_at__gt=now + DUE_SOON)),
    )
    moments = [found["due"], found["soon"] - DUE_SOON if found["soon"] else None]
    return min((moment for moment in moments if moment is not None), default=None)


def reminder_for_link(*, pk: object) -> Reminder | None:
    """The reminder a signed link names, with what its confirm page shows; None if it is gone."""
    if not isinstance(pk, int):
        return None
    return (
        Reminder.objects.select_related("user", "interview__company", "interview__user").filter(pk=pk).first()
    )


def participant_for_link(*, reminder: Reminder | None, contact_id: object) -> Participant | None:
    """The person a mark-sent link names, if they are still among the reminder's interview's people."""
    if reminder is None or not isinstance(contact_id, int):
        return None
    return (
        Participant.objects.select_related("contact")
        .filter(interview=reminder.interview, contact_id=contact_id)
        .first()
    )


def letter_for_link(*, reminder: Reminder, contact: Contact) -> Letter | None:
    """The letter a mark-sent link is about: this person's, of the kind the reminder carries."""
    return Letter.objects.filter(
        interview=reminder.interview, contact=contact, kind=reminder.letter_kind
    ).first()
