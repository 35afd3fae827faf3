from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditNoteRefund")


@_attrs_define
class CreditNoteRefund:
    """Credit paid back in money (Xero: a payment on the credit note; QuickBooks: the credit
    memo's RefundReceipt is a document of its own, not linked: see the connector).

    """

    remote_id: None | str | Unset = UNSET
    """ The provider's id of the credit note refund. """
    payment: None | str | Unset = UNSET
    """ Ledgerlink's id of the payment (from `payment_remote_id`). """
    payment_remote_id: None | str | Unset = UNSET
    """ The provider's id of the payment. """
    amount: Decimal | None | Unset = UNSET
    """ Amount, in the credit note refund's currency. """
    refund_date: datetime.date | None | Unset = UNSET
    """ Date the money was paid back. """

    def to_dict(self) -> dict[str, Any]:
        remote_id: None | str | Unset
        if isinstance(self.remote_id, Unset):
            remote_id = UNSET
        else:
            remote_id = self.remote_id

        payment: None | str | Unset
        if isinstance(self.payment, Unset):
            payment = UNSET
        else:
            payment = self.payment

        payment_remote_id: None | str | Unset
        if isinstance(self.payment_remote_id, Unset):
            payment_remote_id = UNSET
        else:
            payment_remote_id = self.payment_remote_id

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        elif isinstance(self.amount, Decimal):
            amount = str(self.amount)
        else:
            amount = self.amount

        refund_date: None | str | Unset
        if isinstance(self.refund_date, Unset):
            refund_date = UNSET
        elif isinstance(self.refund_date, datetime.date):
            refund_date = self.refund_date.isoformat()
        else:
            refund_date = self.refund_date

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if remote_id is not UNSET:
            field_dict["remote_id"] = remote_id
        if payment is not UNSET:
            field_dict["payment"] = payment
        if payment_remote_id is not UNSET:
            field_dict["payment_remote_id"] = payment_remote_id
        if amount is not UNSET:
            field_dict["amount"] = amount
        if refund_date is not UNSET:
            field_dict["refund_date"] = refund_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_id = _parse_remote_id(d.pop("remote_id", UNSET))

        def _parse_payment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment = _parse_payment(d.pop("payment", UNSET))

        def _parse_payment_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_remote_id = _parse_payment_remote_id(d.pop("payment_remote_id", UNSET))

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

        def _parse_refund_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refund_date_type_0 = datetime.date.fromisoformat(data)

                return refund_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        refund_date = _parse_refund_date(d.pop("refund_date", UNSET))

        credit_note_refund = cls(
            remote_id=remote_id,
            payment=payment,
            payment_remote_id=payment_remote_id,
            amount=amount,
            refund_date=refund_date,
        )

        return credit_note_refund
