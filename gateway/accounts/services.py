"""Writes about linked accounts."""

from __future__ import annotations

import logging

from django.db import transaction

from connectors import errors as connector_errors
from gateway.accounts.connections import provider_for
from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.accounts.signals import accounts_relink_required

logger = logging.getLogger(__name__)

#: The provider already forgot the connection: nothing left to revoke.
_ALREADY_GONE = (
    connector_errors.AuthExpired,
    connector_errors.NotFound,
    connector_errors.TenantNotConnected,
)


def delete_linked_account(account: LinkedAccount) -> None:
    """Disconnect the tenant at the provider (revoking the grant when it was the last one), then
    remove the account and everything stored for it. A provider outage raises and deletes
    nothing, so the caller can retry."""
    provider = provider_for(account)
    credentials = GrantCredentialStore(account.grant_id).load()
    others = LinkedAccount.objects.filter(grant_id=account.grant_id).exclude(pk=account.pk)
    try:
        if others.exists():
            if account.connection_id:
                provider.disconnect(credentials, account.connection_id)
        else:
            provider.revoke(credentials)
    except _ALREADY_GONE as exc:
        logger.info("Linked account %s was already disconnected (%s)", account.pk, exc.code)
    with transaction.atomic():
        grant_id = account.grant_id
        account.records.all().delete()
        account.delete()
        if not LinkedAccount.objects.filter(grant_id=grant_id).exists():
            Grant.objects.filter(pk=grant_id).delete()


def mark_tenant_disconnected(account: LinkedAccount, reason: str) -> None:
    """The provider no longer lets this grant reach the tenant (the user disconnected the
    organisation): only this account needs relinking, the grant's others may be fine."""
    updated = LinkedAccount.objects.filter(pk=account.pk, status=LinkedAccountStatus.ACTIVE).update(
        status=LinkedAccountStatus.RELINK_REQUIRED, status_reason=reason[:300]
    )
    if updated:
        account.refresh_from_db()
        accounts_relink_required.send(sender=LinkedAccount, accounts=[account], reason=reason)
