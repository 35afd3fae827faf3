"""The Celery application. Without a broker configured, tasks run in-process (eager)."""

import os
from pathlib import Path

from celery import Celery
from celery.signals import beat_init, worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway.settings")

app = Celery("ledgerlink")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect  # the worker's own process: it runs the tasks of the solo/threads pools
@worker_process_init.connect  # each child of the prefork pool
def settle_heap(**kwargs) -> None:
    from gateway.core import heap

    heap.settle()


@beat_init.connect
def make_schedule_directory(sender, **kwargs) -> None:
    """The schedule file lives under var/, which a fresh clone does not have yet."""
    Path(sender.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
