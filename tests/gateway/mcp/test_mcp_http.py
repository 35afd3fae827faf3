"""`/mcp` as plain HTTP: authenticated, rate-limited and logged like the REST API; tool
arguments parsed by the REST API's own code (same 400s); read-only tools only."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.cache import cache

from gateway.mcp_server.server import tools

pytestmark = pytest.mark.django_db

PROTOCOL = "2025-06-18"


def rpc(client, method, params=None, **headers):
    message = {"jsonrpc": "2.0", "id": 1, "method": method, "params": params or {}}
    return client.post(
        "/mcp",
        data=json.dumps(message),
        content_type="application/json",
        HTTP_ACCEPT="application/json, text/event-stream",
        HTTP_MCP_PROTOCOL_VERSION=PROTOCOL,
        **headers,
    )


def tool_call(client, name, arguments):
    response = rpc(client, "tools/call", {"name": name, "arguments": arguments})
    assert response.status_code == 200, response.content
    return response.json()["result"]


def test_no_key_no_mcp(client):
    response = rpc(client, "tools/list")
    assert response.status_code == 401
    assert response.json()["error"]["type"] == "authentication_error"
    assert rpc(client, "tools/list", HTTP_AUTHORIZATION="Bearer llk_nope").status_code == 401


def test_tools_are_read_only_and_typed_from_the_catalogue(account_client):
    response = rpc(account_client, "tools/list")
    assert response.status_code == 200, response.content
    listed = {tool["name"]: tool for tool in response.json()["result"]["tools"]}
    assert set(listed) == set(tools())
    assert all(tool["annotations"]["readOnlyHint"] for tool in listed.values())
    assert not [name for name in listed if name.startswith(("create_", "update_", "delete_"))]
    invoices = listed["list_invoices"]["inputSchema"]
    assert invoices["additionalProperties"] is False
    issued = invoices["properties"]["issue_date_after"]
    assert (issued["type"], issued["format"]) == ("string", "date")
    assert set(invoices["properties"]["expand"]["items"]["enum"]) >= {"contact", "payments"}
    assert listed["get_invoice"]["inputSchema"]["required"] == ["id"]
    assert invoices["properties"]["status"]["type"] == "array"  # several values
    assert "PARTIALLY_PAID" in invoices["properties"]["status"]["items"]["enum"]
    assert invoices["properties"]["overdue"]["type"] == "boolean"
    assert "-due_date" in invoices["properties"]["order_by"]["enum"]
    assert "q" in listed["list_contacts"]["inputSchema"]["properties"]


@pytest.mark.parametrize(
    ("arguments", "query"),
    [
        ({"page_size": 2}, {"page_size": 2}),
        (
            {"status": ["OPEN", "PARTIALLY_PAID"], "overdue": True, "order_by": "-due_date"},
            {"status": "OPEN,PARTIALLY_PAID", "overdue": "true", "order_by": "-due_date"},
        ),
        ({"q": "inv-i1", "expand": ["contact"]}, {"q": "inv-i1", "expand": "contact"}),
    ],
)
def test_a_tool_call_is_the_rest_call(account_client, arguments, query):
    result = tool_call(account_client, "list_invoices", arguments)
    rest = account_client.get("/v1/invoices", query).json()
    assert result["structuredContent"] == rest
    assert rest["results"]
    assert not result["isError"]


def test_bad_arguments_are_the_rest_apis_400(account_client):
    result = tool_call(account_client, "list_invoices", {"status": "LATE", "colour": "red"})
    assert result["isError"]
    error = json.loads(result["content"][0]["text"])["error"]
    assert error["type"] == "validation_error"
    assert {d["field"] for d in error["details"]} >= {"colour"}
    unknown = tool_call(account_client, "delete_invoice", {})
    assert unknown["isError"] and "No tool named" in unknown["content"][0]["text"]


def test_the_account_must_be_named(authed_client, account):
    result = tool_call(authed_client, "list_invoices", {})
    error = json.loads(result["content"][0]["text"])["error"]
    assert (error["type"], error["details"][0]["field"]) == ("validation_error", "linked_account")
    named = tool_call(authed_client, "list_invoices", {"linked_account": str(account.id)})
    assert not named["isError"]


def test_tool_calls_are_logged_with_the_request_id(account_client, caplog):
    caplog.set_level(logging.INFO, logger="gateway.mcp_server.server")
    response = rpc(
        account_client,
        "tools/call",
        {"name": "list_contacts", "arguments": {}},
        HTTP_X_REQUEST_ID="req-mcp-test-0001",
    )
    assert response["X-Request-ID"] == "req-mcp-test-0001"
    lines = [r for r in caplog.records if r.name == "gateway.mcp_server.server"]
    assert len(lines) == 1
    assert lines[0].getMessage().startswith("mcp tool list_contacts customer=")
    assert "outcome=ok" in lines[0].getMessage()
    assert lines[0].request_id == "req-mcp-test-0001"


def test_tool_calls_are_rate_limited_per_key(account_client, settings):
    from rest_framework.settings import api_settings

    from gateway.customers.throttling import ApiKeyRateThrottle

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_key": "2/min"},
    }
    original = ApiKeyRateThrottle.THROTTLE_RATES
    ApiKeyRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    try:
        statuses = [
            rpc(account_client, "tools/call", {"name": "list_contacts", "arguments": {}})
            for _ in range(3)
        ]
    finally:
        ApiKeyRateThrottle.THROTTLE_RATES = original
        cache.clear()
    assert [r.status_code for r in statuses] == [200, 200, 429]
    assert statuses[2].json()["error"]["type"] == "rate_limited"
    assert int(statuses[2]["Retry-After"]) >= 1


def test_no_server_stream_and_no_sessions(account_client):
    response = account_client.get("/mcp", HTTP_ACCEPT="text/event-stream")
    assert response.status_code == 405, response.content
    assert response.json()["error"]["type"] == "method_not_allowed"
    assert response["Allow"] == "POST, OPTIONS"
    assert account_client.delete("/mcp").status_code == 405
