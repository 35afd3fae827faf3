from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.bank_transaction_status import BankTransactionStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.bank_transfer_remote_data_type_0 import BankTransferRemoteDataType0


T = TypeVar("T", bound="BankTransfer")


@_attrs_define
class BankTransfer:
    remote_id: str
    """ The provider's id of the bank transfer. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the bank transfer last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The bank transfer was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: BankTransferRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the bank transfer in the books. """
    from_account: Account | None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the account itself with `expand=from_account`. """
    from_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the from account. """
    to_account: Account | None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the account itself with `expand=to_account`. """
    to_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the to account. """
    amount: Decimal | None | Unset = UNSET
    """ In the currency of the account the money left. """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    exchange_rate: Decimal | None | Unset = UNSET
    """ Units of the receiving account's currency per unit sent (1 between same-currency
    accounts). """
    reference: None | str | Unset = UNSET
    """ The bank transfer's reference (free text, e.g. the customer's order number). """
    from_is_reconciled: bool | None | Unset = UNSET
    """ The side leaving `from_account` is reconciled against a bank statement line. """
    to_is_reconciled: bool | None | Unset = UNSET
    """ The side reaching `to_account` is reconciled against a bank statement line. """
    status: BankTransactionStatus | None | Unset = UNSET
    """ Status of the bank transfer, mapped to the unified values (see the enum); `status_raw` holds the provider's
    own. """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.bank_transfer_remote_data_type_0 import BankTransferRemoteDataType0  # noqa: PLC0415

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
        elif isinstance(self.remote_data, BankTransferRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        transaction_date: None | str | Unset
        if isinstance(self.transaction_date, Unset):
            transaction_date = UNSET
        elif isinstance(self.transaction_date, datetime.date):
            transaction_date = self.transaction_date.isoformat()
        else:
            transaction_date = self.transaction_date

        from_account: dict[str, Any] | None | str | Unset
        if isinstance(self.from_account, Unset):
            from_account = UNSET
        elif isinstance(self.from_account, Account):
            from_account = self.from_account.to_dict()
        else:
            from_account = self.from_account

        from_account_remote_id: None | str | Unset
        if isinstance(self.from_account_remote_id, Unset):
            from_account_remote_id = UNSET
        else:
            from_account_remote_id = self.from_account_remote_id

        to_account: dict[str, Any] | None | str | Unset
        if isinstance(self.to_account, Unset):
            to_account = UNSET
        elif isinstance(self.to_account, Account):
            to_account = self.to_account.to_dict()
        else:
            to_account = self.to_account

        to_account_remote_id: None | str | Unset
        if isinstance(self.to_account_remote_id, Unset):
            to_account_remote_id = UNSET
        else:
            to_account_remote_id = self.to_account_remote_id

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        elif isinstance(self.amount, Decimal):
            amount = str(self.amount)
        else:
            amount = self.amount

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

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        from_is_reconciled: bool | None | Unset
        if isinstance(self.from_is_reconciled, Unset):
            from_is_reconciled = UNSET
        else:
            from_is_reconciled = self.from_is_reconciled

        to_is_reconciled: bool | None | Unset
        if isinstance(self.to_is_reconciled, Unset):
            to_is_reconciled = UNSET
        else:
            to_is_reconciled = self.to_is_reconciled

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
        if transaction_date is not UNSET:
            field_dict["transaction_date"] = transaction_date
        if from_account is not UNSET:
            field_dict["from_account"] = from_account
        if from_account_remote_id is not UNSET:
            field_dict["from_account_remote_id"] = from_account_remote_id
        if to_account is not UNSET:
            field_dict["to_account"] = to_account
        if to_account_remote_id is not UNSET:
            field_dict["to_account_remote_id"] = to_account_remote_id
        if amount is not UNSET:
            field_dict["amount"] = amount
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if reference is not UNSET:
            field_dict["reference"] = reference
        if from_is_reconciled is not UNSET:
            field_dict["from_is_reconciled"] = from_is_reconciled
        if to_is_reconciled is not UNSET:
            field_dict["to_is_reconciled"] = to_is_reconciled
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.bank_transfer_remote_data_type_0 import BankTransferRemoteDataType0  # noqa: PLC0415

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

        def _parse_remote_data(data: object) -> BankTransferRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = BankTransferRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BankTransferRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

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

        def _parse_from_account(data: object) -> Account | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                from_account_type_1 = Account.from_dict(data)

                return from_account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Account | None | str | Unset, data)

        from_account = _parse_from_account(d.pop("from_account", UNSET))

        def _parse_from_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_account_remote_id = _parse_from_account_remote_id(
            d.pop("from_account_remote_id", UNSET)
        )

        def _parse_to_account(data: object) -> Account | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                to_account_type_1 = Account.from_dict(data)

                return to_account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Account | None | str | Unset, data)

        to_account = _parse_to_account(d.pop("to_account", UNSET))

        def _parse_to_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_account_remote_id = _parse_to_account_remote_id(d.pop("to_account_remote_id", UNSET))

        def _parse_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                amount_type_0 = Decimal(data)

                return amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

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

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_from_is_reconciled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        from_is_reconciled = _parse_from_is_reconciled(d.pop("from_is_reconciled", UNSET))

        def _parse_to_is_reconciled(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        to_is_reconciled = _parse_to_is_reconciled(d.pop("to_is_reconciled", UNSET))

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

        bank_transfer = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            transaction_date=transaction_date,
            from_account=from_account,
            from_account_remote_id=from_account_remote_id,
            to_account=to_account,
            to_account_remote_id=to_account_remote_id,
            amount=amount,
            currency=currency,
            exchange_rate=exchange_rate,
            reference=reference,
            from_is_reconciled=from_is_reconciled,
            to_is_reconciled=to_is_reconciled,
            status=status,
            status_raw=status_raw,
        )

        return bank_transfer
