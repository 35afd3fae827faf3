"""pytest plugin: the Xero sandbox as a fixture. The one documented way tests use the sandbox.

Enable with ``pytest_plugins = ["tests.plugins.sandbox"]`` (done in ``tests/conftest.py``).

Fixtures
--------
``xero_sandbox_server`` (session)
    Starts ``python -m sandbox.xero --port 0`` on a temporary database (demo app registered,
    demo organisations seeded) and kills it at session end. Yields a :class:`XeroSandbox`.
``xero_sandbox`` (function)
    The same handle after ``control.reset()``: fresh books, tokens, apps (from
    ``sandbox/xero/demo_apps.yaml``), clock, limits, faults, counters and webhook log.
``xero_webhook_receiver`` (function)
    A local HTTP endpoint that records webhook POSTs, checks ``x-xero-signature`` with the
    demo app's key and answers 200 (valid) or 401 (invalid), or a forced status.

Typical use::

    def test_sync(xero_sandbox):
        tokens = xero_sandbox.connect(tenants=["uk"])          # consent + code exchange
        api = xero_sandbox.api(tokens["access_token"], "uk")   # requests wrapper
        invoices = api.get("Invoices", params={"page": 1}).json()["Invoices"]
        xero_sandbox.control.edit("uk", "Invoices", invoices[0]["InvoiceID"], Reference="X")
        xero_sandbox.control.set_limits(minute=5)
        assert xero_sandbox.control.counters()["rate_limited_total"] == 0

Settings a connector needs (all on the handle): ``authorize_url``, ``token_url``,
``revocation_url``, ``connections_url``, ``api_url``; the demo app is
``DEMO_CLIENT_ID`` / ``DEMO_CLIENT_SECRET`` / ``DEMO_REDIRECT_URI``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.plugins.processes import start_sandbox_process

ROOT = Path(__file__).resolve().parents[2]
DEMO_CLIENT_ID = "ledgerlink-demo"
DEMO_CLIENT_SECRET = "demo-secret-not-for-production-0000"
DEMO_REDIRECT_URI = "http://127.0.0.1:8000/connect/callback"
DEMO_WEBHOOK_KEY = "demo-webhook-key-not-for-production-0000"
#: The demo custom connection (client_credentials, Demo Company (UK)) from demo_apps.yaml.
DEMO_CUSTOM_CLIENT_ID = "ledgerlink-demo-custom"
DEMO_CUSTOM_CLIENT_SECRET = "custom-secret-not-for-production-0000"
#: What Ledgerlink's consent asks for (every model's scope: ``connectors/xero/spec.py``).
DEFAULT_SCOPE = (
    "openid profile email offline_access "
    "accounting.invoices accounting.payments accounting.contacts accounting.settings "
    "accounting.manualjournals accounting.journals.read accounting.banktransactions"
)
TENANT_KEYS = ("uk", "us", "au")


def pkce_pair() -> tuple[str, str]:
    """A PKCE ``(code_verifier, code_challenge)`` pair (S256)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class SandboxControl:
    """A small client for the control plane (``/_sandbox/``)."""

    def __init__(self, base_url: str) -> None:
        self.base = f"{base_url}/_sandbox"
        self.http = requests.Session()

    def _call(
        self,
        method: str,
        path: str,
        body: dict | None = None,
        timeout: float = 120,
        **params: Any,
    ) -> Any:
        response = self.http.request(
            method, f"{self.base}{path}", json=body, params=params or None, timeout=timeout
        )
        if response.status_code >= 400:
            raise AssertionError(
                f"control plane {method} {path}: {response.status_code} {response.text}"
            )
        return response.json()

    # books
    def reset(
        self,
        seed: bool = True,
        invoices: int = 0,
        contacts: int = 0,
        payments: int = 0,
        tenant: str = "uk",
        documents: dict[str, int] | None = None,
    ) -> dict:
        """Clean demo state; optional bulk data (``tenant``: uk/us/au/all). ``documents``:
        bulk counts of the other documents (``credit_notes``, ``purchase_orders``,
        ``manual_journals``, ``bank_transactions``, ``expenses``, ``bank_transfers``)."""
        return self._call(
            "POST",
            "/reset",
            {
                "seed": seed,
                "invoices": invoices,
                "contacts": contacts,
                "payments": payments,
                "tenant": tenant,
                "documents": documents or {},
            },
            # Bulk data (a benchmark's 100,000 invoices and thousands of documents) takes
            # minutes on a loaded machine.
            timeout=1800,
        )

    seed = reset

    def tenants(self) -> list[dict]:
        return self._call("GET", "/tenants")

    def create(self, tenant: str, collection: str, **fields: Any) -> dict:
        """Create a record as a Xero user would (Xero's rules apply; webhook fired)."""
        return self._call("POST", f"/tenants/{tenant}/{collection}", fields)

    def edit(
        self, tenant: str, collection: str, record_id: str, raw: bool = False, **fields: Any
    ) -> dict:
        """Change fields as a user editing in Xero (UpdatedDateUTC bumped, webhook fired)."""
        return self._call(
            "PATCH",
            f"/tenants/{tenant}/{collection}/{record_id}",
            fields,
            **({"raw": "true"} if raw else {}),
        )

    def action(self, tenant: str, collection: str, record_id: str, action: str) -> dict:
        """``delete`` | ``void`` | ``archive`` | ``unarchive`` a record."""
        return self._call("POST", f"/tenants/{tenant}/{collection}/{record_id}/{action}")

    def delete(self, tenant: str, collection: str, record_id: str) -> dict:
        return self.action(tenant, collection, record_id, "delete")

    def void(self, tenant: str, collection: str, record_id: str) -> dict:
        return self.action(tenant, collection, record_id, "void")

    def archive(self, tenant: str, collection: str, record_id: str) -> dict:
        return self.action(tenant, collection, record_id, "archive")

    # apps and OAuth
    def apps(self) -> list[dict]:
        return self._call("GET", "/apps")

    def register_app(self, client_id: str, **fields: Any) -> dict:
        """Register or update an app (client_secret, redirect_uris, webhook_url/_key, name)."""
        return self._call("POST", "/apps", {"client_id": client_id, **fields})

    def register_custom_connection(self, tenant: str = "uk", **fields: Any) -> dict:
        """A custom connection authorised for ``tenant`` (client_id/client_secret generated
        unless given; ``scopes`` defaults to invoices, payments, contacts, settings)."""
        return self._call("POST", "/custom-connections", {"tenant": tenant, **fields})

    def update_app(self, client_id: str, **fields: Any) -> dict:
        return self._call("PATCH", f"/apps/{client_id}", fields)

    def authorize(self, **body: Any) -> dict:
        return self._call("POST", "/authorize", body)

    def grants(self) -> list[dict]:
        return self._call("GET", "/grants")

    def expire_token(
        self,
        access_token: str | None = None,
        grant_id: str | None = None,
        client_id: str | None = None,
    ) -> int:
        """Expire matching access tokens now (all of them when no filter is given)."""
        return self._call(
            "POST",
            "/tokens/expire",
            {"access_token": access_token, "grant_id": grant_id, "client_id": client_id},
        )["expired"]

    def revoke_grant(
        self,
        grant_id: str | None = None,
        refresh_token: str | None = None,
        client_id: str | None = None,
    ) -> list[str]:
        """Revoke a grant as if the user disconnected the app in Xero (forces relink)."""
        return self._call(
            "POST",
            "/grants/revoke",
            {"grant_id": grant_id, "refresh_token": refresh_token, "client_id": client_id},
        )["revoked"]

    # limits, faults, clock, counters, webhooks
    def set_limits(
        self,
        minute: int | None = None,
        day: int | None = None,
        concurrent: int | None = None,
        app_minute: int | None = None,
    ) -> dict:
        body = {
            k: v
            for k, v in {
                "minute": minute,
                "day": day,
                "concurrent": concurrent,
                "app_minute": app_minute,
            }.items()
            if v is not None
        }
        return self._call("PUT", "/limits", body)

    def faults(self, rules: list[dict], seed: int = 0) -> dict:
        """Inject faults, e.g. ``[{"prefix": "/api.xro/2.0/Invoices", "error_503": 0.3}]``.

        Rule keys: prefix, error_500, error_503, rate_429, timeout (shares 0..1),
        timeout_seconds, slow (share), slow_ms, limit (max injected)."""
        return self._call("PUT", "/faults", {"rules": rules, "seed": seed})

    def clear_faults(self) -> dict:
        return self._call("DELETE", "/faults")

    def counters(self) -> dict:
        return self._call("GET", "/counters")

    def reset_counters(self) -> dict:
        return self._call("POST", "/counters/reset")

    def clock(
        self, advance: float | None = None, freeze: bool = False, reset: bool = False
    ) -> dict:
        return self._call("POST", "/clock", {"advance": advance, "freeze": freeze, "reset": reset})

    def advance_clock(self, seconds: float) -> dict:
        """Move the sandbox's time forward (token expiry, refresh grace, rate windows)."""
        return self.clock(advance=seconds)

    def deliveries(self) -> list[dict]:
        return self._call("GET", "/webhooks/deliveries")

    def flush_webhooks(self, timeout: float = 10, include_retries: bool = False) -> bool:
        return self._call(
            "POST", "/webhooks/flush", {"timeout": timeout, "include_retries": include_retries}
        )["flushed"]

    def webhook_config(self, **settings: Any) -> dict:
        """``retry_delays`` (seconds list), ``batch_window``, ``timeout``, ``enabled``."""
        return self._call("PUT", "/webhooks/config", settings)

    def intent_to_receive(self, client_id: str = DEMO_CLIENT_ID) -> dict:
        return self._call("POST", f"/apps/{client_id}/intent-to-receive")


