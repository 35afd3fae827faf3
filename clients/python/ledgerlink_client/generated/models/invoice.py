from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.invoice_status import InvoiceStatus
from ..models.invoice_type import InvoiceType
from ..models.tax_treatment import TaxTreatment
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.invoice_line_item import InvoiceLineItem
    from ..models.invoice_remote_data_type_0 import InvoiceRemoteDataType0


T = TypeVar("T", bound="Invoice")


@_attrs_define
class Invoice:
    remote_id: str
    """ The provider's id of the invoice. """
    type_: InvoiceType
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the invoice last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The invoice was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: InvoiceRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    number: None | str | Unset = UNSET
    """ The invoice's number as users see it at the provider (invoice number, document number). """
    contact: Contact | None | str | Unset = UNSET
    """ Ledgerlink's id of the contact; the contact itself with `expand=contact`. """
    contact_remote_id: None | str | Unset = UNSET
    """ The provider's id of the contact. """
    issue_date: datetime.date | None | Unset = UNSET
    """ Date of the invoice (the date printed on it). """
    due_date: datetime.date | None | Unset = UNSET
    """ Date payment is due. """
    paid_on_date: datetime.date | None | Unset = UNSET
    """ Date the invoice was fully paid (empty while a balance is due). """
    memo: None | str | Unset = UNSET
    """ Free-text note on the invoice. """
    reference: None | str | Unset = UNSET
    """ The invoice's reference (free text, e.g. the customer's order number). """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    exchange_rate: Decimal | None | Unset = UNSET
    """ Units of the company's base currency per unit of `currency` (empty or 1 when `currency` is the base
    currency). """
    tax_treatment: None | TaxTreatment | Unset = UNSET
    """ Whether line amounts include tax (`INCLUSIVE`), exclude it (`EXCLUSIVE`) or carry none (`NO_TAX`). """
    sub_total: Decimal | None | Unset = UNSET
    """ Total before tax (and after line discounts). """
    total_tax_amount: Decimal | None | Unset = UNSET
    """ Total tax. """
    total_discount: Decimal | None | Unset = UNSET
    """ Total of the line discounts. """
    total_amount: Decimal | None | Unset = UNSET
    """ Total amount, tax included. """
    amount_paid: Decimal | None | Unset = UNSET
    """ Total of the payments applied to the invoice. """
    amount_credited: Decimal | None | Unset = UNSET
    """ Total of the credit notes allocated to the invoice. """
    balance: Decimal | None | Unset = UNSET
    """ Amount still due: the total less payments and credits. """
    status: InvoiceStatus | None | Unset = UNSET
    """ Status of the invoice, mapped to the unified values (see the enum); `status_raw` holds the provider's own.
    """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    line_items: list[InvoiceLineItem] | Unset = UNSET
    """ The invoice's lines. """
    payments: list[str] | Unset = UNSET
    """ Ledgerlink's ids of the payments applied to the invoice (from `payment_remote_ids`). """
    payment_remote_ids: list[str] | Unset = UNSET
    """ The provider's ids of the payments. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.invoice_remote_data_type_0 import InvoiceRemoteDataType0  # noqa: PLC0415

        remote_id = self.remote_id

        type_ = self.type_.value

        id = str(self.id)

        created_at = self.created_at.isoformat()

        modified_at = self.modified_at.isoformat()

        remote_updated_at: None | str | Unset
        if isinstance(self.remote_updated_at, Unset):
            remote_updated_at = UNSET
        elif isinstance(self.remote_updated_at, datetime.datetime):
            remote_updated_at = self.remote_updated_at.isoformat()
        else:
            remote_updated_at = self.remote_updated_at

        remote_was_deleted = self.remote_was_deleted

        remote_data: dict[str, Any] | None | Unset
        if isinstance(self.remote_data, Unset):
            remote_data = UNSET
        elif isinstance(self.remote_data, InvoiceRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        contact: dict[str, Any] | None | str | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        elif isinstance(self.contact, Contact):
            contact = self.contact.to_dict()
        else:
            contact = self.contact

        contact_remote_id: None | str | Unset
        if isinstance(self.contact_remote_id, Unset):
            contact_remote_id = UNSET
        else:
            contact_remote_id = self.contact_remote_id

        issue_date: None | str | Unset
        if isinstance(self.issue_date, Unset):
            issue_date = UNSET
        elif isinstance(self.issue_date, datetime.date):
            issue_date = self.issue_date.isoformat()
        else:
            issue_date = self.issue_date

        due_date: None | str | Unset
        if isinstance(self.due_date, Unset):
            due_date = UNSET
        elif isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        paid_on_date: None | str | Unset
        if isinstance(self.paid_on_date, Unset):
            paid_on_date = UNSET
        elif isinstance(self.paid_on_date, datetime.date):
            paid_on_date = self.paid_on_date.isoformat()
        else:
            paid_on_date = self.paid_on_date

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        exchange_rate: None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, Decimal):
            exchange_rate = str(self.exchange_rate)
        else:
            exchange_rate = self.exchange_rate

        tax_treatment: None | str | Unset
        if isinstance(self.tax_treatment, Unset):
            tax_treatment = UNSET
        elif isinstance(self.tax_treatment, TaxTreatment):
            tax_treatment = self.tax_treatment.value
        else:
            tax_treatment = self.tax_treatment

        sub_total: None | str | Unset
        if isinstance(self.sub_total, Unset):
            sub_total = UNSET
        elif isinstance(self.sub_total, Decimal):
            sub_total = str(self.sub_total)
        else:
            sub_total = self.sub_total

        total_tax_amount: None | str | Unset
        if isinstance(self.total_tax_amount, Unset):
            total_tax_amount = UNSET
        elif isinstance(self.total_tax_amount, Decimal):
            total_tax_amount = str(self.total_tax_amount)
        else:
            total_tax_amount = self.total_tax_amount

        total_discount: None | str | Unset
        if isinstance(self.total_discount, Unset):
            total_discount = UNSET
        elif isinstance(self.total_discount, Decimal):
            total_discount = str(self.total_discount)
        else:
            total_discount = self.total_discount

        total_amount: None | str | Unset
        if isinstance(self.total_amount, Unset):
            total_amount = UNSET
        elif isinstance(self.total_amount, Decimal):
            total_amount = str(self.total_amount)
        else:
            total_amount = self.total_amount

        amount_paid: None | str | Unset
        if isinstance(self.amount_paid, Unset):
            amount_paid = UNSET
        elif isinstance(self.amount_paid, Decimal):
            amount_paid = str(self.amount_paid)
        else:
            amount_paid = self.amount_paid

        amount_credited: None | str | Unset
        if isinstance(self.amount_credited, Unset):
            amount_credited = UNSET
        elif isinstance(self.amount_credited, Decimal):
            amount_credited = str(self.amount_credited)
        else:
            amount_credited = self.amount_credited

        balance: None | str | Unset
        if isinstance(self.balance, Unset):
            balance = UNSET
        elif isinstance(self.balance, Decimal):
            balance = str(self.balance)
        else:
            balance = self.balance

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, InvoiceStatus):
            status = self.status.value
        else:
            status = self.status

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        line_items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.line_items, Unset):
            line_items = []
            for line_items_item_data in self.line_items:
                line_items_item = line_items_item_data.to_dict()
                line_items.append(line_items_item)

        payments: list[str] | Unset = UNSET
        if not isinstance(self.payments, Unset):
            payments = self.payments

        payment_remote_ids: list[str] | Unset = UNSET
        if not isinstance(self.payment_remote_ids, Unset):
            payment_remote_ids = self.payment_remote_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remote_id": remote_id,
                "type": type_,
                "id": id,
                "created_at": created_at,
                "modified_at": modified_at,
            }
        )
        if remote_updated_at is not UNSET:
            field_dict["remote_updated_at"] = remote_updated_at
        if remote_was_deleted is not UNSET:
            field_dict["remote_was_deleted"] = remote_was_deleted
        if remote_data is not UNSET:
            field_dict["remote_data"] = remote_data
        if number is not UNSET:
            field_dict["number"] = number
        if contact is not UNSET:
            field_dict["contact"] = contact
        if contact_remote_id is not UNSET:
            field_dict["contact_remote_id"] = contact_remote_id
        if issue_date is not UNSET:
            field_dict["issue_date"] = issue_date
        if due_date is not UNSET:
            field_dict["due_date"] = due_date
        if paid_on_date is not UNSET:
            field_dict["paid_on_date"] = paid_on_date
        if memo is not UNSET:
            field_dict["memo"] = memo
        if reference is not UNSET:
            field_dict["reference"] = reference
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if sub_total is not UNSET:
            field_dict["sub_total"] = sub_total
        if total_tax_amount is not UNSET:
            field_dict["total_tax_amount"] = total_tax_amount
        if total_discount is not UNSET:
            field_dict["total_discount"] = total_discount
        if total_amount is not UNSET:
            field_dict["total_amount"] = total_amount
        if amount_paid is not UNSET:
            field_dict["amount_paid"] = amount_paid
        if amount_credited is not UNSET:
            field_dict["amount_credited"] = amount_credited
        if balance is not UNSET:
            field_dict["balance"] = balance
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if line_items is not UNSET:
            field_dict["line_items"] = line_items
        if payments is not UNSET:
            field_dict["payments"] = payments
        if payment_remote_ids is not UNSET:
            field_dict["payment_remote_ids"] = payment_remote_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.invoice_line_item import InvoiceLineItem  # noqa: PLC0415
        from ..models.invoice_remote_data_type_0 import InvoiceRemoteDataType0  # noqa: PLC0415

        d = dict(src_dict)
        remote_id = d.pop("remote_id")

        type_ = InvoiceType(d.pop("type"))

        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        modified_at = datetime.datetime.fromisoformat(d.pop("modified_at"))

        def _parse_remote_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        remote_updated_at = _parse_remote_updated_at(d.pop("remote_updated_at", UNSET))

        remote_was_deleted = d.pop("remote_was_deleted", UNSET)

        def _parse_remote_data(data: object) -> InvoiceRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = InvoiceRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_contact(data: object) -> Contact | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                contact_type_1 = Contact.from_dict(data)

                return contact_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Contact | None | str | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_contact_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_remote_id = _parse_contact_remote_id(d.pop("contact_remote_id", UNSET))

        def _parse_issue_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                issue_date_type_0 = datetime.date.fromisoformat(data)

                return issue_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        issue_date = _parse_issue_date(d.pop("issue_date", UNSET))

        def _parse_due_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        due_date = _parse_due_date(d.pop("due_date", UNSET))

        def _parse_paid_on_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_on_date_type_0 = datetime.date.fromisoformat(data)

                return paid_on_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        paid_on_date = _parse_paid_on_date(d.pop("paid_on_date", UNSET))

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_exchange_rate(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                exchange_rate_type_0 = Decimal(data)

                return exchange_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))

        def _parse_tax_treatment(data: object) -> None | TaxTreatment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_treatment_type_0 = TaxTreatment(data)

                return tax_treatment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxTreatment | Unset, data)

        tax_treatment = _parse_tax_treatment(d.pop("tax_treatment", UNSET))

        def _parse_sub_total(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sub_total_type_0 = Decimal(data)

                return sub_total_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        sub_total = _parse_sub_total(d.pop("sub_total", UNSET))

        def _parse_total_tax_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_tax_amount_type_0 = Decimal(data)

                return total_tax_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_tax_amount = _parse_total_tax_amount(d.pop("total_tax_amount", UNSET))

        def _parse_total_discount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_discount_type_0 = Decimal(data)

                return total_discount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_discount = _parse_total_discount(d.pop("total_discount", UNSET))

        def _parse_total_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_amount_type_0 = Decimal(data)

                return total_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_amount = _parse_total_amount(d.pop("total_amount", UNSET))

        def _parse_amount_paid(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                amount_paid_type_0 = Decimal(data)

                return amount_paid_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        amount_paid = _parse_amount_paid(d.pop("amount_paid", UNSET))

        def _parse_amount_credited(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                amount_credited_type_0 = Decimal(data)

                return amount_credited_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        amount_credited = _parse_amount_credited(d.pop("amount_credited", UNSET))

        def _parse_balance(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                balance_type_0 = Decimal(data)

                return balance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        balance = _parse_balance(d.pop("balance", UNSET))

        def _parse_status(data: object) -> InvoiceStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = InvoiceStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InvoiceStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        _line_items = d.pop("line_items", UNSET)
        line_items: list[InvoiceLineItem] | Unset = UNSET
        if _line_items is not UNSET:
            line_items = []
            for line_items_item_data in _line_items:
                line_items_item = InvoiceLineItem.from_dict(line_items_item_data)

                line_items.append(line_items_item)

        payments = cast(list[str], d.pop("payments", UNSET))

        payment_remote_ids = cast(list[str], d.pop("payment_remote_ids", UNSET))

        invoice = cls(
            remote_id=remote_id,
            type_=type_,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            number=number,
            contact=contact,
            contact_remote_id=contact_remote_id,
            issue_date=issue_date,
            due_date=due_date,
            paid_on_date=paid_on_date,
            memo=memo,
            reference=reference,
            currency=currency,
            exchange_rate=exchange_rate,
            tax_treatment=tax_treatment,
            sub_total=sub_total,
            total_tax_amount=total_tax_amount,
            total_discount=total_discount,
            total_amount=total_amount,
            amount_paid=amount_paid,
            amount_credited=amount_credited,
            balance=balance,
            status=status,
            status_raw=status_raw,
            line_items=line_items,
            payments=payments,
            payment_remote_ids=payment_remote_ids,
        )

        return invoice
