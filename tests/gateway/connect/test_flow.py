"""The hosted connect flow end to end against the Xero sandbox (non-interactive consent)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.accounts.signals import accounts_linked
from gateway.connect.models import LinkSession, LinkSessionStatus

from .conftest import REDIRECT_URL, query_of, redirect_target

pytestmark = pytest.mark.django_db


def assert_nothing_linked():
    assert not LinkedAccount.objects.exists()
    assert not Grant.objects.exists()


def assert_error_page(response, code: str, status: int = 400):
    assert response.status_code == status, response.content
    assert "connect/error.html" in [t.name for t in response.templates]
    assert response.context["code"] == code
    target = query_of(redirect_target(response))
    assert target == {"error": code, "end_user_id": "end-user-1"}
    assert redirect_target(response).startswith(REDIRECT_URL + "?")
    html = response.content.decode()
    assert f'content="10;url={redirect_target(response).replace("&", "&amp;")}"' in html


def session() -> LinkSession:
    return LinkSession.objects.get()


# -- happy paths --------------------------------------------------------------------------------


def test_single_organisation_is_linked_directly(
    driver, django_capture_on_commit_callbacks, linked_signals
):
    with django_capture_on_commit_callbacks(execute=True):
        _token, response = driver.link(["uk"], end_user_name="Northwind")
    assert response.status_code == 200
    assert "connect/success.html" in [t.name for t in response.templates]

    account = LinkedAccount.objects.get()
    assert account.tenant_id == driver.sandbox.tenant_id("uk")
    assert account.tenant_name == "Demo Company (UK)"
    assert account.tenant_type == "ORGANISATION"
    assert account.connection_id
    assert account.status == LinkedAccountStatus.ACTIVE
    assert account.end_user_id == "end-user-1" and account.end_user_name == "Northwind"
    assert account.customer == driver.customer

    target = redirect_target(response)
    assert query_of(target) == {"linked_account_ids": str(account.pk), "end_user_id": "end-user-1"}
    html = response.content.decode()
    assert "Demo Company (UK)" in html and "Acme Analytics" in html
    assert f'http-equiv="refresh" content="3;url={target.replace("&", "&amp;")}"' in html

    # tokens are stored encrypted on the grant, readable through the field
    grant = account.grant
    assert grant.access_token.count(".") == 2 and grant.refresh_token
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_token, refresh_token FROM accounts_grant")
        raw_access, raw_refresh = cursor.fetchone()
    assert grant.access_token not in raw_access and grant.refresh_token not in raw_refresh

    assert linked_signals == [{"signal": accounts_linked, "accounts": [account], "relinked": False}]
    assert session().status == LinkSessionStatus.COMPLETED
    assert session().code_verifier == "" and session().pending_credentials == ""


def test_picker_links_only_the_ticked_organisations(driver, django_capture_on_commit_callbacks):
    token = driver.link_token()
    auth = driver.start(token)
    response = driver.follow(
        driver.callback(code=driver.consent(auth, ["uk", "us", "au"]), state=auth.state)
    )
    assert response.status_code == 200
    assert "connect/organisations.html" in [t.name for t in response.templates]
    html = response.content.decode()
    for name in ("Demo Company (UK)", "Demo Company (US)", "Demo Company (AU)"):
        assert name in html
    assert "checked" not in html, "no organisation is pre-ticked"
    assert_nothing_linked()
    assert session().status == LinkSessionStatus.CHOOSING

    picker = response.request["PATH_INFO"]
    uk, au = driver.sandbox.tenant_id("uk"), driver.sandbox.tenant_id("au")
    with django_capture_on_commit_callbacks(execute=True):
        done = driver.follow(driver.browser.post(picker, {"tenant": [uk, au]}))
    assert done.status_code == 200
    accounts = list(LinkedAccount.objects.order_by("tenant_name"))
    assert [a.tenant_id for a in accounts] == [au, uk]
    assert len({a.grant_id for a in accounts}) == 1
    assert Grant.objects.count() == 1
    ids = query_of(redirect_target(done))["linked_account_ids"].split(",")
    assert sorted(ids) == sorted(str(a.pk) for a in accounts)

    # the unticked organisation was given back at the provider
    reachable = {c["tenantId"] for c in driver.sandbox.connections(accounts[0].grant.access_token)}
    assert reachable == {uk, au}

    # submitting again changes nothing
    again = driver.follow(driver.browser.post(picker, {"tenant": [uk]}))
    assert again.status_code == 200 and LinkedAccount.objects.count() == 2


def test_picker_requires_at_least_one_tick(driver):
    token = driver.link_token()
    auth = driver.start(token)
    response = driver.follow(
        driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state)
    )
    picker = response.request["PATH_INFO"]
    response = driver.browser.post(picker, {"action": "link"})
    assert response.status_code == 400
    assert "Select at least one organisation" in response.content.decode()
    assert_nothing_linked()
    assert session().status == LinkSessionStatus.CHOOSING
    # a tenant the consent did not cover counts as nothing
    response = driver.browser.post(picker, {"tenant": ["not-a-tenant-of-this-consent"]})
    assert response.status_code == 400
    assert_nothing_linked()


def test_picker_is_csrf_protected(driver):
    token = driver.link_token()
    driver.browser = Client(enforce_csrf_checks=True)
    driver.open(token)
    page = driver.browser.get(driver.path(token["url"]))
    csrf = page.context["csrf_token"]
    response = driver.browser.post(
        f"{driver.path(token['url'])}/start", {"provider": "xero", "csrfmiddlewaretoken": csrf}
    )
    assert response.status_code == 302
    auth = query_of(response["Location"])
    code = driver.sandbox.authorize(
        redirect_uri=auth["redirect_uri"],
        tenants=["uk", "us"],
        state=auth["state"],
        code_challenge=auth["code_challenge"],
    )
    picker = driver.follow(driver.callback(code=code, state=auth["state"]))
    path = picker.request["PATH_INFO"]
    uk = driver.sandbox.tenant_id("uk")
    assert driver.browser.post(path, {"tenant": [uk]}).status_code == 403
    assert_nothing_linked()
    ok = driver.follow(
        driver.browser.post(
            path, {"tenant": [uk], "csrfmiddlewaretoken": picker.context["csrf_token"]}
        )
    )
    assert ok.status_code == 200 and LinkedAccount.objects.count() == 1


def test_same_end_user_linking_again_keeps_the_account(driver):
    driver.link(["uk"])
    first = LinkedAccount.objects.get()
    old_grant = first.grant_id
    driver.link(["uk"])
    again = LinkedAccount.objects.get()
    assert again.pk == first.pk
    assert again.grant_id != old_grant
    assert not Grant.objects.filter(pk=old_grant).exists()


# -- ends without linking -----------------------------------------------------------------------


def test_cancel_in_picker_gives_the_consent_back(driver):
    token = driver.link_token()
    auth = driver.start(token)
    response = driver.follow(
        driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state)
    )
    response = driver.follow(
        driver.browser.post(response.request["PATH_INFO"], {"action": "cancel"})
    )
    assert_error_page(response, "cancelled")
    assert_nothing_linked()
    grants = driver.sandbox.control.grants()
    assert len(grants) == 1 and grants[0]["revoked"], "the abandoned consent is revoked"
    assert session().pending_credentials == ""


def test_cancel_before_consent(driver):
    token = driver.link_token()
    driver.open(token)
    response = driver.follow(
        driver.browser.post(f"{driver.path(token['url'])}/start", {"action": "cancel"})
    )
    assert_error_page(response, "cancelled")
    assert_nothing_linked()


def test_access_denied_at_the_provider(driver):
    token = driver.link_token()
    auth = driver.start(token)
    response = driver.follow(driver.callback(error="access_denied", state=auth.state))
    assert_error_page(response, "access_denied")
    assert "declined access at Xero" in response.content.decode()
    assert_nothing_linked()


def test_other_provider_error(driver):
    token = driver.link_token()
    auth = driver.start(token)
    response = driver.follow(driver.callback(error="invalid_scope", state=auth.state))
    assert_error_page(response, "provider_error")
    assert session().error_detail == "invalid_scope"


def test_bad_code(driver):
    token = driver.link_token()
    auth = driver.start(token)
    response = driver.follow(driver.callback(code="not-a-real-code", state=auth.state))
    assert_error_page(response, "authorization_failed")
    assert_nothing_linked()


def test_code_without_the_pkce_verifier_is_refused(driver):
    """A code obtained for another challenge cannot be redeemed with our verifier."""
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.sandbox.authorize(
        redirect_uri=auth.redirect_uri, tenants=["uk"], state=auth.state, code_challenge="x" * 43
    )
    response = driver.follow(driver.callback(code=code, state=auth.state))
    assert_error_page(response, "authorization_failed")
    assert_nothing_linked()


def test_provider_unavailable(driver):
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.consent(auth, ["uk"])
    driver.sandbox.control.faults([{"prefix": "/connect/token", "error_503": 1}])
    response = driver.follow(driver.callback(code=code, state=auth.state))
    assert_error_page(response, "provider_unavailable")
    assert_nothing_linked()


def test_forged_state(driver):
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.consent(auth, ["uk"])
    response = driver.callback(code=code, state="forged-" + auth.state[7:])
    assert_error_page(response, "invalid_state")
    assert_nothing_linked()
    assert session().status == LinkSessionStatus.FAILED
    # the real state can no longer be used either
    response = driver.follow(driver.callback(code=code, state=auth.state))
    assert response.status_code == 400
    assert response.context["code"] == "invalid_state"
    assert_nothing_linked()


def test_callback_without_any_flow_in_this_browser(driver):
    response = Client().get("/connect/callback", {"code": "x", "state": "y"})
    assert response.status_code == 400
    assert response.context["code"] == "invalid_state"
    assert response.context["return_url"] is None
    assert "could not be verified" in response.content.decode()


def test_replayed_state(driver):
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.consent(auth, ["uk"])
    first = driver.follow(driver.callback(code=code, state=auth.state))
    assert first.status_code == 200 and LinkedAccount.objects.count() == 1
    replay = driver.callback(code=code, state=auth.state)
    assert replay.status_code == 400
    assert replay.context["code"] == "invalid_state"
    assert LinkedAccount.objects.count() == 1 and Grant.objects.count() == 1


def test_state_from_another_browser(driver):
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.consent(auth, ["uk"])
    response = Client().get("/connect/callback", {"code": code, "state": auth.state})
    assert response.status_code == 400
    assert response.context["code"] == "invalid_state"
    assert_nothing_linked()


def test_restarting_invalidates_the_first_state(driver):
    token = driver.link_token()
    first = driver.start(token)
    second = driver.start(token)
    response = driver.callback(code=driver.consent(first, ["uk"]), state=first.state)
    assert response.status_code == 400 and response.context["code"] == "invalid_state"
    assert_nothing_linked()
    assert second.state != first.state


def test_expired_link_token(driver):
    token = driver.link_token()
    LinkSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = driver.open(token)
    assert_error_page(response, "link_token_expired", status=410)
    assert session().status == LinkSessionStatus.FAILED


def test_link_token_expiring_during_consent(driver):
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.consent(auth, ["uk"])
    LinkSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = driver.follow(driver.callback(code=code, state=auth.state))
    assert_error_page(response, "link_token_expired", status=410)
    assert_nothing_linked()


def test_link_token_expiring_in_the_picker_revokes_the_consent(driver):
    token = driver.link_token()
    auth = driver.start(token)
    picker = driver.follow(
        driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state)
    )
    LinkSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = driver.follow(
        driver.browser.post(
            picker.request["PATH_INFO"], {"tenant": [driver.sandbox.tenant_id("uk")]}
        )
    )
    assert_error_page(response, "link_token_expired", status=410)
    assert_nothing_linked()
    assert driver.sandbox.control.grants()[0]["revoked"]


def test_abandoned_picker_is_cleaned_up(driver):
    from gateway.connect.services import expire_stale_sessions

    token = driver.link_token()
    auth = driver.start(token)
    driver.follow(driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state))
    assert expire_stale_sessions() == 0
    LinkSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert expire_stale_sessions() == 1
    assert session().error_code == "link_token_expired"
    assert session().pending_credentials == ""
    assert driver.sandbox.control.grants()[0]["revoked"]
    assert_nothing_linked()


def test_used_link_token(driver):
    token, _ = driver.link(["uk"])
    response = driver.open(token)
    assert_error_page(response, "link_token_used", status=410)
    start = driver.browser.post(f"{driver.path(token['url'])}/start", {"provider": "xero"})
    assert start.status_code == 410
    assert LinkedAccount.objects.count() == 1


def test_unknown_link_token(driver):
    for path in ("/connect/lt_" + "x" * 43, "/connect/whatever"):
        response = driver.browser.get(path)
        assert response.status_code == 404
        assert response.context["code"] == "invalid_link"
        assert response.context["return_url"] is None


def test_provider_not_offered_by_the_token(driver):
    token = driver.link_token()
    driver.open(token)
    response = driver.browser.post(f"{driver.path(token['url'])}/start", {"provider": "sage"})
    assert response.status_code == 400
    assert session().status == LinkSessionStatus.CREATED


def test_pages_of_another_browser_are_not_served(driver):
    token = driver.link_token()
    auth = driver.start(token)
    picker = driver.follow(
        driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state)
    )
    stranger = Client()
    path = picker.request["PATH_INFO"]
    assert stranger.get(path).status_code == 404
    assert stranger.post(path, {"tenant": [driver.sandbox.tenant_id("uk")]}).status_code == 404
    assert_nothing_linked()


# -- the pages themselves --------------------------------------------------------------------------


def test_hosted_pages_send_security_headers(driver):
    token = driver.link_token()
    pages = [driver.open(token), driver.browser.get("/connect/callback")]
    for response in pages:
        assert response["Content-Security-Policy"].startswith("default-src 'self'")
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["Cache-Control"] == "no-store"
        assert response["X-Frame-Options"] == "DENY"


def test_choose_page_shows_the_customer_and_providers(driver):
    token = driver.link_token()
    response = driver.open(token)
    html = response.content.decode()
    assert "Acme Analytics" in html and "Xero" in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "/static/connect/connect.css" in html
    assert "http://" not in html and "https://" not in html, "no external assets"


def test_authorization_request(driver):
    token = driver.link_token()
    auth = driver.start(token)
    params = query_of(auth.url)
    assert auth.url.startswith(driver.sandbox.authorize_url + "?")
    assert params["redirect_uri"] == "http://127.0.0.1:8000/connect/callback"
    assert params["code_challenge_method"] == "S256"
    assert params["response_type"] == "code"
    assert len(auth.state) >= 32
    stored = LinkSession.objects.values().get()
    assert auth.state not in [str(v) for v in stored.values()], "state is stored hashed"
    assert "code_verifier" not in params


def test_demo_return_page(client):
    response = client.get(
        "/connect/demo-return", {"linked_account_ids": "a,b", "end_user_id": "demo-user"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "linked 2 accounts" in html and "demo-user" in html
    response = client.get("/connect/demo-return", {"error": "access_denied"})
    assert "access_denied" in response.content.decode()


def test_demo_return_page_is_not_served_in_production(client, settings):
    settings.IS_DEVELOPMENT = False
    response = client.get("/connect/demo-return", {"linked_account_ids": "a"})
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "not_found"


def test_reopening_the_link_while_picking_keeps_the_picker(driver):
    token = driver.link_token()
    auth = driver.start(token)
    picker = driver.follow(
        driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state)
    )
    again = driver.open(token)
    assert again.status_code == 302
    assert again["Location"] == picker.request["PATH_INFO"]


def test_starting_over_from_the_picker_gives_the_first_consent_back(driver):
    token = driver.link_token()
    auth = driver.start(token)
    driver.follow(driver.callback(code=driver.consent(auth, ["uk", "us"]), state=auth.state))
    response = driver.browser.post(f"{driver.path(token['url'])}/start", {"provider": "xero"})
    assert response.status_code == 302
    assert session().status == LinkSessionStatus.AUTHORIZING
    assert session().pending_credentials == "" and session().pending_tenants == []
    assert driver.sandbox.control.grants()[0]["revoked"]
    # and the new round goes through
    second = query_of(response["Location"])
    code = driver.sandbox.authorize(
        redirect_uri=second["redirect_uri"],
        tenants=["uk"],
        state=second["state"],
        code_challenge=second["code_challenge"],
    )
    done = driver.follow(driver.callback(code=code, state=second["state"]))
    assert done.status_code == 200 and LinkedAccount.objects.count() == 1


def test_provider_disabled_during_the_flow(driver, settings):
    token = driver.link_token()
    auth = driver.start(token)
    code = driver.consent(auth, ["uk"])
    settings.LEDGERLINK_PROVIDERS = {}
    response = driver.follow(driver.callback(code=code, state=auth.state))
    assert_error_page(response, "provider_error")
    assert_nothing_linked()


def test_expire_link_sessions_command(driver):
    from io import StringIO

    from django.core.management import call_command

    driver.link_token()
    LinkSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    out = StringIO()
    call_command("expire_link_sessions", stdout=out)
    assert out.getvalue().strip() == "1 link session(s) expired"
    assert session().error_code == "link_token_expired"
