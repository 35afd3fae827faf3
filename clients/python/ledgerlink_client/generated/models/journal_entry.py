from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.journal_entry_status import JournalEntryStatus
from ..models.tax_treatment import TaxTreatment
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.journal_entry_remote_data_type_0 import JournalEntryRemoteDataType0
    from ..models.journal_line import JournalLine


T = TypeVar("T", bound="JournalEntry")


@_attrs_define
class JournalEntry:
    remote_id: str
    """ The provider's id of the journal entry. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the journal entry last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The journal entry was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: JournalEntryRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    number: None | str | Unset = UNSET
    """ The journal entry's number as users see it at the provider (invoice number, document number). """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the journal entry in the books. """
    memo: None | str | Unset = UNSET
    """ Xero Narration, QuickBooks PrivateNote. """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    exchange_rate: Decimal | None | Unset = UNSET
    """ Units of the company's base currency per unit of `currency` (empty or 1 when `currency` is the base
    currency). """
    tax_treatment: None | TaxTreatment | Unset = UNSET
    """ Whether line amounts include tax (`INCLUSIVE`), exclude it (`EXCLUSIVE`) or carry none (`NO_TAX`). """
    status: JournalEntryStatus | None | Unset = UNSET
    """ Status of the journal entry, mapped to the unified values (see the enum); `status_raw` holds the provider's
    own. """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    show_on_cash_basis_reports: bool | None | Unset = UNSET
    """ Xero ShowOnCashBasisReports. """
    total_debit: Decimal | None | Unset = UNSET
    """ Sum of the lines' debits. """
    total_credit: Decimal | None | Unset = UNSET
    """ Sum of the lines' credits. """
    lines: list[JournalLine] | Unset = UNSET
    """ The journal entry's lines (debits and credits). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.journal_entry_remote_data_type_0 import JournalEntryRemoteDataType0  # noqa: PLC0415

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
        elif isinstance(self.remote_data, JournalEntryRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

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

        memo: None | str | Unset
        if isinstance(self.memo, Unset):
            memo = UNSET
        else:
            memo = self.memo

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

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        show_on_cash_basis_reports: bool | None | Unset
        if isinstance(self.show_on_cash_basis_reports, Unset):
            show_on_cash_basis_reports = UNSET
        else:
            show_on_cash_basis_reports = self.show_on_cash_basis_reports

        total_debit: None | str | Unset
        if isinstance(self.total_debit, Unset):
            total_debit = UNSET
        elif isinstance(self.total_debit, Decimal):
            total_debit = str(self.total_debit)
        else:
            total_debit = self.total_debit

        total_credit: None | str | Unset
        if isinstance(self.total_credit, Unset):
            total_credit = UNSET
        elif isinstance(self.total_credit, Decimal):
            total_credit = str(self.total_credit)
        else:
            total_credit = self.total_credit

        lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lines, Unset):
            lines = []
            for lines_item_data in self.lines:
                lines_item = lines_item_data.to_dict()
                lines.append(lines_item)

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
        if number is not UNSET:
            field_dict["number"] = number
        if transaction_date is not UNSET:
            field_dict["transaction_date"] = transaction_date
        if memo is not UNSET:
            field_dict["memo"] = memo
        if currency is not UNSET:
            field_dict["currency"] = currency
        if exchange_rate is not UNSET:
            field_dict["exchange_rate"] = exchange_rate
        if tax_treatment is not UNSET:
            field_dict["tax_treatment"] = tax_treatment
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if show_on_cash_basis_reports is not UNSET:
            field_dict["show_on_cash_basis_reports"] = show_on_cash_basis_reports
        if total_debit is not UNSET:
            field_dict["total_debit"] = total_debit
        if total_credit is not UNSET:
            field_dict["total_credit"] = total_credit
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.journal_entry_remote_data_type_0 import JournalEntryRemoteDataType0  # noqa: PLC0415
        from ..models.journal_line import JournalLine  # noqa: PLC0415

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

        def _parse_remote_data(data: object) -> JournalEntryRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = JournalEntryRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JournalEntryRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

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

        def _parse_memo(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        memo = _parse_memo(d.pop("memo", UNSET))

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

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        def _parse_show_on_cash_basis_reports(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        show_on_cash_basis_reports = _parse_show_on_cash_basis_reports(
            d.pop("show_on_cash_basis_reports", UNSET)
        )

        def _parse_total_debit(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_debit_type_0 = Decimal(data)

                return total_debit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_debit = _parse_total_debit(d.pop("total_debit", UNSET))

        def _parse_total_credit(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_credit_type_0 = Decimal(data)

                return total_credit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_credit = _parse_total_credit(d.pop("total_credit", UNSET))

        _lines = d.pop("lines", UNSET)
        lines: list[JournalLine] | Unset = UNSET
        if _lines is not UNSET:
            lines = []
            for lines_item_data in _lines:
                lines_item = JournalLine.from_dict(lines_item_data)

                lines.append(lines_item)

        journal_entry = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            number=number,
            transaction_date=transaction_date,
            memo=memo,
            currency=currency,
            exchange_rate=exchange_rate,
            tax_treatment=tax_treatment,
            status=status,
            status_raw=status_raw,
            show_on_cash_basis_reports=show_on_cash_basis_reports,
            total_debit=total_debit,
            total_credit=total_credit,
            lines=lines,
        )

        return journal_entry
