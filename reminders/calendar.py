"""The reminders' part of the calendar feed: the day each thank-you and follow-up is due, naming the people
still to write to. Registered with followup.calendar_feed.FEED_SOURCES in RemindersConfig.ready."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Count, Max, Q

from followup.calendar_feed import FeedEvent, FeedSource, sequence_for
from followup.models import Participant, User
from followup.services.calendar import feed_domain
from letters.models import Letter
from reminders.models import Reminder

# Short events: a nudge in the calendar, not a block of time.
LENGTH = dt.timedelta(minutes=15)
UPCOMING = (Reminder.State.PENDING, Reminder.State.SENDING)
TITLES: dict[str, str] = {
    Reminder.Kind.THANK_YOU: "Send thank-yous",
    Reminder.Kind.FOLLOW_UP_1: "Follow up",
    Reminder.Kind.FOLLOW_UP_2: "Second follow-up",
}


def feed_stamp(*, user: User) -> str:
    """Changes whenever a reminder or a letter of the user does: two aggregate queries."""
    reminders = Reminder.objects.filter(user=user).aggregate(n=Count("id"), changed=Max("updated_at"))
    letters = Letter.objects.filter(user=user, status=Letter.Status.SENT).aggregate(
        n=Count("id"), changed=Max("updated_at")
    )
    return f"{reminders['n']}.{reminders['changed']}.{letters['n']}.{letters['changed']}"


def feed_events(*, user: User) -> list[FeedEvent]:
    """One event per pending reminder with someone still to write to: three queries in all."""
    reminders = list(
        Reminder.objects.filter(user=user, state__in=UPCOMING)
        .select_related("interview__company")
        .only(
            "id",
            "kind",
            "due_at",
            "created_at",
            "updated_at",
            "interview_id",
            "interview__role",
            "interview__company__name",
        )
        .order_by("due_at")
    )
    interview_ids = {r.interview_id for r in reminders}
    people: dict[int, list[tuple[int, str]]] = {}
    for interview_id, contact_id, name in (
        Participant.objects.filter(interview_id__in=interview_ids)
        .order_by("position", "id")
        .values_list("interview_id", "contact_id", "contact__name")
    ):
        people.setdefault(interview_id, []).append((contact_id, name))
    sent = set(
        Letter.objects.filter(
            Q(interview_id__in=interview_ids), user=user, status=Letter.Status.SENT
        ).values_list("interview_id", "contact_id", "kind")
    )
    domain = feed_domain()
    events = []
    for reminder in reminders:
        interview = reminder.interview
        waiting = [
            name
            for contact_id, name in people.get(reminder.interview_id, [])
            if (reminder.interview_id, contact_id, reminder.letter_kind) not in sent
        ]
        if not waiting:
            continue
        company = interview.company.name
        url = f"{settings.SITE_URL}{interview.get_absolute_url()}"
        events.append(
            FeedEvent(
                uid=f"reminder-{reminder.pk}@{domain}",
                sequence=sequence_for(created_at=reminder.created_at, changed_at=reminder.updated_at),
                starts_at=reminder.due_at,
                ends_at=reminder.due_at + LENGTH,
                summary=f"{TITLES[reminder.kind]}: {', '.join(waiting)} ({company})",
                changed_at=reminder.updated_at,
                description=(
                    f"{TITLES[reminder.kind]} after your interview for {interview.role} at {company}, "
                    f"to {', '.join(waiting)}.\nDrafts: {url}"
                ),
                url=url,
            )
        )
    return events


SOURCE = FeedSource(name="reminders", stamp=feed_stamp, events=feed_events)
