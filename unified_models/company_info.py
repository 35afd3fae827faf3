"""CompanyInfo: the organisation behind a linked account (one record per linked account). Read
only."""

from __future__ import annotations

from pydantic import Field

from .catalogue import CatalogueEntry
from .common import UnifiedRecord
from .contact import Address, PhoneNumber
from .examples import COMPANY_INFO as _EXAMPLE

__all__ = ["CompanyInfo"]


class CompanyInfo(UnifiedRecord):
    legal_name: str | None = None
    """The registered legal name."""
    name: str | None = None
    """The trading (display) name."""
    currency: str | None = None
    """The base (functional) currency."""
    country: str | None = None
    """Country code as the provider gives it (Xero: ISO 3166 alpha-2)."""
    tax_number: str | None = None
    fiscal_year_end_month: int | None = Field(default=None, ge=1, le=12)
    """Month (1-12) the financial year ends in."""
    fiscal_year_end_day: int | None = Field(default=None, ge=1, le=31)
    """Day of the month the financial year ends on."""
    timezone: str | None = None
    """The provider's timezone identifier (Xero: Windows-style name, e.g.
    NEWZEALANDSTANDARDTIME)."""
    addresses: list[Address] = Field(default_factory=list)
    phone_numbers: list[PhoneNumber] = Field(default_factory=list)
    email_address: str | None = None
    organisation_type: str | None = None
    """The provider's own organisation type (Xero ``OrganisationType``, e.g. COMPANY)."""
    status_raw: str | None = None


COMPANY_INFO = CatalogueEntry(
    name="company_info",
    plural="company-info",
    record=CompanyInfo,
    example=_EXAMPLE,
    description="The organisation behind the linked account (one record).",
)
