"""Seeded journal entries per company: an accrual with a vendor and a class on its lines, a
depreciation entry, and (US) a foreign-currency-free reclassification. Ids from 1 per company;
every one balances (the unbalanced attempt is refused by the API, never stored)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from .seed import Company, money, ref, stamp


def _line(n: int, posting: str, amount: str, account: tuple[str, str], **extra: Any) -> dict:
    detail: dict[str, Any] = {"PostingType": posting, "AccountRef": ref(*account)}
    detail.update(extra.pop("detail", {}))
    return {
        "Id": str(n),
        "Amount": money(Decimal(amount)),
        "DetailType": "JournalEntryLineDetail",
        "JournalEntryLineDetail": detail,
        **extra,
    }


def journal_entries(company: Company, vendor_id: str) -> list[dict[str, Any]]:
    when = stamp(datetime(2025, 1, 3, 9, 0, tzinfo=company.tz), company.tz)
    klass = (
        {"ClassRef": ref("5000000000000018", "Design")}
        if company.key == "us"
        else {"ClassRef": ref("5000000000000031", "Residential")}
    )
    entries = [
        {
            "DocNumber": "JE-1",
            "TxnDate": "2024-01-31",
            "PrivateNote": "Insurance accrual, January",
            "Line": [
                _line(
                    0, "Debit", "150.00", ("11", "Insurance"), Description="Premium", detail=klass
                ),
                _line(
                    1,
                    "Credit",
                    "150.00",
                    ("33", "Accounts Payable (A/P)"),
                    Description="Premium",
                    detail={"Entity": {"Type": "Vendor", "EntityRef": ref(vendor_id)}},
                ),
            ],
            "TotalAmt": money(Decimal("150.00")),
        },
        {
            "DocNumber": "JE-2",
            "TxnDate": "2024-02-29",
            "PrivateNote": "Depreciation",
            "Line": [
                _line(0, "Debit", "42.50", ("24", "Gas and Electric")),
                _line(1, "Credit", "42.50", ("35", "Checking")),
            ],
            "TotalAmt": money(Decimal("42.50")),
        },
    ]
    out = []
    for n, doc in enumerate(entries, start=1):
        doc.update(
            {
                "Adjustment": False,
                "CurrencyRef": ref(company.currency),
                "TxnTaxDetail": {},
                "domain": "QBO",
                "sparse": False,
                "Id": str(n),
                "SyncToken": "0",
                "MetaData": {"CreateTime": when, "LastUpdatedTime": when},
            }
        )
        out.append(doc)
    return out
