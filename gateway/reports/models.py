"""What the reports app keeps in the database: one counter per linked account.

The cached reports themselves live in the shared cache (Redis), keyed by this counter: storing a
ledger change bumps it in the same transaction as the records, so every report cached before the
change stops being found at once, whatever the cache holds and even while Redis is down (each
process then caches in its own memory, still keyed by the database's counter).
"""

from __future__ import annotations

import uuid

from django.db import models


class ReportGeneration(models.Model):
    linked_account = models.OneToOneField(
        "accounts.LinkedAccount", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    #: Bumped whenever the account's ledger changed (see receivers.py).
    generation = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "reports_generation"

    def __str__(self) -> str:
        return f"reports of {self.linked_account_id}: generation {self.generation}"


class ReportSnapshot(models.Model):
    """A month's report kept for dashboards: each linked account's profit and loss for every
    completed calendar month and its balance sheet at the month's end (see snapshots.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    linked_account = models.ForeignKey(
        "accounts.LinkedAccount", on_delete=models.CASCADE, related_name="+"
    )
    type = models.CharField(max_length=40)  # a ReportType
    period_start = models.DateField(null=True)  # period reports only
    period_end = models.DateField()  # the month's last day (the balance sheet's date)
    generated_at = models.DateTimeField()
    #: The unified report as fetched (provider ids; Ledgerlink ids are filled when served).
    report = models.TextField()

    class Meta:
        db_table = "reports_snapshot"
        constraints = [
            models.UniqueConstraint(
                fields=["linked_account", "type", "period_end"], name="one_snapshot_per_month"
            )
        ]
        indexes = [models.Index(fields=["linked_account", "-period_end"])]

    def __str__(self) -> str:
        return f"{self.type} to {self.period_end} of {self.linked_account_id}"
