"""The accounting API under ``/v3/company/<realmId>/``: the query endpoint, reads by id,
CompanyInfo and Preferences, change data capture, and writes (Account, Item, Customer,
Vendor, PurchaseOrder, the documents). Every call:
injected faults, bearer auth (401, Intuit gateway form), the realm the grant covers (403),
throttling per app and realm (429), then the handler. Responses are JSON whatever ``Accept``
says (Intuit defaults to XML)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, Response, g, request

from . import applications, invoices, payments
from . import names as name_lists
from .current import sandbox
from .errors import fault, gateway_fault, intuit_time, json_response
from .query import QueryError, instant, parse, run
from .seed import BY_REALM, stamp
from .state import OAuthError, sleep_ms
from .writes import WriteFault, save

bp = Blueprint("api", __name__, url_prefix="/v3/company/<realm>")

#: URL name (lower case, as Intuit spells its endpoints) → entity.
ENTITY_PATHS = {
    "customer": "Customer",
    "vendor": "Vendor",
    "item": "Item",
    "invoice": "Invoice",
    "bill": "Bill",
    "payment": "Payment",
    "billpayment": "BillPayment",
    "purchaseorder": "PurchaseOrder",
    "creditmemo": "CreditMemo",
    "vendorcredit": "VendorCredit",
    "refundreceipt": "RefundReceipt",
    "purchase": "Purchase",
    "deposit": "Deposit",
    "transfer": "Transfer",
    "account": "Account",
    "taxcode": "TaxCode",
    "taxrate": "TaxRate",
    "class": "Class",
    "department": "Department",
    "journalentry": "JournalEntry",
}

#: Entities ``POST /<entity>`` creates and updates.
WRITABLE = (
    "Account",
    "Item",
    "PurchaseOrder",
    "JournalEntry",
    "CreditMemo",
    "VendorCredit",
    "Purchase",
    "Deposit",
    "Transfer",
    "Payment",
    "BillPayment",
    "Invoice",
    "Bill",
    "Customer",
    "Vendor",
)

#: What Intuit's change data capture covers, of what the sandbox serves (not TaxCode, TaxRate,
#: CompanyInfo or Preferences).
CDC_ENTITIES = (
    "Customer",
    "Vendor",
    "Item",
    "Invoice",
    "Bill",
    "Payment",
    "BillPayment",
    "PurchaseOrder",
    "CreditMemo",
    "VendorCredit",
    "RefundReceipt",
    "Purchase",
    "Deposit",
    "Transfer",
    "Account",
    "Class",
    "Department",
    "JournalEntry",
)


def _now():
    return sandbox().clock.now()


@bp.before_request
def guard() -> Response | None:
    sb = sandbox()
    realm = (request.view_args or {}).get("realm", "")
    kind = request.path.split("/")[4] if request.path.count("/") >= 4 else ""
    sb.counters.requests[kind or "company"] += 1
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    try:
        access = sb.check_access(token)
    except OAuthError as exc:
        return gateway_fault(
            401,
            "AUTHENTICATION",
            "3200",
            "message=AuthenticationFailed; errorCode=003200; statusCode=401",
            exc.description,
        )
    if access.realm != realm or realm not in BY_REALM:
        return fault(
            403,
            "AUTHORIZATION",
            "3100",
            "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
            "The application is not authorized to access this company.",
            _now(),
        )
    allowed, problem, retry_after = sb.limiter.acquire(access.client_id, realm)
    if not allowed:
        sb.counters.rate_limited[problem or "minute"] += 1
        return _throttled(retry_after)
    g.slot = (access.client_id, realm)
    injected = sb.take_fault(request.path)
    if injected is not None:
        sleep_ms(injected.delay_ms)
        if injected.status:
            sb.counters.faults += 1
            if injected.status == 429:
                sb.counters.rate_limited["injected"] += 1
                return _throttled(1)
            return fault(
                injected.status,
                "SystemFault" if injected.status == 500 else "SERVICE",
                "10000" if injected.status == 500 else "3003",
                "An application error has occurred while processing your request"
                if injected.status == 500
                else "Service Unavailable",
                "System Failure Error: injected by the sandbox",
                _now(),
            )
    return None


def _throttled(retry_after: int) -> Response:
    return fault(
        429,
        "ThrottleExceeded",
        "3001",
        "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        "The request limit was reached. Too many requests for this company; slow down.",
        _now(),
        headers={"Retry-After": str(retry_after)},
    )


@bp.teardown_request
def release(_exc: BaseException | None) -> None:
    slot = g.pop("slot", None)
    if slot is not None:
        sandbox().limiter.release(*slot)


@bp.after_request
def count(response: Response) -> Response:
    sandbox().counters.statuses[str(response.status_code)] += 1
    return response


@bp.route("/query", methods=["GET", "POST"])
def query(realm: str) -> Response:
    sb = sandbox()
    text = request.args.get("query")
    if text is None and request.method == "POST":
        text = request.get_data(as_text=True)
    sb.counters.queries.append(
        {"realm": realm, "query": text, "minorversion": request.args.get("minorversion")}
    )
    return answer_query(realm, text)


def answer_query(realm: str, text: str | None) -> Response:
    """The query endpoint's answer to ``text`` (the batch endpoint answers its items so too)."""
    sb = sandbox()
    if not text:
        return fault(
            400,
            "ValidationFault",
            "4000",
            "Error parsing query",
            "QueryParserError: Encountered <EOF>",
            _now(),
        )
    try:
        parsed = parse(text)
    except QueryError as exc:
        if exc.kind == "parse":
            return fault(
                400,
                "ValidationFault",
                "4000",
                "Error parsing query",
                f"QueryParserError: {exc.detail}",
                _now(),
            )
        return fault(
            400,
            "ValidationFault",
            "4001",
            "Invalid query",
            f"QueryValidationError: {exc.detail}",
            _now(),
        )
    docs, total = run(parsed, sb.store.docs(realm, parsed.entity))
    body: dict[str, Any]
    if parsed.count:
        body = {"totalCount": total}
    elif docs:
        body = {parsed.entity: docs, "startPosition": parsed.start, "maxResults": len(docs)}
    else:
        body = {}
    return json_response({"QueryResponse": body, "time": intuit_time(_now())})


