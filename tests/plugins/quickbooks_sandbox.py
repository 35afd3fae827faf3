"""pytest plugin: the QuickBooks Online sandbox as a fixture (the one way tests use it).

Enabled in ``tests/conftest.py``.

Fixtures
--------
``quickbooks_sandbox_server`` (session)
    Starts ``python -m sandbox.quickbooks --port 0`` on a temporary database and kills it at
    session end. Yields a :class:`QuickBooksSandbox`.
``quickbooks_sandbox`` (function)
    The same handle after ``control.reset()``: fresh demo books, no tokens, the demo app only,
    default limits, no faults, zeroed counters, real time.

Typical use::

    def test_read(quickbooks_sandbox):
        tokens, realm = quickbooks_sandbox.connect("us")       # consent + code exchange
        api = quickbooks_sandbox.api(tokens["access_token"], realm)
        invoices = api.query("SELECT * FROM Invoice")["QueryResponse"]["Invoice"]
        quickbooks_sandbox.control.edit("us", "Invoice", "3", PrivateNote="changed")
        quickbooks_sandbox.control.set_limits(minute=5)

``provider_settings()`` gives what ``connectors.quickbooks.QuickBooksProvider`` needs to talk
to it (authorize/token/revoke/api URLs and the demo app's credentials).
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.plugins.processes import start_sandbox_process

ROOT = Path(__file__).resolve().parents[2]
DEMO_CLIENT_ID = "ledgerlink-qbo-demo"
DEMO_CLIENT_SECRET = "qbo-demo-secret-not-for-production-0000"
DEMO_REDIRECT_URI = "http://127.0.0.1:8000/connect/callback"
SCOPE = "com.intuit.quickbooks.accounting"
DEMO_VERIFIER_TOKEN = "qbo-demo-verifier-token-not-for-production-0000"


class QuickBooksControl:
    """A small client for the control plane (``/_sandbox/``)."""

    def __init__(self, base_url: str) -> None:
        self.base = f"{base_url}/_sandbox"
        self.http = requests.Session()

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        response = self.http.request(method, f"{self.base}{path}", json=body, timeout=60)
        if response.status_code >= 400:
            raise AssertionError(
                f"control plane {method} {path}: {response.status_code} {response.text}"
            )
        return response.json()

    def reset(
        self, invoices: int = 0, realm: str = "us", documents: dict[str, int] | None = None
    ) -> dict:
        """Clean demo books (+ ``invoices`` bulk invoices for ``realm``, and ``documents``:
        bulk counts of ``credit_notes``, ``purchase_orders``, ``manual_journals``,
        ``bank_transactions``, ``expenses``, ``bank_transfers``), tokens dropped."""
        return self._call(
            "POST", "/reset", {"invoices": invoices, "realm": realm, "documents": documents or {}}
        )

    def companies(self) -> list[dict]:
        return self._call("GET", "/companies")

    def apps(self) -> list[dict]:
        return self._call("GET", "/apps")

    def update_app(self, client_id: str, **fields: Any) -> dict:
        return self._call("PATCH", f"/apps/{client_id}", fields)

    def authorize(self, **body: Any) -> dict:
        return self._call("POST", "/authorize", body)

    def grants(self) -> list[dict]:
        return self._call("GET", "/grants")

    def revoke_grant(self, grant_id: str | None = None, client_id: str | None = None) -> list:
        """As if the user disconnected the app in QuickBooks (forces a relink)."""
        return self._call("POST", "/grants/revoke", {"grant_id": grant_id, "client_id": client_id})[
            "revoked"
        ]

    def expire_token(self, access_token: str | None = None) -> int:
        """Expire one access token now (all of them without an argument)."""
        return self._call("POST", "/tokens/expire", {"access_token": access_token})["expired"]

    def set_limits(
        self,
        minute: int | None = None,
        concurrent: int | None = None,
        batch_minute: int | None = None,
    ) -> dict:
        return self._call(
            "PUT",
            "/limits",
            {"minute": minute, "concurrent": concurrent, "batch_minute": batch_minute},
        )

    def faults(self, rules: list[dict]) -> dict:
        """``[{"prefix": "/v3/company", "status": 503, "times": 2, "delay_ms": 0}]``."""
        return self._call("PUT", "/faults", {"rules": rules})

    def clear_faults(self) -> dict:
        return self._call("DELETE", "/faults")

    def counters(self) -> dict:
        return self._call("GET", "/counters")

    def reset_counters(self) -> dict:
        return self._call("POST", "/counters/reset")

    def advance_clock(self, seconds: float) -> dict:
        return self._call("POST", "/clock", {"advance": seconds})

    def records(self, company: str, entity: str) -> list[dict]:
        return self._call("GET", f"/companies/{company}/{entity}")

    def create(self, company: str, entity: str, **fields: Any) -> dict:
        return self._call("POST", f"/companies/{company}/{entity}", fields)

    def edit(self, company: str, entity: str, entity_id: str, **fields: Any) -> dict:
        """Change fields as a QuickBooks user (SyncToken and LastUpdatedTime move on)."""
        return self._call("PATCH", f"/companies/{company}/{entity}/{entity_id}", fields)

    def void(self, company: str, entity: str, entity_id: str) -> dict:
        return self._call("POST", f"/companies/{company}/{entity}/{entity_id}/void")

    def delete(self, company: str, entity: str, entity_id: str) -> dict:
        return self._call("POST", f"/companies/{company}/{entity}/{entity_id}/delete")

    # webhooks
    def set_webhook(
        self,
        url: str | None,
        webhook_format: str | None = None,
        client_id: str = DEMO_CLIENT_ID,
        **fields: Any,
    ) -> dict:
        """Register (or, with None, remove) the app's webhook endpoint; ``webhook_format``
        ``classic`` or ``cloudevents``; ``webhook_verifier_token=`` to change the token."""
        if webhook_format is not None:
            fields["webhook_format"] = webhook_format
        return self.update_app(client_id, webhook_url=url, **fields)

    def deliveries(self) -> list[dict]:
        return self._call("GET", "/webhooks/deliveries")

    def flush_webhooks(self, timeout: float = 10, include_retries: bool = False) -> bool:
        body = {"timeout": timeout, "include_retries": include_retries}
        return self._call("POST", "/webhooks/flush", body)["flushed"]

    def webhook_config(self, **settings: Any) -> dict:
        """``retry_delays``, ``batch_window``, ``max_entities``, ``enabled``, ``timeout`` (until
        a reset)."""
        return self._call("PUT", "/webhooks/config", settings)


class QuickBooksApi:
    """``requests`` bound to one access token and company, rooted at ``/v3/company/{realm}``."""

    def __init__(self, base: str, access_token: str, realm: str) -> None:
        self.base = f"{base}/v3/company/{realm}"
        self.http = requests.Session()
        self.http.headers.update(
            {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
        )

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 30)
        return self.http.get(f"{self.base}/{path.lstrip('/')}", **kwargs)

    def query(self, statement: str) -> dict:
        response = self.get("query", params={"query": statement, "minorversion": 75})
        assert response.status_code == 200, response.text
        return response.json()


@dataclass
class QuickBooksSandbox:
    """Handle on a running sandbox: URLs, the control plane and OAuth helpers."""

    base_url: str
    control: QuickBooksControl = field(init=False)
    realms: dict[str, str] = field(init=False)  # "us" | "uk" -> realmId
    names: dict[str, str] = field(init=False)  # "us" -> company name

    client_id: str = DEMO_CLIENT_ID
    client_secret: str = DEMO_CLIENT_SECRET
    redirect_uri: str = DEMO_REDIRECT_URI
    webhook_verifier_token: str = DEMO_VERIFIER_TOKEN

    def __post_init__(self) -> None:
        self.control = QuickBooksControl(self.base_url)
        listing = self.control.companies()
        self.realms = {c["key"]: c["realmId"] for c in listing}
        self.names = {c["key"]: c["name"] for c in listing}

    @property
    def authorize_url(self) -> str:
        return f"{self.base_url}/connect/oauth2"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/oauth2/v1/tokens/bearer"

    @property
    def revoke_url(self) -> str:
        return f"{self.base_url}/v2/oauth2/tokens/revoke"

    @property
    def api_url(self) -> str:
        """The provider's ``api_url`` setting (``{tenant_id}`` is the realmId)."""
        return f"{self.base_url}/v3/company/{{tenant_id}}"

    def realm(self, company: str) -> str:
        """``"us"`` or a realmId → realmId."""
        return self.realms.get(company, company)

    def provider_settings(self, **extra: Any) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "authorize_url": self.authorize_url,
            "token_url": self.token_url,
            "revoke_url": self.revoke_url,
            "api_url": self.api_url,
            "webhook_verifier_token": self.webhook_verifier_token,
            "http": {"backoff_initial": 0.01, "backoff_max": 0.05, "read_timeout": 10},
            **extra,
        }

    def authorize(self, company: str = "us", **body: Any) -> dict:
        """Consent non-interactively: ``{"code", "realmId", "redirect_url"}`` (a
        ``code_challenge`` is S256 unless ``code_challenge_method`` says otherwise)."""
        if body.get("code_challenge"):
            body.setdefault("code_challenge_method", "S256")
        return self.control.authorize(
            client_id=body.pop("client_id", self.client_id),
            redirect_uri=body.pop("redirect_uri", self.redirect_uri),
            realm=company,
            **body,
        )

    def token_request(self, data: dict) -> requests.Response:
        return requests.post(
            self.token_url, data=data, auth=(self.client_id, self.client_secret), timeout=30
        )

    def exchange(self, code: str, redirect_uri: str | None = None, **extra: str) -> dict:
        response = self.token_request(
            {
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": redirect_uri or self.redirect_uri,
                **extra,
            }
        )
        assert response.status_code == 200, response.text
        return response.json()

    def refresh(self, refresh_token: str) -> requests.Response:
        return self.token_request({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def connect(self, company: str = "us") -> tuple[dict, str]:
        """Consent + code exchange: (token response, realmId)."""
        consent = self.authorize(company)
        return self.exchange(consent["code"]), consent["realmId"]

    def api(self, access_token: str, company: str = "us") -> QuickBooksApi:
        return QuickBooksApi(self.base_url, access_token, self.realm(company))


def _start(db_path: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    return start_sandbox_process("sandbox.quickbooks", db_path, log_path)


@pytest.fixture(scope="session")
def quickbooks_sandbox_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[QuickBooksSandbox]:
    """A sandbox process for the whole session (killed at the end, whatever happens)."""
    workdir = tmp_path_factory.mktemp("quickbooks-sandbox")
    process, url = _start(workdir / "sandbox.sqlite3", workdir / "sandbox.log")
    try:
        yield QuickBooksSandbox(url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture
def quickbooks_sandbox(quickbooks_sandbox_server: QuickBooksSandbox) -> QuickBooksSandbox:
    """The session sandbox, reset to the clean demo state for this test."""
    quickbooks_sandbox_server.control.reset()
    return quickbooks_sandbox_server
