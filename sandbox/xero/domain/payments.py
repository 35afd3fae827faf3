"""Payments and credit-note allocations, and what they do to the documents they settle."""

from __future__ import annotations

from decimal import Decimal

from .. import resources as R
from ..ids import fresh, is_guid
from ..ledger import Ledger
from ..money import ZERO, dec, money
from ..xdates import day_fields, ms_date, parse_day
from .documents import credit_note_ref, credit_summary, invoice_ref, payment_summary
from .errors import ValidationFailed

PAYMENT_TYPES = {
    "ACCREC": "ACCRECPAYMENT",
    "ACCPAY": "ACCPAYPAYMENT",
    "ACCRECCREDIT": "ARCREDITPAYMENT",
    "ACCPAYCREDIT": "APCREDITPAYMENT",
}


def _find(ledger: Ledger, resource: R.Resource, ref: dict, number_key: str) -> dict | None:
    record_id = ref.get(resource.id_field)
    if record_id:
        return ledger.records.get(resource, str(record_id)) if is_guid(record_id) else None
    if ref.get(number_key):
        for row in ledger.records.by_column(resource, "number", str(ref[number_key])):
            if row["status"] not in ("DELETED", "VOIDED"):
                return ledger.records.get(resource, row["id"])
    return None


def _account(ledger: Ledger, ref: object, errors: list[str]) -> dict | None:
    if not isinstance(ref, dict) or not (ref.get("AccountID") or ref.get("Code")):
        errors.append("You must specify an Account for the payment")
        return None
    if ref.get("AccountID"):
        account = ledger.accounts_by_id.get(str(ref["AccountID"]).lower())
    else:
        account = ledger.accounts.get(str(ref["Code"]))
    if account is None:
        errors.append("Account could not be found")
        return None
    if account.get("Type") != "BANK" and not account.get("EnablePaymentsToAccount"):
        errors.append(
            "Payments can only be made to bank accounts or accounts with payments enabled"
        )
    return account


def create_payment(ledger: Ledger, payload: dict) -> dict:
    """Apply a payment to an invoice (or refund a credit note) and save both."""
    errors: list[str] = []
    if isinstance(payload.get("Invoice"), dict):
        resource, number_key, ref = R.INVOICES, "InvoiceNumber", payload["Invoice"]
    elif isinstance(payload.get("CreditNote"), dict):
        resource, number_key, ref = R.CREDIT_NOTES, "CreditNoteNumber", payload["CreditNote"]
    else:
        raise ValidationFailed(
            "You must specify either an Invoice or a CreditNote to apply the payment to"
        )
    target = _find(ledger, resource, ref, number_key)
    if target is None:
        raise ValidationFailed(
            f"{'Invoice' if resource is R.INVOICES else 'Credit note'} could not be found"
        )
    account = _account(ledger, payload.get("Account"), errors)
    try:
        amount = dec(payload.get("Amount"))
    except ValueError:
        amount = None
    open_key = "AmountDue" if resource is R.INVOICES else "RemainingCredit"
    outstanding = dec(target.get(open_key), ZERO)
    if target["Status"] != "AUTHORISED":
        errors.append("Payments can only be made against Authorised documents")
    if amount is None or amount <= 0:
        errors.append("Payment amount must be greater than zero")
    elif money(amount) > outstanding:
        errors.append("Payment amount exceeds the amount outstanding on this document")
    try:
        day = parse_day(payload.get("Date")) or ledger.clock.now().date()
    except ValueError:
        errors.append(f"The Date '{payload.get('Date')}' is not a valid date")
        day = None
    if errors:
        raise ValidationFailed(*errors)
    amount = money(amount)
    rate = dec(payload.get("CurrencyRate")) or dec(target.get("CurrencyRate"), Decimal(1))
    payment = {"PaymentID": fresh()}
    payment.update(day_fields("Date", day))
    payment.pop("DateString", None)
    payment.update(
        {
            "BankAmount": amount,
            "Amount": amount,
            "Reference": str(payload.get("Reference") or ""),
            "CurrencyRate": rate,
            "PaymentType": PAYMENT_TYPES[target["Type"]],
            "Status": "AUTHORISED",
            "IsReconciled": bool(payload.get("IsReconciled", False)),
            "HasAccount": True,
            "HasValidationErrors": False,
            "Account": {"AccountID": account["AccountID"], "Code": account["Code"]},
        }
    )
    if resource is R.INVOICES:
        payment["Invoice"] = invoice_ref(target)
    else:
        payment["CreditNote"] = credit_note_ref(target)
    ledger.save(R.PAYMENTS, payment, created=True)
    _apply(ledger, resource, target, amount, payment, add=True)
    return payment


def delete_payment(ledger: Ledger, payment: dict, payload: dict) -> dict:
    """``POST /Payments/{id}`` with ``{"Status": "DELETED"}``: reverse the payment."""
    if str(payload.get("Status", "")).upper() != "DELETED":
        raise ValidationFailed("Payments can only be deleted by setting Status to DELETED")
    if payment["Status"] == "DELETED":
        raise ValidationFailed("Payment has already been deleted")
    payment = dict(payment, Status="DELETED")
    ledger.save(R.PAYMENTS, payment, created=False)
    if payment.get("Invoice"):
        resource, target_id = R.INVOICES, payment["Invoice"]["InvoiceID"]
    else:
        resource, target_id = R.CREDIT_NOTES, payment["CreditNote"]["CreditNoteID"]
    target = ledger.records.get(resource, target_id)
    if target is not None:
        _apply(ledger, resource, target, dec(payment["Amount"]), payment, add=False)
    return payment


