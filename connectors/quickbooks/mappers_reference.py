"""Pure mappers for QuickBooks Online's reference lists, both ways where they can be written.

Reading (QuickBooks → unified, ``remote_data`` set to the QuickBooks object):

- ``account_from_qbo`` (Account), ``item_from_qbo`` (Item: Service, NonInventory, Inventory);
- ``tax_rate_from_qbo(tax_code, tax_rates)``: one unified tax rate per **TaxCode** (what lines'
  ``TaxCodeRef`` and items' ``SalesTaxCodeRef`` name, so ``remote_id`` is the TaxCode Id), its
  components the TaxRates of the code's ``SalesTaxRateList`` (applies to SALES) and
  ``PurchaseTaxRateList`` (PURCHASES), their values looked up in ``tax_rates`` (TaxRate Id →
  TaxRate object), as Merge does. ``total_tax_rate`` sums the sales components (the purchase ones
  when a code has no sales side); ``effective_tax_rate`` compounds ``TaxOnTax`` components in
  ``TaxOrder``. Status from ``Active``;
- ``class_from_qbo`` and ``department_from_qbo``: every QuickBooks Class and every Department
  (location) is one unified tracking category, as Merge maps them (sub-classes are categories
  of their own; their ``name`` is the fully qualified ``Parent:Child``). A class is both the
  dimension and the value a line is tagged with, so each category has exactly one option, the
  class itself, with the class's own id (category and option named ``Parent:Child``, the name
  lines' ``ClassRef`` carry). Remote ids: a Class keeps its id, a Department is
  ``Department:<Id>`` (their ids overlap). Line items refer to them the same way (see
  ``mappers.py``: ``ClassRef`` on the line, the document's ``DepartmentRef`` on each line);
- ``company_info_from_qbo(company_info, preferences)``: CompanyInfo (names, country,
  ``CompanyAddr`` (else ``LegalAddr``) as the BILLING address, phone, email) + Preferences
  (``CurrencyPrefs.HomeCurrency``, ``AccountingInfoPrefs.FirstMonthOfFiscalYear``). The fiscal
  year ends on the last day of the month before its first month (February: the 28th).

Writing (unified write input or record → QuickBooks body): ``account_to_qbo`` and
``item_to_qbo``. A create sends the fields set; an update (``remote_id`` and ``sync_token``
given) is a sparse update (``"sparse": true``: only the fields set change). Fields QuickBooks
cannot hold are refused with ``ValidationFailed`` rather than dropped.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from unified_models import (
    Account,
    AccountClassification,
    AccountStatus,
    AccountType,
    AddressType,
    CompanyInfo,
    Item,
    ItemStatus,
    ItemType,
    PhoneNumberType,
    TaxRate,
    TaxRateAppliesTo,
    TaxRateStatus,
    TrackingCategory,
    TrackingCategoryStatus,
)

from ..errors import ValidationFailed
from . import ids
from .mappers import _address, _dec, _ref, _s, _updated

__all__ = [
    "ACCOUNT_TYPES",
    "account_from_qbo",
    "account_to_qbo",
    "class_from_qbo",
    "company_info_from_qbo",
    "department_from_qbo",
    "item_from_qbo",
    "item_to_qbo",
    "tax_rate_from_qbo",
]

CLASSIFICATIONS = {
    "Asset": AccountClassification.ASSET,
    "Liability": AccountClassification.LIABILITY,
    "Equity": AccountClassification.EQUITY,
    "Revenue": AccountClassification.REVENUE,
    "Expense": AccountClassification.EXPENSE,
}

#: QuickBooks AccountType → unified type (``SUB_TYPES`` first: a few sub-types are finer).
ACCOUNT_TYPES = {
    "Bank": AccountType.BANK,
    "Credit Card": AccountType.CREDIT_CARD,
    "Accounts Receivable": AccountType.ACCOUNTS_RECEIVABLE,
    "Other Current Asset": AccountType.CURRENT_ASSET,
    "Fixed Asset": AccountType.FIXED_ASSET,
    "Other Asset": AccountType.NON_CURRENT_ASSET,
    "Accounts Payable": AccountType.ACCOUNTS_PAYABLE,
    "Other Current Liability": AccountType.CURRENT_LIABILITY,
    "Long Term Liability": AccountType.NON_CURRENT_LIABILITY,
    "Equity": AccountType.EQUITY,
    "Income": AccountType.REVENUE,
    "Other Income": AccountType.OTHER_INCOME,
    "Cost of Goods Sold": AccountType.COST_OF_SALES,
    "Expense": AccountType.EXPENSE,
    "Other Expense": AccountType.OTHER_EXPENSE,
}
SUB_TYPES = {
    "Inventory": AccountType.INVENTORY,
    "PrepaidExpenses": AccountType.PREPAYMENT,
    "SalesOfProductIncome": AccountType.SALES,
    "Depreciation": AccountType.DEPRECIATION,
}

#: Unified type → (QuickBooks AccountType, AccountSubType or None: QuickBooks' default).
ACCOUNT_TYPES_OUT: dict[AccountType, tuple[str, str | None]] = {
    AccountType.BANK: ("Bank", None),
    AccountType.CREDIT_CARD: ("Credit Card", None),
    AccountType.ACCOUNTS_RECEIVABLE: ("Accounts Receivable", None),
    AccountType.CURRENT_ASSET: ("Other Current Asset", None),
    AccountType.INVENTORY: ("Other Current Asset", "Inventory"),
    AccountType.PREPAYMENT: ("Other Current Asset", "PrepaidExpenses"),
    AccountType.FIXED_ASSET: ("Fixed Asset", None),
    AccountType.NON_CURRENT_ASSET: ("Other Asset", None),
    AccountType.ACCOUNTS_PAYABLE: ("Accounts Payable", None),
    AccountType.CURRENT_LIABILITY: ("Other Current Liability", None),
    AccountType.LIABILITY: ("Other Current Liability", None),
    AccountType.NON_CURRENT_LIABILITY: ("Long Term Liability", None),
    AccountType.EQUITY: ("Equity", None),
    AccountType.SALES: ("Income", "SalesOfProductIncome"),
    AccountType.REVENUE: ("Income", None),
    AccountType.OTHER_INCOME: ("Other Income", None),
    AccountType.COST_OF_SALES: ("Cost of Goods Sold", None),
    AccountType.EXPENSE: ("Expense", None),
    AccountType.DEPRECIATION: ("Other Expense", "Depreciation"),
    AccountType.OTHER_EXPENSE: ("Other Expense", None),
}

ITEM_TYPES = {
    "Inventory": ItemType.INVENTORY,
    "NonInventory": ItemType.NON_INVENTORY,
    "Service": ItemType.SERVICE,
}
ITEM_TYPES_OUT = {v: k for k, v in ITEM_TYPES.items()}

MONTHS = {name: n for n, name in enumerate(calendar.month_name) if name}


def _active(raw: Mapping[str, Any]) -> bool:
    return raw.get("Active") is not False


def _common(raw: Mapping[str, Any], remote_id: str | None) -> dict[str, Any]:
    return {
        "remote_id": remote_id,
        "remote_updated_at": _updated(raw),
        "remote_was_deleted": False,
        "remote_data": dict(raw),
    }


# -- accounts ------------------------------------------------------------------------------------
def account_type(raw: Mapping[str, Any]) -> AccountType:
    """The unified type of a QuickBooks account (OTHER for a type this table does not know)."""
    return SUB_TYPES.get(raw.get("AccountSubType") or "") or ACCOUNT_TYPES.get(
        raw.get("AccountType") or "", AccountType.OTHER
    )


def account_from_qbo(raw: Mapping[str, Any]) -> Account:
    return Account.model_validate(
        {
            **_common(raw, ids.remote_id(ids.ACCOUNT, raw["Id"])),
            "name": _s(raw.get("Name")),
            "code": _s(raw.get("AcctNum")),
            "description": _s(raw.get("Description")),
            "classification": CLASSIFICATIONS.get(raw.get("Classification") or ""),
            "type": account_type(raw),
            "type_raw": _s(raw.get("AccountType")),
            "sub_type_raw": _s(raw.get("AccountSubType")),
            "status": AccountStatus.ACTIVE if _active(raw) else AccountStatus.ARCHIVED,
            "status_raw": None,
            "currency": _ref(raw, "CurrencyRef"),
            "tax_rate_remote_id": _ref(raw, "TaxCodeRef"),
            "parent_account_remote_id": _ref(raw, "ParentRef") if raw.get("SubAccount") else None,
        }
    )


def _values(data: Any) -> dict[str, Any]:
    """Fields to write: what the caller set on an input, every field of a record."""
    if hasattr(data, "changes"):
        return data.changes()
    return {name: getattr(data, name) for name in type(data).model_fields}


def _refuse(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": field, "message": message}])


def _update_header(remote_id: str | None, sync_token: str | None) -> dict[str, Any]:
    if remote_id is None:
        return {}
    if sync_token is None:
        raise ValueError("an update needs the record's SyncToken")
    return {"Id": remote_id, "SyncToken": sync_token, "sparse": True}


def account_to_qbo(
    data: Any, *, remote_id: str | None = None, sync_token: str | None = None
) -> dict[str, Any]:
    """A unified account (input or record) as a QuickBooks Account body."""
    values = _values(data)
    out = _update_header(remote_id, sync_token)
    if values.get("bank_account_number") is not None:
        raise _refuse("bank_account_number", "QuickBooks does not store bank account numbers")
    simple = (("name", "Name"), ("code", "AcctNum"), ("description", "Description"))
    for field, key in simple:
        if field in values:
            out[key] = values[field]
    if values.get("type") is not None:
        kind = AccountType(values["type"])
        if kind not in ACCOUNT_TYPES_OUT:
            raise _refuse("type", f"QuickBooks has no account type for {kind.value}")
        out["AccountType"], sub_type = ACCOUNT_TYPES_OUT[kind]
        if sub_type:
            out["AccountSubType"] = sub_type
    if values.get("status") is not None:
        out["Active"] = AccountStatus(values["status"]) is AccountStatus.ACTIVE
    if values.get("currency") is not None:
        out["CurrencyRef"] = {"value": values["currency"]}
    if "tax_rate_remote_id" in values:
        out["TaxCodeRef"] = (
            {"value": values["tax_rate_remote_id"]} if values["tax_rate_remote_id"] else None
        )
    if "parent_account_remote_id" in values:
        parent = values["parent_account_remote_id"]
        out["SubAccount"] = parent is not None
        out["ParentRef"] = {"value": parent} if parent else None
    return out


# -- items ---------------------------------------------------------------------------------------
def item_from_qbo(raw: Mapping[str, Any]) -> Item:
    tracked = bool(raw.get("TrackQtyOnHand"))
    return Item.model_validate(
        {
            **_common(raw, ids.remote_id(ids.ITEM, raw["Id"])),
            "code": _s(raw.get("Sku")),
            "name": _s(raw.get("Name")),
            "description": _s(raw.get("Description")),
            "purchase_description": _s(raw.get("PurchaseDesc")),
            "type": ITEM_TYPES.get(raw.get("Type") or ""),
            "status": ItemStatus.ACTIVE if _active(raw) else ItemStatus.ARCHIVED,
            "status_raw": None,
            "is_sold": _ref(raw, "IncomeAccountRef") is not None,
            "is_purchased": _ref(raw, "ExpenseAccountRef") is not None,
            "is_tracked_as_inventory": tracked,
            "quantity_on_hand": _dec(raw.get("QtyOnHand")) if tracked else None,
            # Unit prices keep QuickBooks' precision (they are not amounts in currency units).
            "sale_unit_price": _dec(raw.get("UnitPrice")),
            "sale_account_remote_id": _ref(raw, "IncomeAccountRef"),
            "sale_tax_rate_remote_id": _ref(raw, "SalesTaxCodeRef"),
            "purchase_unit_price": _dec(raw.get("PurchaseCost")),
            "purchase_account_remote_id": _ref(raw, "ExpenseAccountRef"),
            "purchase_tax_rate_remote_id": _ref(raw, "PurchaseTaxCodeRef"),
            "inventory_asset_account_remote_id": _ref(raw, "AssetAccountRef"),
        }
    )


_ITEM_REFS = (
    ("sale_account_remote_id", "IncomeAccountRef"),
    ("sale_tax_rate_remote_id", "SalesTaxCodeRef"),
    ("purchase_account_remote_id", "ExpenseAccountRef"),
    ("purchase_tax_rate_remote_id", "PurchaseTaxCodeRef"),
    ("inventory_asset_account_remote_id", "AssetAccountRef"),
)
_ITEM_FIELDS = (
    ("name", "Name"),
    ("code", "Sku"),
    ("description", "Description"),
    ("purchase_description", "PurchaseDesc"),
    ("sale_unit_price", "UnitPrice"),
    ("purchase_unit_price", "PurchaseCost"),
)


def item_to_qbo(
    data: Any,
    *,
    remote_id: str | None = None,
    sync_token: str | None = None,
    inventory_start: date | None = None,
) -> dict[str, Any]:
    """A unified item (input or record) as a QuickBooks Item body. A new INVENTORY item starts
    tracked with nothing on hand from ``inventory_start`` (QuickBooks requires both)."""
    values = _values(data)
    out = _update_header(remote_id, sync_token)
    for field in ("sale_account_code", "purchase_account_code", "inventory_asset_account_code"):
        if values.get(field):
            raise _refuse(field, "QuickBooks refers to accounts by id: use the account instead")
    for field, key in _ITEM_FIELDS:
        if field in values:
            out[key] = values[field]
    for field, key in _ITEM_REFS:
        if field in values:
            out[key] = {"value": values[field]} if values[field] else None
    if values.get("type") is not None:
        kind = ItemType(values["type"])
        out["Type"] = ITEM_TYPES_OUT[kind]
        if kind is ItemType.INVENTORY and remote_id is None:
            if inventory_start is None:
                raise ValueError("a new inventory item needs inventory_start")
            out["TrackQtyOnHand"] = True
            out["QtyOnHand"] = 0
            out["InvStartDate"] = inventory_start.isoformat()
    if values.get("status") is not None:
        out["Active"] = ItemStatus(values["status"]) is ItemStatus.ACTIVE
    return out


# -- tax -----------------------------------------------------------------------------------------
def _components(
    code: Mapping[str, Any],
    key: str,
    applies_to: TaxRateAppliesTo,
    rates: Mapping[str, Mapping[str, Any]],
) -> list[dict[str, Any]]:
    holder = code.get(key)
    details = holder.get("TaxRateDetail") if isinstance(holder, Mapping) else None
    out = []
    for detail in sorted(details or (), key=lambda d: d.get("TaxOrder") or 0):
        rate_id = _ref(detail, "TaxRateRef")
        rate = rates.get(rate_id or "") or {}
        name = detail.get("TaxRateRef", {}).get("name") if rate_id else None
        out.append(
            {
                "remote_id": rate_id,
                "name": _s(name) or _s(rate.get("Name")),
                "rate": _dec(rate.get("RateValue")),
                "is_compound": detail.get("TaxTypeApplicable") == "TaxOnTax",
                "applies_to": applies_to,
            }
        )
    return out


def _effective(components: list[dict[str, Any]]) -> Decimal | None:
    """Percent actually charged: ``TaxOnTax`` components apply to the amount plus the taxes
    before them."""
    if not components or any(c["rate"] is None for c in components):
        return None
    total = Decimal(0)
    for c in components:
        total += c["rate"] * (1 + total / 100) if c["is_compound"] else c["rate"]
    return total


def tax_rate_from_qbo(
    code: Mapping[str, Any], rates: Mapping[str, Mapping[str, Any]] | None = None
) -> TaxRate:
    """One TaxCode with its TaxRates' values (``rates``: TaxRate Id → TaxRate object)."""
    rates = rates or {}
    sales = _components(code, "SalesTaxRateList", TaxRateAppliesTo.SALES, rates)
    purchases = _components(code, "PurchaseTaxRateList", TaxRateAppliesTo.PURCHASES, rates)
    side = sales or purchases
    known = [c["rate"] for c in side if c["rate"] is not None]
    return TaxRate.model_validate(
        {
            **_common(code, ids.remote_id(ids.TAX_CODE, code["Id"])),
            "name": _s(code.get("Name")),
            "code": None,
            "description": _s(code.get("Description")),
            "effective_tax_rate": _effective(side),
            "total_tax_rate": sum(known, Decimal(0)) if side and len(known) == len(side) else None,
            "components": sales + purchases,
            "status": TaxRateStatus.ACTIVE if _active(code) else TaxRateStatus.ARCHIVED,
            "status_raw": None,
            "applies_to": [
                side
                for side, rows in (
                    (TaxRateAppliesTo.SALES, sales),
                    (TaxRateAppliesTo.PURCHASES, purchases),
                )
                if rows
            ],
        }
    )


