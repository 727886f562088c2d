"""Fixed moments for tests about dates, and a travelled clock shared with the processes a test starts.

A test that reads the real clock passes or fails with the day it runs on. Tests about due dates and
wording run on each of the moments below instead, chosen for what tends to break: a weekend, the night
the clocks change, the turn of a year (already 1 January in Berlin, still 31 December in New York).
"""

import datetime as dt
import os
import time

UTC = dt.UTC

TRICKY_MOMENTS: dict[str, dt.datetime] = {
    "weekday": dt.datetime(2026, 6, 10, 9, 30, tzinfo=UTC),  # an ordinary Wednesday morning
    "saturday": dt.datetime(2026, 6, 13, 15, 0, tzinfo=UTC),
    # 23:30 on Saturday in Berlin; Europe's clocks go forward at 02:00 that night.
    "eve-of-dst": dt.datetime(2026, 3, 28, 22, 30, tzinfo=UTC),
    "new-years-eve": dt.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
}

# A child process started during a travelled test reads this offset (seconds) and travels by it too.
OFFSET_VARIABLE = "FOLLOWUP_TEST_CLOCK_OFFSET"


def offset_from_real_time() -> float:
    """How far this process's clock (time-machine's, while travelling) is from the machine's."""
    import time_machine

    real = time_machine.escape_hatch.time.time() if time_machine.escape_hatch.is_travelling() else time.time()
    return time.time() - real


def child_clock_env() -> dict[str, str]:
    """Environment that puts a child process on this process's clock: empty unless travelling."""
    offset = offset_from_real_time()
    return {OFFSET_VARIABLE: repr(offset)} if abs(offset) > 1 else {}


def travel_by_env_offset() -> None:
    """Called first thing in a child process: travel by the offset its parent passed, ticking."""
    offset = float(os.environ.get(OFFSET_VARIABLE) or 0)
    if offset:
        import time_machine

        time_machine.travel(time.time() + offset, tick=True).start()
