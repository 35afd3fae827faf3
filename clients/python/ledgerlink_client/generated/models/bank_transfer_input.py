from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="BankTransferInput")


@_attrs_define
class BankTransferInput:
    """POST body for bank transfers between two of the company's bank accounts."""

    amount: Decimal | float
    """ Required on create. In the currency of the account the money left. A decimal (a string, or a JSON number):
    at most 12 digits before the point and 4 after; beyond that the answer is 422. """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the bank transfer in the books. """
    from_account: None | str | Unset = UNSET
    """ Required on create, unless `from_account_remote_id` is given. Ledgerlink's id of the from account; the
    gateway resolves it to `from_account_remote_id`. """
    from_account_remote_id: None | str | Unset = UNSET
    """ Required on create, unless `from_account` is given. The provider's id of the from account; or give
    `from_account` instead. """
    to_account: None | str | Unset = UNSET
    """ Required on create, unless `to_account_remote_id` is given. Ledgerlink's id of the to account; the gateway
    resolves it to `to_account_remote_id`. """
    to_account_remote_id: None | str | Unset = UNSET
    """ Required on create, unless `to_account` is given. The provider's id of the to account; or give `to_account`
    instead. """
    exchange_rate: Decimal | float | None | Unset = UNSET
    """ Units of the receiving account's currency per unit sent (1 between same-currency
    accounts). A decimal (a string, or a JSON number): at most 12 digits before the point and 6 after; beyond that
    the answer is 422. """
    reference: None | str | Unset = UNSET
    """ The bank transfer's reference (free text, e.g. the customer's order number). """

    def to_dict(self) -> dict[str, Any]:
        amount: float | str
        if isinstance(self.amount, Decimal):
            amount = str(self.amount)
        else:
            amount = self.amount

        transaction_date: None | str | Unset
        if isinstance(self.transaction_date, Unset):
            transaction_date = UNSET
        elif isinstance(self.transaction_date, datetime.date):
            transaction_date = self.transaction_date.isoformat()
        else:
            transaction_date = self.transaction_date

        from_account: None | str | Unset
        if isinstance(self.from_account, Unset):
            from_account = UNSET
        else:
            from_account = self.from_account

        from_account_remote_id: None | str | Unset
        if isinstance(self.from_account_remote_id, Unset):
            from_account_remote_id = UNSET
        else:
            from_account_remote_id = self.from_account_remote_id

        to_account: None | str | Unset
        if isinstance(self.to_account, Unset):
            to_account = UNSET
        else:
            to_account = self.to_account

        to_account_remote_id: None | str | Unset
        if isinstance(self.to_account_remote_id, Unset):
            to_account_remote_id = UNSET
        else:
            to_account_remote_id = self.to_account_remote_id

        exchange_rate: float | None | str | Unset
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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
            }
        )
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
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> Decimal | float:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                amount_type_0 = Decimal(data)

                return amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | float, data)

        amount = _parse_amount(d.pop("amount"))

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

        def _parse_from_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

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

        def _parse_to_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_account = _parse_to_account(d.pop("to_account", UNSET))

        def _parse_to_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_account_remote_id = _parse_to_account_remote_id(d.pop("to_account_remote_id", UNSET))

        def _parse_exchange_rate(data: object) -> Decimal | float | None | Unset:
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
            return cast(Decimal | float | None | Unset, data)

        exchange_rate = _parse_exchange_rate(d.pop("exchange_rate", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        bank_transfer_input = cls(
            amount=amount,
            transaction_date=transaction_date,
            from_account=from_account,
            from_account_remote_id=from_account_remote_id,
            to_account=to_account,
            to_account_remote_id=to_account_remote_id,
            exchange_rate=exchange_rate,
            reference=reference,
        )

        return bank_transfer_input
