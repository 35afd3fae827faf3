from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.bank_transaction_status import BankTransactionStatus
from ..models.bank_transaction_type import BankTransactionType
from ..models.payment_method import PaymentMethod
from ..models.tax_treatment import TaxTreatment
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.bank_transaction_remote_data_type_0 import BankTransactionRemoteDataType0
    from ..models.contact import Contact
    from ..models.invoice_line_item import InvoiceLineItem


T = TypeVar("T", bound="BankTransaction")


@_attrs_define
class BankTransaction:
    remote_id: str
    """ The provider's id of the bank transaction. """
    type_: BankTransactionType
    """ Which way the money went, and what the transaction is for (Xero's types; QuickBooks
    Purchase is SPEND, Deposit RECEIVE). """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the bank transaction last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The bank transaction was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions
    reach clients. """
    remote_data: BankTransactionRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    number: None | str | Unset = UNSET
    """ The bank transaction's number as users see it at the provider (invoice number, document number). """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the bank transaction in the books. """
    contact: Contact | None | str | Unset = UNSET
    """ Ledgerlink's id of the contact; the contact itself with `expand=contact`. """
    contact_remote_id: None | str | Unset = UNSET
    """ The provider's id of the contact. """
    account: Account | None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the account itself with `expand=account`. """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account. """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
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
    total_amount: Decimal | None | Unset = UNSET
    """ Total amount, tax included. """
    reference: None | str | Unset = UNSET
    """ The bank transaction's reference (free text, e.g. the customer's order number). """
    memo: None | str | Unset = UNSET
    """ Free-text note on the bank transaction. """
    is_reconciled: bool | None | Unset = UNSET
    """ Reconciled against a bank statement line. """
    status: BankTransactionStatus | None | Unset = UNSET
    """ Status of the bank transaction, mapped to the unified values (see the enum); `status_raw` holds the
    provider's own. """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    line_items: list[InvoiceLineItem] | Unset = UNSET
    """ The bank transaction's lines. """
    type_raw: None | str | Unset = UNSET
    """ The provider's own value behind `type`, unmapped. """
    payment_method: None | PaymentMethod | Unset = UNSET
    """ How the money was paid (see the enum). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.bank_transaction_remote_data_type_0 import BankTransactionRemoteDataType0  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415

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
        elif isinstance(self.remote_data, BankTransactionRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        transaction_date: None | str | Unset
        if isinstance(self.transaction_date, Unset):
            transaction_date = UNSET
        elif isinstance(self.transaction_date, datetime.date):
            transaction_date = self.transaction_date.isoformat()
        else:
            transaction_date = self.transaction_date

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

        account: dict[str, Any] | None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        elif isinstance(self.account, Account):
            account = self.account.to_dict()
        else:
            account = self.account

        account_remote_id: None | str | Unset
        if isinstance(self.account_remote_id, Unset):
            account_remote_id = UNSET
        else:
            account_remote_id = self.account_remote_id

        account_code: None | str | Unset
        if isinstance(self.account_code, Unset):
            account_code = UNSET
        else:
            account_code = self.account_code

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

        total_amount: None | str | Unset
        if isinstance(self.total_amount, Unset):
            total_amount = UNSET
        elif isinstance(self.total_amount, Decimal):
            total_amount = str(self.total_amount)
        else:
            total_amount = self.total_amount

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

        is_reconciled: bool | None | Unset
        if isinstance(self.is_reconciled, Unset):
            is_reconciled = UNSET
        else:
            is_reconciled = self.is_reconciled

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, BankTransactionStatus):
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

        type_raw: None | str | Unset
        if isinstance(self.type_raw, Unset):
            type_raw = UNSET
        else:
            type_raw = self.type_raw

        payment_method: None | str | Unset
        if isinstance(self.payment_method, Unset):
            payment_method = UNSET
        elif isinstance(self.payment_method, PaymentMethod):
            payment_method = self.payment_method.value
        else:
            payment_method = self.payment_method

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
        if transaction_date is not UNSET:
            field_dict["transaction_date"] = transaction_date
        if contact is not UNSET:
            field_dict["contact"] = contact
        if contact_remote_id is not UNSET:
            field_dict["contact_remote_id"] = contact_remote_id
        if account is not UNSET:
            field_dict["account"] = account
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
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
        if total_amount is not UNSET:
            field_dict["total_amount"] = total_amount
        if reference is not UNSET:
            field_dict["reference"] = reference
        if memo is not UNSET:
            field_dict["memo"] = memo
        if is_reconciled is not UNSET:
            field_dict["is_reconciled"] = is_reconciled
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if line_items is not UNSET:
            field_dict["line_items"] = line_items
        if type_raw is not UNSET:
            field_dict["type_raw"] = type_raw
        if payment_method is not UNSET:
            field_dict["payment_method"] = payment_method

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.bank_transaction_remote_data_type_0 import BankTransactionRemoteDataType0  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.invoice_line_item import InvoiceLineItem  # noqa: PLC0415

        d = dict(src_dict)
        remote_id = d.pop("remote_id")

        type_ = BankTransactionType(d.pop("type"))

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

        def _parse_remote_data(data: object) -> BankTransactionRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = BankTransactionRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BankTransactionRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

        def _parse_transaction_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                transaction_date_type_0 = datetime.date.fromisoformat(data)

                return transaction_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        transaction_date = _parse_transaction_date(d.pop("transaction_date", UNSET))

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

        def _parse_account(data: object) -> Account | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                account_type_1 = Account.from_dict(data)

                return account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Account | None | str | Unset, data)

        account = _parse_account(d.pop("account", UNSET))

        def _parse_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_remote_id = _parse_account_remote_id(d.pop("account_remote_id", UNSET))

        def _parse_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_code = _parse_account_code(d.pop("account_code", UNSET))

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

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

        def _parse_is_reconciled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_reconciled = _parse_is_reconciled(d.pop("is_reconciled", UNSET))

        def _parse_status(data: object) -> BankTransactionStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = BankTransactionStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BankTransactionStatus | None | Unset, data)

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

        def _parse_type_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_raw = _parse_type_raw(d.pop("type_raw", UNSET))

        def _parse_payment_method(data: object) -> None | PaymentMethod | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payment_method_type_0 = PaymentMethod(data)

                return payment_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentMethod | Unset, data)

        payment_method = _parse_payment_method(d.pop("payment_method", UNSET))

        bank_transaction = cls(
            remote_id=remote_id,
            type_=type_,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            number=number,
            transaction_date=transaction_date,
            contact=contact,
            contact_remote_id=contact_remote_id,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            currency=currency,
            exchange_rate=exchange_rate,
            tax_treatment=tax_treatment,
            sub_total=sub_total,
            total_tax_amount=total_tax_amount,
            total_amount=total_amount,
            reference=reference,
            memo=memo,
            is_reconciled=is_reconciled,
            status=status,
            status_raw=status_raw,
            line_items=line_items,
            type_raw=type_raw,
            payment_method=payment_method,
        )

        return bank_transaction
