"""The MCP tools: generated from the model catalogue, its filters and the report types, each a
thin call of the selector or service the matching REST endpoint uses.

A tool's arguments are turned into the query string the REST endpoint would get and parsed by
the same code, so what is refused (400) there is refused here, with the same error envelope.
Every tool is read-only: API keys carry no write permission today.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes
from pydantic import BaseModel
from rest_framework.exceptions import NotFound, ValidationError

from gateway.accounts.connections import provider_for
from gateway.accounts.models import LinkedAccount
from gateway.accounts.selectors import HEADER, linked_account_for
from gateway.accounts.serializers import LinkedAccountSerializer
from gateway.core import jsonutil
from gateway.core.errors import NotOffered
from gateway.customers.models import Customer
from gateway.records import aggregates, selectors
from gateway.records.aggregate_views import InvoiceSummary, OutstandingByContact
from gateway.records.filters import filter_class
from gateway.records.schemas import filter_parameters, list_schema, record_schema
from gateway.records.views import offered_operations
from gateway.reports import params as report_params
from gateway.reports import services as report_services
from gateway.reports.views import _DESCRIPTIONS as REPORT_DESCRIPTIONS
from gateway.reports.views import _ENUMS as REPORT_ENUMS
from gateway.reports.views import _LABELS as REPORT_LABELS
from gateway.reports.views import _TYPES as REPORT_TYPES
from gateway.reports.views import ReportAnswer
from unified_models import CATALOGUE, REPORT_PATHS, InvoiceType, ReportType

ACCOUNT_ARGUMENT = "linked_account"
_ACCOUNT_SCHEMA = {
    "type": "string",
    "format": "uuid",
    "description": f"The linked account (its id from list_linked_accounts); default: the "
    f"{HEADER} header the MCP client sends.",
}


@dataclass(frozen=True)
class Caller:
    """Who calls: the customer behind the API key, and the account its header names."""

    customer: Customer
    header_account: str | None


@dataclass(frozen=True)
class ToolSpec:
    name: str
    title: str
    description: str
    input_schema: dict[str, Any]
    output_schema: dict[str, Any] | None
    #: (caller, arguments) → the structured result; raises the REST API's exceptions.
    run: Callable[[Caller, dict[str, Any]], dict[str, Any]]


def account_of(caller: Caller, arguments: Mapping[str, Any]) -> LinkedAccount:
    """The caller's linked account the arguments (or the header) name; 404 if it is someone
    else's, exactly like the REST API."""
    named = arguments.get(ACCOUNT_ARGUMENT) or caller.header_account
    if not named:
        raise ValidationError(
            {ACCOUNT_ARGUMENT: [f"Name the linked account: `{ACCOUNT_ARGUMENT}` or the {HEADER} "
                                "header (list_linked_accounts lists them)."]}
        )  # fmt: skip
    return linked_account_for(caller.customer, str(named))


def _offering(account: LinkedAccount, model: str, operation: str) -> None:
    provider = provider_for(account)
    if operation not in offered_operations(model, provider.supported_operations()):
        raise NotOffered(
            f"{provider.name} does not offer {operation} on {CATALOGUE[model].plural}."
        )


def query_of(arguments: Mapping[str, Any], skip: set[str] = frozenset()) -> QueryDict:
    """Typed arguments as the query string the REST endpoint parses."""
    query = QueryDict(mutable=True)
    for name, value in arguments.items():
        if name == ACCOUNT_ARGUMENT or name in skip or value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, list):
            text = ",".join(str(item) for item in value)
        else:
            text = str(value)
        query[name] = text
    return query


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {ACCOUNT_ARGUMENT: _ACCOUNT_SCHEMA, **properties},
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(required)
    return schema


