from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreditNoteAllocation")


@_attrs_define
class CreditNoteAllocation:
    """Credit applied to one invoice (Xero Allocation; QuickBooks a linked invoice)."""

    applied_amount: Decimal
    """ Amount applied. """
    remote_id: None | str | Unset = UNSET
    """ The provider's id of the credit note allocation. """
    invoice: None | str | Unset = UNSET
    """ Ledgerlink's id of the invoice (from `invoice_remote_id`). """
    invoice_remote_id: None | str | Unset = UNSET
    """ The provider's id of the invoice. """
    applied_date: datetime.date | None | Unset = UNSET
    """ Date the credit was applied to the invoice. """

    def to_dict(self) -> dict[str, Any]:
        applied_amount = str(self.applied_amount)

        remote_id: None | str | Unset
        if isinstance(self.remote_id, Unset):
            remote_id = UNSET
        else:
            remote_id = self.remote_id

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

        applied_date: None | str | Unset
        if isinstance(self.applied_date, Unset):
            applied_date = UNSET
        elif isinstance(self.applied_date, datetime.date):
            applied_date = self.applied_date.isoformat()
        else:
            applied_date = self.applied_date

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "applied_amount": applied_amount,
            }
        )
        if remote_id is not UNSET:
            field_dict["remote_id"] = remote_id
        if invoice is not UNSET:
            field_dict["invoice"] = invoice
        if invoice_remote_id is not UNSET:
            field_dict["invoice_remote_id"] = invoice_remote_id
        if applied_date is not UNSET:
            field_dict["applied_date"] = applied_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        applied_amount = Decimal(d.pop("applied_amount"))

        def _parse_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_id = _parse_remote_id(d.pop("remote_id", UNSET))

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

        def _parse_applied_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_date_type_0 = datetime.date.fromisoformat(data)

                return applied_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        applied_date = _parse_applied_date(d.pop("applied_date", UNSET))

        credit_note_allocation = cls(
            applied_amount=applied_amount,
            remote_id=remote_id,
            invoice=invoice,
            invoice_remote_id=invoice_remote_id,
            applied_date=applied_date,
        )

        return credit_note_allocation
