"""Sending claimed reminders: build the email, hand it to the mail server, record the outcome.

At-least-once: the row is marked sent right after the server accepts the message. A crash between those
two steps leaves the row in "sending"; the sweeper reclaims it after REMINDER_LEASE and it is sent again
with the same Message-ID, so the duplicate is recognisably the same message. Nothing else can send twice:
every step below acts only while the row is still held by the claim the task was given.
"""

import contextlib
import datetime as dt
import logging
import os
import smtplib
import socket
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
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


# One SMTP connection per worker process, kept open between reminders while it is fresh: opening one
# (connect, greeting, EHLO, and QUIT after) cost more round trips than sending a message over it.
# Mail servers drop idle clients after a few minutes; one idle longer than this is not trusted.
SMTP_IDLE_REUSE = 30.0


@dataclass
class _OpenConnection:
    key: tuple
    backend: Any
    last_used: float


_smtp: _OpenConnection | None = None


def _connection_key() -> tuple:
    # A new process (a forked pool worker) or other mail settings (tests) never reuse a connection.
    return (
        os.getpid(),
        settings.EMAIL_BACKEND,
        getattr(settings, "EMAIL_HOST", None),
        getattr(settings, "EMAIL_PORT", None),
        getattr(settings, "EMAIL_HOST_USER", None),
        getattr(settings, "EMAIL_USE_TLS", None),
        getattr(settings, "EMAIL_USE_SSL", None),
    )


def _drop_connection() -> None:
    global _smtp
    if _smtp is not None:
        with contextlib.suppress(Exception):
            _smtp.backend.close()
    _smtp = None


def _send(message) -> None:
    """Hands the message to the mail server over this process's open connection (opened if needed).

    A reused connection the server has dropped meanwhile fails before the message is accepted, and the
    message is sent once more over a new one. Should the server have accepted it after all (the link
    broke after DATA, before its reply), that is the at-least-once duplicate, with the same Message-ID.
    Any other failure closes the connection and is raised for the caller to classify.
    """
    global _smtp
    key = _connection_key()
    reused = _smtp is not None and _smtp.key == key and time.monotonic() - _smtp.last_used < SMTP_IDLE_REUSE
    if not reused:
        _drop_connection()
        backend = get_connection(fail_silently=False)
        backend.open()
        _smtp = _OpenConnection(key=key, backend=backend, last_used=time.monotonic())
    smtp = _smtp
    assert smtp is not None  # reused, or opened just above
    try:
        smtp.backend.send_messages([message])
    except (smtplib.SMTPServerDisconnected, ConnectionError) as exc:
        _drop_connection()
        if not reused:
            raise
        log.info("Reused SMTP connection was closed (%s); sending over a new one.", exc)
        _send(message)
        return
    except Exception:
        _drop_connection()
        raise
    smtp.last_used = time.monotonic()


def reminders_deliver_batch(*, claims: list[tuple[int, dt.datetime]]) -> list[str]:
    """Sends a batch of claimed reminders, one email each, in order; returns what happened to each.

    The rows, the people met and their letters are read once for the batch, and every email is built
    before the first is sent: building them together keeps the template code warm, and leaves the
    sending loop to the hand-over and the UPDATE after it. Each email is sent and its row marked sent
    before the next one, so the at-least-once window stays one message wide. If the mail server cannot
    be reached, the rest of the batch is not tried: it goes back to pending with the same error and a
    backoff, instead of each waiting out its own timeout.
    """
    held = services.reminders_load_claimed(claims=claims)
    outcomes = {pk: "skipped" for pk, _at in claims}  # a duplicate task, or overtaken by a reclaim or cancel
    built: list[tuple[Reminder, EmailMultiAlternatives]] = []
    for reminder, section in zip(held, emails.sections_for(held), strict=True):
        try:
            if reminder.kind == Reminder.Kind.THANK_YOU and not section.people:
                services.reminder_mark_moot(reminder=reminder)
                outcomes[reminder.pk] = "moot"
            else:
                built.append((reminder, emails.reminder_email(reminder=reminder, section=section)))
        except Exception:
            # One reminder's bug must not hold up the rest: its row stays "sending" and is reclaimed after
            # REMINDER_LEASE, as a failed single task's would be.
            log.exception("Reminder %s could not be built", reminder.pk)
            outcomes[reminder.pk] = "error"
    unreachable: Exception | None = None
    for reminder, message in built:
        if unreachable is not None:
            outcomes[reminder.pk] = _record_failure([reminder], unreachable)
            continue
        try:
            outcomes[reminder.pk], error = _deliver_one(reminder, message)
        except Exception:
            log.exception("Reminder %s could not be sent", reminder.pk)
            outcomes[reminder.pk] = "error"
            continue
        if error is not None and _is_unreachable(error):
            unreachable = error
    return [outcomes[pk] for pk, _at in claims]


def _is_unreachable(exc: Exception) -> bool:
    """The mail server cannot be reached now (refused, timed out, hung up), rather than refusing a message.

    (SMTPException is itself an OSError: a reply such as 550 is not a network failure.)
    """
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


def _claim_may_have_lapsed(reminder: Reminder) -> bool:
    """Whether the sweeper could have taken this row back since it was claimed.

    It reclaims only rows claimed more than REMINDER_LEASE ago; before half of that has passed (a margin
    for clocks that differ between machines) no reclaim can have happened, and the check costs nothing.
    """
    assert reminder.claimed_at is not None  # only claimed rows are sent
    age = timezone.now() - reminder.claimed_at
    return age >= dt.timedelta(seconds=settings.REMINDER_LEASE / 2)


def _deliver_one(reminder: Reminder, message: EmailMultiAlternatives) -> tuple[str, Exception | None]:
    # Checked right before the send, so a reclaim while earlier emails of the batch went out can only
    # overlap this one email's hand-over to the server, not the whole batch.
    if _claim_may_have_lapsed(reminder) and not services.reminder_still_claimed(reminder=reminder):
        return "skipped", None
    return _send_and_record([reminder], message)


def reminders_deliver_digest(*, user_id: int, claims: list[tuple[int, dt.datetime]]) -> str:
    """Sends the follow-ups a digest user has due in one email."""
    held = services.reminders_load_claimed(claims=claims)
    if not held:
        return "skipped"
    user = User.objects.get(pk=user_id)
    sections = emails.sections_for(held)
    message = emails.digest_email(user=user, sections=sections, now=timezone.now())
    return _send_and_record(held, message)[0]


def _record_failure(reminders: list[Reminder], exc: Exception) -> str:
    permanent, error = classify_smtp_error(exc)
    now = timezone.now()
    outcomes = {
        services.reminder_record_failure(reminder=r, error=error, permanent=permanent, now=now)
        for r in reminders
    }
    log.warning("Reminder email to user %s failed (%s): %s", reminders[0].user_id, outcomes, error)
    return "failed" if outcomes == {Reminder.State.FAILED} else "retry"


def _send_and_record(reminders: list[Reminder], message) -> tuple[str, Exception | None]:
    """Sends the message and records the outcome on its rows: ("sent" | "failed" | "retry", error)."""
    try:
        _send(message)
    except Exception as exc:
        return _record_failure(reminders, exc), exc
    # The window for a duplicate is from here to the UPDATE below committing: keep it free of other work.
    now = timezone.now()
    if len(reminders) == 1:
        services.reminder_mark_sent(reminder=reminders[0], now=now)  # one UPDATE: atomic on its own
        return "sent", None
    with transaction.atomic():
        for reminder in reminders:
            services.reminder_mark_sent(reminder=reminder, now=now)
    return "sent", None


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
