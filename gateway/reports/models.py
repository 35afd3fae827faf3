"""What the reports app keeps in the database: one counter per linked account.

The cached reports themselves live in the shared cache (Redis), keyed by this counter: storing a
ledger change bumps it in the same transaction as the records, so every report cached before the
change stops being found at once, whatever the cache holds and even while Redis is down (each
process then caches in its own memory, still keyed by the database's counter).
"""

from __future__ import annotations

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
