"""Bank transactions, expenses and bank transfers through the unified API, for Xero and
QuickBooks against their sandboxes: the gateway's own sync, lists with filters, references
resolved to the gateway's ids, creates written to the sandbox and read back by the next sync,
events, and bad input answered 4xx with nothing written (issue 15)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gateway.events.models import Event
from gateway.records.models import Record
from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)

BANK_MODELS = ("bank_transaction", "expense", "bank_transfer")


@pytest.fixture(params=["xero", "quickbooks"])
def client(request, authed_client):
    account = request.getfixturevalue(f"{request.param}_account")
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    authed_client.provider = request.param
    return authed_client


def sync(account, mode=SyncMode.FULL) -> None:
    run = services.request_sync(account, mode, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error


def results(client, path, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        response = client.get(path, {**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.content
        body = response.json()
        out += body["results"]
        cursor = body["next"]
        if not cursor:
            return out


def events(account) -> list[str]:
    return list(
        Event.objects.filter(linked_account=account)
        .order_by("sequence")
        .values_list("type", flat=True)
    )


def stored(account) -> int:
    return Record.objects.filter(linked_account=account, model__in=BANK_MODELS).count()


def _accounts(client) -> dict[str, dict]:
    rows = results(client, "/v1/accounts")
    return {(a.get("code") or a["name"]): a for a in rows} | {a["name"]: a for a in rows}


def test_sync_serves_every_bank_model_with_references_resolved(client):
    sync(client.account)
    transactions = results(client, "/v1/bank-transactions", include_deleted="true")
    expenses = results(client, "/v1/expenses", include_deleted="true")
    transfers = results(client, "/v1/bank-transfers", include_deleted="true")
    assert transactions and expenses and transfers
    accounts = {a["id"] for a in results(client, "/v1/accounts")}
    contacts = {c["id"] for c in results(client, "/v1/contacts", include_deleted="true")}
    for record in transactions + expenses:
        assert record["account"] in accounts
        assert record["contact"] is None or record["contact"] in contacts
        assert all(
            line["account"] in accounts
            for line in record["line_items"]
            if line["account_remote_id"]
        )
    for transfer in transfers:
        assert {transfer["from_account"], transfer["to_account"]} <= accounts
    spend = results(client, "/v1/bank-transactions", type="SPEND")
    assert spend and {t["type"] for t in spend} == {"SPEND"}
    posted = results(client, "/v1/expenses", status="POSTED")
    assert posted and {e["status"] for e in posted} == {"POSTED"}
    one = client.get(f"/v1/expenses/{expenses[0]['id']}?expand=account")
    assert one.status_code == 200 and isinstance(one.json()["account"], dict)
    created = {t.split(".")[0] for t in events(client.account) if t.endswith(".created")}
    assert set(BANK_MODELS) <= created


def _expense_body(client, accounts, contact) -> dict:
    if client.provider == "xero":
        bank, line_account = accounts["090"], accounts["429"]
    else:
        bank, line_account = accounts["Checking"], accounts["Utilities"]
    return {
        "transaction_date": "2025-02-03",
        "contact": contact["id"],
        "account": bank["id"],
        "line_items": [
            {"description": "Taxi to client", "unit_price": "48.00", "account": line_account["id"]}
        ],
    }


def _supplier(client) -> dict:
    contacts = results(client, "/v1/contacts")
    return next(c for c in contacts if c["is_supplier"])


def test_creates_round_trip_through_the_sandbox_and_the_next_sync(client):
    sync(client.account)
    accounts = _accounts(client)
    body = _expense_body(client, accounts, _supplier(client))
    made = client.post("/v1/expenses", body, format="json", HTTP_IDEMPOTENCY_KEY="exp-1")
    assert made.status_code == 201, made.content
    expense = made.json()
    assert expense["account"] == body["account"] and expense["contact"] == body["contact"]
    assert Decimal(expense["total_amount"]) >= Decimal("48.00")
    replay = client.post("/v1/expenses", body, format="json", HTTP_IDEMPOTENCY_KEY="exp-1")
    assert replay.json()["id"] == expense["id"]

    if client.provider == "xero":
        source, target = accounts["090"], accounts["091"]
    else:
        source, target = accounts["Checking"], accounts["Savings"]
    moved = client.post(
        "/v1/bank-transfers",
        {"from_account": source["id"], "to_account": target["id"], "amount": "125.50"},
        format="json",
    )
    assert moved.status_code == 201, moved.content
    transfer = moved.json()
    assert Decimal(transfer["amount"]) == Decimal("125.50")
    assert transfer["from_account"] == source["id"] and transfer["to_account"] == target["id"]

    sync(client.account, SyncMode.INCREMENTAL)
    again = client.get(f"/v1/expenses/{expense['id']}").json()
    assert (
        again["remote_id"] == expense["remote_id"]
        and again["total_amount"] == expense["total_amount"]
    )
    listed = {t["remote_id"] for t in results(client, "/v1/bank-transactions")}
    assert expense["remote_id"] in listed  # the same spend, seen as a bank transaction
    assert transfer["remote_id"] in {t["remote_id"] for t in results(client, "/v1/bank-transfers")}
    kinds = events(client.account)
    assert "expense.created" in kinds and "bank_transfer.created" in kinds
    assert kinds.count("expense.created") == len(
        results(client, "/v1/expenses", include_deleted="true")
    )


def test_bank_transactions_are_read_only(client):
    sync(client.account)
    response = client.post("/v1/bank-transactions", {"type": "SPEND"}, format="json")
    assert response.status_code in (404, 405), response.content


@pytest.mark.parametrize(
    ("path", "change", "field"),
    [
        ("/v1/expenses", {"line_items": [{"description": "x", "unit_price": "-5"}]}, None),
        ("/v1/expenses", {"account": "00000000-0000-0000-0000-000000000000"}, "account"),
        ("/v1/expenses", {"line_items": "lots"}, "line_items"),
        ("/v1/bank-transfers", {"to_account": "SAME"}, None),
        ("/v1/bank-transfers", {"amount": "0"}, None),
        ("/v1/bank-transfers", {"amount": "1" + "0" * 15}, "amount"),
        ("/v1/bank-transfers", {"from_account": None}, "from_account_remote_id"),
    ],
)
def test_bad_input_is_4xx_and_writes_nothing(client, path, change, field):
    sync(client.account)
    accounts = _accounts(client)
    if path == "/v1/expenses":
        body = _expense_body(client, accounts, _supplier(client))
    else:
        pair = ("090", "091") if client.provider == "xero" else ("Checking", "Savings")
        body = {
            "from_account": accounts[pair[0]]["id"],
            "to_account": accounts[pair[1]]["id"],
            "amount": "10.00",
        }
    for key, value in change.items():
        body[key] = body["from_account"] if value == "SAME" else value
    body = {k: v for k, v in body.items() if v is not None}
    before, calls_before = stored(client.account), events(client.account)
    response = client.post(path, body, format="json")
    assert 400 <= response.status_code < 500 and response.status_code != 404, response.content
    error = response.json()["error"]
    if field:
        assert field in str(error), error
    assert stored(client.account) == before and events(client.account) == calls_before
    sync(client.account, SyncMode.INCREMENTAL)  # nothing new at the provider either
    assert stored(client.account) == before