class SandboxApi:
    """``requests`` bound to one access token and tenant, rooted at ``/api.xro/2.0/``."""

    def __init__(self, api_url: str, access_token: str, tenant_id: str) -> None:
        self.api_url = api_url
        self.http = requests.Session()
        self.http.headers.update(
            {
                "Authorization": f"Bearer {access_token}",
                "xero-tenant-id": tenant_id,
                "Accept": "application/json",
            }
        )

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        if "json" in kwargs:
            kwargs["data"] = json.dumps(kwargs.pop("json"), default=str)
            kwargs.setdefault("headers", {})["Content-Type"] = "application/json"
        return self.http.request(method, f"{self.api_url}/{path.lstrip('/')}", **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)


@dataclass
class XeroSandbox:
    """Handle on a running sandbox: URLs, the control plane and OAuth helpers."""

    base_url: str
    control: SandboxControl = field(init=False)
    tenants: dict[str, str] = field(init=False)  # "uk" | "us" | "au" -> TenantID
    tenant_names: dict[str, str] = field(init=False)  # "uk" -> "Demo Company (UK)"

    client_id: str = DEMO_CLIENT_ID
    client_secret: str = DEMO_CLIENT_SECRET
    redirect_uri: str = DEMO_REDIRECT_URI
    webhook_key: str = DEMO_WEBHOOK_KEY

    def __post_init__(self) -> None:
        self.control = SandboxControl(self.base_url)
        listing = self.control.tenants()
        self.tenants = {t["key"]: t["tenantId"] for t in listing}
        self.tenant_names = {t["key"]: t["name"] for t in listing}

    @property
    def authorize_url(self) -> str:
        return f"{self.base_url}/identity/connect/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/connect/token"

    @property
    def revocation_url(self) -> str:
        return f"{self.base_url}/connect/revocation"

    @property
    def connections_url(self) -> str:
        return f"{self.base_url}/connections"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api.xro/2.0"

    def tenant_id(self, tenant: str) -> str:
        """``"uk"`` or a TenantID -> TenantID."""
        return self.tenants.get(tenant, tenant)

    def authorize(
        self,
        client_id: str | None = None,
        redirect_uri: str | None = None,
        scope: str = DEFAULT_SCOPE,
        tenants: list[str] | None = None,
        state: str | None = None,
        code_challenge: str | None = None,
        code_challenge_method: str = "S256",
    ) -> str:
        """Consent non-interactively (as the demo user ticking ``tenants``); return the code."""
        body = {
            "client_id": client_id or self.client_id,
            "redirect_uri": redirect_uri or self.redirect_uri,
            "scope": scope,
            "tenants": tenants or list(TENANT_KEYS),
            "state": state,
        }
        if code_challenge:
            body.update(code_challenge=code_challenge, code_challenge_method=code_challenge_method)
        return self.control.authorize(**body)["code"]

    def token_request(
        self, data: dict, client_id: str | None = None, client_secret: str | None = None
    ) -> requests.Response:
        """POST ``/connect/token`` with HTTP Basic client auth (secret omitted if empty)."""
        cid = client_id or self.client_id
        secret = self.client_secret if client_secret is None else client_secret
        auth = (cid, secret) if secret else None
        if not secret:
            data = {**data, "client_id": cid}
        return requests.post(self.token_url, data=data, auth=auth, timeout=30)

    def exchange(
        self,
        code: str,
        code_verifier: str | None = None,
        redirect_uri: str | None = None,
        **client: Any,
    ) -> dict:
        """Trade an authorization code for tokens (raises on error)."""
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri or self.redirect_uri,
        }
        if code_verifier:
            data["code_verifier"] = code_verifier
        response = self.token_request(data, **client)
        assert response.status_code == 200, response.text
        return response.json()

    def refresh(self, refresh_token: str, **client: Any) -> requests.Response:
        return self.token_request(
            {"grant_type": "refresh_token", "refresh_token": refresh_token}, **client
        )

    def connect(
        self, tenants: list[str] | None = None, scope: str = DEFAULT_SCOPE, **kwargs: Any
    ) -> dict:
        """Authorize + exchange in one step; returns the token response."""
        code = self.authorize(tenants=tenants, scope=scope, **kwargs)
        return self.exchange(code)

    def client_credentials(
        self, client_id: str, client_secret: str, scope: str | None = None
    ) -> requests.Response:
        """A custom connection's token request (HTTP Basic client auth)."""
        data = {"grant_type": "client_credentials", **({"scope": scope} if scope else {})}
        return requests.post(self.token_url, data=data, auth=(client_id, client_secret), timeout=30)

    def connections(self, access_token: str) -> list[dict]:
        response = requests.get(
            self.connections_url, headers={"Authorization": f"Bearer {access_token}"}, timeout=30
        )
        assert response.status_code == 200, response.text
        return response.json()

    def api(self, access_token: str, tenant: str) -> SandboxApi:
        """An accounting API client for one tenant (``"uk"`` or a TenantID)."""
        return SandboxApi(self.api_url, access_token, self.tenant_id(tenant))


