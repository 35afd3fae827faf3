"""Bank transactions and bank transfers with Xero's rules.

Bank transactions (``PUT``/``POST /BankTransactions``):

- ``Type`` is one of SPEND, RECEIVE, their -OVERPAYMENT and -PREPAYMENT variants; the
  -TRANSFER types are the two sides of a bank transfer and are only made by ``/BankTransfers``.
- A ``Contact`` and a ``BankAccount`` (by ``AccountID`` or ``Code``; an account of type BANK)
  are required; the transaction is in the bank account's currency (another ``CurrencyCode`` is
  refused); a foreign one takes ``CurrencyRate`` or the day's rate.
- Lines need an account code (not a bank account), except on overpayments and prepayments,
  whose lines post to the contact's balance; tax, tracking and arithmetic are the invoices'.
- New transactions are AUTHORISED; an update may set ``Status`` DELETED (or VOIDED); a deleted
  or voided transaction cannot change again, nor can a reconciled one (but to be deleted).

Bank transfers (``PUT /BankTransfers``): two different bank accounts, an ``Amount`` above zero in
the source account's currency, a ``CurrencyRate`` (or the day's) between accounts in different
currencies. A transfer writes its two sides as SPEND-TRANSFER and RECEIVE-TRANSFER bank
transactions. ``POST /BankTransfers/{id}`` with ``Status`` DELETED deletes the transfer and both
sides. Xero sends no webhooks for either.
"""

from __future__ import annotations

from decimal import Decimal

from .. import resources as R
from ..ids import fresh, is_guid
from ..ledger import Ledger
from ..money import ZERO, dec, money
from ..xdates import day_ms, iso_utc, ms_date
from . import transactions
from .documents import contact_summary
from .errors import ValidationFailed
from .totals import document_totals

TYPES = (
    "SPEND",
    "RECEIVE",
    "SPEND-OVERPAYMENT",
    "RECEIVE-OVERPAYMENT",
    "SPEND-PREPAYMENT",
    "RECEIVE-PREPAYMENT",
    "SPEND-TRANSFER",
    "RECEIVE-TRANSFER",
)
TRANSFER_TYPES = ("SPEND-TRANSFER", "RECEIVE-TRANSFER")
STATUSES = ("AUTHORISED", "DELETED", "VOIDED")
CLOSED = ("DELETED", "VOIDED")

NO_TRANSFER_TYPES = (
    "Bank transactions of type SPEND-TRANSFER or RECEIVE-TRANSFER cannot be created or "
    "edited; use the BankTransfers endpoint"
)
SAME_ACCOUNT = "The FromBankAccount and ToBankAccount must be different bank accounts"


def bank_account(ledger: Ledger, ref: object, label: str, errors: list[str]) -> dict | None:
    """The BANK account named by ``{"AccountID": …}`` or ``{"Code": …}``."""
    if not isinstance(ref, dict) or not (ref.get("AccountID") or ref.get("Code")):
        errors.append(f"{label} is required")
        return None
    account = None
    if ref.get("AccountID"):
        ident = str(ref["AccountID"]).lower()
        if is_guid(ident):
            account = next(
                (
                    a
                    for a in ledger.records.all_docs(R.ACCOUNTS)
                    if str(a["AccountID"]).lower() == ident
                ),
                None,
            )
    else:
        account = ledger.accounts.get(str(ref["Code"]))
    if account is None:
        errors.append(f"The {label} could not be found")
        return None
    if account.get("Type") != "BANK":
        errors.append(f"The {label} '{account.get('Name')}' is not a bank account")
        return None
    if account.get("Status") != "ACTIVE":
        errors.append(f"The {label} '{account.get('Name')}' is archived")
        return None
    return account


def _bank_summary(account: dict) -> dict:
    out = {"AccountID": account["AccountID"], "Name": account["Name"]}
    if account.get("Code"):
        out["Code"] = account["Code"]
    return out


