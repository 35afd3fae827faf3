"""The dashboard's pages and actions on real rows: the in-memory provider's syncs, a local
webhook receiver, the API's own services underneath (eager Celery)."""

from __future__ import annotations

import json
import re

import pytest
from rest_framework.test import APIClient

from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.customers.models import ApiKey
from gateway.events import services as event_services
from gateway.events.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from gateway.sync.models import RunStatus, SyncRun
from tests.gateway.events.receiver import Receiver
from tests.gateway.sync.helpers import (
    fake_provider,  # noqa: F401  (the syncing fake)
    make_linked_account,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def account(fake_provider, team):  # noqa: F811
    account = make_linked_account(
        team["customer"], end_user_id="northwind-42", end_user_email="ap@northwind.example"
    )
    r = fake_provider.remote(account.tenant_id)
    for i in range(3):
        r.put("contact", f"c{i}")
        r.put("invoice", f"i{i}", contact=f"c{i}")
    return account


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


def charts_of(response) -> dict:
    found = re.search(
        r'<script id="dashboard-charts" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert found, "the page carries its chart data"
    return json.loads(found.group(1))


def test_resync_from_the_account_page(as_role, account):
    client = as_role("developer")
    response = client.post(f"/dashboard/accounts/{account.pk}/resync", {"mode": "full"})
    assert response.status_code == 302
    run = SyncRun.objects.get(linked_account=account)
    assert (run.mode, run.trigger, run.status) == ("full", "api", RunStatus.SUCCEEDED)
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "A full sync was queued" in body
    assert run.records == 6 and f'<td class="num">{run.calls}</td>' in body
    # records per model, stored now
    assert re.search(r"<td>invoice</td>.*?<td class=\"num\">3</td>", body, re.S)
    charts = charts_of(page)
    assert sum(charts["sync-volume"]["datasets"][0]["data"]) == 6
    assert sum(charts["sync-volume"]["datasets"][1]["data"]) == run.calls
    assert len(charts["sync-duration"]["datasets"][0]["data"]) == 1
    assert "calls left today" in body


def test_a_viewer_cannot_resync(as_role, account):
    response = as_role("viewer").post(f"/dashboard/accounts/{account.pk}/resync")
    assert response.status_code == 403
    assert not SyncRun.objects.exists()
    assert (
        "Resync" not in as_role("viewer").get(f"/dashboard/accounts/{account.pk}").content.decode()
    )


def test_a_sync_refusal_is_shown_not_raised(as_role, account):
    account.status = LinkedAccountStatus.RELINK_REQUIRED
    account.save()
    client = as_role("developer")
    response = client.post(f"/dashboard/accounts/{account.pk}/resync", follow=True)
    assert "cannot be synced until it is relinked" in response.content.decode()
    assert not SyncRun.objects.exists()


def test_relink_link_for_an_account_that_needs_it(as_role, account, team, settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        "fake": {
            **settings.LEDGERLINK_PROVIDER_SETTINGS["fake"],
            "client_id": "c",
            "client_secret": "s",
        }
    }
    account.status = LinkedAccountStatus.RELINK_REQUIRED
    account.save()
    client = as_role("developer")
    page = client.get(f"/dashboard/accounts/{account.pk}").content.decode()
    assert "This account needs relinking" in page and "Create relink link" in page
    redirect = team["customer"].redirect_urls[0]
    bad = client.post(f"/dashboard/accounts/{account.pk}/relink", {"redirect_url": "https://x"})
    assert bad.status_code == 302
    made = client.post(f"/dashboard/accounts/{account.pk}/relink", {"redirect_url": redirect})
    assert made.status_code == 200, [str(m) for m in made.wsgi_request._messages]
    url = re.search(r'id="relink-url" value="([^"]+)"', made.content.decode()).group(1)
    assert url.startswith(f"{settings.PUBLIC_BASE_URL}/connect/lt_")
    assert Client_get(url).status_code == 200


def Client_get(url):
    from django.test import Client

    return Client().get(url.split("127.0.0.1:8000", 1)[-1])


def test_disconnect_needs_the_name_then_deletes(as_role, account, monkeypatch):
    from tests.gateway.sync.fakes import FakeProvider

    monkeypatch.setattr(FakeProvider, "revoke", lambda self, c: None, raising=False)
    monkeypatch.setattr(FakeProvider, "disconnect", lambda self, c, i: None, raising=False)
    assert (
        as_role("developer").get(f"/dashboard/accounts/{account.pk}/disconnect").status_code == 403
    )
    admin = as_role("admin")
    confirm = admin.get(f"/dashboard/accounts/{account.pk}/disconnect")
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    wrong = admin.post(f"/dashboard/accounts/{account.pk}/disconnect", {"confirm": "nope"})
    assert wrong.status_code == 302 and LinkedAccount.objects.filter(pk=account.pk).exists()
    done = admin.post(
        f"/dashboard/accounts/{account.pk}/disconnect", {"confirm": account.tenant_name}
    )
    assert done.status_code == 302 and done["Location"] == "/dashboard/accounts"
    assert not LinkedAccount.objects.filter(pk=account.pk).exists()


def test_sync_settings(as_role, account):
    client = as_role("developer")
    assert client.get(f"/dashboard/accounts/{account.pk}/settings").status_code == 200
    bad = client.post(f"/dashboard/accounts/{account.pk}/settings", {"frequency_minutes": "2"})
    assert "greater than or equal to 5" in bad.content.decode()
    ok = client.post(f"/dashboard/accounts/{account.pk}/settings", {"frequency_minutes": "90"})
    assert ok.status_code == 302
    assert account.sync.frequency_minutes == 90 or (
        LinkedAccount.objects.get(pk=account.pk).sync.frequency_minutes == 90
    )
    assert (
        as_role("viewer")
        .post(f"/dashboard/accounts/{account.pk}/settings", {"frequency_minutes": "30"})
        .status_code
        == 403
    )


def test_account_list_search_and_filters(as_role, account, team):
    other = make_linked_account(team["customer"], tenant_id="t-2", end_user_id="contoso-7")
    other.status = LinkedAccountStatus.RELINK_REQUIRED
    other.save()
    client = as_role("viewer")

    def listed(**params):
        body = client.get("/dashboard/accounts", params).content.decode()
        return sorted(set(re.findall(r"/dashboard/accounts/([0-9a-f-]{36})\"", body)))

    assert listed() == sorted([str(account.pk), str(other.pk)])
    assert listed(q="northwind") == [str(account.pk)]
    assert listed(q="AP@NORTHWIND") == [str(account.pk)]
    assert listed(status="relink_required") == [str(other.pk)]
    assert listed(provider="fake", status="active") == [str(account.pk)]
    assert listed(provider="xero") == []


def test_deliveries_log_each_attempt_and_replay(as_role, account, receiver, settings, team):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    developer = as_role("developer")
    created = developer.post("/dashboard/endpoints", {"url": receiver.url, "event_types": "sync.*"})
    assert created.status_code == 200
    secret = re.search(r'id="endpoint-secret" value="(whsec_[^"]+)"', created.content.decode())
    assert secret, "the signing secret is shown once"
    endpoint = WebhookEndpoint.objects.get(customer=team["customer"])
    assert endpoint.secret == secret.group(1)
    assert secret.group(1) not in developer.get("/dashboard/endpoints").content.decode()

    receiver.status = 500
    event_services.emit(account, "sync.completed", {"run_id": "r1"})
    receiver.wait_for(1)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    attempt = WebhookAttempt.objects.get(delivery=delivery)
    assert attempt.response_status == 500 and not attempt.succeeded
    assert attempt.latency_ms is not None and attempt.latency_ms >= 0
    # give up on it, as the retry window would
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED)

    listed = developer.get("/dashboard/deliveries", {"status": "failed"}).content.decode()
    assert f"/dashboard/deliveries/{delivery.id}" in listed
    detail = developer.get(f"/dashboard/deliveries/{delivery.id}").content.decode()
    assert "500" in detail and f"{attempt.latency_ms} ms" in detail
    assert "&quot;run_id&quot;: &quot;r1&quot;" in detail  # the body

    assert as_role("viewer").post(f"/dashboard/deliveries/{delivery.id}/replay").status_code == 403
    receiver.status = 200
    replayed = developer.post(f"/dashboard/deliveries/{delivery.id}/replay")
    assert replayed.status_code == 302
    copy = WebhookDelivery.objects.get(replay_of=delivery)
    assert replayed["Location"] == f"/dashboard/deliveries/{copy.id}"
    receiver.wait_for(2)
    copy.refresh_from_db()
    assert copy.status == DeliveryStatus.SUCCEEDED and copy.event_id == delivery.event_id
    charts = charts_of(developer.get("/dashboard/deliveries"))
    rate = [v for v in charts["deliveries"]["datasets"][0]["data"] if v is not None]
    assert rate == [50.0]  # one failed attempt, one success today

    overview = developer.get("/dashboard/").content.decode()
    assert re.search(r"Failed deliveries</div>\s*<div class=\"value\">1<", overview)


def test_endpoint_rotate_disable_and_delete(as_role, team, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    from gateway.events.endpoints import create_endpoint

    endpoint, old = create_endpoint(team["customer"], {"url": "https://hooks.example.com/in"})
    developer = as_role("developer")
    rotated = developer.post(f"/dashboard/endpoints/{endpoint.pk}/rotate")
    new = re.search(r'id="endpoint-secret" value="(whsec_[^"]+)"', rotated.content.decode())
    endpoint.refresh_from_db()
    assert new and new.group(1) == endpoint.secret != old
    developer.post(f"/dashboard/endpoints/{endpoint.pk}/toggle", {"enabled": "false"})
    endpoint.refresh_from_db()
    assert not endpoint.enabled
    assert developer.post(f"/dashboard/endpoints/{endpoint.pk}/delete").status_code == 403
    assert as_role("admin").post(f"/dashboard/endpoints/{endpoint.pk}/delete").status_code == 302
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_keys_created_once_and_revoked(as_role, team):
    developer = as_role("developer")
    made = developer.post("/dashboard/keys", {"name": "ci"})
    plaintext = re.search(r'id="new-key" value="(llk_[^"]+)"', made.content.decode()).group(1)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.get("/v1/linked-accounts").status_code == 200
    page = developer.get("/dashboard/keys").content.decode()
    assert plaintext not in page and "ago" in page  # last used
    key = ApiKey.objects.get(name="ci")
    assert developer.post(f"/dashboard/keys/{key.pk}/revoke").status_code == 302
    assert api.get("/v1/linked-accounts").status_code == 401


def test_overview_counts(as_role, account, team):
    make_linked_account(
        team["customer"], tenant_id="t-3", provider="fake", status="relink_required"
    )
    as_role("developer").post(f"/dashboard/accounts/{account.pk}/resync", {"mode": "full"})
    body = as_role("viewer").get("/dashboard/").content.decode()
    assert re.search(r"Linked accounts</div>\s*<div class=\"value\">2<", body)
    assert re.search(r"Need relinking</div>\s*<div class=\"value\">1<", body)
    assert re.search(r"Syncs, last 24 h</div>\s*<div class=\"value\">1<", body)
    run = SyncRun.objects.get()
    assert re.search(
        rf"Provider calls today \(syncs\)</div>\s*<div class=\"value\">{run.calls}<", body
    )


def test_events_list_and_body(as_role, account):
    event = event_services.emit(account, "sync.completed", {"run_id": "abc"})
    client = as_role("viewer")
    listed = client.get("/dashboard/events", {"type": "sync.completed"}).content.decode()
    assert f"/dashboard/events/{event.pk}" in listed
    assert (
        f"/dashboard/events/{event.pk}"
        not in client.get("/dashboard/events", {"type": "invoice.created"}).content.decode()
    )
    detail = client.get(f"/dashboard/events/{event.pk}").content.decode()
    assert "&quot;run_id&quot;: &quot;abc&quot;" in detail


def test_api_calls_today_are_counted(as_role, team, settings):
    from gateway.customers import usage
    from gateway.customers.models import ApiUsage

    settings.API_USAGE_FLUSH_SECONDS = 0
    usage.flush()
    ApiUsage.objects.all().delete()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {team['key']}")
    for _ in range(3):
        assert api.get("/v1/linked-accounts").status_code == 200
    assert api.get("/v1/linked-accounts/not-an-id").status_code == 404  # a call all the same
    APIClient().get("/v1/linked-accounts")  # no key: not the customer's call
    body = as_role("viewer").get("/dashboard/")
    assert re.search(r"API calls today</div>\s*<div class=\"value\">4<", body.content.decode())
    assert charts_of(body)["api-calls"]["datasets"][0]["data"][-1] == 4


def test_api_usage_is_batched_per_interval(team, settings):
    from gateway.customers import usage
    from gateway.customers.models import ApiUsage

    settings.API_USAGE_FLUSH_SECONDS = 3600
    usage.flush()
    ApiUsage.objects.all().delete()
    usage._last_flush = __import__("time").monotonic()
    for _ in range(5):
        usage.note(team["customer"].pk)
    assert not ApiUsage.objects.exists()  # not written yet: one write per interval
    usage.flush()
    assert ApiUsage.objects.get(customer=team["customer"]).calls == 5


def test_the_account_page_refreshes_itself_while_a_sync_runs(as_role, account):
    from gateway.sync import services as sync_services
    from gateway.sync.models import AccountState

    sync = sync_services.account_sync(account)
    sync.current_run = SyncRun.objects.create(
        linked_account=account, mode="full", trigger="api", status=RunStatus.RUNNING
    )
    sync.state = AccountState.SYNCING
    sync.save()
    body = as_role("developer").get(f"/dashboard/accounts/{account.pk}").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in body
    assert re.search(r'<button type="submit" disabled>Resync</button>', body)
    sync.state = AccountState.DONE
    sync.save()
    SyncRun.objects.update(status=RunStatus.SUCCEEDED)
    body = as_role("developer").get(f"/dashboard/accounts/{account.pk}").content.decode()
    assert 'http-equiv="refresh"' not in body
