"""Linking with a Xero custom connection (client id and secret pasted on the hosted page)
against the sandbox: link, sync, read; refusals store nothing; CSRF; secrets never shown."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test import Client

from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import Grant, GrantKind, LinkedAccount, LinkedAccountStatus
from gateway.accounts.services import delete_linked_account
from gateway.accounts.signals import accounts_linked
from gateway.connect.models import LinkSession, LinkSessionStatus
from gateway.sync import services as sync_services
from gateway.sync.grants import grants_due
from gateway.sync.models import RunStatus, RunTrigger, SyncMode
from tests.plugins.sandbox import DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET

from .conftest import query_of, redirect_target


def form_path(token: dict, provider: str = "xero") -> str:
    return f"/connect/{token['url'].rsplit('/', 1)[1]}/custom/{provider}"


def paste(driver, token: dict, client_id: str, client_secret: str, **extra):
    return driver.browser.post(
        form_path(token), {"client_id": client_id, "client_secret": client_secret, **extra}
    )


def link_demo(driver, **token_body):
    token = driver.link_token(**token_body)
    assert driver.browser.get(form_path(token)).status_code == 200
    response = driver.follow(paste(driver, token, DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET))
    return token, response


def assert_nothing_linked():
    assert not LinkedAccount.objects.exists() and not Grant.objects.exists()


@pytest.mark.django_db
def test_choose_page_offers_the_custom_connection(driver):
    token = driver.link_token()
    html = driver.open(token).content.decode()
    assert "Use a Xero custom connection" in html
    assert f'href="{form_path(token)}"' in html
    page = driver.browser.get(form_path(token))
    assert page.status_code == 200
    assert "connect/client_credentials.html" in [t.name for t in page.templates]
    body = page.content.decode()
    assert 'name="client_secret"' in body and 'type="password"' in body
    assert "<script" not in body and "developer.xero.com" in body
    assert "<code>accounting.invoices</code>" in body
    assert page["Content-Security-Policy"] and page["Referrer-Policy"] == "no-referrer"


@pytest.mark.django_db
def test_link_stores_encrypted_credentials_and_returns_to_the_customer(
    driver, django_capture_on_commit_callbacks, linked_signals
):
    with django_capture_on_commit_callbacks(execute=False):
        _token, response = link_demo(driver, end_user_name="Northwind")
    assert response.status_code == 200, response.content
    assert "connect/success.html" in [t.name for t in response.templates]
    account = LinkedAccount.objects.get()
    assert account.tenant_id == driver.sandbox.tenant_id("uk")
    assert account.tenant_name == "Demo Company (UK)" and account.connection_id
    assert account.status == LinkedAccountStatus.ACTIVE and account.end_user_name == "Northwind"
    target = redirect_target(response)
    assert query_of(target) == {"linked_account_ids": str(account.pk), "end_user_id": "end-user-1"}

    grant = account.grant
    assert grant.kind == GrantKind.CLIENT_CREDENTIALS and grant.refresh_token == ""
    assert grant.client_id == DEMO_CUSTOM_CLIENT_ID
    assert grant.client_secret == DEMO_CUSTOM_CLIENT_SECRET
    with connection.cursor() as cursor:
        cursor.execute("SELECT client_id, client_secret, access_token FROM accounts_grant")
        raw_id, raw_secret, raw_access = cursor.fetchone()
    assert DEMO_CUSTOM_CLIENT_ID not in raw_id and DEMO_CUSTOM_CLIENT_SECRET not in raw_secret
    assert grant.access_token not in raw_access
    assert DEMO_CUSTOM_CLIENT_SECRET not in response.content.decode()
    assert LinkSession.objects.get().status == LinkSessionStatus.COMPLETED
    # no idle refresh-token upkeep: a new token is asked for when one is needed
    assert not grants_due().exists()


@pytest.mark.django_db
def test_linked_signal_is_sent(driver, django_capture_on_commit_callbacks, linked_signals):
    with django_capture_on_commit_callbacks(execute=True):
        link_demo(driver)
    account = LinkedAccount.objects.get()
    assert linked_signals == [{"signal": accounts_linked, "accounts": [account], "relinked": False}]


@pytest.mark.parametrize(
    ("client_id", "client_secret", "message"),
    [
        (DEMO_CUSTOM_CLIENT_ID, "not-the-right-secret", "did not accept this client id"),
        ("ledgerlink-demo", "demo-secret-not-for-production-0000", "is not a custom connection"),
    ],
)
@pytest.mark.django_db
def test_refused_credentials_show_why_and_store_nothing(
    driver, caplog, client_id, client_secret, message
):
    caplog.set_level(logging.DEBUG)
    token = driver.link_token()
    driver.browser.get(form_path(token))
    response = paste(driver, token, client_id, client_secret)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert client_secret not in html and client_secret not in caplog.text
    assert f'value="{client_id}"' in html  # the id is kept to correct, never the secret
    assert_nothing_linked()
    # the link is still usable: the right credentials link
    assert LinkSession.objects.get().status == LinkSessionStatus.CREATED
    ok = driver.follow(paste(driver, token, DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET))
    assert ok.status_code == 200 and LinkedAccount.objects.count() == 1


@pytest.mark.django_db
def test_missing_fields_are_refused_before_the_provider(driver):
    token = driver.link_token()
    before = driver.sandbox.control.counters()["endpoints"].get("POST /connect/token", 0)
    response = paste(driver, token, "", "")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert driver.sandbox.control.counters()["endpoints"].get("POST /connect/token", 0) == before
    assert_nothing_linked()


@pytest.mark.django_db
def test_form_is_csrf_protected(driver):
    token = driver.link_token()
    driver.browser = Client(enforce_csrf_checks=True)
    page = driver.browser.get(form_path(token))
    forged = paste(driver, token, DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET)
    assert forged.status_code == 403
    assert "connect/error.html" in [t.name for t in forged.templates]
    assert_nothing_linked()
    ok = driver.follow(
        paste(
            driver,
            token,
            DEMO_CUSTOM_CLIENT_ID,
            DEMO_CUSTOM_CLIENT_SECRET,
            csrfmiddlewaretoken=page.context["csrf_token"],
        )
    )
    assert ok.status_code == 200 and LinkedAccount.objects.count() == 1


@pytest.mark.django_db
def test_only_providers_that_declare_it(driver, settings):
    settings.LEDGERLINK_PROVIDERS = {
        **settings.LEDGERLINK_PROVIDERS,
        "quickbooks": "connectors.quickbooks.QuickBooksProvider",
    }
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "quickbooks": {"client_id": "x", "client_secret": "y"},
    }
    token = driver.link_token(providers=["quickbooks"])
    assert "custom connection" not in driver.open(token).content.decode()
    assert driver.browser.get(form_path(token, "quickbooks")).status_code == 404
    assert driver.browser.get(form_path(token, "xero")).status_code == 404  # not offered


@pytest.mark.django_db
def test_used_link_cannot_link_again(driver):
    token, _ = link_demo(driver)
    again = paste(driver, token, DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET)
    assert again.status_code == 410 and again.context["code"] == "link_token_used"
    assert LinkedAccount.objects.count() == 1


@pytest.mark.django_db
def test_relink_with_new_credentials(driver):
    link_demo(driver)
    account = LinkedAccount.objects.get()
    GrantCredentialStore(account.grant_id).mark_relink_required("unauthorized_client")
    account.refresh_from_db()
    assert account.status == LinkedAccountStatus.RELINK_REQUIRED

    other = driver.sandbox.control.register_custom_connection("us")
    token = driver.relink_token(account.pk)
    mismatch = paste(driver, token, other["client_id"], other["client_secret"])
    assert mismatch.status_code == 400
    assert "reaches another organisation" in mismatch.content.decode()

    fresh = driver.sandbox.control.register_custom_connection("uk")
    done = driver.follow(paste(driver, token, fresh["client_id"], fresh["client_secret"]))
    assert done.status_code == 200
    account.refresh_from_db()
    assert account.status == LinkedAccountStatus.ACTIVE
    assert account.grant.client_id == fresh["client_id"]
    assert account.grant.client_secret == fresh["client_secret"]
    assert Grant.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_linked_custom_connection_syncs_and_serves_invoices(driver, authed_client):
    link_demo(driver)
    account = LinkedAccount.objects.get()
    if account.last_sync_at is None:  # the initial sync may already have run on link
        sync_services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    account.refresh_from_db()
    assert account.last_sync_at is not None

    driver.sandbox.control.advance_clock(1801)  # the token expired: a new one is obtained
    grant_token = account.grant.access_token
    run = sync_services.request_sync(account, SyncMode.INCREMENTAL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    account.grant.refresh_from_db()
    assert account.grant.access_token != grant_token

    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    invoices = authed_client.get("/v1/invoices", {"page_size": 50})
    assert invoices.status_code == 200, invoices.content
    assert invoices.json()["results"]


@pytest.mark.django_db
def test_deleting_forgets_the_credentials_without_revoking(driver):
    link_demo(driver)
    account = LinkedAccount.objects.get()
    token = account.grant.access_token
    delete_linked_account(account)
    assert_nothing_linked()
    endpoints = driver.sandbox.control.counters()["endpoints"]
    assert "POST /connect/revocation" not in endpoints
    assert "DELETE /connections/{id}" not in endpoints
    # the custom connection itself is untouched at Xero
    assert driver.sandbox.connections(token)


@pytest.mark.django_db
def test_a_consent_waiting_in_the_picker_is_given_back(driver):
    token = driver.link_token()
    auth = driver.start(token)
    picker = driver.follow(
        driver.callback(code=driver.consent(auth, ["us", "au"]), state=auth.state)
    )
    assert "connect/organisations.html" in [t.name for t in picker.templates]
    oauth_grant = driver.sandbox.control.grants()[-1]
    done = driver.follow(paste(driver, token, DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET))
    assert done.status_code == 200
    assert [a.tenant_name for a in LinkedAccount.objects.all()] == ["Demo Company (UK)"]
    revoked = {g["id"]: g["revoked"] for g in driver.sandbox.control.grants()}
    assert revoked[oauth_grant["id"]] is True
    assert LinkSession.objects.get().pending_credentials == ""
