"""What QuickBooks' data can't say: its ``Fault`` error bodies, and writes. Reads are all
spec-driven. Writes: accounts and items (``POST /account``, ``POST /item``: a create, or a
sparse update carrying the record's current ``SyncToken``, read first); the caller's
idempotency key goes to Intuit as ``requestid`` (its duplicate-request guard). Other models'
writes are not supported (``NotSupported``, which the gateway answers with 501)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from unified_models import UnifiedInput, UnifiedRecord

from ..errors import ConnectorError, NotSupported, ProviderError, ValidationFailed
from ..http import STATUS_ERRORS, Response
from ..rest import SpecConnector
from ..specs import ResourceSpec
from .attachments import QuickBooksAttachments
from .mappers_reference import account_to_qbo, item_to_qbo
from .spec import MINOR_VERSION

__all__ = ["QuickBooksConnector", "fault_errors"]


def fault_errors(body: Any) -> tuple[str | None, list[dict[str, Any]]]:
    """``(fault type, [{"code", "message", "detail", "element"}])`` from either spelling of
    Intuit's error body: ``{"Fault": {"Error": [{"Message", "Detail", "code", "element"}],
    "type"}}`` (the API) or ``{"fault": {"error": [{"message", "detail", "code"}], "type"}}``
    (Intuit's gateway: 401s and throttling)."""
    if not isinstance(body, Mapping):
        return None, []
    fault = body.get("Fault") or body.get("fault")
    if not isinstance(fault, Mapping):
        return None, []
    errors = []
    for e in fault.get("Error") or fault.get("error") or ():
        if not isinstance(e, Mapping):
            continue
        errors.append(
            {
                "code": str(e.get("code") or e.get("Code") or ""),
                "message": str(e.get("Message") or e.get("message") or ""),
                "detail": str(e.get("Detail") or e.get("detail") or ""),
                "element": e.get("element") or e.get("Element") or None,
            }
        )
    return (str(fault.get("type")) if fault.get("type") else None), errors


#: Unified model → (endpoint, body mapper) for the models QuickBooks writes.
WRITERS: Mapping[str, tuple[str, Callable[..., dict[str, Any]]]] = {
    "account": ("account", account_to_qbo),
    "item": ("item", item_to_qbo),
}

#: Intuit's fault ``element`` → unified field (accounts and items).
ELEMENT_FIELDS = {
    "Name": "name",
    "AcctNum": "code",
    "Description": "description",
    "AccountType": "type",
    "AccountSubType": "type",
    "Type": "type",
    "ParentRef": "parent_account_remote_id",
    "CurrencyRef": "currency",
    "Sku": "code",
    "IncomeAccountRef": "sale_account_remote_id",
    "ExpenseAccountRef": "purchase_account_remote_id",
    "AssetAccountRef": "inventory_asset_account_remote_id",
    "SalesTaxCodeRef": "sale_tax_rate_remote_id",
    "PurchaseTaxCodeRef": "purchase_tax_rate_remote_id",
    "UnitPrice": "sale_unit_price",
    "PurchaseCost": "purchase_unit_price",
}


class QuickBooksConnector(QuickBooksAttachments, SpecConnector):
    def translate_error(self, response: Response, context: str | None) -> ConnectorError | None:
        body = response.json()
        fault_type, errors = fault_errors(body)
        if not errors:
            return None
        first = errors[0]
        message = "; ".join(
            f"{e['message']}: {e['detail']}" if e["detail"] else e["message"] for e in errors
        )
        if response.status == 400 and fault_type == "ValidationFault":
            return ValidationFailed(
                first["message"] or "validation failed",
                details=[
                    {
                        # "" when Intuit names no element (the API's "the record as a
                        # whole"), e.g. 610 for a reference to an inactive account.
                        "field": ELEMENT_FIELDS.get(e["element"] or "", e["element"] or ""),
                        "message": e["detail"] or e["message"],
                    }
                    for e in errors
                ],
                status=400,
                body=body,
            )
        cls = STATUS_ERRORS.get(response.status, ProviderError)
        return cls(message or f"HTTP {response.status}", status=response.status, body=body)

    # -- writes ---------------------------------------------------------------------------------
    def create(
        self, model: str, data: UnifiedInput, *, idempotency_key: str | None = None
    ) -> UnifiedRecord:
        spec = self.provider.resource(model, "create")
        path, to_qbo = self._writer(model)
        missing = data.missing_for_create()
        if missing:
            raise ValidationFailed(
                "required fields are missing",
                details=[{"field": f, "message": "This field is required."} for f in missing],
            )
        extra = {"inventory_start": datetime.now(UTC).date()} if model == "item" else {}
        return self._post(spec, path, to_qbo(data, **extra), idempotency_key)

    def update(
        self,
        model: str,
        remote_id: str,
        data: UnifiedInput,
        *,
        idempotency_key: str | None = None,
    ) -> UnifiedRecord:
        spec = self.provider.resource(model, "update")
        path, to_qbo = self._writer(model)
        current = self.get(model, remote_id)  # its SyncToken: QuickBooks refuses stale writes
        raw = current.remote_data or {}
        _, own_id = spec.source_for(remote_id)
        body = to_qbo(data, remote_id=own_id, sync_token=str(raw.get("SyncToken", "0")))
        return self._post(spec, path, body, idempotency_key)

    def _writer(self, model: str) -> tuple[str, Callable[..., dict[str, Any]]]:
        writer = WRITERS.get(model)
        if writer is None:
            raise NotSupported(f"{self.provider.name} does not write {model}")
        return writer

    def _post(
        self, spec: ResourceSpec, path: str, body: dict[str, Any], idempotency_key: str | None
    ) -> UnifiedRecord:
        key = (idempotency_key or uuid.uuid4().hex)[:50]
        response = self.client.request(
            "POST",
            path,
            params={"minorversion": MINOR_VERSION, "requestid": key},
            json=body,
            headers={"Idempotency-Key": key},  # lets the client retry: Intuit dedupes requestid
            error_context=spec.model,
        )
        entity = spec.resource_name
        row = (response.json() or {}).get(entity)
        if not isinstance(row, Mapping):
            raise ProviderError(f"QuickBooks answered POST {path} without an {entity}")
        return spec.to_unified(row)
