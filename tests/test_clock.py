"""The suite's own clock: processes a travelled test starts share its date."""

import datetime as dt
import subprocess
import sys

import time_machine

from tests.clock import TRICKY_MOMENTS
from tests.processes import ROOT, process_env

PRINT_TODAY = "from tests.clock import travel_by_env_offset; travel_by_env_offset(); import datetime; print(datetime.datetime.now(datetime.UTC).isoformat())"


def child_now() -> dt.datetime:
    out = subprocess.run(
        [sys.executable, "-c", PRINT_TODAY],
        cwd=ROOT,
        env=process_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dt.datetime.fromisoformat(out.strip())


def test_a_child_process_started_while_travelling_shares_the_travelled_clock():
    moment = TRICKY_MOMENTS["new-years-eve"]
    with time_machine.travel(moment, tick=True):
        seen = child_now()
    assert moment <= seen < moment + dt.timedelta(minutes=1)


def test_a_child_process_started_without_travel_keeps_the_real_clock():
    before = dt.datetime.now(dt.UTC)
    assert (
        before - dt.timedelta(seconds=5) <= child_now() <= dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
    )
