"""Builders for gateway rows: grants, linked accounts and stored unified records."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from gateway.accounts.models import Grant, LinkedAccount
from gateway.customers.models import Customer
from gateway.records.store import upsert_records
from unified_models import (
    Account,
    AccountType,
    CompanyInfo,
    Contact,
    CreditNote,
    Invoice,
    InvoiceLineItem,
    InvoiceStatus,
    InvoiceType,
    Item,
    Payment,
    PaymentApplication,
    PaymentType,
    PurchaseOrder,
    PurchaseOrderStatus,
    RelatedObjectType,
    TaxRate,
    TaxTreatment,
    TrackingCategory,
    TrackingCategoryOption,
)

_counter = itertools.count(1)
ACCESS_TOKEN = "at-SECRET-access-token-value-0001"
REFRESH_TOKEN = "rt-SECRET-refresh-token-value-0001"


def make_linked_account(
    customer: Customer,
    *,
    provider: str = "fake",
    tenant_id: str | None = None,
    end_user_id: str = "end-user-1",
    access_token: str = ACCESS_TOKEN,
    refresh_token: str = REFRESH_TOKEN,
    expires_in: timedelta = timedelta(minutes=30),
    last_sync_at: datetime | None = None,
    scope: str = "accounting.transactions offline_access",
) -> LinkedAccount:
    grant = Grant.objects.create(
        customer=customer,
        provider=provider,
        end_user_id=end_user_id,
        access_token=access_token,
        refresh_token=refresh_token,
        access_expires_at=datetime.now(UTC) + expires_in,
        scope=scope,
    )
    n = next(_counter)
    return LinkedAccount.objects.create(
        customer=customer,
        grant=grant,
        provider=provider,
        tenant_id=tenant_id or f"tenant-{n}",
        tenant_name=f"Org {n}",
        end_user_id=end_user_id,
        last_sync_at=last_sync_at,
    )


def contact(remote_id: str, **overrides) -> Contact:
    fields = {
        "remote_id": remote_id,
        "name": f"Contact {remote_id}",
        "is_customer": True,
        "is_supplier": False,
        "email_address": f"{remote_id}@example.com",
        "status": "ACTIVE",
        "currency": "GBP",
        "remote_updated_at": datetime(2026, 1, 1, tzinfo=UTC),
        "remote_data": {"ContactID": remote_id, "Name": f"Contact {remote_id}"},
    }
    fields.update(overrides)
    return Contact(**fields)


def invoice(remote_id: str, contact_remote_id: str | None = None, **overrides) -> Invoice:
    lines = [
        InvoiceLineItem(
            remote_id=f"{remote_id}-l{i}",
            description=f"Line {i}",
            quantity=Decimal("2"),
            unit_price=Decimal("10.25"),
            tax_amount=Decimal("4.10"),
            total_amount=Decimal("20.50"),
            account_remote_id="acc-200",
        )
        for i in range(3)
    ]
    fields = {
        "remote_id": remote_id,
        "type": InvoiceType.ACCOUNTS_RECEIVABLE,
        "number": f"INV-{remote_id}",
        "contact_remote_id": contact_remote_id,
        "issue_date": date(2026, 3, 1),
        "due_date": date(2026, 3, 31),
        "currency": "GBP",
        "exchange_rate": Decimal("1"),
        "tax_treatment": TaxTreatment.EXCLUSIVE,
        "sub_total": Decimal("61.50"),
        "total_tax_amount": Decimal("12.30"),
        "total_amount": Decimal("73.80"),
        "amount_paid": Decimal("0"),
        "balance": Decimal("73.80"),
        "status": InvoiceStatus.OPEN,
        "status_raw": "AUTHORISED",
        "line_items": lines,
        "remote_updated_at": datetime(2026, 3, 1, 12, tzinfo=UTC),
        "remote_data": {"InvoiceID": remote_id, "Total": Decimal("73.80")},
    }
    fields.update(overrides)
    return Invoice(**fields)


def payment(remote_id: str, invoice_remote_id: str, contact_remote_id: str | None, **overrides):
    fields = {
        "remote_id": remote_id,
        "type": PaymentType.ACCOUNTS_RECEIVABLE,
        "transaction_date": date(2026, 3, 15),
        "contact_remote_id": contact_remote_id,
        "currency": "GBP",
        "total_amount": Decimal("10.00"),
        "status": "POSTED",
        "applied_to": [
            PaymentApplication(
                related_object_type=RelatedObjectType.INVOICE,
                related_object_remote_id=invoice_remote_id,
                applied_amount=Decimal("10.00"),
            )
        ],
        "remote_updated_at": datetime(2026, 3, 15, tzinfo=UTC),
        "remote_data": {"PaymentID": remote_id},
    }
    fields.update(overrides)
    return Payment(**fields)


def seed_store(account: LinkedAccount, *, contacts: int = 3, invoices: int = 5, payments: int = 2):
    """A small, realistic store: contacts, invoices pointing at them, payments on invoices."""
    upsert_records(account, "contact", [contact(f"c{i}") for i in range(contacts)])
    upsert_records(
        account,
        "invoice",
        [invoice(f"i{i}", f"c{i % contacts}") for i in range(invoices)],
    )
    upsert_records(
        account, "payment", [payment(f"p{i}", f"i{i}", f"c{i % contacts}") for i in range(payments)]
    )


def seed_reference_data(account: LinkedAccount) -> None:
    """One record of each reference model, pointing at each other as a real chart does."""
    upsert_records(
        account, "company_info", [CompanyInfo(remote_id="org-1", name="Books Ltd", currency="GBP")]
    )
    upsert_records(
        account,
        "tax_rate",
        [TaxRate(remote_id="OUTPUT2", name="20% (VAT on Income)", effective_tax_rate=Decimal(20))],
    )
    upsert_records(
        account,
        "account",
        [
            Account(
                remote_id="acc-200",
                name="Sales",
                code="200",
                type=AccountType.REVENUE,
                tax_rate_remote_id="OUTPUT2",
            )
        ],
    )
    upsert_records(
        account,
        "tracking_category",
        [
            TrackingCategory(
                remote_id="tc-1",
                name="Region",
                options=[TrackingCategoryOption(remote_id="opt-1", name="North")],
            )
        ],
    )
    upsert_records(
        account,
        "item",
        [
            Item(
                remote_id="item-1",
                code="CONSULT",
                name="Consulting",
                sale_account_remote_id="acc-200",
            )
        ],
    )


def seed_purchase_order(account: LinkedAccount, remote_id: str = "po-1") -> None:
    """One authorised purchase order to a stored supplier, its line on a stored account."""
    upsert_records(account, "contact", [contact("supplier-po", is_supplier=True)])
    upsert_records(
        account,
        "purchase_order",
        [
            PurchaseOrder(
                remote_id=remote_id,
                number="PO-0001",
                contact_remote_id="supplier-po",
                issue_date=date(2026, 11, 2),
                delivery_date=date(2026, 11, 16),
                currency="GBP",
                total_amount=Decimal("120.00"),
                status=PurchaseOrderStatus.AUTHORISED,
                status_raw="AUTHORISED",
                line_items=[
                    InvoiceLineItem(
                        description="Widgets",
                        quantity=Decimal(12),
                        unit_price=Decimal(10),
                        total_amount=Decimal("120.00"),
                        account_remote_id="acc-200",
                    )
                ],
            )
        ],
    )


def seed_journals(account: LinkedAccount) -> None:
    """One journal entry and the ledger transaction it posted (lines on the seeded account)."""
    from unified_models import GeneralLedgerTransaction, JournalEntry, JournalEntryStatus

    lines = [
        {"net_amount": "10.00", "debit_amount": "10.00", "account_remote_id": "acc-200"},
        {"net_amount": "-10.00", "credit_amount": "10.00", "account_remote_id": "acc-200"},
    ]
    upsert_records(
        account,
        "journal_entry",
        [
            JournalEntry(
                remote_id="mj-1",
                memo="Accrual",
                status=JournalEntryStatus.POSTED,
                total_debit=Decimal("10.00"),
                total_credit=Decimal("10.00"),
                lines=lines,
            )
        ],
    )
    upsert_records(
        account,
        "general_ledger_transaction",
        [
            GeneralLedgerTransaction(
                remote_id="j-1",
                number="1",
                source_type="JOURNAL_ENTRY",
                source_type_raw="MANJOURNAL",
                source_remote_id="mj-1",
                lines=lines,
            )
        ],
    )


def credit_note(remote_id: str, contact_remote_id: str | None, invoice_remote_id: str, **overrides):
    """A sales credit note, half of it allocated to ``invoice_remote_id``."""
    fields = {
        "remote_id": remote_id,
        "type": InvoiceType.ACCOUNTS_RECEIVABLE,
        "number": f"CN-{remote_id}",
        "contact_remote_id": contact_remote_id,
        "issue_date": date(2026, 3, 5),
        "currency": "GBP",
        "tax_treatment": TaxTreatment.EXCLUSIVE,
        "sub_total": Decimal("20.00"),
        "total_tax_amount": Decimal("4.00"),
        "total_amount": Decimal("24.00"),
        "applied_amount": Decimal("12.00"),
        "remaining_credit": Decimal("12.00"),
        "status": "PARTIALLY_APPLIED",
        "status_raw": "AUTHORISED",
        "line_items": [
            InvoiceLineItem(
                description="Returned", quantity=Decimal(1), unit_price=Decimal("20.00")
            )
        ],
        "applied_to": [
            {"invoice_remote_id": invoice_remote_id, "applied_amount": Decimal("12.00")}
        ],
        "remote_updated_at": datetime(2026, 3, 5, tzinfo=UTC),
        "remote_data": {"CreditNoteID": remote_id},
    }
    fields.update(overrides)
    return CreditNote(**fields)


def seed_credit_notes(account: LinkedAccount) -> None:
    """One credit note on the first contact and invoice of ``seed_store``."""
    upsert_records(account, "credit_note", [credit_note("cn0", "c0", "i0")])


def seed_bank_activity(account: LinkedAccount, contact_remote_id: str = "c0") -> None:
    """A spend (both a bank transaction and an expense) and a bank transfer (issue 15), on the
    reference data's account ``acc-200`` standing in for a bank account."""
    from unified_models import BankTransaction, BankTransfer, Expense

    spend = {
        "remote_id": "bt-1",
        "transaction_date": date(2026, 3, 20),
        "contact_remote_id": contact_remote_id,
        "account_remote_id": "acc-200",
        "currency": "GBP",
        "sub_total": Decimal("40.00"),
        "total_tax_amount": Decimal("8.00"),
        "total_amount": Decimal("48.00"),
        "status": "POSTED",
        "line_items": [
            InvoiceLineItem(
                description="Taxi",
                total_amount=Decimal("40.00"),
                tax_amount=Decimal("8.00"),
                account_remote_id="acc-200",
            )
        ],
        "remote_updated_at": datetime(2026, 3, 20, tzinfo=UTC),
        "remote_data": {"BankTransactionID": "bt-1", "Total": Decimal("48.00")},
    }
    upsert_records(account, "bank_transaction", [BankTransaction(type="SPEND", **spend)])
    upsert_records(account, "expense", [Expense(**spend)])
    upsert_records(
        account,
        "bank_transfer",
        [
            BankTransfer(
                remote_id="tr-1",
                transaction_date=date(2026, 3, 21),
                from_account_remote_id="acc-200",
                to_account_remote_id="acc-200",
                amount=Decimal("100.00"),
                status="POSTED",
                remote_updated_at=datetime(2026, 3, 21, tzinfo=UTC),
                remote_data={"BankTransferID": "tr-1", "Amount": Decimal("100.00")},
            )
        ],
    )


def seed_every_model(account: LinkedAccount) -> None:
    """A record of every catalogue model (the walks over every route need one each)."""
    seed_store(account)
    seed_reference_data(account)
    seed_purchase_order(account)
    seed_journals(account)
    seed_credit_notes(account)
    seed_bank_activity(account)


def attachment_on(record, file_name: str = "receipt.pdf", remote_id: str = "att-1"):
    """A remembered attachment (its description only) on a stored record."""
    from gateway.attachments.models import Attachment
    from gateway.attachments.services import attachment_id

    now = datetime.now(UTC)
    account = record.linked_account
    return Attachment.objects.create(
        id=attachment_id(account.id, record.model, record.remote_id, remote_id),
        linked_account=account,
        record_model=record.model,
        record_remote_id=record.remote_id,
        record_id=record.id,
        remote_id=remote_id,
        file_name=file_name,
        mime_type="application/pdf",
        size=1234,
        created_at=now,
        modified_at=now,
    )
