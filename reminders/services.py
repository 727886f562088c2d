"""Reminder services: keeping rows in step with interviews, claiming due rows, and recording each send.

Delivery is at-least-once. A reminder row is claimed (pending -> sending) before its email is built, and
marked sent right after the mail server accepts the message. Every step is a conditional update, so a
duplicate task, a second beat or a redelivered message finds nothing to do. The one window for a
duplicate is a crash between the server's acceptance and the UPDATE that follows it; the row then stays
"sending", is reclaimed after REMINDER_LEASE and sent again with the same Message-ID.
"""

import datetime as dt
import logging
import random

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.db.models.expressions import CombinedExpression
from django.utils import timezone

from followup.data_stamp import stamps_hold
from followup.models import Contact, Interview, User
from letters.kinds import LetterKind
from letters.models import Letter
from letters.services import letter_ensure, letter_mark_sent
from reminders import links, plan, schedule
from reminders.models import Reminder, UsedLink

log = logging.getLogger(__name__)

State = Reminder.State


def prefs_for(user: User) -> schedule.Preferences:
    return schedule.Preferences(
        time_zone=user.zone.key,
        country=user.country,
        thank_you_delay=user.thank_you_delay,
        reminder_hour=user.reminder_hour,
        follow_up_after_decision_days=user.follow_up_after_decision_days,
        follow_up_after_interview_days=user.follow_up_after_interview_days,
        second_follow_up_days=user.second_follow_up_days,
    )


def _facts_for(interview: Interview) -> plan.ReminderFacts:
    people = set(interview.participants.values_list("contact_id", flat=True))
    sent: dict[str, set[int]] = {}
    for kind, contact_id in Letter.objects.filter(
        interview=interview, status=Letter.Status.SENT, contact_id__in=people
    ).values_list("kind", "contact_id"):
        sent.setdefault(kind, set()).add(contact_id)
    return plan.ReminderFacts(
        ends_at=interview.ends_at,
        decision_date=interview.decision_date,
        is_open=interview.is_open,
        has_people=bool(people),
        thanks_outstanding=bool(people - sent.get(LetterKind.THANK_YOU, set())),
        follow_up_1_sent=bool(people) and people <= sent.get(LetterKind.FOLLOW_UP_1, set()),
        follow_up_2_sent=bool(people) and people <= sent.get(LetterKind.FOLLOW_UP_2, set()),
        reminders_enabled=interview.user.reminders_enabled,
    )


def _cancel_reason(interview: Interview, kind: str) -> str:
    if not interview.user.reminders_enabled:
        return "reminders turned off"
    if not interview.is_open:
        return f"interview marked {interview.get_status_display().lower()}"
    return "letters marked sent" if kind != LetterKind.THANK_YOU else "thank-you letters marked sent"