def _output(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(mode="serialization")


def _filter_properties(model: str) -> dict[str, Any]:
    """A model's list filters as typed tool arguments (several values: an array)."""
    filters = filter_class(model).base_filters
    properties: dict[str, Any] = {}
    for parameter in filter_parameters(model):
        name = parameter.name
        kind = parameter.type
        schema = dict(kind) if isinstance(kind, dict) else build_basic_type(kind) or {}
        schema = {key: value for key, value in schema.items() if key != "enum"}
        if parameter.enum:
            schema["enum"] = list(parameter.enum)
        declared = getattr(filters.get(name), "declared", None)
        if declared is not None and declared.lookup == "in":
            items = {"type": "string"}
            if declared.choices is not None:
                items["enum"] = [member.value for member in declared.choices]
            elif declared.kind == "uuid":
                items["format"] = "uuid"
            schema = {"type": "array", "items": items, "minItems": 1}
        if parameter.description:
            schema["description"] = str(parameter.description)
        properties[name] = schema
    return properties


def _expand_property(model: str) -> dict[str, Any]:
    expandable = list(CATALOGUE[model].expandable)
    if not expandable:
        return {}
    return {
        "expand": {
            "type": "array",
            "items": {"type": "string", "enum": expandable},
            "description": "Embed these referenced records instead of their ids.",
        }
    }


def _list_tool(model: str) -> ToolSpec:
    entry = CATALOGUE[model]
    words = entry.plural.replace("-", " ")

    def run(caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
        account = account_of(caller, arguments)
        _offering(account, model, "list")
        return jsonutil.loads(selectors.list_page(account, model, query_of(arguments)))

    order = [value for name in entry.order_fields for value in (name, f"-{name}")]
    properties = {
        **_filter_properties(model),
        **_expand_property(model),
        **(
            {"order_by": {"type": "string", "enum": order, "description": "`-` for descending."}}
            if order
            else {}
        ),
        "page_size": {"type": "integer", "minimum": 1, "maximum": selectors.MAX_PAGE_SIZE},
        "cursor": {"type": "string", "description": "`next` or `previous` of an earlier page."},
    }
    return ToolSpec(
        name=f"list_{entry.plural.replace('-', '_')}",
        title=f"List {words}",
        description=f"{entry.description or words} Filtered as `GET /v1/{entry.plural}`; "
        "pages of up to 100 (page_size), follow `next` with `cursor`.",
        input_schema=_object(properties),
        output_schema=_output(list_schema(model)),
        run=run,
    )


def _get_tool(model: str) -> ToolSpec:
    label = model.replace("_", " ")

    def run(caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
        account = account_of(caller, arguments)
        _offering(account, model, "get")
        _, document = selectors.get_document(
            account, model, str(arguments["id"]), query_of(arguments, {"id"})
        )
        return jsonutil.loads(document)

    properties = {
        "id": {"type": "string", "format": "uuid", "description": f"The {label}'s Ledgerlink id."},
        **_expand_property(model),
    }
    return ToolSpec(
        name=f"get_{model}",
        title=f"Get a {label}",
        description=f"One {label} by its Ledgerlink id, references expanded with `expand`.",
        input_schema=_object(properties, ("id",)),
        output_schema=_output(record_schema(model)),
        run=run,
    )


def _summary_tool() -> ToolSpec:
    def run(caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
        account = account_of(caller, arguments)
        _offering(account, "invoice", "list")
        return _plain(aggregates.invoice_summary(account, query_of(arguments)))

    properties = {
        "group_by": {
            "type": "string",
            "enum": list(aggregates.GROUPINGS),
            "description": "status, currency (default), contact or month (of the issue date).",
        },
        **_filter_properties("invoice"),
    }
    return ToolSpec(
        name="invoice_summary",
        title="Invoice summary",
        description="Count, total and balance (what is still owed) of invoices per status, "
        "currency, contact or month, with the invoice list's filters; sums per currency.",
        input_schema=_object(properties),
        output_schema=_output(InvoiceSummary),
        run=run,
    )


def _outstanding_tool(name: str, title: str, description: str, fixed: dict) -> ToolSpec:
    def run(caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
        account = account_of(caller, arguments)
        _offering(account, "invoice", "list")
        query = query_of({**arguments, **fixed})
        return _plain(aggregates.outstanding_by_contact(account, query))

    properties = {
        "limit": {"type": "integer", "minimum": 1, "maximum": aggregates.MAX_GROUPS},
        **{k: v for k, v in _filter_properties("invoice").items() if k not in fixed},
    }
    return ToolSpec(
        name=name,
        title=title,
        description=description,
        input_schema=_object(properties),
        output_schema=_output(OutstandingByContact),
        run=run,
    )


def _report_tool(report: ReportType) -> ToolSpec:
    label = REPORT_LABELS[report]
    allowed = report_params.allowed_parameters(report) - {"include_remote_data"}

    def run(caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
        account = account_of(caller, arguments)
        report_services.offer_for(account, report)
        query = report_params.parse(report, query_of(arguments))
        return _plain(report_services.report(account, query))

    properties = {}
    for name in sorted(allowed):
        kind = REPORT_TYPES.get(name)
        schema = (
            dict(kind) if isinstance(kind, dict) else build_basic_type(kind or OpenApiTypes.STR)
        )
        if name in REPORT_ENUMS:
            schema["enum"] = REPORT_ENUMS[name]
        properties[name] = {**schema, "description": REPORT_DESCRIPTIONS[name]}
    return ToolSpec(
        name=f"report_{report.value.lower()}",
        title=label.capitalize(),
        description=f"The {label} as the provider computes it (as "
        f"`GET /v1/reports/{REPORT_PATHS[report]}`).",
        input_schema=_object(properties),
        output_schema=_output(ReportAnswer),
        run=run,
    )


def _linked_accounts_tool() -> ToolSpec:
    def run(caller: Caller, arguments: dict[str, Any]) -> dict[str, Any]:
        if arguments:
            raise ValidationError({name: ["Unknown argument."] for name in sorted(arguments)})
        accounts = LinkedAccount.objects.filter(customer=caller.customer).order_by("created_at")
        return _plain({"results": LinkedAccountSerializer(accounts, many=True).data})

    return ToolSpec(
        name="list_linked_accounts",
        title="List linked accounts",
        description="The accounting systems linked to this API key's customer: pass an id as "
        f"`{ACCOUNT_ARGUMENT}` to the other tools.",
        input_schema={"type": "object", "properties": {}, "additionalProperties": False},
        output_schema=None,
        run=run,
    )


def _plain(body: Any) -> Any:
    """Dates, decimals and ids as the REST API writes them."""
    return jsonutil.loads(jsonutil.dumps(body))


def build_tools() -> dict[str, ToolSpec]:
    tools = [_linked_accounts_tool()]
    for entry in CATALOGUE:
        if "list" in entry.operations:
            tools.append(_list_tool(entry.name))
        if "get" in entry.operations:
            tools.append(_get_tool(entry.name))
    tools += [
        _summary_tool(),
        _outstanding_tool(
            "outstanding_by_contact",
            "Outstanding balances by contact",
            "Per contact and currency: approved invoices with a balance, their total, the "
            "overdue part, how many and the oldest due date; largest first. "
            "type=ACCOUNTS_RECEIVABLE: what customers owe; ACCOUNTS_PAYABLE: what is owed.",
            {},
        ),
        _outstanding_tool(
            "overdue_receivables",
            "Overdue receivables by contact",
            "Which customers have overdue payments: per customer and currency, what they owe on "
            "invoices past their due date (today in the account's time zone), largest first.",
            {"type": InvoiceType.ACCOUNTS_RECEIVABLE.value, "overdue": True},
        ),
    ]
    tools += [_report_tool(report) for report in REPORT_PATHS]
    return {tool.name: tool for tool in tools}


def not_found(name: str) -> NotFound:
    return NotFound(f"No tool named {name!r}.")
