"""The control plane (``/_sandbox/``, JSON, no auth: bind to localhost) for tests and demos."""

from __future__ import annotations

import copy
from typing import Any

from flask import Blueprint, Response, request

from ..redirects import redirect_uri_allowed
from .current import sandbox
from .errors import json_response
from .query import ENTITIES
from .seed import BY_REALM, WEBHOOK_FIELDS, company, register_app, stamp, void
from .state import SCOPE, Fault

bp = Blueprint("control", __name__, url_prefix="/_sandbox")


def _body() -> dict[str, Any]:
    return request.get_json(silent=True) or {}


def _error(status: int, message: str) -> Response:
    return json_response({"error": message}, status)


@bp.get("/health")
def health() -> Response:
    return json_response({"ok": True})


@bp.get("/companies")
def companies() -> Response:
    return json_response(
        [
            {"key": c.key, "realmId": c.realm, "name": c.name, "currency": c.currency}
            for c in BY_REALM.values()
        ]
    )


@bp.post("/fleet")
def seed_fleet() -> Response:
    """Add companies ``fleet-00001`` … ``companies`` (copies of the US demo company's books,
    plus ``invoices`` bulk invoices each); the demo companies stay."""
    from .fleet import seed_fleet as seed

    body = _body()
    try:
        return json_response(
            seed(sandbox().store, int(body.get("companies", 0)), int(body.get("invoices", 0)))
        )
    except (ValueError, TypeError) as exc:
        return json_response({"error": str(exc)}, 400)


@bp.post("/reset")
def reset() -> Response:
    body = _body()
    try:
        documents = {k: int(v) for k, v in (body.get("documents") or {}).items()}
        sandbox().reset(
            invoices=int(body.get("invoices") or 0),
            realm=str(body.get("realm") or "us"),
            documents=documents,
        )
    except (ValueError, TypeError, AttributeError) as exc:
        return json_response({"error": str(exc)}, 400)
    return json_response({"ok": True})


# -- apps and OAuth --------------------------------------------------------------------------
@bp.get("/apps")
def apps() -> Response:
    return json_response(sandbox().apps())


@bp.post("/apps")
def add_app() -> Response:
    body = _body()
    if not body.get("client_id") or not body.get("client_secret"):
        return _error(400, "client_id and client_secret are required")
    try:
        register_app(sandbox().store, body)
    except ValueError as exc:
        return _error(400, str(exc))
    return json_response(sandbox().app(body["client_id"]), 201)


@bp.patch("/apps/<client_id>")
def update_app(client_id: str) -> Response:
    app = sandbox().app(client_id)
    if app is None:
        return _error(404, "no such app")
    body = _body()
    fields = ("client_secret", "name", "redirect_uris", *WEBHOOK_FIELDS)
    app.update({k: body[k] for k in fields if k in body})
    try:
        register_app(sandbox().store, app)
    except ValueError as exc:
        return _error(400, str(exc))
    return json_response(sandbox().app(client_id))


@bp.post("/authorize")
def authorize() -> Response:
    """Consent without the browser: ``{client_id, redirect_uri, realm (key, realmId or name),
    state, scope, code_challenge, code_challenge_method}`` → ``{code, realmId, redirect_url}``."""
    sb = sandbox()
    body = _body()
    app = sb.app(body.get("client_id"))
    if app is None:
        return _error(400, "unknown client_id")
    redirect_uri = body.get("redirect_uri") or app["redirect_uris"][0]
    if not redirect_uri_allowed(redirect_uri, app["redirect_uris"]):
        return _error(400, "redirect_uri not registered")
    found = company(body.get("realm") or "us")
    if found is None:
        return _error(400, "unknown company")
    code = sb.issue_code(
        app["client_id"],
        redirect_uri,
        found.realm,
        body.get("scope") or SCOPE,
        body.get("code_challenge"),
        body.get("code_challenge_method"),
    )
    state = body.get("state")
    url = f"{redirect_uri}?code={code}&realmId={found.realm}" + (f"&state={state}" if state else "")
    return json_response({"code": code, "realmId": found.realm, "redirect_url": url})


