"""QuickBooks' batch endpoint as data for ``BatchSpec``: ``POST batch`` with
``{"BatchItemRequest": [{"bId": "p0", "Query": "SELECT …"}, {"bId": "d", "CDCQuery":
{"Entities": "Invoice,Bill", "ChangedSince": "…"}}]}``, answered with ``{"BatchItemResponse":
[{"bId": "p0", "QueryResponse": {…}}, {"bId": "d", "CDCResponse": {"QueryResponse": […]}},
{"bId": …, "Fault": {"Error": […], "type": …}}]}`` in any order (Intuit: at most 30 items a
request, 40 batch requests a minute per company, 1,000 objects a response)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import ProviderError
from ..specs import BatchRead

__all__ = ["BATCHES_PER_MINUTE", "MAX_ITEMS", "MAX_OBJECTS", "batch_answers", "batch_body"]

#: Intuit's limits: payloads a batch request, objects a response, batch requests a minute per
#: company.
MAX_ITEMS = 30
MAX_OBJECTS = 1000
BATCHES_PER_MINUTE = 40


def batch_body(reads: Sequence[BatchRead]) -> dict[str, Any]:
    items: list[dict[str, Any]] = []
    for read in reads:
        if read.statement is not None:
            items.append({"bId": read.id, "Query": read.statement})
        else:
            items.append(
                {
                    "bId": read.id,
                    "CDCQuery": {"Entities": ",".join(read.entities), "ChangedSince": read.since},
                }
            )
    return {"BatchItemRequest": items}


def batch_answers(body: Any) -> dict[str, Any]:
    """``{bId: answer}``: a query's as the query endpoint's body (``{"QueryResponse": …}``), a
    change data capture's as the cdc endpoint's (``{"CDCResponse": [ … ]}``), a refused item's
    as a ``ProviderError`` carrying its Fault."""
    from .connector import fault_errors  # connector imports spec, which imports this module

    answers: dict[str, Any] = {}
    items = body.get("BatchItemResponse") if isinstance(body, Mapping) else None
    for item in items or ():
        if not isinstance(item, Mapping) or not isinstance(item.get("bId"), str):
            continue
        bid = item["bId"]
        answer: Any
        if "Fault" in item:
            fault_type, errors = fault_errors(item)
            message = "; ".join(
                f"{e['message']}: {e['detail']}" if e["detail"] else e["message"] for e in errors
            )
            answer = ProviderError(
                f"batch item {bid}: {fault_type or 'Fault'}: {message or 'refused'}", body=item
            )
        elif isinstance(item.get("QueryResponse"), Mapping):
            answer = {"QueryResponse": item["QueryResponse"]}
        elif "CDCResponse" in item:
            cdc = item["CDCResponse"]
            answer = {"CDCResponse": cdc if isinstance(cdc, list) else [cdc]}
        else:
            answer = ProviderError(f"batch item {bid}: no answer QuickBooks reads", body=item)
        answers[bid] = answer
    return answers
