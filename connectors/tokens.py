"""Access tokens that refresh before expiry and never race.

Every refresh happens inside ``credential_store.refresh_lock()`` (a row lock in the gateway),
on the credentials re-read inside the lock: if another worker refreshed meanwhile we use its
pair; otherwise we refresh, ``save()`` the new pair and only then use it. ``invalid_grant`` marks
the account for relinking and raises ``RelinkRequired``; transient token-endpoint failures are
retried a few times (Xero accepts the same refresh token again for 30 minutes).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from .credentials import Credentials, CredentialStore
from .errors import ProviderUnavailable, RelinkRequired

__all__ = ["MAX_LEEWAY_FRACTION", "TokenManager"]

log = logging.getLogger(__name__)

#: The refresh leeway never exceeds this share of a token's lifetime: with 60-second tokens a
#: 120 s leeway would make every fresh token look about to expire and refresh on every call.
MAX_LEEWAY_FRACTION = 0.25


class TokenManager:
    def __init__(
        self,
        store: CredentialStore,
        refresher: Callable[[Credentials], Credentials],
        *,
        leeway_seconds: float = 120.0,
        refresh_attempts: int = 3,
        refresh_wait: Callable[..., float] | None = None,
    ):
        self.store = store
        self._refresher = refresher
        self.leeway = leeway_seconds
        self._attempts = refresh_attempts
        self._wait = refresh_wait or wait_exponential(multiplier=0.5, max=4)
        self._current: Credentials | None = None
        self._local = threading.Lock()  # one refresh at a time within this connector

    def current(self) -> Credentials:
        """Credentials good for at least the leeway (refreshing first if needed)."""
        creds = self._current
        if creds is None:
            creds = self._current = self.store.load()
        if self._expiring(creds):
            creds = self.refresh(stale=creds)
        return creds

    def refresh(self, stale: Credentials) -> Credentials:
        """Refresh unless someone already replaced ``stale``; returns the credentials to use."""
        with self._local:
            mine = self._current
            if mine is not None and _newer(mine, stale) and not self._expiring(mine):
                return mine
            with self.store.refresh_lock() as latest:
                if _newer(latest, stale) and not self._expiring(latest):
                    self._current = latest
                    return latest
                try:
                    fresh = self._refresh_with_retries(latest)
                except RelinkRequired as exc:
                    self.store.mark_relink_required(exc.message)
                    raise
                self.store.save(fresh)
                self._current = fresh
                log.info("refreshed access token (expires %s)", fresh.expires_at.isoformat())
                return fresh

    def leeway_for(self, credentials: Credentials) -> float:
        """The configured leeway, capped at ``MAX_LEEWAY_FRACTION`` of the token's lifetime."""
        lifetime = credentials.lifetime
        if lifetime is None:
            return self.leeway
        return min(self.leeway, lifetime.total_seconds() * MAX_LEEWAY_FRACTION)

    def _expiring(self, credentials: Credentials) -> bool:
        return credentials.expires_within(self.leeway_for(credentials))

    def _refresh_with_retries(self, credentials: Credentials) -> Credentials:
        retrying = Retrying(
            retry=retry_if_exception_type(ProviderUnavailable),
            stop=stop_after_attempt(self._attempts),
            wait=self._wait,
            reraise=True,
        )
        return retrying(self._refresher, credentials)


def _newer(candidate: Credentials, stale: Credentials) -> bool:
    return (
        candidate.access_token != stale.access_token
        or candidate.refresh_token != stale.refresh_token
    )
