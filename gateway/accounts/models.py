"""Grants (one OAuth consent, holding the encrypted tokens) and the linked accounts under them.

One consent can reach several provider tenants (Xero organisations); each tenant the end user
chose becomes a LinkedAccount. Tokens live once, on the grant, so a refresh serves every
account under it and the single-use refresh token is never held twice.

A `client_credentials` grant (an app of the end user's own bound to one tenant) has no refresh
token: it keeps the app's client id and secret, encrypted like the tokens, to ask for the next
access token.
"""

from __future__ import annotations

import uuid

from django.db import models

from connectors.credentials import AUTHORIZATION_CODE, CLIENT_CREDENTIALS
from gateway.core.fields import EncryptedTextField
from gateway.customers.models import Customer


class GrantKind(models.TextChoices):
    AUTHORIZATION_CODE = AUTHORIZATION_CODE, "User consent (authorization code)"
    CLIENT_CREDENTIALS = CLIENT_CREDENTIALS, "Client credentials (app bound to one tenant)"


class Grant(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="grants")
    provider = models.CharField(max_length=50)
    end_user_id = models.CharField(max_length=200)
    access_token = EncryptedTextField()
    refresh_token = EncryptedTextField(blank=True, default="")
    #: JSON of the rest of the token response (id_token, token_type…), encrypted like the tokens.
    token_extra = EncryptedTextField(blank=True, default="")
    access_expires_at = models.DateTimeField()
    scope = models.TextField(blank=True, default="")
    #: Last time the refresh token was used successfully (its idle expiry counts from here).
    refreshed_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(
        max_length=30, choices=GrantKind.choices, default=GrantKind.AUTHORIZATION_CODE
    )
    #: For client_credentials: the end user's app, whose secret obtains every access token.
    client_id = EncryptedTextField(blank=True, default="")
    client_secret = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.provider} grant {self.id}"


class LinkedAccountStatus(models.TextChoices):
    ACTIVE = "active"
    RELINK_REQUIRED = "relink_required"
    DISABLED = "disabled"


class LinkedAccount(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="linked_accounts")
    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="linked_accounts")
    provider = models.CharField(max_length=50)
    tenant_id = models.CharField(max_length=200)
    tenant_name = models.CharField(max_length=300, blank=True, default="")
    tenant_type = models.CharField(max_length=50, blank=True, default="")
    connection_id = models.CharField(max_length=200, blank=True, default="")
    end_user_id = models.CharField(max_length=200)
    end_user_name = models.CharField(max_length=200, blank=True, default="")
    end_user_email = models.CharField(max_length=254, blank=True, default="")
    status = models.CharField(
        max_length=20, choices=LinkedAccountStatus.choices, default=LinkedAccountStatus.ACTIVE
    )
    status_reason = models.CharField(max_length=300, blank=True, default="")
    last_sync_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "provider", "tenant_id", "end_user_id"],
                name="one_linked_account_per_tenant_and_end_user",
            )
        ]
        indexes = [models.Index(fields=["provider", "tenant_id"])]

    def __str__(self) -> str:
        return f"{self.tenant_name or self.tenant_id} ({self.provider})"
