"""The customer dashboard in Chromium against a live gateway and the Xero sandbox: sign in, the
customer's accounts, a resync watched to its end, a failed delivery replayed, a key created and
revoked, and a viewer who cannot act. Every page is photographed (artifacts/screenshots)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from gateway.accounts.models import LinkedAccountStatus
from gateway.customers.models import ApiKey
from gateway.dashboard import services
from gateway.events import services as event_services
from gateway.events.endpoints import create_endpoint
from gateway.events.models import DeliveryStatus, WebhookDelivery
from gateway.sync.models import RunStatus, SyncRun
from tests.factories import make_customer
from tests.gateway.builders import make_linked_account
from tests.gateway.connect.conftest import sandbox_provider_settings
from tests.gateway.events.receiver import Receiver

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "dashboard demo password 7"


@pytest.fixture
def receiver():
    with Receiver() as r:
        yield r


@pytest.fixture
def world(live_server, settings, xero_sandbox, transactional_db, receiver):
    """Acme Analytics with two Xero sandbox organisations linked (the US one needing a relink),
    an admin and a viewer, and a webhook endpoint whose first delivery failed."""
    settings.PUBLIC_BASE_URL = live_server.url
    settings.LEDGERLINK_PROVIDERS = {"xero": "connectors.xero.XeroProvider"}
    settings.LEDGERLINK_PROVIDER_SETTINGS = {"xero": sandbox_provider_settings(xero_sandbox)}
    settings.WEBHOOK_ALLOW_PRIVATE_URLS = True
    settings.WEBHOOK_RETRY_HOURS = 0  # the first failed attempt is the last
    settings.API_USAGE_FLUSH_SECONDS = 0  # the overview counts every API call at once
    customer, _ = make_customer("Acme Analytics", [f"{live_server.url}/connect/demo-return"])
    accounts = {}
    for key, end_user in (("uk", "northwind-42"), ("us", "contoso-7")):
        tokens = xero_sandbox.connect(tenants=[key])
        account = make_linked_account(
            customer,
            provider="xero",
            tenant_id=xero_sandbox.tenant_id(key),
            end_user_id=end_user,
            access_token=tokens["access_token"],
            refresh_token=tokens["refresh_token"],
            expires_in=timedelta(seconds=int(tokens["expires_in"])),
            scope=tokens["scope"],
        )
        account.tenant_name = xero_sandbox.tenant_names[key]
        account.save()
        accounts[key] = account
    accounts["us"].status = LinkedAccountStatus.RELINK_REQUIRED
    accounts["us"].status_reason = "invalid_grant: the consent was revoked"
    accounts["us"].save()
    create_endpoint(customer, {"url": receiver.url, "event_types": ["sync.*"]})
    receiver.status = 500
    event_services.emit(accounts["uk"], "sync.completed", {"run_id": "before-the-test"})
    receiver.wait_for(1)
    failed = WebhookDelivery.objects.get(customer=customer)
    assert failed.status == DeliveryStatus.FAILED
    services.invite(customer, "admin@acme.example", "admin", password=PASSWORD)
    services.invite(customer, "viewer@acme.example", "viewer", password=PASSWORD)
    return {
        "url": live_server.url,
        "customer": customer,
        "accounts": accounts,
        "failed": failed,
        "receiver": receiver,
    }


def nav(page, name: str) -> None:
    page.get_by_role("navigation", name="Dashboard").get_by_role("link", name=name).click()
    page.wait_for_load_state()


def sign_in(page, world, email: str, shoot=None) -> None:
    page.goto(f"{world['url']}/dashboard/")
    page.wait_for_url(re.compile(r".*/dashboard/sign-in.*"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    if shoot:
        shoot(page, "sign-in")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{world['url']}/dashboard/")


def test_admin_resyncs_replays_and_manages_keys(page, shoot, world):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, world, "admin@acme.example", shoot)
    assert page.get_by_role("heading", name="Overview").is_visible()
    shoot(page, "overview")

    nav(page, "Linked accounts")
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert page.get_by_role("link", name="Demo Company (UK)").is_visible()
    assert page.get_by_text("Relink required").is_visible()
    shoot(page, "accounts")
    page.get_by_label("Search").fill("northwind")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("tbody tr").count() == 1
    shoot(page, "accounts-search")

    # one account: resync, and watch the run finish
    page.get_by_role("link", name="Demo Company (UK)").click()
    page.wait_for_url(re.compile(r".*/dashboard/accounts/[0-9a-f-]{36}$"))
    assert page.get_by_text("No sync runs yet.").is_visible()
    page.get_by_label("Sync mode").select_option("full")
    page.get_by_role("button", name="Resync").click()
    runs = page.locator("#sync-runs tbody tr")
    runs.first.locator(".badge.succeeded").wait_for(timeout=60_000)
    run = SyncRun.objects.get(linked_account=world["accounts"]["uk"])
    assert run.status == RunStatus.SUCCEEDED and run.records > 0 and run.calls > 0
    assert page.get_by_text("A full sync was queued").is_visible()
    assert page.locator("#sync-state").inner_text() == "done"
    assert "calls left today" in page.content()
    page.locator("canvas[data-chart='sync-volume']").wait_for()
    shoot(page, "account-synced")

    page.get_by_role("link", name="Change").click()
    page.get_by_label(re.compile("Minutes between")).fill("120")
    shoot(page, "sync-settings")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("Sync settings saved.").is_visible()
    assert page.get_by_text("120 minutes").is_visible()

    page.get_by_role("link", name="Disconnect…").click()
    assert page.get_by_role("heading", name=re.compile("Disconnect Demo Company")).is_visible()
    shoot(page, "disconnect-confirm")
    page.get_by_role("link", name="Cancel").click()

    # the account needing a relink: a link to copy for the end user
    nav(page, "Linked accounts")
    page.get_by_role("link", name="Demo Company (US)").click()
    assert page.get_by_role("heading", name="This account needs relinking").is_visible()
    shoot(page, "account-relink-required")
    page.get_by_role("button", name="Create relink link").click()
    link = page.get_by_label("Relink link").input_value()
    assert link.startswith(f"{world['url']}/connect/lt_")
    shoot(page, "relink-link")

    # events, then the failed delivery: replay it now that the endpoint answers
    nav(page, "Events")
    shoot(page, "events")
    page.get_by_role("link", name="sync.completed").first.click()
    shoot(page, "event")
    nav(page, "Webhook deliveries")
    page.get_by_label("Status").select_option("failed")
    page.get_by_role("button", name="Filter").click()
    shoot(page, "deliveries-failed")
    page.locator(f"a[href='/dashboard/deliveries/{world['failed'].id}']").click()
    attempts = page.locator("#attempts tbody tr")
    assert attempts.count() == 1 and "500" in attempts.first.inner_text()
    assert re.search(r"\d+ ms", attempts.first.inner_text())
    shoot(page, "delivery-failed")
    world["receiver"].status = 200
    page.get_by_role("button", name="Replay").click()
    page.wait_for_url(re.compile(r".*/dashboard/deliveries/[0-9a-f-]{36}$"))
    assert page.get_by_text("Replay queued").is_visible()
    page.reload()  # the eager sender may answer after the redirect
    page.locator(".badge.succeeded").first.wait_for()
    assert "200" in page.locator("#attempts tbody tr").first.inner_text()
    copy = WebhookDelivery.objects.get(replay_of=world["failed"])
    assert copy.status == DeliveryStatus.SUCCEEDED and copy.event_id == world["failed"].event_id
    shoot(page, "delivery-replayed")
    nav(page, "Webhook deliveries")
    shoot(page, "deliveries")

    nav(page, "Webhook endpoints")
    page.get_by_role("button", name="Rotate secret").click()
    assert page.get_by_label("Signing secret").input_value().startswith("whsec_")
    shoot(page, "endpoints-rotated")

    # a key: created (shown once), works, revoked, stops working
    nav(page, "API keys")
    page.get_by_label("Name").fill("ci")
    page.get_by_role("button", name="Create key").click()
    plaintext = page.get_by_label("New API key").input_value()
    shoot(page, "key-created")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.get("/v1/linked-accounts").status_code == 200
    key = ApiKey.objects.get(name="ci")
    nav(page, "API keys")
    assert plaintext not in page.content()
    page.locator("#keys tr", has_text="ci").get_by_role("button", name="Revoke").click()
    assert page.locator("#keys tr", has_text="ci").locator(".badge.revoked").is_visible()
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert api.get("/v1/linked-accounts").status_code == 401
    shoot(page, "key-revoked")

    nav(page, "Team")
    page.get_by_label("Email").fill("dev@acme.example")
    page.get_by_role("button", name="Invite").click()
    invite = page.get_by_label("Invitation link").input_value()
    assert "/dashboard/set-password/" in invite
    shoot(page, "team-invited")

    nav(page, "Overview")
    page.locator("canvas[data-chart='sync-duration']").wait_for()
    shoot(page, "overview-after")
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(250)  # let the charts resize before the screenshot
    shoot(page, "overview-phone")
    page.set_viewport_size({"width": 1280, "height": 860})
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/dashboard/sign-in$"))

    # the invitation: choose a password, then sign in with it
    page.goto(invite)
    page.wait_for_url(re.compile(r".*/set$"))
    page.get_by_label("New password").fill("a new long password 9")
    page.get_by_label("Repeat it").fill("a new long password 9")
    shoot(page, "set-password")
    page.get_by_role("button", name="Set password").click()
    assert page.get_by_text("Your password is set").is_visible()
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_viewer_reads_but_cannot_act(page, shoot, world):
    sign_in(page, world, "viewer@acme.example")
    nav(page, "Linked accounts")
    page.get_by_role("link", name="Demo Company (UK)").click()
    assert page.get_by_role("button", name="Resync").count() == 0
    assert page.get_by_role("link", name="Disconnect…").count() == 0
    shoot(page, "viewer-account")
    nav(page, "Webhook deliveries")
    assert page.get_by_role("button", name="Replay").count() == 0
    nav(page, "API keys")
    assert page.get_by_role("button", name="Create key").count() == 0
    assert page.get_by_role("button", name="Revoke").count() == 0
    nav(page, "Team")
    assert page.get_by_role("button", name="Invite").count() == 0
    shoot(page, "viewer-team")
    # an admin's page, typed in: refused
    account = world["accounts"]["uk"]
    response = page.goto(f"{world['url']}/dashboard/accounts/{account.pk}/disconnect")
    assert response.status == 403
    assert page.get_by_role("heading", name="Not allowed").is_visible()
    shoot(page, "viewer-refused")
    # and a forged post (the viewer's own CSRF token) changes nothing
    token = page.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
    forged = page.request.post(
        f"{world['url']}/dashboard/accounts/{account.pk}/resync",
        form={"csrfmiddlewaretoken": csrf, "mode": "full"},
        headers={"Origin": world["url"]},
    )
    assert forged.status == 403
    assert not SyncRun.objects.filter(linked_account=account).exists()


def test_sign_in_refusals(page, shoot, world, settings):
    settings.DASHBOARD_SIGNIN_LIMIT = 2
    from django.core.cache import cache

    cache.clear()
    page.goto(f"{world['url']}/dashboard/sign-in")
    for _ in range(2):
        page.get_by_label("Email").fill("admin@acme.example")
        page.get_by_label("Password").fill("wrong password")
        page.get_by_role("button", name="Sign in").click()
        assert page.get_by_role("alert").inner_text().startswith("That email and password")
    shoot(page, "sign-in-wrong")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text().startswith("Too many failed sign-ins")
    shoot(page, "sign-in-limited")
    cache.clear()
