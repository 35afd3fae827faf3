"""Walk the README's "Running on PostgreSQL, Redis and a Celery worker" section from a fresh clone.

The section's shell block runs as written, in a `git clone` of this repository, with four
substitutions so the walk can share a machine: the database name, the Redis database number and
the ports (gateway 8000, sandboxes 8765 and 8766) become the walk's own. The block must leave the
API key in `$KEY`. Then the walk checks that every process it started is still running, that
`/healthz` answers 200 and that `/v1/providers` answers the key, and stops everything.

    python scripts/walk_readme.py --postgres postgres://postgres@127.0.0.1:5432 --redis-db 15

Exit status 0 when the walk succeeds; the transcript is printed either way.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Running on PostgreSQL, Redis and a Celery worker"
PORTS = (8000, 8765, 8766)


def section_block(readme: str) -> str:
    """The first ```sh block of the section."""
    section = readme.split(SECTION, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```sh\n(.*?)```", section, re.S)
    if match is None:
        raise SystemExit(f"no ```sh block under {SECTION!r}")
    return match.group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def localise(block: str, database: str, redis_db: int, ports: dict[int, int]) -> str:
    """The block with the walk's database, Redis database and ports."""
    lines = []
    for line in block.splitlines():
        if "DATABASE_URL" in line or line.lstrip().startswith(("createdb", "dropdb")):
            line = re.sub(r"\bledgerlink\b(?=\s*$|\s)", database, line)
            line = re.sub(r"(postgres://[^/\s]+/)ledgerlink\b", rf"\g<1>{database}", line)
        line = re.sub(r"(redis://[^/\s]+)/\d+", rf"\g<1>/{redis_db}", line)
        for old, new in ports.items():
            line = re.sub(rf"(?<![\d.]){old}(?!\d)", str(new), line)
        lines.append(line)
    return "\n".join(lines) + "\n"


CHECKS = """
# -- the walk's checks (not in the README) --
walk_started=$(jobs -p | wc -l)
for _ in $(seq 1 120); do
  curl -s -o /dev/null http://127.0.0.1:{port}/healthz && break
  sleep 0.5
done
sleep 2  # beat and the worker settle
curl -s -w '\\n%{{http_code}}' http://127.0.0.1:{port}/healthz > "$WALK_OUT/healthz"
curl -s -w '\\n%{{http_code}}' -H "Authorization: Bearer $KEY" \\
  http://127.0.0.1:{port}/v1/providers > "$WALK_OUT/providers"
running=0
for pid in $(jobs -p); do kill -0 "$pid" 2>/dev/null && running=$((running + 1)); done
echo "$walk_started $running" > "$WALK_OUT/processes"
kill $(jobs -p) 2>/dev/null || true
wait || true
"""


def settings_names() -> set[str]:
    """Ledgerlink's settings (every one is in .env.example) and the test run's own variables:
    the walk's environment has none of them, so the section must set what it needs."""
    names = {
        line.split("=", 1)[0].strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    return names | {"DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "PYTEST_CURRENT_TEST", "PYTHONPATH"}


def drop_database(postgres: str, database: str) -> None:
    import psycopg

    with psycopg.connect(f"{postgres}/postgres", autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def read_answer(path: Path) -> tuple[int, str]:
    body, _, status = path.read_text().rpartition("\n")
    return int(status or 0), body


def walk(postgres: str, redis_db: int, timeout: float) -> list[str]:
    """Problems found (empty: the README's section works as written)."""
    database = f"ll_walk_{os.getpid()}"
    ports = {port: free_port() for port in PORTS}
    work = Path(tempfile.mkdtemp(prefix="ledgerlink-walk-"))
    clone, out = work / "clone", work / "out"
    out.mkdir()
    problems: list[str] = []
    drop_database(postgres, database)
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        readme = (ROOT / "README.md").read_text(encoding="utf-8")  # the README being changed
        script = localise(section_block(readme), database, redis_db, ports)
        script = "set -e\n" + script + CHECKS.format(port=ports[8000])
        (work / "walk.sh").write_text(script)
        env = {k: v for k, v in os.environ.items() if k not in settings_names()}
        env["WALK_OUT"] = str(out)
        process = subprocess.Popen(
            ["bash", str(work / "walk.sh")],
            cwd=clone,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            transcript, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            transcript, _ = process.communicate()
            problems.append(f"the walk took longer than {timeout:.0f}s")
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # anything the block left behind
        print(transcript[-6000:])
        if process.returncode not in (0, None) and not (out / "processes").exists():
            problems.append(f"the section's commands failed (exit {process.returncode})")
            return problems
        started, running = map(int, (out / "processes").read_text().split())
        if started == 0 or running != started:
            problems.append(f"{started - running} of {started} started processes had exited")
        status, body = read_answer(out / "healthz")
        if status != 200:
            problems.append(f"/healthz answered {status}: {body[:500]}")
        status, body = read_answer(out / "providers")
        if status != 200:
            problems.append(f"/v1/providers answered {status}: {body[:500]}")
        else:
            keys = [p["key"] for p in json.loads(body)["results"]]
            if not keys:
                problems.append("/v1/providers lists no provider: the section configures none")
        schedules = sorted(p.name for p in clone.glob("celerybeat-schedule*"))
        if schedules:
            problems.append(f"celery beat left {schedules} in the repository root")
    finally:
        drop_database(postgres, database)
        shutil.rmtree(work, ignore_errors=True)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis-db", type=int, default=15)
    parser.add_argument("--timeout", type=float, default=150.0)
    args = parser.parse_args()
    problems = walk(args.postgres.rstrip("/"), args.redis_db, args.timeout)
    for problem in problems:
        print(f"WALK FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
