"""`make run`: a crashed worker or beat comes back on its own, Ctrl-C stops everything, links follow PORT."""

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.supervise import FIRST_DELAY, MAX_DELAY, next_delay
from tests.processes import ROOT, process_env
from tests.waiting import wait_for


def test_the_pause_before_a_restart_doubles_while_the_process_keeps_crashing():
    assert next_delay(previous=0, ran_for=0.5) == FIRST_DELAY
    assert next_delay(previous=1, ran_for=0.5) == 2
    assert next_delay(previous=16, ran_for=0.5) == MAX_DELAY
    assert next_delay(previous=MAX_DELAY, ran_for=0.5) == MAX_DELAY
    # After a long healthy run a crash gets the short pause again.
    assert next_delay(previous=MAX_DELAY, ran_for=120) == FIRST_DELAY


class Output:
    """A child's combined output, kept in a file and read back while it runs."""

    def __init__(self, path: Path):
        self.path = path

    def __call__(self) -> str:
        return self.path.read_text(errors="replace") if self.path.exists() else ""

    def pids(self, name: str) -> list[int]:
        return [int(pid) for pid in re.findall(rf"\[supervise\] {name} started \(pid (\d+)\)", self())]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it has stopped all the same.
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    return False


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    # A session of its own, as honcho gives each process, so the test can stop exactly what it started.
    with open(log, "ab") as out:
        return subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def test_a_killed_worker_is_started_again_and_ctrl_c_stops_it_for_good(tmp_path):
    output = Output(tmp_path / "supervise.log")
    command = [sys.executable, "scripts/supervise.py", "worker", "--"]
    command += [sys.executable, "-m", "celery", "-A", "followup", "worker", "--concurrency", "1"]
    command += ["--without-gossip", "--without-mingle", "--loglevel", "INFO"]
    proc = start(command, process_env(), output.path)
    try:
        wait_for(lambda: output().count(" ready.") >= 1, timeout=90, what="the worker", log=output)
        [first] = output.pids("worker")
        os.kill(first, signal.SIGKILL)

        wait_for(lambda: len(output.pids("worker")) == 2, timeout=60, what="a restart", log=output)
        assert "[supervise] worker killed by SIGKILL; starting it again in 1 s" in output()
        wait_for(lambda: output().count(" ready.") >= 2, timeout=90, what="the new worker", log=output)
        second = output.pids("worker")[1]
        assert alive(second)

        proc.send_signal(signal.SIGINT)  # what Ctrl-C delivers
        assert proc.wait(timeout=30) == 0
        wait_for(lambda: not alive(second), timeout=30, what="the worker to stop", log=output)
        assert len(output.pids("worker")) == 2
    finally:
        stop_group(proc)


def test_a_configuration_error_is_not_restarted(tmp_path):
    output = Output(tmp_path / "supervise.log")
    env = process_env(SCHEDULER_INTERVAL="nan")
    command = [sys.executable, "scripts/supervise.py", "beat", "--", sys.executable, "-m", "celery"]
    proc = start([*command, "-A", "followup", "beat"], env, output.path)
    try:
        assert proc.wait(timeout=60) == 2
        assert "Configuration error: SCHEDULER_INTERVAL" in output()
        assert "fix the configuration" in output()
        assert len(output.pids("beat")) == 1
    finally:
        stop_group(proc)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthz(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # 503 while beat has not yet recorded its first heartbeat
        return json.load(error)
    except OSError:
        return None


@pytest.fixture
def local_env(tmp_path) -> dict[str, str]:
    """The environment of someone typing `make run` on their machine: nothing set, embedded defaults."""
    var = tmp_path / "var"
    (var / "broker").mkdir(parents=True)
    keep = {"PATH", "HOME", "LANG", "TMPDIR"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(FOLLOWUP_VAR_DIR=str(var), PYTHONUNBUFFERED="1")
    return env


def test_make_run_links_follow_the_port_and_a_dead_worker_comes_back(tmp_path, local_env):
    port = free_port()
    output = Output(tmp_path / "make-run.log")
    # -o: the test must not reinstall the shared virtual environment.
    proc = start(["make", "-s", "-o", ".venv/.installed", "run", f"PORT={port}"], local_env, output.path)
    try:
        report = wait_for(lambda: healthz(port), timeout=180, what="the web server", log=output)
        assert report["site_url"] == f"http://localhost:{port}"
        assert f"Links in emails will point to http://localhost:{port}" in output()

        wait_for(lambda: output.pids("worker"), timeout=60, what="the worker", log=output)
        [first] = output.pids("worker")
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: len(output.pids("worker")) == 2, timeout=60, what="a restart", log=output)
        # The web server stayed up the whole time.
        assert healthz(port)["site_url"] == f"http://localhost:{port}"

        # Ctrl-C in a terminal reaches make and honcho; every process stops.
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=60)
        wait_for(lambda: healthz(port) is None, timeout=30, what="the web server to stop", log=output)
        second = output.pids("worker")[1]
        wait_for(lambda: not alive(second), timeout=30, what="the worker to stop", log=output)
    finally:
        stop_group(proc)


def test_site_url_set_by_the_user_wins_over_the_port(tmp_path, local_env):
    port = free_port()
    output = Output(tmp_path / "make-run.log")
    local_env["SITE_URL"] = "https://followup.example"
    proc = start(["make", "-s", "-o", ".venv/.installed", "run", f"PORT={port}"], local_env, output.path)
    try:
        report = wait_for(lambda: healthz(port), timeout=180, what="the web server", log=output)
        assert report["site_url"] == "https://followup.example"
        assert "Links in emails will point to https://followup.example" in output()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=60)
        stop_group(proc)
