"""The event outbox, customers' webhook endpoints and the delivery log.

Events are written in the same transaction as the change they describe (receivers of
`records_changed` and the account signals), with a gapless per-account `sequence`: a counter
row per account is locked while events are numbered, so events commit in sequence order and a
reader polling `after=<sequence>` never skips one.
"""

from __future__ import annotations

import uuid

from django.db import models

from gateway.accounts.models import LinkedAccount
from gateway.core.fields import BulkTextField, EncryptedTextField
from gateway.customers.models import Customer


class Event(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    linked_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    sequence = models.BigIntegerField()
    type = models.CharField(max_length=50)
    #: The event's `data` object as JSON text (a record's stored document, spliced as is).
    data = BulkTextField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["linked_account", "sequence"], name="one_event_per_sequence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} #{self.sequence}"


class EventCounter(models.Model):
    linked_account = models.OneToOneField(
        LinkedAccount, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_sequence = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"events of {self.linked_account_id}: {self.last_sequence}"


class WebhookEndpoint(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(
        Customer, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=2000)
    description = models.CharField(max_length=200, blank=True, default="")
    #: Event types delivered (`invoice.created`, or `invoice.*`); empty: every type.
    event_types = models.JSONField(default=list, blank=True)
    enabled = models.BooleanField(default=True)
    #: Since when every delivery attempt to it has failed (None: the last one succeeded).
    failing_since = models.DateTimeField(null=True, blank=True)
    #: Why Ledgerlink disabled it (empty: enabled, or disabled by the customer).
    disabled_reason = models.CharField(max_length=500, blank=True, default="")
    secret = EncryptedTextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        if not self.event_types:
            return True
        for pattern in self.event_types:
            if pattern == event_type or pattern == "*":
                return True
            if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
                return True
        return False


class DeliveryStatus(models.TextChoices):
    PENDING = "pending"  # waiting for its (next) attempt
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # gave up after the retry window


class WebhookDelivery(models.Model):
    seq = models.BigAutoField(primary_key=True)
    id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="deliveries")
    replay_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["customer", "seq"], name="delivery_log"),
        ]

    def __str__(self) -> str:
        return f"delivery {self.id} ({self.status})"


class WebhookAttempt(models.Model):
    """One attempt of a delivery: when, the HTTP status (None: no response) and how long the
    endpoint took to answer. The delivery row keeps only the latest; this is the history."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    #: Denormalized from the delivery: the dashboard's charts aggregate one customer's attempts.
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="+")
    attempted_at = models.DateTimeField()
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    succeeded = models.BooleanField()
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True, default="")

    class Meta:
        ordering = ["attempted_at", "id"]
        indexes = [models.Index(fields=["customer", "attempted_at"], name="attempt_recent")]

    def __str__(self) -> str:
        return f"attempt of {self.delivery_id} ({self.response_status})"


class InvoiceWatch(models.Model):
    """What the derived invoice events (`invoice.due_soon|overdue|paid`) need to know about one
    stored invoice, kept in the transaction of its record's change (gateway.events.invoice_state).

    `*_pending`: an event is still owed for the current `due_date` (the invoice is owed, and
    `*_for`, the due date that event was last emitted for, is empty or earlier). The scheduled
    task (gateway.events.invoice_events) finds due rows with a range scan of the partial indexes
    and clears the flag in the transaction that emits the event, so each is emitted once.
    """

    #: The invoice record's public id (`Record.id`).
    record_id = models.UUIDField(primary_key=True)
    linked_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    due_date = models.DateField(null=True)
    #: Balance > 0: reaching zero from here is `invoice.paid`.
    has_balance = models.BooleanField(default=False)
    overdue_for = models.DateField(null=True)
    due_soon_for = models.DateField(null=True)
    overdue_pending = models.BooleanField(default=False)
    due_soon_pending = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["linked_account", "due_date", "record_id"],
                name="watch_overdue_due",
                condition=models.Q(overdue_pending=True),
            ),
            models.Index(
                fields=["linked_account", "due_date", "record_id"],
                name="watch_due_soon_due",
                condition=models.Q(due_soon_pending=True),
            ),
        ]

    def __str__(self) -> str:
        return f"invoice {self.record_id} due {self.due_date}"
