"""Connector instances bound to a linked account's credentials, and what its consent allows."""

from __future__ import annotations

from connectors.base import Connector, Provider
from connectors.specs import WRITE_OPERATIONS
from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import LinkedAccount
from gateway.core.providers import get_registry


def provider_for(account: LinkedAccount) -> Provider:
    return get_registry().get(account.provider)


def connector_for(account: LinkedAccount) -> Connector:
    return provider_for(account).connect(GrantCredentialStore(account.grant_id), account.tenant_id)


def permits(account: LinkedAccount, model: str, operation: str = "list") -> bool:
    """Whether the scopes the account's grant was given allow ``operation`` on ``model``."""
    return provider_for(account).permits(account.grant.scope.split(), model, operation)


def missing_scope_reason(account: LinkedAccount, model: str, operation: str = "list") -> str | None:
    """Why the account's consent does not allow ``operation`` on ``model`` (None: it does)."""
    if permits(account, model, operation):
        return None
    verb = "writing" if operation in WRITE_OPERATIONS else "reading"
    needed = ", ".join(provider_for(account).scopes_allowing(model, operation))
    return (
        f"The linked account's consent does not permit {verb} {model} records: it grants none "
        f"of the scopes {needed}. Relink the account with one of them to enable it."
    )
