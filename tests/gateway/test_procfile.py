"""The Procfile runs one worker per queue, and every queue has one."""

from __future__ import annotations

import re
from pathlib import Path

from gateway.queues import QUEUES

ROOT = Path(__file__).resolve().parents[2]


def test_every_queue_has_a_worker_in_the_procfile_and_the_readme():
    procfile = (ROOT / "Procfile").read_text()
    consumed = {q for line in re.findall(r" -Q (\S+)", procfile) for q in line.split(",")}
    assert consumed == set(QUEUES)
    assert "celery -A gateway beat" in procfile
    readme = (ROOT / "README.md").read_text()
    for queue in QUEUES:
        assert f"worker -Q {queue} " in readme
