"""What happens to linked accounts, for the parts that react (events, syncs).

Senders never know who listens: the connect flow sends `accounts_linked`, the sync and event
modules receive it.
"""

from django.dispatch import Signal

#: kwargs: accounts (list[LinkedAccount]), relinked (bool: an existing grant was repaired)
accounts_linked = Signal()

#: kwargs: accounts (list[LinkedAccount]), reason (str)
accounts_relink_required = Signal()
