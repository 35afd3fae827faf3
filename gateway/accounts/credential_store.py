"""The gateway's CredentialStore: a grant's tokens, refreshed under a row lock.

`refresh_lock()` opens a transaction and takes `SELECT … FOR UPDATE` on the grant row
(PostgreSQL; SQLite serialises writers with BEGIN IMMEDIATE), re-reads the tokens and yields
them. The connector saves the new pair inside the block, so it is committed before the new
access token is used and before anyone else can read the old refresh token.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from connectors.base import Credentials
from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.accounts.signals import accounts_relink_required


def credentials_of(grant: Grant) -> Credentials:
    return Credentials(
        access_token=grant.access_token,
        refresh_token=grant.refresh_token or None,
        expires_at=grant.access_expires_at,
        scope=tuple(grant.scope.split()),
        extra=json.loads(grant.token_extra) if grant.token_extra else {},
        grant_kind=grant.kind,
        client_id=grant.client_id or None,
        client_secret=grant.client_secret or None,
        # Every new token pair stamps refreshed_at; a grant never refreshed holds its first pair.
        issued_at=grant.refreshed_at or grant.created_at,
    )


def apply_credentials(grant: Grant, credentials: Credentials) -> None:
    grant.access_token = credentials.access_token
    grant.refresh_token = credentials.refresh_token or ""
    grant.access_expires_at = credentials.expires_at
    grant.scope = " ".join(credentials.scope)
    grant.token_extra = json.dumps(dict(credentials.extra)) if credentials.extra else ""
    grant.kind = credentials.grant_kind
    grant.client_id = credentials.client_id or ""
    grant.client_secret = credentials.client_secret or ""


class GrantCredentialStore:
    def __init__(self, grant_id):
        self.grant_id = grant_id
        self._in_lock = False
        self._pending_relink: str | None = None

    def load(self) -> Credentials:
        return credentials_of(Grant.objects.get(pk=self.grant_id))

    @contextmanager
    def refresh_lock(self) -> Iterator[Credentials]:
        self._in_lock, self._pending_relink = True, None
        try:
            with transaction.atomic():
                grant = Grant.objects.select_for_update().get(pk=self.grant_id)
                yield credentials_of(grant)
        finally:
            self._in_lock = False
            # A failed refresh raises out of the block and rolls it back; the relink mark
            # must survive that, so it is written after the lock is released.
            if self._pending_relink is not None:
                self._mark(self._pending_relink)

    def save(self, credentials: Credentials) -> None:
        grant = Grant.objects.get(pk=self.grant_id)
        apply_credentials(grant, credentials)
        grant.refreshed_at = timezone.now()
        grant.save()

    def mark_relink_required(self, reason: str) -> None:
        if self._in_lock:
            self._pending_relink = reason
        else:
            self._mark(reason)

    def _mark(self, reason: str) -> None:
        accounts = list(
            LinkedAccount.objects.filter(grant_id=self.grant_id, status=LinkedAccountStatus.ACTIVE)
        )
        if not accounts:
            return
        LinkedAccount.objects.filter(pk__in=[a.pk for a in accounts]).update(
            status=LinkedAccountStatus.RELINK_REQUIRED,
            status_reason=reason[:300],
            updated_at=timezone.now(),
        )
        for account in accounts:
            account.status = LinkedAccountStatus.RELINK_REQUIRED
            account.status_reason = reason[:300]
        accounts_relink_required.send(sender=LinkedAccount, accounts=accounts, reason=reason)
