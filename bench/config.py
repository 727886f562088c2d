"""What a benchmark run uses: the data it builds, the environment of every process, and the time limits."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
RESULTS = Path(__file__).resolve().parent / "results.json"
PYTHON = sys.executable

# The data `manage.py demo` builds: 100 users, one heavy (demo@followup.example) and 99 light ones.
PASSWORD = "bench-password-not-secret"
HEAVY_EMAIL = "demo@followup.example"
LIGHT_EMAIL = "demo-user-0001@followup.example"
# A light user grown to a tenth of the heavy user's history: a page that shows the same rows must cost
# the same for both (the cost of a page may not grow with history).
MEDIUM_EMAIL = "demo-user-0002@followup.example"
MEDIUM_INTERVIEWS = 200
HEAVY_INTERVIEWS = 2000
LIGHT_USERS = 99
CONTACTS_PER_COMPANY = 40
# The heavy user has 8,000 letters; the demo builds about 7,100 (a thank-you per person and a
# first follow-up once an interview is over), so the benchmark drafts second follow-ups up to this.
HEAVY_LETTERS = 8000

DEFAULTS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/followup_bench",
    "REDIS_URL": "redis://127.0.0.1:6379/12",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
}

# Production settings, on plain HTTP over loopback.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-only-secret-key-never-used-elsewhere-0123456789abcdef",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "SITE_URL": "http://127.0.0.1:8000",
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "BENCH_STATIC_ROOT": str(VAR / "staticfiles"),
    "LOG_LEVEL": "WARNING",
    "PYTHONUNBUFFERED": "1",
    # The calendar feed is requested back to back like every page: its rate limit would answer 429.
    "CALENDAR_FEED_RATE_LIMIT": "100000000",
}


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a whole run under ten minutes on two cores."""

    page_seconds: float = 4.0  # measured load per page and user
    warmup_seconds: float = 0.5
    clients: int = 2  # load-generator threads, one per gunicorn worker
    gunicorn_workers: int = 2
    reminders: int = 5000
    worker_concurrency: int = 2
    scheduler_interval: float = 1.0  # a sweep per second for the benchmark (60 s in production)
    drain_timeout: float = 240.0


def prepare_environment() -> None:
    """Fills the environment this process and its children share; call before Django loads."""
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    database = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
    if "bench" not in database:
        # The run replaces the demo account and the light users: never point it at real data.
        raise SystemExit(
            f"DATABASE_URL must name a benchmark database (one with 'bench' in its name), not {database!r}."
        )
    os.environ.update(PRODUCTION)
    VAR.mkdir(parents=True, exist_ok=True)


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env
