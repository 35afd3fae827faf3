"""What happens before an API handler runs: faults, bearer auth, tenant access, scopes, rate
limits."""

from __future__ import annotations

import time

from flask import Response, g, request

from .. import scopes
from ..oauth import OAuthError, TokenContext
from .http import problem, sandbox, text_response


def inject_fault() -> Response | None:
    """Apply a configured fault for this path (slow responses just sleep)."""
    fault = sandbox().faults.decide(request.path)
    if fault.delay:
        time.sleep(fault.delay)
    if fault.kind is None:
        return None
    sandbox().counters.add("faults", fault.kind)
    if fault.kind == "500":
        return problem(
            500,
            "An error occurred",
            "An error occurred in Xero. Check the API Status page "
            "http://status.developer.xero.com for current service status.",
        )
    if fault.kind == "503":
        return problem(
            503,
            "Service Unavailable",
            "The Xero API is temporarily unavailable",
            {"Retry-After": "1"},
        )
    if fault.kind == "429":
        sandbox().counters.add("rate_limited", "injected")
        return text_response("", 429, {"Retry-After": "1", "X-Rate-Limit-Problem": "minute"})
    return text_response("Gateway Timeout", 504)


def bearer() -> TokenContext | Response:
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    try:
        return sandbox().identity.check_access(token)
    except OAuthError as exc:
        return problem(
            401, "Unauthorized", exc.error, {"WWW-Authenticate": 'Bearer error="invalid_token"'}
        )


def accounting_guard(endpoint: str) -> Response | None:
    """Authenticate, authorise the tenant and take a rate-limit slot (released on teardown)."""
    sb = sandbox()
    sb.counters.add("endpoints", endpoint)
    ctx = bearer()
    if isinstance(ctx, Response):
        return ctx
    tenant_id = (request.headers.get("xero-tenant-id") or "").strip().lower()
    tenant_id = tenant_id or sb.identity.sole_tenant(ctx) or ""
    if tenant_id:
        sb.counters.add("tenants", tenant_id)
    if not tenant_id or not sb.identity.can_reach(ctx.client_id, tenant_id):
        return problem(403, "Forbidden", "AuthenticationUnsuccessful")
    if not scopes.permits(ctx.scope.split(), request.method, request.path):
        # Xero's answer to a token without the endpoint's scope (see scopes.ENDPOINT_SCOPES);
        # counted under `statuses` by the view's finish, like every other answer.
        return problem(401, "Unauthorized", "AuthorizationUnsuccessful")
    decision = sb.limiter.acquire(ctx.client_id, tenant_id)
    g.rate_headers = decision.headers
    if not decision.allowed:
        sb.counters.add("rate_limited", decision.problem or "unknown")
        return text_response("", 429, decision.headers)
    g.slot = (ctx.client_id, tenant_id)
    g.token, g.tenant_id = ctx, tenant_id
    app = sb.apps.get(ctx.client_id) or {}
    g.provider = app.get("name", ctx.client_id)
    fault = inject_fault()
    if fault is not None:
        fault.headers.update(decision.headers)
    return fault


def release_slot(_exc: BaseException | None = None) -> None:
    slot = g.pop("slot", None)
    if slot:
        sandbox().limiter.release(*slot)
