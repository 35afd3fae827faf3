"""Monthly report snapshots for dashboards: each active linked account's profit and loss for the
last completed calendar month and its balance sheet at that month's end, kept in the database.

The beat runs `schedule` several times a day; it queues one task per account still missing last
month's snapshots, so a provider that failed (or an account relinked later) is caught up by a
later run, and a run that finds everything taken queues nothing. The reports are fetched through
the account's connector exactly as `/v1/reports/...` fetches them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import Count

from connectors.errors import ConnectorError
from gateway.accounts.connections import connector_for, provider_for
from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.core import jsonutil
from gateway.reports.models import ReportSnapshot
from unified_models import ReportRequest, ReportType

__all__ = ["SNAPSHOT_TYPES", "last_month", "schedule", "take"]

logger = logging.getLogger(__name__)

SNAPSHOT_TYPES = (ReportType.PROFIT_AND_LOSS, ReportType.BALANCE_SHEET)


def last_month(today: dt.date) -> tuple[dt.date, dt.date]:
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def _offered(account: LinkedAccount) -> list[ReportType]:
    """The snapshot reports the account's provider computes and its consent lets it read."""
    try:
        rules = provider_for(account).report_rules
    except Exception:  # a provider no longer enabled: nothing to snapshot
        return []
    if rules is None:
        return []
    granted = account.grant.scope.split()
    # A report the consent does not permit would be refused: relinking with it starts it.
    return [
        t
        for t in SNAPSHOT_TYPES
        if t in rules.offers and not (granted and rules.missing_scopes(t, granted))
    ]


def _missing(account: LinkedAccount, month_end: dt.date) -> list[ReportType]:
    taken = set(
        ReportSnapshot.objects.filter(linked_account=account, period_end=month_end).values_list(
            "type", flat=True
        )
    )
    return [t for t in _offered(account) if t.value not in taken]


def schedule(today: dt.date | None = None) -> int:
    """Queue a snapshot task per active account missing last month's snapshots."""
    from gateway.reports.tasks import snapshot_account

    _, month_end = last_month(today or dt.datetime.now(dt.UTC).date())
    complete = (
        ReportSnapshot.objects.filter(period_end=month_end)
        .values("linked_account_id")
        .annotate(kinds=Count("type"))
        .filter(kinds__gte=len(SNAPSHOT_TYPES))
        .values("linked_account_id")
    )
    queued = 0
    candidates = (
        LinkedAccount.objects.filter(status=LinkedAccountStatus.ACTIVE)
        .exclude(id__in=complete)
        .select_related("grant")
    )
    for account in candidates.iterator():
        if _missing(account, month_end):
            snapshot_account.delay(str(account.id), month_end.isoformat())
            queued += 1
    return queued


def _request(report: ReportType, month_end: dt.date) -> ReportRequest:
    if report is ReportType.PROFIT_AND_LOSS:
        return ReportRequest(type=report, start_date=month_end.replace(day=1), end_date=month_end)
    return ReportRequest(type=report, date=month_end)


def take(account: LinkedAccount, month_end: dt.date) -> list[ReportSnapshot]:
    """Fetch and keep the month's missing snapshots; a provider failure is logged and left for
    the next run."""
    if month_end.day != calendar.monthrange(month_end.year, month_end.month)[1]:
        raise ValueError(f"{month_end} is not a month's last day")
    kept = []
    for report in _missing(account, month_end):
        request = _request(report, month_end)
        try:
            fetched = connector_for(account).fetch_report(request)
        except ConnectorError as exc:
            logger.warning("snapshot %s of %s failed: %r", report.value, account.id, exc)
            continue
        try:
            with transaction.atomic():
                kept.append(
                    ReportSnapshot.objects.create(
                        linked_account=account,
                        type=report.value,
                        period_start=request.start_date,
                        period_end=month_end,
                        generated_at=dt.datetime.now(dt.UTC),
                        report=jsonutil.dumps(fetched.model_dump(mode="json")).decode(),
                    )
                )
        except IntegrityError:
            pass  # a concurrent run kept it first
    return kept
