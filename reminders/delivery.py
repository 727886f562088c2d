"""Sending claimed reminders: build the email, hand it to the mail server, record the outcome.

At-least-once: the row is marked sent right after the server accepts the message. A crash between those
two steps leaves the row in "sending"; the sweeper reclaims it after REMINDER_LEASE and it is sent again
with the same Message-ID, so the duplicate is recognisably the same message. Nothing else can send twice:
every step below acts only while the row is still held by the claim the task was given.
"""

import datetime as dt
import logging
import smtplib
import socket
from collections import defaultdict

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from followup.models import User
from reminders import emails, services
from reminders.models import Reminder

log = logging.getLogger(__name__)


def classify_smtp_error(exc: Exception) -> tuple[bool, str]:
    """(permanent, description): 5xx replies are permanent; 4xx, timeouts and lost connections are not."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _msg in exc.recipients.values()]
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
        return permanent, f"recipient refused: {exc.recipients}"
    if isinstance(exc, smtplib.SMTPResponseException):
        message = (
            exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        )
        return 500 <= exc.smtp_code < 600, f"{exc.smtp_code} {message}"
    if isinstance(exc, (smtplib.SMTPException, OSError, socket.timeout)):
        return False, f"{exc.__class__.__name__}: {exc}"
    raise exc


def _send(message) -> None:
    with get_connection(fail_silently=False) as connection:
        connection.send_messages([message])


def reminder_deliver(*, reminder_id: int, claimed_at: dt.datetime) -> str:
    """Sends one claimed reminder; returns what happened (for logs and tests)."""
    reminder = services.reminder_load_claimed(reminder_id=reminder_id, claimed_at=claimed_at)
    if reminder is None:
        return "skipped"  # a duplicate task, or the claim was overtaken by a reclaim or a cancel
    section = emails.section_for(reminder)
    if reminder.kind == Reminder.Kind.THANK_YOU and not section.people:
        services.reminder_mark_moot(reminder=reminder)
        return "moot"
    message = emails.reminder_email(reminder=reminder, section=section)
    return _send_and_record([reminder], message)


def reminders_deliver_digest(*, user_id: int, claims: list[tuple[int, dt.datetime]]) -> str:
    """Sends the follow-ups a digest user has due in one email."""
    held = [services.reminder_load_claimed(reminder_id=pk, claimed_at=at) for pk, at in claims]
    held = [r for r in held if r is not None]
    if not held:
        return "skipped"
    user = User.objects.get(pk=user_id)
    sections = [emails.section_for(r) for r in held]
    message = emails.digest_email(user=user, sections=sections, now=timezone.now())
    return _send_and_record(held, message)


def _send_and_record(reminders: list[Reminder], message) -> str:
    try:
        _send(message)
    except Exception as exc:
        permanent, error = classify_smtp_error(exc)
        now = timezone.now()
        outcomes = {
            services.reminder_record_failure(reminder=r, error=error, permanent=permanent, now=now)
            for r in reminders
        }
        log.warning("Reminder email to user %s failed (%s): %s", reminders[0].user_id, outcomes, error)
        return "failed" if outcomes == {Reminder.State.FAILED} else "retry"
    # The window for a duplicate is from here to the UPDATE below committing: keep it free of other work.
    now = timezone.now()
    with transaction.atomic():
        for reminder in reminders:
            services.reminder_mark_sent(reminder=reminder, now=now)
    return "sent"


def group_claims(claims: list[tuple[int, dt.datetime]]) -> tuple[list, dict[int, list]]:
    """Splits claimed rows into ones sent alone and, per digest user, follow-ups sent together."""
    ids = [pk for pk, _at in claims]
    rows = {
        pk: (kind, user_id, digest)
        for pk, kind, user_id, digest in Reminder.objects.filter(pk__in=ids).values_list(
            "pk", "kind", "user_id", "user__follow_up_digest"
        )
    }
    alone: list[tuple[int, dt.datetime]] = []
    digests: dict[int, list[tuple[int, dt.datetime]]] = defaultdict(list)
    for pk, at in claims:
        if pk not in rows:
            continue
        kind, user_id, digest = rows[pk]
        # Thank-you reminders always go out on their own, promptly.
        if digest and kind != Reminder.Kind.THANK_YOU:
            digests[user_id].append((pk, at))
        else:
            alone.append((pk, at))
    return alone, dict(digests)
