"""Reports: check the request against the provider's rules, answer from the cache or fetch.

Nothing here names a provider: what each offers comes from its ``report_rules``, and the
report itself from its connector's ``fetch_report``, called like every live call (the account's
credentials, token refresh and the shared rate limiter are the connector's; its errors become
API errors in ``gateway.core.provider_errors``).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from connectors.reports import ReportOffer
from gateway.accounts.connections import connector_for, provider_for
from gateway.accounts.models import LinkedAccount
from gateway.core import jsonutil
from gateway.core.errors import InvalidRequest, NotSupported, ScopeNotGranted, UnknownReference
from gateway.reports import cache, generations, selectors
from gateway.reports.models import ReportSnapshot
from gateway.reports.params import ReportQuery, SnapshotQuery
from unified_models import ReportRequest, ReportType

__all__ = ["offer_for", "report", "request_for", "snapshots"]


def _label(report: ReportType) -> str:
    return report.value.replace("_", " ").lower()


def offer_for(account: LinkedAccount, report: ReportType) -> ReportOffer:
    """How the account's provider serves ``report``: 501 saying why it does not, 403 when the
    account's consent lacks the scope its reports need."""
    provider = provider_for(account)
    rules = provider.report_rules
    if rules is None:
        raise NotSupported(f"{provider.name} serves no financial reports through Ledgerlink.")
    if report not in rules.offers:
        reason = rules.missing.get(report)
        raise NotSupported(
            f"{provider.name} has no {_label(report)} report" + (f": {reason}" if reason else ".")
        )
    granted = account.grant.scope.split()
    # A grant whose scopes the provider did not report is taken to allow it (as for records).
    lacking = rules.missing_scopes(report, granted) if granted else []
    if lacking:
        raise ScopeNotGranted(
            f"The linked account's consent does not permit reading the {_label(report)} "
            f"report: it needs {'; and '.join(lacking)}. Relink the account to grant it."
        )
    return rules.offers[report]


def _request(query: ReportQuery, **remote: str | None) -> ReportRequest:
    return ReportRequest(
        type=query.type,
        start_date=query.start_date,
        end_date=query.end_date,
        date=query.date,
        periods=query.periods,
        timeframe=query.timeframe,
        basis=query.basis,
        tracking_category_remote_id=remote.get("tracking_category"),
        contact_remote_id=remote.get("contact"),
    )


def request_for(account: LinkedAccount, query: ReportQuery) -> ReportRequest:
    """The connector's request: checked against the provider's limits (400), then references
    resolved to provider ids (422 when the account has no such record)."""
    provider = provider_for(account)
    rules = provider.report_rules
    given = {"tracking_category": query.tracking_category, "contact": query.contact}
    problems = rules.problems(_request(query, **given)) if rules is not None else []
    if problems:
        raise InvalidRequest(
            f"{provider.name} cannot compute this report as asked; see details.", details=problems
        )
    remote: dict[str, str | None] = {}
    unknown = []
    for name, value in given.items():
        if value is None:
            continue
        remote[name] = selectors.remote_id_or_none(account, name, value)
        if remote[name] is None:
            label = name.replace("_", " ")
            unknown.append({"field": name, "message": f"This linked account has no such {label}."})
    if unknown:
        raise UnknownReference(details=unknown)
    return _request(query, **remote)


def _fetch(account: LinkedAccount, request: ReportRequest) -> cache.Entry:
    fetched = connector_for(account).fetch_report(request)
    return cache.Entry(dt.datetime.now(dt.UTC), fetched.model_dump(mode="json"))


#: A request finding the same report being fetched by another waits this long for its answer
#: (then fetches it itself): concurrent dashboards cost the provider one call, not one each.
SHARED_FETCH_WAIT_SECONDS = 10.0
_POLL_SECONDS = 0.1


def _fetch_once(
    account: LinkedAccount, request: ReportRequest, key: str
) -> tuple[cache.Entry, bool]:
    """Fetch and cache the report, or take the one a concurrent request is fetching (only a
    report fetched after this request began: as fresh as any ``max_age`` asks). Returns the
    entry and whether it came from the other request."""
    if cache.freshness() > 0 and not cache.claim(key):
        began = dt.datetime.now(dt.UTC)
        deadline = time.monotonic() + SHARED_FETCH_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(_POLL_SECONDS)
            entry = cache.load(key)
            if entry is not None and entry.generated_at >= began:
                return entry, True
        # The other fetch is slow or died: ask the provider ourselves.
        entry = _fetch(account, request)
        cache.store(key, entry)
        return entry, False
    try:
        entry = _fetch(account, request)
        cache.store(key, entry)
    finally:
        cache.release(key)
    return entry, False


def report(account: LinkedAccount, query: ReportQuery) -> dict[str, Any]:
    """The answer's body: the report with Ledgerlink ids filled, when it was fetched, and
    whether it came from the cache."""
    offer_for(account, query.type)
    request = request_for(account, query)
    # Read before the fetch: a ledger change stored while the provider computes the report
    # moves the generation on, so this (possibly older) report is never found afterwards.
    key = cache.key_for(account.id, generations.current(account.id), request)
    limit = cache.freshness() if query.max_age is None else min(query.max_age, cache.freshness())
    entry = cache.load(key) if limit > 0 else None
    cached = entry is not None and entry.age(dt.datetime.now(dt.UTC)) < limit
    if not cached:
        entry, cached = _fetch_once(account, request, key)
    return _answer(account, entry, cached=cached, include_remote_data=query.include_remote_data)


def _answer(
    account: LinkedAccount, entry: cache.Entry, *, cached: bool, include_remote_data: bool
) -> dict[str, Any]:
    body = {"linked_account": str(account.id), **entry.report}
    if not include_remote_data:
        body.pop("remote_data", None)
    selectors.fill_record_ids(account, body["rows"])
    body["generated_at"] = entry.generated_at
    body["cached"] = cached
    return body


def snapshots(account: LinkedAccount, query: SnapshotQuery) -> dict[str, Any]:
    """The account's kept monthly snapshots, newest month first (Ledgerlink ids filled in one
    query for all of them)."""
    rows = ReportSnapshot.objects.filter(linked_account=account)
    if query.type is not None:
        rows = rows.filter(type=query.type.value)
    if query.period_end_after is not None:
        rows = rows.filter(period_end__gte=query.period_end_after)
    if query.period_end_before is not None:
        rows = rows.filter(period_end__lte=query.period_end_before)
    found = list(rows.order_by("-period_end", "type")[: query.limit])
    reports = [jsonutil.loads(s.report) for s in found]
    for report in reports:
        if not query.include_remote_data:
            report.pop("remote_data", None)
    selectors.fill_record_ids(account, [row for report in reports for row in report["rows"]])
    return {
        "linked_account": str(account.id),
        "results": [
            {
                "id": str(s.id),
                "type": s.type,
                "period_start": s.period_start,
                "period_end": s.period_end,
                "generated_at": s.generated_at,
                "report": report,
            }
            for s, report in zip(found, reports, strict=True)
        ],
    }
