"""The running sandbox: configuration, store, clock, OAuth, rate limits, faults, counters."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from .clock import Clock
from .seed import DEMO_APP, company, register_app, reset_and_seed
from .store import Store
from .webhooks import WebhookDispatcher

CODE_TTL = 300.0
REFRESH_TTL = 8_726_400  # Intuit: about 101 days, rolling
SCOPE = "com.intuit.quickbooks.accounting"


@dataclass
class Config:
    db: str
    access_token_ttl: int = 3600
    rate_minute: int = 500
    rate_concurrent: int = 10
    public_url: str = ""


class OAuthError(Exception):
    def __init__(self, error: str, status: int = 400, description: str = ""):
        super().__init__(error)
        self.error = error
        self.status = status
        self.description = description


@dataclass
class Access:
    """A valid access token's grant."""

    grant_id: str
    client_id: str
    realm: str


class Limiter:
    """Per (app, realm): ``concurrent`` requests at a time, ``minute`` per sliding minute."""

    def __init__(self, clock: Clock, minute: int, concurrent: int, batch_minute: int = 40) -> None:
        self.clock = clock
        self.minute, self.concurrent = minute, concurrent
        #: Intuit: 40 batch requests a minute per company (besides the 500 of every request).
        self.batch_minute = batch_minute
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        self._calls: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._batches: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._active: dict[tuple[str, str], int] = defaultdict(int)
        self.max_active = 0

    def acquire(self, client_id: str, realm: str) -> tuple[bool, str | None, int]:
        key = (client_id, realm)
        now = self.clock.time()
        with self._lock:
            window = self._calls[key]
            while window and window[0] <= now - 60:
                window.popleft()
            if self._active[key] >= self.concurrent:
                return False, "concurrent", 1
            if len(window) >= self.minute:
                return False, "minute", max(int(window[0] + 60 - now) + 1, 1)
            window.append(now)
            self._active[key] += 1
            self.max_active = max(self.max_active, self._active[key])
            return True, None, 0

    def acquire_batch(self, client_id: str, realm: str) -> int:
        """0 when a batch request may go on, else the seconds until one may."""
        now = self.clock.time()
        with self._lock:
            window = self._batches[(client_id, realm)]
            while window and window[0] <= now - 60:
                window.popleft()
            if len(window) >= self.batch_minute:
                return max(int(window[0] + 60 - now) + 1, 1)
            window.append(now)
            return 0

    def release(self, client_id: str, realm: str) -> None:
        with self._lock:
            key = (client_id, realm)
            self._active[key] = max(self._active[key] - 1, 0)


@dataclass
class Fault:
    prefix: str
    status: int | None = None  # 429, 500, 503: answered instead of the real response
    times: int = 1  # how many requests it applies to (-1: until cleared)
    delay_ms: int = 0  # sleep inside the rate-limit slot first


@dataclass
class Counters:
    requests: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    statuses: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    token_calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rate_limited: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    faults: int = 0
    revocations: int = 0
    queries: deque = field(default_factory=lambda: deque(maxlen=500))
    #: Each batch request's items (``{"realm", "items": ["Query: SELECT …", "CDCQuery: …"]}``).
    batches: deque = field(default_factory=lambda: deque(maxlen=500))

    def as_dict(self, max_concurrent: int) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "statuses": dict(self.statuses),
            "token_calls": dict(self.token_calls),
            "rate_limited": dict(self.rate_limited),
            "rate_limited_total": sum(self.rate_limited.values()),
            "faults": self.faults,
            "revocations": self.revocations,
            "max_concurrent": max_concurrent,
            "queries": list(self.queries),
            "batches": list(self.batches),
        }


