"""Connector instances bound to a linked account's credentials."""

from __future__ import annotations

from connectors.base import Connector, Provider
from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import LinkedAccount
from gateway.core.providers import get_registry


def provider_for(account: LinkedAccount) -> Provider:
    return get_registry().get(account.provider)


def connector_for(account: LinkedAccount) -> Connector:
    return provider_for(account).connect(GrantCredentialStore(account.grant_id), account.tenant_id)
