from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.account_classification import AccountClassification
from ..models.account_status import AccountStatus
from ..models.account_type import AccountType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account_remote_data_type_0 import AccountRemoteDataType0
    from ..models.tax_rate import TaxRate


T = TypeVar("T", bound="Account")


@_attrs_define
class Account:
    remote_id: str
    """ The provider's id of the account. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the account last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The account was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach
    clients. """
    remote_data: AccountRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    name: None | str | Unset = UNSET
    """ Name of the account. """
    code: None | str | Unset = UNSET
    """ The user's account code (Xero ``Code``, QuickBooks ``AcctNum``); Xero lines refer to it. """
    description: None | str | Unset = UNSET
    """ Description of the account. """
    classification: AccountClassification | None | Unset = UNSET
    """ Where the account sits in the financial statements (see the enum); the provider derives
    it from the type. """
    type_: AccountType | None | Unset = UNSET
    """ Kind of account (see the enum). """
    type_raw: None | str | Unset = UNSET
    """ The provider's own type (Xero ``Type``, QuickBooks ``AccountType``). """
    sub_type_raw: None | str | Unset = UNSET
    """ The provider's finer type where it has one (QuickBooks ``AccountSubType``). """
    status: AccountStatus | None | Unset = UNSET
    """ Status of the account, mapped to the unified values (see the enum); `status_raw` holds the provider's own.
    """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    tax_rate: None | str | TaxRate | Unset = UNSET
    """ Ledgerlink's id of the tax_rate; the tax_rate itself with `expand=tax_rate`. """
    tax_rate_remote_id: None | str | Unset = UNSET
    """ Provider tax rate identifier (Xero TaxType code). """
    bank_account_number: None | str | Unset = UNSET
    """ Only where the provider gives it (Xero bank accounts). """
    parent_account: None | str | Unset = UNSET
    """ Ledgerlink's id of the parent account (from `parent_account_remote_id`). """
    parent_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the parent account. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.account_remote_data_type_0 import AccountRemoteDataType0  # noqa: PLC0415
        from ..models.tax_rate import TaxRate  # noqa: PLC0415

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
        elif isinstance(self.remote_data, AccountRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        classification: None | str | Unset
        if isinstance(self.classification, Unset):
            classification = UNSET
        elif isinstance(self.classification, AccountClassification):
            classification = self.classification.value
        else:
            classification = self.classification

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, AccountType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        type_raw: None | str | Unset
        if isinstance(self.type_raw, Unset):
            type_raw = UNSET
        else:
            type_raw = self.type_raw

        sub_type_raw: None | str | Unset
        if isinstance(self.sub_type_raw, Unset):
            sub_type_raw = UNSET
        else:
            sub_type_raw = self.sub_type_raw

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, AccountStatus):
            status = self.status.value
        else:
            status = self.status

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        tax_rate: dict[str, Any] | None | str | Unset
        if isinstance(self.tax_rate, Unset):
            tax_rate = UNSET
        elif isinstance(self.tax_rate, TaxRate):
            tax_rate = self.tax_rate.to_dict()
        else:
            tax_rate = self.tax_rate

        tax_rate_remote_id: None | str | Unset
        if isinstance(self.tax_rate_remote_id, Unset):
            tax_rate_remote_id = UNSET
        else:
            tax_rate_remote_id = self.tax_rate_remote_id

        bank_account_number: None | str | Unset
        if isinstance(self.bank_account_number, Unset):
            bank_account_number = UNSET
        else:
            bank_account_number = self.bank_account_number

        parent_account: None | str | Unset
        if isinstance(self.parent_account, Unset):
            parent_account = UNSET
        else:
            parent_account = self.parent_account

        parent_account_remote_id: None | str | Unset
        if isinstance(self.parent_account_remote_id, Unset):
            parent_account_remote_id = UNSET
        else:
            parent_account_remote_id = self.parent_account_remote_id

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
        if name is not UNSET:
            field_dict["name"] = name
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if classification is not UNSET:
            field_dict["classification"] = classification
        if type_ is not UNSET:
            field_dict["type"] = type_
        if type_raw is not UNSET:
            field_dict["type_raw"] = type_raw
        if sub_type_raw is not UNSET:
            field_dict["sub_type_raw"] = sub_type_raw
        if status is not UNSET:
            field_dict["status"] = status
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if currency is not UNSET:
            field_dict["currency"] = currency
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if tax_rate_remote_id is not UNSET:
            field_dict["tax_rate_remote_id"] = tax_rate_remote_id
        if bank_account_number is not UNSET:
            field_dict["bank_account_number"] = bank_account_number
        if parent_account is not UNSET:
            field_dict["parent_account"] = parent_account
        if parent_account_remote_id is not UNSET:
            field_dict["parent_account_remote_id"] = parent_account_remote_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_remote_data_type_0 import AccountRemoteDataType0  # noqa: PLC0415
        from ..models.tax_rate import TaxRate  # noqa: PLC0415

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

        def _parse_remote_data(data: object) -> AccountRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = AccountRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_classification(data: object) -> AccountClassification | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                classification_type_0 = AccountClassification(data)

                return classification_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountClassification | None | Unset, data)

        classification = _parse_classification(d.pop("classification", UNSET))

        def _parse_type_(data: object) -> AccountType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = AccountType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountType | None | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_type_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        type_raw = _parse_type_raw(d.pop("type_raw", UNSET))

        def _parse_sub_type_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sub_type_raw = _parse_sub_type_raw(d.pop("sub_type_raw", UNSET))

        def _parse_status(data: object) -> AccountStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = AccountStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccountStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_tax_rate(data: object) -> None | str | TaxRate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tax_rate_type_1 = TaxRate.from_dict(data)

                return tax_rate_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | str | TaxRate | Unset, data)

        tax_rate = _parse_tax_rate(d.pop("tax_rate", UNSET))

        def _parse_tax_rate_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_rate_remote_id = _parse_tax_rate_remote_id(d.pop("tax_rate_remote_id", UNSET))

        def _parse_bank_account_number(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        bank_account_number = _parse_bank_account_number(d.pop("bank_account_number", UNSET))

        def _parse_parent_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_account = _parse_parent_account(d.pop("parent_account", UNSET))

        def _parse_parent_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_account_remote_id = _parse_parent_account_remote_id(
            d.pop("parent_account_remote_id", UNSET)
        )

        account = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            name=name,
            code=code,
            description=description,
            classification=classification,
            type_=type_,
            type_raw=type_raw,
            sub_type_raw=sub_type_raw,
            status=status,
            status_raw=status_raw,
            currency=currency,
            tax_rate=tax_rate,
            tax_rate_remote_id=tax_rate_remote_id,
            bank_account_number=bank_account_number,
            parent_account=parent_account,
            parent_account_remote_id=parent_account_remote_id,
        )

        return account
