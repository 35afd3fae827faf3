"""QuickBooks fleet companies (``POST /_sandbox/fleet``): copies of the US demo company's books
under their own realmIds, each consented to and read on its own; a reset forgets them."""

from __future__ import annotations

import pytest
import requests


def test_fleet_companies_are_seeded_consented_and_read(quickbooks_sandbox):
    sandbox = quickbooks_sandbox
    answer = requests.post(
        f"{sandbox.base_url}/_sandbox/fleet", json={"companies": 2, "invoices": 7}, timeout=60
    ).json()
    assert answer["companies"] == 2 and answer["added"] == 2
    listed = {c["key"]: c["realmId"] for c in sandbox.control.companies()}
    assert "fleet-00002" in listed and listed["fleet-00002"] != sandbox.realm("us")

    tokens, realm = sandbox.connect("fleet-00002")
    assert realm == listed["fleet-00002"]
    fleet = sandbox.api(tokens["access_token"], realm)
    demo_tokens, _ = sandbox.connect("us")
    demo = sandbox.api(demo_tokens["access_token"], "us")
    count = "SELECT COUNT(*) FROM Invoice"
    fleet_n = fleet.query(count)["QueryResponse"]["totalCount"]
    demo_n = demo.query(count)["QueryResponse"]["totalCount"]
    assert fleet_n == demo_n + 7


def test_a_reset_forgets_the_fleet(quickbooks_sandbox):
    sandbox = quickbooks_sandbox
    requests.post(f"{sandbox.base_url}/_sandbox/fleet", json={"companies": 1}, timeout=60)
    sandbox.control.reset()
    assert len(sandbox.control.companies()) == 2
    with pytest.raises(AssertionError):
        sandbox.authorize("fleet-00001")
