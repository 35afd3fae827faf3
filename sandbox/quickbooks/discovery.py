"""Intuit's OpenID discovery document, on the sandbox's origin.

Intuit's OAuth clients (``intuit-oauth``'s ``AuthClient`` among them) read their endpoints from
``https://developer.intuit.com/.well-known/openid_sandbox_configuration`` (production:
``openid_configuration``); the sandbox serves the same document at those paths and at the
standard ``openid-configuration``, every URL pointing back at the sandbox.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from .errors import json_response

bp = Blueprint("discovery", __name__)


def document(origin: str) -> dict:
    """The fields of Intuit's document (values as Intuit publishes them, hosts collapsed)."""
    return {
        "issuer": f"{origin}/op/v1",
        "authorization_endpoint": f"{origin}/connect/oauth2",
        "token_endpoint": f"{origin}/oauth2/v1/tokens/bearer",
        "userinfo_endpoint": f"{origin}/v1/openid_connect/userinfo",
        "revocation_endpoint": f"{origin}/v2/oauth2/tokens/revoke",
        "jwks_uri": f"{origin}/op/v1/jwks",
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile", "address", "phone"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
        "claims_supported": ["aud", "exp", "iat", "iss", "realmid", "sub"],
    }


@bp.get("/.well-known/openid_sandbox_configuration")
@bp.get("/.well-known/openid_configuration")
@bp.get("/.well-known/openid-configuration")
def configuration() -> Response:
    return json_response(document(request.host_url.rstrip("/")))


@bp.get("/op/v1/jwks")
def jwks() -> Response:
    """No signing keys: the sandbox issues no ID tokens (no ``openid`` flow)."""
    return json_response({"keys": []})