def reminders_sync(*, interview: Interview, reschedule: bool = False, now: dt.datetime | None = None) -> None:
    """Creates, moves, cancels or revives the interview's reminder rows to match what it needs now.

    Without `reschedule`, pending rows keep their due time (a snooze survives unrelated edits); with
    it (the interview moved, the decision date or a preference changed) they take the new one.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Row locks keep the sweeper (which skips locked rows) from claiming a row while it is changed.
        rows = {r.kind: r for r in Reminder.objects.select_for_update().filter(interview=interview)}
        first = rows.get(LetterKind.FOLLOW_UP_1)
        keep_first = first is not None and not reschedule and first.state in (State.PENDING, State.SENT)
        wanted = plan.wanted_reminders(
            facts=_facts_for(interview),
            prefs=prefs_for(interview.user),
            now=now,
            has_thank_you_row=LetterKind.THANK_YOU in rows,
            first_follow_up_due=first.due_at if first is not None and keep_first else None,
        )
        for kind in Reminder.Kind.values:
            _sync_one(interview, kind, rows.get(kind), wanted.get(kind), reschedule=reschedule)


def _sync_one(
    interview: Interview, kind: str, row: Reminder | None, due: dt.datetime | None, *, reschedule: bool
) -> None:
    if due is None:
        if row is not None and row.state in (State.PENDING, State.SENDING):
            Reminder.objects.filter(pk=row.pk, state=row.state).update(
                state=State.CANCELLED, cancelled_reason=_cancel_reason(interview, kind)
            )
        return
    if row is None:
        Reminder.objects.create(
            user=interview.user, interview=interview, kind=kind, due_at=due, next_attempt_at=due
        )
    elif row.state == State.PENDING and reschedule and row.due_at != due:
        Reminder.objects.filter(pk=row.pk, state=State.PENDING).update(due_at=due, next_attempt_at=due)
    elif row.state == State.CANCELLED and row.cancelled_reason != Reminder.DISMISSED:
        # The reason it was cancelled has gone (a status set back, reminders on again): arm it again.
        Reminder.objects.filter(pk=row.pk, state=State.CANCELLED).update(
            state=State.PENDING, due_at=due, next_attempt_at=due, cancelled_reason="", attempts=0
        )


def reminders_sync_for_user(*, user: User, reschedule: bool = True) -> None:
    """After a preference change: every interview with reminders still to come (or cancelled) follows it."""
    interviews = (
        Interview.objects.filter(user=user, reminders__state__in=[State.PENDING, State.CANCELLED])
        .select_related("user")
        .distinct()
    )
    for interview in interviews:
        reminders_sync(interview=interview, reschedule=reschedule)
    if user.reminders_enabled:
        # Interviews that never had reminders (recorded while they were off) get theirs now.
        for interview in Interview.objects.filter(user=user, reminders__isnull=True).select_related("user"):
            reminders_sync(interview=interview)


def reminder_snooze(
    *, reminder: Reminder, choice: str, now: dt.datetime | None = None, sequence: int | None = None
) -> bool:
    """Puts the reminder off (a day, three days, a week); a sent one is armed to come again. False if moot.

    With `sequence` (the email a snooze link came in), only a reminder still on that email is snoozed,
    and the snooze moves it on: the same link, used again, finds nothing to do. Without it (the signed-in
    reminders page), the reminder's state decides.
    """
    now = now or timezone.now()
    until = schedule.snooze_until(now=now, choice=choice, prefs=prefs_for(reminder.user))
    with transaction.atomic():
        # Only pending or already-sent reminders can be snoozed; one being sent right now cannot.
        rows = Reminder.objects.filter(pk=reminder.pk, state__in=[State.PENDING, State.SENT])
        if sequence is not None:
            # Conditional on the email's sequence: of two uses of one link, only the first acts.
            rows = rows.filter(sequence=sequence)
            armed_again: F | CombinedExpression = F("sequence") + 1
        else:
            armed_again = F("sequence") + 1 if reminder.state == State.SENT else F("sequence")
        updated = rows.update(
            state=State.PENDING, due_at=until, next_attempt_at=until, attempts=0, sequence=armed_again
        )
        if not updated:
            return False
        reminders_sync(interview=reminder.interview, now=now)
    reminder.refresh_from_db()
    return reminder.state == State.PENDING


def reminder_dismiss(*, reminder: Reminder) -> bool:
    """The user says they need no more of this reminder."""
    return bool(
        Reminder.objects.filter(pk=reminder.pk, state__in=[State.PENDING, State.FAILED]).update(
            state=State.CANCELLED, cancelled_reason=Reminder.DISMISSED
        )
    )


def reminder_retry(*, reminder: Reminder, now: dt.datetime | None = None) -> bool:
    """Sends a failed reminder again at the next sweep."""
    now = now or timezone.now()
    return bool(
        Reminder.objects.filter(pk=reminder.pk, state=State.FAILED).update(
            state=State.PENDING, next_attempt_at=now, attempts=0, last_error=""
        )
    )


def reminder_mark_person_sent(*, reminder: Reminder, contact: Contact) -> Letter:
    """Marks this reminder's letter to one person sent (from the email's link), today in their zone."""
    with timezone.override(reminder.user.zone):
        today = timezone.localdate()
    letter = letter_ensure(interview=reminder.interview, contact=contact, kind=reminder.letter_kind)
    if not letter.is_sent:
        letter = letter_mark_sent(letter=letter, sent_on=today)
    return letter


class LinkUsed(Exception):
    """A one-time link from a reminder email that has already done its action."""

    def __init__(self, used_at: dt.datetime):
        super().__init__(f"This link was already used at {used_at.isoformat()}.")
        self.used_at = used_at


def link_used_at(*, token: str) -> dt.datetime | None:
    """When this one-time link did its action; None while it has not."""
    used = UsedLink.objects.filter(digest=links.token_digest(token)).values_list("used_at", flat=True)
    return used.first()


def reminder_mark_person_sent_once(
    *, reminder: Reminder, contact: Contact, token: str, now: dt.datetime | None = None
) -> Letter:
    """The mark-sent link's action, done at most once per link: a letter the user has since marked not
    sent stays so. Raises LinkUsed when this link has been used before."""
    now = now or timezone.now()
    with transaction.atomic():
        # The digest is the primary key: of two uses at once, the second waits for the first's insert
        # and then finds it, so only one marks the letter.
        used, created = UsedLink.objects.get_or_create(
            digest=links.token_digest(token), defaults={"used_at": now}
        )
        if not created:
            raise LinkUsed(used.used_at)
        # Links expire, so a record older than a link can live is of no more use.
        UsedLink.objects.filter(used_at__lt=now - links.MAX_AGE).delete()
        return reminder_mark_person_sent(reminder=reminder, contact=contact)


def reminders_unsubscribe(*, user: User) -> None:
    """Turns reminder emails off (the List-Unsubscribe link) and cancels what is pending."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(reminders_enabled=False)
        user.reminders_enabled = False
        Reminder.objects.filter(user=user, state__in=[State.PENDING, State.SENDING]).update(
            state=State.CANCELLED, cancelled_reason="reminders turned off"
        )


