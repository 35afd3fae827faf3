from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.payment_status import PaymentStatus
from ..models.payment_type import PaymentType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.contact import Contact
    from ..models.payment_application import PaymentApplication
    from ..models.payment_remote_data_type_0 import PaymentRemoteDataType0


T = TypeVar("T", bound="Payment")


@_attrs_define
class Payment:
    remote_id: str
    """ The provider's id of the payment. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the payment last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The payment was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: None | PaymentRemoteDataType0 | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    type_: None | PaymentType | Unset = UNSET
    """ Kind of payment (see the enum). """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the payment in the books. """
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
    total_amount: Decimal | None | Unset = UNSET
    """ Total amount, tax included. """
    reference: None | str | Unset = UNSET
    """ The payment's reference (free text, e.g. the customer's order number). """
    status: None | PaymentStatus | Unset = UNSET
    """ Status of the payment, mapped to the unified values (see the enum); `status_raw` holds the provider's own.
    """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    applied_to: list[PaymentApplication] | Unset = UNSET
    """ What the payment is applied to. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.payment_remote_data_type_0 import PaymentRemoteDataType0  # noqa: PLC0415

        remote_id = self.remote_id

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
        elif isinstance(self.remote_data, PaymentRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, PaymentType):
            type_ = self.type_.value
        else:
            type_ = self.type_

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

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, PaymentStatus):
            status = self.status.value
        else:
            status = self.status

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        applied_to: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.applied_to, Unset):
            applied_to = []
            for applied_to_item_data in self.applied_to:
                applied_to_item = applied_to_item_data.to_dict()
                applied_to.append(applied_to_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remote_id": remote_id,
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
        if type_ is not UNSET:
            field_dict["type"] = type_
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
        if total_amount is not UNSET:
            field_dict["total_amount"] = total_amount
        if reference is not UNSET:
            field_dict["reference"] = reference
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if applied_to is not UNSET:
            field_dict["applied_to"] = applied_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.payment_application import PaymentApplication  # noqa: PLC0415
        from ..models.payment_remote_data_type_0 import PaymentRemoteDataType0  # noqa: PLC0415

        d = dict(src_dict)
        remote_id = d.pop("remote_id")

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

        def _parse_remote_data(data: object) -> None | PaymentRemoteDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = PaymentRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentRemoteDataType0 | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_type_(data: object) -> None | PaymentType | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = PaymentType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentType | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

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

        def _parse_status(data: object) -> None | PaymentStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = PaymentStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PaymentStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        _applied_to = d.pop("applied_to", UNSET)
        applied_to: list[PaymentApplication] | Unset = UNSET
        if _applied_to is not UNSET:
            applied_to = []
            for applied_to_item_data in _applied_to:
                applied_to_item = PaymentApplication.from_dict(applied_to_item_data)

                applied_to.append(applied_to_item)

        payment = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            type_=type_,
            transaction_date=transaction_date,
            contact=contact,
            contact_remote_id=contact_remote_id,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            currency=currency,
            exchange_rate=exchange_rate,
            total_amount=total_amount,
            reference=reference,
            status=status,
            status_raw=status_raw,
            applied_to=applied_to,
        )

        return payment
