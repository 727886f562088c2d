"""Keeps one `make run` process alive: starts it again, after a short pause, whenever it stops on its own.

    python scripts/supervise.py worker -- celery -A followup worker ...

honcho stops every process as soon as one of them exits, so a worker that crashed would take the web
server down with it. Under this wrapper honcho sees only the wrapper, which says in the terminal what
stopped and restarts it. Ctrl-C (SIGINT) or honcho's SIGTERM stops the child and the wrapper for good.
A child that exits with status 2 (a configuration error: the message is already on the screen) is not
restarted, since it would fail the same way every time.
"""

import signal
import subprocess
import sys
import time

FIRST_DELAY = 1.0
MAX_DELAY = 30.0
# A child that ran this long before stopping is considered healthy: the next pause starts short again.
HEALTHY_RUN = 60.0
CONFIG_ERROR = 2


def next_delay(*, previous: float, ran_for: float) -> float:
    """Doubles the pause for a child that keeps crashing at once, up to MAX_DELAY."""
    if ran_for >= HEALTHY_RUN or previous <= 0:
        return FIRST_DELAY
    return min(previous * 2, MAX_DELAY)


def describe_exit(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exited with status {returncode}"


def say(name: str, message: str) -> None:
    print(f"[supervise] {name} {message}", flush=True)


def supervise(name: str, command: list[str]) -> int:
    stopping = False
    child: subprocess.Popen | None = None

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    delay = 0.0
    while True:
        started = time.monotonic()
        child = subprocess.Popen(command)
        say(name, f"started (pid {child.pid})")
        returncode = child.wait()
        if stopping:
            return 0
        ran_for = time.monotonic() - started
        if returncode == CONFIG_ERROR:
            say(name, f"{describe_exit(returncode)}: fix the configuration and run it again")
            return returncode
        delay = next_delay(previous=delay, ran_for=ran_for)
        say(name, f"{describe_exit(returncode)}; starting it again in {delay:g} s (Ctrl-C stops everything)")
        deadline = time.monotonic() + delay
        while not stopping and time.monotonic() < deadline:
            time.sleep(0.1)
        if stopping:
            return 0


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        sys.stderr.write("usage: supervise.py NAME -- COMMAND [ARGS...]\n")
        return 2
    return supervise(argv[0], argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
