"""Private PostgreSQL and Redis instances a fault test may restart (never the shared ones), and
the worker harness of `tests.gateway.sync.live` pointed at them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from gateway.queues import task_routes
from tests.gateway.sync.live import CI, Live

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _unavailable(message: str) -> None:
    if CI:
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def refused_port() -> Iterator[int]:
    """A port where every connection is refused for as long as the block runs: bound and not
    listening, so no other process (a parallel worker's sandbox) can start listening there the
    way it could on a ``free_port()`` that was released."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivatePostgres:
    """`initdb` into a temporary directory and `pg_ctl` on a port of its own (trust auth)."""

    def __init__(self) -> None:
        if not (PG_BIN / "initdb").exists():
            _unavailable(f"PostgreSQL binaries not found in {PG_BIN} (set PG_BIN)")
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="ledgerlink-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:  # initdb refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        command = [str(a) for a in args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def url(self, name: str = "ledgerlink") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self) -> PrivatePostgres:
        if not self.data.exists():
            self._run(
                PG_BIN / "initdb",
                "-D",
                self.data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
            )
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.log,
            "-w",
            "-t",
            "60",
            "start",
        )
        return self

    def stop(self, mode: str = "fast") -> None:
        self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", mode, "-w", "-t", "60", "stop")

    def create_database(self, name: str = "ledgerlink") -> str:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        with suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """`redis-server --port N --save ''`: a restart loses everything, as a crashed cache would."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        if not self.binary:
            _unavailable("redis-server not found on PATH")
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> PrivateRedis:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.5)
        deadline = time.monotonic() + 20
        while True:
            try:
                if client.ping():
                    return self
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@contextmanager
def harness(settings, sandbox, db_url: str, redis_url: str, tmp_path) -> Iterator[Live]:
    """What the `live` fixture does, on the given database and broker."""
    from gateway.celery import app

    queue = f"ledgerlink-faults-{uuid.uuid4().hex[:10]}"
    keys = ("task_always_eager", "broker_url", "task_default_queue", "task_routes")
    saved = {k: app.conf[k] for k in keys}
    app.conf.update(
        task_always_eager=False,
        broker_url=redis_url,
        task_default_queue=queue,
        task_routes=task_routes(prefix=f"{queue}-"),
    )
    for cached in ("queues", "router", "_producer_pool"):
        app.amqp.__dict__.pop(cached, None)
    app.amqp._producer_pool = None
    app._pool = None
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.REDIS_URL = redis_url
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    live = Live(settings, sandbox, db_url, redis_url, queue, tmp_path)
    live.configure()
    try:
        yield live
    finally:
        live.stop_all()
        app.conf.update(saved)
        for cached in ("queues", "router"):
            app.amqp.__dict__.pop(cached, None)
        app.amqp._producer_pool = None
        app._pool = None
