"""What Ledgerlink remembers of a provider's attachments: their description, never their bytes.

A row is written whenever a record's attachments are listed or a file is uploaded, so that an
attachment has a stable Ledgerlink id (derived, like record ids, from the linked account, the
record and the provider's attachment id) and a later `GET …/content` knows which record and
provider file it means. The bytes stay at the provider and are streamed from it on each read.
"""

from __future__ import annotations

from django.db import models

from gateway.accounts.models import LinkedAccount
from gateway.core.fields import BulkTextField


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, editable=False)
    linked_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, related_name="attachments", db_index=False
    )
    #: The record the file hangs off: its unified model, provider id and Ledgerlink id.
    record_model = models.CharField(max_length=30)
    record_remote_id = models.CharField(max_length=200)
    record_id = models.UUIDField()
    remote_id = models.CharField(max_length=200)
    file_name = models.CharField(max_length=500)
    mime_type = models.CharField(max_length=200, blank=True, default="")
    size = models.BigIntegerField(null=True, blank=True)
    include_online = models.BooleanField(null=True, blank=True)
    remote_created_at = models.DateTimeField(null=True, blank=True)
    remote_updated_at = models.DateTimeField(null=True, blank=True)
    remote_data = BulkTextField(null=True, blank=True)
    created_at = models.DateTimeField()
    modified_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["linked_account", "record_model", "record_remote_id", "remote_id"],
                name="one_attachment_per_remote_id",
            )
        ]
        indexes = [
            models.Index(fields=["linked_account", "record_id"], name="attachment_record"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} on {self.record_model} {self.record_remote_id}"
