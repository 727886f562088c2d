"""Child processes of a run (gunicorn, Celery worker and beat, the SMTP sink): started in their own
process group and always stopped, on success, on failure and on Ctrl-C."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench import config

_running: list[subprocess.Popen] = []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(
    port: int, *, timeout: float, proc: subprocess.Popen | None = None, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening; see {log}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {timeout:.0f}s; see {log}")


def start(name: str, args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
    """Starts `args` with its output in var/bench/<name>.log, in a new session (its own process group)."""
    log_path = config.VAR / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 (the child writes to it for its lifetime)
    proc = subprocess.Popen(
        args, cwd=config.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    log.close()
    _running.append(proc)
    return proc, log_path


def start_piped(name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """Like start(), with stdin and stdout as pipes for talking to the child (stderr goes to the log)."""
    log_path = config.VAR / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 (the child writes to it for its lifetime)
    proc = subprocess.Popen(
        args,
        cwd=config.ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
    )
    log.close()
    _running.append(proc)
    return proc


def stop(proc: subprocess.Popen, *, timeout: float = 15.0) -> None:
    """SIGTERM to the child (a warm shutdown that stops its own pool or workers), then SIGKILL to its
    whole process group for anything left behind."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=timeout)
    # The leader may be gone while pool children linger; the group id is the leader's pid.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    if proc in _running:
        _running.remove(proc)


def stop_all() -> None:
    for proc in list(reversed(_running)):
        stop(proc, timeout=5)


def _on_signal(signum, _frame):
    stop_all()
    raise SystemExit(128 + signum)


def install_cleanup() -> None:
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
