"""What QuickBooks' data can't say: its ``Fault`` error bodies, writes, and credit notes'
applications. Reads are spec-driven, except that credit notes get their ``applied_to`` from the
payments that apply them (``_with_applications``; why and at what cost: ``mappers_credit``).
Writes: a create, or a sparse update carrying the record's current ``SyncToken``, read first
(``POST /account``, ``/item``, ``/purchaseorder``, ``/creditmemo``, ...); the caller's
idempotency key goes to Intuit as ``requestid`` (its duplicate-request guard). Credit notes:
``allocations`` creates the Payment / BillPayment that applies the credit; delete is
``?operation=delete`` (QuickBooks offers no void of a credit memo or vendor credit). Payments:
created and deleted (``payment_writes.py``). Contacts: a Customer or a Vendor, archived on
delete (``contacts``). Other models' writes are not supported (``NotSupported``, which the
gateway answers with 501)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from unified_models import (
    CreditNote,
    CreditNoteAllocation,
    CreditNoteAllocationInput,
    CreditNoteStatus,
    InvoiceType,
    Report,
    ReportRequest,
    UnifiedInput,
    UnifiedRecord,
)

from .. import batching
from ..base import Page
from ..cursor import ListCursor
from ..errors import (
    Conflict,
    ConnectorError,
    NotFound,
    NotSupported,
    ProviderError,
    ValidationFailed,
)
from ..http import STATUS_ERRORS, Response
from ..rest import SpecConnector, _dig
from ..specs import BatchRead, ResourceSpec
from . import ids
from .attachments import QuickBooksAttachments
from .contacts import archive_contact, create_contact, update_contact
from .mappers_bank import bank_transfer_to_qbo, expense_to_qbo
from .mappers_credit import (
    REFUND_RECEIPT,
    allocation_to_qbo,
    applications_from_payments,
    credit_note_to_qbo,
)
from .mappers_journal import journal_entry_to_qbo
from .mappers_purchase_order import purchase_order_to_qbo
from .mappers_reference import account_to_qbo, item_to_qbo
from .payment_writes import create_payment, delete_payment
from .reports import fetch_report
from .spec import MINOR_VERSION
from .writes_invoice import InvoiceWrites

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


#: Intuit's fault code for a write carrying a ``SyncToken`` that is no longer the record's.
STALE_OBJECT = "5010"

#: The error context of an allocation's write (its fault elements name the action's fields).
ALLOCATIONS = "credit_note.allocations"
#: Rows a plain query page of the applications' join asks for (Intuit's most).
_QUERY_PAGE = 1000

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
    "contact": {
        "DisplayName": "name",
        "CompanyName": "name",
        "Title": "name",
        "MiddleName": "name",
        "Suffix": "name",
        "GivenName": "first_name",
        "FamilyName": "last_name",
        "PrimaryEmailAddr": "email_address",
        "PrimaryTaxIdentifier": "tax_number",
        "TaxIdentifier": "tax_number",
        "AcctNum": "account_number",
        "Active": "status",
        "CurrencyRef": "currency",
        "BillAddr": "addresses",
        "ShipAddr": "addresses",
        "PrimaryPhone": "phone_numbers",
        "AlternatePhone": "phone_numbers",
        "Mobile": "phone_numbers",
        "Fax": "phone_numbers",
    },
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
    "invoice": {
        "CustomerRef": "contact",
        "VendorRef": "contact",
        "Line": "line_items",
        "DetailType": "line_items",
        "Amount": "line_items",
        "Qty": "line_items",
        "UnitPrice": "line_items",
        "ItemRef": "line_items",
        "AccountRef": "line_items",
        "TaxCodeRef": "line_items",
        "ClassRef": "line_items",
        "DocNumber": "number",
        "TxnDate": "issue_date",
        "DueDate": "due_date",
        "CurrencyRef": "currency",
        "ExchangeRate": "exchange_rate",
        "APAccountRef": "",
        "DepartmentRef": "",
    },
    "journal_entry": {
        "Line": "lines",
        "AccountRef": "lines",
        "PostingType": "lines",
        "TxnDate": "transaction_date",
    },
    # A payment with money (payment_writes.py).
    "payment": {
        "CustomerRef": "applied_to",
        "VendorRef": "applied_to",
        "Line": "applied_to",
        "LinkedTxn": "applied_to",
        "TxnType": "applied_to",
        "CurrencyRef": "applied_to",
        "TotalAmt": "total_amount",
        "ExchangeRate": "exchange_rate",
        "TxnDate": "transaction_date",
        "PaymentRefNum": "reference",
        "DocNumber": "reference",
        "DepositToAccountRef": "account",
        "PayType": "account",
        "CheckPayment.BankAccountRef": "account",
        "BankAccountRef": "account",
        "CreditCardPayment.CCAccountRef": "account",
        "CCAccountRef": "account",
    },
    # The Payment / BillPayment an allocation writes.
    ALLOCATIONS: {
        "Line": "amount",
        "TotalAmt": "amount",
        "LinkedTxn": "invoice",
        "TxnType": "invoice",
        "CustomerRef": "invoice",
        "VendorRef": "invoice",
        "CurrencyRef": "invoice",
        "TxnDate": "date",
        "PayType": "",
        "CheckPayment.BankAccountRef": "",
        "BankAccountRef": "",
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


class QuickBooksConnector(InvoiceWrites, QuickBooksAttachments, SpecConnector):
    #: Each page of credit notes gets its applications in one join (`_joined`).
    whole_pages = frozenset({"credit_note"})

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
        if any(e["code"] == STALE_OBJECT for e in errors):
            return Conflict(message, status=response.status, body=body)
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

    # -- reads: credit notes' applications ------------------------------------------------------
    def get(self, model: str, remote_id: str) -> UnifiedRecord:
        record = super().get(model, remote_id)
        if model == "credit_note":
            return self._with_applications([record])[0]
        return record

    def list(
        self,
        model: str,
        *,
        modified_since: datetime | None = None,
        cursor: str | None = None,
    ) -> Iterator[Page]:
        pages = super().list(model, modified_since=modified_since, cursor=cursor)
        if model != "credit_note":
            return pages
        since = ListCursor.decode(cursor).modified_since if cursor else modified_since
        return self._joined(pages, since)

    def _joined(self, pages: Iterator[Page], since: datetime | None) -> Iterator[Page]:
        """Each page's credit notes with their applications. On an incremental read, a credit
        changed exactly at ``since`` (QuickBooks' queries are inclusive, so the newest credit of
        the last pass comes back on every read) whose applications would cost a call is left
        out: the pass that set the bookmark read and stored it as it still is (the gateway's
        bookmark is never later than that pass's start less the clock skew, and a credit whose
        applications change is changed itself), so a read with nothing changed costs no join."""
        for page in pages:
            records = page.records
            if since is not None:
                records = [
                    r
                    for r in records
                    if not (
                        r.remote_updated_at is not None
                        and r.remote_updated_at <= since
                        and self._has_applications(r)
                    )
                ]
            before = self.client.calls
            records = self._with_applications(records)
            yield replace(page, records=records, calls=page.calls + self.client.calls - before)

    @staticmethod
    def _has_applications(record: UnifiedRecord) -> bool:
        return (
            isinstance(record, CreditNote)
            and not (record.remote_id or "").startswith(REFUND_RECEIPT)
            and record.status is not CreditNoteStatus.VOID
            and (record.applied_amount or Decimal(0)) > 0
        )

    def _with_applications(self, records: list[UnifiedRecord]) -> list[UnifiedRecord]:
        """``applied_to`` of the credit notes that have used credit, from the payments of their
        customers and vendors (one batch call; see ``mappers_credit``)."""
        wanted = [r for r in records if self._has_applications(r)]
        if not wanted:
            return records
        statements: list[tuple[str, str]] = []
        for entity, key, prefix, notes in (
            (
                "Payment",
                "CustomerRef",
                ids.CUSTOMER,
                [r for r in wanted if r.type == "ACCOUNTS_RECEIVABLE"],
            ),
            (
                "BillPayment",
                "VendorRef",
                ids.VENDOR,
                [r for r in wanted if r.type == "ACCOUNTS_PAYABLE"],
            ),
        ):
            contacts = sorted(
                {
                    (r.contact_remote_id or "").removeprefix(prefix).replace("'", "")
                    for r in notes
                    if r.contact_remote_id
                }
            )
            statements += [
                (entity, f"SELECT * FROM {entity} WHERE {key} = '{c}'")  # noqa: S608
                for c in contacts
            ]
        found = applications_from_payments(self._query_all(statements))
        out: list[UnifiedRecord] = []
        wanted_ids = {id(r) for r in wanted}
        for record in records:
            if id(record) in wanted_ids:
                applied = [
                    CreditNoteAllocation.model_validate(a)
                    for a in found.get(record.remote_id or "", [])
                ]
                record = record.model_copy(update={"applied_to": applied})
            out.append(record)
        return out

    def _query_all(self, statements: list[tuple[str, str]]) -> list[tuple[str, Any]]:
        """Every row of each ``(entity, statement)``: the first pages in one batch call per 30
        (a single statement, or no batch call left this minute: plain queries), then plain
        paged queries for a statement whose page was full or that the batch refused."""
        rows: list[tuple[str, Any]] = []
        pending: list[tuple[str, str, int]] = []  # (entity, statement, next start position)
        batch = self.provider.batch
        if batch is None or len(statements) < 2 or not batching.slot(self):
            pending = [(entity, statement, 1) for entity, statement in statements]
        else:
            size = max(batch.max_rows // min(len(statements), batch.max_reads), 1)
            for start in range(0, len(statements), batch.max_reads):
                chunk = statements[start : start + batch.max_reads]
                if start and not batching.slot(self):
                    pending += [(entity, statement, 1) for entity, statement in chunk]
                    continue
                reads = [
                    BatchRead(id=f"a{i}", statement=f"{statement} MAXRESULTS {size}")
                    for i, (_, statement) in enumerate(chunk)
                ]
                response = self.client.request(
                    "POST", batch.path, params=dict(batch.params), json=batch.body(reads)
                )
                answers = batch.answers(response.json())
                for i, (entity, statement) in enumerate(chunk):
                    answer = answers.get(f"a{i}")
                    if answer is None or isinstance(answer, ConnectorError):
                        pending.append((entity, statement, 1))
                        continue
                    got = _dig(answer, ("QueryResponse", entity)) or []
                    rows += [(entity, row) for row in got]
                    if len(got) >= size:
                        pending.append((entity, statement, size + 1))
        for entity, statement, position in pending:
            while True:
                response = self.client.request(
                    "GET",
                    "query",
                    params={
                        "query": f"{statement} STARTPOSITION {position} MAXRESULTS {_QUERY_PAGE}",
                        "minorversion": MINOR_VERSION,
                    },
                )
                got = _dig(response.json(), ("QueryResponse", entity)) or []
                rows += [(entity, row) for row in got]
                if len(got) < _QUERY_PAGE:
                    break
                position += _QUERY_PAGE
        return rows

    # -- actions: allocate a credit note -------------------------------------------------------
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
        """``credit_note``/``allocations``: QuickBooks applies credit with a payment (a Payment
        linking the invoice and the credit memo, a BillPayment the bill and the vendor credit,
        ``TotalAmt`` 0), then the credit note and the invoice are read back; the new payment is
        returned too (it is a record of its own at QuickBooks)."""
        if (model, action) not in self.ACTIONS:
            raise NotSupported(f"QuickBooks has no {action} on {model}")
        assert isinstance(data, CreditNoteAllocationInput)
        spec = self.provider.resource("credit_note", "update")
        part, own_id = spec.source_for(remote_id)
        if part.id_prefix == REFUND_RECEIPT:
            raise ValidationFailed(
                "a refund receipt has no credit to allocate",
                details=[{"field": "status", "message": "A refund receipt is all refunded."}],
            )
        receivable = part.query is not None and part.query.entity == "CreditMemo"
        invoice_remote_id = data.invoice_remote_id or ""
        invoice_spec = self.provider.resource("invoice", "get")
        try:
            invoice_part, invoice_id = invoice_spec.source_for(invoice_remote_id)
        except KeyError:
            invoice_part, invoice_id = None, ""
        wanted = "Invoice" if receivable else "Bill"
        if invoice_part is None or invoice_part.resource_name != wanted:
            message = "The invoice is of the other side (AR/AP)."
            raise ValidationFailed(message, details=[{"field": "invoice", "message": message}])
        note = super().get("credit_note", remote_id)
        raw = note.remote_data or {}
        contact_key = "CustomerRef" if receivable else "VendorRef"
        contact = raw.get(contact_key) or {}
        currency = (raw.get("CurrencyRef") or {}).get("value")
        body = allocation_to_qbo(
            receivable=receivable,
            credit_id=own_id,
            invoice_id=invoice_id,
            contact_id=str(contact.get("value") or ""),
            value=data.amount or Decimal(0),
            currency=currency,
            txn_date=data.date,
            bank_account_id=None if receivable else self._bank_account(currency),
        )
        payments = self.provider.resource("payment", "get")
        entity = "Payment" if receivable else "BillPayment"
        payment_part = next(p for p in payments.sources if p.resource_name == entity)
        payment = self._post(
            payment_part, entity.lower(), body, idempotency_key, error_context=ALLOCATIONS
        )
        return {
            "credit_note": [self.get("credit_note", remote_id)],
            "invoice": [self.get("invoice", invoice_remote_id)],
            "payment": [payment],
        }

    def _bank_account(self, currency: str | None) -> str:
        """A bank account to write a zero BillPayment from (QuickBooks requires one): the first
        active one in the credit's currency, else the first active one."""
        response = self.client.request(
            "GET",
            "query",
            params={
                "query": "SELECT * FROM Account WHERE AccountType = 'Bank' MAXRESULTS 1000",
                "minorversion": MINOR_VERSION,
            },
        )
        accounts = _dig(response.json(), ("QueryResponse", "Account")) or []
        same = [a for a in accounts if (a.get("CurrencyRef") or {}).get("value") == currency]
        chosen = (same or accounts or [None])[0]
        if not chosen:
            message = (
                "QuickBooks needs a bank account to apply a vendor credit; the company has none."
            )
            raise ValidationFailed(message, details=[{"field": "", "message": message}])
        return str(chosen["Id"])

    # -- writes ---------------------------------------------------------------------------------
    def create(
        self, model: str, data: UnifiedInput, *, idempotency_key: str | None = None
    ) -> UnifiedRecord:
        spec = self.provider.resource(model, "create")
        if model == "payment":
            return create_payment(self, data, idempotency_key)
        if model == "invoice":  # Invoice or Bill by type: writes_invoice.py
            return self._create_invoice(data, idempotency_key)
        if model == "contact":
            return create_contact(self, data, idempotency_key)
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
        if model == "contact":
            return update_contact(self, remote_id, data, idempotency_key)
        if model == "credit_note":
            return self._update_credit(spec, remote_id, data, idempotency_key)
        if model == "invoice":
            return self._update_invoice(remote_id, data, idempotency_key)
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
        current = super().get("credit_note", remote_id)
        token = str((current.remote_data or {}).get("SyncToken", "0"))
        body = credit_note_to_qbo(
            data,
            receivable=part.query.entity == "CreditMemo",
            remote_id=own_id,
            sync_token=token,
        )
        saved = self._post(part, part.query.entity.lower(), body, idempotency_key)
        return self._with_applications([saved])[0]

    def delete(self, model: str, remote_id: str) -> UnifiedRecord | None:
        """Contacts are archived (``contacts.archive_contact``). Invoices: ``writes_invoice`` (an
        Invoice is voided, a Bill deleted). Payments: ``payment_writes``. Credit notes:
        QuickBooks has no void for a CreditMemo or VendorCredit (Intuit's API reference offers
        create, read, query, update, delete; a credit memo also send and pdf), so the credit is
        deleted (``POST /creditmemo?operation=delete`` with ``Id`` and ``SyncToken``) and the
        gateway keeps it flagged ``remote_was_deleted``. A credit already applied by a payment
        is refused (422, as Xero refuses to void one): deleting it would silently reopen the
        invoices it paid. Refund receipts are read only here (501)."""
        spec = self.provider.resource(model, "delete")
        if model == "contact":
            return archive_contact(self, remote_id)
        if model == "payment":
            return delete_payment(self, remote_id)  # payment_writes.py
        if model == "invoice":  # void an Invoice, delete a Bill: writes_invoice.py
            return self._delete_invoice(remote_id)
        if model != "credit_note":
            raise NotSupported(f"{self.provider.name} does not support delete on {model}")
        part, own_id = spec.source_for(remote_id)
        if part.id_prefix == REFUND_RECEIPT:
            raise NotSupported("QuickBooks refund receipts are read only here")
        try:
            current = super().get("credit_note", remote_id)
        except NotFound:
            return None  # deleted already: a second delete answers as the first did
        assert isinstance(current, CreditNote)
        if (current.applied_amount or Decimal(0)) > 0:
            message = (
                "QuickBooks credit notes are deleted (QuickBooks has no void for them), and one "
                "with credit applied cannot be: delete the payments applying it first"
            )
            raise ValidationFailed(
                message,
                details=[{"field": "status", "message": "Credit note has credit applied."}],
            )
        raw = current.remote_data or {}
        entity = part.resource_name
        key = uuid.uuid4().hex[:50]
        response = self.client.request(
            "POST",
            entity.lower(),
            params={"operation": "delete", "minorversion": MINOR_VERSION, "requestid": key},
            json={"Id": own_id, "SyncToken": str(raw.get("SyncToken", "0"))},
            error_context=model,
        )
        answer = (response.json() or {}).get(entity) or {}
        if answer.get("status") != "Deleted":
            raise ProviderError(f"QuickBooks did not delete {entity} {own_id}")
        return None

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

    def _current(self, spec: ResourceSpec, path: str, body: Mapping[str, Any]) -> Any:
        """The record a stale write meant to change, as it is now (None if it cannot be read):
        the 409 tells the caller when it changed, and the gateway stores it."""
        part = next((p for p in spec.sources if p.resource_name.lower() == path), spec)
        if not body.get("Id"):
            return None
        try:
            return self.get(spec.model, f"{part.id_prefix}{body['Id']}")
        except ConnectorError:
            return None

    def _writer(self, model: str) -> tuple[str, Callable[..., dict[str, Any]]]:
        writer = WRITERS.get(model)
        if writer is None:
            raise NotSupported(f"{self.provider.name} does not write {model}")
        return writer

    def _post(
        self,
        spec: ResourceSpec,
        path: str,
        body: dict[str, Any],
        idempotency_key: str | None,
        error_context: str | None = None,
    ) -> UnifiedRecord:
        key = (idempotency_key or uuid.uuid4().hex)[:50]
        try:
            response = self.client.request(
                "POST",
                path,
                params={"minorversion": MINOR_VERSION, "requestid": key},
                json=body,
                headers={"Idempotency-Key": key},  # lets the client retry: Intuit dedupes it
                error_context=error_context or spec.model,
            )
        except Conflict as exc:
            exc.current = self._current(spec, path, body)
            raise
        entity = spec.resource_name
        row = (response.json() or {}).get(entity)
        if not isinstance(row, Mapping):
            raise ProviderError(f"QuickBooks answered POST {path} without an {entity}")
        return spec.to_unified(row)
