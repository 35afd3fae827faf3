"""A newly linked account gets its initial full sync once the link is committed; a repaired
link (relinked) resumes with an incremental sync from the saved checkpoints."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from gateway.accounts.signals import accounts_linked
from gateway.sync.models import RunTrigger, SyncMode


@receiver(accounts_linked, dispatch_uid="sync.accounts_linked")
def _sync_linked(sender, accounts, relinked=False, **kwargs) -> None:
    ids = [account.pk for account in accounts]
    mode = SyncMode.INCREMENTAL if relinked else SyncMode.FULL
    transaction.on_commit(lambda: _request(ids, mode))


def _request(ids, mode) -> None:
    from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
    from gateway.sync import services

    for account in LinkedAccount.objects.filter(pk__in=ids, status=LinkedAccountStatus.ACTIVE):
        services.request_sync(account, mode, RunTrigger.LINKED, busy_ok=True)