class Sandbox:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.db)
        self.clock = Clock()
        self.limiter = Limiter(self.clock, config.rate_minute, config.rate_concurrent)
        self.faults: list[Fault] = []
        self.counters = Counters()
        self.lock = threading.Lock()
        #: (realm, requestid) → (status, body) of writes already answered (Intuit's guard
        #: against duplicate requests: a retried write is answered again, not written again).
        self.answered: dict[tuple[str, str], tuple[int, Any]] = {}
        #: Every change to the books after seeding is sent to the apps' webhooks.
        self.webhooks = WebhookDispatcher(self.store, self.clock)
        self.store.on_change = self.webhooks.changed

    # -- lifecycle --------------------------------------------------------------------------
    def ensure_seeded(self) -> None:
        if not self.store.one("SELECT 1 FROM entities LIMIT 1"):
            self._seed()
        elif not self.store.one("SELECT 1 FROM apps WHERE client_id = ?", DEMO_APP["client_id"]):
            register_app(self.store, DEMO_APP)
        else:  # a database from before webhooks: give the demo app its verifier token
            with self.store.lock:
                self.store.db.execute(
                    "INSERT OR IGNORE INTO webhooks (client_id, verifier_token) VALUES (?, ?)",
                    (DEMO_APP["client_id"], DEMO_APP["webhook_verifier_token"]),
                )

    def _seed(
        self, invoices: int = 0, realm: str = "us", documents: dict[str, int] | None = None
    ) -> None:
        """Seeding is not a change anyone is told about."""
        self.store.on_change = None
        try:
            reset_and_seed(self.store, invoices=invoices, realm=realm, documents=documents)
        finally:
            self.store.on_change = self.webhooks.changed

    def reset(
        self, invoices: int = 0, realm: str = "us", documents: dict[str, int] | None = None
    ) -> None:
        self.webhooks.reset()
        self._seed(invoices=invoices, realm=realm, documents=documents)
        self.clock.reset()
        self.limiter = Limiter(self.clock, self.config.rate_minute, self.config.rate_concurrent)
        self.faults = []
        self.counters = Counters()
        self.answered = {}

    # -- apps -------------------------------------------------------------------------------
    def app(self, client_id: str | None) -> dict[str, Any] | None:
        row = self.store.one("SELECT * FROM apps WHERE client_id = ?", client_id or "")
        if row is None:
            return None
        hook = self.store.one("SELECT * FROM webhooks WHERE client_id = ?", row["client_id"])
        return {
            **dict(row),
            "redirect_uris": json.loads(row["redirect_uris"]),
            "webhook_url": hook["url"] if hook else None,
            "webhook_verifier_token": hook["verifier_token"] if hook else None,
            "webhook_format": hook["format"] if hook else "classic",
        }

    def apps(self) -> list[dict[str, Any]]:
        rows = self.store.query("SELECT client_id FROM apps ORDER BY client_id")
        return [a for r in rows if (a := self.app(r["client_id"]))]

    def client(self, auth: Any, form: dict[str, str]) -> dict[str, Any]:
        """The app authenticating at the token/revoke endpoints (HTTP Basic or body)."""
        if auth is not None and auth.username:
            client_id, secret = auth.username, auth.password or ""
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        app = self.app(client_id)
        if app is None or not secrets.compare_digest(app["client_secret"], secret):
            raise OAuthError("invalid_client", 401)
        return app

    # -- authorization codes ----------------------------------------------------------------
    def issue_code(
        self,
        client_id: str,
        redirect_uri: str,
        realm: str,
        scope: str,
        challenge: str | None = None,
        method: str | None = None,
    ) -> str:
        code = "AB11" + secrets.token_hex(20)
        with self.store.lock:
            self.store.db.execute(
                "INSERT INTO codes (code, client_id, redirect_uri, realm, scope, challenge, method,"
                " expires) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    code,
                    client_id,
                    redirect_uri,
                    realm,
                    scope,
                    challenge,
                    method,
                    self.clock.time() + CODE_TTL,
                ),
            )
        return code

    def exchange_code(self, app: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
        with self.store.tx() as db:
            row = db.execute(
                "SELECT * FROM codes WHERE code = ?", (form.get("code", ""),)
            ).fetchone()
            if row is None or row["used"] or row["client_id"] != app["client_id"]:
                raise OAuthError("invalid_grant")
            db.execute("UPDATE codes SET used = 1 WHERE code = ?", (row["code"],))
            if row["expires"] < self.clock.time():
                raise OAuthError("invalid_grant", description="authorization code expired")
            if form.get("redirect_uri") != row["redirect_uri"]:
                raise OAuthError("invalid_grant", description="redirect_uri mismatch")
            if row["challenge"] and not _pkce_ok(
                form.get("code_verifier"), row["challenge"], row["method"]
            ):
                raise OAuthError("invalid_grant", description="PKCE verification failed")
            grant_id = uuid.uuid4().hex
            db.execute(
                "INSERT INTO grants (id, client_id, realm, scope, created) VALUES (?, ?, ?, ?, ?)",
                (grant_id, app["client_id"], row["realm"], row["scope"], self.clock.time()),
            )
            return self._tokens(db, grant_id)

    def refresh(self, app: dict[str, Any], form: dict[str, str]) -> dict[str, Any]:
        """Every refresh rotates: a new refresh token, the old one dead at once (stricter than
        Intuit, which may hand the same one back for a while)."""
        with self.store.tx() as db:
            row = db.execute(
                "SELECT r.*, g.client_id, g.revoked FROM refresh_tokens r JOIN grants g"
                " ON g.id = r.grant_id WHERE r.token = ?",
                (form.get("refresh_token", ""),),
            ).fetchone()
            if (
                row is None
                or row["rotated"]
                or row["revoked"]
                or row["client_id"] != app["client_id"]
                or row["expires"] < self.clock.time()
            ):
                raise OAuthError("invalid_grant")
            db.execute("UPDATE refresh_tokens SET rotated = 1 WHERE token = ?", (row["token"],))
            return self._tokens(db, row["grant_id"])

    def _tokens(self, db: Any, grant_id: str) -> dict[str, Any]:
        access = "eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0.." + secrets.token_urlsafe(48)
        refresh = "AB11" + secrets.token_hex(24)
        now = self.clock.time()
        ttl = self.config.access_token_ttl
        db.execute(
            "INSERT INTO access_tokens (token, grant_id, expires) VALUES (?, ?, ?)",
            (access, grant_id, now + ttl),
        )
        db.execute(
            "INSERT INTO refresh_tokens (token, grant_id, expires) VALUES (?, ?, ?)",
            (refresh, grant_id, now + REFRESH_TTL),
        )
        return {
            "token_type": "bearer",
            "access_token": access,
            "expires_in": ttl,
            "refresh_token": refresh,
            "x_refresh_token_expires_in": REFRESH_TTL,
        }

    def revoke(self, app: dict[str, Any], token: str) -> bool:
        with self.store.tx() as db:
            row = db.execute(
                "SELECT grant_id FROM refresh_tokens WHERE token = ? UNION "
                "SELECT grant_id FROM access_tokens WHERE token = ?",
                (token, token),
            ).fetchone()
            if row is None:
                return False
            grant = db.execute("SELECT * FROM grants WHERE id = ?", (row["grant_id"],)).fetchone()
            if grant is None or grant["client_id"] != app["client_id"]:
                return False
            db.execute("UPDATE grants SET revoked = 1 WHERE id = ?", (grant["id"],))
        self.counters.revocations += 1
        return True

    def check_access(self, token: str | None) -> Access:
        if not token:
            raise OAuthError("missing", 401, "Token invalid")
        row = self.store.one(
            "SELECT a.expires, g.* FROM access_tokens a JOIN grants g ON g.id = a.grant_id"
            " WHERE a.token = ?",
            token,
        )
        if row is None or row["revoked"]:
            raise OAuthError("invalid", 401, "Token invalid")
        if row["expires"] < self.clock.time():
            raise OAuthError("expired", 401, f"Token expired: {token[:8]}...")
        return Access(grant_id=row["id"], client_id=row["client_id"], realm=row["realm"])

    def expire_tokens(self, access_token: str | None = None) -> int:
        past = self.clock.time() - 1
        with self.store.lock:
            if access_token:
                cur = self.store.db.execute(
                    "UPDATE access_tokens SET expires = ? WHERE token = ?", (past, access_token)
                )
            else:
                cur = self.store.db.execute("UPDATE access_tokens SET expires = ?", (past,))
            return cur.rowcount

    def grants(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.store.query("SELECT * FROM grants ORDER BY created")]

    def revoke_grants(self, grant_id: str | None = None, client_id: str | None = None) -> list[str]:
        rows = self.grants()
        chosen = [
            g["id"]
            for g in rows
            if not g["revoked"]
            and (grant_id is None or g["id"] == grant_id)
            and (client_id is None or g["client_id"] == client_id)
        ]
        with self.store.lock:
            for gid in chosen:
                self.store.db.execute("UPDATE grants SET revoked = 1 WHERE id = ?", (gid,))
        return chosen

    # -- faults -----------------------------------------------------------------------------
    def take_fault(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if path.startswith(fault.prefix) and fault.times != 0:
                    if fault.times > 0:
                        fault.times -= 1
                    return fault
        return None

    def realm_of(self, ref: str) -> str | None:
        found = company(ref)
        return found.realm if found else None


def _pkce_ok(verifier: str | None, challenge: str, method: str | None) -> bool:
    if not verifier:
        return False
    if (method or "plain").upper() == "S256":
        digest = hashlib.sha256(verifier.encode()).digest()
        expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    else:
        expected = verifier
    return secrets.compare_digest(expected, challenge)


def sleep_ms(ms: int) -> None:
    if ms > 0:
        time.sleep(ms / 1000)
