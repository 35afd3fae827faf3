"""Xero as data: endpoints, resources, paging, incremental cursor, limits, webhook categories."""

from __future__ import annotations

from types import MappingProxyType

from ..specs import (
    ClientCredentialsSpec,
    Companion,
    HeaderCursor,
    OAuthSpec,
    OffsetPaginator,
    PagePaginator,
    RateLimits,
    ResourceSpec,
    ScopeNeed,
)
from .dates import format_modified_since
from .mappers import contact_from_xero, invoice_from_xero, payment_from_xero
from .mappers_bank import bank_transaction_from_xero, bank_transfer_from_xero, expense_from_xero
from .mappers_credit import credit_note_from_xero
from .mappers_journal import general_ledger_transaction_from_xero, journal_entry_from_xero
from .mappers_purchase_order import purchase_order_from_xero
from .mappers_reference import (
    account_from_xero,
    company_info_from_xero,
    item_from_xero,
    tax_rate_from_xero,
    tracking_category_from_xero,
)

__all__ = [
    "API_URL",
    "CUSTOM_CONNECTIONS",
    "OAUTH",
    "RATE_LIMITS",
    "REPORT_SCOPES",
    "REQUEST_ID_HEADER",
    "RESOURCES",
    "TENANT_HEADER",
    "WEBHOOK_CATEGORIES",
    "WEBHOOK_SIGNATURE_HEADER",
]

API_URL = "https://api.xero.com/api.xro/2.0"

OAUTH = OAuthSpec(
    authorize_url="https://login.xero.com/identity/connect/authorize",
    token_url="https://identity.xero.com/connect/token",
    revoke_url="https://identity.xero.com/connect/revocation",
    connections_url="https://api.xero.com/connections",
    # Each model adds its own scope (RESOURCES below). accounting.settings.read (the same in
    # both families) lets passthrough calls read accounts, tax rates and the organisation;
    # accounting.attachments (both families) covers files on every attachable record.
    scopes=(
        "openid",
        "profile",
        "email",
        "offline_access",
        "accounting.settings.read",
        "accounting.attachments",
    ),
    pkce=True,
    # Apps created on or after 2 March 2026 may only ask for granular scopes; older ones may use
    # either family until September 2027 (setting ``scope_family``).
    scope_families=("granular", "broad"),
)


def _scope(granular: str, broad: str) -> ScopeNeed:
    return ScopeNeed({"granular": granular, "broad": broad})


#: Xero's granular scopes FAQ: Invoices (and CreditNotes, Items, ...) need accounting.invoices,
#: Payments (and Overpayments, Prepayments, BatchPayments) accounting.payments; both were
#: accounting.transactions before. Contacts keep accounting.contacts.
CONTACT_SCOPE = _scope("accounting.contacts", "accounting.contacts")
INVOICE_SCOPE = _scope("accounting.invoices", "accounting.transactions")
PAYMENT_SCOPE = _scope("accounting.payments", "accounting.transactions")
#: Accounts, tax rates, tracking categories and the organisation: accounting.settings in both
#: families (its .read form for reading only).
SETTINGS_SCOPE = _scope("accounting.settings", "accounting.settings")
#: Items moved to accounting.invoices with the granular scopes; before, accounting.settings.
ITEM_SCOPE = _scope("accounting.invoices", "accounting.settings")
#: ManualJournals: accounting.manualjournals (granular), accounting.transactions before.
MANUAL_JOURNAL_SCOPE = _scope("accounting.manualjournals", "accounting.transactions")
#: Journals: accounting.journals.read in both families (there is no write form).
JOURNAL_SCOPE = _scope("accounting.journals.read", "accounting.journals.read")
#: BankTransactions and BankTransfers: accounting.banktransactions in the granular family.
BANK_SCOPE = _scope("accounting.banktransactions", "accounting.transactions")

#: Financial reports (``Reports/...``; ``reports.py``), per scope family: the granular scope of
#: each report served (Xero's 2026 scopes), or the broad ``accounting.reports.read``.
REPORT_SCOPES: dict[str, tuple[str, ...]] = {
    "granular": (
        "accounting.reports.balancesheet.read",
        "accounting.reports.profitandloss.read",
        "accounting.reports.trialbalance.read",
        "accounting.reports.aged.read",
    ),
    "broad": ("accounting.reports.read",),
}

#: https://developer.xero.com/documentation/guides/oauth2/custom-connections/
CUSTOM_CONNECTIONS = ClientCredentialsSpec(
    label="custom connection",
    setup_url="https://developer.xero.com/app/manage",
    steps=(
        "Sign in to Xero's developer portal (developer.xero.com) and choose New app.",
        "Pick Custom connection, name it, and select the scopes for invoices, payments, "
        "contacts, banktransactions and settings; choose the organisation's admin as the "
        "authorising user.",
        "The admin authorises the connection for the one organisation from the email Xero sends.",
        "Back in the app's Configuration page, copy the client id and generate a client secret.",
    ),
    scopes=(
        "accounting.invoices",
        "accounting.payments",
        "accounting.contacts",
        "accounting.banktransactions",
        "accounting.settings.read",
    ),
)

