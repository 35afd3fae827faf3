"""The books the sandbox's financial reports are computed from: every posted document's balanced
ledger lines (``ledger.postings``), dated, with what a report can break them down by, plus the
opening balances of the chart of accounts.

- Opening balances: the chart's seeded balances (``reference.ACCOUNTS``; A/R and A/P excepted,
  which come from documents) are posted the day before the company's start date, against an
  "Opening Balance Equity" line (no account of the chart: QuickBooks' own account of that name).
- Every entity ``ledger.postings`` posts (whatever it covers when asked) is read: the report
  follows the ledger, so a document type that starts posting moves the reports with it.
- Breakdowns (``summarize_column_by``): a document's class is the first ``ClassRef`` on it (on
  the document, else on its lines), its location its ``DepartmentRef``, its customer / vendor
  its ``CustomerRef`` / ``VendorRef`` / ``EntityRef`` (or a journal line's ``Entity``): every
  ledger line of a document carries the document's (a journal entry with lines in several
  classes is booked under the first).
- Cash basis: an invoice's (a bill's) lines are recognised when and as far as it is paid, each
  payment applying ``amount / total`` of every line on the payment's date, the A/R (A/P) line
  taking the rounding, so every day still balances; other documents are booked as on accrual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .ledger import PAYABLE, RECEIVABLE, postings
from .reference import ACCOUNTS
from .store import Store

__all__ = ["ACCOUNT_GROUPS", "OPENING_EQUITY", "Books", "Entry", "load_books"]

CENT = Decimal("0.01")
#: Label of the line balancing the opening balances (no account of the chart).
OPENING_EQUITY = "Opening Balance Equity"
#: Entities that may post (ledger.postings answers [] for the ones it does not know).
POSTING_ENTITIES = (
    "Invoice",
    "Bill",
    "Payment",
    "BillPayment",
    "JournalEntry",
    "CreditMemo",
    "VendorCredit",
    "RefundReceipt",
    "Purchase",
    "Deposit",
    "Transfer",
    "SalesReceipt",
)

#: AccountType → (statement, section path of QuickBooks' groups (group, title)).
ACCOUNT_GROUPS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "Bank": ("BS", (("CurrentAssets", "Current Assets"), ("BankAccounts", "Bank Accounts"))),
    "Accounts Receivable": (
        "BS",
        (("CurrentAssets", "Current Assets"), ("AR", "Accounts Receivable")),
    ),
    "Other Current Asset": (
        "BS",
        (("CurrentAssets", "Current Assets"), ("OtherCurrentAssets", "Other Current Assets")),
    ),
    "Fixed Asset": ("BS", (("FixedAssets", "Fixed Assets"),)),
    "Other Asset": ("BS", (("OtherAssets", "Other Assets"),)),
    "Accounts Payable": (
        "BS",
        (("CurrentLiabilities", "Current Liabilities"), ("AP", "Accounts Payable")),
    ),
    "Credit Card": (
        "BS",
        (("CurrentLiabilities", "Current Liabilities"), ("CreditCards", "Credit Cards")),
    ),
    "Other Current Liability": (
        "BS",
        (
            ("CurrentLiabilities", "Current Liabilities"),
            ("OtherCurrentLiabilities", "Other Current Liabilities"),
        ),
    ),
    "Long Term Liability": ("BS", (("LongTermLiabilities", "Long-Term Liabilities"),)),
    "Equity": ("BS", ()),
    "Income": ("PL", (("Income", "Income"),)),
    "Cost of Goods Sold": ("PL", (("COGS", "Cost of Goods Sold"),)),
    "Expense": ("PL", (("Expenses", "Expenses"),)),
    "Other Income": ("PL", (("OtherIncome", "Other Income"),)),
    "Other Expense": ("PL", (("OtherExpenses", "Other Expenses"),)),
}
ASSET_TYPES = {"Bank", "Accounts Receivable", "Other Current Asset", "Fixed Asset", "Other Asset"}


@dataclass(frozen=True)
class Entry:
    day: date
    account: str | None  # None: the opening balance equity line
    amount: Decimal  # home currency, debit positive
    entity: str
    doc_id: str
    keys: tuple[tuple[str, str | None], ...]  # (dimension, id) the document is booked under

    def key(self, dimension: str) -> str | None:
        return dict(self.keys).get(dimension)


@dataclass
class Books:
    realm: str
    accounts: dict[str, dict[str, Any]]
    entries: list[Entry]
    fiscal_start_month: int
    names: dict[str, dict[str, str]]  # dimension → id → name

    def account_type(self, account: str | None) -> str:
        return str((self.accounts.get(account or "") or {}).get("AccountType") or "Equity")

    def statement(self, account: str | None) -> str:
        return ACCOUNT_GROUPS.get(self.account_type(account), ("BS", ()))[0]

    def fiscal_year_start(self, day: date) -> date:
        year = day.year if day.month >= self.fiscal_start_month else day.year - 1
        return date(year, self.fiscal_start_month, 1)

    def balances(
        self, start: date | None, end: date, statement: str | None = None, dimension: str = ""
    ) -> dict[tuple[str | None, str | None], Decimal]:
        """``{(account, dimension key): debit-positive sum}`` of entries dated ``start``..``end``
        (from the beginning when ``start`` is None), of one statement's accounts if given."""
        out: dict[tuple[str | None, str | None], Decimal] = {}
        for e in self.entries:
            if e.day > end or (start is not None and e.day < start):
                continue
            if statement is not None and self.statement(e.account) != statement:
                continue
            key = (e.account, e.key(dimension) if dimension else None)
            out[key] = out.get(key, Decimal(0)) + e.amount
        return out


