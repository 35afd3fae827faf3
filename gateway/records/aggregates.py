"""Aggregates over the stored invoices, computed in SQL: the invoice summary and what each contact
owes (or is owed).

Money is summed per currency only (a group never adds GBP to EUR) and answered as decimal
strings. The filters are the invoice list's (`selectors.filtered`), so a summary counts exactly
what `GET /v1/invoices` with the same query would page through. Answers are bounded: at most
``MAX_GROUPS`` groups, with ``truncated`` saying when there were more.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Min, Sum
from django.db.models.functions import TruncMonth
from rest_framework.exceptions import ValidationError

from gateway.accounts.models import LinkedAccount
from gateway.core import jsonutil
from gateway.records import selectors
from gateway.records.filters import filter_class, overdue_condition
from gateway.records.models import Record
from gateway.records.today import local_today
from unified_models import NOT_OWED_STATUSES

INVOICE = "invoice"
#: `group_by` value → the expression a group is keyed by.
GROUPINGS = {
    "status": F("status"),
    "currency": F("currency"),
    "contact": F("contact_id"),
    "month": TruncMonth("issue_date"),
}
DEFAULT_GROUPING = "currency"
#: The most groups (or contacts) one answer holds.
MAX_GROUPS = 1000
DEFAULT_LIMIT = 100
#: Invoices that are not (or no longer) owed whatever their balance says.
NOT_OUTSTANDING = NOT_OWED_STATUSES
_NO_READ_OPTIONS = selectors.ReadOptions(
    include_remote_data=False, include_deleted=False, expand=frozenset()
)
_CENT = Decimal("0.01")


def money(value: Decimal | None) -> str | None:
    """A sum as a decimal string: its own precision, and at least cents (`1200.5` → `1200.50`)."""
    if value is None:
        return None
    normal = value.normalize()
    return format(normal.quantize(_CENT) if normal.as_tuple().exponent > -2 else normal, "f")


def _invoices(account: LinkedAccount, params, own: set[str]):
    """The account's invoices the list's filters select; ``own`` names the endpoint's other
    query parameters (taken out before the list's filters see the rest)."""
    filters = {name: params[name] for name in params if name not in own}
    unknown = set(filters) - set(filter_class(INVOICE).base_filters)
    if unknown:
        raise ValidationError({name: ["Unknown query parameter."] for name in sorted(unknown)})
    return selectors.filtered(account, INVOICE, filters, _NO_READ_OPTIONS)


def _choice(params, name: str, allowed, default: str | None) -> str | None:
    value = params.get(name, default)
    if value is not None and value not in allowed:
        raise ValidationError({name: [f"One of: {', '.join(allowed)}."]})
    return value


def _limit(params) -> int:
    raw = params.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_GROUPS:
        raise ValidationError({"limit": [f"Must be an integer from 1 to {MAX_GROUPS}."]})
    return limit


def _group_key(grouping: str, value) -> str | None:
    if value is None or value == "":
        return None
    if grouping == "month":
        return value.strftime("%Y-%m")
    return str(value)


def invoice_summary(account: LinkedAccount, params) -> dict:
    """Count, total and balance of the filtered invoices per group and currency."""
    grouping = _choice(params, "group_by", GROUPINGS, DEFAULT_GROUPING)
    queryset = _invoices(account, params, {"group_by"})
    rows = list(
        queryset.annotate(group=GROUPINGS[grouping])
        .values("group", "currency")
        .annotate(count=Count("seq"), total=Sum("total_amount"), owed=Sum("balance"))
        .order_by(F("group").asc(nulls_last=True), "currency")[: MAX_GROUPS + 1]
    )
    results = [
        {
            "group": _group_key(grouping, row["group"]),
            "currency": row["currency"] or None,
            "count": row["count"],
            "total_amount": money(row["total"]),
            "balance": money(row["owed"]),
        }
        for row in rows[:MAX_GROUPS]
    ]
    return {
        "group_by": grouping,
        "last_sync_at": account.last_sync_at,
        "truncated": len(rows) > MAX_GROUPS,
        "results": results,
    }


def outstanding_by_contact(account: LinkedAccount, params, today: date | None = None) -> dict:
    """What each contact owes (receivables) or is owed (payables), per currency: the invoices
    the list's filters select that still have a balance (and a contact), largest balance
    first."""
    limit = _limit(params)
    today = today or local_today(account)
    overdue = overdue_condition("due_date", today)  # what `overdue=true` selects
    queryset = (
        _invoices(account, params, {"limit"})
        .filter(balance__gt=0)
        .exclude(status__in=NOT_OUTSTANDING)
        .exclude(contact_id__isnull=True)
    )
    rows = list(
        queryset.values("contact_id", "currency", "type")
        .annotate(
            count=Count("seq"),
            owed=Sum("balance"),
            overdue_total=Sum("balance", filter=overdue),
            overdue_count=Count("seq", filter=overdue),
            oldest_due_date=Min("due_date"),
        )
        .order_by("-owed", "contact_id", "currency", "type")[: limit + 1]
    )
    names = _contact_names(account, {row["contact_id"] for row in rows[:limit]})
    results = [
        {
            "contact_id": str(row["contact_id"]),
            "contact_name": names.get(row["contact_id"]),
            "type": row["type"],
            "currency": row["currency"] or None,
            "invoice_count": row["count"],
            "balance": money(row["owed"]),
            "overdue_count": row["overdue_count"],
            "overdue_balance": money(row["overdue_total"] or Decimal(0)),
            "oldest_due_date": row["oldest_due_date"],
        }
        for row in rows[:limit]
    ]
    return {
        "as_of": today,
        "last_sync_at": account.last_sync_at,
        "truncated": len(rows) > limit,
        "results": results,
    }


def _contact_names(account: LinkedAccount, ids: set) -> dict:
    rows = Record.objects.filter(linked_account=account, model="contact", id__in=ids).values_list(
        "id", "document"
    )
    return {key: jsonutil.loads(document).get("name") for key, document in rows}