#: Change data capture looks back at most this far (Intuit: 30 days), and answers at most
#: this many objects in all.
CDC_MAX_DAYS = 30
CDC_MAX_OBJECTS = 1000


@bp.get("/cdc")
def change_data_capture(realm: str) -> Response:
    """``GET cdc?entities=Invoice,Bill&changedSince=…``: per entity, the records changed since
    then (whole) and the ones deleted since then (``{"Id", "status": "Deleted", ...}``)."""
    return answer_cdc(realm, request.args.get("entities"), request.args.get("changedSince"))


def answer_cdc(realm: str, entity_names: str | None, changed_since: str | None) -> Response:
    """Change data capture's answer (the batch endpoint answers its CDCQuery items so too)."""
    sb = sandbox()
    names = [n.strip() for n in (entity_names or "").split(",") if n.strip()]
    entities = [next((e for e in CDC_ENTITIES if e.lower() == n.lower()), None) for n in names]
    since = instant(changed_since)
    if not names or None in entities or since is None:
        return fault(
            400,
            "ValidationFault",
            "4001",
            "Invalid query",
            f"CDC needs entities ({', '.join(CDC_ENTITIES)}) and changedSince (an ISO 8601 "
            "date-time)",
            _now(),
        )
    if since < _now() - timedelta(days=CDC_MAX_DAYS):
        return fault(
            400,
            "ValidationFault",
            "4001",
            "Invalid query",
            f"changedSince must be within the last {CDC_MAX_DAYS} days",
            _now(),
        )
    responses: list[dict[str, Any]] = []
    budget = CDC_MAX_OBJECTS
    for entity in entities:
        changed: list[dict[str, Any]] = [
            doc
            for doc in sb.store.docs(realm, entity)
            if _at_or_after(doc.get("MetaData", {}).get("LastUpdatedTime"), since)
        ]
        changed += [
            {
                "domain": "QBO",
                "status": "Deleted",
                "Id": entity_id,
                "MetaData": {"LastUpdatedTime": deleted_at},
            }
            for entity_id, deleted_at in sb.store.tombstones(realm, entity)
            if _at_or_after(deleted_at, since)
        ]
        changed = changed[:budget]
        budget -= len(changed)
        body: dict[str, Any] = {"startPosition": 1, "maxResults": len(changed)}
        if changed:
            body = {entity: changed, **body}
        responses.append(body)
    return json_response(
        {"CDCResponse": [{"QueryResponse": responses}], "time": intuit_time(_now())}
    )