# -- classes and departments ---------------------------------------------------------------------
def _category(raw: Mapping[str, Any], prefix: str) -> TrackingCategory:
    status = TrackingCategoryStatus.ACTIVE if _active(raw) else TrackingCategoryStatus.ARCHIVED
    name = _s(raw.get("FullyQualifiedName")) or _s(raw.get("Name"))
    return TrackingCategory.model_validate(
        {
            **_common(raw, ids.remote_id(prefix, raw["Id"])),
            "name": name,
            "status": status,
            "status_raw": None,
            "options": [{"remote_id": str(raw["Id"]), "name": name, "status": status}],
        }
    )


def class_from_qbo(raw: Mapping[str, Any]) -> TrackingCategory:
    return _category(raw, ids.CLASS)


def department_from_qbo(raw: Mapping[str, Any]) -> TrackingCategory:
    return _category(raw, ids.DEPARTMENT)


# -- company -------------------------------------------------------------------------------------
def _fiscal_year_end(first_month: Any) -> tuple[int | None, int | None]:
    start = MONTHS.get(str(first_month or "").strip().capitalize())
    if start is None:
        return None, None
    end = 12 if start == 1 else start - 1
    return end, calendar.monthrange(2001, end)[1]  # a common year: February ends on the 28th


def company_info_from_qbo(
    info: Mapping[str, Any], preferences: Mapping[str, Any] | None = None
) -> CompanyInfo:
    """CompanyInfo, with the home currency and fiscal year from ``preferences``."""
    prefs = preferences or {}
    accounting = prefs.get("AccountingInfoPrefs") or {}
    first_month = accounting.get("FirstMonthOfFiscalYear") or info.get("FiscalYearStartMonth")
    end_month, end_day = _fiscal_year_end(first_month)
    address = _address(info.get("CompanyAddr") or info.get("LegalAddr"), AddressType.BILLING)
    phone = info.get("PrimaryPhone")
    number = _s(phone.get("FreeFormNumber")) if isinstance(phone, Mapping) else None
    email = info.get("Email")
    return CompanyInfo.model_validate(
        {
            **_common(info, _s(info.get("Id")) or "1"),
            "legal_name": _s(info.get("LegalName")) or _s(info.get("CompanyName")),
            "name": _s(info.get("CompanyName")),
            "currency": _ref(prefs.get("CurrencyPrefs"), "HomeCurrency"),
            "country": _s(info.get("Country")),
            "tax_number": None,
            "fiscal_year_end_month": end_month,
            "fiscal_year_end_day": end_day,
            "timezone": None,
            "addresses": [address] if address else [],
            "phone_numbers": [{"type": PhoneNumberType.DEFAULT, "number": number}]
            if number
            else [],
            "email_address": _s(email.get("Address")) if isinstance(email, Mapping) else None,
            "organisation_type": None,
            "status_raw": None,
        }
    )
