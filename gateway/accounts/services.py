"""Writes about linked accounts."""

from __future__ import annotations

import logging

from django.db import transaction

from connectors import errors as connector_errors
from connectors.base import Tenant
from connectors.tokens import TokenManager
from gateway.accounts.connections import provider_for
from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.accounts.release import release
from gateway.accounts.signals import accounts_relink_required

logger = logging.getLogger(__name__)

#: The provider already forgot the connection: nothing left to revoke.
_ALREADY_GONE = (
    connector_errors.AuthExpired,
    connector_errors.NotFound,
    connector_errors.TenantNotConnected,
)


def delete_linked_account(account: LinkedAccount) -> None:
    """End at the provider what only this account used (its connection; the grant when it was
    the grant's last account and nothing else depends on what the grant reaches), then remove
    the account and everything stored for it. What another linked account, of any customer,
    still depends on is left alone and only forgotten here. A provider outage raises and
    deletes nothing, so the caller can retry."""
    provider = provider_for(account)
    siblings = LinkedAccount.objects.filter(grant_id=account.grant_id).exclude(pk=account.pk)
    leaving = Tenant(
        id=account.tenant_id,
        name=account.tenant_name or None,
        type=account.tenant_type or None,
        connection_id=account.connection_id or None,
        auth_event_id=None,
    )
    try:
        credentials = TokenManager(
            GrantCredentialStore(account.grant_id), provider.refresh
        ).current()
        release(
            provider,
            credentials,
            [leaving],
            keep=siblings.values_list("tenant_id", flat=True),
            ignoring=[account.pk],
        )
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
