"""``/api.xro/2.0/``: lists with Xero's filters and paging, reads, and writes with validation."""

from __future__ import annotations

import math
from collections.abc import Callable

from flask import Blueprint, Response, g, request

from .. import resources as R
from .. import unitdp
from ..domain import (
    bank,
    catalog,
    contacts,
    journals,
    payments,
    purchase_orders,
    tracking,
    transactions,
)
from ..domain.errors import ValidationFailed, query_parse_body, validation_body, with_errors
from ..ids import is_guid
from ..jsonutil import dumps, loads
from ..ledger import Ledger
from ..records import row_json
from ..where import QueryParseError, compile_order, compile_where
from ..xdates import parse_http_instant
from .guard import accounting_guard, release_slot
from .http import envelope, json_response, not_found, parse_json, sandbox

bp = Blueprint("accounting", __name__, url_prefix="/api.xro/2.0")
bp.teardown_request(release_slot)

SEARCH_COLUMNS = {
    "Invoice": ("number", "reference"),
    "CreditNote": ("number", "reference"),
    "Contact": (
        "name",
        "number",
        "email",
        "json_extract(doc, '$.FirstName')",
        "json_extract(doc, '$.LastName')",
    ),
}
SUMMARY_DROP = {
    "Invoice": ("LineItems", "Payments", "CreditNotes", "Prepayments", "Overpayments"),
    "Contact": (
        "Addresses",
        "Phones",
        "ContactPersons",
        "ContactGroups",
        "PaymentTerms",
        "Balances",
    ),
}
ENDPOINT_NAMES = {r.collection.lower(): r.collection for r in R.ALL} | {
    "organisation": "Organisation"
}


class BadRequest(Exception):
    def __init__(self, body: dict) -> None:
        super().__init__(body.get("Message"))
        self.body = body


def _resource(collection: str) -> R.Resource | None:
    return R.BY_COLLECTION.get(collection.lower())


def _guarded(collection: str, suffix: str = "") -> Response | None:
    name = ENDPOINT_NAMES.get(collection.lower(), collection)
    return accounting_guard(f"{request.method} /api.xro/2.0/{name}{suffix}")


def _finish(response: Response) -> Response:
    response.headers.update(getattr(g, "rate_headers", {}))
    sandbox().counters.add("statuses", str(response.status_code))
    return response


def _args() -> dict[str, str]:
    return {k.lower(): v for k, v in request.args.items()}


def _flag(args: dict, name: str, default: bool = False) -> bool:
    value = args.get(name.lower())
    return default if value is None else value.strip().lower() in ("true", "1", "yes")


def _csv(args: dict, name: str) -> list[str]:
    raw = args.get(name.lower(), "")
    return [p.strip().strip('"') for p in raw.split(",") if p.strip().strip('"')]


# -- reads -----------------------------------------------------------------------------


@bp.get("/Organisation")
@bp.get("/organisation")
def organisation() -> Response:
    if (denied := _guarded("Organisation")) is not None:
        return _finish(denied)
    row = sandbox().store.get_record(g.tenant_id, "Organisation", g.tenant_id)
    return _finish(envelope("Organisations", [row_json(row)] if row else [], g.provider))


@bp.get("/<collection>")
def list_records(collection: str) -> Response:
    resource = _resource(collection)
    if resource is R.ORGANISATION:  # GET /Organisations, as real clients call it
        return organisation()
    if resource is None:
        return not_found()
    if (denied := _guarded(collection)) is not None:
        return _finish(denied)
    try:
        return _finish(_list(resource, _args()))
    except QueryParseError as exc:
        return _finish(json_response(query_parse_body(str(exc)), 400))
    except BadRequest as exc:
        return _finish(json_response(exc.body, 400))