@bp.get("/grants")
def grants() -> Response:
    return json_response(sandbox().grants())


@bp.post("/grants/revoke")
def revoke_grants() -> Response:
    body = _body()
    revoked = sandbox().revoke_grants(body.get("grant_id"), body.get("client_id"))
    return json_response({"revoked": revoked})


@bp.post("/tokens/expire")
def expire_tokens() -> Response:
    return json_response({"expired": sandbox().expire_tokens(_body().get("access_token"))})


# -- limits, faults, clock, counters -----------------------------------------------------------
@bp.route("/limits", methods=["GET", "PUT"])
def limits() -> Response:
    sb = sandbox()
    if request.method == "PUT":
        body = _body()
        # Until the next reset (which goes back to the command line's limits).
        if body.get("minute") is not None:
            sb.limiter.minute = int(body["minute"])
        if body.get("concurrent") is not None:
            sb.limiter.concurrent = int(body["concurrent"])
        if body.get("batch_minute") is not None:
            sb.limiter.batch_minute = int(body["batch_minute"])
    return json_response(
        {
            "minute": sb.limiter.minute,
            "concurrent": sb.limiter.concurrent,
            "batch_minute": sb.limiter.batch_minute,
        }
    )


@bp.route("/faults", methods=["GET", "PUT", "DELETE"])
def faults() -> Response:
    """``{"rules": [{"prefix", "status" (429/500/503 or null), "times" (-1: always),
    "delay_ms"}]}``: the next matching API calls get the status (after the delay)."""
    sb = sandbox()
    if request.method == "PUT":
        sb.faults = [
            Fault(
                prefix=str(r.get("prefix") or "/v3/"),
                status=int(r["status"]) if r.get("status") else None,
                times=int(r.get("times", 1)),
                delay_ms=int(r.get("delay_ms") or 0),
            )
            for r in _body().get("rules") or []
        ]
    elif request.method == "DELETE":
        sb.faults = []
    return json_response({"rules": [f.__dict__ for f in sb.faults]})


@bp.route("/clock", methods=["GET", "POST"])
def clock() -> Response:
    sb = sandbox()
    body = _body()
    if body.get("reset"):
        sb.clock.reset()
    if body.get("advance"):
        sb.clock.advance(float(body["advance"]))
    return json_response({"now": sb.clock.now().isoformat()})


@bp.get("/counters")
def counters() -> Response:
    sb = sandbox()
    return json_response(sb.counters.as_dict(sb.limiter.max_active))


@bp.post("/counters/reset")
def reset_counters() -> Response:
    from .state import Counters

    sb = sandbox()
    sb.counters = Counters()
    sb.limiter.max_active = 0
    return json_response({"ok": True})


# -- webhooks (sandbox/quickbooks/webhooks.py) -------------------------------------------------
@bp.get("/webhooks/deliveries")
def webhook_deliveries() -> Response:
    """Every delivery attempt, oldest first (the payload as sent, status, retry planned)."""
    return json_response(list(sandbox().webhooks.deliveries))


@bp.post("/webhooks/flush")
def flush_webhooks() -> Response:
    """``{"timeout": 10, "include_retries": false}`` → ``{"flushed": true}`` once every queued
    change is delivered (and retries done, if asked)."""
    body = _body()
    done = sandbox().webhooks.flush(
        float(body.get("timeout") or 10), include_retries=bool(body.get("include_retries"))
    )
    return json_response({"flushed": done})


