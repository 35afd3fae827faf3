"""The list lane: the common list call answered beneath Django exactly as Django answers it,
and every other request handed to Django untouched."""

from __future__ import annotations

import pytest
from django.core import signals
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import RequestFactory

from gateway.customers import key_cache, usage
from gateway.customers.models import ApiUsage
from gateway.customers.services import issue_api_key
from gateway.customers.throttling import ApiKeyRateThrottle
from gateway.records import list_lane
from gateway.records.list_lane import ListLane
from gateway.records.models import Record
from gateway.records.store import upsert_records
from tests.factories import make_customer
from tests.gateway.builders import invoice, make_linked_account

pytestmark = pytest.mark.django_db

REQUEST_ID = "lane-test-0001"


class Django:
    """Django's own WSGI handler, counting the requests handed to it."""

    def __init__(self):
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def stack(account, settings):
    settings.API_KEY_CACHE_SECONDS = 5  # the lane serves keys this process holds
    django = Django()
    key_cache.clear()
    yield ListLane(django), django
    key_cache.clear()


def call(app, path="/v1/invoices", query="", method="GET", key=None, account=None, **headers):
    factory = RequestFactory()
    extra = {"HTTP_X_REQUEST_ID": REQUEST_ID, **headers}
    if key is not None:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    if account is not None:
        extra["HTTP_X_LINKED_ACCOUNT"] = str(account)
    environ = factory.generic(method, path + (f"?{query}" if query else ""), **extra).environ
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    # As Django's test client does: the test's transaction lives on the connection that
    # `close_old_connections` would close at the request's start and end.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        response = app(environ, start_response)
        body = b"".join(response)
        getattr(response, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


@pytest.fixture
def caller(stack, customer_with_key, account):
    lane, django = stack
    _, key = customer_with_key

    def get(app=lane, **kwargs):
        kwargs.setdefault("key", key)
        kwargs.setdefault("account", account.id)
        return call(app, **kwargs)

    get(query="page_size=1")  # Django authenticates the key once: this process caches it
    django.calls = 0
    return get


def test_routes_are_the_record_list_views_only(stack):
    lane, _ = stack
    routes = lane.routes()
    assert routes["/v1/invoices"] == "invoice" and routes["/v1/contacts"] == "contact"
    assert "/v1/providers" not in routes and "/v1/linked-accounts" not in routes
    from django.urls import resolve

    from gateway.records.views import RecordListView

    for path, model in routes.items():
        assert issubclass(resolve(path).func.view_class, RecordListView)
        assert resolve(path).func.view_class.model == model


@pytest.mark.parametrize(
    "query, headers",
    [
        ("", {}),
        ("page_size=2", {}),
        ("page_size=1000", {"HTTP_ACCEPT": "application/json"}),
        ("page_size=2", {"HTTP_ACCEPT": "*/*"}),
        ("cursor=", {}),
    ],
)
def test_the_common_call_is_answered_by_the_lane_as_django_answers_it(
    stack, caller, query, headers
):
    _, django = stack
    answered = caller(query=query, **headers)
    assert django.calls == 0, "the lane handed the call on"
    assert answered == caller(app=django, query=query, **headers)
    status, response_headers, body = answered
    assert status == "200 OK" and response_headers["X-Request-ID"] == REQUEST_ID
    assert response_headers["Cache-Control"] == "no-store"
    assert response_headers["Content-Length"] == str(len(body))


def test_cursors_walk_both_ways_through_the_lane(stack, caller, account):
    import json

    _, django = stack
    upsert_records(account, "invoice", [invoice(f"lane-{i:03d}") for i in range(12)])
    seen, cursor = [], None
    while True:
        _, _, body = caller(query="page_size=5" + (f"&cursor={cursor}" if cursor else ""))
        page = json.loads(body)
        seen += [r["id"] for r in page["results"]]
        if not page["next"]:
            break
        cursor = page["next"]
    back_query = f"page_size=5&cursor={page['previous']}"
    back = caller(query=back_query)
    assert django.calls == 0
    stored = Record.objects.filter(linked_account=account, model="invoice").count()
    assert len(seen) == len(set(seen)) == stored == 17
    # From the last page (15 and 16) back one: 10 to 14.
    assert [r["id"] for r in json.loads(back[2])["results"]] == seen[10:15]
    assert back == caller(app=django, query=back_query)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"query": "status=PAID"},  # a filter
        {"query": "page_size=0"},
        {"query": "page_size=abc"},
        {"query": "page_size=2&page_size=3"},
        {"query": "cursor=not-a-cursor"},
        {"query": "include_deleted=true"},
        {"query": "expand=contact"},
        {"query": "order_by=due_date"},
        {"query": "format=json"},
        {"HTTP_ACCEPT": "text/html"},
        {"method": "POST"},
        {"method": "HEAD"},
        {"account": None},
        {"account": "not-a-uuid"},
        {"account": "6d3c3e7e-0000-4000-8000-000000000000"},
        {"key": None},
        {"key": "ll_live_not_a_real_key"},
        {"path": "/v1/invoices/"},
        {"path": "/v1/providers"},
        {"HTTP_HOST": "evil.example.com"},
        {"CONTENT_LENGTH": "5"},
        {"HTTP_TRANSFER_ENCODING": "chunked"},
    ],
)
def test_every_other_request_is_handed_to_django(stack, caller, kwargs):
    _, django = stack
    answered = caller(**kwargs)
    assert django.calls == 1
    assert answered == caller(app=django, **kwargs)


