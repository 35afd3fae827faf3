"""The MCP server (the official `mcp` SDK's low-level `Server`): lists the catalogue's tools and
runs one per `tools/call`.

The caller (customer and linked-account header) comes from the HTTP request the view has
authenticated and throttled; a tool runs in that request's thread (`sync_to_async`, thread
sensitive), so it uses the request's database connection, request id and logging.
"""

from __future__ import annotations

import functools
import logging
import time
from contextvars import ContextVar
from typing import Any

import mcp_types as types
from asgiref.sync import sync_to_async
from mcp.server import Server

from gateway.core import jsonutil
from gateway.core.errors import api_exception_handler
from gateway.mcp_server.tools import Caller, ToolSpec, build_tools
from unified_models import CATALOGUE

logger = logging.getLogger(__name__)

#: The caller of the MCP request being served (set by the view around the SDK's handling).
current_caller: ContextVar[Caller | None] = ContextVar("mcp_caller", default=None)

INSTRUCTIONS = (
    "Ledgerlink: one read-only view of a customer's accounting systems (see list_linked_accounts"
    " for each one's provider). "
    "Call list_linked_accounts first unless the client sends the X-Linked-Account header, then "
    "pass `linked_account` to the other tools. Money is decimal strings, per currency."
)


@functools.cache
def _tools(version: int) -> dict[str, ToolSpec]:
    return build_tools()


def tools() -> dict[str, ToolSpec]:
    return _tools(CATALOGUE.version)


def _tool(spec: ToolSpec) -> types.Tool:
    return types.Tool(
        name=spec.name,
        title=spec.title,
        description=spec.description,
        input_schema=spec.input_schema,
        output_schema=spec.output_schema,
        annotations=types.ToolAnnotations(read_only_hint=True, open_world_hint=False),
    )


async def list_tools(ctx, params) -> types.ListToolsResult:
    return types.ListToolsResult(tools=[_tool(spec) for spec in tools().values()])


def _error_result(exc: Exception) -> types.CallToolResult:
    """The REST API's error envelope (with the request id), as the tool's error result."""
    response = api_exception_handler(exc, {"view": None})
    body = jsonutil.dumps(response.data).decode("utf-8")
    return types.CallToolResult(content=[types.TextContent(text=body)], is_error=True)


def run_tool(caller: Caller, name: str, arguments: dict[str, Any]) -> types.CallToolResult:
    """Run one tool for the caller, logged with its outcome (the log line carries the request
    id)."""
    spec = tools().get(name)
    if spec is None:
        logger.info("mcp tool %s customer=%s outcome=unknown_tool", name, caller.customer.pk)
        message = f"No tool named {name!r} (tools/list lists them)."
        return types.CallToolResult(content=[types.TextContent(text=message)], is_error=True)
    started = time.monotonic()
    outcome = "ok"
    try:
        result = spec.run(caller, arguments)
        text = jsonutil.dumps(result).decode("utf-8")
        return types.CallToolResult(
            content=[types.TextContent(text=text)], structured_content=result
        )
    except Exception as exc:
        result = _error_result(exc)
        outcome = jsonutil.loads(result.content[0].text)["error"]["type"]
        return result
    finally:
        logger.info(
            "mcp tool %s customer=%s outcome=%s %.0fms",
            name,
            caller.customer.pk,
            outcome,
            (time.monotonic() - started) * 1000,
        )


async def call_tool(ctx, params: types.CallToolRequestParams) -> types.CallToolResult:
    caller = current_caller.get()
    if caller is None:  # only the view serves this server
        raise RuntimeError("No authenticated caller.")
    run = sync_to_async(run_tool, thread_sensitive=True)
    return await run(caller, params.name, dict(params.arguments or {}))


def build_server() -> Server:
    return Server(
        "ledgerlink",
        version="1.0.0",
        title="Ledgerlink",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
    )
