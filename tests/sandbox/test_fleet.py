"""Fleet organisations (``POST /_sandbox/fleet``): many organisations with the demo reference
data and bulk records, reachable by one consent, named in the connections."""

from __future__ import annotations

import pytest
import requests


def test_fleet_organisations_are_seeded_consented_and_listed(xero_sandbox):
    answer = requests.post(
        f"{xero_sandbox.base_url}/_sandbox/fleet",
        json={"organisations": 3, "invoices": 12, "contacts": 5, "payments": 2},
        timeout=60,
    ).json()
    assert answer["organisations"] == 3 and answer["added"] == 3
    listed = {t["name"]: t["tenantId"] for t in xero_sandbox.control.tenants()}
    assert "Fleet Organisation 00002 (AU)" in listed

    tokens = xero_sandbox.connect(tenants=["fleet-00001", "fleet-00002"])
    connections = requests.get(
        xero_sandbox.connections_url,
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    ).json()
    assert [c["tenantName"] for c in connections] == [
        "Fleet Organisation 00001 (US)",
        "Fleet Organisation 00002 (AU)",
    ]
    api = xero_sandbox.api(tokens["access_token"], connections[0]["tenantId"])
    invoices = api.get("Invoices", params={"page": 1}).json()["Invoices"]
    assert len(invoices) == 12
    org = api.get("Organisation").json()["Organisations"][0]
    assert org["Name"] == "Fleet Organisation 00001 (US)" and org["BaseCurrency"] == "USD"


def test_a_reset_forgets_the_fleet(xero_sandbox):
    requests.post(f"{xero_sandbox.base_url}/_sandbox/fleet", json={"organisations": 2}, timeout=60)
    xero_sandbox.control.reset()
    assert len(xero_sandbox.control.tenants()) == 3
    with pytest.raises(AssertionError, match="400"):
        xero_sandbox.control.authorize(client_id=xero_sandbox.client_id, tenants=["fleet-00001"])
