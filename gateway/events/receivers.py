"""Events for what other modules announce: record changes (same transaction, the outbox; with
the invoices' watch rows and `invoice.paid`) and linked accounts being linked or needing a
relink."""

from __future__ import annotations

from django.db import transaction
from django.dispatch import receiver

from gateway.accounts.signals import accounts_linked, accounts_relink_required
from gateway.events import invoice_state, services
from gateway.records.signals import records_changed


@receiver(records_changed, dispatch_uid="events.records_changed")
def _record_events(sender, account, changes, **kwargs) -> None:
    # The invoices' watch rows first: the scheduled task locks those before the event counter,
    # and so does this, so neither waits for the other in a cycle.
    paid = invoice_state.track(account, changes)
    services.record_change_events(account, changes, following=paid)


@receiver(accounts_linked, dispatch_uid="events.accounts_linked")
def _linked_events(sender, accounts, relinked=False, **kwargs) -> None:
    with transaction.atomic():
        for account in accounts:
            data = {**services.account_data(account), "relinked": bool(relinked)}
            services.emit(account, "account.linked", data)


@receiver(accounts_relink_required, dispatch_uid="events.accounts_relink_required")
def _relink_events(sender, accounts, reason="", **kwargs) -> None:
    with transaction.atomic():
        for account in accounts:
            data = {**services.account_data(account), "reason": reason}
            services.emit(account, "account.relink_required", data)
