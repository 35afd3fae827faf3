"""Pure mapping functions for Xero's reference data (issue 14), both ways.

Reading: ``account_from_xero``, ``tax_rate_from_xero``, ``item_from_xero``,
``tracking_category_from_xero``, ``company_info_from_xero`` take one Xero record (decoded with
``parse_float=Decimal``) and return the unified record with ``remote_data`` set to it.
Writing: ``account_to_xero`` and ``item_to_xero`` take a unified write input (only the fields
set are sent) or a full unified record.

Choices (documented for users):
- Tax rates: Xero has no tax rate id; its ``TaxType`` code (``OUTPUT2``) is the ``remote_id``
  and the ``code``, and is what accounts, items and line items carry as ``tax_rate_remote_id``.
  ``effective_tax_rate`` is ``EffectiveRate``, ``total_tax_rate`` ``DisplayTaxRate``;
  ``applies_to`` holds SALES when ``CanApplyToRevenue`` and PURCHASES when
  ``CanApplyToExpenses``. PENDING rates have ``status=None`` (``status_raw`` says PENDING).
- Accounts: ``type`` comes from ``Type`` (kept in ``type_raw``), refined by ``SystemAccount``
  (DEBTORS → ACCOUNTS_RECEIVABLE, CREDITORS → ACCOUNTS_PAYABLE) and, for bank accounts, by
  ``BankAccountType`` (CREDITCARD → CREDIT_CARD; kept in ``sub_type_raw``). OVERHEADS and
  EXPENSE are both EXPENSE, PAYG is CURRENT_LIABILITY. Xero has no sub-accounts.
- Items: Xero refers to accounts by code only, so items carry ``*_account_code``; the connector
  reads the chart of accounts beside them (a companion read) so each code's ``AccountID`` is
  the ``*_account_remote_id`` too (None for a code no account has). A tracked item's cost of
  goods sold account (``COGSAccountCode``) is its ``purchase_account_code``. ``type`` is
  INVENTORY for tracked items and None otherwise (Xero does not tell services from other
  items); Xero items have no status.
- Tracking categories: DELETED categories → ``remote_was_deleted``; options keep their own
  ``TrackingOptionID`` as ``remote_id``, which line items carry as ``option_remote_id``.
- Company info: ``Name`` is the trading name, ``LegalName`` the legal one; ``BaseCurrency`` →
  ``currency``, ``CountryCode`` → ``country``; organisation phones of type OFFICE → DEFAULT.
- DELETED (accounts, tax rates, categories) → ``remote_was_deleted=True`` with ``status=None``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from unified_models import (
    Account,
    AccountClassification,
    AccountInput,
    AccountStatus,
    AccountType,
    CompanyInfo,
    Item,
    ItemInput,
    ItemType,
    PhoneNumber,
    TaxRate,
    TaxRateAppliesTo,
    TaxRateStatus,
    TrackingCategory,
    TrackingCategoryStatus,
)

from ..errors import ValidationFailed
from .dates import format_ms_date, parse_datetime
from .mappers import PHONE_TYPES, _address_from_xero, _put, _s, _values

__all__ = [
    "account_from_xero",
    "account_to_xero",
    "company_info_from_xero",
    "item_from_xero",
    "item_to_xero",
    "tax_rate_from_xero",
    "tracking_category_from_xero",
]

# -- code tables ---------------------------------------------------------------------------------
ACCOUNT_TYPES = {
    "BANK": AccountType.BANK,
    "CURRENT": AccountType.CURRENT_ASSET,
    "CURRLIAB": AccountType.CURRENT_LIABILITY,
    "DEPRECIATN": AccountType.DEPRECIATION,
    "DIRECTCOSTS": AccountType.COST_OF_SALES,
    "EQUITY": AccountType.EQUITY,
    "EXPENSE": AccountType.EXPENSE,
    "FIXED": AccountType.FIXED_ASSET,
    "INVENTORY": AccountType.INVENTORY,
    "LIABILITY": AccountType.LIABILITY,
    "NONCURRENT": AccountType.NON_CURRENT_ASSET,
    "OTHERINCOME": AccountType.OTHER_INCOME,
    "OVERHEADS": AccountType.EXPENSE,
    "PAYG": AccountType.CURRENT_LIABILITY,
    "PREPAYMENT": AccountType.PREPAYMENT,
    "REVENUE": AccountType.REVENUE,
    "SALES": AccountType.SALES,
    "TERMLIAB": AccountType.NON_CURRENT_LIABILITY,
}
#: SystemAccount values that make an account one of the unified types Xero has no Type for.
SYSTEM_ACCOUNT_TYPES = {
    "DEBTORS": AccountType.ACCOUNTS_RECEIVABLE,
    "CREDITORS": AccountType.ACCOUNTS_PAYABLE,
}
BANK_ACCOUNT_TYPES = {"CREDITCARD": AccountType.CREDIT_CARD}

#: Unified type → (Xero Type, BankAccountType). Receivable and payable accounts are Xero's own
#: system accounts: they cannot be created or given to another account.
ACCOUNT_TYPES_OUT: dict[AccountType, tuple[str, str | None]] = {
    AccountType.BANK: ("BANK", "BANK"),
    AccountType.CREDIT_CARD: ("BANK", "CREDITCARD"),
    AccountType.CURRENT_ASSET: ("CURRENT", None),
    AccountType.INVENTORY: ("INVENTORY", None),
    AccountType.PREPAYMENT: ("PREPAYMENT", None),
    AccountType.FIXED_ASSET: ("FIXED", None),
    AccountType.NON_CURRENT_ASSET: ("NONCURRENT", None),
    AccountType.CURRENT_LIABILITY: ("CURRLIAB", None),
    AccountType.NON_CURRENT_LIABILITY: ("TERMLIAB", None),
    AccountType.LIABILITY: ("LIABILITY", None),
    AccountType.EQUITY: ("EQUITY", None),
    AccountType.SALES: ("SALES", None),
    AccountType.REVENUE: ("REVENUE", None),
    AccountType.OTHER_INCOME: ("OTHERINCOME", None),
    AccountType.COST_OF_SALES: ("DIRECTCOSTS", None),
    AccountType.EXPENSE: ("EXPENSE", None),
    AccountType.OTHER_EXPENSE: ("EXPENSE", None),
    AccountType.DEPRECIATION: ("DEPRECIATN", None),
}

ACCOUNT_STATUSES = {"ACTIVE": AccountStatus.ACTIVE, "ARCHIVED": AccountStatus.ARCHIVED}
ACCOUNT_STATUSES_OUT = {v: k for k, v in ACCOUNT_STATUSES.items()}

TAX_RATE_STATUSES = {"ACTIVE": TaxRateStatus.ACTIVE, "ARCHIVED": TaxRateStatus.ARCHIVED}

TRACKING_STATUSES = {
    "ACTIVE": TrackingCategoryStatus.ACTIVE,
    "ARCHIVED": TrackingCategoryStatus.ARCHIVED,
}

#: Organisation phones use OFFICE for their main number.
ORGANISATION_PHONE_TYPES = {**PHONE_TYPES, "OFFICE": PHONE_TYPES["DEFAULT"]}


# -- Xero → unified ------------------------------------------------------------------------------
def _deleted(status_raw: Any) -> bool:
    return status_raw == "DELETED"


def account_type(raw: Mapping[str, Any]) -> AccountType | None:
    """The unified type of a Xero account (None when it has no Type)."""
    xero_type = _s(raw.get("Type"))
    if xero_type is None:
        return None
    system = SYSTEM_ACCOUNT_TYPES.get(raw.get("SystemAccount") or "")
    if system is not None:
        return system
    if xero_type == "BANK":
        return BANK_ACCOUNT_TYPES.get(raw.get("BankAccountType") or "", AccountType.BANK)
    return ACCOUNT_TYPES.get(xero_type, AccountType.OTHER)


def account_from_xero(raw: Mapping[str, Any]) -> Account:
    status_raw = raw.get("Status")
    klass = _s(raw.get("Class"))
    is_bank = raw.get("Type") == "BANK"
    return Account(
        remote_id=raw["AccountID"],
        remote_updated_at=parse_datetime(raw.get("UpdatedDateUTC")),
        remote_was_deleted=_deleted(status_raw),
        remote_data=dict(raw),
        name=_s(raw.get("Name")),
        code=_s(raw.get("Code")),
        description=_s(raw.get("Description")),
        classification=AccountClassification(klass) if klass else None,
        type=account_type(raw),
        type_raw=_s(raw.get("Type")),
        sub_type_raw=_s(raw.get("BankAccountType")) if is_bank else None,
        status=ACCOUNT_STATUSES.get(status_raw or ""),
        status_raw=status_raw,
        currency=_s(raw.get("CurrencyCode")),
        tax_rate_remote_id=_s(raw.get("TaxType")),
        bank_account_number=_s(raw.get("BankAccountNumber")),
    )


def tax_rate_from_xero(raw: Mapping[str, Any]) -> TaxRate:
    status_raw = raw.get("Status")
    applies_to = []
    if raw.get("CanApplyToRevenue"):
        applies_to.append(TaxRateAppliesTo.SALES)
    if raw.get("CanApplyToExpenses"):
        applies_to.append(TaxRateAppliesTo.PURCHASES)
    return TaxRate.model_validate(
        {
            "remote_id": raw["TaxType"],
            "remote_was_deleted": _deleted(status_raw),
            "remote_data": dict(raw),
            "name": _s(raw.get("Name")),
            "code": raw["TaxType"],
            "effective_tax_rate": raw.get("EffectiveRate"),
            "total_tax_rate": raw.get("DisplayTaxRate"),
            "components": [
                {
                    "name": _s(c.get("Name")),
                    "rate": c.get("Rate"),
                    "is_compound": bool(c.get("IsCompound")),
                    "is_non_recoverable": bool(c.get("IsNonRecoverable")),
                }
                for c in raw.get("TaxComponents") or ()
            ],
            "status": TAX_RATE_STATUSES.get(status_raw or ""),
            "status_raw": status_raw,
            "applies_to": applies_to,
        }
    )


def item_from_xero(raw: Mapping[str, Any], accounts: Any = None) -> Item:
    """``accounts``: Xero's Accounts (a list of records), to give each account code its
    AccountID; without them the ``*_account_remote_id`` stay None."""
    sales = raw.get("SalesDetails") or {}
    purchases = raw.get("PurchaseDetails") or {}
    tracked = bool(raw.get("IsTrackedAsInventory"))
    ids = {
        str(a["Code"]): str(a["AccountID"])
        for a in accounts or ()
        if isinstance(a, Mapping) and a.get("Code") and a.get("AccountID")
    }
    sale_code = _s(sales.get("AccountCode"))
    purchase_code = _s(purchases.get("COGSAccountCode")) or _s(purchases.get("AccountCode"))
    inventory_code = _s(raw.get("InventoryAssetAccountCode"))
    return Item.model_validate(
        {
            "remote_id": raw["ItemID"],
            "remote_updated_at": parse_datetime(raw.get("UpdatedDateUTC")),
            "remote_data": dict(raw),
            "code": _s(raw.get("Code")),
            "name": _s(raw.get("Name")),
            "description": _s(raw.get("Description")),
            "purchase_description": _s(raw.get("PurchaseDescription")),
            "type": ItemType.INVENTORY if tracked else None,
            "is_sold": raw.get("IsSold"),
            "is_purchased": raw.get("IsPurchased"),
            "is_tracked_as_inventory": tracked,
            "quantity_on_hand": raw.get("QuantityOnHand") if tracked else None,
            "sale_unit_price": sales.get("UnitPrice"),
            "sale_account_code": sale_code,
            "sale_account_remote_id": ids.get(sale_code or ""),
            "sale_tax_rate_remote_id": _s(sales.get("TaxType")),
            "purchase_unit_price": purchases.get("UnitPrice"),
            "purchase_account_code": purchase_code,
            "purchase_account_remote_id": ids.get(purchase_code or ""),
            "purchase_tax_rate_remote_id": _s(purchases.get("TaxType")),
            "inventory_asset_account_code": inventory_code,
            "inventory_asset_account_remote_id": ids.get(inventory_code or ""),
        }
    )


def tracking_category_from_xero(raw: Mapping[str, Any]) -> TrackingCategory:
    status_raw = raw.get("Status")
    return TrackingCategory.model_validate(
        {
            "remote_id": raw["TrackingCategoryID"],
            "remote_was_deleted": _deleted(status_raw),
            "remote_data": dict(raw),
            "name": _s(raw.get("Name")),
            "status": TRACKING_STATUSES.get(status_raw or ""),
            "status_raw": status_raw,
            "options": [
                {
                    "remote_id": o["TrackingOptionID"],
                    "name": _s(o.get("Name")),
                    "status": TRACKING_STATUSES.get(o.get("Status") or ""),
                    "status_raw": o.get("Status"),
                }
                for o in raw.get("Options") or ()
                if o.get("TrackingOptionID")
            ],
        }
    )


def _organisation_phone(row: Mapping[str, Any]) -> PhoneNumber | None:
    kind = ORGANISATION_PHONE_TYPES.get(row.get("PhoneType") or "")
    number = _s(row.get("PhoneNumber"))
    if kind is None or number is None:
        return None
    return PhoneNumber(
        type=kind,
        number=number,
        area_code=_s(row.get("PhoneAreaCode")),
        country_code=_s(row.get("PhoneCountryCode")),
    )


def company_info_from_xero(raw: Mapping[str, Any]) -> CompanyInfo:
    addresses = [_address_from_xero(a) for a in raw.get("Addresses") or ()]
    phones = [_organisation_phone(p) for p in raw.get("Phones") or ()]
    return CompanyInfo(
        remote_id=raw["OrganisationID"],
        remote_data=dict(raw),
        legal_name=_s(raw.get("LegalName")),
        name=_s(raw.get("Name")),
        currency=_s(raw.get("BaseCurrency")),
        country=_s(raw.get("CountryCode")),
        tax_number=_s(raw.get("TaxNumber")),
        fiscal_year_end_month=raw.get("FinancialYearEndMonth"),
        fiscal_year_end_day=raw.get("FinancialYearEndDay"),
        timezone=_s(raw.get("Timezone")),
        addresses=[a for a in addresses if a is not None],
        phone_numbers=[p for p in phones if p is not None],
        organisation_type=_s(raw.get("OrganisationType")),
        status_raw=raw.get("OrganisationStatus"),
    )


# -- unified → Xero ------------------------------------------------------------------------------
_ACCOUNT_OUT = (
    ("name", "Name"),
    ("code", "Code"),
    ("description", "Description"),
    ("currency", "CurrencyCode"),
    ("tax_rate_remote_id", "TaxType"),
    ("bank_account_number", "BankAccountNumber"),
)


def account_to_xero(data: AccountInput | Account, *, remote_id: str | None = None) -> dict:
    """An account write body. Raises ValidationFailed for a type Xero cannot give an account
    (receivable and payable accounts are Xero's own system accounts)."""
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "AccountID", remote_id or v.get("remote_id"))
    for field, key in _ACCOUNT_OUT:
        if field in v:
            _put(out, key, v[field])
    if isinstance(data, Account) and data.type_raw:
        out["Type"] = data.type_raw  # a record keeps Xero's own, more precise, value
        _put(out, "BankAccountType", data.sub_type_raw)
    elif v.get("type") is not None:
        out["Type"], bank_type = _account_type_out(v["type"])
        _put(out, "BankAccountType", bank_type)
    if v.get("status") is not None:
        out["Status"] = ACCOUNT_STATUSES_OUT[v["status"]]
    if isinstance(data, Account):
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
    return out


