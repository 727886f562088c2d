"""The broker is flushed and restarted mid-run: queued work is lost, yet every reminder goes out once."""

import collections

import pytest

from tests.reliability.conftest import make_due_thank_yous, sent_count
from tests.waiting import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

COUNT = 60


def test_reminders_survive_a_flushed_and_restarted_redis(celery_process, smtp_sink, user, private_redis):
    expected = make_due_thank_yous(user, COUNT)
    env = {"EMAIL_URL": smtp_sink.url, "CELERY_BROKER_URL": private_redis.url, "REMINDER_LEASE": "4"}
    celery_process("beat", **env)
    worker = celery_process("worker", **env)

    wait_for(lambda: len(smtp_sink.messages) >= 10, timeout=120, what="the first emails", log=worker.log)
    private_redis.flush_and_stop()
    private_redis.start()

    wait_for(lambda: sent_count(user) == COUNT, timeout=240, what="every reminder sent", log=worker.log)
    ids = smtp_sink.message_ids()
    assert set(ids) == expected
    assert [mid for mid, n in collections.Counter(ids).items() if n > 1] == []
