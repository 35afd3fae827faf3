"""Seed: a foreign-currency sales credit note, approved and partly allocated to the invoice in
the same currency (Xero allocates only within one currency), and the statuses the demo books
lack (SUBMITTED, DELETED). Seeded after everything else, so the ids and timestamps of the rest
of the demo books stay as they were."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from . import resources as R
from .domain import payments, transactions
from .ledger import Ledger


def foreign_credit_note(ledger: Ledger, contact_id: str, currency: str, day: date) -> dict:
    note = transactions.upsert(
        ledger,
        transactions.CREDIT_NOTE,
        {
            "Type": "ACCRECCREDIT",
            "Status": "AUTHORISED",
            "Contact": {"ContactID": contact_id},
            "Date": day.isoformat(),
            "LineAmountTypes": "Exclusive",
            "CurrencyCode": currency,
            "Reference": "FX credit",
            "LineItems": [
                {
                    "Description": "Export consulting: hours not worked",
                    "Quantity": Decimal(1),
                    "UnitAmount": Decimal("310.00"),
                    "AccountCode": "200",
                    "Tracking": [{"Name": "Region", "Option": "North"}],
                }
            ],
        },
        None,
    )
    invoice = next(
        (
            i
            for i in ledger.records.all_docs(R.INVOICES)
            if i.get("CurrencyCode") == currency
            and i.get("Type") == "ACCREC"
            and i.get("Status") == "AUTHORISED"
            and (i.get("Contact") or {}).get("ContactID") == contact_id
        ),
        None,
    )
    if invoice is not None:
        payments.allocate_credit(
            ledger,
            note,
            {
                "Allocations": [
                    {
                        "Invoice": {"InvoiceID": invoice["InvoiceID"]},
                        "Amount": Decimal("100.00"),
                        "Date": (day + timedelta(days=1)).isoformat(),
                    }
                ]
            },
        )
    return note


def credit_note_statuses(ledger: Ledger, day: date) -> None:
    """The credit note statuses the demo books lack: a supplier credit awaiting approval
    (SUBMITTED) and a draft sales credit deleted (DELETED). Seeded after every other record."""

    def note(kind: str, status: str, contact: str, description: str, amount: str) -> dict:
        (row,) = ledger.records.by_column(R.CONTACTS, "name", contact)
        return transactions.upsert(
            ledger,
            transactions.CREDIT_NOTE,
            {
                "Type": kind,
                "Status": status,
                "Contact": {"ContactID": row["id"]},
                "Date": day.isoformat(),
                "LineAmountTypes": "Exclusive",
                "LineItems": [
                    {
                        "Description": description,
                        "Quantity": Decimal(1),
                        "UnitAmount": Decimal(amount),
                        "AccountCode": "400" if kind == "ACCPAYCREDIT" else "200",
                    }
                ],
            },
            None,
        )

    note("ACCPAYCREDIT", "SUBMITTED", "PowerDirect", "Meter misread: credit due", "38.40")
    dropped = note("ACCRECCREDIT", "DRAFT", "Bayside Club", "Drafted by mistake", "12.00")
    transactions.upsert(ledger, transactions.CREDIT_NOTE, {"Status": "DELETED"}, dropped)
