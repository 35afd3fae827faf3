"""QuickBooks Online as data: endpoints, the query endpoint per entity, limits.

Two QuickBooks entities serve each unified model (``ResourceSpec.union``): Customer + Vendor
(contact), Invoice + Bill (invoice), Payment + BillPayment (payment). Everything is read through
``GET /v3/company/{realmId}/query?query=SELECT …&minorversion=75`` in pages of 1,000
(``STARTPOSITION``/``MAXRESULTS``), incrementally on ``MetaData.LastUpdatedTime``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import timedelta
from types import MappingProxyType
from typing import Any

from ..specs import (
    BatchSpec,
    Companion,
    DeletionFeed,
    OAuthSpec,
    QuerySpec,
    RateLimits,
    ResourceSpec,
)
from . import ids
from .batch import BATCHES_PER_MINUTE, MAX_ITEMS, MAX_OBJECTS, batch_answers, batch_body
from .mappers import (
    bill_from_qbo,
    bill_payment_from_qbo,
    customer_from_qbo,
    format_query_time,
    invoice_from_qbo,
    payment_from_qbo,
    vendor_from_qbo,
)
from .mappers_bank import (
    bank_transaction_from_deposit,
    bank_transaction_from_purchase,
    bank_transfer_from_qbo,
    expense_from_qbo,
)
from .mappers_credit import (
    REFUND_RECEIPT,
    credit_memo_from_qbo,
    refund_receipt_from_qbo,
    vendor_credit_from_qbo,
)
from .mappers_journal import REPORT_COLUMNS, journal_entry_from_qbo, ledger_section_from_qbo
from .mappers_purchase_order import purchase_order_from_qbo
from .mappers_reference import (
    account_from_qbo,
    class_from_qbo,
    company_info_from_qbo,
    department_from_qbo,
    item_from_qbo,
    tax_rate_from_qbo,
)

__all__ = [
    "API_URL",
    "BATCH",
    "MINOR_VERSION",
    "OAUTH",
    "RATE_LIMITS",
    "REALM_KEY",
    "REQUEST_ID_HEADER",
    "RESOURCES",
]

#: ``{tenant_id}`` is the company's realmId (``Provider.tenant_api_url``).
API_URL = "https://quickbooks.api.intuit.com/v3/company/{tenant_id}"

OAUTH = OAuthSpec(
    authorize_url="https://appcenter.intuit.com/connect/oauth2",
    token_url="https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer",
    revoke_url="https://developer.api.intuit.com/v2/oauth2/tokens/revoke",
    connections_url=None,  # one company per consent: its realmId comes on the callback
    scopes=("com.intuit.quickbooks.accounting",),
    pkce=True,
)

#: Per app and realm: 500 requests a minute, 10 at a time (Intuit's throttling policy).
RATE_LIMITS = RateLimits(tenant_concurrent=10, tenant_per_minute=500)

#: Intuit's transaction id for each request (quote it to Intuit support).
REQUEST_ID_HEADER = "intuit_tid"

#: Minor versions below 75 were retired by Intuit in 2025.
MINOR_VERSION = "75"

#: Where the realmId from the OAuth callback is kept in ``Credentials.extra``.
REALM_KEY = "realm_id"

#: Name lists leave inactive records out unless asked.
ALL_NAMES = ("Active IN (true, false)",)


def deleted_in_cdc(body: Any) -> list[tuple[str, str]]:
    """``(entity, Id)`` of every ``"status": "Deleted"`` object in a change data capture body
    (``{"CDCResponse": [{"QueryResponse": [{"Invoice": [...]}, {"Bill": [...]}]}]}``)."""
    found: list[tuple[str, str]] = []
    for capture in (body or {}).get("CDCResponse") or []:
        for response in capture.get("QueryResponse") or []:
            for entity, rows in response.items():
                if not isinstance(rows, list):
                    continue  # startPosition, maxResults
                found += [
                    (entity, str(row["Id"]))
                    for row in rows
                    if isinstance(row, dict) and row.get("status") == "Deleted" and row.get("Id")
                ]
    return found


#: Deleted transactions vanish from queries; change data capture still reports them (contacts
#: cannot be deleted in QuickBooks, only made inactive, which queries show).
DELETIONS = DeletionFeed(
    path="cdc",
    deleted=deleted_in_cdc,
    format=format_query_time,
    max_age=timedelta(days=30),
    params={"minorversion": MINOR_VERSION},
)


def _query_resource(
    model: str,
    entity: str,
    mapper: Callable[[Mapping[str, Any]], Any],
    prefix: str,
    where: tuple[str, ...] = (),
    operations: frozenset[str] = frozenset({"list", "get"}),
    companion: Companion | None = None,
) -> ResourceSpec:
    return ResourceSpec(
        model=model,
        path="query",
        records_field=f"QueryResponse.{entity}",
        primary_key="Id",
        to_unified=mapper,
        query=QuerySpec(entity=entity, where=where, format=format_query_time),
        list_params={"minorversion": MINOR_VERSION},
        operations=operations,
        id_prefix=prefix,
        companion=companion,
    )


#: The JournalReport's date range: every transaction the books can hold.
JOURNAL_REPORT_START, JOURNAL_REPORT_END = "1900-01-01", "2099-12-31"
_CREATE = frozenset({"list", "get", "create"})
_ALL_WRITES = frozenset({"list", "get", "create", "update", "delete"})
_CREDIT_WRITES = _ALL_WRITES
_PAYMENT_WRITES = frozenset({"list", "get", "create", "delete"})

_DOCUMENTS = MappingProxyType(
    {
        # Written as a Customer or a Vendor, archived (``Active`` false) on delete: QuickBooks
        # never deletes a name (connectors/quickbooks/contacts.py).
        "contact": ResourceSpec.union(
            _query_resource(
                "contact", "Customer", customer_from_qbo, ids.CUSTOMER, ALL_NAMES, _ALL_WRITES
            ),
            _query_resource(
                "contact", "Vendor", vendor_from_qbo, ids.VENDOR, ALL_NAMES, _ALL_WRITES
            ),
        ),
        # Written by type (connectors/quickbooks/writes_invoice.py): an Invoice is voided on
        # delete, a Bill deleted (QuickBooks has no bill void).
        "invoice": ResourceSpec.union(
            _query_resource(
                "invoice", "Invoice", invoice_from_qbo, ids.INVOICE, operations=_CREDIT_WRITES
            ),
            _query_resource("invoice", "Bill", bill_from_qbo, ids.BILL, operations=_CREDIT_WRITES),
            operations=_CREDIT_WRITES,
            deletions=DELETIONS,
        ),
        # CreditMemo (AR) and VendorCredit (AP) are read, written and deleted (QuickBooks has no
        # void for them: the connector's delete); RefundReceipt (money paid back, an AR credit
        # note whose credit is all refunded) is read only. Applying credit to an invoice is the
        # connector's ``allocations`` action (a Payment / BillPayment).
        "credit_note": ResourceSpec.union(
            _query_resource(
                "credit_note",
                "CreditMemo",
                credit_memo_from_qbo,
                ids.CREDIT_MEMO,
                operations=_CREDIT_WRITES,
            ),
            _query_resource(
                "credit_note",
                "VendorCredit",
                vendor_credit_from_qbo,
                ids.VENDOR_CREDIT,
                operations=_CREDIT_WRITES,
            ),
            # The union's operations must hold for every part (the contract); the connector
            # refuses to update or delete a refund receipt (NotSupported, 501) and creates by
            # type.
            _query_resource(
                "credit_note",
                "RefundReceipt",
                refund_receipt_from_qbo,
                REFUND_RECEIPT,
                operations=_CREDIT_WRITES,
            ),
            operations=_CREDIT_WRITES,
            deletions=DELETIONS,
        ),
        # Created (a Payment pays invoices, a BillPayment bills) and deleted: the connector's
        # payment_writes.py.
        "payment": ResourceSpec.union(
            _query_resource(
                "payment", "Payment", payment_from_qbo, ids.PAYMENT, operations=_PAYMENT_WRITES
            ),
            _query_resource(
                "payment",
                "BillPayment",
                bill_payment_from_qbo,
                ids.BILL_PAYMENT,
                operations=_PAYMENT_WRITES,
            ),
            deletions=DELETIONS,
        ),
        # One entity; written like accounts and items (sparse updates with the SyncToken).
        # Deleted purchase orders vanish from queries: change data capture reports them.
        "purchase_order": replace(
            _query_resource(
                "purchase_order",
                "PurchaseOrder",
                purchase_order_from_qbo,
                ids.PURCHASE_ORDER,
                operations=frozenset({"list", "get", "create", "update"}),
            ),
            deletions=DELETIONS,
        ),
        # Journal entries: queried like the documents; deleted ones reported by change data
        # capture. Written with POST /journalentry (create, sparse update with SyncToken).
        "journal_entry": replace(
            _query_resource(
                "journal_entry",
                "JournalEntry",
                journal_entry_from_qbo,
                "",
                operations=frozenset({"list", "get", "create", "update"}),
            ),
            deletions=DELETIONS,
        ),
        # The ledger view: the JournalReport report, one section per posted transaction with
        # its balanced lines (see mappers_journal). Read whole on every sync: a report has no
        # paging, no If-Modified-Since and no GET by id.
        "general_ledger_transaction": ResourceSpec(
            model="general_ledger_transaction",
            path="reports/JournalReport",
            records_field="Rows.Row",
            # A section's key: its transaction type and id (the txn_type cell's value and id).
            primary_key="txn_type+id",
            to_unified=ledger_section_from_qbo,
            list_params={
                "columns": ",".join(REPORT_COLUMNS),
                "start_date": JOURNAL_REPORT_START,
                "end_date": JOURNAL_REPORT_END,
                "minorversion": MINOR_VERSION,
            },
            operations=frozenset({"list"}),
        ),
        # Purchase (money out, or back in as a card refund) and Deposit (money in).
        "bank_transaction": ResourceSpec.union(
            _query_resource(
                "bank_transaction", "Purchase", bank_transaction_from_purchase, ids.PURCHASE
            ),
            _query_resource(
                "bank_transaction", "Deposit", bank_transaction_from_deposit, ids.DEPOSIT
            ),
            deletions=DELETIONS,
        ),
        # One entity each; deleted ones reported by change data capture like the others.
        "expense": replace(
            _query_resource(
                "expense", "Purchase", expense_from_qbo, ids.PURCHASE, operations=_CREATE
            ),
            deletions=DELETIONS,
        ),
        "bank_transfer": replace(
            _query_resource(
                "bank_transfer",
                "Transfer",
                bank_transfer_from_qbo,
                ids.TRANSFER,
                operations=_CREATE,
            ),
            deletions=DELETIONS,
        ),
    }
)


def _tax_code_with_rates(code: Mapping[str, Any], rates: Any) -> Any:
    by_id = {str(r["Id"]): r for r in rates or () if isinstance(r, Mapping) and r.get("Id")}
    return tax_rate_from_qbo(code, by_id)


#: Every TaxRate (inactive ones too: an inactive code may still name them), for TaxCodes.
TAX_RATES = Companion(
    path="query",
    records_field="QueryResponse.TaxRate",
    to_unified=_tax_code_with_rates,
    params={
        "query": "SELECT * FROM TaxRate WHERE Active IN (true, false) MAXRESULTS 1000",
        "minorversion": MINOR_VERSION,
    },
)


def _company_info_with_preferences(info: Mapping[str, Any], preferences: Any) -> Any:
    """``preferences``: the object ``GET preferences`` answers, or the list a query does."""
    if isinstance(preferences, list):
        preferences = preferences[0] if preferences else None
    return company_info_from_qbo(info, preferences if isinstance(preferences, Mapping) else None)


#: The company's Preferences (home currency, fiscal year), for CompanyInfo (in a batch call, as
#: the query ``SELECT * FROM Preferences``).
PREFERENCES = Companion(
    path="preferences",
    records_field="Preferences",
    to_unified=_company_info_with_preferences,
    params={"minorversion": MINOR_VERSION},
    query="SELECT * FROM Preferences",
    query_records_field="QueryResponse.Preferences",
)

_WRITABLE = frozenset({"list", "get", "create", "update"})

#: The reference data. Each QuickBooks Class and
#: Department is a tracking category (Department ids prefixed ``Department:``); each TaxCode is
#: a tax rate, its TaxRates' values read beside it; CompanyInfo is read with Preferences.
#: Classes, departments, accounts and items are never deleted in QuickBooks, only made
#: inactive (queried with ``Active IN (true, false)``).
_REFERENCE_DATA = MappingProxyType(
    {
        "company_info": _query_resource(
            "company_info", "CompanyInfo", company_info_from_qbo, "", companion=PREFERENCES
        ),
        "tax_rate": _query_resource(
            "tax_rate", "TaxCode", tax_rate_from_qbo, ids.TAX_CODE, ALL_NAMES, companion=TAX_RATES
        ),
        "account": _query_resource(
            "account", "Account", account_from_qbo, ids.ACCOUNT, ALL_NAMES, operations=_WRITABLE
        ),
        "tracking_category": ResourceSpec.union(
            _query_resource("tracking_category", "Class", class_from_qbo, ids.CLASS, ALL_NAMES),
            _query_resource(
                "tracking_category", "Department", department_from_qbo, ids.DEPARTMENT, ALL_NAMES
            ),
        ),
        "item": _query_resource(
            "item", "Item", item_from_qbo, ids.ITEM, ALL_NAMES, operations=_WRITABLE
        ),
    }
)

#: ``POST batch``: a model read of several entities (or a companion, or the change data capture
#: beside an incremental read) starts with one call (see connectors/quickbooks/batch.py).
BATCH = BatchSpec(
    path="batch",
    body=batch_body,
    answers=batch_answers,
    max_reads=MAX_ITEMS,
    max_rows=MAX_OBJECTS,
    per_minute=BATCHES_PER_MINUTE,
    params={"minorversion": MINOR_VERSION},
)

#: Every model QuickBooks serves (the catalogue, not this order, decides the sync order).
RESOURCES = MappingProxyType({**_REFERENCE_DATA, **_DOCUMENTS})
