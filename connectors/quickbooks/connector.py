"""What QuickBooks' data can't say: its ``Fault`` error bodies, and writes. Reads are all
spec-driven. Writes: accounts, items and purchase orders (``POST /account``, ``POST /item``,
``POST /purchaseorder``: a create, or a
sparse update carrying the record's current ``SyncToken``, read first); the caller's
idempotency key goes to Intuit as ``requestid`` (its duplicate-request guard). Other models'
writes are not supported (``NotSupported``, which the gateway answers with 501)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from unified_models import InvoiceType, Report, ReportRequest, UnifiedInput, UnifiedRecord

from ..errors import ConnectorError, NotSupported, ProviderError, ValidationFailed
from ..http import STATUS_ERRORS, Response
from ..rest import SpecConnector
from ..specs import ResourceSpec
from .attachments import QuickBooksAttachments
from .mappers_bank import bank_transfer_to_qbo, expense_to_qbo
from .mappers_credit import REFUND_RECEIPT, credit_note_to_qbo
from .mappers_journal import journal_entry_to_qbo
from .mappers_purchase_order import purchase_order_to_qbo
from .mappers_reference import account_to_qbo, item_to_qbo
from .reports import fetch_report
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
    "purchase_order": ("purchaseorder", purchase_order_to_qbo),
    "journal_entry": ("journalentry", journal_entry_to_qbo),
    "expense": ("purchase", expense_to_qbo),
    "bank_transfer": ("transfer", bank_transfer_to_qbo),
}

#: Unified input fields QuickBooks has nowhere to put, per model (refused with 422).
UNSUPPORTED_FIELDS: Mapping[str, Mapping[str, str]] = {
    "expense": {
        "reference": "A QuickBooks purchase has no reference; use number (DocNumber) or memo.",
        "account_code": "QuickBooks names accounts by id: give account (or account_remote_id).",
    },
}

#: Fault ``element`` → unified field, where a model reads it differently from ELEMENT_FIELDS.
MODEL_ELEMENT_FIELDS: Mapping[str, Mapping[str, str]] = {
    "expense": {
        "AccountRef": "account",
        "EntityRef": "contact",
        "PaymentType": "payment_method",
        "CurrencyRef": "currency",
        "Line": "line_items",
        "TaxCodeRef": "line_items",
        "ItemRef": "line_items",
        "ClassRef": "line_items",
        "TotalAmt": "line_items",
    },
    "bank_transfer": {
        "FromAccountRef": "from_account",
        "ToAccountRef": "to_account",
        "Amount": "amount",
        "CurrencyRef": "exchange_rate",
    },
    "purchase_order": {
        "VendorRef": "contact",
        "TxnDate": "issue_date",
        "DueDate": "delivery_date",
        "POStatus": "status",
        "Line": "line_items",
    },
    "journal_entry": {
        "Line": "lines",
        "AccountRef": "lines",
        "PostingType": "lines",
        "TxnDate": "transaction_date",
    },
}

#: Intuit's fault ``element`` → unified field (accounts and items).
ELEMENT_FIELDS = {
    "CustomerRef": "contact",
    "VendorRef": "contact",
    "Line": "line_items",
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
    "DocNumber": "number",
    "ExchangeRate": "exchange_rate",
}


class QuickBooksConnector(QuickBooksAttachments, SpecConnector):
    def fetch_report(self, request: ReportRequest) -> Report:
        """One ``GET reports/<name>`` (connectors/quickbooks/reports.py); "today" for a report
        without a date is the UTC date, as the gateway's defaults."""
        return fetch_report(self.client, request, datetime.now(UTC).date())

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
            fields = {**ELEMENT_FIELDS, **MODEL_ELEMENT_FIELDS.get(context or "", {})}
            return ValidationFailed(
                first["message"] or "validation failed",
                details=[
                    {
                        # "" when Intuit names no element (the API's "the record as a
                        # whole"), e.g. 610 for a reference to an inactive account.
                        "field": fields.get(e["element"] or "", e["element"] or ""),
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
        path, to_qbo = self._writer(model) if model != "credit_note" else ("", None)
        missing = data.missing_for_create() + self._qbo_required(model, data)
        refused = [
            {"field": f, "message": message}
            for f, message in UNSUPPORTED_FIELDS.get(model, {}).items()
            if f in data.model_fields_set and getattr(data, f) is not None
        ]
        if refused:
            raise ValidationFailed("fields not supported by QuickBooks", details=refused)
        if missing:
            raise ValidationFailed(
                "required fields are missing",
                details=[{"field": f, "message": "This field is required."} for f in missing],
            )
        if model == "credit_note":
            part = self._credit_part(spec, data.type is InvoiceType.ACCOUNTS_RECEIVABLE)
            body = credit_note_to_qbo(data, receivable=part.query.entity == "CreditMemo")
            return self._post(part, part.query.entity.lower(), body, idempotency_key)
        extra = {"inventory_start": datetime.now(UTC).date()} if model == "item" else {}
        data = self._journal_accounts(model, data)
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
        if model == "credit_note":
            return self._update_credit(spec, remote_id, data, idempotency_key)
        path, to_qbo = self._writer(model)
        data = self._journal_accounts(model, data)
        current = self.get(model, remote_id)  # its SyncToken: QuickBooks refuses stale writes
        raw = current.remote_data or {}
        _, own_id = spec.source_for(remote_id)
        body = to_qbo(data, remote_id=own_id, sync_token=str(raw.get("SyncToken", "0")))
        return self._post(spec, path, body, idempotency_key)

    def _journal_accounts(self, model: str, data: Any) -> Any:
        """Journal lines naming an account by code only: QuickBooks takes ids (``AcctNum``
        looked up); a code no account has is refused on its line, nothing written."""
        if model != "journal_entry" or not data.lines:
            return data
        lines, unknown = [], []
        for index, line in enumerate(data.lines):
            if line.account_remote_id or not line.account_code:
                if not line.account_remote_id:
                    unknown.append(
                        {"field": f"lines[{index}].account", "message": "An account is required."}
                    )
                lines.append(line)
                continue
            code = line.account_code.replace("'", "")
            response = self.client.request(
                "GET",
                "query",
                params={
                    "query": f"SELECT * FROM Account WHERE AcctNum = '{code}'",  # noqa: S608
                    "minorversion": MINOR_VERSION,
                },
            )
            found = ((response.json() or {}).get("QueryResponse") or {}).get("Account") or []
            if not found:
                unknown.append(
                    {
                        "field": f"lines[{index}].account_code",
                        "message": f"No QuickBooks account has the number {code}.",
                    }
                )
                lines.append(line)
                continue
            lines.append(line.model_copy(update={"account_remote_id": str(found[0]["Id"])}))
        if unknown:
            raise ValidationFailed("unknown accounts", details=unknown)
        return data.model_copy(update={"lines": lines})

    @staticmethod
    def _credit_part(spec: ResourceSpec, receivable: bool) -> ResourceSpec:
        entity = "CreditMemo" if receivable else "VendorCredit"
        return next(p for p in spec.sources if p.query and p.query.entity == entity)

    def _update_credit(
        self, spec: ResourceSpec, remote_id: str, data: Any, idempotency_key: str | None
    ) -> UnifiedRecord:
        """Sparse update of a CreditMemo or VendorCredit (refund receipts are not written)."""
        part, own_id = spec.source_for(remote_id)
        if part.id_prefix == REFUND_RECEIPT:
            raise NotSupported("QuickBooks refund receipts are read only here")
        if data.type is not None and (data.type is InvoiceType.ACCOUNTS_RECEIVABLE) != (
            part.query.entity == "CreditMemo"
        ):
            raise ValidationFailed(
                "a credit note's type cannot change",
                details=[{"field": "type", "message": "The type cannot change."}],
            )
        current = self.get("credit_note", remote_id)
        token = str((current.remote_data or {}).get("SyncToken", "0"))
        body = credit_note_to_qbo(
            data,
            receivable=part.query.entity == "CreditMemo",
            remote_id=own_id,
            sync_token=token,
        )
        return self._post(part, part.query.entity.lower(), body, idempotency_key)

    @staticmethod
    def _qbo_required(model: str, data: Any) -> list[str]:
        """What QuickBooks needs beyond the unified create requirements: an expense's account
        (by id) and each line's account or item."""
        if model != "expense":
            return []
        needed = [] if data.account_remote_id else ["account_remote_id"]
        for i, line in enumerate(data.line_items or ()):
            if not (line.account_remote_id or line.item_remote_id):
                needed.append(f"line_items[{i}].account_remote_id")
        return needed

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
