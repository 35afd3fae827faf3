"""Abuse of the API: throttling, oversized and chunked bodies, Idempotency-Key misuse, API key
guessing, and the security headers every response carries."""

from __future__ import annotations

import http.client
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import requests
from django.test import override_settings
from rest_framework.test import APIClient

from gateway.customers.services import issue_api_key
from gateway.records.models import Record
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account, seed_store

pytestmark = pytest.mark.django_db

INVOICE = {"type": "ACCOUNTS_RECEIVABLE", "memo": "abuse"}


def client_for(key: str, account=None) -> APIClient:
    client = APIClient()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if account is not None:
        headers["HTTP_X_LINKED_ACCOUNT"] = str(account.id)
    client.credentials(**headers)
    return client


def assert_envelope(response, status: int, error_type: str) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    error = response.json()["error"]
    assert error["type"] == error_type, error
    assert error["request_id"] == response["X-Request-ID"]
    return error


def invoice_body(account) -> dict:
    contact = Record.objects.filter(linked_account=account, model="contact").first()
    return {**INVOICE, "contact": str(contact.id)}


# -- throttling ------------------------------------------------------------------------------


def _redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(_redis_url(), socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def throttle_cache(request, monkeypatch):
    """The throttle at 3 requests a minute, counted in a private namespace of the cache."""
    from gateway.customers.throttling import ApiKeyRateThrottle

    prefix = f"hardening-{uuid.uuid4().hex}"
    if request.param == "redis":
        if not _redis_reachable():
            if os.environ.get("CI", "").lower() == "true":
                pytest.fail(f"Redis at {_redis_url()} is required under CI")
            pytest.skip("no Redis here")
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url(),
            "KEY_PREFIX": prefix,
        }
    else:
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", {"api_key": "3/min"})
    with override_settings(CACHES={"default": backend}):
        yield request.param, prefix
        from django.core.cache import cache

        cache.clear() if request.param == "locmem" else _drop_redis_prefix(prefix)


def _drop_redis_prefix(prefix: str) -> None:
    import redis

    conn = redis.Redis.from_url(_redis_url())
    for name in conn.scan_iter(f"{prefix}:*"):
        conn.delete(name)


def test_throttle_is_per_api_key_with_429_and_retry_after(throttle_cache):
    kind, prefix = throttle_cache
    customer, key = make_customer("Throttled Co")
    _, second_key = issue_api_key(customer, "second")
    _, other_key = make_customer("Neighbour Co")
    first = client_for(key)
    assert [first.get("/v1/providers").status_code for _ in range(3)] == [200, 200, 200]
    response = first.get("/v1/providers")
    assert_envelope(response, 429, "rate_limited")
    # A sliding window takes the previous minute's count as spread evenly over it, so one more
    # call can wait up to a minute plus 60/rate seconds (here 20), never longer.
    assert 1 <= int(response["Retry-After"]) <= 60 + 20
    # Every route of the key is throttled, whatever it costs; other keys are not.
    assert first.get("/v1/linked-accounts").status_code == 429
    assert client_for(second_key).get("/v1/providers").status_code == 200
    assert client_for(other_key).get("/v1/providers").status_code == 200
    if kind == "redis":
        # The history lives in Redis, which every gateway process shares.
        import redis

        names = list(redis.Redis.from_url(_redis_url()).scan_iter(f"{prefix}:*throttle_api_key_*"))
        assert len(names) == 3


def test_unauthenticated_requests_are_refused_before_the_throttle(throttle_cache):
    client = APIClient()
    statuses = {client.get("/v1/providers").status_code for _ in range(5)}
    assert statuses == {401}


# -- request bodies ----------------------------------------------------------------------------


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=2_000)
def test_oversized_bodies_are_refused_before_anything_is_written(account_client, fake_provider):
    body = {**invoice_body(account_client.account), "memo": "x" * 3_000}
    before = Record.objects.count()
    response = account_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert_envelope(response, 413, "payload_too_large")
    assert response["Cache-Control"] == "no-store"
    assert fake_provider.calls == []
    assert Record.objects.count() == before
    # Refused before authentication too: no parser ever reads it.
    anonymous = APIClient().post("/v1/invoices", body, format="json")
    assert_envelope(anonymous, 413, "payload_too_large")
    # Under the limit the same call works.
    small = {**body, "memo": "x" * 100}
    assert account_client.post("/v1/invoices", small, format="json").status_code == 201


