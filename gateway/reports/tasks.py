"""Celery tasks: one-line wrappers over the snapshot services."""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from gateway.accounts.models import LinkedAccount
from gateway.reports import snapshots


@shared_task(ignore_result=True)
def schedule_snapshots() -> int:
    return snapshots.schedule()


@shared_task(ignore_result=True)
def snapshot_account(account_id: str, month_end: str) -> int:
    account = LinkedAccount.objects.filter(id=account_id).first()
    if account is None:  # unlinked since it was queued
        return 0
    return len(snapshots.take(account, dt.date.fromisoformat(month_end)))