#: https://developer.xero.com/documentation/guides/oauth2/limits/
RATE_LIMITS = RateLimits(
    tenant_concurrent=5,
    tenant_per_minute=60,
    tenant_per_day=5000,
    app_per_minute=10000,
)

#: Xero's id for each request (quote it to Xero support).
REQUEST_ID_HEADER = "Xero-Correlation-Id"

TENANT_HEADER = "xero-tenant-id"

PAGINATOR = PagePaginator(page_param="page", size_param="pageSize", page_size=1000)
#: Pages are numbered, so a pass must list in an order that edits cannot change: Xero's default
#: (UpdatedDateUTC for invoices and payments, Name for contacts) moves an edited record to
#: another place, shifting the rest by one, and a record at a page boundary is never read.
#: Ids never change; a record new to the list can only shift others later (read twice).
CURSOR = HeaderCursor(
    header="If-Modified-Since", record_field="UpdatedDateUTC", format=format_modified_since
)

#: GET /Journals?offset=N: the (at most) 100 journals numbered above N.
JOURNALS_PAGINATOR = OffsetPaginator(param="offset", key_field="JournalNumber", page_size=100)
JOURNALS_CURSOR = HeaderCursor(
    header="If-Modified-Since", record_field="CreatedDateUTC", format=format_modified_since
)

_DOCUMENTS = MappingProxyType(
    {
        "contact": ResourceSpec(
            model="contact",
            path="Contacts",
            records_field="Contacts",
            primary_key="ContactID",
            to_unified=contact_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            list_params={"includeArchived": "true", "order": "ContactID"},
            operations=frozenset({"list", "get", "create", "update", "delete"}),
            scope=CONTACT_SCOPE,
        ),
        "invoice": ResourceSpec(
            model="invoice",
            path="Invoices",
            records_field="Invoices",
            primary_key="InvoiceID",
            to_unified=invoice_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            # unitdp=4: unit amounts with four decimals, as stored (Xero rounds to 2 otherwise).
            list_params={"includeArchived": "true", "unitdp": "4", "order": "InvoiceID"},
            operations=frozenset({"list", "get", "create", "update", "delete"}),
            scope=INVOICE_SCOPE,
        ),
        # Credit notes page like invoices; Allocations and refund Payments come inside each.
        "credit_note": ResourceSpec(
            model="credit_note",
            path="CreditNotes",
            records_field="CreditNotes",
            primary_key="CreditNoteID",
            to_unified=credit_note_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            list_params={"unitdp": "4", "order": "CreditNoteID"},
            operations=frozenset({"list", "get", "create", "update", "delete"}),
            scope=INVOICE_SCOPE,
        ),
        "payment": ResourceSpec(
            model="payment",
            path="Payments",
            records_field="Payments",
            primary_key="PaymentID",
            to_unified=payment_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            # Payments have no includeArchived; deleted (reversed) payments are always listed.
            list_params={"order": "PaymentID"},
            operations=frozenset({"list", "get", "create", "delete"}),
            scope=PAYMENT_SCOPE,
        ),
        # Paged, If-Modified-Since; DELETED orders are always listed (no includeArchived).
        # Purchase orders are under accounting.invoices in the granular scopes.
        "purchase_order": ResourceSpec(
            model="purchase_order",
            path="PurchaseOrders",
            records_field="PurchaseOrders",
            primary_key="PurchaseOrderID",
            to_unified=purchase_order_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            list_params={"unitdp": "4", "order": "PurchaseOrderID"},
            operations=frozenset({"list", "get", "create", "update"}),
            scope=INVOICE_SCOPE,
        ),
        # Manual journals: paged (100 a page unless pageSize), If-Modified-Since works.
        "journal_entry": ResourceSpec(
            model="journal_entry",
            path="ManualJournals",
            records_field="ManualJournals",
            primary_key="ManualJournalID",
            to_unified=journal_entry_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            list_params={"order": "ManualJournalID"},
            operations=frozenset({"list", "get", "create", "update"}),
            scope=MANUAL_JOURNAL_SCOPE,
        ),
        # Journals: every journal, system ones included. NOT paged by page: `offset` is the
        # last JournalNumber read (100 journals a call); If-Modified-Since compares with
        # CreatedDateUTC (journals never change).
        "general_ledger_transaction": ResourceSpec(
            model="general_ledger_transaction",
            path="Journals",
            records_field="Journals",
            primary_key="JournalID",
            to_unified=general_ledger_transaction_from_xero,
            paginator=JOURNALS_PAGINATOR,
            cursor=JOURNALS_CURSOR,
            operations=frozenset({"list", "get"}),
            scope=JOURNAL_SCOPE,
        ),
        # Every type (SPEND, RECEIVE and their -OVERPAYMENT, -PREPAYMENT, -TRANSFER variants);
        # paged like invoices; deleted and voided ones stay listed with their status.
        "bank_transaction": ResourceSpec(
            model="bank_transaction",
            path="BankTransactions",
            records_field="BankTransactions",
            primary_key="BankTransactionID",
            to_unified=bank_transaction_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            list_params={"unitdp": "4", "order": "BankTransactionID"},
            operations=frozenset({"list", "get"}),
            scope=BANK_SCOPE,
        ),
        # Expenses are the SPEND bank transactions (Xero's ``where`` filter). A GET by id of
        # another type is mapped as not found (``XeroConnector.get``).
        "expense": ResourceSpec(
            model="expense",
            path="BankTransactions",
            records_field="BankTransactions",
            primary_key="BankTransactionID",
            to_unified=expense_from_xero,
            paginator=PAGINATOR,
            cursor=CURSOR,
            list_params={"unitdp": "4", "order": "BankTransactionID", "where": 'Type=="SPEND"'},
            operations=frozenset({"list", "get", "create"}),
            scope=BANK_SCOPE,
        ),
        # Not paged; If-Modified-Since works; deleted transfers only with includeDeleted.
        "bank_transfer": ResourceSpec(
            model="bank_transfer",
            path="BankTransfers",
            records_field="BankTransfers",
            primary_key="BankTransferID",
            to_unified=bank_transfer_from_xero,
            cursor=CURSOR,
            list_params={"includeDeleted": "true"},
            operations=frozenset({"list", "get", "create"}),
            scope=BANK_SCOPE,
        ),
    }
)

