"""The mail server refuses for a while (421), or for good (550)."""

import collections

import pytest

from reminders.models import Reminder
from tests.reliability.conftest import make_due_thank_yous, sent_count
from tests.waiting import wait_for, wait_sweeps

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_temporary_outage_delays_but_delivers_everything_once(
    celery_process, smtp_sink, user, purge_broker
):
    expected = make_due_thank_yous(user, 30)
    smtp_sink.refuse("421 4.3.2 Service not available, try again later")
    env = {"EMAIL_URL": smtp_sink.url, "REMINDER_MAX_ATTEMPTS": "30"}
    celery_process("beat", **env)
    worker = celery_process("worker", **env)

    wait_for(lambda: smtp_sink.handler.refused >= 45, timeout=120, what="refused attempts", log=worker.log)
    assert smtp_sink.messages == []
    smtp_sink.refuse(None)

    wait_for(lambda: sent_count(user) == 30, timeout=180, what="every reminder sent", log=worker.log)
    ids = smtp_sink.message_ids()
    assert set(ids) == expected
    assert [mid for mid, n in collections.Counter(ids).items() if n > 1] == []
    assert Reminder.objects.filter(user=user, kind="thank_you", attempts__gte=2).exists()


def test_a_permanent_refusal_ends_in_failed_and_is_not_retried(celery_process, smtp_sink, user, purge_broker):
    make_due_thank_yous(user, 5)
    smtp_sink.refuse("550 5.1.1 Mailbox unavailable")
    env = {"EMAIL_URL": smtp_sink.url}
    celery_process("beat", **env)
    worker = celery_process("worker", **env)

    failed = Reminder.objects.filter(user=user, kind="thank_you", state="failed")
    wait_for(lambda: failed.count() == 5, timeout=120, what="five failed reminders", log=worker.log)
    wait_sweeps(4)
    assert smtp_sink.handler.refused == 5
    assert set(failed.values_list("attempts", flat=True)) == {1}
    assert all("550" in error for error in failed.values_list("last_error", flat=True))
