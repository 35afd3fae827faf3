"""A real `celery -A gateway worker` subprocess for the worker tests, on its own queue."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def all_queues(queue: str) -> list[str]:
    """A test's default queue and its copies of the production queues (see worker_settings)."""
    from gateway.queues import queue_names

    return [queue, *queue_names(prefix=f"{queue}-")]


class Worker:
    def __init__(
        self,
        *,
        database_url: str,
        broker_url: str,
        queue: str,
        provider_settings: dict,
        log_dir: Path,
        concurrency: int = 2,
        beat: bool = False,
        pool: str | None = None,
        env: dict[str, str] | None = None,
        name: str = "w",
        queues: list[str] | None = None,
    ) -> None:
        self.queue = queue
        #: What it consumes: the named production queues only (e.g. ["ticks"], as the README's
        #: per-queue workers do), or by default every queue of the test.
        self.queues = [f"{queue}-{q}" for q in queues] if queues else all_queues(queue)
        self.log_path = log_dir / f"worker-{name}-{int(time.time() * 1000)}.log"
        self.beat = beat
        self.pool = pool
        self.concurrency = concurrency
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.gateway.sync.worker_settings",
            "LEDGERLINK_ENV": "test",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "0",
            "REDIS_URL": broker_url,
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "LEDGERLINK_TEST_QUEUE": queue,
            "LEDGERLINK_TEST_PROVIDER_SETTINGS": json.dumps(provider_settings),
            "LEDGERLINK_TEST_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        self.name = f"{name}-{queue}@%h"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Worker:
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "gateway",
            "worker",
            "-Q",
            ",".join(self.queues),
            "-n",
            self.name,
            "-c",
            str(self.concurrency),
            "-l",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ]
        if self.pool:
            command += ["-P", self.pool]
        if self.beat:
            schedule = self.log_path.with_suffix(".beat")
            command += ["-B", "-s", str(schedule)]
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited:\n{self.log()}")
            if " ready." in self.log():
                return self
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"worker did not start:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes, as a crash or OOM kill would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def peak_rss_mb(self) -> float:
        """Highest resident memory of the worker's processes so far (VmHWM), in MB."""
        if not self.process:
            return 0.0
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids += [int(p) for p in children.read_text().split()]
        except OSError:
            pass
        peak = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
            except OSError:
                continue
        return peak / 1024
