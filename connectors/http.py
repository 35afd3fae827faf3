"""The shared provider HTTP client: limiter slot → fresh token → request → status table.

- Timeouts on every call (connect, read).
- 5xx, connection errors and timeouts: retried with exponential backoff and jitter (tenacity),
  for idempotent requests and for writes carrying an ``Idempotency-Key``; then
  ``ProviderUnavailable``.
- 429: ``Retry-After`` + ``X-Rate-Limit-Problem``. ``day`` → ``DailyLimitReached(resume_at)``;
  otherwise the limiter blocks the tenant (or app) for ``Retry-After`` and the call is retried;
  longer waits than ``max_retry_after`` or than the caller's ``wait_budget`` (or too many)
  → ``RateLimited``.
- 401: refresh once (under the credential lock) and retry once; again → ``AuthExpired``. A 401
  the translator reads as ``PermissionDenied`` (a missing scope) is not retried.
- Other statuses: ``STATUS_ERRORS`` (403 → TenantNotConnected, 404 → NotFound, 400 → a
  provider-specific translator, usually ValidationFailed with unified field paths, ...).
- Every error from a response is logged with, and carries (``provider_request_id``), the
  provider's own id for the request, read from the header its spec names
  (``request_id_header``: Xero ``Xero-Correlation-Id``, QuickBooks ``intuit_tid``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.structures import CaseInsensitiveDict
from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from .errors import (
    AuthExpired,
    ConnectorError,
    DailyLimitReached,
    NotFound,
    NotSupported,
    PermissionDenied,
    ProviderError,
    ProviderUnavailable,
    RateLimited,
    TenantNotConnected,
    ValidationFailed,
)
from .jsonutil import dumps, loads
from .limiter import Limiter
from .specs import RateLimits
from .tokens import TokenManager
from .waiting import current_wait_budget

__all__ = ["STATUS_ERRORS", "ApiClient", "HttpPolicy", "Response", "StreamedResponse"]

log = logging.getLogger(__name__)

#: Provider status → error class, when no translator claims the response.
STATUS_ERRORS: Mapping[int, type[ConnectorError]] = {
    400: ValidationFailed,
    401: AuthExpired,
    403: TenantNotConnected,
    404: NotFound,
    405: NotSupported,
    410: NotFound,
    422: ValidationFailed,
    501: NotSupported,
}

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})

#: What a provider request id may look like to be logged and passed on (it comes from outside).
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

#: Translates a provider error response into a connector error (or None for the table default).
ErrorTranslator = Callable[["Response", "str | None"], ConnectorError | None]


@dataclass(frozen=True)
class HttpPolicy:
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    #: Attempts for 5xx / connection errors / timeouts (first try included).
    max_attempts: int = 4
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    #: Provider 429s we wait out per request before giving up with RateLimited.
    max_rate_limit_retries: int = 5
    #: Longest Retry-After we wait out in-process; longer → RateLimited for the caller.
    max_retry_after: float = 120.0

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> HttpPolicy:
        values = dict((settings or {}).get("http") or {})
        return cls(**values)


class Response:
    __slots__ = ("_data", "content", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], content: bytes):
        self.status = status
        self.headers = CaseInsensitiveDict(headers)
        self.content = content
        self._data: Any = _UNSET

    def json(self) -> Any:
        """The body decoded with Decimal numbers (None if empty or not JSON)."""
        if self._data is _UNSET:
            try:
                self._data = loads(self.content)
            except ValueError:
                self._data = None
        return self._data

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


_UNSET = object()


class StreamedResponse:
    """A provider response whose body has not been read: ``iter_content`` hands it out in
    chunks; ``close`` releases the connection (safe to call twice)."""

    def __init__(self, raw: requests.Response):
        self._raw = raw
        self.status = raw.status_code
        self.headers = CaseInsensitiveDict(raw.headers)

    def iter_content(self, chunk_size: int) -> Iterator[bytes]:
        try:
            for chunk in self._raw.iter_content(chunk_size):
                if chunk:
                    yield chunk
        except requests.RequestException as exc:
            raise ProviderUnavailable(f"the download broke off ({type(exc).__name__})") from None
        finally:
            self.close()

    def close(self) -> None:
        self._raw.close()


class _Transient(Exception):
    def __init__(self, reason: str, response: Response | None = None):
        super().__init__(reason)
        self.reason = reason
        self.response = response


class ApiClient:
    """One tenant's authenticated, rate-limited, retrying client for a provider API."""

    def __init__(
        self,
        *,
        base_url: str,
        tokens: TokenManager,
        limiter: Limiter,
        limits: RateLimits,
        provider_key: str,
        tenant_id: str,
        session: requests.Session | None = None,
        default_headers: Mapping[str, str] | None = None,
        translate_error: ErrorTranslator | None = None,
        policy: HttpPolicy | None = None,
        request_id_header: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.tokens = tokens
        self.limiter = limiter
        self.limits = limits
        self.provider_key = provider_key
        self.tenant_id = tenant_id
        self.session = session or requests.Session()
        self.default_headers = dict(default_headers or {})
        self.translate_error = translate_error
        self.policy = policy or HttpPolicy()
        #: Response header carrying the provider's id for a request (None: it sends none).
        self.request_id_header = request_id_header
        self._sleep = sleep
        #: HTTP requests sent (every attempt counts).
        self.calls = 0
        #: Provider 429 responses received.
        self.throttled = 0

    # -- public ---------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        if "://" in path or path.startswith("//"):
            raise ValueError("paths are relative to the provider API base URL")
        parts = [p for p in path.split("/") if p]
        if any(p in (".", "..") for p in parts):
            raise ValueError("path may not contain '.' or '..' segments")
        return f"{self.base_url}/{'/'.join(parts)}"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: bytes | Any | None = None,
        headers: Mapping[str, str] | None = None,
        raise_for_status: bool = True,
        error_context: str | None = None,
    ) -> Response:
        """``error_context`` (e.g. the unified model being written) reaches the translator."""
        method = method.upper()
        url = self.url(path)
        body = dumps(json) if json is not None else data
        extra = dict(headers or {})
        if json is not None:
            extra.setdefault("Content-Type", "application/json")
        retry_writes = method in IDEMPOTENT_METHODS or any(
            k.lower() == "idempotency-key" for k in extra
        )
        refreshed = False
        throttled = 0
        while True:
            response, used = self._send_with_retries(method, url, params, body, extra, retry_writes)
            stale = response.status == 401 and not self._denied(response, error_context)
            if stale and not refreshed:
                refreshed = True
                self.tokens.refresh(stale=used)
                continue
            if response.status == 429:
                self.throttled += 1
                throttled += 1
                self._on_throttled(response, throttled)
                continue
            if raise_for_status and response.status >= 400:
                error = self._tagged(self._error_for(response, error_context), response)
                level = logging.INFO if isinstance(error, NotFound) else logging.WARNING
                log.log(
                    level,
                    "%s %s: provider answered %s (%s)%s",
                    method,
                    urlsplit(url).path,
                    response.status,
                    error.code,
                    self._id_note(error.provider_request_id),
                )
                raise error
            return response

    def stream(
        self,
        method: str,
        path_or_url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        authenticated: bool = True,
        error_context: str | None = None,
    ) -> StreamedResponse:
        """Like ``request`` for a GET whose body may be large: the status and headers are read,
        the body is left on the wire for ``StreamedResponse.iter_content`` (the caller closes
        it). The limiter slot is held until the headers arrive, not while the body streams.
        5xx/connection errors are retried before any byte is handed out; 401 refreshes once;
        429 is waited out like ``request``; other errors raise as ``request`` does.

        ``authenticated=False`` with an absolute https URL (or one on the API's own origin)
        fetches a provider's pre-signed download link (QuickBooks ``TempDownloadUri``): no
        bearer token is sent to it."""
        method = method.upper()
        url = self.url(path_or_url) if authenticated else self._download_url(path_or_url)
        extra = dict(headers or {})
        refreshed = False
        throttled = 0
        attempts = 0
        while True:
            attempts += 1
            try:
                raw, used = self._open(method, url, params, extra, authenticated)
            except _Transient as exc:
                if attempts < self.policy.max_attempts:
                    self._sleep(min(self.policy.backoff_initial * 2 ** (attempts - 1), 8.0))
                    continue
                raise self._tagged(
                    ProviderUnavailable(
                        f"{method} {urlsplit(url).path}: {exc.reason}",
                        status=exc.response.status if exc.response else None,
                    ),
                    exc.response,
                ) from None
            if raw.status_code < 400:
                return StreamedResponse(raw)
            response = Response(raw.status_code, raw.headers, raw.content)
            raw.close()
            stale = authenticated and response.status == 401 and not refreshed
            if stale and not self._denied(response, error_context):
                refreshed = True
                self.tokens.refresh(stale=used)
                continue
            if response.status == 429:
                self.throttled += 1
                throttled += 1
                self._on_throttled(response, throttled)
                continue
            raise self._tagged(self._error_for(response, error_context), response)

    def _download_url(self, url: str) -> str:
        parts = urlsplit(url)
        base = urlsplit(self.base_url)
        same_origin = (parts.scheme, parts.netloc) == (base.scheme, base.netloc)
        if not parts.netloc or not (parts.scheme == "https" or same_origin):
            raise ValueError("download links must be https (or on the provider API's origin)")
        return url

    def _open(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str],
        authenticated: bool,
    ) -> tuple[requests.Response, Any]:
        with self.limiter.acquire(self.provider_key, self.tenant_id, self.limits):
            creds = self.tokens.current() if authenticated else None
            all_headers = {**self.default_headers, **headers} if authenticated else dict(headers)
            if creds is not None:
                all_headers["Authorization"] = f"Bearer {creds.access_token}"
            self.calls += 1
            try:
                raw = self.session.request(
                    method,
                    url,
                    params=params,
                    headers=all_headers,
                    timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                    allow_redirects=False,
                    stream=True,
                )
            except requests.Timeout as exc:
                raise _Transient(f"timeout ({type(exc).__name__})") from None
            except requests.ConnectionError as exc:
                raise _Transient(f"connection error ({type(exc).__name__})") from None
            if authenticated:
                self.limiter.observe(self.provider_key, self.tenant_id, self.limits, raw.headers)
        if raw.status_code >= 500 and raw.status_code != 501:
            response = Response(raw.status_code, raw.headers, raw.content)
            raw.close()
            raise _Transient(f"HTTP {raw.status_code}", response)
        return raw, creds

    # -- internals ------------------------------------------------------------------------------
    def _send_with_retries(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        body: bytes | None,
        headers: Mapping[str, str],
        retry_writes: bool,
    ) -> tuple[Response, Any]:
        policy = self.policy
        retrying = Retrying(
            retry=retry_if_exception_type(_Transient),
            stop=stop_after_attempt(policy.max_attempts if retry_writes else 1),
            wait=wait_exponential_jitter(multiplier=policy.backoff_initial, max=policy.backoff_max),
            sleep=self._sleep,
            before_sleep=lambda rs: log.warning(
                "%s %s: %s; retrying", method, urlsplit(url).path, rs.outcome.exception()
            ),
        )
        try:
            return retrying(self._send_once, method, url, params, body, headers)
        except RetryError as exc:
            last = exc.last_attempt.exception()
            reason = getattr(last, "reason", str(last))
            response = last.response if isinstance(last, _Transient) else None
            error = self._tagged(
                ProviderUnavailable(
                    f"{method} {urlsplit(url).path}: {reason}",
                    status=response.status if response else None,
                ),
                response,
            )
            log.warning("%s%s", error.message, self._id_note(error.provider_request_id))
            raise error from None

    def _send_once(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        body: bytes | None,
        headers: Mapping[str, str],
    ) -> tuple[Response, Any]:
        with self.limiter.acquire(self.provider_key, self.tenant_id, self.limits):
            creds = self.tokens.current()
            all_headers = {
                "Accept": "application/json",
                **self.default_headers,
                **headers,
                "Authorization": f"Bearer {creds.access_token}",
            }
            self.calls += 1
            if hasattr(body, "seek"):  # a file-like body (an upload): every attempt from its start
                body.seek(0)
            try:
                raw = self.session.request(
                    method,
                    url,
                    params=params,
                    data=body,
                    headers=all_headers,
                    timeout=(self.policy.connect_timeout, self.policy.read_timeout),
                    allow_redirects=False,
                )
            except requests.Timeout as exc:
                raise _Transient(f"timeout ({type(exc).__name__})") from None
            except requests.ConnectionError as exc:
                raise _Transient(f"connection error ({type(exc).__name__})") from None
            response = Response(raw.status_code, raw.headers, raw.content)
            self.limiter.observe(self.provider_key, self.tenant_id, self.limits, response.headers)
        if response.status >= 500 and response.status != 501:
            raise _Transient(f"HTTP {response.status}", response)
        return response, creds

    def _on_throttled(self, response: Response, attempt: int) -> None:
        problem = (response.headers.get("X-Rate-Limit-Problem") or "").strip().lower() or None
        retry_after = _retry_after(response.headers.get("Retry-After"))
        request_id = self._request_id(response)
        self.limiter.block(self.provider_key, self.tenant_id, problem, retry_after)
        log.warning(
            "provider 429 (%s), retry after %.1fs%s",
            problem,
            retry_after,
            self._id_note(request_id),
        )
        if problem == "day":
            raise DailyLimitReached(
                resume_at=datetime.now(UTC) + timedelta(seconds=retry_after),
                retry_after=retry_after,
                status=429,
                provider_request_id=request_id,
            )
        caller = current_wait_budget()
        if (
            retry_after > self.policy.max_retry_after
            or attempt > self.policy.max_rate_limit_retries
            or (caller is not None and not caller.allows(retry_after))
        ):
            raise RateLimited(
                retry_after=retry_after,
                problem=problem,
                status=429,
                provider_request_id=request_id,
            )
        # The next acquire() waits out the block the limiter now holds (within the caller's
        # wait budget, when there is one).

    def _request_id(self, response: Response | None) -> str | None:
        """The provider's id for the request, when it sent one that looks like an id."""
        if response is None or not self.request_id_header:
            return None
        value = (response.headers.get(self.request_id_header) or "").strip()
        return value if _SAFE_REQUEST_ID.fullmatch(value) else None

    def _tagged(self, error: ConnectorError, response: Response | None) -> ConnectorError:
        if error.provider_request_id is None:
            error.provider_request_id = self._request_id(response)
        return error

    def _id_note(self, request_id: str | None) -> str:
        return f" [{self.request_id_header} {request_id}]" if request_id else ""

    def _denied(self, response: Response, context: str | None) -> bool:
        """A 401 the provider meant as "your consent does not allow this", not "your token is
        stale": a refresh would not change the token's scopes."""
        return isinstance(self._error_for(response, context), PermissionDenied)

    def _error_for(self, response: Response, context: str | None) -> ConnectorError:
        if self.translate_error is not None:
            error = self.translate_error(response, context)
            if error is not None:
                return error
        cls = STATUS_ERRORS.get(response.status, ProviderError)
        body = response.json()
        message = _message(body) or response.text[:200] or f"HTTP {response.status}"
        return cls(message, status=response.status, body=body)


def _retry_after(value: str | None) -> float:
    if not value:
        return 60.0
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 60.0
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _message(body: Any) -> str | None:
    if isinstance(body, Mapping):
        for key in (
            "Message",
            "message",
            "Detail",
            "detail",
            "Title",
            "error_description",
            "error",
        ):
            if body.get(key):
                return str(body[key])
    return None
