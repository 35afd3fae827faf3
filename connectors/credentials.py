"""Credentials of one linked account and the store the gateway implements for them."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol, runtime_checkable

__all__ = [
    "AUTHORIZATION_CODE",
    "CLIENT_CREDENTIALS",
    "CredentialStore",
    "Credentials",
    "InMemoryCredentialStore",
]

#: Grant kinds. ``authorization_code``: a user's consent, renewed with its refresh token.
#: ``client_credentials``: an app bound to one tenant (Xero custom connection), renewed by asking
#: again with the client id and secret kept alongside the token.
AUTHORIZATION_CODE = "authorization_code"
CLIENT_CREDENTIALS = "client_credentials"


@dataclass(frozen=True)
class Credentials:
    """An OAuth token pair (or, for ``client_credentials``, a token and the client id and secret
    that obtain the next one). Secrets are kept out of ``repr`` (and so out of logs)."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(repr=False, default=None)
    #: When the access token expires (timezone-aware).
    expires_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    scope: tuple[str, ...] = ()
    #: Anything else from the token response (``id_token``, ``token_type`` ...); not logged.
    extra: Mapping[str, Any] = field(repr=False, default_factory=dict)
    grant_kind: str = AUTHORIZATION_CODE
    client_id: str | None = field(repr=False, default=None)
    client_secret: str | None = field(repr=False, default=None)
    #: When the access token was issued (timezone-aware), if known.
    issued_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.expires_at.tzinfo is None:
            raise ValueError("Credentials.expires_at must be timezone-aware")
        if self.issued_at is not None and self.issued_at.tzinfo is None:
            raise ValueError("Credentials.issued_at must be timezone-aware")
        if isinstance(self.scope, str):
            object.__setattr__(self, "scope", tuple(self.scope.split()))
        if self.grant_kind not in (AUTHORIZATION_CODE, CLIENT_CREDENTIALS):
            raise ValueError(f"unknown grant kind {self.grant_kind!r}")
        if self.grant_kind == CLIENT_CREDENTIALS and not (self.client_id and self.client_secret):
            raise ValueError("client_credentials needs the client id and secret")

    @property
    def is_client_credentials(self) -> bool:
        return self.grant_kind == CLIENT_CREDENTIALS

    def expires_within(self, seconds: float, *, now: datetime | None = None) -> bool:
        now = now or datetime.now(UTC)
        return self.expires_at - now <= timedelta(seconds=seconds)

    @property
    def lifetime(self) -> timedelta | None:
        """How long the access token was valid for when issued (None: unknown)."""
        if self.issued_at is None or self.expires_at <= self.issued_at:
            return None
        return self.expires_at - self.issued_at

    def replace(self, **changes: Any) -> Credentials:
        return replace(self, **changes)


@runtime_checkable
class CredentialStore(Protocol):
    """Persistence for one linked account's credentials, implemented by the gateway.

    ``refresh_lock()`` takes an exclusive lock (``SELECT … FOR UPDATE`` on PostgreSQL) and yields
    a fresh re-read of the credentials; connectors call ``save()`` inside it, before using the new
    access token, and only then leave the block.
    """

    def load(self) -> Credentials: ...

    def refresh_lock(self) -> AbstractContextManager[Credentials]: ...

    def save(self, credentials: Credentials) -> None: ...

    def mark_relink_required(self, reason: str) -> None: ...


class InMemoryCredentialStore:
    """Thread-safe in-process store (tests, scripts, the bench)."""

    def __init__(self, credentials: Credentials):
        self._credentials = credentials
        self._lock = threading.RLock()
        self.saves = 0
        self.relink_reason: str | None = None

    def load(self) -> Credentials:
        with self._lock:
            return self._credentials

    @contextmanager
    def _locked(self) -> Iterator[Credentials]:
        with self._lock:
            yield self._credentials

    def refresh_lock(self) -> AbstractContextManager[Credentials]:
        return self._locked()

    def save(self, credentials: Credentials) -> None:
        with self._lock:
            self._credentials = credentials
            self.saves += 1

    def mark_relink_required(self, reason: str) -> None:
        with self._lock:
            self.relink_reason = reason

    @property
    def relink_required(self) -> bool:
        return self.relink_reason is not None