def _currency(ledger: Ledger, account: dict) -> str:
    return str(account.get("CurrencyCode") or ledger.base_currency)


def upsert_bank_transaction(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    """Validate ``payload`` against ``existing`` (None to create) and save the result."""
    if existing is not None:
        before = existing["Status"]
        target = str(payload.get("Status") or before).upper()
        if before in CLOSED:
            raise ValidationFailed(
                "This Bank Transaction cannot be edited as it has been "
                + ("deleted" if before == "DELETED" else "voided")
            )
        if existing["Type"] in TRANSFER_TYPES:
            raise ValidationFailed(NO_TRANSFER_TYPES)
        if target in CLOSED:
            doc = dict(existing, Status=target)
            return ledger.save(R.BANK_TRANSACTIONS, doc, created=False)
        if target not in STATUSES:
            raise ValidationFailed(f"Status must be one of {', '.join(STATUSES)}")
        if existing.get("IsReconciled"):
            raise ValidationFailed("This Bank Transaction cannot be edited as it is reconciled")
    doc = _build(ledger, payload, existing)
    return ledger.save(R.BANK_TRANSACTIONS, doc, created=existing is None)


def _build(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    errors: list[str] = []
    pick = transactions._pick
    kind = str(pick(payload, existing, "Type", "")).upper()
    if kind in TRANSFER_TYPES:
        raise ValidationFailed(NO_TRANSFER_TYPES)
    if kind not in TYPES:
        errors.append(
            "Type must be one of SPEND, RECEIVE, SPEND-OVERPAYMENT, RECEIVE-OVERPAYMENT, "
            "SPEND-PREPAYMENT, RECEIVE-PREPAYMENT"
        )
    status = str(pick(payload, existing, "Status", "AUTHORISED")).upper()
    if existing is None and status != "AUTHORISED":
        errors.append("Bank transactions can only be created with a status of AUTHORISED")
    receive = kind.startswith("RECEIVE")
    credit = kind.endswith(("OVERPAYMENT", "PREPAYMENT"))

    contact = transactions.resolve_contact(
        ledger, payload.get("Contact") or (existing or {}).get("Contact"), errors
    )
    if contact is not None and contact.get("ContactStatus") == "ARCHIVED":
        errors.append(f"The contact '{contact['Name']}' is archived and cannot be used")
    account = bank_account(
        ledger,
        payload.get("BankAccount") or (existing or {}).get("BankAccount"),
        "BankAccount",
        errors,
    )
    day = transactions._day(payload, existing, "Date", errors) or ledger.clock.now().date()

    lat = str(pick(payload, existing, "LineAmountTypes", "Exclusive"))
    lat = {"exclusive": "Exclusive", "inclusive": "Inclusive", "notax": "NoTax"}.get(
        lat.lower(), lat
    )
    if lat not in transactions.LINE_AMOUNT_TYPES:
        errors.append("LineAmountTypes must be one of Exclusive, Inclusive, NoTax")

    currency, rate = ledger.base_currency, Decimal("1.000000")
    if account is not None:
        currency = _currency(ledger, account)
        asked = str(payload.get("CurrencyCode") or currency).upper()
        if asked != currency:
            errors.append(
                f"The currency {asked} does not match the bank account's currency {currency}"
            )
        if currency != ledger.base_currency:
            given = payload.get("CurrencyRate")
            if given is None and existing and existing.get("CurrencyCode") == currency:
                given = existing.get("CurrencyRate")
            try:
                rate = dec(given) or ledger.fx_rate(currency)
            except ValueError:
                errors.append("CurrencyRate must be a number")

    raw_lines = payload.get("LineItems")
    if raw_lines is None:
        raw_lines = (existing or {}).get("LineItems", [])
    if not isinstance(raw_lines, list):
        errors.append("LineItems must be a list")
        raw_lines = []
    # Overpayment and prepayment lines post to the contact's balance: no account needed
    # ("DRAFT" tells the invoice line rules so). "ACCPAY": no DiscountRate on these lines.
    line_status = "DRAFT" if credit else "AUTHORISED"
    lines = [
        transactions._line(ledger, raw, lat, line_status, receive, "ACCPAY", errors)
        for raw in raw_lines
    ]
    lines = [line for line in lines if line is not None]
    if not lines and not errors:
        errors.append("At least one line item must be specified")
    if errors:
        raise ValidationFailed(*errors)

    totals = document_totals(lines, lat)
    if totals["Total"] <= 0:
        raise ValidationFailed("The total of a bank transaction must be greater than zero")
    for line in lines:
        line.pop("_discount", None)

    existing = existing or {}
    record_id = existing.get("BankTransactionID") or fresh()
    doc: dict = {"BankTransactionID": record_id, "Type": kind}
    doc["Contact"] = contact_summary(contact)
    doc["BankAccount"] = _bank_summary(account)
    doc["IsReconciled"] = bool(pick(payload, existing, "IsReconciled", False))
    doc["Date"] = ms_date(day_ms(day))
    reference = pick(payload, existing, "Reference")
    if reference not in (None, ""):
        doc["Reference"] = str(reference)
    doc["CurrencyCode"] = currency
    doc["CurrencyRate"] = rate
    url = pick(payload, existing, "Url")
    if url:
        doc["Url"] = str(url)
    doc["Status"] = status
    doc["LineAmountTypes"] = lat
    doc["LineItems"] = lines
    doc["SubTotal"] = totals["SubTotal"]
    doc["TotalTax"] = totals["TotalTax"]
    doc["Total"] = totals["Total"]
    if kind.endswith("PREPAYMENT"):
        doc["PrepaymentID"] = existing.get("PrepaymentID") or fresh()
    if kind.endswith("OVERPAYMENT"):
        doc["OverpaymentID"] = existing.get("OverpaymentID") or fresh()
    doc["HasAttachments"] = bool(existing.get("HasAttachments", False))
    return doc


# -- bank transfers ----------------------------------------------------------------------


def write_bank_transfer(ledger: Ledger, payload: dict, existing: dict | None) -> dict:
    if existing is None:
        return _create_transfer(ledger, payload)
    if str(payload.get("Status") or "").upper() != "DELETED" or set(payload) - {
        "Status",
        "BankTransferID",
    }:
        raise ValidationFailed("A bank transfer cannot be edited; it can only be deleted")
    if existing.get("Status") == "DELETED":
        raise ValidationFailed("This bank transfer has already been deleted")
    for side in ("FromBankTransactionID", "ToBankTransactionID"):
        tx = ledger.records.get(R.BANK_TRANSACTIONS, existing[side])
        if tx is not None:
            ledger.save(R.BANK_TRANSACTIONS, dict(tx, Status="DELETED"), created=False)
    return ledger.save(R.BANK_TRANSFERS, dict(existing, Status="DELETED"), created=False)


def _create_transfer(ledger: Ledger, payload: dict) -> dict:
    errors: list[str] = []
    source = bank_account(ledger, payload.get("FromBankAccount"), "FromBankAccount", errors)
    target = bank_account(ledger, payload.get("ToBankAccount"), "ToBankAccount", errors)
    if source is not None and target is not None and source["AccountID"] == target["AccountID"]:
        errors.append(SAME_ACCOUNT)
    try:
        value = dec(payload.get("Amount"))
    except ValueError:
        value = None
        errors.append("Amount must be a number")
    else:
        if value is None:
            errors.append("Amount is required")
        elif value <= 0:
            errors.append("Amount must be greater than zero")
        elif value != value.quantize(Decimal("0.01")):
            errors.append("Amount must have no more than 2 decimal places")
    day = transactions._day(payload, None, "Date", errors) or ledger.clock.now().date()
    rate = Decimal(1)
    if source is not None and target is not None:
        from_currency, to_currency = _currency(ledger, source), _currency(ledger, target)
        if from_currency != to_currency:
            try:
                rate = dec(payload.get("CurrencyRate")) or _cross_rate(
                    ledger, from_currency, to_currency
                )
            except ValueError:
                errors.append("CurrencyRate must be a number")
            if rate <= 0:
                errors.append("CurrencyRate must be greater than zero")
    if errors:
        raise ValidationFailed(*errors)
    assert source is not None and target is not None and value is not None
    reference = str(payload.get("Reference") or "")
    received = money(value * rate)
    spend = _transfer_side(ledger, "SPEND-TRANSFER", source, target, value, day, reference)
    receive = _transfer_side(ledger, "RECEIVE-TRANSFER", target, source, received, day, reference)
    now = ledger.now_ms()
    doc = {
        "BankTransferID": fresh(),
        "FromBankAccount": _bank_summary(source),
        "ToBankAccount": _bank_summary(target),
        "Amount": money(value),
        "Date": ms_date(day_ms(day)),
        "CurrencyRate": rate,
        "FromBankTransactionID": spend["BankTransactionID"],
        "ToBankTransactionID": receive["BankTransactionID"],
        "FromIsReconciled": False,
        "ToIsReconciled": False,
        "HasAttachments": False,
        "CreatedDateUTC": ms_date(now),
        "CreatedDateUTCString": iso_utc(now),
        "Status": "AUTHORISED",
    }
    if reference:
        doc["Reference"] = reference
    return ledger.save(R.BANK_TRANSFERS, doc, created=True)


def _cross_rate(ledger: Ledger, from_currency: str, to_currency: str) -> Decimal:
    """Units of ``to_currency`` per ``from_currency`` (Xero's rates are per base unit)."""
    per_base_from = (
        Decimal(1) if from_currency == ledger.base_currency else ledger.fx_rate(from_currency)
    )
    per_base_to = Decimal(1) if to_currency == ledger.base_currency else ledger.fx_rate(to_currency)
    return (per_base_to / per_base_from).quantize(Decimal("0.000001"))


def _transfer_side(
    ledger: Ledger, kind: str, account: dict, other: dict, value: Decimal, day, reference: str
) -> dict:
    currency = _currency(ledger, account)
    line = {
        "LineItemID": fresh(),
        "Description": f"Bank Transfer {'to' if kind == 'SPEND-TRANSFER' else 'from'} "
        f"{other['Name']}",
        "UnitAmount": money(value),
        "AccountCode": other.get("Code", ""),
        "AccountID": other["AccountID"],
        "TaxType": "NONE",
        "TaxAmount": money(ZERO),
        "LineAmount": money(value),
        "Quantity": Decimal("1.0000"),
        "Tracking": [],
    }
    doc = {
        "BankTransactionID": fresh(),
        "Type": kind,
        "BankAccount": _bank_summary(account),
        "IsReconciled": False,
        "Date": ms_date(day_ms(day)),
        "CurrencyCode": currency,
        "CurrencyRate": Decimal("1.000000")
        if currency == ledger.base_currency
        else ledger.fx_rate(currency),
        "Status": "AUTHORISED",
        "LineAmountTypes": "NoTax",
        "LineItems": [line],
        "SubTotal": money(value),
        "TotalTax": money(ZERO),
        "Total": money(value),
        "HasAttachments": False,
    }
    if reference:
        doc["Reference"] = reference
    return ledger.save(R.BANK_TRANSACTIONS, doc, created=True)


def list_filters(resource: R.Resource, args: dict[str, str], clauses: list[str]) -> None:
    """Deleted bank transfers are listed only with ``includeDeleted=true``."""
    flag = (args.get("includedeleted") or "").strip().lower()
    if resource is R.BANK_TRANSFERS and flag not in ("true", "1", "yes"):
        clauses.append("status != 'DELETED'")
