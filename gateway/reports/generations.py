"""The per-account report generation: part of every cache key, bumped by ledger changes."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.utils import timezone

from gateway.reports.models import ReportGeneration

__all__ = ["LEDGER_MODELS", "bump", "current", "touches_ledger"]

#: The models whose records move a report's figures: a stored change to any of them (created,
#: updated or deleted) drops the account's cached reports. Contacts, items, tax rates, tracking
#: categories and purchase orders post nothing to the ledger.
LEDGER_MODELS = frozenset(
    {
        "account",
        "bank_transaction",
        "bank_transfer",
        "credit_note",
        "expense",
        "general_ledger_transaction",
        "invoice",
        "journal_entry",
        "payment",
    }
)


def touches_ledger(models: Iterable[str]) -> bool:
    return any(model in LEDGER_MODELS for model in models)


def current(account_id) -> int:
    found = (
        ReportGeneration.objects.filter(linked_account_id=account_id)
        .values_list("generation", flat=True)
        .first()
    )
    return found or 0


def bump(account_id) -> None:
    """One statement, so concurrent bumps (two syncs of one account) never lose one."""
    table = connection.ops.quote_name(ReportGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (linked_account_id, generation, changed_at) "  # noqa: S608
            "VALUES (%s, 1, %s) ON CONFLICT (linked_account_id) DO UPDATE SET "
            f"generation = {table}.generation + 1, changed_at = EXCLUDED.changed_at",
            [account_id.hex if connection.vendor == "sqlite" else account_id, timezone.now()],
        )
