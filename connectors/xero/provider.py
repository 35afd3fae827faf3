"""The Xero provider descriptor: data from spec.py, connections from connector.py."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..base import Provider, Tenant, WebhookBatch
from ..credentials import Credentials, CredentialStore
from . import spec, webhooks
from .attachments import RULES as ATTACHMENT_RULES
from .connector import XeroConnector
from .consent import auth_event_id
from .reports import RULES as REPORT_RULES

__all__ = ["XeroProvider"]


class XeroProvider(Provider):
    key = "xero"
    name = "Xero"
    auth_type = "oauth2"
    tenant_concept = "organisation"
    oauth_spec = spec.OAUTH
    api_url = spec.API_URL
    rate_limits = spec.RATE_LIMITS
    request_id_header = spec.REQUEST_ID_HEADER
    resources = spec.RESOURCES
    actions = XeroConnector.ACTIONS
    client_credentials_spec = spec.CUSTOM_CONNECTIONS
    attachment_rules = ATTACHMENT_RULES
    report_rules = REPORT_RULES

    def consent_tenants(self, credentials: Credentials) -> list[Tenant]:
        """Xero's GET /connections lists every connection of the user and app; the tenants of
        this consent carry its `authEventId`, which the access token (a JWT) names."""
        tenants = self.list_tenants(credentials)
        event = auth_event_id(credentials)
        if event and any(t.auth_event_id for t in tenants):
            mine = [t for t in tenants if t.auth_event_id == event]
            if mine:
                return mine
        return tenants

    def connect(self, credential_store: CredentialStore, tenant_id: str) -> XeroConnector:
        return XeroConnector(self, credential_store, tenant_id)

    def scopes_for(self, models: Iterable[str] | None = None) -> tuple[str, ...]:
        """The models' scopes, and (for every model, the default) the report scopes of the
        configured family (``spec.REPORT_SCOPES``)."""
        scopes = super().scopes_for(models)
        if models is not None or self.settings.get("scopes") or self.scope_family is None:
            return scopes
        extra = spec.REPORT_SCOPES.get(self.scope_family, ())
        return tuple(dict.fromkeys([*scopes, *extra]))

    @classmethod
    def verify_webhook(cls, raw_body: bytes, headers: Mapping[str, str], key: str) -> bool:
        return webhooks.verify(raw_body, headers, key)

    @classmethod
    def parse_webhook(cls, raw_body: bytes) -> WebhookBatch:
        return webhooks.parse(raw_body)

    @classmethod
    def describe(cls) -> dict[str, Any]:
        return {**super().describe(), "webhooks": True}
