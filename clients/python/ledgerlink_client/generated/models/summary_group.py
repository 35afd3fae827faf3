from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SummaryGroup")


@_attrs_define
class SummaryGroup:
    """One group's invoices in one currency."""

    group: None | str
    """ The group: a status, a currency code, a contact's Ledgerlink id or a month (`YYYY-MM` of the issue date), as
    `group_by` says; null for invoices without one. """
    currency: None | str
    """ ISO 4217 code; sums never mix currencies. """
    count: int
    """ How many invoices. """
    total_amount: Decimal | None
    """ Sum of `total_amount` (a decimal string). """
    balance: Decimal | None
    """ Sum of `balance`, what is still owed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group: None | str
        group = self.group

        currency: None | str
        currency = self.currency

        count = self.count

        total_amount: None | str
        if isinstance(self.total_amount, Decimal):
            total_amount = str(self.total_amount)
        else:
            total_amount = self.total_amount

        balance: None | str
        if isinstance(self.balance, Decimal):
            balance = str(self.balance)
        else:
            balance = self.balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "currency": currency,
                "count": count,
                "total_amount": total_amount,
                "balance": balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_group(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        group = _parse_group(d.pop("group"))

        def _parse_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        currency = _parse_currency(d.pop("currency"))

        count = d.pop("count")

        def _parse_total_amount(data: object) -> Decimal | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_amount_type_0 = Decimal(data)

                return total_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None, data)

        total_amount = _parse_total_amount(d.pop("total_amount"))

        def _parse_balance(data: object) -> Decimal | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                balance_type_0 = Decimal(data)

                return balance_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None, data)

        balance = _parse_balance(d.pop("balance"))

        summary_group = cls(
            group=group,
            currency=currency,
            count=count,
            total_amount=total_amount,
            balance=balance,
        )

        summary_group.additional_properties = d
        return summary_group

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
