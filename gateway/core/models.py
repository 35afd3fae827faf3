"""Cross-cutting rows: remembered responses for idempotent requests."""

from __future__ import annotations

from django.db import models

from gateway.customers.models import Customer


class IdempotentRequest(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.BinaryField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer", "key"], name="one_request_per_key")
        ]

    def __str__(self) -> str:
        return f"idempotency key {self.key!r}"
