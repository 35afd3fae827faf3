"""examples/why_expenses_rose.py, end to end on both sandboxes through the gateway: a bill or
expense and a manual journal written through the API move the right P&L account line (the
report cache is dropped by the writes), and the example answers "why did expenses rise this
quarter?" with the same code for Xero and QuickBooks, down to the documents on the account."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "why_expenses_rose.py"
XERO_SCOPE = (
    "openid offline_access accounting.invoices accounting.payments accounting.contacts "
    "accounting.settings accounting.manualjournals accounting.banktransactions "
    "accounting.reports.profitandloss.read accounting.reports.balancesheet.read "
    "accounting.reports.trialbalance.read accounting.reports.aged.read"
)
#: (expense account, bank account) by provider: by code in Xero, by name in QuickBooks.
ACCOUNTS = {"xero": ("429", "090"), "quickbooks": ("Utilities", "Checking")}


def _example():
    spec = importlib.util.spec_from_file_location("why_expenses_rose", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _xero_account(request, customer, scope: str):
    """A linked account on the Xero sandbox's UK organisation, consented with ``scope``."""
    from tests.gateway.builders import make_linked_account

    sandbox = request.getfixturevalue("xero_settings")
    tokens = sandbox.connect(tenants=["uk"], scope=scope)
    return make_linked_account(
        customer,
        provider="xero",
        tenant_id=sandbox.tenant_id("uk"),
        access_token=tokens["access_token"],
        refresh_token=tokens["refresh_token"],
        expires_in=timedelta(seconds=int(tokens["expires_in"])),
        scope=tokens["scope"],
    )


@pytest.fixture(params=["xero", "quickbooks"])
def client(request, authed_client, customer_with_key):
    if request.param == "xero":
        account = _xero_account(request, customer_with_key[0], XERO_SCOPE)
    else:
        account = request.getfixturevalue("quickbooks_account")
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    authed_client.account = account
    authed_client.provider = request.param
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return authed_client


def _get(client):
    def get(path, params):
        response = client.get(path, params)
        assert response.status_code == 200, (path, response.content)
        return response.json()

    return get


def _accounts(client) -> dict[str, dict]:
    rows = client.get("/v1/accounts", {"page_size": 1000}).json()["results"]
    return {(a.get("code") or a["name"]): a for a in rows} | {a["name"]: a for a in rows}


def _line(report, account_id) -> list[Decimal]:
    example = _example()
    for row in example._walk(report["rows"]):
        if row["kind"] == "ACCOUNT" and row["account"] == account_id:
            return [Decimal(v or 0) for v in row["values"]]
    return [Decimal(0)] * len(report["columns"])


def test_writes_move_the_p_and_l_and_the_example_finds_them(client):
    example = _example()
    today = date.today()
    start, end = example.quarter_of(today)
    accounts = _accounts(client)
    spend, bank = (accounts[k] for k in ACCOUNTS[client.provider])
    params = {"start_date": start, "end_date": end, "periods": 2, "timeframe": "QUARTER"}
    before = client.get("/v1/reports/profit-and-loss", params)
    assert before.status_code == 200, before.content
    assert before.json()["cached"] is False
    assert client.get("/v1/reports/profit-and-loss", params).json()["cached"] is True
    was = _line(before.json(), spend["id"])

    supplier = next(
        c
        for c in client.get("/v1/contacts", {"page_size": 1000}).json()["results"]
        if c["is_supplier"]
    )
    line = {"description": "Server racks", "unit_price": "120.00", "quantity": "1"}
    if client.provider == "xero":  # a bill (QuickBooks bills are written from issue 17 on)
        made = client.post(
            "/v1/invoices",
            {
                "type": "ACCOUNTS_PAYABLE",
                "status": "OPEN",
                "contact": supplier["id"],
                "issue_date": today.isoformat(),
                "due_date": (today + timedelta(days=30)).isoformat(),
                "number": "RACKS-1",
                "tax_treatment": "NO_TAX",
                "line_items": [{**line, "account": spend["id"]}],
            },
            format="json",
        )
    else:  # an expense paid from the bank
        made = client.post(
            "/v1/expenses",
            {
                "transaction_date": today.isoformat(),
                "contact": supplier["id"],
                "account": bank["id"],
                "line_items": [{**line, "account": spend["id"]}],
            },
            format="json",
        )
    assert made.status_code == 201, made.content
    journal = client.post(
        "/v1/journal-entries",
        {
            "transaction_date": today.isoformat(),
            "memo": "Accrued hosting",
            "status": "POSTED",
            "lines": [
                {"debit_amount": "300.00", "account": spend["id"]},
                {"credit_amount": "300.00", "account": bank["id"]},
            ],
        },
        format="json",
    )
    assert journal.status_code == 201, journal.content

    after = client.get("/v1/reports/profit-and-loss", params)
    assert after.status_code == 200, after.content
    assert after.json()["cached"] is False  # the writes dropped the cached report
    now = _line(after.json(), spend["id"])
    assert now[0] - was[0] == Decimal("420.00")  # this quarter's column
    assert now[1] == was[1]  # the previous quarter is untouched

    answer = example.explain(_get(client), today)
    assert (answer.start, answer.end) == (start, end)
    top = answer.changes[0]
    assert top.account == spend["id"] and top.rise >= Decimal("420.00")
    assert answer.total_this - answer.total_last == sum(c.rise for c in answer.changes)
    found = {(d["kind"], d["amount"]) for d in answer.documents}
    assert ("journal-entries", Decimal("300.00")) in found
    assert (
        ("invoices", Decimal("120.00"))
        if client.provider == "xero"
        else ("expenses", Decimal("120.00"))
    ) in found
    printed = "\n".join(answer.lines())
    assert top.name in printed and "Documents of this quarter" in printed


def test_each_xero_report_needs_its_own_granular_scope(authed_client, customer_with_key, request):
    """Xero's granular scopes name one report each: a consent with only the P&L scope reads the
    P&L and is refused the balance sheet and the derived cash flow (which reads balance sheets)
    with 403 naming the scope, before any call to Xero (whose own refusal would be a 401 and
    say nothing of relinking)."""
    scope = "openid offline_access accounting.settings accounting.reports.profitandloss.read"
    account = _xero_account(request, customer_with_key[0], scope)
    authed_client.credentials(
        HTTP_AUTHORIZATION=authed_client._credentials["HTTP_AUTHORIZATION"],
        HTTP_X_LINKED_ACCOUNT=str(account.id),
    )
    assert authed_client.get("/v1/reports/profit-and-loss").status_code == 200
    for path in ("balance-sheet", "cash-flow", "aged-receivables", "trial-balance"):
        refused = authed_client.get(f"/v1/reports/{path}")
        assert refused.status_code == 403, (path, refused.content)
        message = refused.json()["error"]["message"]
        assert "accounting.reports." in message and "Relink" in message, message
    assert (
        "accounting.reports.balancesheet.read"
        in authed_client.get("/v1/reports/cash-flow").json()["error"]["message"]
    )
