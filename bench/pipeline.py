"""The reminder pipeline: 5,000 reminders come due at once; a real Celery worker and beat deliver them
to a local SMTP sink. Beside it, a bare loop sends the same emails, rendered beforehand, through the same
sink over one connection.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path

from bench import config, cpu, procs
from bench.stats import percentile


class Sink:
    """The SMTP sink process (bench.sink)."""

    def __init__(self):
        self.port = procs.free_port()
        self.proc = procs.start_piped(
            "smtp-sink", [config.PYTHON, "-m", "bench.sink", str(self.port)], config.child_env()
        )
        line = self.proc.stdout.readline()
        if not line.startswith("ready"):
            raise RuntimeError(f"the SMTP sink did not start; see {config.VAR / 'smtp-sink.log'}")

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def stats(self) -> dict:
        self.proc.stdin.write("stats\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def stop(self) -> None:
        procs.stop(self.proc)


def choose_reminders(count: int) -> list[int]:
    """Reminder rows that each make one email: thank-yous with someone still to thank, then follow-ups.

    Follow-ups of users who chose the daily digest are left out (those merge into one email per user).
    """
    from django.db.models import Exists, OuterRef

    from followup.models import Participant
    from letters.models import Letter
    from reminders.models import Reminder

    thanked = Letter.objects.filter(
        interview=OuterRef("interview"),
        contact=OuterRef("contact"),
        kind=Letter.Kind.THANK_YOU,
        status=Letter.Status.SENT,
    )
    someone_to_thank = Participant.objects.filter(interview=OuterRef("interview")).exclude(Exists(thanked))
    thank_yous = list(
        Reminder.objects.filter(kind=Reminder.Kind.THANK_YOU)
        .filter(Exists(someone_to_thank))
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    has_people = Participant.objects.filter(interview=OuterRef("interview"))
    follow_ups = list(
        Reminder.objects.filter(kind__in=Reminder.FOLLOW_UP_KINDS, user__follow_up_digest=False)
        .filter(Exists(has_people))
        .order_by("kind", "pk")
        .values_list("pk", flat=True)[: count - len(thank_yous)]
    )
    ids = thank_yous + follow_ups
    if len(ids) < count:
        raise RuntimeError(f"the demo data has only {len(ids)} reminders that would send an email")
    return ids


def make_due(ids: list[int], now) -> None:
    """Every chosen row pending and due now: they come due at once."""
    from reminders.models import Reminder

    Reminder.objects.filter(pk__in=ids).update(
        state=Reminder.State.PENDING,
        due_at=now,
        next_attempt_at=now,
        attempts=0,
        claimed_at=None,
        sent_at=None,
        last_error="",
        cancelled_reason="",
    )


def _park_other_due_rows(now) -> int:
    """Other due pending rows (the realistic demo interviews') would go out with ours: move them on.

    So would rows an interrupted run left in "sending", once the sweeper takes them back; and one of
    ours sent that way just before the burst would be sent again in it, counted as a duplicate.
    """
    import datetime as dt

    from django.db.models import Q

    from reminders.models import Reminder

    soon, later = now + dt.timedelta(minutes=15), now + dt.timedelta(days=365)
    return Reminder.objects.filter(
        Q(state=Reminder.State.PENDING, next_attempt_at__lte=soon) | Q(state=Reminder.State.SENDING)
    ).update(state=Reminder.State.PENDING, next_attempt_at=later, due_at=later)


def _vacuum_reminders() -> None:
    """The reminder table as autovacuum would leave it between runs.

    A run rewrites its 5,000 rows three times (made due, claimed, sent). Where autovacuum is off or
    has not caught up, every later run on the same data (--reuse-data) would read more dead row
    versions than the first, which starts right after the data's own VACUUM ANALYZE.
    """
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE reminders_reminder")


def _flush_broker() -> None:
    """Tasks left in the benchmark's own broker database by an interrupted run would be sent again."""
    import os

    import redis

    redis.Redis.from_url(os.environ["CELERY_BROKER_URL"]).flushdb()


def _wait_for_log(path: Path, text: str, timeout: float, proc) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{path.name} exited with {proc.returncode}; see {path}")
        if path.exists() and text in path.read_text(errors="replace"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{text!r} did not appear in {path} within {timeout:.0f}s")


def run_pipeline(limits: config.Limits, sink: Sink, ids: list[int]) -> dict:
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from reminders.models import Reminder

    _park_other_due_rows(timezone.now())
    _vacuum_reminders()
    _flush_broker()
    connection.close()
    env = config.child_env(
        EMAIL_URL=sink.url,
        SCHEDULER_INTERVAL=str(limits.scheduler_interval),
        LOG_LEVEL="INFO",
    )
    schedule = config.VAR / "celerybeat-schedule"
    for stale in config.VAR.glob("celerybeat-schedule*"):
        stale.unlink()
    celery = [config.PYTHON, "-m", "celery", "-A", "followup"]
    worker, worker_log = procs.start(
        "celery-worker",
        [
            *celery,
            "worker",
            "--concurrency",
            str(limits.worker_concurrency),
            "--pool",
            "prefork",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        env,
    )
    beat = None
    try:
        _wait_for_log(worker_log, "ready.", 60, worker)
        beat, beat_log = procs.start(
            "celery-beat", [*celery, "beat", "--loglevel", "INFO", "--schedule", str(schedule)], env
        )
        _wait_for_log(beat_log, "beat: Starting", 30, beat)
        time.sleep(limits.scheduler_interval * 2)  # beat is ticking before anything comes due
        received_before = sink.stats()["received"]

        background = cpu.Window().start()
        time.sleep(2)
        background = background.stop()["machine_busy_share"]
        due = timezone.now()
        make_due(ids, due)
        started = time.monotonic()
        window = cpu.Window().start()
        spent_before = {
            "worker": cpu.tree_seconds(worker.pid),
            "consumer": cpu.process_seconds(worker.pid),
            "beat": cpu.process_seconds(beat.pid),
            "sink": cpu.process_seconds(sink.proc.pid),
        }
        progress = []
        while True:
            states = dict(
                Reminder.objects.filter(pk__in=ids).values_list("state").annotate(n=Count("pk")).order_by()
            )
            elapsed = time.monotonic() - started
            progress.append({"t": round(elapsed, 1), **states})
            finished = (
                states.get(Reminder.State.SENT, 0)
                + states.get(Reminder.State.FAILED, 0)
                + states.get(Reminder.State.CANCELLED, 0)
            )
            if finished >= len(ids) or elapsed > limits.drain_timeout:
                break
            time.sleep(0.5)
        used = window.stop()
        spent = {
            "worker": cpu.tree_seconds(worker.pid) - spent_before["worker"],
            "consumer": cpu.process_seconds(worker.pid) - spent_before["consumer"],
            "beat": cpu.process_seconds(beat.pid) - spent_before["beat"],
            "sink": cpu.process_seconds(sink.proc.pid) - spent_before["sink"],
        }
        # Let anything in flight reach the sink before counting it.
        time.sleep(1)
        sink_stats = sink.stats()
    finally:
        if beat is not None:
            procs.stop(beat)
        procs.stop(worker)

    rows = list(
        Reminder.objects.filter(pk__in=ids).values_list(
            "state", "due_at", "sent_at", "attempts", "claimed_at"
        )
    )
    sent = [(due_at, sent_at) for state, due_at, sent_at, _a, _c in rows if state == Reminder.State.SENT]
    lateness = [(sent_at - due_at).total_seconds() for due_at, sent_at in sent]
    last = max((sent_at for _d, sent_at in sent), default=due)
    first = min((sent_at for _d, sent_at in sent), default=due)
    drain = (last - due).total_seconds()
    claims = sorted({claimed_at for *_x, claimed_at in rows if claimed_at is not None})
    worker_text = worker_log.read_text(errors="replace")
    return {
        "reminders": len(ids),
        "sent": len(sent),
        "states": dict(sorted(Counter(r[0] for r in rows).items())),
        "drain_seconds": round(drain, 2),
        "first_sent_after_seconds": round((first - due).total_seconds(), 2),
        "emails_per_second": round(len(sent) / drain, 1) if drain > 0 else 0.0,
        "lateness_p50_s": round(percentile(lateness, 50), 2),
        "lateness_p99_s": round(percentile(lateness, 99), 2),
        "lateness_max_s": round(max(lateness, default=0.0), 2),
        "claims": len(claims),
        "last_claim_after_seconds": round((claims[-1] - due).total_seconds(), 2) if claims else None,
        "reclaimed_rows": sum(1 for r in rows if r[3] > 1),
        "skipped_tasks": worker_text.count("'skipped'"),
        "sink_received": sink_stats["received"] - received_before,
        "sink_duplicate_message_ids": sink_stats["duplicates"],
        "cpu": {
            "background_busy_share_before": background,
            **used,
            **{
                f"{name}_ms_per_email": round(seconds / max(len(sent), 1) * 1000, 2)
                for name, seconds in spent.items()
            },
            "machine_ms_per_email": round(used["machine_busy_cpu_seconds"] / max(len(sent), 1) * 1000, 2),
        },
        "scheduler_interval_s": limits.scheduler_interval,
        "worker_concurrency": limits.worker_concurrency,
        "progress": progress[:: max(1, len(progress) // 40)],
    }


def run_bare_loop(sink: Sink, ids: list[int]) -> dict:
    """The same emails, rendered first (timed apart), then sent over one SMTP connection."""
    from django.core.mail import get_connection

    from reminders import emails
    from reminders.models import Reminder

    rows = list(
        Reminder.objects.select_related("user", "interview__company", "interview__user")
        .filter(pk__in=ids, state=Reminder.State.SENT)
        .order_by("pk")
    )
    started = time.perf_counter()
    # One reminder at a time, as the pipeline's worst case renders them.
    messages = [emails.reminder_email(reminder=r, section=emails.sections_for([r])[0]) for r in rows]
    render_seconds = time.perf_counter() - started

    received_before = sink.stats()["received"]
    window = cpu.Window().start()
    spent_before = {"bench": cpu.process_seconds(os.getpid()), "sink": cpu.process_seconds(sink.proc.pid)}
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=sink.port,
        username="",
        password="",
        use_tls=False,
        use_ssl=False,
        fail_silently=False,
    )
    started = time.perf_counter()
    connection.open()
    for message in messages:
        connection.send_messages([message])
    connection.close()
    send_seconds = time.perf_counter() - started
    used = window.stop()
    spent = {
        "bench": cpu.process_seconds(os.getpid()) - spent_before["bench"],
        "sink": cpu.process_seconds(sink.proc.pid) - spent_before["sink"],
    }
    received = sink.stats()["received"] - received_before
    return {
        "emails": len(messages),
        "sink_received": received,
        "render_seconds": round(render_seconds, 2),
        "renders_per_second": round(len(messages) / render_seconds, 1) if render_seconds else 0.0,
        "send_seconds": round(send_seconds, 2),
        "emails_per_second": round(len(messages) / send_seconds, 1) if send_seconds else 0.0,
        "cpu": {
            **used,
            "sender_ms_per_email": round(spent["bench"] / max(len(messages), 1) * 1000, 2),
            "sink_ms_per_email": round(spent["sink"] / max(len(messages), 1) * 1000, 2),
        },
    }
