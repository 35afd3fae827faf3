"""Financial reports a provider computes: which ones, with which options, within which limits.

A provider declares ``report_rules`` (None: it serves no reports); its connector implements
``fetch_report(request) -> Report`` (``unified_models.report``), one provider call per period
group where the provider can return several periods at once. The gateway validates a request
against the rules (``ReportRules.problems``) before anything is sent, so a report a provider does
not offer is a 501 and a parameter beyond the provider's limits a 400, both without a call.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from unified_models import ReportBasis, ReportRequest, ReportType

from .specs import ScopeNeed

__all__ = ["ReportOffer", "ReportRules"]


@dataclass(frozen=True)
class ReportOffer:
    """One report type as a provider serves it."""

    #: Most periods (``periods``) the provider computes in one report.
    max_periods: int = 1
    #: Bases the caller may ask for (empty: the provider's own basis only, ``basis`` refused).
    bases: frozenset[ReportBasis] = frozenset()
    #: Whether columns can be broken down by a tracking category.
    tracking: bool = False
    #: Computed by Ledgerlink from other reports (the provider has none of its own).
    derived: bool = False
    #: Shown in ``/v1/providers`` and the 501 answer when a feature is missing.
    note: str | None = None
    #: The OAuth scopes this report needs, every one of them (Xero's granular family has one
    #: per report; its derived cash flow reads a P&L and balance sheets). Empty: the rules'
    #: ``scope`` (if any) covers it.
    scopes: tuple[ScopeNeed, ...] = ()

    def describe(self) -> dict[str, Any]:
        return {
            "max_periods": self.max_periods,
            "bases": sorted(b.value for b in self.bases),
            "tracking": self.tracking,
            "derived": self.derived,
            "note": self.note,
        }


@dataclass(frozen=True)
class ReportRules:
    offers: Mapping[ReportType, ReportOffer]
    #: Why a report type is not offered (shown in the 501 answer and ``/v1/providers``).
    missing: Mapping[ReportType, str] = field(default_factory=dict)
    #: The OAuth scope reading reports needs (None: the base scopes cover it). The gateway
    #: refuses with 403 before any call when the account's consent lacks it.
    scope: ScopeNeed | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "offers", MappingProxyType(dict(self.offers)))
        object.__setattr__(self, "missing", MappingProxyType(dict(self.missing)))

    def scopes_for(self, report: ReportType) -> tuple[ScopeNeed, ...]:
        """The scopes reading ``report`` needs, all of them."""
        offer = self.offers.get(report)
        if offer is not None and offer.scopes:
            return offer.scopes
        return (self.scope,) if self.scope is not None else ()

    def missing_scopes(self, report: ReportType, granted: Collection[str]) -> list[str]:
        """For each needed scope the grant lacks: the scopes that would allow it, joined."""
        return [
            " or ".join(need.accepted(write=False))
            for need in self.scopes_for(report)
            if not need.allows(granted, write=False)
        ]

    def describe(self) -> dict[str, Any]:
        return {
            report.value: (
                {"offered": True, **self.offers[report].describe()}
                if report in self.offers
                else {"offered": False, "reason": self.missing.get(report)}
            )
            for report in ReportType
        }

    def problems(self, request: ReportRequest) -> list[dict[str, str]]:
        """What in ``request`` this provider cannot do, as ``[{field, message}]`` (empty: fine).
        Not-offered report types are the caller's to check first (a 501, not a 400)."""
        offer = self.offers[request.type]
        found: list[dict[str, str]] = []
        if request.periods > offer.max_periods:
            found.append(
                {
                    "field": "periods",
                    "message": f"At most {offer.max_periods} periods for this report here.",
                }
            )
        if request.basis is not None and request.basis not in offer.bases:
            allowed = ", ".join(sorted(b.value for b in offer.bases)) or "none"
            found.append({"field": "basis", "message": f"This provider takes basis: {allowed}."})
        if request.tracking_category_remote_id and not offer.tracking:
            found.append(
                {
                    "field": "tracking_category",
                    "message": "This report has no tracking breakdown here.",
                }
            )
        return found
