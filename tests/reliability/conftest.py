"""Fixtures for fault tests: many due reminders, a private Redis, real workers and beats, an SMTP sink."""

import datetime as dt
import os
import shutil
import subprocess
import time

import pytest
import redis
from django.utils import timezone

from followup.celery import app
from reminders.models import Reminder
from tests.reminders.helpers import record_interview
from tests.smtp_sink import free_port
from tests.waiting import wait_for


def make_due_thank_yous(user, count: int) -> set[str]:
    """`count` interviews whose thank-you reminders are due now; returns their Message-IDs."""
    ends = timezone.now() - dt.timedelta(hours=2, minutes=1)
    for _ in range(count):
        record_interview(user=user, ends_at=ends, people=1)
    due = Reminder.objects.filter(user=user, kind="thank_you", state="pending")
    assert due.count() == count
    return {r.message_id for r in due}


def sent_count(user) -> int:
    return Reminder.objects.filter(user=user, kind="thank_you", state="sent").count()


class PrivateRedis:
    """A redis-server of the test's own on a free port, so flushing or restarting it disturbs no one."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path / "redis"
        self.dir.mkdir()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "PrivateRedis":
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.dir,
            env=service_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url)
        wait_for(lambda: _pings(client), timeout=20, what="the private redis-server")
        return self

    def flush_and_stop(self) -> None:
        redis.Redis.from_url(self.url).flushall()
        self.stop()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


def service_env() -> dict[str, str]:
    """A service keeps the machine's real clock, like the shared Redis and PostgreSQL do, even when the
    suite runs at another date under libfaketime (`make test TEST_AT=…`), which redis-server cannot run in."""
    return {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "FAKETIME", "FAKETIME_NO_CACHE")}


def _pings(client) -> bool:
    try:
        return client.ping()
    except redis.ConnectionError:
        return False


@pytest.fixture
def private_redis(tmp_path):
    server = PrivateRedis(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def purge_broker():
    app.control.purge()
    yield
    app.control.purge()


def settle(seconds: float) -> None:
    """Lets real processes run for a moment; used only where a test must observe that nothing more happens."""
    time.sleep(seconds)
