"""`records_changed` is sent inside the upsert's transaction, so receivers that write (the event
outbox) commit or roll back together with the records."""

from django.dispatch import Signal

#: kwargs: account (LinkedAccount), changes (list[gateway.records.store.Change])
records_changed = Signal()
