from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_offer import ReportOffer


T = TypeVar("T", bound="ReportRules")


@_attrs_define
class ReportRules:
    balance_sheet: ReportOffer
    profit_and_loss: ReportOffer
    trial_balance: ReportOffer
    aged_receivables: ReportOffer
    aged_payables: ReportOffer
    cash_flow: ReportOffer
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        balance_sheet = self.balance_sheet.to_dict()

        profit_and_loss = self.profit_and_loss.to_dict()

        trial_balance = self.trial_balance.to_dict()

        aged_receivables = self.aged_receivables.to_dict()

        aged_payables = self.aged_payables.to_dict()

        cash_flow = self.cash_flow.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "BALANCE_SHEET": balance_sheet,
                "PROFIT_AND_LOSS": profit_and_loss,
                "TRIAL_BALANCE": trial_balance,
                "AGED_RECEIVABLES": aged_receivables,
                "AGED_PAYABLES": aged_payables,
                "CASH_FLOW": cash_flow,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_offer import ReportOffer  # noqa: PLC0415

        d = dict(src_dict)
        balance_sheet = ReportOffer.from_dict(d.pop("BALANCE_SHEET"))

        profit_and_loss = ReportOffer.from_dict(d.pop("PROFIT_AND_LOSS"))

        trial_balance = ReportOffer.from_dict(d.pop("TRIAL_BALANCE"))

        aged_receivables = ReportOffer.from_dict(d.pop("AGED_RECEIVABLES"))

        aged_payables = ReportOffer.from_dict(d.pop("AGED_PAYABLES"))

        cash_flow = ReportOffer.from_dict(d.pop("CASH_FLOW"))

        report_rules = cls(
            balance_sheet=balance_sheet,
            profit_and_loss=profit_and_loss,
            trial_balance=trial_balance,
            aged_receivables=aged_receivables,
            aged_payables=aged_payables,
            cash_flow=cash_flow,
        )

        report_rules.additional_properties = d
        return report_rules

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