def _list(resource: R.Resource, args: dict) -> Response:
    clauses, params = ["tenant_id=?", "kind=?"], [g.tenant_id, resource.kind]
    if args.get("where", "").strip():
        sql, where_params = compile_where(args["where"], resource.fields, resource.kind)
        clauses.append(sql)
        params += where_params
    ids = _csv(args, "IDs")
    if ids:
        if not all(is_guid(i) for i in ids):
            raise BadRequest(query_parse_body("IDs must be a comma-separated list of Guids"))
        clauses.append(f"id IN ({','.join('?' * len(ids))})")
        params += [i.lower() for i in ids]
    if resource.kind == "Invoice":
        for name, column in (
            ("Statuses", "status"),
            ("InvoiceNumbers", "number"),
            ("ContactIDs", "contact_id"),
        ):
            values = _csv(args, name)
            if values:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})")
                params += [v.lower() if column == "contact_id" else v for v in values]
    if resource is R.PURCHASE_ORDERS:
        try:
            purchase_orders.list_filters(args, clauses, params)
        except purchase_orders.BadFilter as exc:
            raise BadRequest(query_parse_body(str(exc))) from None
    bank.list_filters(resource, args, clauses)
    if resource.kind == "Contact" and not _flag(args, "includeArchived"):
        clauses.append("status != 'ARCHIVED'")
    if resource is R.TRACKING_CATEGORIES:
        hidden = ("DELETED",) if _flag(args, "includeArchived") else ("DELETED", "ARCHIVED")
        clauses.append(f"status NOT IN ({','.join('?' * len(hidden))})")
        params += hidden
    term = args.get("searchterm", "").strip()
    if term and resource.kind in SEARCH_COLUMNS:
        like = f"%{term}%"
        clauses.append(
            "(" + " OR ".join(f"{c} LIKE ?" for c in SEARCH_COLUMNS[resource.kind]) + ")"
        )
        params += [like] * len(SEARCH_COLUMNS[resource.kind])
    since = request.headers.get("If-Modified-Since") if resource.modified_since else None
    if since:
        try:
            params.append(parse_http_instant(since))
        except ValueError:
            raise BadRequest(
                query_parse_body(f"The If-Modified-Since header '{since}' is not a valid date")
            ) from None
        clauses.append("updated_ms >= ?")
    order = resource.default_order
    if args.get("order", "").strip():
        order = compile_order(args["order"], resource.fields, resource.kind) + ", seq ASC"
    where_sql = " AND ".join(clauses)
    store = sandbox().store
    pagination, limit = None, ""
    paged = resource.paged and args.get("page") not in (None, "")
    if paged:
        page = _int(args.get("page"), 1, minimum=1)
        size = min(_int(args.get("pagesize"), 100, minimum=1), 1000)
        count = store.one(f"SELECT COUNT(*) AS n FROM records WHERE {where_sql}", params)["n"]  # noqa: S608
        pagination = {
            "page": page,
            "pageSize": size,
            "pageCount": math.ceil(count / size),
            "itemCount": count,
        }
        limit = f" LIMIT {size} OFFSET {(page - 1) * size}"
    rows = store.all(f"SELECT * FROM records WHERE {where_sql} ORDER BY {order}{limit}", params)  # noqa: S608
    with_lines = paged or resource.kind not in ("Invoice", "CreditNote")
    if _flag(args, "summaryOnly") and resource.kind in SUMMARY_DROP:
        items = [_summary(resource, row) for row in rows]
    elif resource is R.TRACKING_CATEGORIES:
        include_archived = _flag(args, "includeArchived")
        items = [tracking.visible(loads(row["doc"]), include_archived) for row in rows]
        items = [dumps(item) for item in items if item is not None]
    else:
        items = [row_json(row, with_lines=with_lines) for row in rows]
        if (with_lines or resource.kind == "Item") and _two_places(resource):
            items = [unitdp.round_json(resource.kind, item) for item in items]
    return envelope(resource.collection, items, g.provider, pagination)


def _two_places(resource: R.Resource) -> bool:
    """Unit amounts are rounded to two places for this request (no ``unitdp=4``)."""
    return resource.kind in unitdp.KINDS and not unitdp.four_places(_args())


def _int(value: str | None, default: int, minimum: int) -> int:
    try:
        return max(int(value), minimum) if value not in (None, "") else default
    except ValueError:
        raise BadRequest(query_parse_body(f"'{value}' is not a valid integer")) from None


def _summary(resource: R.Resource, row) -> bytes:
    doc = loads(row["doc"])
    for key in SUMMARY_DROP[resource.kind]:
        doc.pop(key, None)
    if resource.kind == "Invoice" and "Contact" in doc:
        doc["Contact"] = {
            "ContactID": doc["Contact"]["ContactID"],
            "Name": doc["Contact"].get("Name", ""),
        }
    return dumps(doc)


def _find(resource: R.Resource, ident: str):
    store = sandbox().store
    if resource.id_field != "TaxType" and is_guid(ident):
        row = store.get_record(g.tenant_id, resource.kind, ident)
        if row is not None:
            return row
    if resource.number_column:
        rows = (
            sandbox().ledger(g.tenant_id).records.by_column(resource, resource.number_column, ident)
        )
        live = [r for r in rows if r["status"] not in ("DELETED", "VOIDED")]
        return (live or rows or [None])[-1]
    return None


