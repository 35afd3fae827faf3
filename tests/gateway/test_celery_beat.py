"""`celery beat` keeps its schedule under var/, never in the repository root."""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings

from gateway.celery import app, make_schedule_directory

ROOT = Path(__file__).resolve().parents[2]


def test_the_beat_schedule_file_is_under_var_and_ignored(tmp_path):
    filename = Path(app.conf.beat_schedule_filename)
    assert filename.parent == settings.VAR_DIR
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(filename.relative_to(ROOT)) + ".db"], cwd=ROOT
    )
    assert ignored.returncode == 0


def test_beat_creates_the_schedule_directory(tmp_path):
    target = tmp_path / "fresh" / "var" / "celerybeat-schedule"
    make_schedule_directory(SimpleNamespace(schedule_filename=str(target)))
    assert target.parent.is_dir()
