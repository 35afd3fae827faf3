"""API keys: random, hashed at rest, revocable, several per customer."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from gateway.customers.keys import generate_key, hash_key
from gateway.customers.models import ApiKey, Customer
from gateway.customers.services import issue_api_key

pytestmark = pytest.mark.django_db

KEY_RE = re.compile(r"llk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}")


def test_keys_have_at_least_128_bits_and_differ():
    keys = {generate_key().plaintext for _ in range(200)}
    assert len(keys) == 200
    for key in keys:
        assert KEY_RE.fullmatch(key)  # 32 random bytes = 256 bits of secret


def test_create_customer_prints_key_once_and_stores_only_its_hash():
    out = StringIO()
    call_command(
        "create_customer", "Globex", "--redirect-url", "https://globex.test/done", stdout=out
    )
    key = KEY_RE.search(out.getvalue()).group(0)
    customer = Customer.objects.get(name="Globex")
    assert customer.redirect_urls == ["https://globex.test/done"]
    stored = ApiKey.objects.get(customer=customer)
    assert stored.hashed_key == hash_key(key)
    # The plaintext appears nowhere in the database.
    with connection.cursor() as cursor:
        for table in ("customers_apikey", "customers_customer"):
            cursor.execute(f"SELECT * FROM {table}")
            dump = repr(cursor.fetchall())
            assert key not in dump
            assert key.split("_", 2)[2] not in dump


def test_key_authenticates_then_revocation_stops_it(client):
    out = StringIO()
    call_command("create_customer", "Initech", "--key-only", stdout=out)
    key = out.getvalue().strip()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/v1/providers", **auth).status_code == 200
    prefix = key.split("_")[1]
    call_command("revoke_api_key", prefix, stdout=StringIO())
    response = client.get("/v1/providers", **auth)
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"


def test_several_keys_per_customer(client, customer_with_key):
    customer, first = customer_with_key
    _, second = issue_api_key(customer, name="ci")
    out = StringIO()
    call_command("create_api_key", customer.name, stdout=out)
    third = out.getvalue().strip()
    for key in (first, second, third):
        assert client.get("/v1/providers", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert customer.api_keys.count() == 3


def test_last_used_is_recorded(client, customer_with_key):
    customer, key = customer_with_key
    client.get("/v1/providers", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert customer.api_keys.get().last_used_at is not None


def test_admin_shows_only_prefixes(admin_client, customer_with_key):
    customer, key = customer_with_key
    page = admin_client.get(f"/admin/customers/customer/{customer.pk}/change/").content.decode()
    assert customer.api_keys.get().prefix in page
    assert key not in page
    assert customer.api_keys.get().hashed_key not in page
    listing = admin_client.get("/admin/customers/apikey/").content.decode()
    assert key not in listing and customer.api_keys.get().hashed_key not in listing


def test_key_cache_skips_the_database_and_revocation_clears_it(
    client, customer_with_key, settings, django_assert_num_queries
):
    from gateway.customers import key_cache

    settings.API_KEY_CACHE_SECONDS = 60
    key_cache.clear()
    customer, key = customer_with_key
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/v1/providers", **auth).status_code == 200  # reads and caches the key
    with django_assert_num_queries(0):
        assert client.get("/v1/providers", **auth).status_code == 200
    customer.api_keys.get().revoke()
    assert client.get("/v1/providers", **auth).status_code == 401
    key_cache.clear()


def test_repeated_invalid_keys_are_slowed_down_per_client(client, customer_with_key, settings):
    from django.core.cache import cache

    cache.clear()
    settings.AUTH_FAILURE_LIMIT = 3
    wrong = {"HTTP_AUTHORIZATION": "Bearer llk_00000000_" + "x" * 43}
    assert [client.get("/v1/providers", **wrong).status_code for _ in range(3)] == [401] * 3
    blocked = client.get("/v1/providers", **wrong)
    assert blocked.status_code == 429
    assert blocked.json()["error"]["type"] == "rate_limited"
    assert int(blocked["Retry-After"]) == 60
    # Another client address is not affected, and a good key from it works.
    _, key = customer_with_key
    other = {"REMOTE_ADDR": "10.9.8.7", "HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert client.get("/v1/providers", **other).status_code == 200
    cache.clear()
