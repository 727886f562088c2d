"""Reminder rows for bulk demo interviews: an extension the demo command hands to followup.demo.build_demo."""

from collections import defaultdict
from collections.abc import Sequence

from django.utils import timezone

from followup.models import Interview, Participant, User
from letters.models import Letter
from reminders import plan
from reminders.models import Reminder
from reminders.services import prefs_for

BATCH_SIZE = 1000


def build_bulk_reminders(users: Sequence[User], interviews: Sequence[Interview]) -> None:
    """The rows each interview's plan calls for; those already due are recorded as sent."""
    now = timezone.now()
    ids = [i.pk for i in interviews]
    people: dict[int, set[int]] = defaultdict(set)
    for interview_id, contact_id in Participant.objects.filter(interview__in=ids).values_list(
        "interview_id", "contact_id"
    ):
        people[interview_id].add(contact_id)
    thanked: dict[int, set[int]] = defaultdict(set)
    for interview_id, contact_id in Letter.objects.filter(
        interview__in=ids, kind=Letter.Kind.THANK_YOU, status=Letter.Status.SENT
    ).values_list("interview_id", "contact_id"):
        thanked[interview_id].add(contact_id)
    prefs = {user.pk: prefs_for(user) for user in users}
    rows = []
    for interview in interviews:
        met = people.get(interview.pk, set())
        facts = plan.ReminderFacts(
            ends_at=interview.ends_at,
            decision_date=interview.decision_date,
            is_open=interview.status in Interview.OPEN_STATUSES,
            has_people=bool(met),
            thanks_outstanding=bool(met - thanked.get(interview.pk, set())),
            follow_up_1_sent=False,
            follow_up_2_sent=False,
            reminders_enabled=True,
        )
        # Every interview gets its three rows: ones the plan no longer wants are kept as history.
        wanted = plan.wanted_reminders(facts=facts, prefs=prefs[interview.user_id], now=interview.ends_at)
        for kind in Reminder.Kind.values:
            due = wanted.get(kind) or interview.ends_at
            if kind not in wanted:
                state = Reminder.State.CANCELLED
            elif due <= now:
                state = Reminder.State.SENT
            else:
                state = Reminder.State.PENDING
            rows.append(
                Reminder(
                    user_id=interview.user_id,
                    interview=interview,
                    kind=kind,
                    due_at=due,
                    next_attempt_at=due,
                    state=state,
                    attempts=1 if state == Reminder.State.SENT else 0,
                    sent_at=due if state == Reminder.State.SENT else None,
                    cancelled_reason="demo data" if state == Reminder.State.CANCELLED else "",
                )
            )
    Reminder.objects.bulk_create(rows, batch_size=BATCH_SIZE)
