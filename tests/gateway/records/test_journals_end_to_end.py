"""Journal entries and general ledger transactions through the unified API, over the Xero sandbox:
writes round trip into Xero's ManualJournals and back through a sync, the ledger's journals point
at the documents they came from, events follow, and an unbalanced journal is 422 with nothing
sent or stored."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from gateway.accounts.connections import connector_for
from gateway.events.models import Event
from gateway.records.models import Record
from gateway.records.store import upsert_records

pytestmark = pytest.mark.django_db(transaction=True)

SCOPE = (
    "openid offline_access accounting.invoices accounting.payments accounting.contacts "
    "accounting.settings accounting.manualjournals accounting.journals.read"
)


def pull(account, model: str) -> int:
    count = 0
    for page in connector_for(account).list(model):
        upsert_records(account, model, page.records)
        count += len(page.records)
    return count


@pytest.fixture
def client(authed_client, customer_with_key, xero_settings):
    from tests.gateway.builders import make_linked_account

    tokens = xero_settings.connect(tenants=["uk"], scope=SCOPE)
    account = make_linked_account(
        customer_with_key[0],
        provider="xero",
        tenant_id=xero_settings.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    authed_client.sandbox = xero_settings.api(tokens["access_token"], "uk")
    return authed_client


def all_results(client, path, **params):
    out, cursor = [], None
    while True:
        body = client.get(path, {**params, **({"cursor": cursor} if cursor else {})}).json()
        out += body["results"]
        cursor = body["next"]
        if not cursor:
            return out


def events(account, family: str) -> list[str]:
    return list(
        Event.objects.filter(linked_account=account, type__startswith=f"{family}.")
        .order_by("sequence")
        .values_list("type", flat=True)
    )


def test_journal_entry_round_trip_and_its_ledger_transaction(client):
    account = client.account
    for model in ("account", "tax_rate"):
        pull(account, model)
    accounts = {a["code"]: a for a in all_results(client, "/v1/accounts")}
    body = {
        "transaction_date": "2024-06-30",
        "memo": "Depreciation, June",
        "status": "POSTED",
        "lines": [
            {"description": "Laptop", "debit_amount": "80.00", "account": accounts["429"]["id"]},
            {"credit_amount": "80.00", "account": accounts["090"]["id"]},
        ],
    }
    created = client.post("/v1/journal-entries", body, format="json")
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["status"] == "POSTED" and entry["total_debit"] == "80.00"
    assert [line["account"] for line in entry["lines"]] == [
        accounts["429"]["id"],
        accounts["090"]["id"],
    ]
    remote = client.sandbox.get(f"ManualJournals/{entry['remote_id']}").json()["ManualJournals"][0]
    assert remote["Narration"] == "Depreciation, June"
    assert [Decimal(str(li["LineAmount"])) for li in remote["JournalLines"]] == [80, -80]
    assert events(account, "journal_entry") == ["journal_entry.created"]

    # The sync reads it back unchanged, and the ledger holds Xero's journal for it.
    assert pull(account, "journal_entry") == 5  # four seeded (a DELETED draft among them), one ours
    assert client.get(f"/v1/journal-entries/{entry['id']}").json()["lines"] == entry["lines"]
    pull(account, "general_ledger_transaction")
    ledger = all_results(client, "/v1/general-ledger-transactions", source_type="JOURNAL_ENTRY")
    mine = [t for t in ledger if t["source_remote_id"] == entry["remote_id"]]
    assert len(mine) == 1 and mine[0]["source"] == entry["id"]  # resolves to our record
    assert {line["account"] for line in mine[0]["lines"]} == {
        accounts["429"]["id"],
        accounts["090"]["id"],
    }
    assert mine[0]["total_debit"] == mine[0]["total_credit"] == "80.00"
    assert "general_ledger_transaction.created" in events(account, "general_ledger_transaction")

    voided = client.patch(f"/v1/journal-entries/{entry['id']}", {"status": "VOID"}, format="json")
    assert voided.status_code == 200, voided.content
    assert voided.json()["status"] == "VOID"
    # Ours once (the sync found it unchanged), the four seeded ones (the DELETED draft is
    # stored too, as deleted), then the void.
    assert events(account, "journal_entry") == ["journal_entry.created"] * 5 + [
        "journal_entry.updated"
    ]


def test_system_journals_point_at_invoices_and_payments(client):
    account = client.account
    for model in ("contact", "invoice", "payment", "general_ledger_transaction"):
        pull(account, model)
    ledger = all_results(client, "/v1/general-ledger-transactions")
    invoices = {i["id"] for i in all_results(client, "/v1/invoices", include_deleted="true")}
    payments = {p["id"] for p in all_results(client, "/v1/payments")}
    by_type = {}
    for tx in ledger:
        by_type.setdefault(tx["source_type"], []).append(tx)
        assert tx["total_debit"] == tx["total_credit"]
    assert by_type["INVOICE"] and all(t["source"] in invoices for t in by_type["INVOICE"])
    assert by_type["PAYMENT"] and all(t["source"] in payments for t in by_type["PAYMENT"])
    only = all_results(client, "/v1/general-ledger-transactions", source_type="PAYMENT")
    assert {t["id"] for t in only} == {t["id"] for t in by_type["PAYMENT"]}
    assert client.post("/v1/general-ledger-transactions", {}, format="json").status_code == 405


@pytest.mark.parametrize(
    "lines",
    [
        [
            {"debit_amount": "100.00", "account_code": "429"},
            {"credit_amount": "90.00", "account_code": "090"},
        ],
        [{"debit_amount": "100.00", "account_code": "429"}],
    ],
)
def test_unbalanced_journal_is_422_and_nothing_is_sent_or_written(client, xero_settings, lines):
    account = client.account
    before = xero_settings.control.counters()
    response = client.post("/v1/journal-entries", {"memo": "Typo", "lines": lines}, format="json")
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["details"][0]["field"] == "lines"
    after = xero_settings.control.counters()
    assert after.get("statuses") == before.get("statuses")  # no call reached Xero
    assert not Record.objects.filter(linked_account=account, model="journal_entry").exists()
    assert events(account, "journal_entry") == []
    manual = client.sandbox.get("ManualJournals").json()["ManualJournals"]
    assert "Typo" not in {m["Narration"] for m in manual}


# -- QuickBooks ---------------------------------------------------------------------------------


@pytest.fixture
def qbo_client(authed_client, quickbooks_account):
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(quickbooks_account.id),
    )
    authed_client.account = quickbooks_account
    return authed_client


def test_quickbooks_journal_entry_round_trip_and_the_ledger(qbo_client, quickbooks_settings):
    account = qbo_client.account
    for model in ("account", "contact"):
        pull(account, model)
    accounts = {a["remote_id"]: a for a in all_results(qbo_client, "/v1/accounts")}
    vendor = next(
        c for c in all_results(qbo_client, "/v1/contacts") if c["remote_id"].startswith("Vendor:")
    )
    body = {
        "number": "JE-API",
        "transaction_date": "2025-03-31",
        "memo": "Utilities accrual",
        "lines": [
            {"debit_amount": "33.30", "account": accounts["24"]["id"], "contact": vendor["id"]},
            {"credit_amount": "33.30", "account": accounts["33"]["id"]},
        ],
    }
    created = qbo_client.post("/v1/journal-entries", body, format="json")
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["status"] == "POSTED" and entry["lines"][0]["contact"] == vendor["id"]
    assert events(account, "journal_entry") == ["journal_entry.created"]

    assert pull(account, "journal_entry") == 4  # three seeded, one ours
    assert qbo_client.get(f"/v1/journal-entries/{entry['id']}").json()["lines"] == entry["lines"]
    pull(account, "general_ledger_transaction")
    ledger = all_results(qbo_client, "/v1/general-ledger-transactions", source_type="JOURNAL_ENTRY")
    mine = [t for t in ledger if t["source"] == entry["id"]]
    assert len(mine) == 1 and mine[0]["total_debit"] == "33.30"
    assert {line["account"] for line in mine[0]["lines"]} == {
        accounts["24"]["id"],
        accounts["33"]["id"],
    }

    changed = qbo_client.patch(
        f"/v1/journal-entries/{entry['id']}", {"memo": "Utilities accrual (March)"}, format="json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["memo"] == "Utilities accrual (March)"
    assert events(account, "journal_entry")[-1] == "journal_entry.updated"


def test_quickbooks_unbalanced_journal_is_422_and_nothing_is_sent(qbo_client, quickbooks_settings):
    before = quickbooks_settings.control.counters()
    response = qbo_client.post(
        "/v1/journal-entries",
        {
            "memo": "Typo",
            "lines": [
                {"debit_amount": "10.00", "account_remote_id": "24"},
                {"credit_amount": "1.00", "account_remote_id": "33"},
            ],
        },
        format="json",
    )
    assert response.status_code == 422, response.content
    assert quickbooks_settings.control.counters()["requests"] == before["requests"]
    assert not Record.objects.filter(linked_account=qbo_client.account).exists()
