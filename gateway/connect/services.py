"""The hosted connect flow: link tokens, OAuth with the provider, linking and relinking.

A link session moves created → authorizing → (choosing →) completed, or ends failed with an
error code that is sent back to the customer's redirect URL. Nothing half-made is left behind:
the grant and its linked accounts are created in one transaction at the very end, and a consent
the end user abandons (picker cancelled, link expired, provider failure after the code
exchange) is revoked at the provider, or its unused organisations disconnected.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from connectors import errors as connector_errors
from connectors.base import Credentials, Provider, Tenant
from connectors.credentials import AUTHORIZATION_CODE
from connectors.oauth import new_code_verifier, new_state
from gateway.accounts.credential_store import apply_credentials
from gateway.accounts.models import Grant, LinkedAccount, LinkedAccountStatus
from gateway.accounts.release import release
from gateway.accounts.signals import accounts_linked
from gateway.connect.models import TERMINAL, LinkSession, LinkSessionStatus
from gateway.core.providers import get_registry
from gateway.customers.models import Customer

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "lt_"
CALLBACK_PATH = "/connect/callback"


class LinkFailed(Exception):
    """Ends a link session with `code` (sent back to the customer as `error=<code>`)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail[:300]


class NothingChosen(Exception):
    """The picker was submitted without any organisation ticked."""


class CredentialsRefused(Exception):
    """Pasted client credentials did not link anything; the end user may correct them (the
    session goes on). `code` says why: the provider's OAuth error (`invalid_client`,
    `unauthorized_client`, `invalid_scope`) or one of ours."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# -- tokens and URLs ---------------------------------------------------------------------------


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_link_token() -> str:
    """`lt_` + 256 random bits, URL-safe."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def looks_like_link_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX) and 20 < len(value) < 100 and value.isascii()


