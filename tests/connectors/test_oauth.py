"""OAuth helpers against a fake identity server."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from connectors.errors import ConnectorError, RelinkRequired
from connectors.oauth import new_code_verifier, new_state, states_match
from connectors.xero import XeroProvider

from .conftest import fresh_credentials, xero_settings
from .fakes import Reply


def test_authorization_url_has_state_and_pkce_s256(provider, fake):
    verifier, state = new_code_verifier(), new_state()
    url = provider.authorization_url("https://app.example/callback", state, verifier)
    parts = urlsplit(url)
    assert (
        f"{parts.scheme}://{parts.netloc}{parts.path}"
        == f"{fake.base_url}/identity/connect/authorize"
    )
    q = {k: v[0] for k, v in parse_qs(parts.query).items()}
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=")
    assert q == {
        "response_type": "code",
        "client_id": "client-id",
        "redirect_uri": "https://app.example/callback",
        # accounting.settings, not .read: accounts are written too; accounting.attachments for
        # files on records.
        "scope": "openid profile email offline_access accounting.attachments "
        "accounting.settings accounting.invoices accounting.contacts accounting.payments "
        "accounting.manualjournals accounting.journals.read accounting.banktransactions "
        "accounting.reports.balancesheet.read accounting.reports.profitandloss.read "
        "accounting.reports.trialbalance.read accounting.reports.aged.read",
        "state": state,
        "code_challenge": challenge.decode(),
        "code_challenge_method": "S256",
    }
    assert (
        43 <= len(verifier) <= 128 and states_match(state, state) and not states_match(state, "x")
    )


def test_default_urls_are_xero():
    p = XeroProvider({"client_id": "id", "client_secret": "s"})
    assert p.oauth.authorize_url == "https://login.xero.com/identity/connect/authorize"
    assert p.oauth.token_url == "https://identity.xero.com/connect/token"
    assert p.oauth.revoke_url == "https://identity.xero.com/connect/revocation"
    assert p.oauth.connections_url == "https://api.xero.com/connections"
    assert p.api_base_url == "https://api.xero.com/api.xro/2.0"


def test_plain_http_is_refused_off_loopback():
    with pytest.raises(ValueError, match="loopback"):
        _ = XeroProvider({"token_url": "http://sandbox.internal/connect/token"}).oauth
    ok = XeroProvider(
        {"token_url": "http://sandbox.internal/connect/token", "allow_insecure_transport": True}
    )
    assert ok.oauth.token_url.startswith("http://")


def test_exchange_code(provider, fake, token_endpoint):
    creds = provider.exchange_code("good-code", "https://app.example/callback", "v" * 50)
    assert creds.access_token == "a1" and creds.refresh_token == "r1"
    assert creds.expires_at.tzinfo is not None
    assert 1790 < (creds.expires_at - datetime.now(UTC)).total_seconds() <= 1800
    assert "accounting.transactions" in creds.scope and creds.extra["token_type"] == "Bearer"
    (req,) = fake.calls("/connect/token")
    form = req.form()
    assert form == {
        "grant_type": "authorization_code",
        "code": "good-code",
        "redirect_uri": "https://app.example/callback",
        "code_verifier": "v" * 50,
    }
    basic = base64.b64encode(b"client-id:client-secret").decode()
    assert req.headers["authorization"] == f"Basic {basic}"
    assert "a1" not in repr(creds)


def test_bad_code_is_an_error(provider, token_endpoint):
    with pytest.raises(ConnectorError):
        provider.exchange_code("bad-code", "https://app.example/callback", "v" * 50)


def test_refresh_invalid_grant(provider, token_endpoint):
    with pytest.raises(RelinkRequired):
        provider.refresh(fresh_credentials("a", "not-issued"))


def test_list_tenants(provider, fake):
    fake.route(
        "GET",
        "/connections",
        Reply(
            200,
            [
                {
                    "id": "conn-1",
                    "authEventId": "ev-1",
                    "tenantId": "t-1",
                    "tenantType": "ORGANISATION",
                    "tenantName": "Demo Company (NZ)",
                    "createdDateUtc": "2024-01-02T03:04:05.1234567",
                    "updatedDateUtc": "2024-01-02T03:04:05Z",
                },
                {
                    "id": "conn-2",
                    "authEventId": "ev-1",
                    "tenantId": "t-2",
                    "tenantType": "ORGANISATION",
                    "tenantName": "Second Org",
                    "createdDateUtc": None,
                    "updatedDateUtc": None,
                },
            ],
        ),
    )
    tenants = provider.list_tenants(fresh_credentials("tok"))
    assert [(t.id, t.name, t.connection_id, t.auth_event_id, t.type) for t in tenants] == [
        ("t-1", "Demo Company (NZ)", "conn-1", "ev-1", "ORGANISATION"),
        ("t-2", "Second Org", "conn-2", "ev-1", "ORGANISATION"),
    ]
    assert tenants[0].updated_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert fake.calls("/connections")[0].headers["authorization"] == "Bearer tok"


def test_revoke_and_disconnect(provider, fake):
    fake.route("POST", "/connect/revocation", Reply(200, ""))
    fake.route("DELETE", "/connections/conn-1", Reply(204, None))
    provider.revoke(fresh_credentials("tok", "refresh-1"))
    provider.disconnect(fresh_credentials("tok"), "conn-1")
    (rev,) = fake.calls("/connect/revocation")
    assert rev.form() == {"token": "refresh-1"}
    (dis,) = fake.calls("/connections/")
    assert dis.method == "DELETE" and dis.headers["authorization"] == "Bearer tok"


def test_settings_override_everything(fake):
    p = XeroProvider(xero_settings(fake.base_url, scopes="openid accounting.transactions"))
    assert p.oauth.scopes == ("openid", "accounting.transactions")
