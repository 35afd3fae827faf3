"""Deterministic demo data, fast bulk seeding and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

import requests

from tests.plugins.sandbox import ROOT


def test_seed_is_deterministic_and_covers_every_case(connected):
    api = connected.uk
    first = api.get("Invoices", params={"page": 1}).json()["Invoices"]
    connected.sandbox.control.reset()
    tokens = connected.sandbox.connect()
    api = connected.sandbox.api(tokens["access_token"], "uk")
    again = api.get("Invoices", params={"page": 1}).json()["Invoices"]
    assert [(i["InvoiceID"], i["Total"], i["UpdatedDateUTC"]) for i in first] == [
        (i["InvoiceID"], i["Total"], i["UpdatedDateUTC"]) for i in again
    ]
    assert connected.sandbox.tenants["uk"] == str(
        uuid.uuid5(uuid.UUID("5e1d0b7a-4c1b-4f52-9f0c-6c6564676572"), "tenant:uk")
    )
    invoices = again
    assert {i["Status"] for i in invoices} == {
        "DRAFT",
        "SUBMITTED",
        "AUTHORISED",
        "PAID",
        "VOIDED",
        "DELETED",
    }
    assert {i["Type"] for i in invoices} == {"ACCREC", "ACCPAY"}
    assert {i["LineAmountTypes"] for i in invoices} == {"Exclusive", "Inclusive", "NoTax"}
    assert {i["CurrencyCode"] for i in invoices} == {"GBP", "USD"}
    assert any(0 < i["AmountPaid"] < i["Total"] for i in invoices)  # partial payment
    assert any(i["AmountCredited"] > 0 for i in invoices)
    assert any(i.get("IsDiscounted") for i in invoices)
    notes = api.get("CreditNotes").json()["CreditNotes"]
    assert {n["Status"] for n in notes} == {
        "DRAFT",
        "SUBMITTED",
        "AUTHORISED",
        "PAID",
        "VOIDED",
        "DELETED",
    }
    assert {n["CurrencyCode"] for n in notes} == {"GBP", "USD"}
    assert any(0 < n["RemainingCredit"] < n["Total"] for n in notes)  # partly allocated
    assert any(n.get("Payments") for n in notes)  # refunded in cash
    contacts = api.get("Contacts", params={"includeArchived": "true"}).json()["Contacts"]
    assert any(c["IsCustomer"] for c in contacts) and any(c["IsSupplier"] for c in contacts)
    assert all(c["Addresses"] and c["Phones"] for c in contacts)
    for tenant, currency in (("uk", "GBP"), ("us", "USD"), ("au", "AUD")):
        api = connected.sandbox.api(tokens["access_token"], tenant)
        assert api.get("Organisation").json()["Organisations"][0]["BaseCurrency"] == currency
        assert (
            len(api.get("Accounts").json()["Accounts"]) == 18
        )  # 092: the foreign-currency bank account (seed_bank)
        items = api.get("Items").json()["Items"]
        assert len(items) == 6
        assert [i["Code"] for i in items if i["IsTrackedAsInventory"]] == ["WIDGET-B"]
        assert api.get("TaxRates").json()["TaxRates"]
        categories = api.get("TrackingCategories").json()["TrackingCategories"]
        assert [c["Name"] for c in categories] == ["Department", "Region"]
        assert all(c["Options"] for c in categories)


def test_bulk_seed_is_fast_and_consistent(xero_sandbox):
    started = time.perf_counter()
    result = xero_sandbox.control.reset(invoices=10000, contacts=1000, payments=2000)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, elapsed  # ~100k invoices in well under a minute
    assert result["bulk"]["invoices"] == 10000
    api = xero_sandbox.api(xero_sandbox.connect(tenants=["uk"])["access_token"], "uk")
    page = api.get("Invoices", params={"page": 1, "pageSize": 1000}).json()
    assert page["pagination"]["itemCount"] == 10015
    assert all(
        len(i["LineItems"]) == 3
        for i in page["Invoices"]
        if i.get("Reference", "").startswith("Bulk")
    )
    paid = api.get(
        "Invoices", params={"where": 'Status=="PAID" AND Reference.StartsWith("Bulk")', "page": 1}
    )
    assert paid.json()["pagination"]["itemCount"] == 1000
    payments = api.get("Payments", params={"page": 1}).json()["pagination"]["itemCount"]
    assert payments == 2000 + 5
    contacts = api.get("Contacts", params={"page": 1, "includeArchived": "true"}).json()
    assert contacts["pagination"]["itemCount"] == 1010


def test_command_line(tmp_path):
    apps = tmp_path / "apps.json"
    apps.write_text(
        json.dumps(
            [{"client_id": "cli-app", "client_secret": "s", "redirect_uris": ["http://x/cb"]}]
        )
    )
    command = [
        sys.executable, "-m", "sandbox.xero", "--port", "0", "--db", str(tmp_path / "cli.sqlite3"),
        "--apps", str(apps), "--rate-minute", "7", "--access-token-ttl", "60",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        started = time.perf_counter()
        line = process.stdout.readline()
        assert line.startswith("SANDBOX_URL=http://127.0.0.1:")
        assert time.perf_counter() - started < 5
        base = line.strip().split("=", 1)[1]
        assert [
            a["client_id"] for a in requests.get(f"{base}/_sandbox/apps", timeout=5).json()
        ] == ["cli-app"]
        assert requests.get(f"{base}/_sandbox/limits", timeout=5).json()["minute"] == 7
        code = requests.post(
            f"{base}/_sandbox/authorize",
            json={"client_id": "cli-app", "tenants": ["au"]},
            timeout=5,
        ).json()["code"]
        tokens = requests.post(
            f"{base}/connect/token",
            data={"grant_type": "authorization_code", "code": code},
            auth=("cli-app", "s"),
            timeout=5,
        ).json()
        assert tokens["expires_in"] == 60
    finally:
        process.terminate()
        process.wait(timeout=5)
