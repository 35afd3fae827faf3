from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.ledger_source_type import LedgerSourceType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.general_ledger_transaction_remote_data_type_0 import (
        GeneralLedgerTransactionRemoteDataType0,
    )
    from ..models.journal_line import JournalLine


T = TypeVar("T", bound="GeneralLedgerTransaction")


@_attrs_define
class GeneralLedgerTransaction:
    remote_id: str
    """ The provider's id of the general ledger transaction. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the general ledger transaction last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The general ledger transaction was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so
    deletions reach clients. """
    remote_data: GeneralLedgerTransactionRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    number: None | str | Unset = UNSET
    """ Xero JournalNumber (the order journals were written in); QuickBooks DocNumber. """
    transaction_date: datetime.date | None | Unset = UNSET
    """ Date of the general ledger transaction in the books. """
    remote_created_at: datetime.datetime | None | Unset = UNSET
    """ When the provider wrote the journal (Xero CreatedDateUTC; journals never change). """
    reference: None | str | Unset = UNSET
    """ The general ledger transaction's reference (free text, e.g. the customer's order number). """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    source_type: LedgerSourceType | None | Unset = UNSET
    """ Kind of document that produced the journal (see the enum); `source` points at it. """
    source_type_raw: None | str | Unset = UNSET
    """ The provider's own value behind `source_type`, unmapped. """
    source: None | str | Unset = UNSET
    """ Ledgerlink's id of the source (from `source_remote_id`). """
    source_remote_id: None | str | Unset = UNSET
    """ The provider id of the source document (None when its type is OTHER). """
    total_debit: Decimal | None | Unset = UNSET
    """ Sum of the lines' debits. """
    total_credit: Decimal | None | Unset = UNSET
    """ Sum of the lines' credits. """
    lines: list[JournalLine] | Unset = UNSET
    """ The general ledger transaction's lines (debits and credits). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.general_ledger_transaction_remote_data_type_0 import (
            GeneralLedgerTransactionRemoteDataType0,  # noqa: PLC0415
        )

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
        elif isinstance(self.remote_data, GeneralLedgerTransactionRemoteDataType0):
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

        remote_created_at: None | str | Unset
        if isinstance(self.remote_created_at, Unset):
            remote_created_at = UNSET
        elif isinstance(self.remote_created_at, datetime.datetime):
            remote_created_at = self.remote_created_at.isoformat()
        else:
            remote_created_at = self.remote_created_at

        reference: None | str | Unset
        if isinstance(self.reference, Unset):
            reference = UNSET
        else:
            reference = self.reference

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        source_type: None | str | Unset
        if isinstance(self.source_type, Unset):
            source_type = UNSET
        elif isinstance(self.source_type, LedgerSourceType):
            source_type = self.source_type.value
        else:
            source_type = self.source_type

        source_type_raw: None | str | Unset
        if isinstance(self.source_type_raw, Unset):
            source_type_raw = UNSET
        else:
            source_type_raw = self.source_type_raw

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        source_remote_id: None | str | Unset
        if isinstance(self.source_remote_id, Unset):
            source_remote_id = UNSET
        else:
            source_remote_id = self.source_remote_id

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
        if remote_created_at is not UNSET:
            field_dict["remote_created_at"] = remote_created_at
        if reference is not UNSET:
            field_dict["reference"] = reference
        if currency is not UNSET:
            field_dict["currency"] = currency
        if source_type is not UNSET:
            field_dict["source_type"] = source_type
        if source_type_raw is not UNSET:
            field_dict["source_type_raw"] = source_type_raw
        if source is not UNSET:
            field_dict["source"] = source
        if source_remote_id is not UNSET:
            field_dict["source_remote_id"] = source_remote_id
        if total_debit is not UNSET:
            field_dict["total_debit"] = total_debit
        if total_credit is not UNSET:
            field_dict["total_credit"] = total_credit
        if lines is not UNSET:
            field_dict["lines"] = lines

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.general_ledger_transaction_remote_data_type_0 import (
            GeneralLedgerTransactionRemoteDataType0,  # noqa: PLC0415
        )
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

        def _parse_remote_data(
            data: object,
        ) -> GeneralLedgerTransactionRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = GeneralLedgerTransactionRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GeneralLedgerTransactionRemoteDataType0 | None | Unset, data)

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

        def _parse_remote_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remote_created_at_type_0 = datetime.datetime.fromisoformat(data)

                return remote_created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        remote_created_at = _parse_remote_created_at(d.pop("remote_created_at", UNSET))

        def _parse_reference(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reference = _parse_reference(d.pop("reference", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_source_type(data: object) -> LedgerSourceType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_type_0 = LedgerSourceType(data)

                return source_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LedgerSourceType | None | Unset, data)

        source_type = _parse_source_type(d.pop("source_type", UNSET))

        def _parse_source_type_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_type_raw = _parse_source_type_raw(d.pop("source_type_raw", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_source_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_remote_id = _parse_source_remote_id(d.pop("source_remote_id", UNSET))

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

        general_ledger_transaction = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            number=number,
            transaction_date=transaction_date,
            remote_created_at=remote_created_at,
            reference=reference,
            currency=currency,
            source_type=source_type,
            source_type_raw=source_type_raw,
            source=source,
            source_remote_id=source_remote_id,
            total_debit=total_debit,
            total_credit=total_credit,
            lines=lines,
        )

        return general_ledger_transaction
