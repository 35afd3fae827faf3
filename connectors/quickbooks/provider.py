"""The QuickBooks Online provider descriptor: data from spec.py, connections from connector.py,
and the OAuth details Intuit does its own way (the realmId on the callback, JSON revocation)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

import requests

from ..base import Provider, Tenant, WebhookBatch
from ..credentials import Credentials, CredentialStore
from ..errors import ProviderUnavailable, RateLimited
from ..jsonutil import loads
from . import spec, webhooks
from .attachments import RULES as ATTACHMENT_RULES
from .connector import QuickBooksConnector, fault_errors
from .reports import REPORT_RULES

__all__ = ["QuickBooksProvider"]

log = logging.getLogger(__name__)

_REALM = re.compile(r"[0-9]{1,32}")


class QuickBooksProvider(Provider):
    """Settings keys: ``client_id``, ``client_secret``, ``scopes``, ``authorize_url``,
    ``token_url``, ``revoke_url``, ``api_url`` (``{tenant_id}`` stands for the realmId; default:
    Intuit's production URLs), ``allow_insecure_transport``, ``rate_limits``, ``http``,
    ``refresh_leeway_seconds``, ``webhook_verifier_token`` (the verifier token of the app's
    webhooks page at developer.intuit.com: ``QUICKBOOKS_WEBHOOK_VERIFIER_TOKEN``)."""

    key = "quickbooks"
    name = "QuickBooks Online"
    auth_type = "oauth2"
    tenant_concept = "company"
    tenant_concept_plural = "companies"
    oauth_spec = spec.OAUTH
    api_url = spec.API_URL
    rate_limits = spec.RATE_LIMITS
    request_id_header = spec.REQUEST_ID_HEADER
    resources = spec.RESOURCES
    actions = QuickBooksConnector.ACTIONS
    batch = spec.BATCH
    attachment_rules = ATTACHMENT_RULES
    report_rules = REPORT_RULES
    webhook_key_setting = "webhook_verifier_token"

    def connect(self, credential_store: CredentialStore, tenant_id: str) -> QuickBooksConnector:
        return QuickBooksConnector(self, credential_store, tenant_id)

    # -- webhooks (connectors/quickbooks/webhooks.py) -------------------------------------------
    @classmethod
    def verify_webhook(cls, raw_body: bytes, headers: Mapping[str, str], key: str) -> bool:
        return webhooks.verify(raw_body, headers, key)

    @classmethod
    def parse_webhook(cls, raw_body: bytes) -> WebhookBatch:
        return webhooks.parse(raw_body)

    # -- OAuth: the company comes on the callback ----------------------------------------------
    def exchange_code(
        self,
        code: str,
        redirect_uri: str,
        code_verifier: str,
        *,
        callback_params: Mapping[str, str] | None = None,
    ) -> Credentials:
        """Intuit sends the chosen company back as ``realmId`` beside the code; it is kept in
        ``Credentials.extra["realm_id"]`` (and survives refreshes) for ``list_tenants``."""
        credentials = self.oauth.exchange_code(code, redirect_uri, code_verifier)
        realm = str((callback_params or {}).get("realmId") or "")
        if _REALM.fullmatch(realm):
            credentials = credentials.replace(extra={**credentials.extra, spec.REALM_KEY: realm})
        elif realm:
            log.warning("ignoring a malformed realmId on the OAuth callback")
        return credentials

    def refresh(self, credentials: Credentials) -> Credentials:
        """Intuit rotates refresh tokens: the new pair replaces the old one (the caller saves it
        before use). The realmId is not in the token response, so it is carried over."""
        fresh = self.oauth.refresh(credentials)
        realm = credentials.extra.get(spec.REALM_KEY)
        if realm and spec.REALM_KEY not in fresh.extra:
            fresh = fresh.replace(extra={**fresh.extra, spec.REALM_KEY: realm})
        return fresh

    def list_tenants(self, credentials: Credentials) -> list[Tenant]:
        """The one company this consent covers (its name from CompanyInfo when reachable, and
        None when the company's rate limit leaves no slot in time)."""
        realm = credentials.extra.get(spec.REALM_KEY)
        if not realm:
            return []
        return [
            Tenant(
                id=str(realm),
                name=self._company_name(credentials, str(realm)),
                type="COMPANY",
                connection_id=None,
                auth_event_id=None,
            )
        ]

    def revocation_reach(self, credentials: Credentials) -> list[Tenant]:
        """The consent's company: at Intuit the app has one connection per company, which a
        revocation ends (no API call needed to say which)."""
        realm = credentials.extra.get(spec.REALM_KEY)
        if not realm:
            return []
        return [
            Tenant(id=str(realm), name=None, type="COMPANY", connection_id=None, auth_event_id=None)
        ]

    def _company_name(self, credentials: Credentials, realm: str) -> str | None:
        url = f"{self.tenant_api_url(realm)}/companyinfo/{realm}"
        try:
            # Within the company's budget like every other call.
            with self.limiter.acquire(self.key, realm, self.limits):
                response = self.session.get(
                    url,
                    params={"minorversion": spec.MINOR_VERSION},
                    headers={
                        "Authorization": f"Bearer {credentials.access_token}",
                        "Accept": "application/json",
                    },
                    timeout=self.oauth.timeout,
                )
        except requests.RequestException as exc:
            raise ProviderUnavailable(f"companyinfo: {type(exc).__name__}") from None
        except RateLimited as exc:  # the name is cosmetic: link without it rather than wait
            log.warning("companyinfo skipped: %s", exc)
            return None
        if response.status_code >= 500:
            raise ProviderUnavailable(f"companyinfo: HTTP {response.status_code}")
        if response.status_code != 200:
            _, errors = fault_errors(_json(response.content))
            log.warning("companyinfo answered %s %s", response.status_code, errors[:1])
            return None
        body = _json(response.content)
        info = body.get("CompanyInfo") if isinstance(body, Mapping) else None
        if not isinstance(info, Mapping):
            return None
        return info.get("CompanyName") or info.get("LegalName") or None

    def revoke(self, credentials: Credentials) -> None:
        """Intuit's revocation takes JSON (``{"token": …}``); revoking the refresh token ends
        the whole grant. Already-revoked tokens are not an error."""
        url = self.oauth.revoke_url
        token = credentials.refresh_token or credentials.access_token
        if not url or not token:
            return
        try:
            response = requests.post(
                url,
                json={"token": token},
                auth=(self.oauth.client_id, str(self.settings.get("client_secret") or "")),
                headers={"Accept": "application/json"},
                timeout=self.oauth.timeout,
            )
        except requests.RequestException as exc:
            raise ProviderUnavailable(f"revocation: {type(exc).__name__}") from None
        if response.status_code >= 500:
            raise ProviderUnavailable(f"revocation: HTTP {response.status_code}")
        if response.status_code >= 400 and response.status_code not in (400, 404):
            log.warning("revocation answered HTTP %s", response.status_code)


def _json(content: bytes) -> object:
    try:
        return loads(content)
    except ValueError:
        return None
