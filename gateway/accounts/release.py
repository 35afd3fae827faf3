"""Ending a grant's reach without ending anyone else's (DESIGN 4.10: tenants are shared).

Two customers (or two end users) can link the same organisation, and at the provider their
grants may share one connection: at Xero the connection is the app's link to an organisation
for one user, a later consent covering the organisation takes it over, and revoking a refresh
token removes every connection of that user to the app; other providers hold one connection
per app and company. So a connection is only disconnected, and a grant only revoked, when no
other linked account, of any customer, depends on what that would end (the provider says what
a revocation reaches). Otherwise the gateway just forgets its side (the caller drops the
tokens).

A linked account depends on a connection when it is on the same tenant and either records the
same connection id or records none (a provider without connection ids: the tenant decides).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db.models import Q

from connectors.base import Credentials, Provider, Tenant
from gateway.accounts.models import LinkedAccount


def tenants_in_use(provider_key: str, tenants: Iterable[Tenant], ignoring: Iterable = ()) -> set:
    """The ids of `tenants` whose connection some linked account (outside `ignoring`, a list
    of linked account pks) depends on."""
    match = Q()
    for tenant in tenants:
        same = Q(tenant_id=tenant.id)
        if tenant.connection_id:
            same &= Q(connection_id=tenant.connection_id) | Q(connection_id="")
        match |= same
    if not match:
        return set()
    accounts = LinkedAccount.objects.filter(match, provider=provider_key).exclude(pk__in=ignoring)
    return set(accounts.values_list("tenant_id", flat=True))


def release(
    provider: Provider,
    credentials: Credentials,
    tenants: Sequence[Tenant],
    *,
    keep: Iterable[str] = (),
    ignoring: Iterable = (),
) -> None:
    """Give back `tenants` of a grant (the ones nobody uses), and the whole grant when nothing
    it reaches is used any more.

    `keep`: tenant ids of this grant that stay linked (the grant must then live on).
    `ignoring`: linked accounts being removed, which no longer count as depending on anything.
    Provider errors are raised; the caller decides whether they matter.
    """
    keep, ignoring = set(keep), list(ignoring)
    in_use = keep | tenants_in_use(provider.key, tenants, ignoring)
    unused = [t for t in tenants if t.id not in in_use]
    for tenant in unused:
        if tenant.connection_id:
            provider.disconnect(credentials, tenant.connection_id)
    if keep or in_use:
        return
    # A revocation may end more than this grant's own tenants (at Xero: every connection of
    # the user to the app), so the provider says what it would end.
    if tenants_in_use(provider.key, provider.revocation_reach(credentials), ignoring):
        return
    provider.revoke(credentials)
