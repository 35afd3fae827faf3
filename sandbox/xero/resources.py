"""What each emulated collection looks like: ids, indexed columns, filterable fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .where import Field


def _j(path: str) -> str:
    return f"json_extract(doc, '$.{path}')"


def _fields(*specs: tuple[str, str, str]) -> dict[str, Field]:
    out = {name: Field(name, kind, sql) for name, kind, sql in specs}
    out["UpdatedDateUTC"] = Field("UpdatedDateUTC", "datetime", "updated_ms")
    return out


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _day_text(value: Any) -> str | None:
    from .xdates import day_string, parse_day

    day = parse_day(value) if value else None
    return day_string(day) if day else None


def _num(value: Any) -> float | None:
    return float(value) if value is not None else None


@dataclass(frozen=True)
class Resource:
    """One collection under ``/api.xro/2.0/``."""

    collection: str  # URL and JSON envelope name, e.g. "Invoices"
    kind: str  # singular type name, e.g. "Invoice"
    id_field: str
    fields: dict[str, Field]
    columns: Callable[[dict], dict]
    default_order: str
    paged: bool = False
    has_lines: bool = False
    number_column: str | None = None  # GET /Collection/{number} lookups
    webhook_category: str | None = None
    #: Xero honours ``If-Modified-Since`` on this collection (not on TaxRates,
    #: TrackingCategories, Organisation or Currencies, which always answer in full).
    modified_since: bool = True
    extra: dict = field(default_factory=dict)


def _invoice_columns(doc: dict) -> dict:
    contact = doc.get("Contact") or {}
    return {
        "status": doc.get("Status"),
        "type": doc.get("Type"),
        "number": doc.get("InvoiceNumber"),
        "name": contact.get("Name"),
        "contact_id": _lower(contact.get("ContactID")),
        "date": doc.get("DateString"),
        "due_date": doc.get("DueDateString"),
        "amount_due": _num(doc.get("AmountDue")),
        "total": _num(doc.get("Total")),
        "reference": doc.get("Reference"),
    }


def _credit_note_columns(doc: dict) -> dict:
    cols = _invoice_columns(doc)
    cols["number"] = doc.get("CreditNoteNumber")
    cols["amount_due"] = _num(doc.get("RemainingCredit"))
    return cols


def _bank_transaction_columns(doc: dict) -> dict:
    contact = doc.get("Contact") or {}
    bank = doc.get("BankAccount") or {}
    return {
        "status": doc.get("Status"),
        "type": doc.get("Type"),
        "name": contact.get("Name"),
        "contact_id": _lower(contact.get("ContactID")),
        "date": _day_text(doc.get("Date")),
        "total": _num(doc.get("Total")),
        "reference": doc.get("Reference"),
        "code": bank.get("Code"),
    }


def _bank_transfer_columns(doc: dict) -> dict:
    return {
        "status": doc.get("Status"),
        "date": _day_text(doc.get("Date")),
        "total": _num(doc.get("Amount")),
        "reference": doc.get("Reference"),
        "code": (doc.get("FromBankAccount") or {}).get("Code"),
    }


def _purchase_order_columns(doc: dict) -> dict:
    contact = doc.get("Contact") or {}
    return {
        "status": doc.get("Status"),
        "number": doc.get("PurchaseOrderNumber"),
        "name": contact.get("Name"),
        "contact_id": _lower(contact.get("ContactID")),
        "date": doc.get("DateString"),
        "due_date": doc.get("DeliveryDateString"),
        "total": _num(doc.get("Total")),
        "reference": doc.get("Reference"),
    }


def _contact_columns(doc: dict) -> dict:
    return {
        "status": doc.get("ContactStatus"),
        "number": doc.get("ContactNumber"),
        "name": doc.get("Name"),
        "email": doc.get("EmailAddress"),
        "is_customer": 1 if doc.get("IsCustomer") else 0,
        "is_supplier": 1 if doc.get("IsSupplier") else 0,
        "code": doc.get("AccountNumber"),
    }


def _payment_columns(doc: dict) -> dict:
    invoice = doc.get("Invoice") or doc.get("CreditNote") or {}
    return {
        "status": doc.get("Status"),
        "type": doc.get("PaymentType"),
        "number": invoice.get("InvoiceNumber") or invoice.get("CreditNoteNumber"),
        "contact_id": _lower((invoice.get("Contact") or {}).get("ContactID")),
        "date": _day_text(doc.get("Date")),
        "total": _num(doc.get("Amount")),
        "reference": doc.get("Reference"),
        "code": (doc.get("Account") or {}).get("Code"),
    }


def _account_columns(doc: dict) -> dict:
    return {
        "status": doc.get("Status"),
        "type": doc.get("Type"),
        "name": doc.get("Name"),
        "code": doc.get("Code"),
    }


def _item_columns(doc: dict) -> dict:
    return {"name": doc.get("Name"), "code": doc.get("Code")}


def _tracking_category_columns(doc: dict) -> dict:
    return {"status": doc.get("Status"), "name": doc.get("Name")}


def _tax_rate_columns(doc: dict) -> dict:
    return {"status": doc.get("Status"), "name": doc.get("Name"), "code": doc.get("TaxType")}


_TRANSACTION_FIELDS = (
    ("Type", "str", "type"),
    ("Status", "str", "status"),
    ("Reference", "str", "reference"),
    ("Contact.ContactID", "guid", "contact_id"),
    ("Contact.Name", "str", "name"),
    ("Date", "date", "date"),
    ("DueDate", "date", "due_date"),
    ("Total", "num", "total"),
    ("SubTotal", "num", _j("SubTotal")),
    ("TotalTax", "num", _j("TotalTax")),
    ("CurrencyCode", "str", _j("CurrencyCode")),
    ("CurrencyRate", "num", _j("CurrencyRate")),
    ("SentToContact", "bool", _j("SentToContact")),
    ("HasAttachments", "bool", _j("HasAttachments")),
    ("LineAmountTypes", "str", _j("LineAmountTypes")),
)

INVOICES = Resource(
    collection="Invoices",
    kind="Invoice",
    id_field="InvoiceID",
    fields=_fields(
        *_TRANSACTION_FIELDS,
        ("InvoiceID", "guid", "id"),
        ("InvoiceNumber", "str", "number"),
        ("AmountDue", "num", "amount_due"),
        ("AmountPaid", "num", _j("AmountPaid")),
        ("AmountCredited", "num", _j("AmountCredited")),
        ("IsDiscounted", "bool", _j("IsDiscounted")),
        ("HasErrors", "bool", _j("HasErrors")),
    ),
    columns=_invoice_columns,
    default_order="updated_ms ASC, seq ASC",
    paged=True,
    has_lines=True,
    number_column="number",
    webhook_category="INVOICE",
)

CREDIT_NOTES = Resource(
    collection="CreditNotes",
    kind="CreditNote",
    id_field="CreditNoteID",
    fields=_fields(
        *_TRANSACTION_FIELDS,
        ("CreditNoteID", "guid", "id"),
        ("CreditNoteNumber", "str", "number"),
        ("RemainingCredit", "num", "amount_due"),
    ),
    columns=_credit_note_columns,
    default_order="updated_ms ASC, seq ASC",
    paged=True,
    has_lines=True,
    number_column="number",
    webhook_category="CREDITNOTE",
)

#: No webhooks: Xero sends none for bank transactions or transfers.
BANK_TRANSACTIONS = Resource(
    collection="BankTransactions",
    kind="BankTransaction",
    id_field="BankTransactionID",
    fields=_fields(
        ("BankTransactionID", "guid", "id"),
        ("Type", "str", "type"),
        ("Status", "str", "status"),
        ("Reference", "str", "reference"),
        ("Contact.ContactID", "guid", "contact_id"),
        ("Contact.Name", "str", "name"),
        ("Date", "date", "date"),
        ("Total", "num", "total"),
        ("SubTotal", "num", _j("SubTotal")),
        ("TotalTax", "num", _j("TotalTax")),
        ("CurrencyCode", "str", _j("CurrencyCode")),
        ("IsReconciled", "bool", _j("IsReconciled")),
        ("BankAccount.AccountID", "guid", _j("BankAccount.AccountID")),
        ("BankAccount.Code", "str", "code"),
        ("LineAmountTypes", "str", _j("LineAmountTypes")),
        ("HasAttachments", "bool", _j("HasAttachments")),
    ),
    columns=_bank_transaction_columns,
    default_order="updated_ms ASC, seq ASC",
    paged=True,
    has_lines=True,
)

BANK_TRANSFERS = Resource(
    collection="BankTransfers",
    kind="BankTransfer",
    id_field="BankTransferID",
    fields=_fields(
        ("BankTransferID", "guid", "id"),
        ("Status", "str", "status"),
        ("Reference", "str", "reference"),
        ("Date", "date", "date"),
        ("Amount", "num", "total"),
        ("CurrencyRate", "num", _j("CurrencyRate")),
        ("FromBankAccount.AccountID", "guid", _j("FromBankAccount.AccountID")),
        ("FromBankAccount.Code", "str", "code"),
        ("ToBankAccount.AccountID", "guid", _j("ToBankAccount.AccountID")),
        ("ToBankAccount.Code", "str", _j("ToBankAccount.Code")),
        ("FromIsReconciled", "bool", _j("FromIsReconciled")),
        ("ToIsReconciled", "bool", _j("ToIsReconciled")),
        ("HasAttachments", "bool", _j("HasAttachments")),
        ("CreatedDateUTC", "datetime", "updated_ms"),
    ),
    columns=_bank_transfer_columns,
    default_order="updated_ms ASC, seq ASC",
)

#: No webhooks: Xero sends none for purchase orders.
PURCHASE_ORDERS = Resource(
    collection="PurchaseOrders",
    kind="PurchaseOrder",
    id_field="PurchaseOrderID",
    fields=_fields(
        ("PurchaseOrderID", "guid", "id"),
        ("PurchaseOrderNumber", "str", "number"),
        ("Status", "str", "status"),
        ("Reference", "str", "reference"),
        ("Contact.ContactID", "guid", "contact_id"),
        ("Contact.Name", "str", "name"),
        ("Date", "date", "date"),
        ("DeliveryDate", "date", "due_date"),
        ("Total", "num", "total"),
        ("SubTotal", "num", _j("SubTotal")),
        ("TotalTax", "num", _j("TotalTax")),
        ("CurrencyCode", "str", _j("CurrencyCode")),
        ("SentToContact", "bool", _j("SentToContact")),
    ),
    columns=_purchase_order_columns,
    default_order="updated_ms ASC, seq ASC",
    paged=True,
    has_lines=True,
    number_column="number",
)

CONTACTS = Resource(
    collection="Contacts",
    kind="Contact",
    id_field="ContactID",
    fields=_fields(
        ("ContactID", "guid", "id"),
        ("Name", "str", "name"),
        ("EmailAddress", "str", "email"),
        ("ContactNumber", "str", "number"),
        ("AccountNumber", "str", "code"),
        ("ContactStatus", "str", "status"),
        ("IsCustomer", "bool", "is_customer"),
        ("IsSupplier", "bool", "is_supplier"),
        ("FirstName", "str", _j("FirstName")),
        ("LastName", "str", _j("LastName")),
        ("TaxNumber", "str", _j("TaxNumber")),
        ("CompanyNumber", "str", _j("CompanyNumber")),
        ("DefaultCurrency", "str", _j("DefaultCurrency")),
        ("Website", "str", _j("Website")),
        ("HasAttachments", "bool", _j("HasAttachments")),
    ),
    columns=_contact_columns,
    default_order="name COLLATE NOCASE ASC, seq ASC",
    paged=True,
    number_column="number",
    webhook_category="CONTACT",
)

PAYMENTS = Resource(
    collection="Payments",
    kind="Payment",
    id_field="PaymentID",
    fields=_fields(
        ("PaymentID", "guid", "id"),
        ("PaymentType", "str", "type"),
        ("Status", "str", "status"),
        ("Date", "date", "date"),
        ("Amount", "num", "total"),
        ("Reference", "str", "reference"),
        ("Invoice.InvoiceID", "guid", _j("Invoice.InvoiceID")),
        ("Invoice.InvoiceNumber", "str", "number"),
        ("Invoice.Contact.ContactID", "guid", "contact_id"),
        ("CreditNote.CreditNoteID", "guid", _j("CreditNote.CreditNoteID")),
        ("Account.AccountID", "guid", _j("Account.AccountID")),
        ("Account.Code", "str", "code"),
        ("IsReconciled", "bool", _j("IsReconciled")),
        ("CurrencyRate", "num", _j("CurrencyRate")),
        ("BankAmount", "num", _j("BankAmount")),
    ),
    columns=_payment_columns,
    default_order="updated_ms ASC, seq ASC",
    paged=True,
)

ACCOUNTS = Resource(
    collection="Accounts",
    kind="Account",
    id_field="AccountID",
    fields=_fields(
        ("AccountID", "guid", "id"),
        ("Code", "str", "code"),
        ("Name", "str", "name"),
        ("Type", "str", "type"),
        ("Status", "str", "status"),
        ("Class", "str", _j("Class")),
        ("TaxType", "str", _j("TaxType")),
        ("EnablePaymentsToAccount", "bool", _j("EnablePaymentsToAccount")),
        ("ShowInExpenseClaims", "bool", _j("ShowInExpenseClaims")),
        ("BankAccountNumber", "str", _j("BankAccountNumber")),
        ("BankAccountType", "str", _j("BankAccountType")),
        ("CurrencyCode", "str", _j("CurrencyCode")),
        ("SystemAccount", "str", _j("SystemAccount")),
    ),
    columns=_account_columns,
    default_order="code ASC, seq ASC",
)

ITEMS = Resource(
    collection="Items",
    kind="Item",
    id_field="ItemID",
    fields=_fields(
        ("ItemID", "guid", "id"),
        ("Code", "str", "code"),
        ("Name", "str", "name"),
        ("Description", "str", _j("Description")),
        ("IsSold", "bool", _j("IsSold")),
        ("IsPurchased", "bool", _j("IsPurchased")),
        ("IsTrackedAsInventory", "bool", _j("IsTrackedAsInventory")),
    ),
    columns=_item_columns,
    default_order="code ASC, seq ASC",
    number_column="code",
)

TAX_RATES = Resource(
    collection="TaxRates",
    kind="TaxRate",
    id_field="TaxType",
    fields=_fields(
        ("TaxType", "str", "code"),
        ("Name", "str", "name"),
        ("Status", "str", "status"),
        ("ReportTaxType", "str", _j("ReportTaxType")),
        ("DisplayTaxRate", "num", _j("DisplayTaxRate")),
        ("EffectiveRate", "num", _j("EffectiveRate")),
        ("CanApplyToRevenue", "bool", _j("CanApplyToRevenue")),
        ("CanApplyToExpenses", "bool", _j("CanApplyToExpenses")),
    ),
    columns=_tax_rate_columns,
    default_order="name ASC, seq ASC",
    number_column="code",
    modified_since=False,
)

TRACKING_CATEGORIES = Resource(
    collection="TrackingCategories",
    kind="TrackingCategory",
    id_field="TrackingCategoryID",
    fields={
        "TrackingCategoryID": Field("TrackingCategoryID", "guid", "id"),
        "Name": Field("Name", "str", "name"),
        "Status": Field("Status", "str", "status"),
    },
    columns=_tracking_category_columns,
    default_order="name COLLATE NOCASE ASC, seq ASC",
    modified_since=False,
)

ORGANISATION = Resource(
    collection="Organisations",
    kind="Organisation",
    id_field="OrganisationID",
    fields=_fields(),
    columns=lambda doc: {"name": doc.get("Name"), "code": doc.get("ShortCode")},
    default_order="seq ASC",
    modified_since=False,
)

ALL = (
    INVOICES,
    CREDIT_NOTES,
    PURCHASE_ORDERS,
    BANK_TRANSACTIONS,
    BANK_TRANSFERS,
    CONTACTS,
    PAYMENTS,
    ACCOUNTS,
    ITEMS,
    TAX_RATES,
    TRACKING_CATEGORIES,
    ORGANISATION,
)
BY_COLLECTION = {r.collection.lower(): r for r in ALL}
BY_KIND = {r.kind: r for r in ALL}

CURRENCIES = Resource(
    collection="Currencies",
    kind="Currency",
    id_field="Code",
    fields=_fields(("Code", "str", "code"), ("Description", "str", _j("Description"))),
    columns=lambda doc: {"code": doc.get("Code"), "name": doc.get("Description")},
    default_order="code ASC, seq ASC",
    number_column="code",
    modified_since=False,
)


def _manual_journal_columns(doc: dict) -> dict:
    return {
        "status": doc.get("Status"),
        "name": doc.get("Narration"),
        "date": _day_text(doc.get("Date")),
    }


def _journal_columns(doc: dict) -> dict:
    return {
        # `number` is text: lists order by `CAST(number AS INTEGER)` (sandbox/xero/api/journals.py)
        "number": str(doc.get("JournalNumber")),
        "type": doc.get("SourceType"),
        "reference": doc.get("Reference"),
        "contact_id": _lower(doc.get("SourceID")),
        "date": _day_text(doc.get("JournalDate")),
    }


#: No webhooks: Xero sends none for manual journals. Lines are kept in the document
#: (``JournalLines``, not ``LineItems``).
MANUAL_JOURNALS = Resource(
    collection="ManualJournals",
    kind="ManualJournal",
    id_field="ManualJournalID",
    fields=_fields(
        ("ManualJournalID", "guid", "id"),
        ("Narration", "str", "name"),
        ("Status", "str", "status"),
        ("Date", "date", "date"),
        ("LineAmountTypes", "str", _j("LineAmountTypes")),
        ("ShowOnCashBasisReports", "bool", _j("ShowOnCashBasisReports")),
        ("HasAttachments", "bool", _j("HasAttachments")),
    ),
    columns=_manual_journal_columns,
    default_order="updated_ms ASC, seq ASC",
    paged=True,
)

#: Read only, served by sandbox/xero/api/journals.py (offset paging), written by
#: sandbox/xero/domain/journals.py whenever a document's postings change.
JOURNALS = Resource(
    collection="Journals",
    kind="Journal",
    id_field="JournalID",
    fields=_fields(("JournalID", "guid", "id")),
    columns=_journal_columns,
    default_order="CAST(number AS INTEGER) ASC",
)

ALL = (*ALL, CURRENCIES, MANUAL_JOURNALS, JOURNALS)
BY_COLLECTION = {r.collection.lower(): r for r in ALL}
BY_KIND = {r.kind: r for r in ALL}
