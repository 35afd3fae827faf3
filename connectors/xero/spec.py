"""Xero as data: endpoints, resources, paging, incremental cursor, limits, webhook categories."""

from __future__ import annotations

from types import MappingProxyType

from ..specs import HeaderCursor, OAuthSpec, PagePaginator, RateLimits, ResourceSpec
from .dates import format_modified_since
from .mappers import contact_from_xero, invoice_from_xero, payment_from_xero

__all__ = [
    "API_URL",
    "OAUTH",
    "RATE_LIMITS",
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
    scopes=(
        "openid",
        "profile",
        "email",
        "offline_access",
        "accounting.transactions",
        "accounting.contacts",
        "accounting.settings.read",
    ),
    pkce=True,
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

RESOURCES = MappingProxyType(
    {
        # Sync order matters (contacts before invoices before payments): keep it.
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
        ),
    }
)

WEBHOOK_SIGNATURE_HEADER = "x-xero-signature"
#: Xero eventCategory → unified model (None: an event we do not map, e.g. SUBSCRIPTION).
WEBHOOK_CATEGORIES = MappingProxyType(
    {"INVOICE": "invoice", "CONTACT": "contact", "CREDITNOTE": None, "SUBSCRIPTION": None}
)
