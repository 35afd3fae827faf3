"""Where the CPU went during a load run: per group of processes, from /proc (Linux).

Groups are named process lists (the gateway's gunicorn master and workers, the PostgreSQL
backends serving the bench database, Redis); the load client counts its own CPU. The rest of
the machine's busy time (other work on the same cores) is reported as `other`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

_TICK = os.sysconf("SC_CLK_TCK")


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


def _busy_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
            except OSError:
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def matching(*words: str) -> list[int]:
    """Processes whose command line contains every one of `words`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if all(word in command for word in words):
                found.append(int(entry.name))
    return found


class CpuSplit:
    """CPU seconds of each group between `start()` and `stop()`; pids are looked up at both
    ends, so processes that appear during the run (PostgreSQL backends) are counted."""

    def __init__(self, groups: dict[str, Callable[[], list[int]]]):
        self.groups = groups

    def _snapshot(self) -> dict[str, dict[int, int]]:
        return {name: {pid: _ticks(pid) for pid in pids()} for name, pids in self.groups.items()}

    def start(self) -> None:
        self.before = self._snapshot()
        self.machine_before = _busy_ticks()

    def stop(self, elapsed: float, client_seconds: float) -> dict[str, float]:
        """Share of the machine's CPU (all cores over `elapsed`) per group, `client` (the load
        generator's own `client_seconds`), `other` (the rest of the busy time) and `idle`."""
        after = self._snapshot()
        busy, total = _busy_ticks()
        capacity = elapsed * (os.cpu_count() or 1)
        shares = {}
        for name, pids in after.items():
            ticks = sum(t - self.before[name].get(pid, 0) for pid, t in pids.items())
            shares[name] = ticks / _TICK / capacity
        shares["load client"] = client_seconds / capacity
        machine_busy = (busy - self.machine_before[0]) / max(total - self.machine_before[1], 1)
        shares["other"] = max(machine_busy - sum(shares.values()), 0.0)
        shares["idle"] = max(1 - machine_busy, 0.0)
        return shares


def describe(shares: dict[str, float]) -> str:
    return ", ".join(f"{name} {share * 100:.0f}%" for name, share in shares.items())
