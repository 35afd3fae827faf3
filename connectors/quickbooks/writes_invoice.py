"""Writes of the unified invoice on QuickBooks: an ACCOUNTS_RECEIVABLE invoice is a QuickBooks
``Invoice``, an ACCOUNTS_PAYABLE one a ``Bill`` (bodies: ``mappers_invoice``).

- Create: by ``type``; what QuickBooks cannot hold, and the lines it requires, refused (422)
  before any call.
- Update: the record is read first (its ``SyncToken``: QuickBooks refuses a stale one), then a
  sparse update. The type cannot change (422): Invoice and Bill are different entities.
- Delete, with Xero's semantics (QuickBooks has no draft, so there is nothing to delete
  outright on the sales side): an invoice no payment or credit touches is voided
  (``POST /invoice?operation=void``: QuickBooks zeroes its amounts and keeps it, status VOID);
  QuickBooks' API has no void for a bill, so a bill is deleted (``POST /bill?operation=delete``)
  and the gateway keeps it flagged ``remote_was_deleted``. A document with payments or credit
  applied is refused (422, ``field: status``): delete its payments first. An invoice already
  void answers as it is; a bill already gone answers deleted.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from unified_models import Invoice, InvoiceStatus, InvoiceType, UnifiedRecord

from ..errors import NotFound, ProviderError, ValidationFailed
from ..specs import ResourceSpec
from .mappers_invoice import invoice_to_qbo
from .spec import MINOR_VERSION

__all__ = ["InvoiceWrites"]

MODEL = "invoice"


def _part(spec: ResourceSpec, entity: str) -> ResourceSpec:
    return next(p for p in spec.sources if p.resource_name == entity)


class InvoiceWrites:
    """Mixed into ``QuickBooksConnector`` (which provides ``client``, ``provider``, ``get`` and
    ``_post``)."""

    client: Any
    provider: Any

    def _create_invoice(self, data: Any, idempotency_key: str | None) -> UnifiedRecord:
        missing = data.missing_for_create() + ([] if data.line_items else ["line_items"])
        if missing:
            raise ValidationFailed(
                "required fields are missing",
                details=[{"field": f, "message": "This field is required."} for f in missing],
            )
        receivable = data.type is InvoiceType.ACCOUNTS_RECEIVABLE
        entity = "Invoice" if receivable else "Bill"
        body = invoice_to_qbo(data, receivable=receivable)
        part = _part(self.provider.resource(MODEL, "create"), entity)
        return self._post(part, entity.lower(), body, idempotency_key)  # type: ignore[attr-defined]

    def _update_invoice(
        self, remote_id: str, data: Any, idempotency_key: str | None
    ) -> UnifiedRecord:
        spec = self.provider.resource(MODEL, "update")
        part, own_id = spec.source_for(remote_id)
        receivable = part.resource_name == "Invoice"
        if data.type is not None and (data.type is InvoiceType.ACCOUNTS_RECEIVABLE) != receivable:
            raise ValidationFailed(
                "an invoice's type cannot change",
                details=[
                    {
                        "field": "type",
                        "message": "QuickBooks invoices and bills are different records.",
                    }
                ],
            )
        invoice_to_qbo(data, receivable=receivable)  # refuse before reading anything
        current = self.get(MODEL, remote_id)  # type: ignore[attr-defined]
        token = str((current.remote_data or {}).get("SyncToken", "0"))
        body = invoice_to_qbo(data, receivable=receivable, remote_id=own_id, sync_token=token)
        return self._post(part, part.resource_name.lower(), body, idempotency_key)  # type: ignore[attr-defined]

    def _delete_invoice(self, remote_id: str) -> UnifiedRecord | None:
        spec = self.provider.resource(MODEL, "delete")
        part, own_id = spec.source_for(remote_id)
        entity = part.resource_name
        try:
            current = self.get(MODEL, remote_id)  # type: ignore[attr-defined]
        except NotFound:
            if entity == "Bill":
                return None  # already deleted
            raise
        assert isinstance(current, Invoice)
        if current.status is InvoiceStatus.VOID:
            return current
        if current.payment_remote_ids or (current.amount_paid or Decimal(0)) > 0:
            raise ValidationFailed(
                "an invoice with payments or credit applied cannot be voided; delete its "
                "payments first",
                details=[{"field": "status", "message": "Invoice has payments applied."}],
            )
        raw = current.remote_data or {}
        operation = "void" if entity == "Invoice" else "delete"
        key = uuid.uuid4().hex[:50]
        response = self.client.request(
            "POST",
            entity.lower(),
            params={"operation": operation, "minorversion": MINOR_VERSION, "requestid": key},
            json={"Id": own_id, "SyncToken": str(raw.get("SyncToken", "0"))},
            error_context=MODEL,
        )
        answer = (response.json() or {}).get(entity)
        if not isinstance(answer, Mapping):
            raise ProviderError(f"QuickBooks answered POST {entity.lower()} without an {entity}")
        if operation == "delete":
            if answer.get("status") != "Deleted":
                raise ProviderError(f"QuickBooks did not delete {entity} {own_id}")
            return None
        return part.to_unified(answer)
