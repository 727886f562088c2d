"""Starts real Celery worker and beat processes against the test database and the test broker."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.clock import OFFSET_VARIABLE, child_clock_env

ROOT = Path(__file__).resolve().parent.parent


def process_env(**extra: str) -> dict[str, str]:
    """The environment a child process needs to share this test run's database, broker and cache."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="followup.test_settings",
        DATABASE_URL=f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        REDIS_URL=settings.REDIS_URL,
        PYTHONUNBUFFERED="1",
    )
    env.pop(OFFSET_VARIABLE, None)
    env.update(child_clock_env())
    env.update(extra)
    return env


class CeleryProcess:
    """One running `celery worker` or `celery beat`, with its output kept in a log file."""

    def __init__(self, kind: str, log_dir: Path, env: dict[str, str], args: list[str]):
        self.kind = kind
        self.log_path = log_dir / f"{kind}-{time.monotonic_ns()}.log"
        self.env = env
        self.args = args
        self.proc: subprocess.Popen | None = None

    def start(self) -> "CeleryProcess":
        log = open(self.log_path, "ab")  # noqa: SIM115 (kept open for the child's lifetime)
        cmd = [
            sys.executable,
            "-m",
            "tests.run_celery",
            "-A",
            "followup",
            self.kind,
            "--loglevel",
            "INFO",
            *self.args,
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kills the whole process group of the worker, so its pool children die with it."""
        if self.proc and self.proc.poll() is None:
            for child in _children(self.proc.pid):
                _signal(child, sig)
            _signal(self.proc.pid, sig)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _signal(pid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


@pytest.fixture
def celery_process(transactional_db, tmp_path):
    """Factory: celery_process("worker") or celery_process("beat"); all are stopped after the test."""
    started: list[CeleryProcess] = []
    connection.close()  # children open their own connections; ours must not be shared across fork

    def start(kind: str, *args: str, **env: str) -> CeleryProcess:
        default_args = (
            ["--concurrency", "1", "--without-gossip", "--without-mingle"] if kind == "worker" else []
        )
        if kind == "beat":
            default_args = ["--schedule", str(tmp_path / f"beat-{len(started)}")]
        proc = CeleryProcess(kind, tmp_path, process_env(**env), [*default_args, *args]).start()
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.stop()