def _account_type_out(unified: AccountType) -> tuple[str, str | None]:
    mapped = ACCOUNT_TYPES_OUT.get(unified)
    if mapped is None:
        raise ValidationFailed(
            "account type not supported by Xero",
            details=[
                {
                    "field": "type",
                    "message": f"Xero cannot give an account the type {unified.value}: "
                    "receivable and payable accounts are its own system accounts.",
                }
            ],
        )
    return mapped


#: (unified prefix, Xero details key) for the two sides of an item.
_ITEM_SIDES = (("sale", "SalesDetails"), ("purchase", "PurchaseDetails"))
_ITEM_OUT = (
    ("code", "Code"),
    ("name", "Name"),
    ("description", "Description"),
    ("purchase_description", "PurchaseDescription"),
    ("is_sold", "IsSold"),
    ("is_purchased", "IsPurchased"),
    ("inventory_asset_account_code", "InventoryAssetAccountCode"),
)


def item_to_xero(
    data: ItemInput | Item,
    *,
    remote_id: str | None = None,
    current: Mapping[str, Any] | None = None,
) -> dict:
    """An item write body. Xero replaces ``SalesDetails``/``PurchaseDetails`` whole, so a
    partial change is merged into ``current`` (the item as Xero holds it) when given. A tracked
    item's purchase account is sent as ``COGSAccountCode``. Accounts go by code: a caller's
    ``*_account_remote_id`` must have been resolved to ``*_account_code`` before."""
    v = _values(data)
    out: dict[str, Any] = {}
    _put(out, "ItemID", remote_id or v.get("remote_id"))
    for field, key in _ITEM_OUT:
        if field in v:
            _put(out, key, v[field])
    current = current or {}
    tracked = bool(
        v.get("inventory_asset_account_code")
        if "inventory_asset_account_code" in v
        else current.get("InventoryAssetAccountCode")
    )
    for prefix, key in _ITEM_SIDES:
        fields = {
            "UnitPrice": f"{prefix}_unit_price",
            "AccountCode": f"{prefix}_account_code",
            "TaxType": f"{prefix}_tax_rate_remote_id",
        }
        if not any(name in v for name in fields.values()):
            continue
        details = dict(current.get(key) or {})
        for xero_key, field in fields.items():
            if field in v:
                details[xero_key] = v[field]
        if prefix == "purchase" and tracked and "AccountCode" in details:
            details["COGSAccountCode"] = details.pop("AccountCode")
        out[key] = {k: val for k, val in details.items() if val is not None}
    if isinstance(data, Item):
        _put(
            out, "UpdatedDateUTC", data.remote_updated_at and format_ms_date(data.remote_updated_at)
        )
    return out
