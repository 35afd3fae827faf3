from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ContactOutstanding")


@_attrs_define
class ContactOutstanding:
    """What one contact owes (receivables) or is owed (payables) in one currency."""

    contact_id: str
    """ The contact's Ledgerlink id. """
    contact_name: None | str
    """ The contact's name. """
    type_: str
    """ ACCOUNTS_RECEIVABLE or ACCOUNTS_PAYABLE. """
    currency: None | str
    """ ISO 4217 code. """
    invoice_count: int
    """ Invoices with a balance. """
    balance: Decimal
    """ Their balances summed (a decimal string). """
    overdue_count: int
    """ Of those, due before `as_of`. """
    overdue_balance: Decimal
    """ Their balances summed. """
    oldest_due_date: datetime.date | None
    """ The earliest due date among them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_id = self.contact_id

        contact_name: None | str
        contact_name = self.contact_name

        type_ = self.type_

        currency: None | str
        currency = self.currency

        invoice_count = self.invoice_count

        balance = str(self.balance)

        overdue_count = self.overdue_count

        overdue_balance = str(self.overdue_balance)

        oldest_due_date: None | str
        if isinstance(self.oldest_due_date, datetime.date):
            oldest_due_date = self.oldest_due_date.isoformat()
        else:
            oldest_due_date = self.oldest_due_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_id": contact_id,
                "contact_name": contact_name,
                "type": type_,
                "currency": currency,
                "invoice_count": invoice_count,
                "balance": balance,
                "overdue_count": overdue_count,
                "overdue_balance": overdue_balance,
                "oldest_due_date": oldest_due_date,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contact_id = d.pop("contact_id")

        def _parse_contact_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_name = _parse_contact_name(d.pop("contact_name"))

        type_ = d.pop("type")

        def _parse_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        currency = _parse_currency(d.pop("currency"))

        invoice_count = d.pop("invoice_count")

        balance = Decimal(d.pop("balance"))

        overdue_count = d.pop("overdue_count")

        overdue_balance = Decimal(d.pop("overdue_balance"))

        def _parse_oldest_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                oldest_due_date_type_0 = datetime.date.fromisoformat(data)

                return oldest_due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        oldest_due_date = _parse_oldest_due_date(d.pop("oldest_due_date"))

        contact_outstanding = cls(
            contact_id=contact_id,
            contact_name=contact_name,
            type_=type_,
            currency=currency,
            invoice_count=invoice_count,
            balance=balance,
            overdue_count=overdue_count,
            overdue_balance=overdue_balance,
            oldest_due_date=oldest_due_date,
        )

        contact_outstanding.additional_properties = d
        return contact_outstanding

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