@bp.get("/<collection>/<ident>")
def get_record(collection: str, ident: str) -> Response:
    resource = _resource(collection)
    if resource is None:
        return not_found()
    if (denied := _guarded(collection, "/{id}")) is not None:
        return _finish(denied)
    row = _find(resource, ident)
    if row is None or (resource is R.TRACKING_CATEGORIES and row["status"] == "DELETED"):
        return _finish(not_found())
    item = row_json(row)
    if resource is R.TRACKING_CATEGORIES:  # one category shows its archived options too
        item = dumps(tracking.visible(loads(row["doc"]), include_archived=True))
    if _two_places(resource):
        item = unitdp.round_json(resource.kind, item)
    return _finish(envelope(resource.collection, [item], g.provider))


# -- writes ----------------------------------------------------------------------------

Writer = Callable[[Ledger, dict, dict | None], dict]


def _writer(resource: R.Resource, method: str, ident: str | None) -> Writer | None:
    kind = resource.kind
    if kind == "Invoice":
        return lambda ledger, el, ex: transactions.upsert(ledger, transactions.INVOICE, el, ex)
    if kind == "CreditNote":
        return lambda ledger, el, ex: transactions.upsert(ledger, transactions.CREDIT_NOTE, el, ex)
    if kind == "PurchaseOrder":
        return purchase_orders.upsert
    if kind == "ManualJournal":
        return journals.upsert_manual_journal
    if kind == "BankTransaction":
        return bank.upsert_bank_transaction
    if kind == "BankTransfer":
        return bank.write_bank_transfer
    if kind == "Contact":
        return contacts.upsert_contact
    if kind == "Item":
        return catalog.upsert_item
    if kind == "Account":
        return catalog.upsert_account
    if kind == "Payment":
        if ident:
            return lambda ledger, el, ex: payments.delete_payment(ledger, ex, el)
        return lambda ledger, el, ex: payments.create_payment(ledger, el)
    return None


@bp.put("/<collection>")
@bp.post("/<collection>")
def write_collection(collection: str) -> Response:
    return _write(collection, None)


@bp.post("/<collection>/<ident>")
def write_record(collection: str, ident: str) -> Response:
    return _write(collection, ident)


@bp.put("/CreditNotes/<ident>/Allocations")
@bp.put("/creditnotes/<ident>/allocations")
def allocate(ident: str) -> Response:
    if (denied := _guarded("CreditNotes", "/{id}/Allocations")) is not None:
        return _finish(denied)
    row = _find(R.CREDIT_NOTES, ident)
    if row is None:
        return _finish(not_found())
    sb = sandbox()
    key = request.headers.get("Idempotency-Key")  # Xero dedupes PUTs by it, this one too
    if key:
        stored = sb.store.one(
            "SELECT status, body, content_type FROM idempotency "
            "WHERE client_id=? AND tenant_id=? AND key=?",
            (g.token.client_id, g.tenant_id, key),
        )
        if stored:
            return _finish(
                Response(stored["body"], status=stored["status"], mimetype=stored["content_type"])
            )
    try:
        payload = parse_json(request.get_data())
    except ValueError:
        return _finish(json_response(_bad_json(), 400))
    ledger = sb.ledger(g.tenant_id, g.provider)
    try:
        with sb.store.write() as conn:
            from ..records import row_doc

            results = payments.allocate_credit(ledger, row_doc(row), payload or {})
            # Xero answers in its usual envelope (Id, Status, ProviderName, DateTimeUTC).
            response = envelope("Allocations", [dumps(a) for a in results], g.provider)
            if key:
                _remember(conn, key, response)
    except ValidationFailed as exc:
        element = getattr(exc, "element", None) or payload or {}  # the allocation refused
        return _finish(json_response(validation_body([with_errors(element, exc.messages)]), 400))
    sb.webhooks.publish(ledger.events)
    return _finish(response)


def _bad_json() -> dict:
    return {"ErrorNumber": 14, "Type": "PostDataInvalidException", "Message": "Invalid Json data"}


class _Abort(Exception):
    def __init__(self, response: Response) -> None:
        super().__init__("abort")
        self.response = response


