"""``/_sandbox/``: the control plane (JSON), separate from the emulated Xero API."""

from __future__ import annotations

import secrets

from flask import Blueprint, Response, request

from ...redirects import redirect_uri_allowed
from .. import fleet
from .. import resources as R
from ..domain import catalog, contacts, transactions
from ..domain.errors import ValidationFailed
from ..oauth import OAuthError
from ..orgdata import ORGS, TENANTS
from ..records import row_doc
from ..scopes import DEFAULT_CONSENT_SCOPE, family_error
from ..seed import resolve_tenant
from .http import json_response, sandbox

bp = Blueprint("control", __name__, url_prefix="/_sandbox")


def _body() -> dict:
    return request.get_json(silent=True) or {}


def _error(message: str, status: int = 400, **extra) -> Response:
    return json_response({"error": message, **extra}, status)


@bp.get("/health")
def health() -> Response:
    return json_response({"ok": True})


@bp.get("/tenants")
def tenants() -> Response:
    return json_response(
        [
            {
                "key": o["key"],
                "tenantId": TENANTS[o["key"]],
                "name": o["name"],
                "baseCurrency": o["currency"],
                "version": o["version"],
            }
            for o in ORGS
        ]
        + [
            {"key": tid, "tenantId": tid, "name": name, "baseCurrency": "", "version": ""}
            for tid, name in fleet.FLEET.items()
        ]
    )


@bp.post("/fleet")
def seed_fleet() -> Response:
    """Add organisations ``fleet-00001`` … ``organisations`` (``invoices``, ``contacts``,
    ``payments`` of bulk data each) to the books; the demo ones stay."""
    body = _body()
    try:
        counts = {k: int(body.get(k, 0)) for k in ("invoices", "contacts", "payments")}
        return json_response(
            fleet.seed(sandbox().store, int(body.get("organisations", 0)), **counts)
        )
    except (ValueError, TypeError) as exc:
        return _error(str(exc))


@bp.post("/reset")
@bp.post("/seed")
def reset() -> Response:
    body = _body()
    try:
        result = sandbox().reset(
            seed=body.get("seed", True),
            invoices=int(body.get("invoices", 0)),
            contacts=int(body.get("contacts", 0)),
            payments=int(body.get("payments", 0)),
            tenant=str(body.get("tenant", "uk")),
            reload_apps=body.get("reload_apps", True),
            documents={k: int(v) for k, v in (body.get("documents") or {}).items()},
        )
    except (ValueError, TypeError, AttributeError) as exc:
        return _error(str(exc))
    return json_response(result)


# -- apps ------------------------------------------------------------------------------


@bp.get("/apps")
def list_apps() -> Response:
    return json_response(sandbox().apps.all())


@bp.post("/apps")
def register_app() -> Response:
    try:
        return json_response(sandbox().apps.upsert(_body()), 201)
    except ValueError as exc:
        return _error(str(exc))


@bp.route("/apps/<client_id>", methods=["PUT", "PATCH"])
def update_app(client_id: str) -> Response:
    try:
        return json_response(sandbox().apps.upsert({**_body(), "client_id": client_id}))
    except ValueError as exc:
        return _error(str(exc))


@bp.delete("/apps/<client_id>")
def delete_app(client_id: str) -> Response:
    return json_response({"deleted": sandbox().apps.delete(client_id)})


@bp.post("/custom-connections")
def register_custom_connection() -> Response:
    """A custom connection authorised for one organisation: ``tenant`` (uk/us/au, a name or a
    TenantID) and ``scopes``; ``client_id``/``client_secret`` are generated when not given."""
    body = _body()
    app = {
        "client_id": body.get("client_id") or secrets.token_hex(16).upper(),
        "client_secret": body.get("client_secret") or secrets.token_urlsafe(36),
        "name": body.get("name") or "Custom connection",
        "connection_type": "custom",
        "tenant_id": body.get("tenant") or body.get("tenant_id"),
        "scopes": body.get("scopes"),
    }
    try:
        return json_response(sandbox().apps.upsert(app), 201)
    except ValueError as exc:
        return _error(str(exc))


@bp.post("/apps/<client_id>/intent-to-receive")
def intent_to_receive(client_id: str) -> Response:
    return json_response(sandbox().webhooks.intent_to_receive(client_id))