MONTHS = {
    name: n
    for n, name in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}


def _d(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else Decimal(0)


def _ref(obj: Any, key: str) -> str | None:
    ref = obj.get(key) if isinstance(obj, dict) else None
    return str(ref["value"]) if isinstance(ref, dict) and ref.get("value") else None


def _lines(doc: dict) -> list[dict]:
    out = []
    for line in doc.get("Line") or ():
        if not isinstance(line, dict):
            continue
        out.append(line)
        group = line.get("GroupLineDetail")
        if isinstance(group, dict):
            out.extend(x for x in group.get("Line") or () if isinstance(x, dict))
    return out


def _dimensions(entity: str, doc: dict) -> tuple[tuple[str, str | None], ...]:
    klass = _ref(doc, "ClassRef")
    customer = _ref(doc, "CustomerRef")
    vendor = _ref(doc, "VendorRef")
    entity_ref = doc.get("EntityRef")
    for line in _lines(doc):
        detail = line.get(str(line.get("DetailType") or "")) or {}
        klass = klass or _ref(detail, "ClassRef")
        party = detail.get("Entity") if isinstance(detail, dict) else None
        if isinstance(party, dict) and not entity_ref:
            entity_ref = {"type": party.get("Type"), **(party.get("EntityRef") or {})}
    if isinstance(entity_ref, dict) and entity_ref.get("value"):
        if entity_ref.get("type") == "Customer":
            customer = customer or str(entity_ref["value"])
        elif entity_ref.get("type") == "Vendor":
            vendor = vendor or str(entity_ref["value"])
    return (
        ("Classes", klass),
        ("Departments", _ref(doc, "DepartmentRef")),
        ("Customers", customer),
        ("Vendors", vendor),
    )


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


#: What a payment's line can settle: the documents it pays (+) and the credits it uses (-).
PAID = {"Invoice", "Bill"}


def _txn_day(store: Store, realm: str, entity: str, doc_id: str) -> date | None:
    doc = store.doc(realm, entity, doc_id) or {}
    day = str(doc.get("TxnDate") or "")[:10]
    return date.fromisoformat(day) if day else None


def _applications(store: Store, realm: str) -> dict[tuple[str, str], list[tuple[date, Decimal]]]:
    """(entity, id) → [(date it takes effect, amount settled)], from Payment / BillPayment lines:
    for every invoice or bill paid, every credit used, and the payment itself (what of it was
    applied: invoices paid less credits used).

    A settlement takes effect when every document it joins exists: a line on the later of the
    payment's and its document's dates; a zero-total payment applying a credit to an invoice
    (QuickBooks' way) on the latest date of all its documents, both sides at once. So on any
    day the open amounts of the documents add up to the control account's ledger balance."""
    out: dict[tuple[str, str], list[tuple[date, Decimal]]] = {}
    for payer in ("Payment", "BillPayment"):
        for pay in store.docs(realm, payer):
            day = str(pay.get("TxnDate") or "")[:10]
            if not day or not _funded(store, realm, pay):
                continue
            paid_on = date.fromisoformat(day)
            links = []
            for line in pay.get("Line") or ():
                for link in line.get("LinkedTxn") or ():
                    kind, ident = str(link.get("TxnType")), str(link.get("TxnId"))
                    when = _txn_day(store, realm, kind, ident) or paid_on
                    links.append((kind, ident, max(paid_on, when), _d(line.get("Amount"))))
            if not links:
                continue
            if not _d(pay.get("TotalAmt")):
                latest = max(w for _, _, w, _ in links)
                links = [(k, i, latest, a) for k, i, _, a in links]
            for kind, ident, when, amount in links:
                out.setdefault((kind, ident), []).append((when, amount))
                sign = 1 if kind in PAID else -1
                out.setdefault((payer, str(pay["Id"])), []).append((when, sign * amount))
    return out


def _funded(store: Store, realm: str, pay: dict) -> bool:
    """A zero-total payment applies credits to invoices (bills): it counts only when the
    credits it applies are on the ledger (``postings`` books them), so open items and the
    control account move together."""
    if _d(pay.get("TotalAmt")):
        return True
    for line in pay.get("Line") or ():
        for link in line.get("LinkedTxn") or ():
            kind = str(link.get("TxnType"))
            if kind in ("Invoice", "Bill"):
                continue
            doc = store.doc(realm, kind, str(link.get("TxnId"))) or {}
            if not doc or not postings(store, realm, kind, doc):
                return False
    return True


def _cash_split(
    lines: list[tuple[str, Decimal, str]], control: str, total: Decimal, paid: list
) -> list[tuple[date, str, Decimal]]:
    """An invoice's (bill's) lines recognised per payment: ``amount / total`` of each line on
    the payment's date, the control account line balancing each day."""
    out: list[tuple[date, str, Decimal]] = []
    for day, amount in paid:
        share = amount / total if total else Decimal(0)
        part = [(a, _cents(v * share)) for a, v, _ in lines if a != control]
        out += [(day, a, v) for a, v in part if v]
        out.append((day, control, -sum((v for _, v in part), Decimal(0))))
    return out


def load_books(store: Store, realm: str, *, cash: bool = False) -> Books:
    accounts = {str(a["Id"]): a for a in store.docs(realm, "Account")}
    info = store.doc(realm, "CompanyInfo", "1") or {}
    fiscal = MONTHS.get(str(info.get("FiscalYearStartMonth") or "January"), 1)
    start = str(info.get("CompanyStartDate") or "2024-01-01")[:10]
    opening_day = date.fromisoformat(start) - timedelta(days=1)
    entries: list[Entry] = []
    opening_total = Decimal(0)
    for acc_id, _name, _parent, kind, _sub, _num, balance, _active in ACCOUNTS:
        value = _d(balance)
        if not value or acc_id in (RECEIVABLE, PAYABLE) or acc_id not in accounts:
            continue
        signed = value if kind in ASSET_TYPES else -value
        opening_total += signed
        entries.append(Entry(opening_day, acc_id, signed, "Opening", acc_id, ()))
    if opening_total:
        entries.append(Entry(opening_day, None, -opening_total, "Opening", "", ()))
    applied = _applications(store, realm) if cash else {}
    for entity in POSTING_ENTITIES:
        for doc in store.docs(realm, entity):
            day = str(doc.get("TxnDate") or "")[:10]
            if not day:
                continue
            lines = postings(store, realm, entity, doc)
            if not lines:
                continue
            keys = _dimensions(entity, doc)
            booked: list[tuple[date, str, Decimal]]
            control = RECEIVABLE if entity == "Invoice" else _ref(doc, "APAccountRef") or PAYABLE
            if cash and entity in ("Invoice", "Bill"):
                total = _d(doc.get("TotalAmt"))
                booked = _cash_split(
                    lines, control, total, applied.get((entity, str(doc["Id"])), [])
                )
            else:
                booked = [(date.fromisoformat(day), a, v) for a, v, _ in lines]
            entries += [Entry(d, a, v, entity, str(doc["Id"]), keys) for d, a, v in booked]
    names: dict[str, dict[str, str]] = {}
    for dimension, entity, field in (
        ("Classes", "Class", "FullyQualifiedName"),
        ("Departments", "Department", "FullyQualifiedName"),
        ("Customers", "Customer", "DisplayName"),
        ("Vendors", "Vendor", "DisplayName"),
    ):
        names[dimension] = {
            str(d["Id"]): str(d.get(field) or d.get("Name") or d["Id"])
            for d in store.docs(realm, entity)
        }
    return Books(realm, accounts, entries, fiscal, names)
