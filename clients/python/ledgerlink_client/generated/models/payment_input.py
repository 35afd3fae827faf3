from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payment_application_input import PaymentApplicationInput


T = TypeVar("T", bound="PaymentInput")


@_attrs_define
class PaymentInput:
    """POST body for payments (Xero payments cannot be edited, only created or voided).
    Xero applies a payment to exactly one document: ``applied_to`` must hold one entry.

    """

    transaction_date: datetime.date
    """ Required on create. Date of the payment in the books. """
    applied_to: list[PaymentApplicationInput]
    """ Required on create. What the payment is applied to. """
    account: None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the gateway resolves it to `account_remote_id`. """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account; or give `account` instead. """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
    exchange_rate: Decimal | float | None | Unset = UNSET
    """ Units of the company's base currency per unit of `currency` (empty or 1 when `currency` is the base
    currency). A decimal (a string, or a JSON number): at most 12 digits before the point and 6 after; beyond that
    the answer is 422. """
    total_amount: Decimal | float | None | Unset = UNSET
    """ Total amount, tax included. A decimal (a string, or a JSON number): at most 12 digits before the point and 4
    after; beyond that the answer is 422. """
    reference: None | str | Unset = UNSET
    """ The payment's reference (free text, e.g. the customer's order number). """

    def to_dict(self) -> dict[str, Any]:
        transaction_date = self.transaction_date.isoformat()

        applied_to = []
        for applied_to_item_data in self.applied_to:
            applied_to_item = applied_to_item_data.to_dict()
            applied_to.append(applied_to_item)

        account: None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
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

        exchange_rate: float | None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, Decimal):
            exchange_rate = str(self.exchange_rate)
        else:
            exchange_rate = self.exchange_rate

        total_amount: float | None | str | Unset
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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "transaction_date": transaction_date,
                "applied_to": applied_to,
            }
        )
        if account is not UNSET:
            field_dict["account"] = account
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if total_amount is not UNSET:
            field_dict["total_amount"] = total_amount
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payment_application_input import PaymentApplicationInput  # noqa: PLC0415

        d = dict(src_dict)
        transaction_date = datetime.date.fromisoformat(d.pop("transaction_date"))

        applied_to = []
        _applied_to = d.pop("applied_to")
        for applied_to_item_data in _applied_to:
            applied_to_item = PaymentApplicationInput.from_dict(applied_to_item_data)

            applied_to.append(applied_to_item)

        def _parse_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

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

        def _parse_total_amount(data: object) -> Decimal | float | None | Unset:
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
            return cast(Decimal | float | None | Unset, data)

        total_amount = _parse_total_amount(d.pop("total_amount", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        payment_input = cls(
            transaction_date=transaction_date,
            applied_to=applied_to,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            exchange_rate=exchange_rate,
            total_amount=total_amount,
            reference=reference,
        )

        return payment_input
