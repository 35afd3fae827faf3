"""TaxRate (the tax codes lines and accounts refer to) and its components. Read only."""

from __future__ import annotations

from pydantic import Field

from .catalogue import CatalogueEntry, Filter
from .common import UnifiedModel, UnifiedRecord
from .enums import TaxRateAppliesTo, TaxRateStatus
from .examples import TAX_RATE as _EXAMPLE
from .types import Rate

__all__ = ["TaxRate", "TaxRateComponent"]


class TaxRateComponent(UnifiedModel):
    """One tax making up a rate (Xero TaxComponents, QuickBooks the TaxRates of a TaxCode)."""

    remote_id: str | None = None
    """Provider id of the component where it has one (QuickBooks TaxRate Id)."""
    name: str | None = None
    rate: Rate | None = None
    """Percentage, e.g. ``Decimal("12.5")``."""
    is_compound: bool = False
    is_non_recoverable: bool = False
    applies_to: TaxRateAppliesTo | None = None


class TaxRate(UnifiedRecord):
    """``remote_id`` is what lines and accounts use as ``tax_rate_remote_id`` (Xero: the TaxType
    code, e.g. ``OUTPUT``; QuickBooks: the TaxCode Id)."""

    name: str | None = None
    code: str | None = None
    description: str | None = None
    effective_tax_rate: Rate | None = None
    """The rate actually applied, as a percentage (compound components included)."""
    total_tax_rate: Rate | None = None
    """The sum of the components' rates as displayed by the provider."""
    components: list[TaxRateComponent] = Field(default_factory=list)
    """The taxes making up the rate."""
    status: TaxRateStatus | None = None
    status_raw: str | None = None
    applies_to: list[TaxRateAppliesTo] = Field(default_factory=list)


TAX_RATE = CatalogueEntry(
    name="tax_rate",
    plural="tax-rates",
    record=TaxRate,
    filters=(Filter("status", "status", "choice", choices=TaxRateStatus),),
    example=_EXAMPLE,
    description="The tax rates lines, accounts and items refer to.",
)
