"""The invalid-key limiter: keyed on an address the client cannot choose, and it limits
failures only (a valid key is never refused because other keys failed from its address)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from gateway.customers import key_cache
from tests.factories import make_customer

pytestmark = pytest.mark.django_db

WRONG = "Bearer llk_00000000_" + "x" * 43
LIMIT = 3


@pytest.fixture(autouse=True)
def limiter(settings):
    cache.clear()
    key_cache.clear()
    settings.AUTH_FAILURE_LIMIT = LIMIT
    settings.TRUSTED_PROXY_COUNT = 0
    yield
    cache.clear()
    key_cache.clear()


def call(client: Client, authorization: str, remote: str = "203.0.113.9", xff: str | None = None):
    extra = {"HTTP_AUTHORIZATION": authorization, "REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return client.get("/v1/providers", **extra)


def test_rotating_x_forwarded_for_does_not_escape_the_limit(client):
    statuses = [call(client, WRONG, xff=f"198.51.100.{n}").status_code for n in range(LIMIT + 20)]
    assert statuses[:LIMIT] == [401] * LIMIT
    assert set(statuses[LIMIT:]) == {429}


def test_spoofing_a_victims_address_does_not_lock_the_victim_out(client):
    victim = "192.0.2.50"
    for _ in range(LIMIT + 5):
        call(client, WRONG, remote="203.0.113.66", xff=victim)
    # The victim's own invalid-key allowance is untouched ...
    assert call(client, WRONG, remote=victim).status_code == 401
    # ... and so is every valid key from its address, with or without the key cache.
    for name in ("Victim Co", "Neighbour Co"):
        _, key = make_customer(name)
        assert call(client, f"Bearer {key}", remote=victim).status_code == 200


def test_a_valid_key_is_accepted_from_an_address_that_is_blocked(client, settings):
    settings.API_KEY_CACHE_SECONDS = 0  # every call reads the key, as after the cache expired
    _, key = make_customer("Shared Office Co")
    office = "198.51.100.7"
    for _ in range(LIMIT):
        assert call(client, WRONG, remote=office).status_code == 401
    assert call(client, WRONG, remote=office).status_code == 429
    assert [call(client, f"Bearer {key}", remote=office).status_code for _ in range(3)] == [200] * 3
    # Successes do not lift the block on failures.
    assert call(client, WRONG, remote=office).status_code == 429


def test_behind_one_trusted_proxy_the_address_it_appended_counts(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # The client prepends whatever it likes; the proxy appends the address it saw last.
    statuses = [
        call(client, WRONG, remote=proxy, xff=f"192.0.2.{n}, 203.0.113.5").status_code
        for n in range(LIMIT + 3)
    ]
    assert statuses == [401] * LIMIT + [429] * 3
    # Another client behind the same proxy is not affected.
    assert call(client, WRONG, remote=proxy, xff="203.0.113.6").status_code == 401


def test_behind_two_trusted_proxies_the_second_entry_from_the_right_counts(client, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    for n in range(LIMIT):
        call(client, WRONG, remote="10.0.0.3", xff=f"192.0.2.{n},203.0.113.5, 10.0.0.2")
    assert call(client, WRONG, remote="10.0.0.3", xff="203.0.113.5,10.0.0.9").status_code == 429
    assert call(client, WRONG, remote="10.0.0.3", xff="203.0.113.6,10.0.0.2").status_code == 401


def test_a_request_that_skipped_the_proxies_is_keyed_on_its_socket_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # Fewer entries than trusted proxies: the header cannot be trusted at all.
    statuses = [
        call(client, WRONG, remote="203.0.113.77", xff=f"192.0.2.{n}").status_code
        for n in range(LIMIT + 2)
    ]
    assert statuses == [401] * LIMIT + [429] * 2


@pytest.mark.parametrize("xff", ["", "not-an-address", "203.0.113.5, ", "1.2.3.4, ::ffff:zz"])
def test_a_malformed_forwarded_header_falls_back_to_the_socket_address(client, settings, xff):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        call(client, WRONG, remote="203.0.113.78", xff=xff).status_code for _ in range(LIMIT + 1)
    ]
    assert statuses == [401] * LIMIT + [429]


@pytest.mark.parametrize(
    ("first", "second"),
    [("203.0.113.5:4711", "203.0.113.5:4712"), ("[2001:db8::5]:4711", "2001:db8::5")],
)
def test_a_port_appended_by_the_proxy_is_not_part_of_the_address(client, settings, first, second):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(LIMIT):
        call(client, WRONG, remote="10.0.0.2", xff=first)
    assert call(client, WRONG, remote="10.0.0.2", xff=second).status_code == 429
