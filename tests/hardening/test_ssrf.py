"""Webhook endpoints may not point into the gateway's own network unless a setting allows it,
neither when registered nor when a delivery is sent."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from gateway.events.delivery import deliver_due, replay
from gateway.events.endpoints import create_endpoint
from gateway.events.models import WebhookDelivery
from gateway.events.services import emit
from tests.gateway.builders import make_linked_account

pytestmark = pytest.mark.django_db

PRIVATE_URLS = [
    "http://127.0.0.1/hook",
    "http://127.1/hook",
    "http://2130706433/hook",  # 127.0.0.1 as one number
    "http://0x7f000001/hook",
    "http://localhost:8000/hook",
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://0.0.0.0/hook",
    "http://10.0.0.5/hook",
    "http://172.16.3.4/hook",
    "http://192.168.1.10/hook",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://[fe80::1]/hook",
    "http://[fd00::1]/hook",
    "http://100.64.0.1/hook",  # carrier-grade NAT
    "http://224.0.0.1/hook",
]
REFUSED_ANYWAY = [
    "ftp://hooks.example.com/in",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_FLUSHALL",
    "https://user:pass@hooks.example.com/in",
    "https:///no-host",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_private_and_loopback_urls_are_refused(authed_client, settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    response = authed_client.post("/v1/webhook-endpoints", {"url": url}, format="json")
    assert response.status_code == 400, (url, response.content)
    error = response.json()["error"]
    assert error["type"] == "validation_error"
    assert [d["field"] for d in error["details"]] == ["url"]
    assert authed_client.get("/v1/webhook-endpoints").json() == []


@pytest.mark.parametrize("url", REFUSED_ANYWAY)
def test_other_schemes_and_credentials_are_refused_even_when_private_is_allowed(
    authed_client, settings, url
):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    response = authed_client.post("/v1/webhook-endpoints", {"url": url}, format="json")
    assert response.status_code == 400, (url, response.content)


def test_the_setting_allows_private_targets(authed_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    response = authed_client.post(
        "/v1/webhook-endpoints", {"url": "http://127.0.0.1:9/hook"}, format="json"
    )
    assert response.status_code == 201, response.content


def test_changing_the_url_to_a_private_one_is_refused(authed_client, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    created = authed_client.post(
        "/v1/webhook-endpoints", {"url": "https://8.8.8.8/hook"}, format="json"
    ).json()
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    response = authed_client.patch(
        f"/v1/webhook-endpoints/{created['id']}",
        {"url": "http://169.254.169.254/latest/meta-data/"},
        format="json",
    )
    assert response.status_code == 400
    assert authed_client.get(f"/v1/webhook-endpoints/{created['id']}").json()["url"] == (
        "https://8.8.8.8/hook"
    )


def test_production_default_refuses_private_targets():
    from tests.gateway.settings.test_settings import production_env, settings_in_subprocess

    result = settings_in_subprocess(production_env(), "s.WEBHOOK_ALLOW_PRIVATE_URLS")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.fixture
def receiver():
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            hits.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook", hits
    server.shutdown()
    server.server_close()


def test_deliveries_recheck_the_url_before_sending(customer_with_key, settings, receiver):
    url, hits = receiver
    customer, _ = customer_with_key
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    settings.CELERY_TASK_ALWAYS_EAGER = False  # deliver by hand below
    create_endpoint(customer, {"url": url})
    account = make_linked_account(customer)
    event = emit(account, "account.linked", {"linked_account_id": str(account.id)})
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False  # e.g. the name now resolves inside
    deliver_due(max_seconds=5)
    delivery = WebhookDelivery.objects.get(event=event)
    assert hits == []
    assert "unsafe URL" in delivery.last_error
    # Refused by us, not by the receiver: failed at once, never retried (was: for 24 hours).
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 1, None)
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    deliver_due(max_seconds=5)
    assert hits == []
    replay(delivery)  # once the URL is fixed (here: allowed), a replay sends it
    deliver_due(max_seconds=5)
    assert hits == ["/hook"]


def test_a_name_that_rebinds_to_a_private_address_is_not_connected(
    customer_with_key, settings, receiver, monkeypatch
):
    """The URL passes the check (its name 'resolves' public) but the connection lands on
    loopback, as with DNS rebinding: the socket's peer is checked and nothing is sent."""
    from gateway.events import urlsafety

    url, hits = receiver
    customer, _ = customer_with_key
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    create_endpoint(customer, {"url": url})
    account = make_linked_account(customer)
    event = emit(account, "account.linked", {"linked_account_id": str(account.id)})
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    monkeypatch.setattr(urlsafety, "check_url", lambda url: None)  # the lookup said "public"
    monkeypatch.setattr("gateway.events.delivery.check_url", lambda url: None)
    deliver_due(max_seconds=5)
    delivery = WebhookDelivery.objects.get(event=event)
    assert hits == []
    assert delivery.status == "failed" and delivery.next_attempt_at is None
    assert "private address" in delivery.last_error


# -- IPv6 forms that carry an IPv4 address --------------------------------------------------

EMBEDDED_PRIVATE = [
    "::127.0.0.1",  # IPv4-compatible
    "::ffff:127.0.0.1",  # IPv4-mapped
    "64:ff9b::7f00:1",  # NAT64 well-known prefix
    "64:ff9b::a9fe:a9fe",  # NAT64 to the cloud metadata address
    "64:ff9b::10.0.0.5",
    "64:ff9b:1::7f00:1",  # NAT64 local-use prefix
    "64:ff9b:1:7f00:1::",  # ... with a /48 embedding
    "2002:7f00:1::",  # 6to4
    "2002:a9fe:a9fe::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo (client 127.0.0.1)
]


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_ipv6_forms_embedding_a_private_ipv4_are_refused(authed_client, settings, address):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    response = authed_client.post(
        "/v1/webhook-endpoints", {"url": f"http://[{address}]/hook"}, format="json"
    )
    assert response.status_code == 400, (address, response.content)
    assert response.json()["error"]["details"][0]["field"] == "url"


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_a_name_resolving_to_an_embedded_private_ipv4_is_refused(
    authed_client, settings, monkeypatch, address
):
    import socket

    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda *a, **k: [(socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, 80, 0, 0))],
    )
    response = authed_client.post(
        "/v1/webhook-endpoints", {"url": "http://hooks.example.com/hook"}, format="json"
    )
    assert response.status_code == 400, (address, response.content)


@pytest.mark.parametrize("address", ["64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"])
def test_embedded_public_ipv4_addresses_stay_allowed(authed_client, settings, address):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = False
    response = authed_client.post(
        "/v1/webhook-endpoints", {"url": f"http://[{address}]/hook"}, format="json"
    )
    assert response.status_code == 201, (address, response.content)


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_a_connection_landing_on_an_embedded_private_ipv4_is_closed(monkeypatch, address):
    """At connect time the socket's peer is judged by the IPv4 address it carries."""
    import urllib3.connection

    from gateway.events import urlsafety

    class Socket:
        closed = False

        def getpeername(self):
            return (address, 80, 0, 0)

        def close(self):
            self.closed = True

    sock = Socket()
    monkeypatch.setattr(urllib3.connection.HTTPConnection, "_new_conn", lambda self: sock)
    connection = urlsafety.PublicHTTPConnection("hooks.example.com", 80)
    with pytest.raises(urlsafety.UnsafeConnection):
        connection._new_conn()
    assert sock.closed