def _at_or_after(stamp: Any, since: datetime) -> bool:
    moment = instant(stamp)
    return moment is not None and moment >= since


@bp.get("/companyinfo/<company_id>")
def companyinfo(realm: str, company_id: str) -> Response:
    info = sandbox().store.doc(realm, "CompanyInfo", "1")
    if company_id != realm or info is None:
        return _not_found("CompanyInfo", company_id)
    return json_response({"CompanyInfo": info, "time": intuit_time(_now())})


@bp.get("/preferences")
def preferences(realm: str) -> Response:
    prefs = sandbox().store.doc(realm, "Preferences", "1")
    if prefs is None:
        return _not_found("Preferences", "1")
    return json_response({"Preferences": prefs, "time": intuit_time(_now())})


@bp.get("/<entity_path>/<entity_id>")
def read(realm: str, entity_path: str, entity_id: str) -> Response:
    entity = ENTITY_PATHS.get(entity_path.lower())
    if entity is None:
        return _unsupported(entity_path)
    doc = sandbox().store.doc(realm, entity, entity_id)
    if doc is None:
        return _not_found(entity, entity_id)
    return json_response({entity: doc, "time": intuit_time(_now())})


@bp.route("/<entity_path>", methods=["POST"])
def write(realm: str, entity_path: str) -> Response:
    """Create (no ``Id``) or update (``Id`` + ``SyncToken``, ``"sparse": true`` for a sparse
    update) a writable entity; a Payment/BillPayment moves the documents it links
    (``applications.py``); ``?operation=delete`` removes a CreditMemo, VendorCredit, Invoice,
    Bill, Payment or BillPayment and is refused elsewhere (accounts, items, customers and vendors
    are archived with ``Active``; QuickBooks' own refusal for the names);
    ``?operation=void`` voids an Invoice (``invoices.py``) and ``?operation=update&include=void``
    a Payment or BillPayment (``payments.py``); every other operation is refused. A
    ``requestid`` already answered gets the same answer again, nothing written."""
    entity = ENTITY_PATHS.get(entity_path.lower())
    operation = request.args.get("operation")
    voiding = payments.voids(entity, request.args)  # Intuit voids them with a sparse update
    if operation == "update" and entity in payments.ENTITIES:
        operation = None
    if entity not in WRITABLE or operation not in (None, "delete", "void"):
        return _unsupported(
            entity_path if not operation else f"{entity_path}?operation={operation}"
        )
    if operation == "delete" and entity in name_lists.ENTITIES:
        return fault(400, "ValidationFault", "500", *name_lists.DELETE_REFUSAL, _now())
    deletable = (*applications.DELETABLE, *invoices.ENTITIES, *payments.ENTITIES)
    if operation == "delete" and entity not in deletable:
        return _unsupported(f"{entity_path}?operation=delete")
    if operation == "void" and entity != "Invoice":  # Intuit voids invoices, not bills
        return _unsupported(f"{entity_path}?operation=void")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return fault(
            400,
            "ValidationFault",
            "2310",
            "Invalid Request Body",
            "Request has invalid or unsupported property",
            _now(),
        )
    sb = sandbox()
    request_id = request.args.get("requestid")
    key = (realm, request_id) if request_id else None
    with sb.store.lock:
        if key in sb.answered:
            status, answer = sb.answered[key]
            return json_response({**answer, "time": intuit_time(_now())}, status)
        try:
            if operation == "delete":
                return _delete(realm, entity, body, key)
            if voiding:
                doc = payments.void(
                    sb.store, realm, entity, body, stamp(_now(), BY_REALM[realm].tz)
                )
                if key:
                    sb.answered[key] = (200, {entity: doc})
                return json_response({entity: doc, "time": intuit_time(_now())})
            before = sb.store.doc(realm, entity, str(body["Id"])) if body.get("Id") else None
            if operation == "void":
                doc, created = invoices.check_void(sb.store, realm, entity, body), False
            else:
                doc, created = save(sb.store, realm, entity, body)
        except WriteFault as exc:
            response = fault(
                400,
                "ValidationFault",
                exc.code,
                exc.message,
                exc.detail,
                _now(),
                element=exc.element,
            )
            if key:
                sb.answered[key] = (400, {"Fault": response.get_json()["Fault"]})
            return response
        when = stamp(_now(), BY_REALM[realm].tz)
        if created:
            doc["Id"] = sb.store.next_id(realm, entity)
            doc["SyncToken"] = "0"
            doc["MetaData"] = {"CreateTime": when, "LastUpdatedTime": when}
        else:
            doc["SyncToken"] = str(int(doc.get("SyncToken") or 0) + 1)
            doc["MetaData"] = {**doc.get("MetaData", {}), "LastUpdatedTime": when}
        doc.update({"domain": "QBO", "sparse": False})
        sb.store.put(realm, entity, doc)
        if entity in applications.ENTITIES:
            applications.apply(sb.store, realm, entity, doc, when, before)
        if key:
            sb.answered[key] = (200, {entity: doc})
    return json_response({entity: doc, "time": intuit_time(_now())})