def test_another_customers_account_is_a_404_from_django(stack, caller, fake_provider):
    _, django = stack
    other, _ = make_customer("Neighbour Co")
    theirs = make_linked_account(other)
    status, _, body = caller(account=theirs.id)
    assert django.calls == 1 and status.startswith("404")
    assert b'"not_found"' in body


def test_a_key_this_process_has_not_cached_goes_to_django_once(stack, customer_with_key, account):
    lane, django = stack
    customer, _ = customer_with_key
    _, fresh = issue_api_key(customer, "fresh")
    assert call(lane, key=fresh, account=account.id)[0] == "200 OK"
    assert django.calls == 1
    assert call(lane, key=fresh, account=account.id)[0] == "200 OK"
    assert django.calls == 1


def test_a_revoked_key_is_refused_at_once_in_this_process(stack, caller, customer_with_key):
    from gateway.customers.models import ApiKey

    _, django = stack
    customer, _ = customer_with_key
    ApiKey.objects.filter(customer=customer).first().revoke()
    status, _, _ = caller()
    assert django.calls == 1 and status.startswith("401")


def test_each_call_is_counted_once_by_the_throttle_and_the_usage(
    stack, caller, customer_with_key, monkeypatch, settings
):
    _, django = stack
    customer, _ = customer_with_key
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    monkeypatch.setattr(ApiKeyRateThrottle, "THROTTLE_RATES", {"api_key": "3/min"})
    cache.clear()
    from gateway.customers import throttling

    throttling._windows.clear()
    usage._pending.clear()  # other tests' counts
    ApiUsage.objects.filter(customer=customer).delete()
    statuses = [caller()[0] for _ in range(3)]
    assert statuses == ["200 OK"] * 3 and django.calls == 0
    refused = caller()
    assert refused[0].startswith("429") and django.calls == 1
    assert b'"rate_limited"' in refused[2]
    usage.flush()
    assert ApiUsage.objects.get(customer=customer).calls == 4  # as Django counts: refused too
    throttling._windows.clear()
    cache.clear()


def test_a_page_that_fails_is_handed_to_django(stack, caller, monkeypatch):
    _, django = stack

    def broken(*args, **kwargs):
        raise RuntimeError("the page failed")

    monkeypatch.setattr(list_lane, "owned_list_page", broken)
    status, _, _ = caller()
    assert status == "200 OK" and django.calls == 1


def test_an_account_whose_provider_is_gone_is_answered_by_django(stack, caller, monkeypatch):
    _, django = stack

    def gone(account):
        raise KeyError(account.provider)

    monkeypatch.setattr(list_lane, "provider_for", gone)
    status, _, _ = caller()
    assert status == "200 OK" and django.calls == 1  # Django's view has its own provider_for


def test_an_error_before_the_page_is_answered_by_django(stack, caller, monkeypatch):
    _, django = stack

    def broken(header):
        raise RuntimeError("the key cache failed")

    monkeypatch.setattr(list_lane, "cached_key", broken)
    status, _, _ = caller()
    assert status == "200 OK" and django.calls == 1
