"""Intuit's OAuth 2.0 endpoints, collapsed onto the sandbox's origin:

- ``GET/POST /connect/oauth2`` (appcenter.intuit.com): sign-in + company picker; Connect →
  ``redirect_uri?code&state&realmId``; Cancel → ``error=access_denied&state``.
- ``POST /oauth2/v1/tokens/bearer`` (oauth.platform.intuit.com): ``authorization_code`` and
  ``refresh_token`` grants, client auth by HTTP Basic (or body).
- ``POST /v2/oauth2/tokens/revoke`` (developer.api.intuit.com): ``{"token": …}`` as JSON (or a
  form); revokes the whole grant.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, redirect, render_template, request

from ..redirects import redirect_uri_allowed
from .current import sandbox
from .errors import json_response
from .seed import BY_REALM
from .state import SCOPE, OAuthError

bp = Blueprint("oauth", __name__)

PARAMS = (
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "code_challenge",
    "code_challenge_method",
)


def _with(uri: str, **params: str | None) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{uri}{'&' if '?' in uri else '?'}{query}"


def _error_page(message: str, status: int = 400) -> tuple[str, int]:
    return render_template("error.html", message=message), status


@bp.route("/connect/oauth2", methods=["GET", "POST"])
def authorize() -> Response | tuple[str, int]:
    source = request.values
    values = {k: source.get(k) for k in PARAMS}
    app = sandbox().app(values["client_id"])
    if app is None:
        return _error_page("The client_id is not registered with this sandbox.")
    redirect_uri = values["redirect_uri"] or ""
    if not redirect_uri_allowed(redirect_uri, app["redirect_uris"]):
        return _error_page(
            "The redirect_uri does not match the app's redirect URIs (Intuit: "
            '"The redirect_uri query parameter value is invalid").'
        )
    state = values["state"]
    if values["response_type"] != "code":
        return redirect(_with(redirect_uri, error="unsupported_response_type", state=state))
    scopes = (values["scope"] or "").split()
    if SCOPE not in scopes:
        return redirect(_with(redirect_uri, error="invalid_scope", state=state))
    error = None
    if request.method == "POST":
        if request.form.get("action") == "cancel":
            return redirect(_with(redirect_uri, error="access_denied", state=state))
        realm = request.form.get("realm")
        if realm in BY_REALM:
            code = sandbox().issue_code(
                app["client_id"],
                redirect_uri,
                realm,
                " ".join(scopes),
                values["code_challenge"],
                values["code_challenge_method"],
            )
            return redirect(_with(redirect_uri, code=code, state=state, realmId=realm))
        error = "Choose a company to connect."
    return render_template(
        "authorize.html",
        app=app,
        companies=list(BY_REALM.values()),
        hidden={k: v for k, v in values.items() if v},
        scopes=scopes,
        error=error,
    ), 400 if error else 200


@bp.post("/oauth2/v1/tokens/bearer")
def token() -> Response:
    sb = sandbox()
    form = request.form.to_dict()
    grant_type = form.get("grant_type", "")
    sb.counters.token_calls[grant_type or "none"] += 1
    try:
        app = sb.client(request.authorization, form)
        if grant_type == "authorization_code":
            body = sb.exchange_code(app, form)
        elif grant_type == "refresh_token":
            body = sb.refresh(app, form)
        else:
            raise OAuthError("unsupported_grant_type")
    except OAuthError as exc:
        payload = {"error": exc.error}
        if exc.description:
            payload["error_description"] = exc.description
        return json_response(payload, exc.status, {"Cache-Control": "no-store"})
    return json_response(body, 200, {"Cache-Control": "no-store"})


@bp.post("/v2/oauth2/tokens/revoke")
def revoke() -> Response:
    sb = sandbox()
    data = request.get_json(silent=True) or request.form.to_dict()
    try:
        app = sb.client(request.authorization, request.form.to_dict())
    except OAuthError as exc:
        return json_response({"error": exc.error}, exc.status)
    token = str((data or {}).get("token") or "")
    if not token:
        return json_response({"error": "invalid_request"}, 400)
    sb.revoke(app, token)
    return Response(status=200)
