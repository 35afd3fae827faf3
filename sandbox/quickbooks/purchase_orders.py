"""``PurchaseOrder``: each company's seeded orders, and the checks ``POST /purchaseorder``
makes (create, or update with the current ``SyncToken``, sparse or full: see ``writes.py``).

Seed (after the rest of the books, so no other id or timestamp moves): in each company an
Open order with item lines, an Open order with account lines, a Closed order a bill took over
(``LinkedTxn`` Bill) and one closed by hand; the US company also an Open order in CAD to a
Canadian vendor (added as vendor 7 for it), with its ``ExchangeRate``.

Checks, as Intuit answers them (``ValidationFault``):

- 2020 required: ``VendorRef``, ``Line`` (at least one), each line's ``Amount`` and
  ``DetailType``; an item line's ``ItemRef``, an account line's ``AccountRef``;
- 2500 invalid reference: a ``VendorRef`` to no active vendor, an ``ItemRef``, ``AccountRef``,
  ``TaxCodeRef`` or ``APAccountRef`` to nothing;
- 2170 invalid enumeration: ``POStatus`` other than Open/Closed, a ``DetailType`` other than
  ItemBasedExpenseLineDetail/AccountBasedExpenseLineDetail;
- 6070 ``Amount`` ≠ ``UnitPrice`` x ``Qty`` on an item line;
- 6000 business validation: ``CurrencyRef`` other than the vendor's currency.

QuickBooks fills ``TotalAmt`` (lines plus tax: UK VAT from the line's tax code, none on US
orders), ``TxnTaxDetail``, ``DocNumber`` (next number when none is given), line ``Id`` and
``LineNum``, names on references, ``APAccountRef`` (A/P), ``CurrencyRef`` and ``ExchangeRate``
(1 in the home currency), ``POStatus`` (Open) and ``EmailStatus``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .faults import fault as _fault
from .faults import missing as _missing
from .seed import CENT, Company, money, ref, stamp
from .store import Store

ITEM_LINE = "ItemBasedExpenseLineDetail"
ACCOUNT_LINE = "AccountBasedExpenseLineDetail"
STATUSES = ("Open", "Closed")
PAYABLE = ("33", "Accounts Payable (A/P)")
#: Rates the sandbox uses when an order in a foreign currency gives none (home per foreign).
RATES = {"CAD": Decimal("0.7412"), "EUR": Decimal("1.0820"), "USD": Decimal("0.7900")}
#: US pseudo tax codes (not TaxCode records).
US_CODES = ("TAX", "NON")


def _invalid(what: str, value: Any, element: str) -> Exception:
    return _fault(
        "2500",
        "Invalid Reference Id",
        f"Invalid Reference Id : {what} element id {value} not found",
        element,
    )


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _vat_percent(store: Store, realm: str, code_id: str) -> Decimal:
    code = store.doc(realm, "TaxCode", code_id)
    rates = ((code or {}).get("PurchaseTaxRateList") or {}).get("TaxRateDetail") or []
    total = Decimal(0)
    for detail in rates:
        rate = store.doc(realm, "TaxRate", str(detail["TaxRateRef"]["value"]))
        total += _dec((rate or {}).get("RateValue") or 0)
    return total


def check(store: Store, realm: str, doc: dict[str, Any], company: Company) -> None:
    """Validate and complete ``doc`` (mutated) as QuickBooks does; raise ``WriteFault``."""
    vendor_id = (doc.get("VendorRef") or {}).get("value")
    if not vendor_id:
        raise _missing("VendorRef")
    vendor = store.doc(realm, "Vendor", str(vendor_id))
    if vendor is None or vendor.get("Active") is False:
        raise _invalid("Vendor", vendor_id, "VendorRef")
    doc["VendorRef"] = ref(vendor["Id"], vendor["DisplayName"])

    vendor_currency = (vendor.get("CurrencyRef") or {}).get("value") or company.currency
    currency = (doc.get("CurrencyRef") or {}).get("value") or vendor_currency
    if currency != vendor_currency:
        raise _fault(
            "6000",
            "A business validation error has occurred while processing your request",
            f"Business Validation Error: The currency of the transaction ({currency}) must "
            f"match the vendor's currency ({vendor_currency})",
            "CurrencyRef",
        )
    doc["CurrencyRef"] = ref(currency, (vendor.get("CurrencyRef") or {}).get("name") or currency)
    if currency == company.currency:
        doc["ExchangeRate"] = 1
    elif doc.get("ExchangeRate") in (None, ""):
        doc["ExchangeRate"] = float(RATES.get(currency, Decimal(1)))

    status = doc.get("POStatus") or "Open"
    if status not in STATUSES:
        raise _fault("2170", "Invalid Enumeration", f"Invalid Enumeration : {status}", "POStatus")
    doc["POStatus"] = status

    ap_id = (doc.get("APAccountRef") or {}).get("value") or PAYABLE[0]
    ap = store.doc(realm, "Account", str(ap_id))
    if ap is None or ap.get("AccountType") != "Accounts Payable":
        raise _invalid("Account", ap_id, "APAccountRef")
    doc["APAccountRef"] = ref(ap["Id"], ap["Name"])

    lines = doc.get("Line")
    if not isinstance(lines, list) or not lines:
        raise _missing("Line")
    total_lines = Decimal(0)
    tax = Decimal(0)
    for n, line in enumerate(lines, start=1):
        amount, percent = _check_line(store, realm, line, company)
        line["Id"] = str(n)
        line["LineNum"] = n
        total_lines += amount
        tax += (amount * percent / 100).quantize(CENT, ROUND_HALF_UP)
    doc["TotalAmt"] = money(total_lines + tax)
    doc["TxnTaxDetail"] = {"TotalTax": money(tax)}
    if company.country == "GB":
        doc.setdefault("GlobalTaxCalculation", "TaxExcluded")
    if not doc.get("DocNumber"):
        doc["DocNumber"] = str(1000 + len(store.docs(realm, "PurchaseOrder")) + 1)
    if not doc.get("TxnDate"):
        from .current import sandbox

        doc["TxnDate"] = sandbox().clock.now().astimezone(company.tz).date().isoformat()
    doc.setdefault("EmailStatus", "NotSet")
    doc.setdefault("LinkedTxn", [])


def _check_line(store: Store, realm: str, line: Any, company: Company) -> tuple[Decimal, Decimal]:
    """(the line's amount, its VAT percent) after checking it."""
    if not isinstance(line, dict):
        raise _missing("Line")
    kind = line.get("DetailType")
    if not kind:
        raise _missing("DetailType")
    if kind not in (ITEM_LINE, ACCOUNT_LINE):
        raise _fault("2170", "Invalid Enumeration", f"Invalid Enumeration : {kind}", "DetailType")
    if line.get("Amount") in (None, ""):
        raise _missing("Amount")
    amount = _dec(line["Amount"]).quantize(CENT, ROUND_HALF_UP)
    detail = line.get(kind)
    if not isinstance(detail, dict):
        raise _missing(kind)
    if kind == ITEM_LINE:
        item_id = (detail.get("ItemRef") or {}).get("value")
        if not item_id:
            raise _missing("ItemRef")
        item = store.doc(realm, "Item", str(item_id))
        if item is None:
            raise _invalid("Item", item_id, "ItemRef")
        detail["ItemRef"] = ref(item["Id"], item["Name"])
        qty, price = detail.get("Qty"), detail.get("UnitPrice")
        if qty is not None and price is not None:
            expected = (_dec(qty) * _dec(price)).quantize(CENT, ROUND_HALF_UP)
            if expected != amount:
                raise _fault(
                    "6070",
                    "A business validation error has occurred while processing your request",
                    f"Business Validation Error: Amount is not equal to UnitPrice * Qty. "
                    f"Supplied value:{amount}",
                    "Amount",
                )
        elif price is None and qty is not None and _dec(qty):
            detail["UnitPrice"] = float(amount / _dec(qty))
        detail.setdefault("BillableStatus", "NotBillable")
    else:
        account_id = (detail.get("AccountRef") or {}).get("value")
        if not account_id:
            raise _missing("AccountRef")
        account = store.doc(realm, "Account", str(account_id))
        if account is None or account.get("Active") is False:
            raise _invalid("Account", account_id, "AccountRef")
        detail["AccountRef"] = ref(account["Id"], account["Name"])
        detail.setdefault("BillableStatus", "NotBillable")
    percent = Decimal(0)
    code = (detail.get("TaxCodeRef") or {}).get("value")
    if company.country == "GB":
        code = code or "3"
        if store.doc(realm, "TaxCode", str(code)) is None:
            raise _invalid("TaxCode", code, "TaxCodeRef")
        percent = _vat_percent(store, realm, str(code))
    else:
        code = code or "NON"
        if code not in US_CODES:
            raise _invalid("TaxCode", code, "TaxCodeRef")
    detail["TaxCodeRef"] = ref(code)
    line["Amount"] = money(amount)
    return amount, percent


# -- seed ------------------------------------------------------------------------------------
#: A Canadian supplier for the US company's foreign currency order (vendor 7).
CAD_VENDOR = {
    "Id": "7",
    "DisplayName": "Maple Timber Supply",
    "CompanyName": "Maple Timber Supply",
    "PrintOnCheckName": "Maple Timber Supply",
    "Active": True,
    "Vendor1099": False,
    "Balance": 0,
    "CurrencyRef": {"value": "CAD", "name": "Canadian Dollar"},
    "PrimaryEmailAddr": {"Address": "orders@mapletimber.example"},
}


def _item_line(item: tuple[str, str], qty: str, price: str, tax: str | None) -> dict[str, Any]:
    amount = (Decimal(qty) * Decimal(price)).quantize(CENT, ROUND_HALF_UP)
    detail: dict[str, Any] = {
        "ItemRef": ref(*item),
        "Qty": float(qty),
        "UnitPrice": float(price),
        "BillableStatus": "NotBillable",
    }
    if tax:
        detail["TaxCodeRef"] = ref(tax)
    return {"Amount": money(amount), "DetailType": ITEM_LINE, ITEM_LINE: detail}


def _account_line(
    account: tuple[str, str], desc: str, amount: str, tax: str | None
) -> dict[str, Any]:
    detail: dict[str, Any] = {"AccountRef": ref(*account), "BillableStatus": "NotBillable"}
    if tax:
        detail["TaxCodeRef"] = ref(tax)
    return {
        "Description": desc,
        "Amount": money(Decimal(amount)),
        "DetailType": ACCOUNT_LINE,
        ACCOUNT_LINE: detail,
    }


def _orders(company: Company) -> list[dict[str, Any]]:
    """Order bodies (as a client would post them) before ``check`` completes them."""
    us = company.country == "US"
    day = date(2025, 2, 3)
    if us:
        lumber, rocks, pump = ("12", "Lumber"), ("3", "Rocks"), ("4", "Pump")
        vendors = {"lumber": "2", "tania": "5", "robertson": "4", "maple": "7"}
        tax, tax_item = "NON", None
        expense = ("11", "Insurance")
    else:
        lumber = rocks = pump = ("5", "Linen")
        vendors = {"lumber": "1", "tania": "1", "robertson": "2", "maple": None}
        tax = tax_item = "3"
        expense = ("23", "Utilities")
    orders: list[dict[str, Any]] = [
        {
            "VendorRef": ref(vendors["lumber"]),
            "TxnDate": day.isoformat(),
            "DueDate": (day + timedelta(days=10)).isoformat(),
            "DocNumber": "1001",
            "Memo": "Please deliver before 8am",
            "ShipAddr": {"Id": "90", "Line1": "123 Sierra Way", "City": "San Pablo"}
            | ({"CountrySubDivisionCode": "CA", "PostalCode": "87999"} if us else {}),
            "Line": [
                _item_line(lumber, "40", "3.25", tax_item),
                _item_line(rocks, "10", "6.25", tax_item),
            ],
        },
        {
            "VendorRef": ref(vendors["robertson"]),
            "TxnDate": (day + timedelta(days=2)).isoformat(),
            "DocNumber": "1002",
            "Line": [_account_line(expense, "Annual review", "450.00", tax)],
        },
        {
            "VendorRef": ref(vendors["tania"]),
            "TxnDate": (day + timedelta(days=4)).isoformat(),
            "DocNumber": "1003",
            "POStatus": "Closed",
            "PrivateNote": "Billed in full",
            "Line": [_item_line(pump, "2", "74.00", tax_item)],
            "LinkedTxn": [{"TxnId": "1", "TxnType": "Bill"}],
        },
        {
            "VendorRef": ref(vendors["lumber"]),
            "TxnDate": (day + timedelta(days=6)).isoformat(),
            "DocNumber": "1004",
            "POStatus": "Closed",
            "PrivateNote": "Closed by hand: supplier out of stock",
            "Line": [_item_line(lumber, "5", "3.25", tax_item)],
        },
    ]
    if us:
        orders.append(
            {
                "VendorRef": ref(vendors["maple"]),
                "TxnDate": (day + timedelta(days=8)).isoformat(),
                "DocNumber": "1005",
                "CurrencyRef": {"value": "CAD"},
                "ExchangeRate": 0.7412,
                "Line": [
                    _account_line(("80", "Cost of Goods Sold"), "Cedar boards", "1800.00", tax)
                ],
            }
        )
    return orders


def seed(store: Store, company: Company) -> None:
    """Store the company's purchase orders (and the US company's Canadian vendor)."""
    created = datetime(2025, 2, 3, 10, 0, tzinfo=company.tz)
    if company.country == "US":
        when = stamp(created - timedelta(hours=1), company.tz)
        vendor = dict(CAD_VENDOR, SyncToken="0", domain="QBO", sparse=False)
        vendor["MetaData"] = {"CreateTime": when, "LastUpdatedTime": when}
        store.put(company.realm, "Vendor", vendor)
    for n, body in enumerate(_orders(company), start=1):
        check(store, company.realm, body, company)
        when = stamp(created + timedelta(hours=5 * n), company.tz)
        body.update(
            {
                "domain": "QBO",
                "sparse": False,
                "Id": str(n),
                "SyncToken": "0",
                "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
            }
        )
        store.put(company.realm, "PurchaseOrder", body)
