"""Xero identity: the authorize (login + consent) page, token, revocation, connections."""

from __future__ import annotations

import base64
from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request

from ...redirects import redirect_uri_allowed
from .. import fleet
from ..oauth import DEMO_USER, OAuthError
from ..orgdata import ORGS, TENANTS
from ..scopes import family_error
from .guard import bearer, inject_fault
from .http import json_response, problem, sandbox

bp = Blueprint("identity", __name__)

HIDDEN = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
    "nonce",
)


def _redirect(uri: str, **params: str | None) -> Response:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return redirect(f"{uri}{'&' if '?' in uri else '?'}{query}", code=302)


def _error_page(error: str, description: str) -> Response:
    html = render_template("error.html", error=error, description=description)
    return Response(html, status=400, mimetype="text/html")


def _check_client(values) -> tuple[dict | None, Response | None]:
    app = sandbox().apps.get(values.get("client_id"))
    if app is None:
        return None, _error_page("unauthorized_client", "Unknown client or client not enabled.")
    if not redirect_uri_allowed(values.get("redirect_uri"), app["redirect_uris"]):
        return None, _error_page("invalid_request", "Invalid redirect_uri for this client.")
    return app, None


def _scope_error(app: dict, values) -> str | None:
    return family_error(app, (values.get("scope") or "").split())


@bp.route("/identity/connect/authorize", methods=["GET", "POST"])
def authorize() -> Response:
    sandbox().counters.add("endpoints", f"{request.method} /identity/connect/authorize")
    values = request.values
    app, error_page = _check_client(values)
    if error_page is not None:
        return error_page
    uri, state = values["redirect_uri"], values.get("state")
    if values.get("response_type") != "code":
        return _redirect(uri, error="unsupported_response_type", state=state)
    if (scope_error := _scope_error(app, values)) is not None:
        return _redirect(uri, error=scope_error, state=state)
    if values.get("code_challenge") and values.get("code_challenge_method", "plain") not in (
        "S256",
        "plain",
    ):
        return _redirect(uri, error="invalid_request", state=state)
    if request.method == "GET":
        return _consent_page(app, values)
    if values.get("decision") != "allow":
        return _redirect(uri, error="access_denied", state=state)
    tenants = values.getlist("tenant")
    if not tenants:
        return _consent_page(app, values, error="Select at least one organisation to connect.")
    code = sandbox().identity.consent(
        app,
        uri,
        values["scope"],
        tenants,
        state,
        values.get("code_challenge"),
        values.get("code_challenge_method"),
        values.get("nonce"),
    )
    return _redirect(uri, code=code, scope=values["scope"], state=state, session_state=code[:16])


def _consent_page(app: dict, values, error: str | None = None) -> Response:
    chosen = set(values.getlist("tenant"))
    orgs = [
        {
            "key": o["key"],
            "name": o["name"],
            "tenant_id": TENANTS[o["key"]],
            "checked": TENANTS[o["key"]] in chosen,
        }
        for o in ORGS
    ] + [
        {"key": tid, "name": name, "tenant_id": tid, "checked": tid in chosen}
        for tid, name in fleet.FLEET.items()
    ]
    html = render_template(
        "consent.html",
        app=app,
        scopes=values.get("scope", "").split(),
        orgs=orgs,
        user=DEMO_USER,
        hidden={name: values.get(name) for name in HIDDEN},
        action=request.path,
        error=error,
    )
    return Response(html, status=200 if error is None else 400, mimetype="text/html")


def _client() -> tuple[dict | None, bool]:
    """The calling app (Basic auth or body) and whether its secret was verified."""
    client_id, secret = request.form.get("client_id"), request.form.get("client_secret")
    auth = request.headers.get("Authorization", "")
    if auth[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(auth[6:].strip()).decode()
            client_id, _, secret = decoded.partition(":")
        except (ValueError, UnicodeDecodeError):
            return None, False
    app = sandbox().apps.get(client_id)
    if app is None:
        return None, False
    if secret is None:
        return app, False
    return (
        (app, True)
        if app.get("client_secret") and secret == app["client_secret"]
        else (None, False)
    )


@bp.post("/connect/token")
def token() -> Response:
    sb = sandbox()
    sb.counters.add("endpoints", "POST /connect/token")
    if (fault := inject_fault()) is not None:
        return fault
    grant_type = request.form.get("grant_type", "")
    sb.counters.add("token_grants", grant_type or "missing")
    app, authenticated = _client()
    try:
        if app is None:
            raise OAuthError("invalid_client")
        if grant_type == "authorization_code":
            body = sb.identity.exchange_code(
                app,
                authenticated,
                request.form.get("code", ""),
                request.form.get("redirect_uri"),
                request.form.get("code_verifier"),
            )
        elif grant_type == "client_credentials":
            if not authenticated:
                raise OAuthError("invalid_client")
            body = sb.identity.client_credentials(app, request.form.get("scope"))
        elif grant_type == "refresh_token":
            if not authenticated and app.get("client_secret"):
                raise OAuthError("invalid_client")
            body = sb.identity.refresh(app, request.form.get("refresh_token", ""))
        else:
            raise OAuthError("unsupported_grant_type")
    except OAuthError as exc:
        sb.counters.add("token_grants", f"{grant_type}:{exc.error}")
        return json_response(exc.body(), exc.status)
    return json_response(body, headers={"Cache-Control": "no-store", "Pragma": "no-cache"})


@bp.post("/connect/revocation")
def revocation() -> Response:
    sb = sandbox()
    sb.counters.add("endpoints", "POST /connect/revocation")
    app, authenticated = _client()
    if app is None or (app.get("client_secret") and not authenticated):
        return json_response({"error": "invalid_client"}, 400)
    try:
        sb.identity.revoke_refresh_token(app, request.form.get("token", ""))
    except OAuthError as exc:
        return json_response(exc.body(), exc.status)
    return Response(status=200)


@bp.get("/connections")
@bp.get("/Connections")
def connections() -> Response:
    sb = sandbox()
    sb.counters.add("endpoints", "GET /connections")
    if (fault := inject_fault()) is not None:
        return fault
    ctx = bearer()
    if isinstance(ctx, Response):
        return ctx
    items = sb.identity.connections(ctx.client_id)
    tenant_filter = request.args.get("tenantId")
    if tenant_filter:
        items = [c for c in items if c["tenantId"] == tenant_filter.lower()]
    return json_response(items)


@bp.delete("/connections/<connection_id>")
@bp.delete("/Connections/<connection_id>")
def disconnect(connection_id: str) -> Response:
    sb = sandbox()
    sb.counters.add("endpoints", "DELETE /connections/{id}")
    ctx = bearer()
    if isinstance(ctx, Response):
        return ctx
    if not sb.identity.disconnect(ctx.client_id, connection_id.lower()):
        return problem(404, "Not Found", "Connection not found")
    return Response(status=204)
