"""CPU time, from /proc: the whole machine's busy time and a process tree's own (Linux only)."""

from __future__ import annotations

import os
import subprocess

TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the machine since boot, summed over every core."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    total = sum(fields[:8])
    return (total - idle) / TICKS, total / TICKS


def process_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def tree_seconds(pid: int) -> float:
    """CPU seconds of a process and its living children (a worker and its pool, say)."""
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return process_seconds(pid) + sum(tree_seconds(int(c)) for c in children)


class Window:
    """Machine CPU use between start() and stop(): busy seconds and the share of every core."""

    def start(self) -> Window:
        self.busy0, self.total0 = machine_busy_seconds()
        return self

    def stop(self) -> dict:
        busy, total = machine_busy_seconds()
        spent = busy - self.busy0
        return {
            "machine_busy_cpu_seconds": round(spent, 1),
            "machine_busy_share": round(spent / max(total - self.total0, 1e-9), 2),
        }
