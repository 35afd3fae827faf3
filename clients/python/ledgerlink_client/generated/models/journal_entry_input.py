from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.journal_entry_status import JournalEntryStatus
from ..models.tax_treatment import TaxTreatment
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.journal_line_input import JournalLineInput


T = TypeVar("T", bound="JournalEntryInput")


@_attrs_define
class JournalEntryInput:
    """POST/PATCH body for journal entries. ``lines`` must balance (debits = credits) and hold at
    least two lines; otherwise the answer is 422 and nothing is sent to the provider.

    """

    memo: str
    """ Required on create. Xero Narration, QuickBooks PrivateNote. """
    lines: list[JournalLineInput]
    """ Required on create. The journal entry's lines (debits and credits). """
    number: None | str | Unset = UNSET
    """ The journal entry's number as users see it at the provider (invoice number, document number). """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the journal entry in the books. """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    exchange_rate: Decimal | float | None | Unset = UNSET
    """ Units of the company's base currency per unit of `currency` (empty or 1 when `currency` is the base
    currency). A decimal (a string, or a JSON number): at most 12 digits before the point and 6 after; beyond that
    the answer is 422. """
    tax_treatment: None | TaxTreatment | Unset = UNSET
    """ Whether line amounts include tax (`INCLUSIVE`), exclude it (`EXCLUSIVE`) or carry none (`NO_TAX`). """
    status: JournalEntryStatus | None | Unset = UNSET
    """ DRAFT or POSTED on create; POSTED → VOID (Xero) on update. """
    show_on_cash_basis_reports: bool | None | Unset = UNSET
    """ Xero ShowOnCashBasisReports. """

    def to_dict(self) -> dict[str, Any]:
        memo = self.memo

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        number: None | str | Unset
        if isinstance(self.number, Unset):
            number = UNSET
        else:
            number = self.number

        transaction_date: None | str | Unset
        if isinstance(self.transaction_date, Unset):
            transaction_date = UNSET
        elif isinstance(self.transaction_date, datetime.date):
            transaction_date = self.transaction_date.isoformat()
        else:
            transaction_date = self.transaction_date

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        exchange_rate: float | None | str | Unset
        if isinstance(self.exchange_rate, Unset):
            exchange_rate = UNSET
        elif isinstance(self.exchange_rate, Decimal):
            exchange_rate = str(self.exchange_rate)
        else:
            exchange_rate = self.exchange_rate

        tax_treatment: None | str | Unset
        if isinstance(self.tax_treatment, Unset):
            tax_treatment = UNSET
        elif isinstance(self.tax_treatment, TaxTreatment):
            tax_treatment = self.tax_treatment.value
        else:
            tax_treatment = self.tax_treatment

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, JournalEntryStatus):
            status = self.status.value
        else:
            status = self.status

        show_on_cash_basis_reports: bool | None | Unset
        if isinstance(self.show_on_cash_basis_reports, Unset):
            show_on_cash_basis_reports = UNSET
        else:
            show_on_cash_basis_reports = self.show_on_cash_basis_reports

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "memo": memo,
                "lines": lines,
            }
        )
        if number is not UNSET:
            field_dict["number"] = number
        if transaction_date is not UNSET:
            field_dict["transaction_date"] = transaction_date
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if status is not UNSET:
            field_dict["status"] = status
        if show_on_cash_basis_reports is not UNSET:
            field_dict["show_on_cash_basis_reports"] = show_on_cash_basis_reports

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.journal_line_input import JournalLineInput  # noqa: PLC0415

        d = dict(src_dict)
        memo = d.pop("memo")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = JournalLineInput.from_dict(lines_item_data)

            lines.append(lines_item)

        def _parse_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        number = _parse_number(d.pop("number", UNSET))

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

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

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

        def _parse_tax_treatment(data: object) -> None | TaxTreatment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_treatment_type_0 = TaxTreatment(data)

                return tax_treatment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaxTreatment | Unset, data)

        tax_treatment = _parse_tax_treatment(d.pop("tax_treatment", UNSET))

        def _parse_status(data: object) -> JournalEntryStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = JournalEntryStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JournalEntryStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_show_on_cash_basis_reports(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        show_on_cash_basis_reports = _parse_show_on_cash_basis_reports(
            d.pop("show_on_cash_basis_reports", UNSET)
        )

        journal_entry_input = cls(
            memo=memo,
            lines=lines,
            number=number,
            transaction_date=transaction_date,
            currency=currency,
            exchange_rate=exchange_rate,
            tax_treatment=tax_treatment,
            status=status,
            show_on_cash_basis_reports=show_on_cash_basis_reports,
        )

        return journal_entry_input
