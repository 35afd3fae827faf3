"""Token upkeep: refresh grants well before their refresh token's idle expiry.

Xero refresh tokens expire after 60 days unused. Any grant whose refresh token was last used
more than GRANT_REFRESH_AFTER_DAYS ago (and that still serves an active linked account) is
refreshed under the grant's row lock. `invalid_grant` marks its accounts relink_required (the
credential store sends `accounts_relink_required`, which becomes an `account.relink_required`
event); a provider outage is retried on the next run.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from connectors import errors as ce
from connectors.tokens import TokenManager
from gateway.accounts.credential_store import GrantCredentialStore
from gateway.accounts.models import Grant, LinkedAccountStatus
from gateway.core.providers import get_registry

logger = logging.getLogger(__name__)


def grants_due(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.GRANT_REFRESH_AFTER_DAYS)
    return (
        Grant.objects.filter(
            Q(refreshed_at__lt=cutoff) | Q(refreshed_at__isnull=True, created_at__lt=cutoff),
            linked_accounts__status=LinkedAccountStatus.ACTIVE,
        )
        .exclude(refresh_token="")
        .distinct()
    )


def refresh_grant(grant: Grant) -> str:
    """Refresh one grant; returns "refreshed", "relink_required" or "retry"."""
    provider = get_registry().get(grant.provider)
    credential_store = GrantCredentialStore(grant.pk)
    tokens = TokenManager(credential_store, provider.refresh)
    try:
        tokens.refresh(stale=credential_store.load())
    except ce.RelinkRequired:
        return "relink_required"
    except ce.ConnectorError as exc:
        logger.warning("refresh of grant %s failed (%s); retrying later", grant.pk, exc)
        return "retry"
    return "refreshed"


def refresh_due_grants(now=None) -> dict[str, int]:
    counts = {"refreshed": 0, "relink_required": 0, "retry": 0}
    for grant in grants_due(now).iterator():
        counts[refresh_grant(grant)] += 1
    return counts
