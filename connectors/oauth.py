"""OAuth 2.0 authorization code flow with PKCE (S256), refresh, revocation, the client
credentials grant (apps bound to one tenant: Xero custom connections) and the tenant
(connection) endpoints, on requests-oauthlib.

Settings keys (all optional but ``client_id``/``client_secret``): ``authorize_url``,
``token_url``, ``revoke_url``, ``connections_url``, ``client_id``, ``client_secret``, ``scopes``
(list or space-separated), ``timeout`` (seconds), ``allow_insecure_transport`` (allow ``http://``
URLs on hosts other than loopback, e.g. a sandbox container). oauthlib refuses ``http://`` unless
``OAUTHLIB_INSECURE_TRANSPORT`` is set; we set it (process-wide) only when a configured URL is
``http://`` on a loopback host or the setting allows it.

Secrets never reach logs: requests-oauthlib logs token responses at DEBUG, so its DEBUG records
are dropped here.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from oauthlib.oauth2 import (
    BackendApplicationClient,
    InvalidClientError,
    InvalidGrantError,
    InvalidScopeError,
    OAuth2Error,
    UnauthorizedClientError,
    WebApplicationClient,
)
from requests.auth import HTTPBasicAuth
from requests_oauthlib import OAuth2Session

from .base import Tenant
from .credentials import CLIENT_CREDENTIALS, Credentials
from .errors import (
    AuthExpired,
    ClientCredentialsRejected,
    ConnectorError,
    ProviderUnavailable,
    RelinkRequired,
)
from .jsonutil import loads
from .specs import OAuthSpec

__all__ = ["OAuthClient", "new_code_verifier", "new_state", "states_match"]

_LOOPBACK = {"localhost", "127.0.0.1", "::1"}


class _DropDebug(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


for _name in ("requests_oauthlib", "requests_oauthlib.oauth2_session", "oauthlib"):
    logging.getLogger(_name).addFilter(_DropDebug())


def new_state() -> str:
    """An unguessable ``state`` value (store it with the user's session)."""
    return secrets.token_urlsafe(32)


def new_code_verifier() -> str:
    """A PKCE code verifier (RFC 7636: 43-128 characters of the unreserved set)."""
    return secrets.token_urlsafe(64)[:96]


def states_match(expected: str, received: str | None) -> bool:
    return received is not None and hmac.compare_digest(expected, received)


def _parse_dt(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def credentials_from_token(token: Mapping[str, Any], *, now: datetime | None = None) -> Credentials:
    now = now or datetime.now(UTC)
    if token.get("expires_in") is not None:
        expires_at = now + timedelta(seconds=float(token["expires_in"]))
    elif token.get("expires_at") is not None:
        expires_at = datetime.fromtimestamp(float(token["expires_at"]), UTC)
    else:
        expires_at = now + timedelta(minutes=30)
    scope = token.get("scope") or ()
    if isinstance(scope, str):
        scope = scope.split()
    known = {"access_token", "refresh_token", "expires_in", "expires_at", "scope"}
    return Credentials(
        access_token=str(token["access_token"]),
        refresh_token=token.get("refresh_token"),
        expires_at=expires_at,
        scope=tuple(scope),
        extra={k: v for k, v in token.items() if k not in known},
        issued_at=now,
    )


class OAuthClient:
    def __init__(self, spec: OAuthSpec, settings: Mapping[str, Any]):
        def pick(key: str) -> Any:
            value = settings.get(key)
            return value if value not in (None, "") else getattr(spec, key)

        self.client_id: str = str(settings.get("client_id") or "")
        self._client_secret: str = str(settings.get("client_secret") or "")
        self.authorize_url: str = pick("authorize_url")
        self.token_url: str = pick("token_url")
        self.revoke_url: str | None = pick("revoke_url")
        self.connections_url: str | None = pick("connections_url")
        scopes = settings.get("scopes") or spec.scopes
        self.scopes: tuple[str, ...] = tuple(scopes.split() if isinstance(scopes, str) else scopes)
        self.pkce = spec.pkce
        self.timeout: float = float(settings.get("timeout") or 30)
        self._allow_http(bool(settings.get("allow_insecure_transport")))

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r}, token_url={self.token_url!r})"

    def _allow_http(self, allow: bool) -> None:
        urls = [self.authorize_url, self.token_url, self.revoke_url, self.connections_url]
        plain = [u for u in urls if u and u.lower().startswith("http://")]
        if not plain:
            return
        if allow or all(urlsplit(u).hostname in _LOOPBACK for u in plain):
            os.environ.setdefault("OAUTHLIB_INSECURE_TRANSPORT", "1")
        else:
            raise ValueError(
                "http:// OAuth URLs are only allowed on loopback hosts or with "
                "allow_insecure_transport=True"
            )

    @property
    def _auth(self) -> HTTPBasicAuth:
        return HTTPBasicAuth(self.client_id, self._client_secret)

    def _session(self, **kw: Any) -> OAuth2Session:
        session = OAuth2Session(client=WebApplicationClient(self.client_id), **kw)
        session.register_compliance_hook("access_token_response", _check_token_response)
        session.register_compliance_hook("refresh_token_response", _check_token_response)
        return session

    # -- authorization code flow --------------------------------------------------------------
    def authorization_url(self, redirect_uri: str, state: str, code_verifier: str) -> str:
        client = WebApplicationClient(self.client_id)
        extra: dict[str, str] = {}
        if self.pkce:
            extra = {
                "code_challenge": client.create_code_challenge(code_verifier, "S256"),
                "code_challenge_method": "S256",
            }
        return client.prepare_request_uri(
            self.authorize_url,
            redirect_uri=redirect_uri,
            scope=list(self.scopes),
            state=state,
            **extra,
        )

    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> Credentials:
        extra = {"code_verifier": code_verifier} if self.pkce else {}
        with self._session(redirect_uri=redirect_uri) as session:
            token = _call(
                lambda: session.fetch_token(
                    self.token_url,
                    code=code,
                    auth=self._auth,
                    include_client_id=False,
                    timeout=self.timeout,
                    **extra,
                )
            )
        return credentials_from_token(token)

    def refresh(self, credentials: Credentials) -> Credentials:
        """Exchange the refresh token. ``invalid_grant`` → ``RelinkRequired`` (the caller marks
        the store); transport problems → ``ProviderUnavailable`` (safe to retry: Xero accepts the
        same refresh token again for 30 minutes)."""
        if not credentials.refresh_token:
            raise RelinkRequired("no refresh token")
        with self._session() as session:
            token = _call(
                lambda: session.refresh_token(
                    self.token_url,
                    refresh_token=credentials.refresh_token,
                    auth=self._auth,
                    timeout=self.timeout,
                )
            )
        fresh = credentials_from_token(token)
        # RFC 6749 5.1: a response may leave `scope` out when it is unchanged.
        return fresh if fresh.scope else fresh.replace(scope=credentials.scope)

    # -- client credentials ---------------------------------------------------------------------
    def client_credentials(self, client_id: str, client_secret: str) -> Credentials:
        """A token for an app bound to one tenant (Xero custom connection), asked for with its
        own id and secret (HTTP Basic). No scope is sent: the token carries every scope the app
        was authorised for. There is no refresh token; the same request renews it. The id and
        secret ride along in the credentials for that. A refusal (``invalid_client``,
        ``unauthorized_client``, ``invalid_scope``) raises ``ClientCredentialsRejected``."""
        session = OAuth2Session(client=BackendApplicationClient(client_id))
        session.register_compliance_hook("access_token_response", _check_token_response)
        with session:
            token = _call(
                lambda: session.fetch_token(
                    self.token_url,
                    auth=HTTPBasicAuth(client_id, client_secret),
                    include_client_id=False,
                    timeout=self.timeout,
                )
            )
        return credentials_from_token(token).replace(
            grant_kind=CLIENT_CREDENTIALS, client_id=client_id, client_secret=client_secret
        )

    def revoke(self, credentials: Credentials) -> None:
        """Revoke the refresh token (and with it every connection of the grant). A client
        credentials grant has nothing to revoke: the tenant's admin removes the app."""
        if not self.revoke_url or not credentials.refresh_token:
            return
        response = _send(
            "POST",
            self.revoke_url,
            auth=self._auth,
            data={"token": credentials.refresh_token},
            timeout=self.timeout,
        )
        if response.status_code >= 400 and response.status_code != 404:
            _raise_for(response, "revocation failed")

    # -- tenants ------------------------------------------------------------------------------
    def list_tenants(
        self, credentials: Credentials, *, auth_event_id: str | None = None
    ) -> list[Tenant]:
        if not self.connections_url:
            return []
        params = {"authEventId": auth_event_id} if auth_event_id else None
        response = _send(
            "GET",
            self.connections_url,
            headers=_bearer(credentials),
            params=params,
            timeout=self.timeout,
        )
        if response.status_code >= 400:
            _raise_for(response, "listing connections failed")
        return [
            Tenant(
                id=str(row.get("tenantId")),
                name=row.get("tenantName"),
                type=row.get("tenantType"),
                connection_id=row.get("id"),
                auth_event_id=row.get("authEventId"),
                created_at=_parse_dt(row.get("createdDateUtc")),
                updated_at=_parse_dt(row.get("updatedDateUtc")),
            )
            for row in loads(response.content) or []
        ]

    def disconnect(self, credentials: Credentials, connection_id: str) -> None:
        """Drop one tenant from the grant. Never for client credentials: the app's one
        connection is the app itself (its admin would have to authorise it again)."""
        if not self.connections_url or credentials.is_client_credentials:
            return
        url = f"{self.connections_url.rstrip('/')}/{connection_id}"
        response = _send("DELETE", url, headers=_bearer(credentials), timeout=self.timeout)
        if response.status_code >= 400 and response.status_code != 404:
            _raise_for(response, "disconnect failed")


