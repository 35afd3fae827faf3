"""The sandbox starts, seeds three organisations and serves a connected app."""

from __future__ import annotations


def test_starts_and_lists_three_demo_organisations(xero_sandbox):
    assert set(xero_sandbox.tenants) == {"uk", "us", "au"}
    assert xero_sandbox.tenant_names["uk"] == "Demo Company (UK)"


def test_connected_app_reads_invoices(connected):
    response = connected.uk.get("Invoices")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["Status"] == "OK"
    assert len(body["Invoices"]) >= 15
    org = connected.uk.get("Organisation").json()["Organisations"][0]
    assert org["BaseCurrency"] == "GBP"
