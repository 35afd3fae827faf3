"""Xero's OAuth scopes: which ones exist, which family an app may ask for, and which scope each
accounting endpoint needs.

Since 2 March 2026 new apps must use the granular scopes (``accounting.invoices``,
``accounting.payments``, ``accounting.banktransactions``, ``accounting.manualjournals``,
``accounting.reports.<report>.read``, ...); asking their consent for the broad
``accounting.transactions`` or ``accounting.reports.read`` is refused with ``invalid_scope``.
Older apps may ask for either family (until September 2027). The endpoint table follows Xero's
granular scopes FAQ; each endpoint also accepts the broad scope that covered it before, since
a token can only carry broad scopes when its app was allowed to ask for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType

GRANULAR_ONLY_FROM = date(2026, 3, 2)

#: The deprecated broad scopes new apps may not ask for.
BROAD_ONLY = frozenset(
    {"accounting.transactions", "accounting.transactions.read", "accounting.reports.read"}
)

#: ``accounting.reports.<name>.read`` → the report endpoints (``/Reports/<Report>``) it opens.
REPORT_SCOPES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "aged": ("agedpayablesbycontact", "agedreceivablesbycontact"),
        "balancesheet": ("balancesheet",),
        "banksummary": ("banksummary",),
        "budgetsummary": ("budgetsummary",),
        "executivesummary": ("executivesummary",),
        "profitandloss": ("profitandloss",),
        "trialbalance": ("trialbalance",),
        "taxreports": ("gstreport", "bassreport", "bas", "gst"),
        "tenninetynine": ("tenninetynine",),
    }
)

_READ_WRITE = (
    "accounting.transactions",
    "accounting.contacts",
    "accounting.settings",
    "accounting.attachments",
    "accounting.invoices",
    "accounting.payments",
    "accounting.banktransactions",
    "accounting.manualjournals",
)

#: Every scope a consent may name.
KNOWN = frozenset(
    {
        "openid",
        "profile",
        "email",
        "offline_access",
        "paymentservices",
        "accounting.reports.read",
        "accounting.journals.read",
        "accounting.budgets.read",
        *_READ_WRITE,
        *(f"{scope}.read" for scope in _READ_WRITE),
        *(f"accounting.reports.{name}.read" for name in REPORT_SCOPES),
    }
)

_INVOICES = ("accounting.invoices", "accounting.transactions")
_PAYMENTS = ("accounting.payments", "accounting.transactions")
_BANK = ("accounting.banktransactions", "accounting.transactions")
_SETTINGS = ("accounting.settings",)

#: First path segment under ``/api.xro/2.0/`` (lower case) → the scopes that allow writes to it;
#: reads accept these or their ``.read`` forms. A scope ending in ``.read`` only ever reads.
ENDPOINT_SCOPES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "invoices": _INVOICES,
        "creditnotes": _INVOICES,
        "purchaseorders": _INVOICES,
        "quotes": _INVOICES,
        "linkedtransactions": _INVOICES,
        "repeatinginvoices": _INVOICES,
        # Items: accounting.invoices (granular) or accounting.settings (as before).
        "items": ("accounting.invoices", "accounting.settings"),
        "payments": _PAYMENTS,
        "batchpayments": _PAYMENTS,
        "overpayments": _PAYMENTS,
        "prepayments": _PAYMENTS,
        "banktransactions": _BANK,
        "banktransfers": _BANK,
        "manualjournals": ("accounting.manualjournals", "accounting.transactions"),
        "contacts": ("accounting.contacts",),
        "contactgroups": ("accounting.contacts",),
        "accounts": _SETTINGS,
        "taxrates": _SETTINGS,
        "currencies": _SETTINGS,
        "organisation": _SETTINGS,
        "trackingcategories": _SETTINGS,
        "brandingthemes": _SETTINGS,
        "users": _SETTINGS,
        "journals": ("accounting.journals.read",),
        "budgets": ("accounting.budgets.read",),
    }
)

_ATTACHMENTS = ("accounting.attachments", "accounting.attachments.read")

#: What the control plane's consent shortcut grants when no scope is named.
DEFAULT_CONSENT_SCOPE = (
    "openid profile email offline_access accounting.invoices accounting.payments "
    "accounting.contacts accounting.settings accounting.attachments"
)

_API_PREFIX = "/api.xro/2.0/"


def family_error(app: Mapping, requested: Iterable[str]) -> str | None:
    """The OAuth error for a consent request naming ``requested``, or None when it may go on."""
    scopes = list(requested)
    if not scopes or any(s not in KNOWN for s in scopes):
        return "invalid_scope"
    if is_new_app(app) and any(s in BROAD_ONLY for s in scopes):
        return "invalid_scope"
    return None


def is_new_app(app: Mapping) -> bool:
    """Created on or after 2 March 2026 (an app without a date is new)."""
    created = app.get("created")
    return created is None or date.fromisoformat(str(created)) >= GRANULAR_ONLY_FROM


def required(method: str, path: str) -> tuple[str, ...] | None:
    """The scopes any one of which allows ``method path`` (None: the endpoint needs none)."""
    if not path.lower().startswith(_API_PREFIX):
        return None
    parts = [p.lower() for p in path[len(_API_PREFIX) :].split("/") if p]
    if not parts:
        return None
    write = method.upper() not in ("GET", "HEAD")
    if parts[0] == "reports":
        report = parts[1] if len(parts) > 1 else ""
        names = [n for n, reports in REPORT_SCOPES.items() if report in reports]
        granted_by = [f"accounting.reports.{n}.read" for n in names] + ["accounting.reports.read"]
        return () if write else tuple(granted_by)
    if len(parts) >= 3 and parts[2] == "attachments":
        # Files on any record: accounting.attachments (both families), whatever the record.
        return ("accounting.attachments",) if write else _ATTACHMENTS
    scopes = ENDPOINT_SCOPES.get(parts[0])
    if scopes is None:
        return None
    if write:
        return tuple(s for s in scopes if not s.endswith(".read"))
    return tuple(dict.fromkeys(f for s in scopes for f in (s, _read_form(s))))


def permits(granted: Iterable[str], method: str, path: str) -> bool:
    needed = required(method, path)
    if needed is None:
        return True
    have = set(granted)
    return any(s in have for s in needed)


def _read_form(scope: str) -> str:
    return scope if scope.endswith(".read") else f"{scope}.read"
