"""What Xero's data can't say: tenant header, error bodies, writes, void-vs-delete rules."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from unified_models import (
    AccountInput,
    AccountType,
    CreditNote,
    CreditNoteAllocationInput,
    CreditNoteInput,
    CreditNoteStatus,
    Invoice,
    InvoiceInput,
    InvoiceStatus,
    ItemInput,
    JournalEntryInput,
    PaymentInput,
    PaymentStatus,
    PurchaseOrderInput,
    UnifiedInput,
    UnifiedRecord,
)

from ..errors import (
    ConnectorError,
    NotFound,
    NotSupported,
    PermissionDenied,
    ProviderError,
    ValidationFailed,
)
from ..http import Response
from ..rest import SpecConnector
from ..specs import ResourceSpec
from .attachments import XeroAttachments
from .mappers import contact_to_xero, invoice_to_xero, payment_to_xero, validation_details
from .mappers_bank import bank_transfer_to_xero, expense_to_xero
from .mappers_credit import (
    allocation_to_xero,
    credit_note_to_xero,
    credit_note_validation_details,
)
from .mappers_journal import journal_entry_to_xero, journal_validation_details
from .mappers_purchase_order import purchase_order_to_xero
from .mappers_reference import account_to_xero, item_to_xero
from .reports import XeroReports
from .spec import TENANT_HEADER

__all__ = ["XeroConnector"]

#: Unified input fields Xero has nowhere to store.
UNSUPPORTED_FIELDS: Mapping[str, frozenset[str]] = {
    "invoice": frozenset({"memo"}),
    "credit_note": frozenset({"memo"}),
    # Xero derives them from the contact's transactions.
    "contact": frozenset({"is_customer", "is_supplier"}),
    "payment": frozenset(),
    # Xero has no sub-accounts, and no item types or statuses (tracked inventory is told by
    # its inventory asset account).
    "account": frozenset({"parent_account", "parent_account_remote_id"}),
    "item": frozenset({"type", "status"}),
    # Xero purchase orders have no memo (Reference and DeliveryInstructions are their notes).
    "purchase_order": frozenset({"memo"}),
    # Manual journals are in the base currency, unnumbered, and their lines name no contact.
    "journal_entry": frozenset(
        {"number", "currency", "exchange_rate", "lines.contact", "lines.contact_remote_id"}
    ),
    # A bank transaction has a Reference but no number or private note; how it was paid is
    # the bank account's business.
    "expense": frozenset({"memo", "number", "payment_method"}),
    "bank_transfer": frozenset(),
}

#: Refused fields Xero has, but sets itself.
_DERIVED = {
    "is_customer": "Xero sets it from the contact's transactions.",
    "is_supplier": "Xero sets it from the contact's transactions.",
}

_WRITE_PARAMS: Mapping[str, dict[str, str]] = {
    "invoice": {"unitdp": "4"},
    "credit_note": {"unitdp": "4"},
    "item": {"unitdp": "4"},
    "purchase_order": {"unitdp": "4"},
    "expense": {"unitdp": "4"},
}
#: Models whose create/update body is one bare record (Xero's createAccount takes an Account,
#: not an ``{"Accounts": [...]}`` list).
_BARE_BODY = frozenset({"account"})
#: Item account references Xero takes by code: (remote id field, code field).
_ITEM_ACCOUNTS = (
    ("sale_account_remote_id", "sale_account_code"),
    ("purchase_account_remote_id", "purchase_account_code"),
    ("inventory_asset_account_remote_id", "inventory_asset_account_code"),
)
#: Unified account types Xero creates without an account code.
_CODELESS_ACCOUNT_TYPES = frozenset({AccountType.BANK, AccountType.CREDIT_CARD})


class XeroConnector(XeroReports, XeroAttachments, SpecConnector):
    def default_headers(self) -> dict[str, str]:
        return {TENANT_HEADER: self.tenant_id}

    def get(self, model: str, remote_id: str) -> UnifiedRecord:
        """An expense is a SPEND bank transaction: another type read by its id is not one."""
        try:
            return super().get(model, remote_id)
        except ValueError:
            if model != "expense":
                raise
            raise NotFound(f"expense {remote_id} not found (not a SPEND transaction)") from None

    def get_params(self, spec: ResourceSpec) -> dict[str, str]:
        return dict(_WRITE_PARAMS.get(spec.model, {}))

    def translate_error(self, response: Response, context: str | None) -> ConnectorError | None:
        body = response.json()
        if (
            response.status in (401, 403)
            and isinstance(body, Mapping)
            and body.get("Detail") == "AuthorizationUnsuccessful"
        ):
            # Xero's answer to a token without the endpoint's scope (401, sometimes 403).
            return PermissionDenied(
                "Xero refused the call (AuthorizationUnsuccessful): the consent lacks the "
                "scope it needs",
                status=response.status,
                body=body,
            )
        if (
            response.status == 400
            and isinstance(body, Mapping)
            and (body.get("Type") == "ValidationException" or body.get("Elements"))
        ):
            if context == "credit_note":
                details = credit_note_validation_details(body)
            elif context == "journal_entry":
                details = journal_validation_details(body)
            else:
                details = validation_details(body, context or "")
            return ValidationFailed(
                str(body.get("Message") or "validation failed"),
                details=details,
                status=400,
                body=body,
            )
        return None

    # -- writes ---------------------------------------------------------------------------------
    def create(
        self, model: str, data: UnifiedInput, *, idempotency_key: str | None = None
    ) -> UnifiedRecord:
        spec = self.provider.resource(model, "create")
        data = self._check_input(model, data)
        missing = data.missing_for_create()
        if model == "payment" and data.applied_to and len(data.applied_to) != 1:
            raise ValidationFailed(
                details=[
                    {"field": "applied_to", "message": "Xero applies a payment to one document"}
                ]
            )
        if model in ("payment", "expense") and not (data.account_remote_id or data.account_code):
            missing.append("account_remote_id")
        if model == "expense" and not data.contact_remote_id:
            missing.append("contact_remote_id")  # Xero refuses a bank transaction without one
        missing += self._xero_required(model, data, missing)
        if missing:
            raise ValidationFailed(
                "required fields are missing",
                details=[{"field": f, "message": "This field is required."} for f in missing],
            )
        body = self._to_xero(model, self._with_account_codes(model, data))
        return self._write("PUT", spec, spec.path, body, idempotency_key)

    def update(
        self,
        model: str,
        remote_id: str,
        data: UnifiedInput,
        *,
        idempotency_key: str | None = None,
    ) -> UnifiedRecord:
        spec = self.provider.resource(model, "update")
        data = self._with_account_codes(model, self._check_input(model, data))
        current = self._current_item(remote_id, data) if model == "item" else None
        body = self._to_xero(model, data, remote_id=remote_id, current=current)
        return self._write("POST", spec, f"{spec.path}/{remote_id}", body, idempotency_key)

    def delete(self, model: str, remote_id: str) -> UnifiedRecord | None:
        """Contacts are archived (Xero never deletes them); DRAFT/SUBMITTED invoices are deleted,
        AUTHORISED ones without payments voided; paid or part-paid invoices cannot be voided
        until their payments are removed; payments are deleted (Xero's reversal)."""
        spec = self.provider.resource(model, "delete")
        path = f"{spec.path}/{remote_id}"
        if model == "contact":
            body: dict[str, Any] = {"ContactID": remote_id, "ContactStatus": "ARCHIVED"}
        elif model == "payment":
            payment = self.get("payment", remote_id)
            if payment.remote_was_deleted or getattr(payment, "status", None) is PaymentStatus.VOID:
                return payment  # already deleted: Xero refuses a second delete
            body = {"PaymentID": remote_id, "Status": "DELETED"}
        elif model == "credit_note":
            note = self.get("credit_note", remote_id)
            assert isinstance(note, CreditNote)
            if note.remote_was_deleted or note.status is CreditNoteStatus.VOID:
                return note
            if note.status in (CreditNoteStatus.DRAFT, CreditNoteStatus.SUBMITTED):
                body = {"CreditNoteID": remote_id, "Status": "DELETED"}
            elif note.status is CreditNoteStatus.OPEN:
                body = {"CreditNoteID": remote_id, "Status": "VOIDED"}
            else:
                raise ValidationFailed(
                    "a credit note with allocations or refunds cannot be voided; remove them first",
                    details=[{"field": "status", "message": "Credit note has credit applied."}],
                )
        else:
            current = self.get("invoice", remote_id)
            assert isinstance(current, Invoice)
            if current.remote_was_deleted or current.status is InvoiceStatus.VOID:
                return current
            if current.status in (InvoiceStatus.DRAFT, InvoiceStatus.SUBMITTED):
                body = {"InvoiceID": remote_id, "Status": "DELETED"}
            elif current.status is InvoiceStatus.OPEN:
                body = {"InvoiceID": remote_id, "Status": "VOIDED"}
            else:
                raise ValidationFailed(
                    "an invoice with payments cannot be voided; delete its payments first",
                    details=[{"field": "status", "message": "Invoice has payments applied."}],
                )
        return self._write("POST", spec, path, body, None)

    #: (model, action) pairs ``perform_action`` serves (the catalogue declares the actions).
    ACTIONS = frozenset({("credit_note", "allocations")})

    def perform_action(
        self,
        model: str,
        action: str,
        remote_id: str,
        data: UnifiedInput,
        *,
        idempotency_key: str | None = None,
    ) -> dict[str, list[UnifiedRecord]]:
        """``credit_note``/``allocations``: PUT /CreditNotes/{id}/Allocations, then the credit
        note and the invoice read back (Xero's answer holds only the allocation)."""
        if (model, action) not in self.ACTIONS:
            raise NotSupported(f"Xero has no {action} on {model}")
        assert isinstance(data, CreditNoteAllocationInput)
        spec = self.provider.resource("credit_note", "update")
        headers = {"Idempotency-Key": (idempotency_key or uuid.uuid4().hex)[:128]}
        self.client.request(
            "PUT",
            f"{spec.path}/{remote_id}/Allocations",
            json=allocation_to_xero(data),
            headers=headers,
            error_context="credit_note",
        )
        invoice_id = data.invoice_remote_id
        return {
            "credit_note": [self.get("credit_note", remote_id)],
            "invoice": [self.get("invoice", invoice_id)] if invoice_id else [],
        }

    # -- helpers --------------------------------------------------------------------------------
    def _check_input(self, model: str, data: UnifiedInput) -> Any:
        expected = self.provider.input_model(model)
        if not isinstance(data, expected):
            if isinstance(data, Mapping):
                data = expected.model_validate(data)
            else:
                raise TypeError(f"{model} writes take {expected.__name__}")
        bad = sorted(
            f
            for f in data.model_fields_set
            if f in UNSUPPORTED_FIELDS.get(model, ()) and getattr(data, f) is not None
        )
        for index, line in enumerate(getattr(data, "lines", None) or ()):
            bad += [
                f"lines[{index}].{f}"
                for f in sorted(line.model_fields_set)
                if f"lines.{f}" in UNSUPPORTED_FIELDS.get(model, ()) and getattr(line, f)
            ]
        if bad:
            raise ValidationFailed(
                "fields not supported by Xero",
                details=[
                    {"field": f, "message": _DERIVED.get(f, "Xero has no such field.")} for f in bad
                ],
            )
        return data

    @staticmethod
    def _xero_required(model: str, data: Any, missing: list[str]) -> list[str]:
        """Fields Xero needs beyond the unified create requirements."""
        needed: list[str] = []
        if model == "item" and not data.code:
            needed.append("code")
        if model == "account" and isinstance(data, AccountInput):
            codeless = data.type in _CODELESS_ACCOUNT_TYPES
            if codeless and not data.bank_account_number:
                needed.append("bank_account_number")
            if not codeless and data.type is not None and not data.code:
                needed.append("code")
        return [f for f in needed if f not in missing]

    def _with_account_codes(self, model: str, data: Any) -> Any:
        """Xero items name accounts by code: look up the code of each account given by id.
        Invoice lines name items by code (``ItemCode``; a line's ``Item`` is what Xero echoes):
        look up the code of each item given by id."""
        if model == "invoice":
            return self._with_item_codes(data)
        if model != "item":
            return data
        assert isinstance(data, ItemInput)
        codes: dict[str, Any] = {}
        for id_field, code_field in _ITEM_ACCOUNTS:
            remote_id = getattr(data, id_field)
            if remote_id and code_field not in data.model_fields_set:
                codes[code_field] = self._account_code(remote_id, id_field)
        if not codes:
            return data
        return data.model_copy(update=codes)  # model_copy(update=) marks the fields as set

    def _with_item_codes(self, data: InvoiceInput) -> InvoiceInput:
        lines = data.line_items or []
        wanted = [
            (index, line)
            for index, line in enumerate(lines)
            if line.item_remote_id and not line.item_code
        ]
        if not wanted:
            return data
        codes: dict[str, str | None] = {}
        unknown: list[dict[str, str]] = []
        changed = list(lines)
        for index, line in wanted:
            remote_id = str(line.item_remote_id)
            if remote_id not in codes:
                codes[remote_id] = self._item_code(remote_id)
            code = codes[remote_id]
            if code is None:
                field = "item" if "item" in line.model_fields_set else "item_remote_id"
                where = f"line_items[{index}].{field}"
                unknown.append({"field": where, "message": "No Xero item has this id."})
                continue
            changed[index] = line.model_copy(update={"item_code": code})
        if unknown:
            raise ValidationFailed("item not found", details=unknown)
        return data.model_copy(update={"line_items": changed})

    def _item_code(self, remote_id: str) -> str | None:
        try:
            response = self.client.request("GET", f"Items/{remote_id}", error_context="item")
            rows = response.json().get("Items") or []
        except NotFound:
            rows = []
        return str(rows[0]["Code"]) if rows and rows[0].get("Code") else None

    def _account_code(self, remote_id: str, field: str) -> str:
        try:
            response = self.client.request("GET", f"Accounts/{remote_id}", error_context="account")
            rows = response.json().get("Accounts") or []
        except NotFound:
            rows = []
        code = rows[0].get("Code") if rows else None
        if not code:
            raise ValidationFailed(
                "account not found",
                details=[{"field": field, "message": "No Xero account with a code has this id."}],
            )
        return str(code)

    def _current_item(self, remote_id: str, data: ItemInput) -> dict[str, Any] | None:
        """The item as Xero holds it, when a partial change to its sale or purchase details
        needs merging (Xero replaces those objects whole)."""
        sides = ("sale_", "purchase_", "inventory_asset_")
        if not any(f.startswith(sides) for f in data.model_fields_set):
            return None
        response = self.client.request(
            "GET", f"Items/{remote_id}", params=_WRITE_PARAMS["item"], error_context="item"
        )
        rows = response.json().get("Items") or []
        if not rows:
            raise NotFound(f"item {remote_id} not found", status=response.status)
        return rows[0]

    @staticmethod
    def _to_xero(
        model: str,
        data: Any,
        *,
        remote_id: str | None = None,
        current: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        if model == "account":
            return account_to_xero(data, remote_id=remote_id)
        if model == "item":
            return item_to_xero(data, remote_id=remote_id, current=current)
        if model == "invoice":
            assert isinstance(data, InvoiceInput)
            return invoice_to_xero(data, remote_id=remote_id)
        if model == "contact":
            return contact_to_xero(data, remote_id=remote_id)
        if model == "payment":
            assert isinstance(data, PaymentInput)
            return payment_to_xero(data, remote_id=remote_id)
        if model == "purchase_order":
            assert isinstance(data, PurchaseOrderInput)
            return purchase_order_to_xero(data, remote_id=remote_id)
        if model == "journal_entry":
            assert isinstance(data, JournalEntryInput)
            return journal_entry_to_xero(data, remote_id=remote_id)
        if model == "credit_note":
            assert isinstance(data, CreditNoteInput)
            return credit_note_to_xero(data, remote_id=remote_id)
        if model == "expense":
            return expense_to_xero(data)
        if model == "bank_transfer":
            return bank_transfer_to_xero(data)
        raise NotSupported(f"no Xero mapping for {model}")

    def _write(
        self,
        method: str,
        spec: ResourceSpec,
        path: str,
        body: dict[str, Any],
        idempotency_key: str | None,
    ) -> UnifiedRecord:
        headers = {"Idempotency-Key": (idempotency_key or uuid.uuid4().hex)[:128]}
        response = self.client.request(
            method,
            path,
            params=_WRITE_PARAMS.get(spec.model),
            json=body if spec.model in _BARE_BODY else {spec.records_field: [body]},
            headers=headers,
            error_context=spec.model,
        )
        try:
            return self._one(spec, response, None)
        except ProviderError:
            raise ProviderError(f"Xero answered {method} {spec.path} without a record") from None
