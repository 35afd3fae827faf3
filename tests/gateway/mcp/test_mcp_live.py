"""The MCP server at `/mcp` through the SDK's own client over Streamable HTTP, against a live
gateway holding the demo data synced from the Xero and QuickBooks sandboxes: the tools, the
invoice summary and overdue receivables (the same answers as the REST API), a record with its
references expanded, and another customer's account refused."""

from __future__ import annotations

import json

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from rest_framework.test import APIClient

from gateway.sync import services
from gateway.sync.models import RunStatus, RunTrigger, SyncMode
from tests.factories import make_customer

pytestmark = pytest.mark.django_db(transaction=True)


def synced(account):
    run = services.request_sync(account, SyncMode.FULL, RunTrigger.API)
    run.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED, run.error
    return account


@pytest.fixture(params=["xero", "quickbooks"])
def books(request):
    """A customer's synced demo books on one provider: (account, API key)."""
    account = synced(request.getfixturevalue(f"{request.param}_account"))
    return account, request.getfixturevalue("customer_with_key")[1]


def mcp_session(url: str, key: str, header_account: str | None = None):
    headers = {"Authorization": f"Bearer {key}"}
    if header_account:
        headers["X-Linked-Account"] = header_account
    http = httpx2.AsyncClient(headers=headers, timeout=60)
    return http, Client(streamable_http_client(f"{url}/mcp", http_client=http))


def rest(key: str, account, path: str, **params) -> dict:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_X_LINKED_ACCOUNT=str(account.id))
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response.json()


def call(url, key, calls, header_account=None):
    """Run (tool, arguments) calls in one MCP session; (tools, results)."""

    async def main():
        http, client = mcp_session(url, key, header_account)
        async with http, client:
            listed = await client.list_tools()
            results = [await client.call_tool(name, arguments) for name, arguments in calls]
            return listed.tools, results

    return anyio.run(main)


def test_tools_summary_and_overdue_receivables(live_server, books):
    account, key = books
    tools, (summary, overdue, outstanding) = call(
        live_server.url,
        key,
        [
            ("invoice_summary", {"group_by": "status"}),
            ("overdue_receivables", {}),
            ("outstanding_by_contact", {"type": ["ACCOUNTS_PAYABLE"]}),
        ],
        header_account=str(account.id),
    )
    by_name = {tool.name: tool for tool in tools}
    for name in (
        "list_linked_accounts",
        "list_invoices",
        "get_invoice",
        "list_contacts",
        "invoice_summary",
        "overdue_receivables",
        "outstanding_by_contact",
        "report_balance_sheet",
        "report_profit_and_loss",
    ):
        assert by_name[name].annotations.read_only_hint is True
        assert by_name[name].input_schema["type"] == "object"
    assert by_name["invoice_summary"].input_schema["properties"]["group_by"]["enum"] == [
        "status",
        "currency",
        "contact",
        "month",
    ]
    assert "due_date_before" in by_name["list_invoices"].input_schema["properties"]
    assert by_name["invoice_summary"].output_schema["title"] == "InvoiceSummary"

    for result in (summary, overdue, outstanding):
        assert not result.is_error, result.content
    expected = rest(key, account, "/v1/invoices/summary", group_by="status")
    assert summary.structured_content == expected
    assert sum(group["count"] for group in expected["results"]) > 0
    assert json.loads(summary.content[0].text) == expected

    receivables = rest(
        key, account, "/v1/contacts/outstanding", type="ACCOUNTS_RECEIVABLE", overdue="true"
    )
    assert overdue.structured_content == receivables
    assert receivables["results"], "the demo books have overdue sales invoices"
    for row in receivables["results"]:
        assert row["type"] == "ACCOUNTS_RECEIVABLE"
        assert row["overdue_balance"] == row["balance"]
    payables = rest(key, account, "/v1/contacts/outstanding", type="ACCOUNTS_PAYABLE")
    assert outstanding.structured_content == payables
    assert payables["results"], "and unpaid bills"


def test_a_record_with_its_references_expanded(live_server, books):
    account, key = books
    invoices = rest(key, account, "/v1/invoices", page_size=1)["results"]
    _, (record, missing) = call(
        live_server.url,
        key,
        [
            (
                "get_invoice",
                {"linked_account": str(account.id), "id": invoices[0]["id"], "expand": ["contact"]},
            ),
            ("get_invoice", {"linked_account": str(account.id), "id": str(account.id)}),
        ],
    )
    assert record.structured_content["id"] == invoices[0]["id"]
    assert record.structured_content["contact"]["id"] == invoices[0]["contact"]
    assert missing.is_error
    assert json.loads(missing.content[0].text)["error"]["type"] == "not_found"


def test_another_customers_account_is_refused(live_server, books):
    account, _ = books
    _, stranger_key = make_customer("Stranger Ltd")
    _, results = call(
        live_server.url,
        stranger_key,
        [
            ("list_linked_accounts", {}),
            ("overdue_receivables", {"linked_account": str(account.id)}),
            ("invoice_summary", {}),
        ],
        header_account=str(account.id),
    )
    accounts, by_argument, by_header = results
    assert accounts.structured_content == {"results": []}
    for refused in (by_argument, by_header):
        assert refused.is_error
        error = json.loads(refused.content[0].text)["error"]
        assert error["type"] == "not_found"
        assert error["request_id"].startswith("req_")
        assert account.tenant_name not in refused.content[0].text


def test_the_readmes_client_snippet_runs(live_server, account, customer_with_key, monkeypatch):
    """README "Questions you can ask": its SDK client example, as written, against a gateway."""
    import contextlib
    import io
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    section = readme.split("With the SDK's own client:", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.setenv("KEY", customer_with_key[1])
    monkeypatch.setenv("ACCOUNT", str(account.id))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code.replace("http://127.0.0.1:8000", live_server.url), {"__name__": "readme"})
    answer = eval(printed.getvalue())  # the printed dict
    assert answer["results"] and all(r["type"] == "ACCOUNTS_RECEIVABLE" for r in answer["results"])
