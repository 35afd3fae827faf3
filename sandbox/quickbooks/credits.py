"""Credits: ``CreditMemo`` (credit to a customer), ``VendorCredit`` (credit from a vendor) and
``RefundReceipt`` (money paid back to a customer), as QuickBooks Online serves them.

Seeded per company (after the other books, so no other entity's id moves): an open credit memo,
a credit memo partly applied to an open invoice (through a zero-total Payment whose lines link
the invoice and the credit memo, which is how QuickBooks applies credit; the invoice's
``Balance`` drops by the amount), a foreign-currency credit memo where the company has a
foreign customer, a vendor credit and a refund receipt.

Writes (``POST /creditmemo``, ``POST /vendorcredit``): create (no ``Id``) and sparse or full
update (``Id`` + current ``SyncToken``) through ``writes.save``; QuickBooks computes each line's
``Amount`` (``Qty`` x ``UnitPrice`` when left out), ``TxnTaxDetail.TotalTax`` (taxable lines at
the company's rate), ``TotalAmt``, and ``RemainingCredit`` (credit memos) or ``Balance``
(vendor credits): the total less what was already applied. Refusals are Intuit's faults:
2020 for a missing ``CustomerRef``/``VendorRef`` or ``Line``, 2500 for references to nothing.
RefundReceipts are read only here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .faults import fault as _fault
from .faults import invalid_ref as _invalid_ref
from .faults import missing as _missing
from .seed import CENT, Company, money, ref, stamp
from .store import Store

__all__ = ["ENTITIES", "WRITABLE", "complete", "seed_credits"]

ENTITIES = ("CreditMemo", "VendorCredit", "RefundReceipt")
WRITABLE = ("CreditMemo", "VendorCredit")
#: Tax codes that charge tax, per country (US: TAX; UK: 20.0% S).
TAXABLE = {"US": {"TAX"}, "GB": {"3"}}


def _dec(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _ref_id(doc: dict[str, Any], key: str) -> str | None:
    value = doc.get(key)
    return str(value["value"]) if isinstance(value, dict) and value.get("value") else None


def _totals(company: Company, entity: str, doc: dict[str, Any]) -> None:
    """Line amounts, tax, TotalAmt from the lines (QuickBooks' own arithmetic)."""
    subtotal = taxable = Decimal(0)
    lines = []
    for line in doc.get("Line") or ():
        kind = line.get("DetailType")
        if kind == "SubTotalLineDetail":
            continue
        detail = line.get(kind) or {}
        if line.get("Amount") is None:
            qty = _dec(detail.get("Qty")) if detail.get("Qty") is not None else Decimal(1)
            line["Amount"] = money(qty * _dec(detail.get("UnitPrice")))
        amount = _dec(line["Amount"])
        subtotal += amount
        if _ref_id(detail, "TaxCodeRef") in TAXABLE[company.country]:
            taxable += amount
        line["Id"] = str(len(lines) + 1)
        line["LineNum"] = len(lines) + 1
        lines.append(line)
    if entity == "CreditMemo":
        lines.append(
            {
                "Amount": money(subtotal),
                "DetailType": "SubTotalLineDetail",
                "SubTotalLineDetail": {},
            }
        )
    doc["Line"] = lines
    tax = (taxable * company.tax_rate).quantize(CENT, ROUND_HALF_UP)
    doc["TxnTaxDetail"] = {"TotalTax": money(tax)}
    doc["TotalAmt"] = money(subtotal + tax)


def complete(
    store: Store,
    realm: str,
    company: Company,
    entity: str,
    doc: dict[str, Any],
    current: dict[str, Any] | None,
) -> None:
    """Check a CreditMemo/VendorCredit write and fill what QuickBooks computes."""
    contact_key, contact_entity = (
        ("CustomerRef", "Customer") if entity == "CreditMemo" else ("VendorRef", "Vendor")
    )
    contact_id = _ref_id(doc, contact_key)
    if contact_id is None:
        raise _missing(contact_key)
    contact = store.doc(realm, contact_entity, contact_id)
    if contact is None:
        raise _invalid_ref(contact_entity, contact_id, contact_key)
    if not doc.get("Line"):
        raise _missing("Line")
    for line in doc["Line"]:
        kind = line.get("DetailType")
        detail = line.get(kind) if isinstance(kind, str) else None
        if not isinstance(detail, dict):
            raise _missing("Line.DetailType")
        for key, what in (("ItemRef", "Item"), ("AccountRef", "Account")):
            value = _ref_id(detail, key)
            if value is not None and store.doc(realm, what, value) is None:
                raise _invalid_ref(what, value, f"Line.{kind}.{key}")
    doc.setdefault("TxnDate", datetime.now(company.tz).date().isoformat())
    doc.setdefault("CurrencyRef", contact.get("CurrencyRef") or ref(company.currency))
    applied = Decimal(0)
    if current is not None:
        left = current.get("RemainingCredit", current.get("Balance"))
        applied = _dec(current.get("TotalAmt")) - _dec(left)
    _totals(company, entity, doc)
    remaining = _dec(doc["TotalAmt"]) - applied
    if remaining < 0:
        raise _fault(
            "6000",
            "A business validation error has occurred while processing your request",
            "The credit is already applied beyond the new total",
            "Line",
        )
    if entity == "CreditMemo":
        doc["RemainingCredit"] = money(remaining)
        doc["Balance"] = money(remaining)
    else:
        doc["Balance"] = money(remaining)


# -- seed --------------------------------------------------------------------------------------
def _meta(company: Company, when: datetime) -> dict[str, Any]:
    moment = stamp(when, company.tz)
    return {"CreateTime": moment, "LastUpdatedTime": moment}


def _sales_line(item: tuple[str, str], qty: int, price: str, tax_code: str) -> dict[str, Any]:
    return {
        "Description": item[1],
        "Amount": money(qty * Decimal(price)),
        "DetailType": "SalesItemLineDetail",
        "SalesItemLineDetail": {
            "ItemRef": ref(*item),
            "Qty": qty,
            "UnitPrice": float(price),
            "TaxCodeRef": ref(tax_code),
        },
    }


def _put(store: Store, company: Company, entity: str, doc: dict[str, Any], when: datetime):
    doc.update(
        {
            "domain": "QBO",
            "sparse": False,
            "Id": store.next_id(company.realm, entity),
            "SyncToken": "0",
            "MetaData": _meta(company, when),
        }
    )
    if company.country == "GB":
        doc.setdefault("GlobalTaxCalculation", "TaxExcluded")
    _totals(company, entity, doc)
    store.put(company.realm, entity, doc)
    return doc


def _credit_memo(store, company, customer, day: date, lines, when, number: str) -> dict[str, Any]:
    doc = {
        "DocNumber": number,
        "TxnDate": day.isoformat(),
        "CurrencyRef": customer.get("CurrencyRef") or ref(company.currency),
        "CustomerRef": ref(customer["Id"], customer["DisplayName"]),
        "Line": lines,
        "PrintStatus": "NotSet",
        "EmailStatus": "NotSet",
    }
    doc = _put(store, company, "CreditMemo", doc, when)
    doc["RemainingCredit"] = doc["Balance"] = doc["TotalAmt"]
    store.put(company.realm, "CreditMemo", doc)
    return doc


def _apply(store: Store, company: Company, memo: dict, invoice: dict, amount: Decimal, when):
    """A zero-total Payment linking the invoice and the credit memo (QuickBooks' way)."""
    customer = memo["CustomerRef"]
    payment = {
        "TxnDate": (when.date()).isoformat(),
        "CurrencyRef": memo["CurrencyRef"],
        "CustomerRef": customer,
        "DepositToAccountRef": ref("4", "Undeposited Funds"),
        "TotalAmt": 0.0,
        "UnappliedAmt": 0.0,
        "ProcessPayment": False,
        "Line": [
            {
                "Amount": money(amount),
                "LinkedTxn": [{"TxnId": invoice["Id"], "TxnType": "Invoice"}],
            },
            {
                "Amount": money(amount),
                "LinkedTxn": [{"TxnId": memo["Id"], "TxnType": "CreditMemo"}],
            },
        ],
        "domain": "QBO",
        "sparse": False,
        "Id": store.next_id(company.realm, "Payment"),
        "SyncToken": "0",
        "MetaData": _meta(company, when),
    }
    store.put(company.realm, "Payment", payment)
    memo["RemainingCredit"] = memo["Balance"] = money(_dec(memo["TotalAmt"]) - amount)
    memo["SyncToken"] = "1"
    memo["MetaData"] = {**memo["MetaData"], "LastUpdatedTime": payment["MetaData"]["CreateTime"]}
    store.put(company.realm, "CreditMemo", memo)
    invoice = dict(invoice)
    invoice["Balance"] = money(_dec(invoice["Balance"]) - amount)
    invoice["LinkedTxn"] = [
        *invoice.get("LinkedTxn", []),
        {"TxnId": payment["Id"], "TxnType": "Payment"},
    ]
    invoice["SyncToken"] = str(int(invoice["SyncToken"]) + 1)
    invoice["MetaData"] = {
        **invoice["MetaData"],
        "LastUpdatedTime": payment["MetaData"]["CreateTime"],
    }
    store.put(company.realm, "Invoice", invoice)


def seed_credits(store: Store, company: Company) -> None:
    """The credits of one company's demo books (see the module docstring)."""
    realm = company.realm
    start = datetime(2025, 1, 20, 10, 0, tzinfo=company.tz)
    customers = {c["Id"]: c for c in store.docs(realm, "Customer")}
    vendors = store.docs(realm, "Vendor")
    item = ("1", "Design") if company.country == "US" else ("1", "Design consultation")
    taxable, exempt = ("TAX", "NON") if company.country == "US" else ("3", "7")
    home = [
        c
        for c in customers.values()
        if (c.get("CurrencyRef") or {}).get("value") in (None, company.currency)
        and c.get("Active", True)
    ]
    first = home[0]
    _credit_memo(
        store, company, first, start.date(), [_sales_line(item, 1, "50", exempt)], start, "CM-1001"
    )
    # Partly applied: to the first open invoice of a customer with one.
    invoices = [
        i
        for i in store.docs(realm, "Invoice")
        if _dec(i.get("Balance")) > 0
        and _dec(i["Balance"]) == _dec(i["TotalAmt"])
        and (i.get("CurrencyRef") or {}).get("value") == company.currency
    ]
    invoice = invoices[0]
    customer = customers[invoice["CustomerRef"]["value"]]
    when = start + timedelta(hours=1)
    memo = _credit_memo(
        store,
        company,
        customer,
        when.date(),
        [_sales_line(item, 2, "40", taxable)],
        when,
        "CM-1002",
    )
    applied = (_dec(memo["TotalAmt"]) / 2).quantize(CENT, ROUND_HALF_UP)
    _apply(
        store,
        company,
        memo,
        invoice,
        min(applied, _dec(invoice["Balance"])),
        when + timedelta(hours=1),
    )
    foreign = [
        c
        for c in customers.values()
        if (c.get("CurrencyRef") or {}).get("value") not in (None, company.currency)
    ]
    if foreign:
        when = start + timedelta(hours=3)
        doc = _credit_memo(
            store,
            company,
            foreign[0],
            when.date(),
            [_sales_line(item, 1, "120", exempt)],
            when,
            "CM-1003",
        )
        doc["ExchangeRate"] = 0.74
        store.put(realm, "CreditMemo", doc)
    vendor = vendors[0]
    accounts = store.docs(realm, "Account")
    expense = next(a for a in accounts if a.get("AccountType") == "Expense")
    bank = next(a for a in accounts if a.get("AccountType") == "Bank")
    payable = next(a for a in accounts if a.get("AccountType") == "Accounts Payable")
    _put(
        store,
        company,
        "VendorCredit",
        {
            "DocNumber": "VC-501",
            "TxnDate": (start.date() + timedelta(days=1)).isoformat(),
            "CurrencyRef": vendor.get("CurrencyRef") or ref(company.currency),
            "VendorRef": ref(vendor["Id"], vendor["DisplayName"]),
            "APAccountRef": ref(payable["Id"], payable["Name"]),
            "PrivateNote": "Returned damaged stock",
            "Line": [
                {
                    "Description": "Damaged stock returned",
                    "Amount": 65.0,
                    "DetailType": "AccountBasedExpenseLineDetail",
                    "AccountBasedExpenseLineDetail": {
                        "AccountRef": ref(expense["Id"], expense["Name"]),
                        "TaxCodeRef": ref(exempt),
                    },
                }
            ],
        },
        start + timedelta(days=1),
    )
    vc = store.docs(realm, "VendorCredit")[-1]
    vc["Balance"] = vc["TotalAmt"]
    store.put(realm, "VendorCredit", vc)
    when = start + timedelta(days=2)
    _put(
        store,
        company,
        "RefundReceipt",
        {
            "DocNumber": "RR-2001",
            "TxnDate": when.date().isoformat(),
            "CurrencyRef": first.get("CurrencyRef") or ref(company.currency),
            "CustomerRef": ref(first["Id"], first["DisplayName"]),
            "DepositToAccountRef": ref(bank["Id"], bank["Name"]),
            "Balance": 0,
            "Line": [_sales_line(item, 1, "30", exempt)],
        },
        when,
    )
