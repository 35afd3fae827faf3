"""The seed's remaining cases from issue 15's list ("every status, foreign currency, a partly
allocated credit note, a refund, an unbalanced journal attempt, attachments of several types"),
for the credit, journal and banking entities. Seeded last (after banking), so no other entity's
id or timestamp moves:

- a credit memo applied in full to an open invoice (unified status APPLIED) and a voided one
  (VOID), beside the open, partly applied and foreign ones of ``credits.py``;
- a vendor credit partly applied to an open bill, QuickBooks' way: a zero-total BillPayment whose
  lines link the bill and the credit (the bill's and the credit's ``Balance`` drop);
- (US) a vendor credit in CAD from the Canadian vendor of ``purchase_orders.py``;
- a journal entry in the foreign currency of the foreign bank account (``ExchangeRate``);
- a deposit into the foreign bank account.

An unbalanced journal entry is refused by the API and never stored (as at Intuit): the tests
attempt one. Files of more types (JPEG, XLSX) on a credit memo, purchase order, purchase and
journal entry come with the other demo files (``attachments.seed_files``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from . import banking, credits
from .seed import Company, money, ref, stamp, void
from .store import Store

__all__ = ["seed_cases"]


def _tail(store: Store, company: Company, entity: str, when: datetime) -> dict[str, Any]:
    moment = stamp(when, company.tz)
    return {
        "domain": "QBO",
        "sparse": False,
        "Id": store.next_id(company.realm, entity),
        "SyncToken": "0",
        "MetaData": {"CreateTime": moment, "LastUpdatedTime": moment},
    }


def _bump(doc: dict[str, Any], company: Company, when: datetime) -> None:
    doc["SyncToken"] = str(int(doc.get("SyncToken") or 0) + 1)
    doc["MetaData"] = {**doc["MetaData"], "LastUpdatedTime": stamp(when, company.tz)}


def _open(store: Store, company: Company, entity: str) -> list[dict[str, Any]]:
    """Open home-currency documents, fullest balance first."""
    docs = [
        d
        for d in store.docs(company.realm, entity)
        if Decimal(str(d.get("Balance") or 0)) > 0
        and (d.get("CurrencyRef") or {}).get("value") in (None, company.currency)
    ]
    return sorted(docs, key=lambda d: -Decimal(str(d["Balance"])))


def _credit_memos(store: Store, company: Company, start: datetime) -> None:
    customers = {c["Id"]: c for c in store.docs(company.realm, "Customer")}
    item = ("1", "Design") if company.country == "US" else ("1", "Design consultation")
    exempt = "NON" if company.country == "US" else "7"
    invoice = _open(store, company, "Invoice")[0]
    customer = customers[invoice["CustomerRef"]["value"]]
    memo = credits._credit_memo(
        store,
        company,
        customer,
        start.date(),
        [credits._sales_line(item, 1, "40", exempt)],
        start,
        "CM-1004",
    )
    credits._apply(store, company, memo, invoice, Decimal(str(memo["TotalAmt"])), start)
    when = start + timedelta(hours=2)
    voided = credits._credit_memo(
        store,
        company,
        customer,
        when.date(),
        [credits._sales_line(item, 1, "25", exempt)],
        when,
        "CM-1005",
    )
    void(voided)
    voided["RemainingCredit"] = 0
    _bump(voided, company, when + timedelta(minutes=30))
    store.put(company.realm, "CreditMemo", voided)


def _vendor_credit(
    store: Store, company: Company, vendor: dict, number: str, value: str, when: datetime, **extra
) -> dict[str, Any]:
    doc = {
        "DocNumber": number,
        "TxnDate": when.date().isoformat(),
        "CurrencyRef": vendor.get("CurrencyRef") or ref(company.currency),
        "VendorRef": ref(vendor["Id"], vendor["DisplayName"]),
        "APAccountRef": ref("33", "Accounts Payable (A/P)"),
        "Line": [
            {
                "Description": extra.pop("description", "Credit for short delivery"),
                "Amount": float(value),
                "DetailType": "AccountBasedExpenseLineDetail",
                "AccountBasedExpenseLineDetail": {
                    "AccountRef": ref("80", "Cost of Goods Sold"),
                    "TaxCodeRef": ref("NON" if company.country == "US" else "7"),
                },
            }
        ],
        **extra,
    }
    credits._put(store, company, "VendorCredit", doc, when)
    doc["Balance"] = doc["TotalAmt"]
    store.put(company.realm, "VendorCredit", doc)
    return doc


def _vendor_credits(store: Store, company: Company, start: datetime) -> None:
    vendors = {v["Id"]: v for v in store.docs(company.realm, "Vendor")}
    bills = _open(store, company, "Bill")
    if bills:
        bill = bills[0]
        credit = _vendor_credit(
            store, company, vendors[bill["VendorRef"]["value"]], "VC-502", "60", start
        )
        applied = Decimal("25.00")
        when = start + timedelta(hours=1)
        payment = {
            "VendorRef": bill["VendorRef"],
            "TxnDate": when.date().isoformat(),
            "CurrencyRef": bill.get("CurrencyRef") or ref(company.currency),
            "PayType": "Check",
            "CheckPayment": {"BankAccountRef": ref("35", "Checking"), "PrintStatus": "NotSet"},
            "TotalAmt": 0.0,
            "Line": [
                {"Amount": money(applied), "LinkedTxn": [{"TxnId": bill["Id"], "TxnType": "Bill"}]},
                {
                    "Amount": money(applied),
                    "LinkedTxn": [{"TxnId": credit["Id"], "TxnType": "VendorCredit"}],
                },
            ],
            **_tail(store, company, "BillPayment", when),
        }
        store.put(company.realm, "BillPayment", payment)
        for doc in (bill, credit):
            doc["Balance"] = money(Decimal(str(doc["Balance"])) - applied)
            _bump(doc, company, when)
        bill["LinkedTxn"] = [
            *bill.get("LinkedTxn", []),
            {"TxnId": payment["Id"], "TxnType": "BillPayment"},
        ]
        store.put(company.realm, "Bill", bill)
        store.put(company.realm, "VendorCredit", credit)
    foreign = [
        v
        for v in vendors.values()
        if (v.get("CurrencyRef") or {}).get("value") not in (None, company.currency)
    ]
    if foreign:
        currency = foreign[0]["CurrencyRef"]["value"]
        _vendor_credit(
            store,
            company,
            foreign[0],
            "VC-503",
            "180",
            start + timedelta(hours=2),
            ExchangeRate=float(banking.RATES.get(currency, Decimal(1))),
            description="Warped boards returned",
        )


def _foreign_bank(store: Store, company: Company) -> dict[str, Any]:
    name = f"{banking.FOREIGN[company.key]} Checking"
    return next(a for a in store.docs(company.realm, "Account") if a["Name"] == name)


def _journal_entry(store: Store, company: Company, when: datetime) -> None:
    account = _foreign_bank(store, company)
    currency = account["CurrencyRef"]["value"]

    def line(n: int, posting: str, target: dict[str, str]) -> dict[str, Any]:
        return {
            "Id": str(n),
            "Description": "Monthly account fee",
            "Amount": 15.0,
            "DetailType": "JournalEntryLineDetail",
            "JournalEntryLineDetail": {"PostingType": posting, "AccountRef": target},
        }

    store.put(
        company.realm,
        "JournalEntry",
        {
            "DocNumber": "JE-3",
            "TxnDate": when.date().isoformat(),
            "PrivateNote": f"Bank fee on the {currency} account",
            "CurrencyRef": ref(currency, banking.CURRENCY_NAMES.get(currency, currency)),
            "ExchangeRate": float(banking.RATES[currency]),
            "Adjustment": False,
            "TxnTaxDetail": {},
            "TotalAmt": 15.0,
            "Line": [
                line(0, "Debit", ref("10", "Legal & Professional Fees")),
                line(1, "Credit", ref(account["Id"], account["Name"])),
            ],
            **_tail(store, company, "JournalEntry", when),
        },
    )


def _deposit(store: Store, company: Company, when: datetime) -> None:
    account = _foreign_bank(store, company)
    doc: dict[str, Any] = {
        "DepositToAccountRef": ref(account["Id"]),
        "TxnDate": when.date().isoformat(),
        "PrivateNote": "Export workshop fees",
        "Line": [
            {
                "Amount": Decimal("400.00"),
                "Description": "Workshop abroad",
                "DetailType": banking.DEPOSIT_LINE,
                banking.DEPOSIT_LINE: {
                    "AccountRef": ref("1"),
                    "TaxCodeRef": ref("NON" if company.country == "US" else "7"),
                },
            }
        ],
    }
    banking.check(store, company.realm, "Deposit", doc, company)
    doc.update(_tail(store, company, "Deposit", when))
    store.put(company.realm, "Deposit", doc)


def seed_cases(store: Store, company: Company) -> None:
    start = datetime(2025, 2, 20, 10, 0, tzinfo=company.tz)
    _credit_memos(store, company, start)
    _vendor_credits(store, company, start + timedelta(days=1))
    _journal_entry(store, company, start + timedelta(days=2))
    _deposit(store, company, start + timedelta(days=3))