@bp.route("/webhooks/config", methods=["GET", "PUT"])
def webhook_config() -> Response:
    """``{"retry_delays": [10, 20, 30, 300, …], "batch_window": 0.05, "max_entities": 100,
    "enabled": true, "timeout": 3}`` (until the next reset)."""
    hooks = sandbox().webhooks
    if request.method == "PUT":
        body = {**hooks.settings(), **_body()}
        try:
            return json_response(
                hooks.configure(
                    retry_delays=list(body["retry_delays"]),
                    batch_window=float(body["batch_window"]),
                    max_entities=int(body["max_entities"]),
                    enabled=bool(body["enabled"]),
                    timeout=float(body["timeout"]),
                )
            )
        except (TypeError, ValueError) as exc:
            return _error(400, f"bad webhook settings: {exc}")
    return json_response(hooks.settings())


# -- books, as a QuickBooks user would change them --------------------------------------------
def _target(realm_ref: str, entity: str) -> tuple[str, str] | Response:
    found = company(realm_ref)
    if found is None or entity not in ENTITIES:
        return _error(404, "unknown company or entity")
    return found.realm, entity


def _touch(realm: str, doc: dict[str, Any]) -> None:
    doc["SyncToken"] = str(int(doc.get("SyncToken") or 0) + 1)
    meta = doc.setdefault("MetaData", {})
    meta["LastUpdatedTime"] = stamp(sandbox().clock.now(), BY_REALM[realm].tz)
    meta.setdefault("CreateTime", meta["LastUpdatedTime"])


@bp.get("/companies/<realm_ref>/<entity>")
def list_docs(realm_ref: str, entity: str) -> Response:
    target = _target(realm_ref, entity)
    if isinstance(target, Response):
        return target
    return json_response(sandbox().store.docs(*target))


@bp.post("/companies/<realm_ref>/<entity>")
def create(realm_ref: str, entity: str) -> Response:
    target = _target(realm_ref, entity)
    if isinstance(target, Response):
        return target
    realm, entity = target
    store = sandbox().store
    with store.lock:
        doc = {**_body(), "Id": store.next_id(realm, entity), "SyncToken": "-1"}
        doc.setdefault("domain", "QBO")
        doc.setdefault("sparse", False)
        if entity in ("Customer", "Vendor"):
            doc.setdefault("Active", True)
        _touch(realm, doc)
        store.put(realm, entity, doc)
    return json_response(doc, 201)


@bp.patch("/companies/<realm_ref>/<entity>/<entity_id>")
def edit(realm_ref: str, entity: str, entity_id: str) -> Response:
    """Merge fields into the record (top level); SyncToken and LastUpdatedTime move on."""
    target = _target(realm_ref, entity)
    if isinstance(target, Response):
        return target
    realm, entity = target
    store = sandbox().store
    with store.lock:
        doc = store.doc(realm, entity, entity_id)
        if doc is None:
            return _error(404, "no such record")
        doc.update(copy.deepcopy(_body()))
        _touch(realm, doc)
        store.put(realm, entity, doc)
    return json_response(doc)


@bp.post("/companies/<realm_ref>/<entity>/<entity_id>/<action>")
def act(realm_ref: str, entity: str, entity_id: str, action: str) -> Response:
    """``void`` (Invoice, Payment, BillPayment: amounts zeroed, "Voided" note) or ``delete``
    (gone from every query, as at QuickBooks)."""
    target = _target(realm_ref, entity)
    if isinstance(target, Response):
        return target
    realm, entity = target
    store = sandbox().store
    with store.lock:
        doc = store.doc(realm, entity, entity_id)
        if doc is None:
            return _error(404, "no such record")
        if action == "delete":
            store.remove(realm, entity, entity_id, stamp(sandbox().clock.now(), BY_REALM[realm].tz))
            return json_response({"deleted": True, "Id": entity_id})
        if action != "void" or entity not in ("Invoice", "Payment", "BillPayment"):
            return _error(400, f"cannot {action} a {entity}")
        void(doc)
        _touch(realm, doc)
        store.put(realm, entity, doc)
    return json_response(doc)
