"""Shapes of nested Xero objects (summaries embedded in other records)."""

from __future__ import annotations

from ..money import ZERO


def contact_summary(contact: dict) -> dict:
    """The contact as embedded in an invoice, credit note or payment."""
    out = {"ContactID": contact["ContactID"]}
    if contact.get("ContactNumber"):
        out["ContactNumber"] = contact["ContactNumber"]
    out.update(
        {
            "Name": contact.get("Name", ""),
            "Addresses": [],
            "Phones": [],
            "ContactGroups": [],
            "ContactPersons": [],
            "HasValidationErrors": False,
        }
    )
    return out


def payment_summary(payment: dict) -> dict:
    """A payment as listed in ``Invoice.Payments``."""
    out = {
        "PaymentID": payment["PaymentID"],
        "Date": payment["Date"],
        "Amount": payment["Amount"],
        "CurrencyRate": payment.get("CurrencyRate"),
        "HasAccount": False,
        "HasValidationErrors": False,
    }
    if payment.get("Reference"):
        out["Reference"] = payment["Reference"]
    return out


def credit_summary(credit_note: dict, amount) -> dict:
    """A credit note as listed in ``Invoice.CreditNotes`` after an allocation."""
    return {
        "CreditNoteID": credit_note["CreditNoteID"],
        "CreditNoteNumber": credit_note.get("CreditNoteNumber", ""),
        "AppliedAmount": amount,
        "Date": credit_note.get("Date"),
        "DateString": credit_note.get("DateString"),
        "Total": credit_note.get("Total", ZERO),
        "HasErrors": False,
    }


def invoice_ref(invoice: dict) -> dict:
    """The invoice as embedded in a payment or allocation."""
    return {
        "Type": invoice["Type"],
        "InvoiceID": invoice["InvoiceID"],
        "InvoiceNumber": invoice.get("InvoiceNumber", ""),
        "Payments": [],
        "CreditNotes": [],
        "Prepayments": [],
        "Overpayments": [],
        "IsDiscounted": bool(invoice.get("IsDiscounted")),
        "HasErrors": False,
        "Contact": {
            "ContactID": invoice["Contact"]["ContactID"],
            "Name": invoice["Contact"].get("Name", ""),
            "Addresses": [],
            "Phones": [],
            "ContactGroups": [],
            "ContactPersons": [],
            "HasValidationErrors": False,
        },
        "LineItems": [],
        "CurrencyCode": invoice.get("CurrencyCode"),
    }


def credit_note_ref(credit_note: dict) -> dict:
    return {
        "Type": credit_note["Type"],
        "CreditNoteID": credit_note["CreditNoteID"],
        "CreditNoteNumber": credit_note.get("CreditNoteNumber", ""),
        "Contact": {
            "ContactID": credit_note["Contact"]["ContactID"],
            "Name": credit_note["Contact"].get("Name", ""),
        },
        "LineItems": [],
        "CurrencyCode": credit_note.get("CurrencyCode"),
    }
