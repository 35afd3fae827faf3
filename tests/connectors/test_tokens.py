"""Refresh under the credential lock: never races, saves before use, gives up on invalid_grant."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from connectors.credentials import Credentials, InMemoryCredentialStore
from connectors.errors import ProviderUnavailable, RelinkRequired

from .conftest import TENANT, fresh_credentials
from .fakes import Reply, Request

API = "/api.xro/2.0"


def ok_invoice(req: Request) -> Reply:
    return Reply(200, {"Invoices": [{"InvoiceID": "i", "Type": "ACCREC"}]})


def test_twenty_threads_with_an_expired_token_refresh_exactly_once(fake, provider, token_endpoint):
    valid = token_endpoint.valid_access

    def api(req: Request) -> Reply:
        token = req.headers["authorization"].removeprefix("Bearer ")
        if token not in valid or token == "a0":
            return Reply(401, {"Detail": "TokenExpired"})
        return ok_invoice(req)

    fake.route("GET", f"{API}/Invoices/i", api)
    store = InMemoryCredentialStore(fresh_credentials(minutes=-5))  # already expired
    barrier = threading.Barrier(20)
    errors: list[BaseException] = []
    results: list[str] = []

    def worker() -> None:
        conn = provider.connect(store, TENANT)  # each worker its own connector, as tasks do
        barrier.wait()
        try:
            results.append(conn.get("invoice", "i").remote_id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert results == ["i"] * 20
    assert token_endpoint.refresh_calls == 1
    assert store.saves == 1 and not store.relink_required
    assert store.load().refresh_token == "r1"


def test_refresh_before_expiry_uses_leeway(fake, provider, token_endpoint):
    fake.route("GET", f"{API}/Invoices/i", ok_invoice)
    store = InMemoryCredentialStore(fresh_credentials(minutes=1))  # inside the 120 s leeway
    provider.connect(store, TENANT).get("invoice", "i")
    assert token_endpoint.refresh_calls == 1
    auth = [r.headers["authorization"] for r in fake.calls(API)]
    assert auth == ["Bearer a1"]


def test_short_lived_tokens_are_not_refreshed_on_every_call(fake, provider, token_endpoint):
    """With 60-second tokens a 120 s leeway would make every token look about to expire."""
    token_endpoint.expires_in = 60
    fake.route("GET", f"{API}/Invoices/i", ok_invoice)
    store = InMemoryCredentialStore(fresh_credentials(minutes=-1))  # expired: one refresh
    for _ in range(10):  # a connector per call, as API requests and tasks make them
        provider.connect(store, TENANT).get("invoice", "i")
    assert token_endpoint.refresh_calls == 1
    assert len(fake.calls(API)) == 10


def test_the_leeway_is_capped_at_a_fraction_of_the_token_lifetime(fake, provider, token_endpoint):
    fake.route("GET", f"{API}/Invoices/i", ok_invoice)
    now = datetime.now(UTC)
    issued = Credentials(
        access_token="a0",
        refresh_token="r0",
        issued_at=now - timedelta(seconds=10),
        expires_at=now + timedelta(seconds=50),  # a 60 s token, 50 s left
    )
    store = InMemoryCredentialStore(issued)
    for _ in range(10):
        provider.connect(store, TENANT).get("invoice", "i")
    assert token_endpoint.refresh_calls == 0
    nearly_spent = issued.replace(  # 5 s of 60 left: inside the capped leeway (15 s)
        issued_at=now - timedelta(seconds=55), expires_at=now + timedelta(seconds=5)
    )
    store.save(nearly_spent)
    provider.connect(store, TENANT).get("invoice", "i")
    assert token_endpoint.refresh_calls == 1


def test_someone_elses_refresh_is_reused(fake, provider, token_endpoint):
    fake.route("GET", f"{API}/Invoices/i", ok_invoice)
    store = InMemoryCredentialStore(fresh_credentials(minutes=-1))
    conn = provider.connect(store, TENANT)
    conn.tokens._current = store.load()  # this worker loaded the stale pair earlier
    store.save(fresh_credentials("other-access", "other-refresh"))  # another worker refreshed
    conn.get("invoice", "i")
    assert token_endpoint.refresh_calls == 0
    assert fake.calls(API)[0].headers["authorization"] == "Bearer other-access"


class RecordingStore(InMemoryCredentialStore):
    def __init__(self, creds, events):
        super().__init__(creds)
        self.events = events

    @contextmanager
    def _locked(self):
        with super()._locked() as creds:
            self.events.append("lock")
            yield creds
            self.events.append("unlock")

    def save(self, credentials):
        self.events.append(f"save {credentials.access_token}")
        super().save(credentials)


def test_new_pair_is_saved_inside_the_lock_before_use(fake, provider, token_endpoint):
    events: list[str] = []

    def api(req: Request) -> Reply:
        events.append(f"use {req.headers['authorization'].removeprefix('Bearer ')}")
        return ok_invoice(req)

    fake.route("GET", f"{API}/Invoices/i", api)
    store = RecordingStore(fresh_credentials(minutes=-1), events)
    provider.connect(store, TENANT).get("invoice", "i")
    assert events == ["lock", "save a1", "unlock", "use a1"]


def test_invalid_grant_marks_relink_and_stops(fake, provider, token_endpoint):
    fake.route("GET", f"{API}/Invoices/i", ok_invoice)
    store = InMemoryCredentialStore(fresh_credentials("a0", "revoked", minutes=-1))
    with pytest.raises(RelinkRequired):
        provider.connect(store, TENANT).get("invoice", "i")
    assert token_endpoint.refresh_calls == 1
    assert store.relink_required and "invalid_grant" in store.relink_reason
    assert store.saves == 0
    assert fake.calls(API) == []


def test_transient_token_endpoint_failure_is_retried(fake, provider, token_endpoint):
    fake.route("GET", f"{API}/Invoices/i", ok_invoice)
    token_endpoint.fail_next = [Reply(503, "down"), Reply(502, "down")]
    store = InMemoryCredentialStore(fresh_credentials(minutes=-1))
    conn = provider.connect(store, TENANT)
    conn.tokens._wait = lambda *_: 0  # no backoff in tests
    conn.get("invoice", "i")
    assert store.load().access_token == "a1"


def test_token_endpoint_down_is_unavailable_not_relink(fake, provider, token_endpoint):
    token_endpoint.fail_next = [Reply(503, "down")] * 5
    store = InMemoryCredentialStore(fresh_credentials(minutes=-1))
    conn = provider.connect(store, TENANT)
    conn.tokens._wait = lambda *_: 0
    with pytest.raises(ProviderUnavailable):
        conn.get("invoice", "i")
    assert not store.relink_required


def test_credentials_repr_hides_secrets():
    creds = fresh_credentials("secret-access", "secret-refresh")
    creds = creds.replace(extra={"id_token": "secret-id"})
    assert "secret" not in repr(creds)
