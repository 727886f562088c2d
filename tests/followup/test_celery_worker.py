"""A task sent through the real Redis broker is run by a real Celery worker process."""

import time
import uuid

from django.core.cache import cache

from followup.celery import app
from tests.tasks import echo


def test_a_real_worker_runs_a_task_sent_through_redis(celery_process):
    app.control.purge()
    worker = celery_process("worker", "--include", "tests.tasks")
    token = uuid.uuid4().hex

    echo.delay(token)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cache.get(f"echo:{token}") is None:
        time.sleep(0.2)
    assert cache.get(f"echo:{token}") == token, worker.log()[-3000:]