# -- OAuth shortcuts ---------------------------------------------------------------------


@bp.post("/authorize")
def authorize() -> Response:
    """Consent without the browser: returns the code (and the redirect Xero would make)."""
    body = _body()
    sb = sandbox()
    app = sb.apps.get(body.get("client_id"))
    if app is None:
        return _error("unknown client_id", 404)
    uri = body.get("redirect_uri") or app["redirect_uris"][0]
    if not redirect_uri_allowed(uri, app["redirect_uris"]):
        return _error("redirect_uri not registered")
    scope = body.get("scope") or DEFAULT_CONSENT_SCOPE
    if (scope_error := family_error(app, scope.split())) is not None:
        return _error(scope_error)
    try:
        tenant_ids = [resolve_tenant(t) for t in body.get("tenants") or [o["key"] for o in ORGS]]
        code = sb.identity.consent(
            app,
            uri,
            scope,
            tenant_ids,
            body.get("state"),
            body.get("code_challenge"),
            body.get("code_challenge_method"),
            body.get("nonce"),
        )
    except (ValueError, OAuthError) as exc:
        return _error(str(exc))
    state = body.get("state")
    redirect = f"{uri}?code={code}&scope={scope.replace(' ', '%20')}" + (
        f"&state={state}" if state else ""
    )
    return json_response({"code": code, "redirect_url": redirect, "tenants": tenant_ids})


@bp.get("/grants")
def grants() -> Response:
    return json_response(sandbox().identity.grants())


@bp.post("/grants/revoke")
def revoke() -> Response:
    body = _body()
    identity = sandbox().identity
    ids = []
    if body.get("grant_id"):
        ids = [body["grant_id"]]
    elif body.get("refresh_token"):
        row = sandbox().store.one(
            "SELECT grant_id FROM refresh_tokens WHERE token=?", (body["refresh_token"],)
        )
        ids = [row["grant_id"]] if row else []
    elif body.get("client_id"):
        ids = [
            g["id"]
            for g in identity.grants()
            if g["client_id"] == body["client_id"] and not g["revoked"]
        ]
    return json_response({"revoked": [gid for gid in ids if identity.revoke_grant(gid)]})


@bp.post("/tokens/expire")
def expire() -> Response:
    body = _body()
    count = sandbox().identity.expire_tokens(
        body.get("access_token"), body.get("grant_id"), body.get("client_id")
    )
    return json_response({"expired": count})


# -- records as a Xero user would change them ----------------------------------------------


def _ledger_and_resource(tenant: str, collection: str):
    resource = R.BY_COLLECTION.get(collection.lower())
    if resource is None:
        raise LookupError(f"unknown collection {collection}")
    return sandbox().ledger(resolve_tenant(tenant), "Xero"), resource


def _write(resource: R.Resource, ledger, fields: dict, existing: dict | None) -> dict:
    if resource is R.INVOICES:
        return transactions.upsert(ledger, transactions.INVOICE, fields, existing)
    if resource is R.CREDIT_NOTES:
        return transactions.upsert(ledger, transactions.CREDIT_NOTE, fields, existing)
    if resource is R.CONTACTS:
        return contacts.upsert_contact(ledger, fields, existing)
    if resource is R.ITEMS:
        return catalog.upsert_item(ledger, fields, existing)
    if resource is R.ACCOUNTS:
        return catalog.upsert_account(ledger, fields, existing)
    raise ValidationFailed(f"{resource.collection} cannot be edited through the control plane")


def _run(tenant: str, collection: str, record_id: str | None, change) -> Response:
    try:
        ledger, resource = _ledger_and_resource(tenant, collection)
    except (LookupError, ValueError) as exc:
        return _error(str(exc), 404)
    sb = sandbox()
    try:
        with sb.store.write():
            existing = None
            if record_id is not None:
                row = sb.store.get_record(ledger.tenant_id, resource.kind, record_id)
                if row is None:
                    return _error("record not found", 404)
                existing = row_doc(row)
            doc = change(ledger, resource, existing)
    except ValidationFailed as exc:
        return _error("validation failed", 400, messages=exc.messages)
    sb.webhooks.publish(ledger.events)
    return json_response(doc)


@bp.post("/tenants/<tenant>/<collection>")
def create_record(tenant: str, collection: str) -> Response:
    fields = _body()
    return _run(tenant, collection, None, lambda ledger, res, ex: _write(res, ledger, fields, None))


