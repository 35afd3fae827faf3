"""Starting a provider sandbox as its own process (`python -m sandbox.<name> --port 0`)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_sandbox_process(
    module: str, db_path: Path, log_path: Path
) -> tuple[subprocess.Popen, str]:
    """Start `python -m <module>` on a free port with a fresh store; return it and its URL
    (read from the `SANDBOX_URL=` line it prints once listening)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable, "-m", module,
        "--host", "127.0.0.1", "--port", "0", "--db", str(db_path), "--reset",
    ]  # fmt: skip
    log = log_path.open("w")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("SANDBOX_URL="):
                found.append(line.strip().split("=", 1)[1])
                break

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if not found:
        process.kill()
        raise RuntimeError(f"{module} did not start; see {log_path}:\n{log_path.read_text()}")
    return process, found[0]