def _bearer(credentials: Credentials) -> dict[str, str]:
    return {"Authorization": f"Bearer {credentials.access_token}", "Accept": "application/json"}


def _send(method: str, url: str, *, timeout: float, **kw: Any) -> requests.Response:
    try:
        return requests.request(method, url, timeout=timeout, **kw)
    except requests.RequestException as exc:
        raise ProviderUnavailable(f"{method} {urlsplit(url).path}: {type(exc).__name__}") from None


def _raise_for(response: requests.Response, what: str) -> None:
    status = response.status_code
    if status >= 500:
        raise ProviderUnavailable(f"{what}: HTTP {status}", status=status)
    if status == 401:
        raise AuthExpired(f"{what}: HTTP 401", status=status)
    raise ConnectorError(f"{what}: HTTP {status}", status=status)


def _check_token_response(response: requests.Response) -> requests.Response:
    if response.status_code >= 500 or response.status_code == 429:
        raise ProviderUnavailable(
            f"token endpoint answered HTTP {response.status_code}", status=response.status_code
        )
    return response


_CLIENT_REFUSALS = (InvalidClientError, UnauthorizedClientError, InvalidScopeError)


def _call(fn: Any) -> dict[str, Any]:
    try:
        return fn()
    except _CLIENT_REFUSALS as exc:
        raise ClientCredentialsRejected(
            exc.error, f"{exc.error}: {exc.description or 'client refused'}"
        ) from None
    except InvalidGrantError as exc:
        raise RelinkRequired(
            f"invalid_grant: {exc.description or 'grant no longer valid'}"
        ) from None
    except OAuth2Error as exc:
        raise ConnectorError(f"OAuth error {exc.error}: {exc.description or ''}".strip()) from None
    except requests.RequestException as exc:
        raise ProviderUnavailable(f"token endpoint unreachable: {type(exc).__name__}") from None
    except ValueError as exc:  # unparseable token response
        raise ProviderUnavailable(f"unexpected token response: {exc}") from None