@bp.patch("/tenants/<tenant>/<collection>/<record_id>")
def edit_record(tenant: str, collection: str, record_id: str) -> Response:
    """Edit fields as a Xero user would. ``?raw=true`` merges them without Xero's rules."""
    fields = _body()
    raw = request.args.get("raw", "").lower() in ("1", "true")

    def change(ledger, resource, existing):
        if raw:
            return ledger.save(resource, {**existing, **fields}, created=False)
        return _write(resource, ledger, fields, existing)

    return _run(tenant, collection, record_id, change)


ACTIONS = {
    "delete": ("Status", "DELETED"),
    "void": ("Status", "VOIDED"),
    "archive": ("ContactStatus", "ARCHIVED"),
    "unarchive": ("ContactStatus", "ACTIVE"),
}


@bp.post("/tenants/<tenant>/<collection>/<record_id>/<action>")
def record_action(tenant: str, collection: str, record_id: str, action: str) -> Response:
    if action not in ACTIONS:
        return _error(f"unknown action {action}; use one of {sorted(ACTIONS)}", 404)
    field, value = ACTIONS[action]

    def change(ledger, resource, existing):
        if resource is R.ACCOUNTS and action in ("archive", "unarchive"):
            return catalog.upsert_account(
                ledger, {"Status": "ARCHIVED" if action == "archive" else "ACTIVE"}, existing
            )
        return _write(resource, ledger, {field: value}, existing)

    return _run(tenant, collection, record_id, change)


# -- limits, faults, counters, clock, webhooks -------------------------------------------


@bp.route("/limits", methods=["GET", "PUT", "POST"])
def limits() -> Response:
    body = _body() if request.method != "GET" else {}
    return json_response(
        sandbox().limiter.configure(
            **{k: v for k, v in body.items() if k in ("minute", "day", "concurrent", "app_minute")}
        )
    )


@bp.route("/faults", methods=["GET", "PUT", "POST", "DELETE"])
def faults() -> Response:
    sb = sandbox()
    if request.method == "DELETE":
        sb.faults.reset()
    elif request.method in ("PUT", "POST"):
        body = _body()
        try:
            sb.faults.configure(body.get("rules", []), int(body.get("seed", 0)))
        except TypeError as exc:
            return _error(str(exc))
    return json_response({"rules": sb.faults.describe(), "seed": sb.faults.seed})


@bp.get("/counters")
def counters() -> Response:
    return json_response(sandbox().counters.snapshot())


@bp.post("/counters/reset")
def reset_counters() -> Response:
    sandbox().counters.reset()
    return json_response(sandbox().counters.snapshot())


@bp.route("/clock", methods=["GET", "POST"])
def clock() -> Response:
    body = _body() if request.method == "POST" else {}
    clk = sandbox().clock
    if body.get("reset"):
        clk.reset()
    if body.get("freeze"):
        clk.freeze()
    if body.get("advance"):
        clk.advance(float(body["advance"]))
    return json_response(clk.state())


@bp.get("/webhooks/deliveries")
def deliveries() -> Response:
    return json_response(list(sandbox().webhooks.deliveries))


@bp.delete("/webhooks/deliveries")
def clear_deliveries() -> Response:
    sandbox().webhooks.deliveries.clear()
    return json_response([])


@bp.post("/webhooks/flush")
def flush() -> Response:
    body = _body()
    done = sandbox().webhooks.flush(
        float(body.get("timeout", 10)), bool(body.get("include_retries", False))
    )
    return json_response({"flushed": done})


@bp.route("/webhooks/config", methods=["GET", "PUT"])
def webhook_config() -> Response:
    hooks = sandbox().webhooks
    body = _body() if request.method == "PUT" else {}
    if "retry_delays" in body:
        hooks.retry_delays = [float(x) for x in body["retry_delays"]]
    if "batch_window" in body:
        hooks.batch_window = float(body["batch_window"])
    if "timeout" in body:
        hooks.timeout = float(body["timeout"])
    if "enabled" in body:
        hooks.enabled = bool(body["enabled"])
    return json_response(
        {
            "retry_delays": hooks.retry_delays,
            "batch_window": hooks.batch_window,
            "timeout": hooks.timeout,
            "enabled": hooks.enabled,
        }
    )