# --- The pipeline: claim, then record what happened -------------------------------------------------


def reminders_reclaim_stale(*, now: dt.datetime) -> int:
    """Rows left in "sending" past the lease (their worker died) go back to pending for the next claim."""
    cutoff = now - dt.timedelta(seconds=settings.REMINDER_LEASE)
    with transaction.atomic():
        # SKIP LOCKED: a row whose send is being recorded right now is left to that send.
        stale = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(state=State.SENDING, claimed_at__lt=cutoff)
            .values_list("id", "user_id")
        )
        if not stale:
            return 0
        stamps_hold(user_ids=[user_id for _pk, user_id in stale])  # many users' rows at once
        # Conditional on still being stale: a send that finished meanwhile has left "sending" and is untouched.
        return Reminder.objects.filter(
            id__in=[pk for pk, _user_id in stale], state=State.SENDING, claimed_at__lt=cutoff
        ).update(state=State.PENDING, next_attempt_at=now)


# Rows one sweep claims at most. Each sweep waits in the queue behind the sends already there, so a
# burst is claimed one sweep at a time, and a small limit leaves the worker idle between sweeps
# (bench/README.md). A claim must be sent within REMINDER_LEASE or it is taken back: 2,000 rows
# need a worker sending at least 7 emails a second under the default 300 s lease.
CLAIM_LIMIT = 2000


