"""Two beats and several workers sweep the same 30 due rows: each email goes out exactly once."""

import collections
import threading

import pytest
from django.db import connection
from django.utils import timezone

from reminders import services
from tests.reliability.conftest import make_due_thank_yous, sent_count
from tests.waiting import wait_for, wait_sweeps

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_beats_and_three_workers_send_each_reminder_once(celery_process, smtp_sink, user, purge_broker):
    expected = make_due_thank_yous(user, 30)
    env = {"EMAIL_URL": smtp_sink.url, "REMINDER_LEASE": "30"}
    celery_process("beat", **env)
    celery_process("beat", **env)
    workers = [celery_process("worker", "--concurrency", "2", "-n", f"w{i}@%h", **env) for i in range(3)]

    wait_for(lambda: sent_count(user) == 30, timeout=180, what="every reminder sent", log=workers[0].log)
    wait_sweeps(3)
    ids = smtp_sink.message_ids()
    assert collections.Counter(ids) == collections.Counter(expected)


def test_concurrent_claims_never_overlap(user):
    make_due_thank_yous(user, 30)
    now = timezone.now()
    results: list[list[int]] = []
    barrier = threading.Barrier(6)

    def sweep():
        barrier.wait()
        try:
            results.append([pk for pk, _at in services.reminders_claim_due(now=now, limit=7)])
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = [pk for batch in results for pk in batch]
    assert len(claimed) == len(set(claimed))  # no row claimed twice
    assert len(claimed) == 30
