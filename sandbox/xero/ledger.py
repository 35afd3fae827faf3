"""One organisation's books: lookups used by the business rules, and change tracking."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from . import resources as R
from .clock import Clock
from .records import Records
from .store import Store
from .xdates import iso_utc, ms_date


@dataclass
class Event:
    """A change to report by webhook (after the transaction commits)."""

    tenant_id: str
    category: str  # INVOICE | CONTACT | CREDITNOTE
    resource_id: str
    event_type: str  # CREATE | UPDATE
    ms: int
    data: dict | None = None


@dataclass
class Ledger:
    """Per-tenant context: records, reference data and the changes made in this request."""

    store: Store
    clock: Clock
    tenant_id: str
    app_name: str = "Ledgerlink Sandbox"
    events: list[Event] = field(default_factory=list)

    @cached_property
    def records(self) -> Records:
        return Records(self.store, self.tenant_id)

    @cached_property
    def org(self) -> dict:
        return self.records.get(R.ORGANISATION, self.tenant_id) or {}

    @property
    def base_currency(self) -> str:
        return self.org.get("BaseCurrency", "USD")

    @cached_property
    def currencies(self) -> set[str]:
        return {d["Code"] for d in self.records.all_docs(R.CURRENCIES)}

    @cached_property
    def tax_rates(self) -> dict[str, dict]:
        return {d["TaxType"]: d for d in self.records.all_docs(R.TAX_RATES)}

    @cached_property
    def accounts(self) -> dict[str, dict]:
        return {d["Code"]: d for d in self.records.all_docs(R.ACCOUNTS) if d.get("Code")}

    @cached_property
    def accounts_by_id(self) -> dict[str, dict]:
        return {d["AccountID"]: d for d in self.accounts.values()}

    @cached_property
    def items(self) -> dict[str, dict]:
        return {d["Code"]: d for d in self.records.all_docs(R.ITEMS)}

    @cached_property
    def tracking_categories(self) -> list[dict]:
        return self.records.all_docs(R.TRACKING_CATEGORIES)

    def tax_percent(self, tax_type: str) -> Decimal | None:
        rate = self.tax_rates.get(tax_type)
        return Decimal(str(rate["EffectiveRate"])) if rate else None

    def default_tax(self, sales: bool) -> str:
        from .orgdata import COUNTRIES

        country = COUNTRIES.get(self.org.get("Version", ""), {})
        return country.get("sales_tax" if sales else "purchase_tax", "NONE")

    def fx_rate(self, currency: str) -> Decimal:
        from .orgdata import fx_rate

        return fx_rate(self.base_currency, currency)

    def now_ms(self) -> int:
        return self.clock.ms()

    def save(
        self, resource: R.Resource, doc: dict, created: bool, data: dict | None = None
    ) -> dict:
        """Stamp UpdatedDateUTC, store the record and queue its webhook event."""
        ms = self.now_ms()
        # A BankTransfer has no UpdatedDateUTC (CreatedDateUTC only).
        if resource.kind not in (
            "TaxRate",
            "Currency",
            "Organisation",
            "TrackingCategory",
            "BankTransfer",
        ):
            doc["UpdatedDateUTC"] = ms_date(ms)
        if "UpdatedDateUTCString" in doc or resource.kind in ("Invoice", "CreditNote", "Payment"):
            doc["UpdatedDateUTCString"] = iso_utc(ms)
        self.records.save(resource, doc, ms)
        if resource.kind in ("Invoice", "CreditNote", "Payment", "ManualJournal"):
            from .domain import journals  # the journals a change of postings writes

            journals.post(self, resource, doc)
        if resource.webhook_category:
            self.events.append(
                Event(
                    self.tenant_id,
                    resource.webhook_category,
                    str(doc[resource.id_field]),
                    "CREATE" if created else "UPDATE",
                    ms,
                    data,
                )
            )
        for name in (
            "accounts",
            "accounts_by_id",
            "items",
            "tax_rates",
            "currencies",
            "tracking_categories",
        ):
            self.__dict__.pop(name, None)
        return doc