def _apply(
    ledger: Ledger, resource: R.Resource, target: dict, amount: Decimal, payment: dict, add: bool
) -> None:
    doc = dict(target)
    sign = 1 if add else -1
    if resource is R.INVOICES:
        doc["AmountPaid"] = money(dec(doc.get("AmountPaid"), ZERO) + sign * amount)
    if add:
        doc["Payments"] = [*doc.get("Payments", []), payment_summary(payment)]
    else:
        doc["Payments"] = [
            p for p in doc.get("Payments", []) if p["PaymentID"] != payment["PaymentID"]
        ]
    if resource is R.INVOICES:
        doc["AmountDue"] = money(dec(doc["AmountDue"]) - sign * amount)
        _settle(doc, "AmountDue", payment["Date"])
    else:
        doc["RemainingCredit"] = money(dec(doc["RemainingCredit"]) - sign * amount)
        doc["AppliedAmount"] = money(dec(doc.get("AppliedAmount"), ZERO) + sign * amount)
        _settle(doc, "RemainingCredit", payment["Date"])
    ledger.save(resource, doc, created=False, data=_cn_data(resource, doc))


def _cn_data(resource: R.Resource, doc: dict) -> dict | None:
    return {"Type": doc["Type"], "Status": doc["Status"]} if resource is R.CREDIT_NOTES else None


def _settle(doc: dict, open_key: str, paid_on: str) -> None:
    if dec(doc[open_key]) == 0 and doc["Status"] == "AUTHORISED":
        doc["Status"] = "PAID"
        doc["FullyPaidOnDate"] = paid_on
    elif dec(doc[open_key]) > 0 and doc["Status"] == "PAID":
        doc["Status"] = "AUTHORISED"
        doc.pop("FullyPaidOnDate", None)


def _about(item: dict, exc: ValidationFailed) -> ValidationFailed:
    """The refused allocation, which Xero echoes as the error's element."""
    exc.element = item
    return exc


def allocate_credit(ledger: Ledger, credit_note: dict, payload: dict) -> list[dict]:
    """``PUT /CreditNotes/{id}/Allocations``: apply credit to invoices."""
    items = (
        payload.get("Allocations") if isinstance(payload.get("Allocations"), list) else [payload]
    )
    results = []
    for item in items:
        errors: list[str] = []
        invoice = _find(ledger, R.INVOICES, item.get("Invoice") or {}, "InvoiceNumber")
        try:
            amount = dec(item.get("Amount"))
        except ValueError:
            amount = None
        if invoice is None:
            raise _about(item, ValidationFailed("Invoice could not be found"))
        if credit_note["Status"] != "AUTHORISED":
            errors.append("Credit note must be AUTHORISED to be allocated")
        if invoice["Status"] != "AUTHORISED":
            errors.append("Invoice not of valid status for allocation")
        if invoice["CurrencyCode"] != credit_note["CurrencyCode"]:
            errors.append("The currency of the credit note and invoice must match")
        if amount is None or amount <= 0:
            errors.append("Allocation amount must be greater than zero")
        elif money(amount) > dec(credit_note["RemainingCredit"]) or money(amount) > dec(
            invoice["AmountDue"]
        ):
            errors.append("The amount allocated exceeds the amount outstanding")
        if errors:
            raise _about(item, ValidationFailed(*errors))
        amount = money(amount)
        day = parse_day(item.get("Date")) or ledger.clock.now().date()
        allocation = {
            "AllocationID": fresh(),
            "Amount": amount,
            "Date": ms_date(int(parse_day_ms(day))),
            "Invoice": {
                "InvoiceID": invoice["InvoiceID"],
                "InvoiceNumber": invoice.get("InvoiceNumber", ""),
            },
            "IsDeleted": False,
        }
        cn = dict(credit_note)
        cn["Allocations"] = [*cn.get("Allocations", []), allocation]
        cn["RemainingCredit"] = money(dec(cn["RemainingCredit"]) - amount)
        cn["AppliedAmount"] = money(dec(cn.get("AppliedAmount"), ZERO) + amount)
        _settle(cn, "RemainingCredit", allocation["Date"])
        credit_note = ledger.save(
            R.CREDIT_NOTES, cn, created=False, data=_cn_data(R.CREDIT_NOTES, cn)
        )
        inv = dict(invoice)
        inv["AmountCredited"] = money(dec(inv.get("AmountCredited"), ZERO) + amount)
        inv["AmountDue"] = money(dec(inv["AmountDue"]) - amount)
        inv["CreditNotes"] = [*inv.get("CreditNotes", []), credit_summary(credit_note, amount)]
        _settle(inv, "AmountDue", allocation["Date"])
        ledger.save(R.INVOICES, inv, created=False)
        results.append(dict(allocation, CreditNote={"CreditNoteID": credit_note["CreditNoteID"]}))
    return results


def parse_day_ms(day) -> int:
    from ..xdates import day_ms

    return day_ms(day)
