"""Linking a Xero custom connection in a real browser: the second way in on the choose page,
the client id and secret form (refusal, then success) and the way back to the customer."""

from __future__ import annotations

import re

import pytest

from gateway.accounts.models import Grant, LinkedAccount
from tests.browser.test_connect import gateway, query  # noqa: F401 - the live gateway fixture
from tests.plugins.sandbox import DEMO_CUSTOM_CLIENT_ID, DEMO_CUSTOM_CLIENT_SECRET

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_link_a_custom_connection(page, shoot, gateway):  # noqa: F811
    token = gateway.link_token(end_user_name="Northwind Traders")
    page.goto(token["url"])
    shoot(page, "choose-provider")
    page.get_by_role("link", name=re.compile("Use a Xero custom connection")).click()

    page.wait_for_url(re.compile(r".*/custom/xero$"))
    assert page.get_by_role("heading", name="Use a Xero custom connection").is_visible()
    shoot(page, "form")
    page.get_by_text("Where do I find them?").click()
    assert page.get_by_role("link", name="Open Xero's developer portal").is_visible()
    shoot(page, "form-help")

    page.get_by_label("Client id").fill(DEMO_CUSTOM_CLIENT_ID)
    page.get_by_label("Client secret").fill("a-wrong-secret-value")
    page.get_by_role("button", name="Connect").click()
    alert = page.get_by_role("alert")
    assert "did not accept this client id and secret" in alert.inner_text()
    assert page.get_by_label("Client id").input_value() == DEMO_CUSTOM_CLIENT_ID
    assert page.get_by_label("Client secret").input_value() == ""
    assert "a-wrong-secret-value" not in page.content()
    shoot(page, "form-refused")
    assert not LinkedAccount.objects.exists() and not Grant.objects.exists()

    page.set_viewport_size({"width": 390, "height": 844})
    shoot(page, "form-phone")
    page.set_viewport_size({"width": 1280, "height": 860})

    page.get_by_label("Client secret").fill(DEMO_CUSTOM_CLIENT_SECRET)
    page.get_by_role("button", name="Connect").click()
    page.wait_for_url(re.compile(r".*/connect/s/.*/result"))
    assert page.get_by_role("heading", name="Connected").is_visible()
    assert page.get_by_text("Demo Company (UK)").is_visible()
    shoot(page, "success")
    page.wait_for_url(re.compile(r".*/connect/demo-return\?.*"), timeout=10_000)
    received = query(page.url)
    account = LinkedAccount.objects.get()
    assert received == {"linked_account_ids": str(account.pk), "end_user_id": "end-user-1"}
    assert DEMO_CUSTOM_CLIENT_SECRET not in page.content()