def _write(collection: str, ident: str | None) -> Response:
    resource = _resource(collection)
    if resource is None:
        return not_found()
    if (denied := _guarded(collection, "/{id}" if ident else "")) is not None:
        return _finish(denied)
    writer = _writer(resource, request.method, ident)
    if writer is None:
        return _finish(
            json_response(
                {
                    "ErrorNumber": 20,
                    "Type": "NotImplemented",
                    "Message": "The API method is not implemented",
                },
                501,
            )
        )
    sb = sandbox()
    key = request.headers.get("Idempotency-Key")
    if key:
        stored = sb.store.one(
            "SELECT status, body, content_type FROM idempotency "
            "WHERE client_id=? AND tenant_id=? AND key=?",
            (g.token.client_id, g.tenant_id, key),
        )
        if stored:
            return _finish(
                Response(stored["body"], status=stored["status"], mimetype=stored["content_type"])
            )
    existing_row = None
    if ident:
        existing_row = _find(resource, ident)
        if existing_row is None:
            return _finish(not_found())
    try:
        payload = parse_json(request.get_data())
    except ValueError:
        return _finish(json_response(_bad_json(), 400))
    if isinstance(payload, dict) and isinstance(payload.get(resource.collection), list):
        elements = payload[resource.collection]
    elif isinstance(payload, dict):
        elements = [payload]
    else:
        return _finish(json_response(_bad_json(), 400))
    if _two_places(resource):
        elements = [
            unitdp.round_doc(resource.kind, el) if isinstance(el, dict) else el for el in elements
        ]
    summarize = _flag(_args(), "summarizeErrors", default=True)
    ledger = sb.ledger(g.tenant_id, g.provider)
    try:
        with sb.store.write() as conn:
            results, failed = _apply(
                conn, ledger, resource, writer, elements, existing_row, summarize
            )
            if failed and summarize:
                raise _Abort(
                    json_response(validation_body([el for ok, el in results if not ok]), 400)
                )
            if _two_places(resource):
                results = [(ok, unitdp.round_doc(resource.kind, el)) for ok, el in results]
            response = envelope(resource.collection, [dumps(el) for _, el in results], g.provider)
            if key:
                _remember(conn, key, response)
    except _Abort as abort:
        response = abort.response
        if key:
            with sb.store.write() as conn:
                _remember(conn, key, response)
        return _finish(response)
    sb.webhooks.publish(ledger.events)
    return _finish(response)


def _remember(conn, key: str, response: Response) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO idempotency "
        "(client_id, tenant_id, key, status, body, content_type) VALUES (?, ?, ?, ?, ?, ?)",
        (
            g.token.client_id,
            g.tenant_id,
            key,
            response.status_code,
            response.get_data(),
            response.mimetype,
        ),
    )


def _apply(
    conn,
    ledger: Ledger,
    resource: R.Resource,
    writer: Writer,
    elements: list,
    existing_row,
    summarize: bool,
):
    from ..records import row_doc

    results: list[tuple[bool, dict]] = []
    failed = False
    for index, element in enumerate(elements):
        mark = len(ledger.events)
        conn.execute(f"SAVEPOINT el{index}")
        try:
            if not isinstance(element, dict):
                raise ValidationFailed("Each element must be an object")
            existing = None
            if existing_row is not None:
                existing = row_doc(existing_row)
            elif request.method == "POST" and element.get(resource.id_field):
                row = _find(resource, str(element[resource.id_field]))
                if row is None:
                    raise ValidationFailed(
                        f"{resource.kind} with {resource.id_field} "
                        f"'{element[resource.id_field]}' could not be found"
                    )
                existing = row_doc(row)
            elif (
                request.method == "POST" and resource is R.INVOICES and element.get("InvoiceNumber")
            ):
                row = _find(resource, str(element["InvoiceNumber"]))
                existing = row_doc(row) if row is not None and row["type"] == "ACCREC" else None
            if request.method == "PUT" and existing_row is None:
                element = {k: v for k, v in element.items() if k != resource.id_field}
            doc = writer(ledger, element, existing)
            conn.execute(f"RELEASE el{index}")
            if not summarize:
                doc = dict(doc, StatusAttributeString="OK")
            results.append((True, doc))
        except ValidationFailed as exc:
            conn.execute(f"ROLLBACK TO el{index}")
            conn.execute(f"RELEASE el{index}")
            del ledger.events[mark:]
            for cached in ("accounts", "accounts_by_id", "items"):
                ledger.__dict__.pop(cached, None)
            failed = True
            bad = with_errors(element if isinstance(element, dict) else {}, exc.messages)
            if not summarize:
                bad["StatusAttributeString"] = "ERROR"
                bad[
                    "HasErrors"
                    if resource.kind in ("Invoice", "CreditNote")
                    else "HasValidationErrors"
                ] = True
            results.append((False, bad))
    return results, failed


@bp.delete("/Items/<ident>")
@bp.delete("/items/<ident>")
def delete_item(ident: str) -> Response:
    if (denied := _guarded("Items", "/{id}")) is not None:
        return _finish(denied)
    row = _find(R.ITEMS, ident)
    if row is None:
        return _finish(not_found())
    with sandbox().store.write() as conn:
        conn.execute("DELETE FROM records WHERE seq=?", (row["seq"],))
    return _finish(Response(status=204))
