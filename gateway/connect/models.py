"""Link sessions: one per link token, from its creation to the linked accounts (or an error).

The link token itself is never stored, only its SHA-256 (it is random, 256 bits). So are the
OAuth `state` values. The PKCE verifier and the credentials waiting for the end user's choice of
organisations are encrypted like a grant's tokens, and cleared when the session ends.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from gateway.accounts.models import LinkedAccount
from gateway.core.fields import EncryptedTextField
from gateway.customers.models import Customer


class LinkSessionStatus(models.TextChoices):
    CREATED = "created"  # token issued, maybe opened; no consent asked yet
    AUTHORIZING = "authorizing"  # the end user was sent to the provider
    CHOOSING = "choosing"  # consent given; waiting for the organisation picker
    COMPLETED = "completed"
    FAILED = "failed"


TERMINAL = (LinkSessionStatus.COMPLETED, LinkSessionStatus.FAILED)


class LinkSession(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="link_sessions")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    #: Set for a relink token: the account (and so the grant) the consent must repair.
    relink_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    end_user_id = models.CharField(max_length=200)
    end_user_name = models.CharField(max_length=200, blank=True, default="")
    end_user_email = models.CharField(max_length=254, blank=True, default="")
    providers = models.JSONField(default=list)
    redirect_url = models.CharField(max_length=2000)
    expires_at = models.DateTimeField()

    status = models.CharField(
        max_length=20, choices=LinkSessionStatus.choices, default=LinkSessionStatus.CREATED
    )
    provider = models.CharField(max_length=50, blank=True, default="")
    state_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    code_verifier = EncryptedTextField(blank=True, default="")
    #: JSON credentials from the code exchange, kept only while the end user picks.
    pending_credentials = EncryptedTextField(blank=True, default="")
    #: The consent's tenants while the end user picks: [{"id", "name", "type", "connection_id"}].
    pending_tenants = models.JSONField(default=list, blank=True)

    linked_account_ids = models.JSONField(default=list, blank=True)
    error_code = models.CharField(max_length=50, blank=True, default="")
    error_detail = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"link session {self.id} ({self.status})"

    @property
    def is_relink(self) -> bool:
        return self.relink_account_id is not None

    @property
    def is_finished(self) -> bool:
        return self.status in TERMINAL

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at
