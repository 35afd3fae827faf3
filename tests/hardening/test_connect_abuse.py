"""Guessed, malformed, replayed and expired link tokens, OAuth `state`s and session ids on the
hosted connect pages (the happy and the common failure paths are in tests/gateway/connect)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gateway.connect import services
from gateway.connect.models import LinkSession, LinkSessionStatus

pytestmark = pytest.mark.django_db

REDIRECT_URL = "https://app.example.com/integrations/done"


@pytest.fixture
def link(authed_client, settings):
    settings.LEDGERLINK_PROVIDER_SETTINGS = {
        **settings.LEDGERLINK_PROVIDER_SETTINGS,
        "xero": {"client_id": "x", "client_secret": "y"},
    }
    response = authed_client.post(
        "/v1/link-tokens", {"end_user_id": "u1", "redirect_url": REDIRECT_URL}, format="json"
    )
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    return response.json()


def start(browser: Client, token: str):
    page = browser.get(f"/connect/{token}")
    return browser.post(
        f"/connect/{token}/start",
        {"provider": "xero", "csrfmiddlewaretoken": page.context["csrf_token"]},
    )


def test_tokens_are_stored_hashed(link):
    session = LinkSession.objects.get()
    stored = " ".join(str(v) for v in LinkSession.objects.values().get().values())
    assert link["link_token"] not in stored
    assert session.token_hash == services.hash_secret(link["link_token"])


@pytest.mark.parametrize(
    "guess",
    [
        "lt_" + "A" * 43,  # well-formed, unknown
        "lt_x",
        "lt_" + "a" * 5_000,
        "LT_" + "A" * 43,
        "lt_%00%0d%0aSet-Cookie:x=1",
        "lt_\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9",
        "..%2f..%2fadmin",
    ],
)
def test_guessed_or_malformed_tokens_reveal_nothing(link, client, guess):
    for response in (client.get(f"/connect/{guess}"), client.post(f"/connect/{guess}/start")):
        assert response.status_code in {403, 404}, (guess, response.status_code)
        body = response.content.decode()
        assert "Acme Analytics" not in body and REDIRECT_URL not in body
        assert "x=1" not in response.headers.get("Set-Cookie", "")
    assert LinkSession.objects.get().status == LinkSessionStatus.CREATED


def test_a_token_one_character_off_is_unknown(link, client):
    token = link["link_token"]
    near = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/connect/{near}").status_code == 404
    assert client.get(f"/connect/{token}").status_code == 200


def test_an_expired_token_cannot_start_a_consent(link):
    LinkSession.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    browser = Client()
    assert browser.get(f"/connect/{link['link_token']}").status_code == 410
    response = browser.post(f"/connect/{link['link_token']}/start", {"provider": "xero"})
    assert response.status_code == 410
    session = LinkSession.objects.get()
    assert session.status == LinkSessionStatus.FAILED and not session.state_hash


@pytest.mark.parametrize(
    "query",
    [
        "",
        "state=",
        "state=" + "s" * 10_000,
        "state=%00&code=x",
        "state=\u00e9\u00e9&code=x",
        "state=a&state=b&code=x",
        "code=stolen-code",
        "error=access_denied",
    ],
)
def test_malformed_or_guessed_states_end_nothing_and_exchange_nothing(link, query):
    browser = Client()
    response = start(browser, link["link_token"])
    assert response.status_code == 302
    callback = browser.get("/connect/callback?" + query)
    assert callback.status_code == 400
    assert "connect/error.html" in [t.name for t in callback.templates]
    # This browser's own flow ends (the customer hears invalid_state); no token was exchanged.
    session = LinkSession.objects.get()
    assert session.status in {LinkSessionStatus.FAILED, LinkSessionStatus.AUTHORIZING}
    assert not session.pending_credentials


def test_a_state_from_another_browser_does_not_touch_that_flow(link):
    victim = Client()
    response = start(victim, link["link_token"])
    from urllib.parse import parse_qs, urlsplit

    state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
    attacker = Client()
    callback = attacker.get(f"/connect/callback?state={state}&code=attacker-code")
    assert callback.status_code == 400
    # The victim's flow is untouched: its state still works for the victim.
    session = LinkSession.objects.get()
    assert session.status == LinkSessionStatus.AUTHORIZING
    assert session.state_hash == services.hash_secret(state)


@pytest.mark.parametrize("page", ["organisations", "result"])
def test_guessed_session_pages_are_not_served(link, page):
    browser = Client()
    start(browser, link["link_token"])
    session = LinkSession.objects.get()
    for session_id in (uuid.uuid4(), session.pk):
        response = Client().get(f"/connect/s/{session_id}/{page}")
        assert response.status_code == 404
        assert "Acme Analytics" not in response.content.decode()
