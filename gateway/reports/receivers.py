"""Stored ledger changes drop the account's cached reports (see generations.py)."""

from __future__ import annotations

from django.dispatch import receiver

from gateway.records.signals import records_changed
from gateway.reports import generations


@receiver(records_changed, dispatch_uid="reports.records_changed")
def _ledger_changed(sender, account, changes, **kwargs) -> None:
    # Sent inside the upsert's transaction: the bump commits (or rolls back) with the records.
    if generations.touches_ledger(change.model for change in changes):
        generations.bump(account.id)
