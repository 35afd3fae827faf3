"""Seeded manual journals: one posted, one posted then voided, one draft (with tax and tracking).
The journals Xero writes for them, and for every seeded invoice, bill, credit note and payment,
come from the ledger (sandbox/xero/domain/journals.py)."""

from __future__ import annotations

from datetime import date

from .domain import journals
from .ledger import Ledger


def seed_manual_journals(ledger: Ledger, country: dict) -> None:
    posted = journals.upsert_manual_journal(
        ledger,
        {
            "Narration": "Rent paid by standing order, January",
            "Date": date(2024, 1, 31).isoformat(),
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": "1200.00", "AccountCode": "429", "Description": "Rent"},
                {"LineAmount": "-1200.00", "AccountCode": "090", "Description": "Rent"},
            ],
        },
        None,
    )
    voided = journals.upsert_manual_journal(
        ledger,
        {
            "Narration": "Owner drawings (entered twice)",
            "Date": date(2024, 2, 2).isoformat(),
            "Status": "POSTED",
            "JournalLines": [
                {"LineAmount": "250.00", "AccountCode": "880"},
                {"LineAmount": "-250.00", "AccountCode": "090"},
            ],
        },
        None,
    )
    journals.upsert_manual_journal(ledger, {"Status": "VOIDED"}, voided)
    journals.upsert_manual_journal(
        ledger,
        {
            "Narration": "Reclassify consulting income (draft)",
            "Date": date(2024, 2, 29).isoformat(),
            "LineAmountTypes": "Exclusive",
            "JournalLines": [
                {
                    "LineAmount": "100.00",
                    "AccountCode": "200",
                    "TaxType": country["sales_tax"],
                    "Description": "Out of sales",
                },
                {
                    "LineAmount": "-100.00",
                    "AccountCode": "260",
                    "TaxType": country["sales_tax"],
                    "Description": "Into other revenue",
                },
            ],
        },
        None,
    )
    del posted


def deleted_manual_journal(ledger: Ledger) -> None:
    """A draft manual journal deleted (DELETED), seeded after every other record. (An unbalanced
    journal is refused with Xero's 400 and never stored: the tests attempt one.)"""
    draft = journals.upsert_manual_journal(
        ledger,
        {
            "Narration": "Accrual drafted twice",
            "Date": date(2024, 3, 29).isoformat(),
            "JournalLines": [
                {"LineAmount": "80.00", "AccountCode": "429"},
                {"LineAmount": "-80.00", "AccountCode": "090"},
            ],
        },
        None,
    )
    journals.upsert_manual_journal(ledger, {"Status": "DELETED"}, draft)