def _delete(realm: str, entity: str, body: dict[str, Any], key: Any) -> Response:
    """``?operation=delete`` (credits, payments): gone from queries, a tombstone for change
    data capture (``applications.check_delete``, ``payments.check_delete``); called with the
    store's lock held."""
    sb = sandbox()
    when = stamp(_now(), BY_REALM[realm].tz)
    if entity in payments.ENTITIES:  # the documents it paid get their balance back
        current = payments.check_delete(sb.store, realm, entity, body)
        payments.remove(sb.store, realm, entity, current, when)
    else:
        check = invoices.check_delete if entity in invoices.ENTITIES else applications.check_delete
        current = check(sb.store, realm, entity, body)
        sb.store.remove(realm, entity, str(current["Id"]), when)
    answer = {entity: {"status": "Deleted", "domain": "QBO", "Id": str(current["Id"])}}
    if key:
        sb.answered[key] = (200, answer)
    return json_response({**answer, "time": intuit_time(_now())})


@bp.route("/reports/JournalReport", methods=["GET"])
def journal_report(realm: str) -> Response:
    """Every posted transaction with its balanced ledger lines (sandbox/quickbooks/ledger.py),
    for ``start_date``..``end_date`` (default: this month, as Intuit)."""
    from datetime import date as _date

    from .ledger import journal_report as build

    today = _now().date()
    try:
        start = _date.fromisoformat(
            request.args.get("start_date") or today.replace(day=1).isoformat()
        )
        end = _date.fromisoformat(request.args.get("end_date") or today.isoformat())
    except ValueError:
        return fault(
            400,
            "ValidationFault",
            "2170",
            "Invalid Enumeration",
            "Invalid date: start_date and end_date are YYYY-MM-DD",
            _now(),
        )
    return json_response(build(sandbox().store, realm, start, end))


@bp.route("/reports/<name>", methods=["GET"])
def financial_report(realm: str, name: str) -> Response:
    """The financial reports (sandbox/quickbooks/reports.py)."""
    from .reports import ReportFault, build_report

    sb = sandbox()
    try:
        body = build_report(sb.store, realm, name, dict(request.args), _now())
    except ReportFault as exc:
        return fault(
            400, "ValidationFault", exc.code, exc.message, exc.detail, _now(), element=exc.element
        )
    return json_response(body)


def _not_found(entity: str, entity_id: str) -> Response:
    return fault(
        400,
        "ValidationFault",
        "610",
        "Object Not Found",
        f"Object Not Found : Something you're trying to use has been made inactive or is not "
        f"found: {entity} {entity_id}",
        _now(),
    )


def _unsupported(what: str) -> Response:
    return fault(
        400,
        "ValidationFault",
        "500",
        "Unsupported Operation",
        f"Operation {what} is not supported by this sandbox.",
        _now(),
    )
