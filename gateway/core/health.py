"""Health checks: can we reach the database and the task broker?"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: str


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return Check(False, f"unreachable: {exc.__class__.__name__}")
    return Check(True, connection.vendor)


def check_broker() -> Check:
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        return Check(True, "in-process (no broker configured)")
    from gateway.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return Check(False, f"unreachable: {exc.__class__.__name__}")
    return Check(True, "reachable")
