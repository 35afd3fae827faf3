"""``POST /v3/company/<realmId>/batch``: several reads in one request, one call against every
limit (and one in the counters). The body is ``{"BatchItemRequest": [{"bId": "1", "Query":
"SELECT …"}, {"bId": "2", "CDCQuery": {"Entities": "Invoice,Bill", "ChangedSince": "…"}}]}``;
each item is answered as the query or cdc endpoint would answer it, under its ``bId``:
``{"BatchItemResponse": [{"bId": "1", "QueryResponse": {…}}, {"bId": "2", "CDCResponse":
{"QueryResponse": […]}}, {"bId": "3", "Fault": {"Error": […], "type": "ValidationFault"}}],
"time": …}``. An item the query or cdc endpoint would refuse gets that refusal's ``Fault``; the
others are still answered (HTTP 200).

Intuit's rules kept: at most 30 items (more: the whole request is refused, HTTP 400), 40 batch
requests a minute per app and company (HTTP 429 ThrottleExceeded, besides the 500 a minute of
every request), at most 1,000 objects in a response. The sandbox's own choices where Intuit does
not say: the texts of the refusals of a request over 30 items, without ``bId``s or with a
``bId`` twice; an item that would take the response past 1,000 objects gets a ``Fault`` (never
a cut answer); entity operations (create, update, delete) are not served here (a ``Fault``:
only reads are batched by Ledgerlink)."""

from __future__ import annotations

from typing import Any

from flask import Response, g, request

from .api import answer_cdc, answer_query, bp
from .current import sandbox
from .errors import fault, intuit_time, json_response

#: Intuit's limits.
MAX_ITEMS = 30
MAX_OBJECTS = 1000

#: What an item may carry besides ``bId`` (one of them).
_OPERATIONS = ("create", "update", "delete")


def _refuse(detail: str) -> Response:
    return fault(
        400,
        "ValidationFault",
        "2310",
        "Invalid Request Body",
        detail,
        sandbox().clock.now(),
    )


def _item_fault(code: str, message: str, detail: str) -> dict[str, Any]:
    return {
        "type": "ValidationFault",
        "Error": [{"Message": message, "Detail": detail, "code": code, "element": ""}],
    }


@bp.post("/batch")
def batch(realm: str) -> Response:
    sb = sandbox()
    client_id, _ = g.slot
    wait = sb.limiter.acquire_batch(client_id, realm)
    if wait:
        sb.counters.rate_limited["batch"] += 1
        return fault(
            429,
            "ThrottleExceeded",
            "3001",
            "message=ThrottleExceeded; errorCode=003001; statusCode=429",
            "The batch request limit was reached: at most 40 batch requests a minute for this "
            "company; slow down.",
            sb.clock.now(),
            headers={"Retry-After": str(wait)},
        )
    body = request.get_json(silent=True)
    items = body.get("BatchItemRequest") if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        return _refuse("BatchItemRequest is required: a list of 1 to 30 items")
    if len(items) > MAX_ITEMS:
        return _refuse(
            f"A batch request may carry at most {MAX_ITEMS} BatchItemRequest items; "
            f"this one has {len(items)}"
        )
    ids = [item.get("bId") if isinstance(item, dict) else None for item in items]
    if any(not isinstance(bid, str) or not bid for bid in ids):
        return _refuse("Every BatchItemRequest needs a bId")
    if len(set(ids)) != len(ids):
        return _refuse("bId must be unique within a batch request")
    sb.counters.batches.append({"realm": realm, "items": [_describe(i) for i in items]})
    answers: list[dict[str, Any]] = []
    budget = MAX_OBJECTS
    for item in items:
        answer, objects = _answer(realm, item)
        if objects > budget:
            answer = {
                "Fault": _item_fault(
                    "4003",
                    "Too many objects",
                    f"The batch response may hold at most {MAX_OBJECTS} objects in all; this "
                    f"item's {objects} do not fit after the items before it",
                )
            }
        else:
            budget -= objects
        answers.append({"bId": item["bId"], **answer})
    return json_response({"BatchItemResponse": answers, "time": intuit_time(sb.clock.now())})


def _describe(item: dict[str, Any]) -> str:
    if "Query" in item:
        return f"Query: {item['Query']}"
    if "CDCQuery" in item:
        cdc = item["CDCQuery"] if isinstance(item["CDCQuery"], dict) else {}
        return f"CDCQuery: {cdc.get('Entities')} since {cdc.get('ChangedSince')}"
    return f"{item.get('operation') or '?'}"


def _answer(realm: str, item: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The item's answer (without ``bId``) and how many objects it holds."""
    operation = item.get("operation")
    reads = ("Query" in item) + ("CDCQuery" in item)
    if reads > 1 or (reads and operation is not None):
        operation = "invalid"
    if "Query" in item and operation is None:
        text = item["Query"]
        response = answer_query(realm, text if isinstance(text, str) else None)
        body = response.get_json()
        if response.status_code != 200:
            return {"Fault": body["Fault"]}, 0
        answer = body["QueryResponse"]
        return {"QueryResponse": answer}, _objects(answer)
    if "CDCQuery" in item and operation is None:
        cdc = item["CDCQuery"] if isinstance(item["CDCQuery"], dict) else {}
        response = answer_cdc(realm, cdc.get("Entities"), cdc.get("ChangedSince"))
        body = response.get_json()
        if response.status_code != 200:
            return {"Fault": body["Fault"]}, 0
        capture = body["CDCResponse"][0]
        return {"CDCResponse": capture}, sum(
            _objects(r) for r in capture.get("QueryResponse") or ()
        )
    if operation in _OPERATIONS:
        return {
            "Fault": _item_fault(
                "500",
                "Unsupported Operation",
                f"Operation {operation} in a batch is not supported by this sandbox.",
            )
        }, 0
    return {
        "Fault": _item_fault(
            "2310",
            "Invalid Request Body",
            "A BatchItemRequest carries a Query, a CDCQuery, or an operation with an entity",
        )
    }, 0


def _objects(response: dict[str, Any]) -> int:
    return sum(len(v) for v in response.values() if isinstance(v, list))
