"""``Purchase``, ``Deposit`` and ``Transfer``: each company's seeded bank and card activity, and
the checks ``POST /purchase``, ``/deposit`` and ``/transfer`` make (create, or update with the
current ``SyncToken``, sparse or full: see ``writes.py``).

Seed (after the rest of the books, so no other id or timestamp moves): a savings account and a
bank account in a foreign currency (CAD in the US company, EUR in the UK one) join the chart
of accounts; then a cash purchase from a vendor, a check, a credit card purchase with a class
on its line, a credit card refund (``Credit: true``), a voided purchase (QuickBooks voids by
zeroing the amounts and noting "Voided"), a purchase in the foreign currency from the foreign
account with its ``ExchangeRate``, a deposit of other income, and transfers: checking to
savings, and checking to the foreign account (with the rate).

Checks, as Intuit answers them (``ValidationFault``):

- 2020 required: a purchase's ``AccountRef``, ``PaymentType`` and ``Line`` (at least one, each
  with ``Amount`` and ``DetailType``, an account line's ``AccountRef``, an item line's
  ``ItemRef``); a deposit's ``DepositToAccountRef`` and ``Line``; a transfer's
  ``FromAccountRef``, ``ToAccountRef`` and ``Amount``;
- 2500 invalid reference: an account, item, tax code, class or entity that is not there;
- 2170 invalid enumeration: a ``PaymentType`` other than Cash, Check, CreditCard, a
  ``DetailType`` other than the expense (purchase) or deposit line details;
- 6000 business validation: a CreditCard purchase from an account that is not a credit card
  (or a Cash/Check one from a credit card), a purchase or deposit in another currency than its
  account's, a transfer between the same account, an amount not above zero, a line posting to
  the account paid from.

QuickBooks fills ``TotalAmt`` (lines plus tax: UK VAT from the line's purchase tax code),
``TxnTaxDetail``, line ``Id`` and ``LineNum``, names on references, ``CurrencyRef`` and
``ExchangeRate`` (1 in the home currency).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .faults import fault as _fault
from .faults import missing as _missing
from .seed import CENT, Company, money, ref, stamp
from .store import Store

PAYMENT_TYPES = ("Cash", "Check", "CreditCard")
EXPENSE_LINES = ("AccountBasedExpenseLineDetail", "ItemBasedExpenseLineDetail")
DEPOSIT_LINE = "DepositLineDetail"
#: Home currency units per foreign unit when a transaction gives no rate.
RATES = {"CAD": Decimal("0.7412"), "EUR": Decimal("1.0820"), "USD": Decimal("0.7900")}
CURRENCY_NAMES = {"CAD": "Canadian Dollar", "EUR": "Euro", "USD": "United States Dollar"}
FOREIGN = {"us": "CAD", "uk": "EUR"}
BANK_TYPES = ("Bank",)
CARD_TYPES = ("Credit Card",)


def _invalid(what: str, value: Any, element: str) -> Exception:
    return _fault(
        "2500",
        "Invalid Reference Id",
        f"Invalid Reference Id : {what} element id {value} not found",
        element,
    )


def _business(detail: str, element: str | None = None) -> Exception:
    return _fault(
        "6000",
        "A business validation error has occurred while processing your request",
        f"Business Validation Error: {detail}",
        element,
    )


def _dec(value: Any) -> Decimal:
    try:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    except ArithmeticError:
        raise _fault("2010", "Invalid Property Value", f"{value} is not a number") from None


def _account(store: Store, realm: str, doc: dict, key: str, kinds: tuple[str, ...] | None):
    account_id = (doc.get(key) or {}).get("value")
    if not account_id:
        raise _missing(key)
    account = store.doc(realm, "Account", str(account_id))
    if account is None or account.get("Active") is False:
        raise _invalid("Account", account_id, key)
    if kinds is not None and account.get("AccountType") not in kinds:
        raise _business(
            f"The account {account['Name']} ({account['AccountType']}) cannot be used here",
            key,
        )
    doc[key] = ref(account["Id"], account["Name"])
    return account


def _currency(account: dict, company: Company) -> str:
    return (account.get("CurrencyRef") or {}).get("value") or company.currency


def _header_currency(doc: dict, account: dict, company: Company) -> None:
    currency = _currency(account, company)
    asked = (doc.get("CurrencyRef") or {}).get("value") or currency
    if asked != currency:
        raise _business(
            f"The currency of the transaction ({asked}) must match the currency of the "
            f"account {account['Name']} ({currency})",
            "CurrencyRef",
        )
    doc["CurrencyRef"] = ref(currency, CURRENCY_NAMES.get(currency, company.currency_name))
    if currency == company.currency:
        doc["ExchangeRate"] = 1
    elif doc.get("ExchangeRate") in (None, ""):
        doc["ExchangeRate"] = float(RATES.get(currency, Decimal(1)))


def _purchase_percent(store: Store, realm: str, code_id: str) -> Decimal:
    code = store.doc(realm, "TaxCode", code_id)
    rates = ((code or {}).get("PurchaseTaxRateList") or {}).get("TaxRateDetail") or []
    total = Decimal(0)
    for detail in rates:
        rate = store.doc(realm, "TaxRate", str(detail["TaxRateRef"]["value"]))
        total += _dec((rate or {}).get("RateValue") or 0)
    return total


def _tax_code(store: Store, realm: str, company: Company, detail: dict) -> Decimal:
    code = (detail.get("TaxCodeRef") or {}).get("value")
    if code is None:
        return Decimal(0)
    if company.key == "us":
        if code not in ("TAX", "NON"):
            raise _invalid("TaxCode", code, "TaxCodeRef")
        return Decimal(0)  # no sales tax on US purchases and deposits
    if store.doc(realm, "TaxCode", str(code)) is None:
        raise _invalid("TaxCode", code, "TaxCodeRef")
    return _purchase_percent(store, realm, str(code))


def _class(store: Store, realm: str, detail: dict) -> None:
    class_id = (detail.get("ClassRef") or {}).get("value")
    if class_id:
        found = store.doc(realm, "Class", str(class_id))
        if found is None:
            raise _invalid("Class", class_id, "ClassRef")
        detail["ClassRef"] = ref(found["Id"], found["Name"])


def _entity(store: Store, realm: str, value: Any, element: str) -> dict | None:
    if not isinstance(value, dict) or not value.get("value"):
        return None
    kind = value.get("type") or "Vendor"
    if kind not in ("Vendor", "Customer"):
        raise _fault("2170", "Invalid Enumeration", f"Invalid Enumeration : {kind}", element)
    found = store.doc(realm, kind, str(value["value"]))
    if found is None or found.get("Active") is False:
        raise _invalid(kind, value["value"], element)
    return {"value": found["Id"], "name": found["DisplayName"], "type": kind}


def _lines(
    store: Store,
    realm: str,
    company: Company,
    doc: dict,
    kinds: tuple[str, ...],
    paid_from: dict,
) -> tuple[Decimal, Decimal]:
    """Check and number ``doc["Line"]``; (lines' total, tax)."""
    lines = doc.get("Line")
    if not isinstance(lines, list) or not lines:
        raise _missing("Line")
    inclusive = doc.get("GlobalTaxCalculation") == "TaxInclusive"
    net_total, tax_total = Decimal(0), Decimal(0)
    for number, line in enumerate(lines, start=1):
        kind = line.get("DetailType")
        if not kind:
            raise _missing("DetailType")
        if kind not in kinds:
            raise _fault("2170", "Invalid Enumeration", f"Invalid Enumeration : {kind}", "Line")
        if line.get("Amount") in (None, ""):
            raise _missing("Amount")
        line_amount = _dec(line["Amount"])
        detail = line.setdefault(kind, {})
        if kind == "ItemBasedExpenseLineDetail":
            item_id = (detail.get("ItemRef") or {}).get("value")
            if not item_id:
                raise _missing("ItemRef")
            item = store.doc(realm, "Item", str(item_id))
            if item is None:
                raise _invalid("Item", item_id, "ItemRef")
            detail["ItemRef"] = ref(item["Id"], item["Name"])
        else:
            account = _account(store, realm, detail, "AccountRef", None)
            if account["Id"] == paid_from["Id"]:
                raise _business(
                    f"A line cannot post to {account['Name']}, the account the transaction is from",
                    "AccountRef",
                )
        if kind == DEPOSIT_LINE and detail.get("Entity") is not None:
            detail["Entity"] = _entity(store, realm, detail["Entity"], "Entity")
        _class(store, realm, detail)
        percent = _tax_code(store, realm, company, detail)
        if inclusive:
            tax = (line_amount * percent / (100 + percent)).quantize(CENT, ROUND_HALF_UP)
            net = line_amount - tax
            line["Amount"] = money(net)
        else:
            net = line_amount
            tax = (net * percent / 100).quantize(CENT, ROUND_HALF_UP)
            line["Amount"] = money(net)
        line["Id"] = str(number)
        line["LineNum"] = number
        net_total += net
        tax_total += tax
    return net_total, tax_total


def _totals(doc: dict, company: Company, net: Decimal, tax: Decimal) -> None:
    total = net + tax
    if total <= 0:
        raise _business("The transaction amount must be greater than zero", "TotalAmt")
    doc["TotalAmt"] = money(total)
    doc["TxnTaxDetail"] = {"TotalTax": money(tax)}
    if company.key != "us":
        doc["GlobalTaxCalculation"] = doc.get("GlobalTaxCalculation") or "TaxExcluded"


def check(store: Store, realm: str, entity: str, doc: dict[str, Any], company: Company) -> None:
    """Validate and complete ``doc`` (mutated) as QuickBooks does; raise ``WriteFault``."""
    {"Purchase": _purchase, "Deposit": _deposit, "Transfer": _transfer}[entity](
        store, realm, doc, company
    )


def _purchase(store: Store, realm: str, doc: dict, company: Company) -> None:
    payment_type = doc.get("PaymentType")
    if not payment_type:
        raise _missing("PaymentType")
    if payment_type not in PAYMENT_TYPES:
        raise _fault(
            "2170", "Invalid Enumeration", f"Invalid Enumeration : {payment_type}", "PaymentType"
        )
    kinds = CARD_TYPES if payment_type == "CreditCard" else BANK_TYPES
    account = _account(store, realm, doc, "AccountRef", None)
    if account.get("AccountType") not in kinds:
        raise _business(
            f"A {payment_type} purchase must be paid from a "
            f"{'credit card' if payment_type == 'CreditCard' else 'bank'} account, not "
            f"{account['Name']}",
            "AccountRef",
        )
    _header_currency(doc, account, company)
    if doc.get("EntityRef") is not None:
        doc["EntityRef"] = _entity(store, realm, doc["EntityRef"], "EntityRef")
        if doc["EntityRef"] is None:
            doc.pop("EntityRef")
    doc["Credit"] = bool(doc.get("Credit", False))
    net, tax = _lines(store, realm, company, doc, EXPENSE_LINES, account)
    _totals(doc, company, net, tax)
    doc.setdefault("TxnDate", _today(company))


def _deposit(store: Store, realm: str, doc: dict, company: Company) -> None:
    account = _account(store, realm, doc, "DepositToAccountRef", BANK_TYPES)
    _header_currency(doc, account, company)
    net, tax = _lines(store, realm, company, doc, (DEPOSIT_LINE,), account)
    _totals(doc, company, net, tax)
    doc.setdefault("TxnDate", _today(company))


def _transfer(store: Store, realm: str, doc: dict, company: Company) -> None:
    source = _account(store, realm, doc, "FromAccountRef", (*BANK_TYPES, *CARD_TYPES))
    target = _account(store, realm, doc, "ToAccountRef", (*BANK_TYPES, *CARD_TYPES))
    if source["Id"] == target["Id"]:
        raise _business(
            "You can't transfer money between the same account. Select different accounts.",
            "ToAccountRef",
        )
    if doc.get("Amount") in (None, ""):
        raise _missing("Amount")
    value = _dec(doc["Amount"])
    if value <= 0:
        raise _business("The transfer amount must be greater than zero", "Amount")
    doc["Amount"] = money(value)
    currencies = {_currency(source, company), _currency(target, company)}
    foreign = sorted(currencies - {company.currency})
    if len(foreign) > 1:
        raise _business("One side of a transfer must be in the home currency", "ToAccountRef")
    if foreign:
        doc["CurrencyRef"] = ref(foreign[0], CURRENCY_NAMES.get(foreign[0], foreign[0]))
        if doc.get("ExchangeRate") in (None, ""):
            doc["ExchangeRate"] = float(RATES.get(foreign[0], Decimal(1)))
    else:
        doc["CurrencyRef"] = ref(company.currency, company.currency_name)
    doc.setdefault("TxnDate", _today(company))


def _today(company: Company) -> str:
    from .current import sandbox

    try:
        now = sandbox().clock.now()
    except RuntimeError:  # seeding, outside a request
        now = datetime(2025, 1, 2, 9, 0)
    return now.astimezone(company.tz).date().isoformat()


# -- seed -----------------------------------------------------------------------------------------


def _tail(doc_id: str, when: str) -> dict[str, Any]:
    return {
        "domain": "QBO",
        "sparse": False,
        "Id": doc_id,
        "SyncToken": "0",
        "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
    }


def seed(store: Store, company: Company) -> None:
    realm = company.realm
    created = datetime(2025, 1, 6, 10, 0, tzinfo=company.tz)
    foreign = FOREIGN[company.key]
    accounts = []
    for n, (name, sub_type, currency, number) in enumerate(
        (
            ("Savings", "Savings", company.currency, "1010"),
            (f"{foreign} Checking", "Checking", foreign, "1020"),
        )
    ):
        when = stamp(created + timedelta(minutes=n), company.tz)
        doc = {
            "Name": name,
            "SubAccount": False,
            "FullyQualifiedName": name,
            "Active": True,
            "Classification": "Asset",
            "AccountType": "Bank",
            "AccountSubType": sub_type,
            "AcctNum": number,
            "CurrentBalance": 0,
            "CurrentBalanceWithSubAccounts": 0,
            "CurrencyRef": ref(currency, CURRENCY_NAMES.get(currency, company.currency_name)),
            **_tail(store.next_id(realm, "Account"), when),
        }
        store.put(realm, "Account", doc)
        accounts.append(doc)
    savings, abroad = accounts
    vendors = [v for v in store.docs(realm, "Vendor") if v.get("Active", True)]
    customers = [c for c in store.docs(realm, "Customer") if c.get("Active", True)]
    classes = store.docs(realm, "Class")
    vat = [] if company.key == "us" else [c for c in store.docs(realm, "TaxCode") if c["Id"] == "3"]
    tax = {"TaxCodeRef": ref("NON")} if company.key == "us" else {"TaxCodeRef": ref(vat[0]["Id"])}
    no_tax = {"TaxCodeRef": ref("NON")} if company.key == "us" else {"TaxCodeRef": ref("7")}

    def line(amount: str, account: str, description: str, **detail: Any) -> dict:
        return {
            "Amount": Decimal(amount),
            "Description": description,
            "DetailType": "AccountBasedExpenseLineDetail",
            "AccountBasedExpenseLineDetail": {
                "AccountRef": ref(account),
                "BillableStatus": "NotBillable",
                **tax,
                **detail,
            },
        }

    def vendor(i: int) -> dict:
        return {"value": vendors[i % len(vendors)]["Id"], "type": "Vendor"}

    minute = [10]

    def put(entity: str, doc: dict) -> dict:
        check(store, realm, entity, doc, company)
        when = stamp(created + timedelta(minutes=minute[0]), company.tz)
        minute[0] += 7
        doc.update(_tail(store.next_id(realm, entity), when))
        store.put(realm, entity, doc)
        return doc

    checking, card = "35", "41"
    put(
        "Purchase",
        {
            "PaymentType": "Cash",
            "AccountRef": ref(checking),
            "EntityRef": vendor(0),
            "TxnDate": "2025-01-06",
            "PrivateNote": "Electricity, December",
            "Line": [line("180.00", "24", "Gas and electric, December")],
        },
    )
    put(
        "Purchase",
        {
            "PaymentType": "Check",
            "DocNumber": "1043",
            "AccountRef": ref(checking),
            "EntityRef": vendor(1),
            "TxnDate": "2025-01-07",
            "Line": [line("450.00", "11", "Annual liability insurance")],
        },
    )
    card_line = line("89.90", "80", "Timber offcuts", ClassRef=ref(classes[0]["Id"]))
    put(
        "Purchase",
        {
            "PaymentType": "CreditCard",
            "AccountRef": ref(card),
            "EntityRef": vendor(2),
            "TxnDate": "2025-01-08",
            "Line": [card_line, line("12.50", "23", "Water")],
        },
    )
    put(
        "Purchase",
        {
            "PaymentType": "CreditCard",
            "Credit": True,
            "AccountRef": ref(card),
            "EntityRef": vendor(2),
            "TxnDate": "2025-01-09",
            "PrivateNote": "Returned timber",
            "Line": [line("20.00", "80", "Refund: timber returned")],
        },
    )
    voided = put(
        "Purchase",
        {
            "PaymentType": "Cash",
            "AccountRef": ref(checking),
            "EntityRef": vendor(0),
            "TxnDate": "2025-01-10",
            "Line": [line("42.00", "23", "Entered twice")],
        },
    )
    voided["PrivateNote"] = "Voided"
    voided["TotalAmt"] = 0
    voided["TxnTaxDetail"] = {"TotalTax": 0}
    for row in voided["Line"]:
        row["Amount"] = 0
    store.put(realm, "Purchase", voided)
    put(
        "Purchase",
        {
            "PaymentType": "Cash",
            "AccountRef": ref(abroad["Id"]),
            "TxnDate": "2025-01-11",
            "ExchangeRate": float(RATES[foreign]),
            "PrivateNote": "Import duty",
            "Line": [line("250.00", "80", "Import duty and freight", **no_tax)],
        },
    )
    customer = customers[0]
    put(
        "Deposit",
        {
            "DepositToAccountRef": ref(checking),
            "TxnDate": "2025-01-12",
            "PrivateNote": "Workshop fees, cash",
            "Line": [
                {
                    "Amount": Decimal("300.00"),
                    "Description": "Weekend workshop",
                    "DetailType": DEPOSIT_LINE,
                    DEPOSIT_LINE: {
                        "AccountRef": ref("1"),
                        "Entity": {"value": customer["Id"], "type": "Customer"},
                        **no_tax,
                    },
                }
            ],
        },
    )
    put(
        "Transfer",
        {
            "FromAccountRef": ref(checking),
            "ToAccountRef": ref(savings["Id"]),
            "Amount": Decimal("500.00"),
            "TxnDate": "2025-01-13",
            "PrivateNote": "To savings",
        },
    )
    put(
        "Transfer",
        {
            "FromAccountRef": ref(checking),
            "ToAccountRef": ref(abroad["Id"]),
            "Amount": Decimal("1000.00"),
            "TxnDate": "2025-01-14",
            "ExchangeRate": float(RATES[foreign]),
            "PrivateNote": f"Fund the {foreign} account",
        },
    )
