"""Health checks behind /healthz: the database, the broker and the scheduler's heartbeat."""

import datetime as dt
import os
import tempfile
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.utils import timezone

from followup.models import Heartbeat

SCHEDULER = "scheduler"

# Extra checks other apps contribute (the reminders app adds how late due reminders are).
EXTRA_CHECKS: list[Callable[[dt.datetime], tuple[str, bool, str]]] = []


def heartbeat_record(*, name: str = SCHEDULER, now: dt.datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now or timezone.now()})


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True, "ok"
    except Exception as exc:  # any driver error means the database is unusable
        return False, f"unreachable: {exc.__class__.__name__}"


def check_broker() -> tuple[bool, str]:
    url = settings.CELERY_BROKER_URL
    if url.startswith("filesystem"):
        folder = settings.BROKER_DIR
        try:
            os.makedirs(folder, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-"):
                pass
            return True, "ok"
        except OSError as exc:
            return False, f"folder {folder} is not writable: {exc.strerror}"
    if url.startswith("memory"):
        return True, "ok"
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=2, transport_options={"socket_timeout": 2}) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)
        return True, "ok"
    except Exception as exc:  # kombu raises the transport's own errors
        return False, f"unreachable: {exc.__class__.__name__}"


def check_scheduler(now: dt.datetime) -> tuple[bool, str]:
    beat = Heartbeat.objects.filter(name=SCHEDULER).values_list("beat_at", flat=True).first()
    if beat is None:
        return False, "no heartbeat yet: is celery beat running?"
    # Three missed sweeps (and at least a minute and a half) before we call the scheduler late.
    allowed = dt.timedelta(seconds=max(3 * settings.SCHEDULER_INTERVAL, 90))
    age = now - beat
    if age > allowed:
        return False, f"late: last heartbeat {int(age.total_seconds())} s ago"
    return True, "ok"


def health_report(now: dt.datetime | None = None) -> tuple[bool, dict[str, str]]:
    now = now or timezone.now()
    report: dict[str, str] = {}
    healthy = True
    db_ok, report["database"] = check_database()
    broker_ok, report["broker"] = check_broker()
    healthy = db_ok and broker_ok
    if db_ok:
        sched_ok, report["scheduler"] = check_scheduler(now)
        healthy = healthy and sched_ok
        for check in EXTRA_CHECKS:
            name, ok, detail = check(now)
            report[name] = detail
            healthy = healthy and ok
    else:
        report["scheduler"] = "unknown: database unreachable"
    return healthy, report
