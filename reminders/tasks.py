"""Celery tasks of the reminders app: the sweeper beat runs, and the send tasks it hands work to."""

import datetime as dt
import functools
from collections import defaultdict

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from reminders import delivery, services

# Claimed reminders per send task. One task per email cost more in Celery's own work (a message to
# fetch, hand to a pool process and acknowledge) and in per-task reads than the email itself; a batch
# shares both. Small enough that a batch takes well under a second, so a worker lost mid-batch
# redelivers little (rows already sent are skipped: their claim no longer holds them).
SEND_BATCH = 50

# A sweep claims this many rows first and hands them out at once, then claims the rest: claiming
# CLAIM_LIMIT rows takes a few tenths of a second, which the other worker processes spent idle.
FIRST_CLAIM = 2 * SEND_BATCH


@shared_task(name="reminders.tasks.sweep_due_reminders")
def sweep_due_reminders() -> int:
    """Reclaims stale sends, claims due rows, and enqueues their sends once each claim is committed."""
    now = timezone.now()
    services.reminders_reclaim_stale(now=now)
    claimed = 0
    digests: dict[int, list] = defaultdict(list)
    first = min(FIRST_CLAIM, services.CLAIM_LIMIT)
    for limit in (first, services.CLAIM_LIMIT - first):
        claims = services.reminders_claim_due(now=now, limit=limit)
        claimed += len(claims)
        alone, by_user = delivery.group_claims(claims)
        # The claim transaction has committed inside reminders_claim_due; on_commit runs at once outside
        # an atomic block and after the commit inside one (tests calling this in a transaction).
        for start in range(0, len(alone), SEND_BATCH):
            batch = [[pk, at.isoformat()] for pk, at in alone[start : start + SEND_BATCH]]
            transaction.on_commit(functools.partial(send_reminders.delay, batch))
        for user_id, user_claims in by_user.items():
            digests[user_id].extend(user_claims)
        if len(claims) < limit:
            break
    # A digest user's follow-ups may span both claims: they still go out as one email.
    for user_id, user_claims in digests.items():
        payload = [[pk, at.isoformat()] for pk, at in user_claims]
        transaction.on_commit(functools.partial(send_digest.delay, user_id, payload))
    return claimed


@shared_task(name="reminders.tasks.send_reminders")
def send_reminders(claims: list[list]) -> list[str]:
    parsed = [(int(pk), dt.datetime.fromisoformat(at)) for pk, at in claims]
    return delivery.reminders_deliver_batch(claims=parsed)


@shared_task(name="reminders.tasks.send_digest")
def send_digest(user_id: int, claims: list[list]) -> str:
    parsed = [(int(pk), dt.datetime.fromisoformat(at)) for pk, at in claims]
    return delivery.reminders_deliver_digest(user_id=user_id, claims=parsed)
