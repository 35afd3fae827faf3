"""Demo bank transactions and transfers for each organisation: every bank transaction type
(SPEND, RECEIVE, their -OVERPAYMENT and -PREPAYMENT variants, and the -TRANSFER sides of the
transfers), a voided and a deleted one, a reconciled one, lines with tracking and inclusive
tax, a bank account in the organisation's first foreign currency with a spend in it, and
transfers between same-currency and different-currency accounts (one deleted). Seeded after
the rest of the books, so their ids and timestamps do not move."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from . import resources as R
from .domain import bank
from .ids import stable
from .ledger import Ledger

START = date(2024, 3, 4)
#: The foreign-currency bank account every organisation gets.
FOREIGN_BANK_CODE = "092"


def _contact(ledger: Ledger, name: str) -> dict:
    (row,) = ledger.records.by_column(R.CONTACTS, "name", name)
    return {"ContactID": row["id"]}


def _line(desc: str, unit: str, account: str = "429", quantity: str = "1", **extra) -> dict:
    return {
        "Description": desc,
        "Quantity": Decimal(quantity),
        "UnitAmount": Decimal(unit),
        "AccountCode": account,
        **extra,
    }


def seed_bank(ledger: Ledger, org: dict, country: dict) -> None:
    foreign = country["currencies"][1]
    ledger.save(
        R.ACCOUNTS,
        {
            "AccountID": stable(ledger.tenant_id, "account", FOREIGN_BANK_CODE),
            "Code": FOREIGN_BANK_CODE,
            "Name": f"{foreign} Account",
            "Status": "ACTIVE",
            "Type": "BANK",
            "TaxType": "NONE",
            "Class": "ASSET",
            "EnablePaymentsToAccount": False,
            "ShowInExpenseClaims": False,
            "BankAccountNumber": "0000000003",
            "BankAccountType": "BANK",
            "CurrencyCode": foreign,
            "ReportingCode": "ASS",
            "ReportingCodeName": "Asset",
            "HasAttachments": False,
            "AddToWatchlist": False,
        },
        created=True,
    )

    def tx(kind: str, contact: str, lines: list[dict], days: int, account="090", **extra):
        payload = {
            "Type": kind,
            "Contact": _contact(ledger, contact),
            "BankAccount": {"Code": account},
            "Date": (START + timedelta(days=days)).isoformat(),
            "LineItems": lines,
            **extra,
        }
        return bank.upsert_bank_transaction(ledger, payload, None)

    tx(
        "SPEND",
        "PowerDirect",
        [_line("Electricity, February", "180.00", "429")],
        0,
        Reference="DD 0224",
        IsReconciled=True,
    )
    tx(
        "SPEND",
        "SMART Agency",
        [
            _line(
                "Flyers, trade show",
                "240.00",
                "400",
                Tracking=[{"Name": "Region", "Option": "South"}],
            ),
            _line("Printer paper", "7.50", "461", quantity="4", ItemCode="PAPER"),
        ],
        1,
        LineAmountTypes="Inclusive",
        Reference="Card 4421",
    )
    tx("RECEIVE", "Bayside Club", [_line("Room hire", "150.00", "260")], 2, Reference="Cash")
    tx(
        "RECEIVE-OVERPAYMENT",
        "City Agency",
        [{"Description": "Overpaid INV-0002", "UnitAmount": Decimal("35.00")}],
        3,
        LineAmountTypes="NoTax",
    )
    tx(
        "RECEIVE-PREPAYMENT",
        "Ridgeway University",
        [_line("Deposit for spring course", "500.00", "200")],
        4,
    )
    tx(
        "SPEND-PREPAYMENT",
        "Hoyt Productions",
        [_line("Studio deposit", "300.00", "429")],
        5,
    )
    tx(
        "SPEND-OVERPAYMENT",
        "Young Bros Transport",
        [{"Description": "Paid twice: freight", "UnitAmount": Decimal("85.00")}],
        6,
        LineAmountTypes="NoTax",
    )
    tx(
        "SPEND",
        "Young Bros Transport",
        [_line("Container freight, import", "1250.00", "310")],
        7,
        account=FOREIGN_BANK_CODE,
        CurrencyCode=foreign,
        Reference="Import 2024-03",
    )
    voided = tx("SPEND", "PowerDirect", [_line("Duplicate debit", "42.00", "429")], 8)
    bank.upsert_bank_transaction(ledger, {"Status": "VOIDED"}, voided)
    deleted = tx("RECEIVE", "Boom FM", [_line("Entered twice", "60.00", "260")], 9)
    bank.upsert_bank_transaction(ledger, {"Status": "DELETED"}, deleted)

    def transfer(source: str, target: str, value: str, days: int, **extra) -> dict:
        payload = {
            "FromBankAccount": {"Code": source},
            "ToBankAccount": {"Code": target},
            "Amount": Decimal(value),
            "Date": (START + timedelta(days=days)).isoformat(),
            **extra,
        }
        return bank.write_bank_transfer(ledger, payload, None)

    transfer("090", "091", "1000.00", 10, Reference="To savings")
    transfer("090", FOREIGN_BANK_CODE, "2000.00", 11, Reference="Fund import account")
    dropped = transfer("091", "090", "75.00", 12, Reference="Keyed wrongly")
    bank.write_bank_transfer(ledger, {"Status": "DELETED"}, dropped)