def hosted_url(token: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/connect/{token}"


def callback_url() -> str:
    """The OAuth redirect URI registered with the provider: always from PUBLIC_BASE_URL."""
    return f"{settings.PUBLIC_BASE_URL}{CALLBACK_PATH}"


def with_query(url: str, **params: str) -> str:
    """`url` with `params` added to its query (existing parameters kept, ours win)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, v) for k, v in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


def return_url(session: LinkSession) -> str:
    """Where the end user goes back to, with the outcome in the query string."""
    if session.status == LinkSessionStatus.COMPLETED:
        return with_query(
            session.redirect_url,
            linked_account_ids=",".join(session.linked_account_ids),
            end_user_id=session.end_user_id,
        )
    return with_query(
        session.redirect_url,
        error=session.error_code or "cancelled",
        end_user_id=session.end_user_id,
    )


# -- creating link tokens ----------------------------------------------------------------------


def enabled_provider_keys() -> list[str]:
    """Providers an end user may be offered: enabled and configured (app credentials set)."""
    return get_registry().configured_keys()


def create_link_session(
    customer: Customer,
    *,
    end_user_id: str,
    redirect_url: str,
    end_user_name: str = "",
    end_user_email: str = "",
    providers: Sequence[str] | None = None,
    relink_account: LinkedAccount | None = None,
) -> tuple[LinkSession, str]:
    """A new single-use link token; its plaintext is returned once and never stored."""
    token = new_link_token()
    session = LinkSession.objects.create(
        customer=customer,
        token_hash=hash_secret(token),
        relink_account=relink_account,
        end_user_id=end_user_id,
        end_user_name=end_user_name,
        end_user_email=end_user_email,
        providers=list(providers) if providers else enabled_provider_keys(),
        redirect_url=redirect_url,
        expires_at=timezone.now() + timedelta(minutes=settings.LINK_TOKEN_TTL_MINUTES),
    )
    return session, token


def create_relink_session(account: LinkedAccount, redirect_url: str) -> tuple[LinkSession, str]:
    return create_link_session(
        account.customer,
        end_user_id=account.end_user_id,
        end_user_name=account.end_user_name,
        end_user_email=account.end_user_email,
        providers=[account.provider],
        redirect_url=redirect_url,
        relink_account=account,
    )


# -- reading sessions --------------------------------------------------------------------------


def session_for_token(token: str) -> LinkSession | None:
    if not looks_like_link_token(token):
        return None
    return (
        LinkSession.objects.select_related("customer", "relink_account")
        .filter(token_hash=hash_secret(token))
        .first()
    )


def session_for_state(state: str | None) -> LinkSession | None:
    if not state or len(state) > 200:
        return None
    return (
        LinkSession.objects.select_related("customer", "relink_account")
        .filter(state_hash=hash_secret(state))
        .first()
    )


def offered_providers(session: LinkSession) -> list[Provider]:
    """The providers the end user may choose: allowed by the token and enabled here."""
    enabled = enabled_provider_keys()
    return [get_registry().get(key) for key in session.providers if key in enabled]


def check_usable(session: LinkSession) -> None:
    """Raise `LinkFailed` (after ending the session) when the token can no longer be used."""
    if session.is_finished:
        raise LinkFailed("link_token_used")
    if session.is_expired():
        expire_session(session)
        raise LinkFailed("link_token_expired")


# -- the flow ----------------------------------------------------------------------------------


def begin_authorization(session: LinkSession, provider_key: str) -> str:
    """Bind a fresh `state` and PKCE verifier to the session; return the provider's URL."""
    check_usable(session)
    if provider_key not in session.providers or provider_key not in enabled_provider_keys():
        raise ValueError(f"provider {provider_key!r} is not offered by this link")
    provider = get_registry().get(provider_key)
    if session.status == LinkSessionStatus.CHOOSING:
        # Starting over from the token page: the consent waiting for the picker is given back.
        _release_pending(session)
        session.pending_credentials, session.pending_tenants = "", []
    state, verifier = new_state(), new_code_verifier()
    session.provider = provider_key
    session.state_hash = hash_secret(state)
    session.code_verifier = verifier
    session.status = LinkSessionStatus.AUTHORIZING
    session.save(
        update_fields=[
            "provider",
            "state_hash",
            "code_verifier",
            "status",
            "pending_credentials",
            "pending_tenants",
            "updated_at",
        ]
    )
    return provider.authorization_url(callback_url(), state, verifier)


def client_credentials_provider(session: LinkSession, provider_key: str) -> Provider:
    """The provider, if this link offers it and it declares client credentials connections."""
    if provider_key not in session.providers or provider_key not in get_registry():
        raise ValueError(f"provider {provider_key!r} is not offered by this link")
    provider = get_registry().get(provider_key)
    if provider.client_credentials_spec is None:
        raise ValueError(f"provider {provider_key!r} has no client credentials connections")
    return provider


def link_client_credentials(
    session: LinkSession, provider_key: str, client_id: str, client_secret: str
) -> LinkSession:
    """Link (or relink) with an app of the end user's own bound to one tenant: obtain a token
    with its client id and secret, read the tenant it reaches, then create the grant (keeping
    the id and secret, encrypted) and the linked account in one transaction. Nothing is stored
    when the provider refuses (`CredentialsRefused`)."""
    check_usable(session)
    provider = client_credentials_provider(session, provider_key)
    try:
        credentials = provider.client_credentials(client_id, client_secret)
        tenants = provider.list_tenants(credentials)
    except connector_errors.ClientCredentialsRejected as exc:
        raise CredentialsRefused(exc.error) from None
    except connector_errors.ProviderUnavailable:
        raise CredentialsRefused("provider_unavailable") from None
    except connector_errors.ConnectorError as exc:
        logger.info("Client credentials link for session %s failed: %s", session.pk, exc.code)
        raise CredentialsRefused("provider_error") from None
    if not tenants:
        raise CredentialsRefused("no_organisations")
    if session.is_relink and session.relink_account.tenant_id not in {t.id for t in tenants}:
        raise CredentialsRefused("relink_mismatch")
    # A consent still waiting for the organisation picker (the end user went back and chose
    # this way instead) is given back once this link is made.
    waiting = (
        LinkSession(
            provider=session.provider,
            pending_credentials=session.pending_credentials,
            pending_tenants=session.pending_tenants,
        )
        if session.status == LinkSessionStatus.CHOOSING
        else None
    )
    session.provider = provider_key
    session.save(update_fields=["provider", "updated_at"])
    if session.is_relink:
        complete_relink(session, provider, credentials, tenants)
    else:
        complete_link(session, provider, credentials, tenants, [t.id for t in tenants])
    if waiting is not None:
        _release_pending(waiting)
    session.refresh_from_db()
    return session


def claim_state(session: LinkSession, state: str) -> bool:
    """Use the `state` once: true for exactly one caller while the session is authorizing."""
    claimed = LinkSession.objects.filter(
        pk=session.pk, state_hash=hash_secret(state), status=LinkSessionStatus.AUTHORIZING
    ).update(state_hash=None, updated_at=timezone.now())
    session.state_hash = None
    return claimed == 1


def handle_callback(
    session: LinkSession,
    *,
    code: str | None,
    error: str | None,
    params: Mapping[str, str] | None = None,
) -> LinkSession:
    """The provider sent the end user back (state already claimed). Ends the session, or leaves
    it waiting for the organisation picker. `params` is the callback's whole query string: some
    providers name the tenant there (the provider reads it in `exchange_code`)."""
    try:
        _handle_callback(session, code=code, error=error, params=params)
    except LinkFailed as exc:
        fail_session(session, exc.code, exc.detail)
    session.refresh_from_db()
    return session


def _handle_callback(
    session: LinkSession,
    *,
    code: str | None,
    error: str | None,
    params: Mapping[str, str] | None = None,
) -> None:
    if session.is_expired():
        raise LinkFailed("link_token_expired")
    if error:
        raise LinkFailed("access_denied" if error == "access_denied" else "provider_error", error)
    if not code:
        raise LinkFailed("provider_error", "the provider sent neither a code nor an error")
    try:
        provider = get_registry().get(session.provider)
    except connector_errors.UnknownProvider:
        raise LinkFailed("provider_error", f"provider {session.provider!r} is disabled") from None
    try:
        credentials = provider.exchange_code(
            code, callback_url(), session.code_verifier, callback_params=dict(params or {})
        )
    except connector_errors.ProviderUnavailable as exc:
        raise LinkFailed("provider_unavailable", str(exc)) from None
    except connector_errors.ConnectorError as exc:
        raise LinkFailed("authorization_failed", str(exc)) from None

    try:
        tenants = provider.consent_tenants(credentials)
    except connector_errors.ConnectorError as exc:
        release_consent(provider, credentials, [])
        code_ = (
            "provider_unavailable"
            if isinstance(exc, connector_errors.ProviderUnavailable)
            else "provider_error"
        )
        raise LinkFailed(code_, str(exc)) from None
    if not tenants:
        release_consent(provider, credentials, [])
        raise LinkFailed("no_organisations")

    if session.is_relink:
        complete_relink(session, provider, credentials, tenants)
    elif len(tenants) == 1:
        # One organisation: linked directly, as Merge does (no extra click).
        complete_link(session, provider, credentials, tenants, [tenants[0].id])
    else:
        session.status = LinkSessionStatus.CHOOSING
        session.pending_credentials = json.dumps(credentials_to_dict(credentials))
        session.pending_tenants = [tenant_to_dict(t) for t in tenants]
        session.code_verifier = ""
        session.save(
            update_fields=[
                "status",
                "pending_credentials",
                "pending_tenants",
                "code_verifier",
                "updated_at",
            ]
        )


def choose_organisations(session: LinkSession, chosen: Iterable[str]) -> LinkSession:
    """The picker was submitted: link the ticked organisations (at least one)."""
    if session.status != LinkSessionStatus.CHOOSING:
        raise LinkFailed(session.error_code or "link_token_used")
    if session.is_expired():
        expire_session(session)
        raise LinkFailed("link_token_expired")
    tenants = [tenant_from_dict(t) for t in session.pending_tenants]
    offered = {t.id for t in tenants}
    picked = [tenant_id for tenant_id in dict.fromkeys(chosen) if tenant_id in offered]
    if not picked:
        raise NothingChosen
    try:
        provider = get_registry().get(session.provider)
    except connector_errors.UnknownProvider:
        fail_session(session, "provider_error", f"provider {session.provider!r} is disabled")
        raise LinkFailed("provider_error") from None
    credentials = credentials_from_dict(json.loads(session.pending_credentials))
    complete_link(session, provider, credentials, tenants, picked)
    session.refresh_from_db()
    return session


def cancel_session(session: LinkSession) -> LinkSession:
    """The end user cancelled on our pages; a consent already given is given back."""
    if session.is_finished:
        return session
    if session.status == LinkSessionStatus.CHOOSING:
        _release_pending(session)
    fail_session(session, "cancelled")
    session.refresh_from_db()
    return session


def expire_session(session: LinkSession) -> None:
    if session.is_finished:
        return
    if session.status == LinkSessionStatus.CHOOSING:
        _release_pending(session)
    fail_session(session, "link_token_expired")


def expire_stale_sessions(now: datetime | None = None) -> int:
    """End every session past its expiry (revoking consents nobody finished); returns how many."""
    now = now or timezone.now()
    stale = LinkSession.objects.exclude(status__in=TERMINAL).filter(expires_at__lte=now)
    count = 0
    for session in stale.iterator():
        expire_session(session)
        count += 1
    return count


def fail_session(session: LinkSession, code: str, detail: str = "") -> None:
    """End the session with an error code; forget every secret it held."""
    LinkSession.objects.filter(pk=session.pk).exclude(status__in=TERMINAL).update(
        status=LinkSessionStatus.FAILED,
        error_code=code,
        error_detail=detail[:300],
        state_hash=None,
        code_verifier="",
        pending_credentials="",
        pending_tenants=[],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if code not in {"cancelled", "access_denied"}:
        logger.info("Link session %s failed: %s %s", session.pk, code, detail)


def _release_pending(session: LinkSession) -> None:
    if not session.pending_credentials:
        return
    try:
        provider = get_registry().get(session.provider)
    except connector_errors.UnknownProvider:
        return
    credentials = credentials_from_dict(json.loads(session.pending_credentials))
    tenants = [tenant_from_dict(t) for t in session.pending_tenants]
    release_consent(provider, credentials, tenants)


# -- linking -----------------------------------------------------------------------------------


def complete_link(
    session: LinkSession,
    provider: Provider,
    credentials: Credentials,
    tenants: Sequence[Tenant],
    chosen: Sequence[str],
) -> list[LinkedAccount]:
    """Create the grant and one linked account per chosen tenant, in one transaction.

    A tenant this end user already linked (same customer and provider) keeps its linked account:
    it moves to the new grant and is active again, so its id and data survive.
    """
    by_id = {t.id: t for t in tenants}
    now = timezone.now()
    with transaction.atomic():
        locked = LinkSession.objects.select_for_update().get(pk=session.pk)
        if locked.status in TERMINAL:
            return []
        grant = Grant(
            customer_id=session.customer_id,
            provider=provider.key,
            end_user_id=session.end_user_id,
        )
        apply_credentials(grant, credentials)
        grant.refreshed_at = now
        grant.save()
        accounts: list[LinkedAccount] = []
        previous_grants: set = set()
        for tenant_id in chosen:
            tenant = by_id[tenant_id]
            account = (
                LinkedAccount.objects.select_for_update()
                .filter(
                    customer_id=session.customer_id,
                    provider=provider.key,
                    tenant_id=tenant.id,
                    end_user_id=session.end_user_id,
                )
                .first()
            )
            if account is None:
                account = LinkedAccount(
                    customer_id=session.customer_id,
                    provider=provider.key,
                    tenant_id=tenant.id,
                    end_user_id=session.end_user_id,
                )
            else:
                previous_grants.add(account.grant_id)
            account.grant = grant
            _refresh_account(account, tenant)
            account.end_user_name = session.end_user_name or account.end_user_name
            account.end_user_email = session.end_user_email or account.end_user_email
            account.save()
            accounts.append(account)
        for grant_id in previous_grants:
            if not LinkedAccount.objects.filter(grant_id=grant_id).exists():
                Grant.objects.filter(pk=grant_id).delete()
        _finish(locked, accounts)
        transaction.on_commit(
            lambda: accounts_linked.send(sender=LinkedAccount, accounts=accounts, relinked=False)
        )
    release_consent(provider, credentials, tenants, keep=chosen)
    return accounts


def complete_relink(
    session: LinkSession, provider: Provider, credentials: Credentials, tenants: Sequence[Tenant]
) -> list[LinkedAccount]:
    """Store the new tokens on the existing grant and make active again every account of it
    the new consent reaches (matched by tenant id). The others stay relink_required."""
    target = LinkedAccount.objects.filter(pk=session.relink_account_id).first()
    by_id = {t.id: t for t in tenants}
    if target is None or target.tenant_id not in by_id:
        release_consent(provider, credentials, tenants)
        raise LinkFailed("relink_mismatch", "the consent does not reach the account to relink")
    with transaction.atomic():
        locked = LinkSession.objects.select_for_update().get(pk=session.pk)
        if locked.status in TERMINAL:
            return []
        grant = Grant.objects.select_for_update().get(pk=target.grant_id)
        apply_credentials(grant, credentials)
        grant.refreshed_at = timezone.now()
        grant.save()
        accounts = list(
            LinkedAccount.objects.select_for_update().filter(grant=grant, tenant_id__in=by_id)
        )
        for account in accounts:
            _refresh_account(account, by_id[account.tenant_id])
            account.save()
        _finish(locked, accounts)
        transaction.on_commit(
            lambda: accounts_linked.send(sender=LinkedAccount, accounts=accounts, relinked=True)
        )
    release_consent(provider, credentials, tenants, keep=[a.tenant_id for a in accounts])
    return accounts


def _refresh_account(account: LinkedAccount, tenant: Tenant) -> None:
    account.tenant_name = tenant.name or account.tenant_name
    account.tenant_type = tenant.type or account.tenant_type
    account.connection_id = tenant.connection_id or ""
    account.status = LinkedAccountStatus.ACTIVE
    account.status_reason = ""


def _finish(session: LinkSession, accounts: Sequence[LinkedAccount]) -> None:
    session.status = LinkSessionStatus.COMPLETED
    session.linked_account_ids = [str(a.pk) for a in accounts]
    session.state_hash = None
    session.code_verifier = ""
    session.pending_credentials = ""
    session.pending_tenants = []
    session.finished_at = timezone.now()
    session.save()


def release_consent(
    provider: Provider,
    credentials: Credentials,
    tenants: Sequence[Tenant],
    keep: Iterable[str] = (),
) -> None:
    """Give back what the end user consented to but nothing uses. Best effort: logged, not
    raised.

    Unused tenants of the consent are disconnected; the whole grant is revoked only when
    nothing it reaches is linked by anyone (`gateway.accounts.release`): at Xero a connection
    belongs to the latest consent that covered it, so revoking this one could end another
    customer's organisation.
    """
    try:
        release(provider, credentials, tenants, keep=keep)
    except connector_errors.ConnectorError as exc:
        logger.warning("Could not give back an unused %s consent: %s", provider.key, exc.code)


# -- (de)serialising what waits for the picker ---------------------------------------------------


def credentials_to_dict(credentials: Credentials) -> dict:
    return {
        "access_token": credentials.access_token,
        "refresh_token": credentials.refresh_token,
        "expires_at": credentials.expires_at.isoformat(),
        "scope": list(credentials.scope),
        "extra": dict(credentials.extra),
        "grant_kind": credentials.grant_kind,
        "client_id": credentials.client_id,
        "client_secret": credentials.client_secret,
    }


def credentials_from_dict(data: dict) -> Credentials:
    return Credentials(
        access_token=data["access_token"],
        refresh_token=data.get("refresh_token"),
        expires_at=datetime.fromisoformat(data["expires_at"]),
        scope=tuple(data.get("scope") or ()),
        extra=data.get("extra") or {},
        grant_kind=data.get("grant_kind") or AUTHORIZATION_CODE,
        client_id=data.get("client_id"),
        client_secret=data.get("client_secret"),
    )


def tenant_to_dict(tenant: Tenant) -> dict:
    return {
        "id": tenant.id,
        "name": tenant.name,
        "type": tenant.type,
        "connection_id": tenant.connection_id,
        "auth_event_id": tenant.auth_event_id,
    }


def tenant_from_dict(data: dict) -> Tenant:
    return Tenant(
        id=data["id"],
        name=data.get("name"),
        type=data.get("type"),
        connection_id=data.get("connection_id"),
        auth_event_id=data.get("auth_event_id"),
    )


@dataclass(frozen=True)
class Outcome:
    """What a finished session shows the end user."""

    ok: bool
    code: str
    accounts: list[LinkedAccount]
    return_url: str


def outcome(session: LinkSession) -> Outcome:
    accounts = list(LinkedAccount.objects.filter(pk__in=session.linked_account_ids))
    return Outcome(
        ok=session.status == LinkSessionStatus.COMPLETED,
        code=session.error_code,
        accounts=accounts,
        return_url=return_url(session),
    )