def _start(db_path: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    return start_sandbox_process("sandbox.xero", db_path, log_path)


@pytest.fixture(scope="session")
def xero_sandbox_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XeroSandbox]:
    """A sandbox process for the whole session (killed at the end, whatever happens)."""
    workdir = tmp_path_factory.mktemp("xero-sandbox")
    process, url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    try:
        yield XeroSandbox(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def xero_sandbox(xero_sandbox_server: XeroSandbox) -> XeroSandbox:
    """The session sandbox, reset to the clean demo state for this test."""
    xero_sandbox_server.control.reset()
    return xero_sandbox_server


@dataclass
class WebhookReceiver:
    """Records POSTs; answers 200 for a valid ``x-xero-signature``, 401 otherwise."""

    url: str
    key: str
    requests: list[dict] = field(default_factory=list)
    force_status: list[int] = field(default_factory=list)  # statuses to answer first, in order

    def valid(self) -> list[dict]:
        return [r for r in self.requests if r["valid"]]

    def events(self) -> list[dict]:
        return [e for r in self.valid() for e in json.loads(r["body"])["events"]]

    def wait_for(self, count: int, timeout: float = 10) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.requests) < count:
            time.sleep(0.02)
        return self.requests


@pytest.fixture
def xero_webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver(url="", key=DEMO_WEBHOOK_KEY)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            expected = base64.b64encode(
                hmac.new(receiver.key.encode(), body, hashlib.sha256).digest()
            ).decode()
            valid = hmac.compare_digest(expected, self.headers.get("x-xero-signature", ""))
            with lock:
                forced = receiver.force_status.pop(0) if receiver.force_status else None
                receiver.requests.append(
                    {
                        "body": body.decode(),
                        "signature": self.headers.get("x-xero-signature"),
                        "valid": valid,
                        "answered": forced,
                    }
                )
            status = forced or (200 if valid else 401)
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_port}/webhooks/xero"
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
