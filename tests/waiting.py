"""Waiting for something to happen in another process, with a deadline instead of a fixed sleep."""

import time
from collections.abc import Callable


def wait_for(predicate: Callable[[], object], *, timeout: float = 60, what: str = "condition", log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.1)
    detail = f"\n--- process log ---\n{log()[-4000:]}" if log else ""
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}.{detail}")


def wait_sweeps(count: int, *, timeout: float = 60) -> None:
    """Waits until the scheduler's heartbeat has moved `count` times: that many sweeps have run."""
    from followup.models import Heartbeat

    def beat_at():
        return Heartbeat.objects.filter(name="scheduler").values_list("beat_at", flat=True).first()

    seen = [beat_at()]

    def moved_enough():
        current = beat_at()
        if current != seen[-1]:
            seen.append(current)
        return len(seen) > count

    wait_for(moved_enough, timeout=timeout, what=f"{count} sweeps")
