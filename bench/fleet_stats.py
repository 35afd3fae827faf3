"""What the fleet benchmark computes and samples: percentiles, the provider-call floor, and the
CPU each part of the stack spends (Linux /proc), sampled over a run to show where the
bottleneck is."""

from __future__ import annotations

import itertools
import math
import os
import threading
import time
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``; None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def calls_floor_per_hour(models_per_pass: int, frequency_minutes: float) -> float:
    """The fewest provider calls an account can cost an hour when synced incrementally every
    ``frequency_minutes``: one call per model per pass (a pass has to ask the provider whether
    each model changed), ``60 / frequency`` passes an hour."""
    return models_per_pass * 60.0 / frequency_minutes


def ratio_line(label: str, values: dict[int, float]) -> str:
    """``label: 1 → 1.00x, 2 → 1.71x, …``: each value against the first key's."""
    if not values:
        return f"{label}: -"
    first = values[min(values)]
    parts = [f"{k} → {v / first:.2f}×" if first else f"{k} → -" for k, v in sorted(values.items())]
    return f"{label}: " + ", ".join(parts)


def part_of(cmd: str, database: str) -> str | None:
    """Which part of the stack a process is, from its command line (None: not ours)."""
    if cmd.startswith("postgres:"):
        return "postgresql" if f" {database} " in cmd else None
    if "redis-server" in cmd:
        return "redis (shared)"
    if "celery" in cmd and " worker" in cmd:
        return "celery workers"
    if "gunicorn" in cmd:
        return "gunicorn"
    if "sandbox.xero" in cmd:
        return "xero sandbox"
    if "sandbox.quickbooks" in cmd:
        return "quickbooks sandbox"
    return None


def _proc_cpu(database: str, me: int) -> dict[str, float]:
    """CPU seconds (user + system) so far of each part: this process ('bench') and the
    processes it started (by command line), the PostgreSQL backends of ``database`` and the
    Redis server (shared with whatever else uses it). Other processes of the same programs
    (another benchmark's workers) are left out."""
    tick = os.sysconf("SC_CLK_TCK")
    procs: dict[int, tuple[int, str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        # after the name: state, ppid, ..., utime (11), stime (12)
        procs[int(entry)] = (int(fields[1]), cmd, (int(fields[11]) + int(fields[12])) / tick)
    mine = {me}
    grew = True
    while grew:
        grew = False
        for pid, (ppid, _, _) in procs.items():
            if ppid in mine and pid not in mine:
                mine.add(pid)
                grew = True
    totals: dict[str, float] = {}
    for pid, (_, cmd, cpu) in procs.items():
        if pid == me:
            part = "bench (tick, changes)"
        elif pid in mine or cmd.startswith("postgres:") or "redis-server" in cmd:
            part = part_of(cmd, database)
        else:
            part = None
        if part is not None:
            totals[part] = totals.get(part, 0.0) + cpu
    return totals


#: The whole machine's busy CPU (every process, this benchmark's and everyone else's).
MACHINE = "machine (all processes)"


def machine_busy() -> float:
    """CPU seconds the whole machine has been busy (not idle or waiting on I/O), /proc/stat."""
    with open("/proc/stat") as f:
        fields = f.readline().split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


class CpuSampler:
    """Samples each part's CPU every ``interval`` seconds in a thread. ``window()`` gives the
    CPU seconds each part spent between two marks; ``busiest()`` each part's mean and peak
    share of one core over the samples. Processes that ended take their CPU with them, so
    marks are taken while the parts run."""

    def __init__(self, database: str, interval: float = 5.0) -> None:
        self.database = database
        self.interval = interval
        self.samples: list[tuple[float, dict[str, float]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def read(self) -> dict[str, float]:
        parts = _proc_cpu(self.database, os.getpid())
        parts[MACHINE] = machine_busy()
        return parts

    def start(self) -> CpuSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), self.read()))
            self._stop.wait(self.interval)

    def shares(self, since: float = 0.0) -> dict[str, tuple[float, float]]:
        """Per part: (mean, peak) cores used between consecutive samples after ``since``."""
        rows = [(t, s) for t, s in self.samples if t >= since]
        per_part: dict[str, list[float]] = {}
        for (t0, a), (t1, b) in itertools.pairwise(rows):
            span = t1 - t0
            if span <= 0:
                continue
            for part, cpu in b.items():
                used = max(cpu - a.get(part, cpu), 0.0) / span
                per_part.setdefault(part, []).append(used)
        return {p: (sum(v) / len(v), max(v)) for p, v in per_part.items() if v}


def cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {part: max(after.get(part, 0.0) - before.get(part, 0.0), 0.0) for part in after}


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - started
