from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditNoteAllocationInput")


@_attrs_define
class CreditNoteAllocationInput:
    """POST /v1/credit-notes/{id}/allocations: apply ``amount`` of the credit to an invoice
    of the same contact and currency.

    """

    amount: Decimal | float
    """ Required on create. Amount, in the credit note allocation's currency. A decimal (a string, or a JSON
    number): at most 12 digits before the point and 4 after; beyond that the answer is 422. """
    invoice: None | str | Unset = UNSET
    """ Required on create, unless `invoice_remote_id` is given. Ledgerlink's id of the invoice; the gateway
    resolves it to `invoice_remote_id`. """
    invoice_remote_id: None | str | Unset = UNSET
    """ Required on create, unless `invoice` is given. The provider's id of the invoice; or give `invoice` instead.
    """
    date: datetime.date | None | Unset = UNSET
    """ Date of the credit note allocation. """

    def to_dict(self) -> dict[str, Any]:
        amount: float | str
        if isinstance(self.amount, Decimal):
            amount = str(self.amount)
        else:
            amount = self.amount

        invoice: None | str | Unset
        if isinstance(self.invoice, Unset):
            invoice = UNSET
        else:
            invoice = self.invoice

        invoice_remote_id: None | str | Unset
        if isinstance(self.invoice_remote_id, Unset):
            invoice_remote_id = UNSET
        else:
            invoice_remote_id = self.invoice_remote_id

        date: None | str | Unset
        if isinstance(self.date, Unset):
            date = UNSET
        elif isinstance(self.date, datetime.date):
            date = self.date.isoformat()
        else:
            date = self.date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
            }
        )
        if invoice is not UNSET:
            field_dict["invoice"] = invoice
        if invoice_remote_id is not UNSET:
            field_dict["invoice_remote_id"] = invoice_remote_id
        if date is not UNSET:
            field_dict["date"] = date

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

        def _parse_invoice(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice = _parse_invoice(d.pop("invoice", UNSET))

        def _parse_invoice_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        invoice_remote_id = _parse_invoice_remote_id(d.pop("invoice_remote_id", UNSET))

        def _parse_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_type_0 = datetime.date.fromisoformat(data)

                return date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date = _parse_date(d.pop("date", UNSET))

        credit_note_allocation_input = cls(
            amount=amount,
            invoice=invoice,
            invoice_remote_id=invoice_remote_id,
            date=date,
        )

        return credit_note_allocation_input
