"""Python client for the Ledgerlink unified accounting API.

    from ledgerlink_client import Ledgerlink

    client = Ledgerlink("ll_live_...", "https://ledgerlink.example.com", linked_account=account_id)
    for invoice in client.invoices.list_all(status="OPEN"):
        print(invoice.number, invoice.balance)

``ledgerlink_client.generated`` is generated from the OpenAPI document (``make clients-python``;
never edited by hand): its ``models`` are the typed records and inputs, its ``api`` one module
per operation. The rest of this package is the thin layer generation cannot express.
"""

from ledgerlink_client.errors import (
    AuthenticationError,
    Conflict,
    LedgerlinkError,
    NotFound,
    NotOffered,
    PermissionDenied,
    ProviderError,
    RateLimited,
    RelinkRequired,
    ServerError,
    ServiceUnavailable,
    ValidationError,
)
from ledgerlink_client.generated import models
from ledgerlink_client.ledgerlink import AsyncLedgerlink, Ledgerlink
from ledgerlink_client.retry import RetryPolicy
from ledgerlink_client.webhooks import WebhookSignatureError, parse_event, verify_signature

__all__ = [
    "AsyncLedgerlink",
    "AuthenticationError",
    "Conflict",
    "Ledgerlink",
    "LedgerlinkError",
    "NotFound",
    "NotOffered",
    "PermissionDenied",
    "ProviderError",
    "RateLimited",
    "RelinkRequired",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailable",
    "ValidationError",
    "WebhookSignatureError",
    "models",
    "parse_event",
    "verify_signature",
]
