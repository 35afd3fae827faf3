"""The connector interface: provider descriptors, connector instances and what they return.

A *provider* (``Provider`` subclass) is the description of one accounting system plus the
settings the gateway configured it with (one instance per process, from the registry). A
*connector* (``provider.connect(store, tenant_id)``) is bound to one linked account's credentials
and one tenant for one request or task.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar
from urllib.parse import quote

import requests

from unified_models import (
    INPUT_MODELS,
    MODELS,
    Report,
    ReportRequest,
    UnifiedInput,
    UnifiedRecord,
)

from .attachments import AttachmentDownload, AttachmentRules, RemoteAttachment
from .credentials import Credentials, CredentialStore, InMemoryCredentialStore
from .errors import NotSupported
from .reports import ReportRules
from .specs import (
    OPERATIONS,
    WRITE_OPERATIONS,
    BatchSpec,
    ClientCredentialsSpec,
    OAuthSpec,
    RateLimits,
    ResourceSpec,
)

if TYPE_CHECKING:
    from .limiter import Limiter
    from .oauth import OAuthClient

__all__ = [
    "Connector",
    "CredentialStore",
    "Credentials",
    "InMemoryCredentialStore",
    "Page",
    "PassthroughResponse",
    "Provider",
    "RejectedWebhookEvent",
    "Tenant",
    "WebhookBatch",
    "WebhookEvent",
]


@dataclass(frozen=True)
class Tenant:
    """One organisation a grant covers (Xero: an entry of GET /connections)."""

    id: str  # Xero tenantId: what API calls are made against
    name: str | None
    type: str | None  # Xero tenantType, e.g. "ORGANISATION"
    connection_id: str | None  # Xero connection id: what disconnect() needs
    auth_event_id: str | None  # Xero authEventId: which consent created it
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class Page:
    """One page of a list. Store ``records`` then save ``next_cursor``: passing it back as
    ``list(model, cursor=...)`` resumes with every record after this page; a provider page
    handed on in parts resumes at that provider page, so its earlier parts come again (storing
    them again changes nothing). ``next_cursor`` is None on the last page."""

    model: str
    records: list[UnifiedRecord]
    next_cursor: str | None
    #: HTTP calls made to produce this page (retries included).
    calls: int
    #: Highest ``remote_updated_at`` on this page: the next incremental read's ``modified_since``.
    max_remote_updated_at: datetime | None = None
    #: Records the provider removed outright (they vanish from its lists, so they cannot come
    #: as records): the store keeps them, flagged ``remote_was_deleted``.
    deleted_remote_ids: tuple[str, ...] = ()
    #: On the last page of a read that listed the whole resource from its first page (a model
    #: with no change cursor, read whole on every sync): every remote id the read returned.
    #: A stored record missing from it was removed at the provider (Xero deletes items and
    #: tracking options outright; a deleted QuickBooks document leaves its ledger lines).
    complete_remote_ids: frozenset[str] | None = None
    #: More parts of the same provider page follow (``next_cursor`` still points at it).
    continued: bool = False

    @property
    def is_last(self) -> bool:
        return self.next_cursor is None


@dataclass(frozen=True)
class PassthroughResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        from .jsonutil import loads

        return loads(self.body)


@dataclass(frozen=True)
class WebhookEvent:
    """A provider event, thin (ids only): fetch the record with ``get``."""

    tenant_id: str
    model: str | None  # unified model name, None for resources we do not map
    remote_id: str
    event_type: str  # "CREATE", "UPDATE", ...
    occurred_at: datetime
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class RejectedWebhookEvent:
    """An event of a delivery that cannot be used (not an object, a bad date, an over-long or
    binary id, ...): kept for an operator to inspect, never fetched."""

    reason: str
    #: A bounded, printable rendering of what arrived (never the whole of a hostile payload).
    excerpt: str
    #: Its position in the delivery's events (None: the body itself was unusable).
    index: int | None = None


@dataclass(frozen=True)
class WebhookBatch:
    """One delivery, parsed event by event: the usable events and the rejected ones."""

    events: list[WebhookEvent] = field(default_factory=list)
    rejected: list[RejectedWebhookEvent] = field(default_factory=list)


class Connector(ABC):
    """One linked account + one tenant. ``model`` arguments are unified model names
    (keys of ``unified_models.MODELS``)."""

    provider: Provider
    tenant_id: str

    @abstractmethod
    def list(
        self,
        model: str,
        *,
        modified_since: datetime | None = None,
        cursor: str | None = None,
    ) -> Iterator[Page]:
        """Every record (deleted/voided included), page by page, oldest change first where the
        provider allows. ``modified_since`` makes the read incremental; ``cursor`` (a page's
        ``next_cursor``) resumes a previous read and wins over ``modified_since``."""

    @abstractmethod
    def get(self, model: str, remote_id: str) -> UnifiedRecord: ...

    @abstractmethod
    def create(
        self, model: str, data: UnifiedInput, *, idempotency_key: str | None = None
    ) -> UnifiedRecord: ...

    @abstractmethod
    def update(
        self,
        model: str,
        remote_id: str,
        data: UnifiedInput,
        *,
        idempotency_key: str | None = None,
    ) -> UnifiedRecord: ...

    @abstractmethod
    def delete(self, model: str, remote_id: str) -> UnifiedRecord | None:
        """Delete or void, as the provider allows; returns the record as it now stands (e.g.
        VOID, or ``remote_was_deleted=True``) when the provider still has one."""

    @abstractmethod
    def passthrough(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, Any] | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
    ) -> PassthroughResponse:
        """A raw call to the provider API (path relative to its API base URL), authenticated,
        rate limited and retried like the others. Provider 4xx/5xx are returned, not raised."""

    def limit_status(self) -> dict[str, Any]:
        return self.provider.limit_status(self.tenant_id)

    # -- attachments (files on records; see connectors/attachments.py) -------------------------
    def list_attachments(self, model: str, remote_id: str) -> list[RemoteAttachment]:
        """The files on one record (``remote_id`` as the model's records carry it)."""
        raise NotSupported(f"{self.provider.name} has no attachments on {model}")

    def upload_attachment(
        self,
        model: str,
        remote_id: str,
        *,
        file_name: str,
        mime_type: str,
        content: bytes | BinaryIO,
        size: int | None = None,
        include_online: bool = False,
        idempotency_key: str | None = None,
    ) -> RemoteAttachment:
        """Attach a file (already checked against ``provider.attachment_rules``). ``content``
        is the bytes or an open file of ``size`` bytes, streamed to the provider from where it
        lies (rewound with ``seek(0)`` for a retry)."""
        raise NotSupported(f"{self.provider.name} has no attachments on {model}")

    def open_attachment(
        self, model: str, remote_id: str, attachment: RemoteAttachment
    ) -> AttachmentDownload:
        """The file's bytes as the provider streams them (the caller closes the download)."""
        raise NotSupported(f"{self.provider.name} has no attachments on {model}")

    # -- reports (computed by the provider on demand; see connectors/reports.py) --------------
    def fetch_report(self, request: ReportRequest) -> Report:
        """The report as the provider computes it now, account lines naming provider account
        ids. Called only for a request the provider's ``report_rules`` accept."""
        raise NotSupported(f"{self.provider.name} has no {request.type.value} report")


class Provider(ABC):
    """Descriptor of one provider: class-level data, plus the settings it was configured with.

    Subclasses set the class attributes and implement ``connect``; OAuth helpers come from the
    ``oauth`` client built from ``oauth_spec`` and settings.
    """

    key: ClassVar[str]
    name: ClassVar[str]
    auth_type: ClassVar[str] = "oauth2"
    #: What one connection's tenant is called at this provider ("organisation", "company").
    tenant_concept: ClassVar[str] = "tenant"
    #: Its plural for pages and messages (default: ``tenant_concept`` + "s").
    tenant_concept_plural: ClassVar[str] = "tenants"
    oauth_spec: ClassVar[OAuthSpec]
    api_url: ClassVar[str]
    rate_limits: ClassVar[RateLimits] = RateLimits()
    #: Response header with the provider's own id for a request, logged and carried on errors
    #: (``ConnectorError.provider_request_id``); None when the provider sends none.
    request_id_header: ClassVar[str | None] = None
    #: unified model name → resource spec.
    resources: ClassVar[Mapping[str, ResourceSpec]] = {}
    #: Several reads in one call, where the provider has such an endpoint (None: it has not).
    batch: ClassVar[BatchSpec | None] = None
    #: Set when an end user can link with an app of their own bound to one tenant, by pasting
    #: its client id and secret (Xero custom connections); None where the provider has none.
    client_credentials_spec: ClassVar[ClientCredentialsSpec | None] = None
    #: ``(model, action)`` pairs its connector performs (``Connector.perform_action``; the
    #: catalogue declares the actions, e.g. credit notes' ``allocations``).
    actions: ClassVar[frozenset[tuple[str, str]]] = frozenset()
    #: What this provider accepts as attachments (None: it has none; see connectors/attachments).
    attachment_rules: ClassVar[AttachmentRules | None] = None
    #: The financial reports this provider computes (None: none; see connectors/reports).
    report_rules: ClassVar[ReportRules | None] = None
    #: Settings without which nobody can be linked (the OAuth app's credentials): a provider
    #: missing any is not offered (`/v1/providers`, link tokens).
    required_settings: ClassVar[tuple[str, ...]] = ("client_id", "client_secret")
    #: The setting holding the key the provider signs its webhooks with (Xero: ``webhook_key``,
    #: from ``XERO_WEBHOOK_KEY``; QuickBooks: ``webhook_verifier_token``).
    webhook_key_setting: ClassVar[str] = "webhook_key"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "tenant_concept_plural" not in cls.__dict__:
            cls.tenant_concept_plural = f"{cls.tenant_concept}s"

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        *,
        limiter: Limiter | None = None,
    ):
        from .limiter import InProcessLimiter

        self.settings: Mapping[str, Any] = dict(settings or {})
        self.limits = self.rate_limits.override(self.settings.get("rate_limits"))
        self.limiter: Limiter = limiter or InProcessLimiter()
        self.api_base_url: str = str(self.settings.get("api_url") or self.api_url).rstrip("/")
        self.scope_family: str | None = self._scope_family()

    # -- description -----------------------------------------------------------------------
    @classmethod
    def supported_operations(cls) -> dict[str, list[str]]:
        return {
            model: [op for op in OPERATIONS if spec.supports(op)]
            for model, spec in cls.resources.items()
        }

    @classmethod
    def supported_actions(cls) -> dict[str, list[str]]:
        """Per model, the actions its connector performs (sorted)."""
        found: dict[str, list[str]] = {}
        for model, action in sorted(cls.actions):
            found.setdefault(model, []).append(action)
        return found

    @classmethod
    def describe(cls) -> dict[str, Any]:
        return {
            "key": cls.key,
            "name": cls.name,
            "auth_type": cls.auth_type,
            "tenant_concept": cls.tenant_concept,
            "models": cls.supported_operations(),
            "actions": cls.supported_actions(),
            # Compare the functions: a classmethod gives a new bound method on every access.
            "webhooks": cls.verify_webhook.__func__ is not Provider.verify_webhook.__func__,
            "client_credentials": cls.client_credentials_spec is not None,
            "attachments": (
                {**cls.attachment_rules.describe(), "models": cls.attachable_models()}
                if cls.attachment_rules is not None
                else None
            ),
            "reports": cls.report_rules.describe() if cls.report_rules is not None else None,
        }

    @property
    def missing_settings(self) -> list[str]:
        return [name for name in self.required_settings if not self.settings.get(name)]

    @property
    def webhook_key(self) -> str:
        """The configured webhook signing key ("" when none is set: every delivery is refused)."""
        return str(self.settings.get(self.webhook_key_setting) or "")

    @property
    def is_configured(self) -> bool:
        return not self.missing_settings

    def resource(self, model: str, operation: str | None = None) -> ResourceSpec:
        if model not in MODELS:
            raise NotSupported(f"unknown unified model {model!r}")
        spec = self.resources.get(model)
        if spec is None:
            raise NotSupported(f"{self.name} does not support {model}")
        if operation is not None and not spec.supports(operation):
            raise NotSupported(f"{self.name} does not support {operation} on {model}")
        return spec

    @classmethod
    def attachable(cls, model: str, remote_id: str | None = None) -> bool:
        """Whether records of ``model`` (the one ``remote_id`` names, when given) can carry
        files here: the catalogue says the model can, and the provider resource behind it
        takes attachments (``attachment_rules.resources``)."""
        from unified_models import CATALOGUE

        rules = cls.attachment_rules
        entry = CATALOGUE.get(model)
        spec = cls.resources.get(model)
        if rules is None or entry is None or not entry.attachable or spec is None:
            return False
        if remote_id is None:
            return any(source.resource_name in rules.resources for source in spec.sources)
        try:
            source, _ = spec.source_for(remote_id)
        except KeyError:
            return False
        return source.resource_name in rules.resources

    @classmethod
    def attachable_models(cls) -> list[str]:
        return [model for model in cls.resources if cls.attachable(model)]

    # -- scopes ----------------------------------------------------------------------------
    def _scope_family(self) -> str | None:
        families = self.oauth_spec.scope_families
        chosen = self.settings.get("scope_family") or (families[0] if families else None)
        if chosen is not None and chosen not in families:
            raise ValueError(
                f"{self.name} scope_family must be one of {list(families)}, not {chosen!r}"
            )
        return chosen

    def scopes_for(self, models: Iterable[str] | None = None) -> tuple[str, ...]:
        """The scopes a consent must grant to serve ``models`` (default: every model this
        provider has): the base scopes, then each model's scope in the configured family, in
        its read-only form when the model is only read. The ``scopes`` setting overrides it."""
        configured = self.settings.get("scopes")
        if configured:
            return tuple(configured.split() if isinstance(configured, str) else configured)
        wanted = list(self.oauth_spec.scopes)
        for model in self.resources if models is None else models:
            spec = self.resources.get(model)
            if spec is None or spec.scope is None or self.scope_family is None:
                continue
            writes = any(spec.supports(op) for op in WRITE_OPERATIONS)
            wanted.append(spec.scope.request(self.scope_family, write=writes))
        unique = list(dict.fromkeys(wanted))
        return tuple(s for s in unique if not (s.endswith(".read") and s[:-5] in unique))

    def permits(self, granted: Iterable[str], model: str, operation: str = "list") -> bool:
        """Whether a consent that granted ``granted`` allows ``operation`` on ``model``. A grant
        whose scopes the provider did not report is taken to allow what was asked for."""
        have = set(granted)
        spec = self.resources.get(model)
        if not have or spec is None or spec.scope is None:
            return True
        return spec.scope.allows(have, write=operation in WRITE_OPERATIONS)

    def scopes_allowing(self, model: str, operation: str = "list") -> tuple[str, ...]:
        """The scopes any one of which allows ``operation`` on ``model`` (empty: no model scope;
        the base scopes cover it). For messages telling a user what to consent to."""
        spec = self.resources.get(model)
        if spec is None or spec.scope is None:
            return ()
        return spec.scope.accepted(write=operation in WRITE_OPERATIONS)

    @staticmethod
    def input_model(model: str) -> type[UnifiedInput]:
        try:
            return INPUT_MODELS[model]
        except KeyError:
            raise NotSupported(f"unknown unified model {model!r}") from None

    @cached_property
    def session(self) -> requests.Session:
        """One connection pool per provider instance, shared by its connectors."""
        session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    # -- OAuth -----------------------------------------------------------------------------
    @cached_property
    def oauth(self) -> OAuthClient:
        from .oauth import OAuthClient

        return OAuthClient(self.oauth_spec, {**self.settings, "scopes": self.scopes_for()})

    def authorization_url(self, redirect_uri: str, state: str, code_verifier: str) -> str:
        return self.oauth.authorization_url(redirect_uri, state, code_verifier)

    def exchange_code(
        self,
        code: str,
        redirect_uri: str,
        code_verifier: str,
        *,
        callback_params: Mapping[str, str] | None = None,
    ) -> Credentials:
        """Trade the authorization code for credentials. ``callback_params`` is the whole query
        string the provider sent the user back with (besides ``code`` and ``state``, some
        providers put the tenant there: QuickBooks ``realmId``); a provider that needs any of
        it keeps it in ``Credentials.extra`` for ``list_tenants``."""
        return self.oauth.exchange_code(code, redirect_uri, code_verifier)

    def refresh(self, credentials: Credentials) -> Credentials:
        """A new access token: by the refresh token, or for a client credentials grant by
        asking again with the client id and secret it keeps."""
        if credentials.is_client_credentials:
            assert credentials.client_id and credentials.client_secret
            return self.client_credentials(credentials.client_id, credentials.client_secret)
        return self.oauth.refresh(credentials)

    def client_credentials(self, client_id: str, client_secret: str) -> Credentials:
        """Credentials for an app bound to one tenant (only where ``client_credentials_spec``
        is set): the token, plus the id and secret that renew it."""
        if self.client_credentials_spec is None:
            raise NotSupported(f"{self.name} has no client credentials connections")
        return self.oauth.client_credentials(client_id, client_secret)

    def list_tenants(self, credentials: Credentials) -> list[Tenant]:
        return self.oauth.list_tenants(credentials)

    def consent_tenants(self, credentials: Credentials) -> list[Tenant]:
        """The tenants *this* consent covers (what an organisation picker may offer). By default
        every tenant the credentials reach; a provider whose connection list also holds tenants
        of earlier consents narrows it."""
        return self.list_tenants(credentials)

    def revocation_reach(self, credentials: Credentials) -> list[Tenant]:
        """Every tenant ``revoke(credentials)`` would cut off, so a caller can tell whether
        someone else still depends on one. By default every tenant the credentials reach: at
        Xero a revocation removes every connection of the user to the app, whichever consent
        made it."""
        return self.list_tenants(credentials)

    def revoke(self, credentials: Credentials) -> None:
        self.oauth.revoke(credentials)

    def disconnect(self, credentials: Credentials, connection_id: str) -> None:
        self.oauth.disconnect(credentials, connection_id)

    # -- connections -----------------------------------------------------------------------
    def tenant_api_url(self, tenant_id: str) -> str:
        """The API base URL for one tenant: a ``{tenant_id}`` placeholder in ``api_url`` is
        replaced by the tenant's id (QuickBooks: ``…/v3/company/{tenant_id}``)."""
        return self.api_base_url.replace("{tenant_id}", quote(str(tenant_id), safe=""))

    @abstractmethod
    def connect(self, credential_store: CredentialStore, tenant_id: str) -> Connector: ...

    def limit_status(self, tenant_id: str) -> dict[str, Any]:
        return self.limiter.status(self.key, tenant_id, self.limits)

    # -- webhooks (class-level: no settings needed) ----------------------------------------
    @classmethod
    def verify_webhook(cls, raw_body: bytes, headers: Mapping[str, str], key: str) -> bool:
        raise NotSupported(f"{cls.name} webhooks are not supported")

    @classmethod
    def parse_webhook(cls, raw_body: bytes) -> WebhookBatch:
        """Each event validated on its own: one malformed event never costs the others.
        Raises ValidationFailed only when the body as a whole is unusable."""
        raise NotSupported(f"{cls.name} webhooks are not supported")