def _raw_request(live_server, method: str, path: str, headers: dict, body: bytes | None = None):
    parts = urlsplit(live_server.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest(method, path)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        if body is not None:
            conn.send(body)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _chunked(data: bytes, size: int = 4096) -> bytes:
    out = b""
    for start in range(0, len(data), size):
        piece = data[start : start + size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    return out + b"0\r\n\r\n"


@pytest.mark.django_db(transaction=True)
def test_chunked_bodies_without_content_length_are_refused(live_server, fake_provider, settings):
    import json

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2_000
    customer, key = make_customer("Chunky Co")
    account = make_linked_account(customer)
    seed_store(account, contacts=1, invoices=0, payments=0)
    headers = {
        "Authorization": f"Bearer {key}",
        "X-Linked-Account": str(account.id),
        "Content-Type": "application/json",
        "Transfer-Encoding": "chunked",
    }
    for size in (10, 50_000):  # small or over the limit: no length, no body
        payload = json.dumps({**invoice_body(account), "memo": "x" * size}).encode()
        status, _, raw = _raw_request(
            live_server, "POST", "/v1/invoices", headers, _chunked(payload)
        )
        assert status == 411, raw
        assert json.loads(raw)["error"]["type"] == "length_required"
    assert fake_provider.calls == []
    assert not Record.objects.filter(linked_account=account, model="invoice").exists()


@pytest.mark.django_db(transaction=True)
def test_lying_or_negative_content_length_is_a_client_error(live_server, fake_provider):
    customer, key = make_customer("Liar Co")
    account = make_linked_account(customer)
    base = {
        "Authorization": f"Bearer {key}",
        "X-Linked-Account": str(account.id),
        "Content-Type": "application/json",
    }
    body = b'{"type": "ACCOUNTS_RECEIVABLE", "memo": "' + b"x" * 500 + b'"}'
    status, _, _ = _raw_request(
        live_server, "POST", "/v1/invoices", {**base, "Content-Length": "-1"}, body
    )
    assert status == 400
    # Declares 10 bytes, sends more: only the 10 are read, and they are not JSON.
    status, _, raw = _raw_request(
        live_server, "POST", "/v1/invoices", {**base, "Content-Length": "10"}, body
    )
    assert status == 400, raw
    assert fake_provider.calls == []


# -- Idempotency-Key ---------------------------------------------------------------------------


def test_idempotency_key_length_is_bounded(account_client, fake_provider):
    body = invoice_body(account_client.account)
    for key in ("", "k" * 256, "k" * 10_000):
        response = account_client.post(
            "/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY=key
        )
        error = assert_envelope(response, 400, "validation_error")
        assert error["details"] == [{"field": "Idempotency-Key", "message": "1 to 255 characters."}]
    assert fake_provider.calls == []
    ok = account_client.post("/v1/invoices", body, format="json", HTTP_IDEMPOTENCY_KEY="k" * 255)
    assert ok.status_code == 201


def test_the_same_key_of_another_customer_never_replays_its_response(fake_provider):
    alice, alice_key = make_customer("Alice Co")
    bob, bob_key = make_customer("Bob Co")
    alice_account, bob_account = make_linked_account(alice), make_linked_account(bob)
    for account in (alice_account, bob_account):
        seed_store(account, contacts=1, invoices=0, payments=0)
    alice_client = client_for(alice_key, alice_account)
    bob_client = client_for(bob_key, bob_account)
    first = alice_client.post(
        "/v1/invoices", invoice_body(alice_account), format="json", HTTP_IDEMPOTENCY_KEY="order-1"
    )
    assert first.status_code == 201
    again = bob_client.post(
        "/v1/invoices", invoice_body(bob_account), format="json", HTTP_IDEMPOTENCY_KEY="order-1"
    )
    assert again.status_code == 201, again.content
    assert "Idempotent-Replayed" not in again
    assert again.json()["id"] != first.json()["id"]
    assert str(alice_account.id) not in again.content.decode()
    assert Record.objects.get(id=again.json()["id"]).linked_account_id == bob_account.id
    assert [c for c in fake_provider.calls if c[0] == "create"] == [("create", "invoice")] * 2
    # Bob's own retry replays Bob's response.
    replay = bob_client.post(
        "/v1/invoices", invoice_body(bob_account), format="json", HTTP_IDEMPOTENCY_KEY="order-1"
    )
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json()["id"] == again.json()["id"]


def test_the_same_key_on_another_linked_account_is_a_conflict_not_a_replay(fake_provider):
    customer, key = make_customer("Two Orgs Co")
    first_account, second_account = make_linked_account(customer), make_linked_account(customer)
    for account in (first_account, second_account):
        seed_store(account, contacts=1, invoices=0, payments=0)
    first = client_for(key, first_account).post(
        "/v1/invoices", invoice_body(first_account), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert first.status_code == 201
    second = client_for(key, second_account).post(
        "/v1/invoices", invoice_body(second_account), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    assert_envelope(second, 409, "conflict")
    assert str(first_account.id) not in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_key_write_once(live_server, fake_provider):
    customer, key = make_customer("Racy Co")
    account = make_linked_account(customer)
    seed_store(account, contacts=1, invoices=0, payments=0)
    body = invoice_body(account)
    headers = {
        "Authorization": f"Bearer {key}",
        "X-Linked-Account": str(account.id),
        "Idempotency-Key": "race-1",
    }
    start = threading.Barrier(6)

    def post(_):
        start.wait(timeout=10)
        return requests.post(
            f"{live_server.url}/v1/invoices", json=body, headers=headers, timeout=30
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(post, range(6)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, [(r.status_code, r.text) for r in responses]
    assert 201 in statuses
    for response in responses:
        if response.status_code == 409:
            assert response.json()["error"]["type"] == "conflict"
    assert len({r.json()["id"] for r in responses if r.status_code == 201}) == 1
    assert [c for c in fake_provider.calls if c[0] == "create"] == [("create", "invoice")]
    assert Record.objects.filter(linked_account=account, model="invoice").count() == 1


# -- API keys ----------------------------------------------------------------------------------


def _one_off(key: str, index: int) -> str:
    char = key[index]
    replacement = "A" if char != "A" else "B"
    return key[:index] + replacement + key[index + 1 :]


def test_a_key_differing_in_one_character_is_refused(customer_with_key, monkeypatch):
    import hmac

    from gateway.customers import authentication

    _, key = customer_with_key
    compared = []
    real = hmac.compare_digest
    monkeypatch.setattr(
        authentication.hmac, "compare_digest", lambda a, b: compared.append(1) or real(a, b)
    )
    assert client_for(key).get("/v1/providers").status_code == 200
    assert compared, "the final check is hmac.compare_digest"
    variants = [_one_off(key, i) for i in (len("llk_"), len("llk_") + 3, len(key) // 2, -1)]
    variants += [key[:-1], key + "A", key.upper(), key.swapcase(), f" {key}x"]
    for variant in variants:
        assert variant != key
        response = client_for(variant).get("/v1/providers")
        error = assert_envelope(response, 401, "authentication_error")
        assert error["message"] in {"Invalid API key.", "Use 'Authorization: Bearer <api key>'."}


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic bGxrOng=",
        "Token llk_abcdefgh_xxxxxxxxxxxxxxxxxxxxxxxx",
        "Bearer " + "llk_" + "a" * 5_000,
        "Bearer llk_\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9_xxxxxxxxxxxxxxxxxxxxxxx",
    ],
)
def test_malformed_authorization_is_401(header, db):
    response = APIClient().get("/v1/providers", HTTP_AUTHORIZATION=header)
    assert_envelope(response, 401, "authentication_error")


# -- security headers on API responses ---------------------------------------------------------


def test_api_responses_are_not_cached_or_sniffed(account_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    calls = [
        account_client.post(
            "/v1/link-tokens",
            {"end_user_id": "u1", "redirect_url": "https://app.example.com/integrations/done"},
            format="json",
        ),
        account_client.post(
            "/v1/webhook-endpoints", {"url": "https://hooks.example.com/in"}, format="json"
        ),
        account_client.get("/v1/webhook-endpoints"),
        account_client.get("/v1/invoices"),
        account_client.get("/v1/no-such-route"),
        APIClient().get("/v1/providers"),
    ]
    assert [r.status_code for r in calls] == [201, 201, 200, 200, 404, 401]
    assert calls[0].json()["link_token"] and calls[1].json()["secret"]
    endpoint_id = calls[1].json()["id"]
    rotated = account_client.patch(
        f"/v1/webhook-endpoints/{endpoint_id}", {"rotate_secret": True}, format="json"
    )
    assert rotated.json()["secret"]
    for response in [*calls, rotated]:
        assert response["Cache-Control"] == "no-store", response.request["PATH_INFO"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"].startswith("application/json")


def test_hosted_pages_keep_their_own_headers(authed_client, client):
    token = authed_client.post(
        "/v1/link-tokens",
        {"end_user_id": "u1", "redirect_url": "https://app.example.com/integrations/done"},
        format="json",
    ).json()["link_token"]
    pages = [
        client.get(f"/connect/{token}"),
        client.get("/connect/lt_" + "x" * 43),  # unknown token: the error page
        client.get("/connect/callback?state=forged&code=x"),
        client.get(f"/connect/s/{uuid.uuid4()}/result"),
    ]
    assert [p.status_code for p in pages] == [200, 404, 400, 404]
    for page in pages:
        csp = page["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert page["Referrer-Policy"] == "no-referrer"
        assert page["X-Content-Type-Options"] == "nosniff"
        assert page["X-Frame-Options"] == "DENY"
        assert page["Cache-Control"] == "no-store"
