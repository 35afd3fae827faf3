"""OAuth 2.0 as Xero runs it: codes, PKCE, rotating refresh tokens with a grace period,
revocation and connections (tenants an app's user has authorised)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from . import fleet
from .clock import Clock
from .ids import fresh, stable
from .jsonutil import dumps, dumps_str, loads
from .orgdata import TENANTS
from .store import Store
from .xdates import EPOCH

CODE_TTL = 300
REFRESH_GRACE = 1800
REFRESH_TTL = 60 * 86400
DEMO_USER = {
    "id": stable("user", "demo"),
    "email": "demo.user@ledgerlink.test",
    "given_name": "Demo",
    "family_name": "User",
}


class OAuthError(Exception):
    """An OAuth error response (``{"error": code}``) with its HTTP status."""

    def __init__(self, error: str, status: int = 400, description: str | None = None) -> None:
        super().__init__(error)
        self.error, self.status, self.description = error, status, description

    def body(self) -> dict:
        out = {"error": self.error}
        if self.description:
            out["error_description"] = self.description
        return out


@dataclass
class TokenContext:
    """Who an access token speaks for."""

    client_id: str
    grant_id: str
    user_id: str
    scope: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def s256(verifier: str) -> str:
    return _b64(hashlib.sha256(verifier.encode()).digest())


def _jwt(claims: dict) -> str:
    header = _b64(dumps({"alg": "RS256", "kid": "sandbox", "typ": "JWT"}))
    return f"{header}.{_b64(dumps(claims))}.{_b64(secrets.token_bytes(32))}"


class Identity:
    """Token issuance and checks, persisted in the sandbox store."""

    def __init__(
        self, store: Store, clock: Clock, access_ttl: int = 1800, issuer: str = ""
    ) -> None:
        self.store, self.clock = store, clock
        self.access_ttl = access_ttl
        self.issuer = issuer or "https://identity.xero.com"

    # -- authorization --------------------------------------------------------------

    def consent(
        self,
        app: dict,
        redirect_uri: str,
        scope: str,
        tenants: list[str],
        state: str | None,
        code_challenge: str | None,
        method: str | None,
        nonce: str | None = None,
    ) -> str:
        """Record a user's consent (grant + connections) and return a one-time code."""
        unknown = [t for t in tenants if t not in TENANTS.values() and t not in fleet.FLEET]
        if unknown:
            raise OAuthError("invalid_request", description=f"unknown tenants {unknown}")
        if code_challenge and (method or "plain") not in ("S256", "plain"):
            raise OAuthError("invalid_request", description="unsupported code_challenge_method")
        now = self.clock.ms()
        grant_id = fresh()
        grant = {
            "id": grant_id,
            "client_id": app["client_id"],
            "user_id": DEMO_USER["id"],
            "scope": scope,
            "created_ms": now,
            "revoked": False,
            "tenants": tenants,
        }
        code = secrets.token_urlsafe(32)
        with self.store.write() as conn:
            conn.execute(
                "INSERT INTO grants (id, client_id, doc) VALUES (?, ?, ?)",
                (grant_id, app["client_id"], dumps_str(grant)),
            )
            for tenant_id in tenants:
                self._connect(conn, app["client_id"], grant_id, tenant_id, now)
            doc = {
                "client_id": app["client_id"],
                "redirect_uri": redirect_uri,
                "grant_id": grant_id,
                "challenge": code_challenge,
                "method": method or ("plain" if code_challenge else None),
                "expires_ms": now + CODE_TTL * 1000,
                "used": False,
                "nonce": nonce,
            }
            conn.execute("INSERT INTO codes (code, doc) VALUES (?, ?)", (code, dumps_str(doc)))
        return code

    def _connect(self, conn, client_id: str, grant_id: str, tenant_id: str, now: int) -> None:
        row = conn.execute(
            "SELECT id FROM connections WHERE client_id=? AND tenant_id=?", (client_id, tenant_id)
        ).fetchone()
        if row:
            conn.execute(
                "UPDATE connections SET grant_id=?, updated_ms=? WHERE id=?",
                (grant_id, now, row["id"]),
            )
        else:
            conn.execute(
                "INSERT INTO connections (id, grant_id, client_id, tenant_id, created_ms, "
                "updated_ms) VALUES (?, ?, ?, ?, ?, ?)",
                (fresh(), grant_id, client_id, tenant_id, now, now),
            )

    # -- token endpoint -------------------------------------------------------------

    def exchange_code(
        self,
        app: dict,
        authenticated: bool,
        code: str,
        redirect_uri: str | None,
        verifier: str | None,
    ) -> dict:
        with self.store.write() as conn:
            row = conn.execute("SELECT doc FROM codes WHERE code=?", (code or "",)).fetchone()
            if row is None:
                raise OAuthError("invalid_grant")
            doc = loads(row["doc"])
            if (
                doc["used"]
                or doc["expires_ms"] < self.clock.ms()
                or doc["client_id"] != app["client_id"]
            ):
                raise OAuthError("invalid_grant")
            if redirect_uri is not None and redirect_uri != doc["redirect_uri"]:
                raise OAuthError("invalid_grant", description="redirect_uri mismatch")
            if doc["challenge"]:
                expected = s256(verifier) if verifier and doc["method"] == "S256" else verifier
                if not verifier or not hmac.compare_digest(str(expected), doc["challenge"]):
                    raise OAuthError("invalid_grant", description="PKCE verification failed")
            elif not authenticated:
                raise OAuthError("invalid_client", status=400)
            doc["used"] = True
            conn.execute("UPDATE codes SET doc=? WHERE code=?", (dumps_str(doc), code))
            grant = self.grant(doc["grant_id"])
            return self._issue(conn, grant, id_token=True, nonce=doc.get("nonce"))

    def refresh(self, app: dict, token: str) -> dict:
        """Rotate a refresh token; replay the same new pair within the grace period."""
        with self.store.write() as conn:
            row = conn.execute(
                "SELECT * FROM refresh_tokens WHERE token=?", (token or "",)
            ).fetchone()
            now = self.clock.ms()
            if row is None or row["revoked"] or row["client_id"] != app["client_id"]:
                raise OAuthError("invalid_grant")
            grant = self.grant(row["grant_id"])
            if grant is None or grant["revoked"]:
                raise OAuthError("invalid_grant")
            if row["used_ms"] is not None:
                if now - row["used_ms"] <= REFRESH_GRACE * 1000 and row["result"]:
                    return loads(row["result"])
                raise OAuthError("invalid_grant")
            if now - row["created_ms"] > REFRESH_TTL * 1000:
                raise OAuthError("invalid_grant")
            result = self._issue(conn, grant, id_token=False)
            conn.execute(
                "UPDATE refresh_tokens SET used_ms=?, result=? WHERE token=?",
                (now, dumps_str(result), token),
            )
            return result

    def _issue(self, conn, grant: dict, id_token: bool, nonce: str | None = None) -> dict:
        now = self.clock.ms()
        scope = grant["scope"]
        claims = {
            "nbf": now // 1000,
            "exp": now // 1000 + self.access_ttl,
            "iss": self.issuer,
            "aud": f"{self.issuer}/resources",
            "client_id": grant["client_id"],
            "sub": grant["user_id"],
            "auth_time": grant["created_ms"] // 1000,
            "xero_userid": grant["user_id"],
            "global_session_id": stable("session", grant["id"]),
            "jti": fresh(),
            "authentication_event_id": grant["id"],
            "scope": scope.split(),
        }
        access = _jwt(claims)
        conn.execute(
            "INSERT INTO access_tokens (token, grant_id, client_id, expires_ms) "
            "VALUES (?, ?, ?, ?)",
            (access, grant["id"], grant["client_id"], now + self.access_ttl * 1000),
        )
        out = {"access_token": access, "expires_in": self.access_ttl, "token_type": "Bearer"}
        if "offline_access" in scope.split():
            refresh = secrets.token_hex(32)
            conn.execute(
                "INSERT INTO refresh_tokens (token, grant_id, client_id, created_ms) "
                "VALUES (?, ?, ?, ?)",
                (refresh, grant["id"], grant["client_id"], now),
            )
            out["refresh_token"] = refresh
        out["scope"] = scope
        if id_token and "openid" in scope.split():
            out["id_token"] = _jwt(
                {
                    "nbf": now // 1000,
                    "exp": now // 1000 + 300,
                    "iss": self.issuer,
                    "aud": grant["client_id"],
                    "iat": now // 1000,
                    "at_hash": s256(access)[:22],
                    "sid": stable("sid", grant["id"]),
                    "sub": grant["user_id"],
                    "auth_time": grant["created_ms"] // 1000,
                    "xero_userid": grant["user_id"],
                    "global_session_id": stable("session", grant["id"]),
                    "preferred_username": DEMO_USER["email"],
                    "email": DEMO_USER["email"],
                    "given_name": DEMO_USER["given_name"],
                    "family_name": DEMO_USER["family_name"],
                    **({"nonce": nonce} if nonce else {}),
                }
            )
        return out

    # -- revocation and checks --------------------------------------------------------

    def grant(self, grant_id: str) -> dict | None:
        row = self.store.one("SELECT doc FROM grants WHERE id=?", (grant_id,))
        return loads(row["doc"]) if row else None

    def grants(self) -> list[dict]:
        return [loads(r["doc"]) for r in self.store.all("SELECT doc FROM grants ORDER BY rowid")]

    def revoke_grant(self, grant_id: str) -> bool:
        """Invalidate every token of a grant and drop the connections it made."""
        with self.store.write() as conn:
            grant = self.grant(grant_id)
            if grant is None:
                return False
            grant["revoked"] = True
            conn.execute("UPDATE grants SET doc=? WHERE id=?", (dumps_str(grant), grant_id))
            conn.execute("UPDATE access_tokens SET revoked=1 WHERE grant_id=?", (grant_id,))
            conn.execute("UPDATE refresh_tokens SET revoked=1 WHERE grant_id=?", (grant_id,))
            conn.execute("DELETE FROM connections WHERE grant_id=?", (grant_id,))
            return True

    def revoke_refresh_token(self, app: dict, token: str) -> None:
        row = self.store.one(
            "SELECT grant_id, client_id FROM refresh_tokens WHERE token=?", (token or "",)
        )
        if row is None or row["client_id"] != app["client_id"]:
            raise OAuthError("invalid_grant")
        self.revoke_grant(row["grant_id"])

    def expire_tokens(
        self,
        access_token: str | None = None,
        grant_id: str | None = None,
        client_id: str | None = None,
    ) -> int:
        """Make matching access tokens expired now (to test refresh paths)."""
        past = self.clock.ms() - 1000
        clauses, params = [], []
        for column, value in (
            ("token", access_token),
            ("grant_id", grant_id),
            ("client_id", client_id),
        ):
            if value:
                clauses.append(f"{column}=?")
                params.append(value)
        where = " AND ".join(clauses) or "1=1"
        with self.store.write() as conn:
            return conn.execute(
                f"UPDATE access_tokens SET expires_ms=? WHERE {where}",  # noqa: S608
                (past, *params),
            ).rowcount

    def check_access(self, token: str | None) -> TokenContext:
        """Resolve a bearer token or raise ``OAuthError`` with the 401 detail."""
        if not token:
            raise OAuthError("AuthenticationUnsuccessful", status=401)
        row = self.store.one("SELECT * FROM access_tokens WHERE token=?", (token,))
        if row is None or row["revoked"]:
            raise OAuthError("AuthenticationUnsuccessful", status=401)
        if row["expires_ms"] <= self.clock.ms():
            stamp = EPOCH.timestamp() + row["expires_ms"] / 1000
            from datetime import UTC, datetime

            when = datetime.fromtimestamp(stamp, tz=UTC).strftime("%m/%d/%Y %H:%M:%S")
            raise OAuthError(f"TokenExpired: token expired at {when}", status=401)
        grant = self.grant(row["grant_id"])
        if grant is None or grant["revoked"]:
            raise OAuthError("AuthenticationUnsuccessful", status=401)
        return TokenContext(row["client_id"], row["grant_id"], grant["user_id"], grant["scope"])

    def connections(self, client_id: str) -> list[dict]:
        names = fleet.names()
        rows = self.store.all(
            "SELECT * FROM connections WHERE client_id=? ORDER BY created_ms, rowid", (client_id,)
        )
        from .xdates import iso_utc

        return [
            {
                "id": r["id"],
                "authEventId": r["grant_id"],
                "tenantId": r["tenant_id"],
                "tenantType": "ORGANISATION",
                "tenantName": names.get(r["tenant_id"], ""),
                "createdDateUtc": iso_utc(r["created_ms"]).rstrip("Z") + ".0000000",
                "updatedDateUtc": iso_utc(r["updated_ms"]).rstrip("Z") + ".0000000",
            }
            for r in rows
        ]

    def can_reach(self, client_id: str, tenant_id: str) -> bool:
        return (
            self.store.one(
                "SELECT 1 FROM connections WHERE client_id=? AND tenant_id=?",
                (client_id, tenant_id.lower()),
            )
            is not None
        )

    def disconnect(self, client_id: str, connection_id: str) -> bool:
        with self.store.write() as conn:
            return (
                conn.execute(
                    "DELETE FROM connections WHERE id=? AND client_id=?", (connection_id, client_id)
                ).rowcount
                > 0
            )

    # -- custom connections (client_credentials) ----------------------------------------
    # A custom connection is authorised once, for one organisation, by that organisation's
    # admin in the developer portal (here: when the app is first used). Its grant has no user
    # and no refresh token: a new access token is asked for with the client's id and secret.

    def client_credentials(self, app: dict, scope: str | None) -> dict:
        """Issue an access token to an authenticated custom-connection app."""
        if app.get("connection_type") != "custom":
            raise OAuthError(
                "unauthorized_client",
                description="client_credentials is only for custom connections",
            )
        allowed = list(app.get("scopes") or [])
        asked = (scope or "").split() or allowed
        if any(s not in allowed for s in asked):
            raise OAuthError("invalid_scope")
        with self.store.write() as conn:
            grant = self._custom_grant(conn, app)
            if grant["revoked"]:
                raise OAuthError("unauthorized_client", description="connection was removed")
            return self._issue(conn, {**grant, "scope": " ".join(asked)}, id_token=False)

    def _custom_grant(self, conn, app: dict) -> dict:
        """The custom connection's grant, made (with its one connection) on first use."""
        row = conn.execute(
            "SELECT doc FROM grants WHERE client_id=? ORDER BY rowid DESC LIMIT 1",
            (app["client_id"],),
        ).fetchone()
        if row is not None:
            return loads(row["doc"])
        now = self.clock.ms()
        grant = {
            "id": fresh(),
            "client_id": app["client_id"],
            "user_id": stable("user", f"custom:{app['client_id']}"),
            "scope": " ".join(app.get("scopes") or []),
            "created_ms": now,
            "revoked": False,
            "tenants": [app["tenant_id"]],
            "custom_connection": True,
        }
        conn.execute(
            "INSERT INTO grants (id, client_id, doc) VALUES (?, ?, ?)",
            (grant["id"], app["client_id"], dumps_str(grant)),
        )
        self._connect(conn, app["client_id"], grant["id"], app["tenant_id"], now)
        return grant

    def sole_tenant(self, ctx: TokenContext) -> str | None:
        """The organisation a custom connection's token is for (its calls need no tenant
        header); None for a standard app's token."""
        grant = self.grant(ctx.grant_id)
        if not grant or not grant.get("custom_connection"):
            return None
        return grant["tenants"][0]
