"""The unified store: every synced record of every linked account, one row each.

The canonical unified record is kept as a JSON document (`document`, exactly what the API
returns) with the provider's raw record beside it (`remote_data`), plus indexed columns for
the filters. Reads splice stored documents into the response without re-serializing them.
`seq` gives a stable, unique order for cursor pagination; `id` is the public id.
"""

from __future__ import annotations

from django.db import models

from gateway.accounts.models import LinkedAccount
from gateway.core.fields import BulkTextField


class Record(models.Model):
    seq = models.BigAutoField(primary_key=True)
    id = models.UUIDField(unique=True, editable=False)
    linked_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, related_name="records", db_index=False
    )
    model = models.CharField(max_length=30)
    remote_id = models.CharField(max_length=200)
    document = BulkTextField()
    remote_data = BulkTextField(null=True, blank=True)
    content_hash = models.CharField(max_length=32)

    type = models.CharField(max_length=40, blank=True, default="")
    status = models.CharField(max_length=40, blank=True, default="")
    contact_id = models.UUIDField(null=True, blank=True)
    issue_date = models.DateField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True)
    total_amount = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    balance = models.DecimalField(max_digits=40, decimal_places=10, null=True, blank=True)
    currency = models.CharField(max_length=10, blank=True, default="")
    # Null, not "", when absent: `order_by` puts records without one last.
    number = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    name = models.CharField(max_length=300, null=True, blank=True)  # noqa: DJ001
    is_customer = models.BooleanField(null=True, blank=True)
    is_supplier = models.BooleanField(null=True, blank=True)
    #: Lower-cased text of the catalogue entry's `search` fields (one per line), for `q`.
    search = models.TextField(blank=True, default="")
    remote_updated_at = models.DateTimeField(null=True, blank=True)
    remote_was_deleted = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    modified_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["linked_account", "model", "remote_id"], name="one_record_per_remote_id"
            )
        ]
        indexes = [
            models.Index(fields=["linked_account", "model", "seq"], name="record_page"),
            models.Index(fields=["linked_account", "model", "modified_at"], name="record_modified"),
            models.Index(
                fields=["linked_account", "model", "remote_updated_at"], name="record_remote_upd"
            ),
            models.Index(fields=["linked_account", "model", "contact_id"], name="record_contact"),
            models.Index(fields=["linked_account", "model", "status"], name="record_status"),
            models.Index(fields=["linked_account", "model", "currency"], name="record_currency"),
            # Sortable columns end in `seq`: `order_by` pages are one range scan (keyset).
            *(
                models.Index(
                    fields=["linked_account", "model", column, "seq"], name=f"record_{short}"
                )
                for column, short in (
                    ("issue_date", "issue_seq"),
                    ("due_date", "due_seq"),
                    ("total_amount", "total_seq"),
                    ("balance", "balance_seq"),
                    ("number", "number_seq"),
                    ("name", "name_seq"),
                )
            ),
            # Only contacts fill these.
            models.Index(
                fields=["linked_account", "model", "is_customer"],
                name="record_customer",
                condition=models.Q(is_customer__isnull=False),
            ),
            models.Index(
                fields=["linked_account", "model", "is_supplier"],
                name="record_supplier",
                condition=models.Q(is_supplier__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model} {self.remote_id}"
