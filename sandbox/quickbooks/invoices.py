"""Writes of ``Invoice`` (AR) and ``Bill`` (AP), as QuickBooks Online does them.

``POST /invoice`` and ``POST /bill``: create (no ``Id``), sparse or full update (``Id`` + the
current ``SyncToken``) through ``writes.save``, which calls ``complete``. QuickBooks fills:

- each line's ``Id``/``LineNum``, its ``Amount`` (``Qty`` (default 1) x ``UnitPrice``; with
  neither ``UnitPrice`` nor ``Amount``, the item's ``UnitPrice`` (invoices) or ``PurchaseCost``
  (bills); ``Amount`` and ``Qty`` alone give ``UnitPrice`` = ``Amount`` / ``Qty``); an invoice's
  ``SubTotalLineDetail`` line (sent ones are recomputed);
- ``TxnTaxDetail.TotalTax`` from the line tax codes as the seed computes it: a US company charges
  its one rate on lines coded ``TAX``; a UK company charges each line's code's rates (sales rates
  on invoices, purchase rates on bills), summed and rounded once; ``TotalAmt`` = lines + tax;
- ``Balance`` = ``TotalAmt`` less what payments and credits already took (on an update: the old
  ``TotalAmt`` less the old ``Balance``, as ``applications.apply`` lowered it); ``LinkedTxn`` is
  QuickBooks' own (kept on an update);
- ``CurrencyRef``: the customer's / vendor's currency; ``ExchangeRate`` 1 at home, else the given
  one or the sandbox's rate (``banking.RATES``); ``HomeTotalAmt`` on foreign documents;
- ``TxnDate`` today, ``DueDate`` the ``TxnDate``, a bill's ``APAccountRef`` A/P;
- ``AutoDocNumber: true`` (invoices): the next number after the highest numeric ``DocNumber``.

Refusals (400 ``ValidationFault``): 2020 a missing ``CustomerRef``/``VendorRef``, ``Line`` or
line ``DetailType`` (and a detail's ``ItemRef``/``AccountRef``); 2500 a reference to nothing;
610 a reference to an inactive customer, vendor, item, account or tax code; 2170 a line detail
type the entity cannot hold; 6070 an ``Amount`` that is not ``Qty`` x ``UnitPrice``; 6140 an
invoice ``DocNumber`` another invoice has (Intuit's "Duplicate Document Number Error", with
``AutoDocNumber`` also sent: 6000); 6000 a ``CurrencyRef`` other than the customer's/vendor's,
or a new total below what payments already took.

``?operation=void`` (invoices only: Intuit's Bill has no void): amounts, quantities and tax
zeroed, ``Balance`` 0, "Voided" before the ``PrivateNote``; the invoice stays readable.
``?operation=delete`` (invoices and bills): gone from queries, a change data capture tombstone.
Both need the current ``SyncToken``; both are refused (6000) while a payment links the document
(its ``LinkedTxn``): the sandbox's choice, as for credits, so no payment is left linking a
zeroed or missing document (QuickBooks' UI unlinks the payments instead).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .faults import BUSINESS
from .faults import fault as _fault
from .faults import invalid_ref as _invalid_ref
from .faults import missing as _missing
from .seed import CENT, Company, money, ref, void
from .store import Store

__all__ = ["ENTITIES", "check_delete", "check_void", "complete"]

ENTITIES = ("Invoice", "Bill")
#: Line detail types each entity holds.
LINE_TYPES = {
    "Invoice": ("SalesItemLineDetail", "DescriptionOnly", "SubTotalLineDetail"),
    "Bill": ("AccountBasedExpenseLineDetail", "ItemBasedExpenseLineDetail"),
}
#: Transactions in ``LinkedTxn`` that stop a void or delete.
PAYMENTS = ("Payment", "BillPayment")
#: A US company's pseudo tax codes (not TaxCode records).
PSEUDO_TAX_CODES = ("TAX", "NON")
PAYABLE = ("33", "Accounts Payable (A/P)")


def _inactive(element: str):
    """Intuit's answer to a reference to an inactive name list object: no ``element``, the
    detail naming what kind of reference it was."""
    what = {"CustomerRef": "customers", "VendorRef": "vendors", "ItemRef": "items"}
    return _fault(
        "610",
        "Object Not Found",
        "Object Not Found : Something you're trying to use has been made inactive. "
        f"Check the fields with {what.get(element, 'accounts')}.",
    )


def _business(detail: str, element: str | None = None):
    return _fault("6000", BUSINESS, f"Business Validation Error: {detail}", element)


def _dec(value: Any, element: str = "Amount") -> Decimal:
    if value in (None, ""):
        return Decimal(0)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise _fault(
            "2010", "Invalid Property Value", f"{value} is not a number", element
        ) from None


def _ref_id(obj: Any, key: str) -> str | None:
    value = obj.get(key) if isinstance(obj, dict) else None
    return str(value["value"]) if isinstance(value, dict) and value.get("value") else None


def _named(store: Store, realm: str, obj: dict, key: str, entity: str, name: str) -> dict | None:
    """The active record ``obj[key]`` names (None when it names none); its name on the ref."""
    found_id = _ref_id(obj, key)
    if found_id is None:
        return None
    found = store.doc(realm, entity, found_id)
    if found is None:
        raise _invalid_ref(entity, found_id, key)
    if found.get("Active") is False:
        raise _inactive(key)
    obj[key] = ref(found["Id"], found.get(name) or found.get("Name"))
    return found


def complete(
    store: Store,
    realm: str,
    company: Company,
    entity: str,
    doc: dict[str, Any],
    current: dict[str, Any] | None,
) -> None:
    """Check an Invoice/Bill write and fill what QuickBooks computes (module docstring)."""
    contact_key, contact_entity = (
        ("CustomerRef", "Customer") if entity == "Invoice" else ("VendorRef", "Vendor")
    )
    if _ref_id(doc, contact_key) is None:
        raise _missing(contact_key)
    contact = _named(store, realm, doc, contact_key, contact_entity, "DisplayName")
    assert contact is not None
    if not isinstance(doc.get("Line"), list) or not doc["Line"]:
        raise _missing("Line")
    _currency(company, doc, contact)
    today = _today(company)
    doc.setdefault("TxnDate", today)
    doc.setdefault("DueDate", doc["TxnDate"])
    if entity == "Bill":
        if not _named(store, realm, doc, "APAccountRef", "Account", "Name"):
            doc["APAccountRef"] = ref(*PAYABLE)
    else:
        _doc_number(store, realm, doc)
    _named(store, realm, doc, "DepartmentRef", "Department", "Name")
    doc["LinkedTxn"] = list((current or {}).get("LinkedTxn") or [])
    _totals(store, realm, company, entity, doc)
    applied = Decimal(0)
    if current is not None:
        applied = _dec(current.get("TotalAmt")) - _dec(current.get("Balance"))
    balance = _dec(doc["TotalAmt"]) - applied
    if balance < 0:
        raise _business(
            f"Payments already applied ({applied:.2f}) exceed the new total "
            f"({_dec(doc['TotalAmt']):.2f}).",
            "Line",
        )
    doc["Balance"] = money(balance)
    rate = _dec(doc.get("ExchangeRate"), "ExchangeRate")
    if doc["CurrencyRef"]["value"] != company.currency:
        doc["HomeTotalAmt"] = money(_dec(doc["TotalAmt"]) * rate)
    else:
        doc.pop("HomeTotalAmt", None)


def _today(company: Company) -> str:
    from .current import sandbox

    return sandbox().clock.now().astimezone(company.tz).date().isoformat()


def _currency(company: Company, doc: dict, contact: dict) -> None:
    from .banking import CURRENCY_NAMES, RATES

    own = _ref_id(contact, "CurrencyRef") or company.currency
    asked = _ref_id(doc, "CurrencyRef") or own
    if asked != own:
        raise _business(
            f"The currency of the transaction ({asked}) must match the currency of "
            f"{contact.get('DisplayName')} ({own}).",
            "CurrencyRef",
        )
    doc["CurrencyRef"] = ref(own, CURRENCY_NAMES.get(own, company.currency_name))
    if own == company.currency:
        doc["ExchangeRate"] = 1
    elif doc.get("ExchangeRate") in (None, ""):
        doc["ExchangeRate"] = float(RATES.get(own, Decimal(1)))
    elif _dec(doc["ExchangeRate"], "ExchangeRate") <= 0:
        raise _fault(
            "2010", "Invalid Property Value", "ExchangeRate must be positive", "ExchangeRate"
        )


def _doc_number(store: Store, realm: str, doc: dict) -> None:
    """``AutoDocNumber`` or a ``DocNumber`` no other invoice has (Intuit's 6140)."""
    auto = doc.pop("AutoDocNumber", None) is True
    others = [d for d in store.docs(realm, "Invoice") if d.get("Id") != doc.get("Id")]
    if auto:
        if doc.get("DocNumber"):
            raise _business("Specify either DocNumber or AutoDocNumber, not both.", "DocNumber")
        numbers = [int(d["DocNumber"]) for d in others if str(d.get("DocNumber", "")).isdigit()]
        doc["DocNumber"] = str(max(numbers, default=1000) + 1)
        return
    number = doc.get("DocNumber")
    if not number:
        return
    taken = next((d for d in others if d.get("DocNumber") == number), None)
    if taken is not None:
        raise _fault(
            "6140",
            "Duplicate Document Number Error",
            "Duplicate Document Number Error : You must specify a different number. This "
            f"number has already been used. DocNumber={number} is assigned to TxnType=Invoice "
            f"with TxnId={taken['Id']}",
            "DocNumber",
        )


def _rate(store: Store, realm: str, company: Company, entity: str, code_id: str | None) -> Decimal:
    """The tax a line's code charges, as a fraction (see the module docstring)."""
    if company.country == "US":
        return company.tax_rate if code_id == "TAX" else Decimal(0)
    code = store.doc(realm, "TaxCode", code_id or "") or {}
    key = "SalesTaxRateList" if entity == "Invoice" else "PurchaseTaxRateList"
    total = Decimal(0)
    for detail in (code.get(key) or {}).get("TaxRateDetail") or ():
        rate = store.doc(realm, "TaxRate", str(detail["TaxRateRef"]["value"])) or {}
        total += _dec(rate.get("RateValue"))
    return total / 100


def _line(store: Store, realm: str, entity: str, line: Any) -> tuple[str, dict[str, Any]]:
    """Check one line's detail and references; ``(detail type, detail)``."""
    if not isinstance(line, dict):
        raise _missing("Line")
    kind = line.get("DetailType")
    if not kind:
        raise _missing("DetailType")
    if kind not in LINE_TYPES[entity]:
        raise _fault("2170", "Invalid Enumeration", f"Invalid Enumeration : {kind}", "DetailType")
    detail = line.get(kind)
    if detail is None and kind in ("DescriptionOnly", "SubTotalLineDetail"):
        detail = line[kind] = {}
    if not isinstance(detail, dict):
        raise _missing(kind)
    needed = {
        "SalesItemLineDetail": ("ItemRef", "Item"),
        "ItemBasedExpenseLineDetail": ("ItemRef", "Item"),
        "AccountBasedExpenseLineDetail": ("AccountRef", "Account"),
    }.get(kind)
    if needed and _ref_id(detail, needed[0]) is None:
        raise _missing(needed[0])
    _named(store, realm, detail, "ItemRef", "Item", "Name")
    _named(store, realm, detail, "AccountRef", "Account", "Name")
    _named(store, realm, detail, "ClassRef", "Class", "Name")
    if _ref_id(detail, "TaxCodeRef") not in (None, *PSEUDO_TAX_CODES):
        _named(store, realm, detail, "TaxCodeRef", "TaxCode", "Name")
    return kind, detail


def _totals(store: Store, realm: str, company: Company, entity: str, doc: dict) -> None:
    """Line amounts (checked against Qty x UnitPrice), tax and TotalAmt."""
    subtotal = tax = Decimal(0)
    lines: list[dict[str, Any]] = []
    for line in doc["Line"]:
        kind, detail = _line(store, realm, entity, line)
        if kind == "SubTotalLineDetail":
            continue
        if kind == "DescriptionOnly":
            line.pop("Amount", None)
        else:
            amount = _amount(store, realm, entity, line, detail)
            line["Amount"] = money(amount)
            subtotal += amount
            tax += amount * _rate(store, realm, company, entity, _ref_id(detail, "TaxCodeRef"))
        line["Id"] = str(len(lines) + 1)
        line["LineNum"] = len(lines) + 1
        lines.append(line)
    if entity == "Invoice":
        lines.append(
            {
                "Amount": money(subtotal),
                "DetailType": "SubTotalLineDetail",
                "SubTotalLineDetail": {},
            }
        )
    doc["Line"] = lines
    tax = tax.quantize(CENT, ROUND_HALF_UP)
    doc["TxnTaxDetail"] = {"TotalTax": money(tax)}
    doc["TotalAmt"] = money(subtotal + tax)


def sent_zeroes(line: dict, detail: dict) -> bool:
    if line.get("Amount") in (None, ""):
        return False
    try:
        return all(Decimal(str(detail.get(k))) == 0 for k in ("Qty", "UnitPrice"))
    except ArithmeticError:
        return False


def _amount(store: Store, realm: str, entity: str, line: dict, detail: dict) -> Decimal:
    """The line's ``Amount``: ``Qty`` (default 1) x ``UnitPrice``, checked when both are sent
    (6070). Without a ``UnitPrice``: a sent ``Amount`` stands (its ``UnitPrice`` is ``Amount``
    / ``Qty`` when ``Qty`` is sent), else the item's price is taken. ``Qty`` and ``UnitPrice``
    both 0 beside an ``Amount`` count as not sent: Intuit's clients (python-quickbooks) send
    those defaults, and Intuit keeps the ``Amount``."""
    if sent_zeroes(line, detail):
        detail.pop("Qty", None)
        detail.pop("UnitPrice", None)
    has_qty = detail.get("Qty") not in (None, "")
    qty = _dec(detail.get("Qty"), "Qty") if has_qty else Decimal(1)
    sent = line.get("Amount") not in (None, "")
    if detail.get("UnitPrice") in (None, ""):
        if sent:
            given = _dec(line["Amount"]).quantize(CENT, ROUND_HALF_UP)
            if has_qty and qty:
                detail["UnitPrice"] = float(given / qty)
            return given
        item = store.doc(realm, "Item", _ref_id(detail, "ItemRef") or "") or {}
        price = item.get("UnitPrice" if entity == "Invoice" else "PurchaseCost")
        if price is None:
            raise _missing("Amount")
        detail["UnitPrice"] = price
    computed = (qty * _dec(detail["UnitPrice"], "UnitPrice")).quantize(CENT, ROUND_HALF_UP)
    if not sent:
        return computed
    given = _dec(line["Amount"]).quantize(CENT, ROUND_HALF_UP)
    if given != computed:
        raise _fault(
            "6070",
            "Amount is not equal to UnitPrice * Qty",
            f"Amount is not equal to UnitPrice * Qty. Supplied value:{given}",
            "Amount",
        )
    return given


# -- void and delete -----------------------------------------------------------------------------
def _current(store: Store, realm: str, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    from .writes import stale, unknown

    if body.get("Id") in (None, ""):
        raise _missing("Id")
    current = store.doc(realm, entity, str(body["Id"]))
    if current is None:
        raise unknown(entity, body["Id"])
    if body.get("SyncToken") in (None, ""):
        raise _missing("SyncToken")
    if str(body["SyncToken"]) != str(current.get("SyncToken")):
        raise stale()
    links = [t for t in current.get("LinkedTxn") or () if t.get("TxnType") in PAYMENTS]
    if links:
        what = ", ".join(f"{t['TxnType']} {t['TxnId']}" for t in links)
        raise _business(
            f"This transaction is linked to {what}; delete or change the payment first.", None
        )
    return current


def check_delete(store: Store, realm: str, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    """The Invoice/Bill ``?operation=delete`` may remove (no payment links it)."""
    return _current(store, realm, entity, body)


def check_void(store: Store, realm: str, entity: str, body: dict[str, Any]) -> dict[str, Any]:
    """The Invoice ``?operation=void`` voids, voided (the caller stamps and stores it)."""
    current = _current(store, realm, entity, body)
    if not str(current.get("PrivateNote") or "").startswith("Voided"):
        void(current)
    return current
