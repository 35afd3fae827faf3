"""Where a webhook bench run's time went: per stage medians, read back from the stores after
the run (the measurement itself, receipt → the receiver, is `bench/webhooks.py`'s)."""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Mapping


def _median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "-"


def print_stages(
    ids: list[str], arrivals: Mapping[str, float], provider: str, released: float
) -> None:
    """Per invoice: receipt → its event stored (fetch + store) → the receiver; each
    webhook-triggered sync run's queueing and duration, from the first receipt; and, besides
    the bench's measure, the time from the notifications' release (the sandbox starting to send
    them, or the first Xero POST) to each event at the receiver."""
    from gateway.events.models import Event
    from gateway.sync.models import InboundEvent, SyncRun

    received = {
        rid: at.timestamp()
        for rid, at in InboundEvent.objects.filter(provider=provider).values_list(
            "remote_id", "received_at"
        )
    }
    stored: dict[str, float] = {}
    for data, created in Event.objects.filter(type="invoice.updated").values_list(
        "data", "created_at"
    ):
        stored.setdefault(json.loads(data)["remote_id"], created.timestamp())
    wanted = [rid for rid in ids if rid in received and rid in stored and rid in arrivals]
    if not wanted:
        return
    since_release = sorted(arrivals[r] - released for r in ids if r in arrivals)
    if since_release:
        p95 = since_release[min(len(since_release) - 1, int(len(since_release) * 0.95))]
        print(
            f"release→delivery p50 {statistics.median(since_release):.3f}s  p95 {p95:.3f}s  "
            f"max {since_release[-1]:.3f}s"
        )
    first = min(received.values())
    last = max(received.values())
    print(f"stages (medians over {len(wanted)} invoices; t=0 the first receipt):")
    print(f"  receipts spread over {(last - first) * 1000:.0f} ms")
    print(
        f"  receipt → event stored {_median_ms([stored[r] - received[r] for r in wanted])}; "
        f"event stored → receiver {_median_ms([arrivals[r] - stored[r] for r in wanted])}"
    )
    print(
        f"  event stored at t={_median_ms([stored[r] - first for r in wanted])}, "
        f"at the receiver at t={_median_ms([arrivals[r] - first for r in wanted])}"
    )
    for run in SyncRun.objects.filter(trigger="webhook").order_by("queued_at"):
        started = run.started_at.timestamp() if run.started_at else None
        finished = run.finished_at.timestamp() if run.finished_at else None
        print(
            f"  sync run queued t={(run.queued_at.timestamp() - first) * 1000:.0f} ms, "
            + (f"started t={(started - first) * 1000:.0f} ms, " if started else "")
            + (f"took {(finished - started) * 1000:.0f} ms, " if started and finished else "")
            + f"{run.calls} calls, {run.records} records, {run.changes} changes"
        )


class CpuMeter:
    """CPU seconds spent by each part of the stack over a window (Linux /proc): this process
    (the receiver), its children (gunicorn, the Celery workers, the sandbox, by command line)
    and the PostgreSQL backends serving `database`. Shows where a 2-core machine's time went."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.start = self._sample()

    @staticmethod
    def _procs() -> dict[int, tuple[int, str, float]]:
        found = {}
        tick = os.sysconf("SC_CLK_TCK")
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
            # fields[1] is ppid; utime, stime are fields 11 and 12 after the name
            found[int(entry)] = (int(fields[1]), cmd, (int(fields[11]) + int(fields[12])) / tick)
        return found

    def _sample(self) -> dict[str, dict[int, float]]:
        procs = self._procs()
        me = os.getpid()
        mine = {me}
        changed = True
        while changed:
            changed = False
            for pid, (ppid, _, _) in procs.items():
                if ppid in mine and pid not in mine:
                    mine.add(pid)
                    changed = True
        parts: dict[str, dict[int, float]] = {}
        for pid, (_, cmd, cpu) in procs.items():
            if pid == me:
                part = "bench + receiver"
            elif pid in mine:
                part = _part(cmd)
            elif cmd.startswith("postgres:") and f" {self.database} " in cmd:
                part = "postgresql"
            else:
                continue
            parts.setdefault(part, {})[pid] = cpu
        return parts

    def report(self) -> None:
        end = self._sample()
        spent = {
            part: sum(cpu - self.start.get(part, {}).get(pid, 0.0) for pid, cpu in pids.items())
            for part, pids in end.items()
        }
        print(
            "  CPU seconds during the burst: "
            + ", ".join(f"{part} {cpu:.2f}" for part, cpu in sorted(spent.items()))
        )


def _part(cmd: str) -> str:
    if "gunicorn" in cmd:
        return "gunicorn"
    if "celery" in cmd:
        return "celery workers"
    if "sandbox" in cmd:
        return "sandbox"
    return "other"