#: The chart of accounts, read beside items (which name accounts by code) for the AccountIDs.
ACCOUNT_CODES = Companion(path="Accounts", records_field="Accounts", to_unified=item_from_xero)

#: The reference data (the organisation, tax rates, accounts, tracking categories, items).
_REFERENCE_DATA = MappingProxyType(
    {
        # GET /Organisation returns the one organisation of the tenant (no paging, no cursor,
        # no GET by id).
        "company_info": ResourceSpec(
            model="company_info",
            path="Organisation",
            records_field="Organisations",
            primary_key="OrganisationID",
            to_unified=company_info_from_xero,
            operations=frozenset({"list"}),
            scope=SETTINGS_SCOPE,
        ),
        # Tax rates are keyed by their TaxType code; not paged, no If-Modified-Since (every
        # sync reads them whole).
        "tax_rate": ResourceSpec(
            model="tax_rate",
            path="TaxRates",
            records_field="TaxRates",
            primary_key="TaxType",
            to_unified=tax_rate_from_xero,
            operations=frozenset({"list", "get"}),
            scope=SETTINGS_SCOPE,
        ),
        # Accounts are not paged; archived accounts are always listed. If-Modified-Since works,
        # but every sync reads the chart whole (one call either way, a chart is small): the
        # items read next name accounts by code and take their ids from this read, instead of
        # a second call (ACCOUNT_CODES).
        "account": ResourceSpec(
            model="account",
            path="Accounts",
            records_field="Accounts",
            primary_key="AccountID",
            to_unified=account_from_xero,
            operations=frozenset({"list", "get", "create", "update"}),
            scope=SETTINGS_SCOPE,
        ),
        # Not paged, no If-Modified-Since; archived categories and options only when asked.
        "tracking_category": ResourceSpec(
            model="tracking_category",
            path="TrackingCategories",
            records_field="TrackingCategories",
            primary_key="TrackingCategoryID",
            to_unified=tracking_category_from_xero,
            list_params={"includeArchived": "true"},
            operations=frozenset({"list", "get"}),
            scope=SETTINGS_SCOPE,
        ),
        # Items are not paged; If-Modified-Since works; unitdp=4 keeps four-decimal prices.
        # Items name accounts by code: the chart of accounts is read beside them for the ids.
        "item": ResourceSpec(
            model="item",
            path="Items",
            records_field="Items",
            primary_key="ItemID",
            to_unified=item_from_xero,
            cursor=CURSOR,
            list_params={"unitdp": "4"},
            companion=ACCOUNT_CODES,
            operations=frozenset({"list", "get", "create", "update"}),
            scope=ITEM_SCOPE,
        ),
    }
)

#: Every model Xero serves (the catalogue, not this order, decides the sync order).
RESOURCES = MappingProxyType({**_REFERENCE_DATA, **_DOCUMENTS})

WEBHOOK_SIGNATURE_HEADER = "x-xero-signature"
#: Xero eventCategory → unified model (None: an event we do not map, e.g. SUBSCRIPTION).
WEBHOOK_CATEGORIES = MappingProxyType(
    {"INVOICE": "invoice", "CONTACT": "contact", "CREDITNOTE": "credit_note", "SUBSCRIPTION": None}
)