def reminders_claim_due(*, now: dt.datetime, limit: int = CLAIM_LIMIT) -> list[tuple[int, dt.datetime]]:
    """Moves due pending rows to "sending" and returns (id, claim time) for each; commit before enqueueing."""
    with transaction.atomic():
        # SKIP LOCKED: two sweepers (or two beats) racing never claim the same row, and neither waits.
        due = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(state=State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")
            .values_list("id", "user_id")[:limit]
        )
        if not due:
            return []
        ids = [pk for pk, _user_id in due]
        stamps_hold(user_ids=[user_id for _pk, user_id in due])  # many users' rows at once
        Reminder.objects.filter(id__in=ids, state=State.PENDING).update(
            state=State.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    return [(pk, now) for pk in ids]


def reminders_load_claimed(*, claims: list[tuple[int, dt.datetime]]) -> list[Reminder]:
    """The rows these claims still hold, in the claims' order, in one query for a whole batch.

    A row another claim has taken over (a reclaim) or that has left "sending" (a duplicate task) is left
    out.
    """
    claimed_at = dict(claims)
    rows = Reminder.objects.select_related("user", "interview__company").filter(
        pk__in=claimed_at, state=State.SENDING
    )
    held = {row.pk: row for row in rows if row.claimed_at == claimed_at[row.pk]}
    for row in held.values():
        # A reminder belongs to its interview's user: one User read serves both.
        if row.interview.user_id == row.user_id:
            row.interview.user = row.user
    return [held[pk] for pk, _at in claims if pk in held]


def reminder_still_claimed(*, reminder: Reminder) -> bool:
    """Whether the claim this reminder was loaded with still holds it.

    A batch is sent one email after another; a row whose lease ran out meanwhile (a very slow mail
    server) has been reclaimed and will be sent under the new claim, so this one must not send it too.
    """
    return Reminder.objects.filter(
        pk=reminder.pk, state=State.SENDING, claimed_at=reminder.claimed_at
    ).exists()


# Like QuerySet.update(), it leaves updated_at alone.
_MARK_SENT_SQL = (
    "UPDATE {table} SET state = %s, sent_at = %s, last_error = '' "
    "WHERE id = %s AND state = %s AND claimed_at = %s"
)


def reminder_mark_sent(*, reminder: Reminder, now: dt.datetime) -> bool:
    """Records the mail server's acceptance; False if another claim holds the row now.

    Written as SQL: it runs once per email, in the window between the server's acceptance and the row
    saying sent, and the ORM spent longer compiling this UPDATE than the database spent running it.
    """
    ops = connection.ops
    # Conditional on our claim: if the row was reclaimed meanwhile, the other claim records the outcome.
    with connection.cursor() as cursor:
        cursor.execute(
            _MARK_SENT_SQL.format(table=ops.quote_name(Reminder._meta.db_table)),
            [
                State.SENT,
                ops.adapt_datetimefield_value(now),
                reminder.pk,
                State.SENDING,
                ops.adapt_datetimefield_value(reminder.claimed_at),
            ],
        )
        updated: int = cursor.rowcount
    return updated == 1


def reminder_mark_moot(*, reminder: Reminder) -> None:
    """Claimed, but nothing is left to remind about (letters sent since): cancel instead of sending."""
    Reminder.objects.filter(pk=reminder.pk, state=State.SENDING, claimed_at=reminder.claimed_at).update(
        state=State.CANCELLED, cancelled_reason=_cancel_reason(reminder.interview, reminder.kind)
    )


def reminder_record_failure(*, reminder: Reminder, error: str, permanent: bool, now: dt.datetime) -> str:
    """A temporary failure goes back to pending after a backoff; a permanent one (or too many) is failed."""
    if permanent or reminder.attempts >= settings.REMINDER_MAX_ATTEMPTS:
        state = State.FAILED
        fields: dict[str, object] = {"state": state}
    else:
        delay = schedule.backoff_delay(
            attempts=reminder.attempts,
            rand=random.random(),
            first=dt.timedelta(seconds=settings.REMINDER_BACKOFF_FIRST),
            cap=dt.timedelta(seconds=settings.REMINDER_BACKOFF_CAP),
        )
        state = State.PENDING
        fields = {"state": state, "next_attempt_at": now + delay}
    Reminder.objects.filter(pk=reminder.pk, state=State.SENDING, claimed_at=reminder.claimed_at).update(
        last_error=error[:1000], **fields
    )
    return state
