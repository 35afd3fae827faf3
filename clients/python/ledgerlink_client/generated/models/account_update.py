from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.account_status import AccountStatus
from ..models.account_type import AccountType
from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountUpdate")


@_attrs_define
class AccountUpdate:
    """POST/PATCH body for accounts. ``classification`` is not writable: providers derive it from
    ``type``. Providers add their own rules (Xero: a code for every non-bank account, a bank
    account number for BANK accounts, no ``type`` change once used).

    """

    name: str | Unset = UNSET
    """ Required on create. Name of the account. """
    code: None | str | Unset = UNSET
    """ The user's account code (Xero ``Code``, QuickBooks ``AcctNum``); Xero lines refer to it. """
    description: None | str | Unset = UNSET
    """ Description of the account. """
    type_: AccountType | Unset = UNSET
    """ The unified account type; the provider's own value is kept in ``Account.type_raw``.

    Fine enough to tell bank, receivable and payable accounts apart (Xero marks the last two
    with ``SystemAccount`` DEBTORS/CREDITORS; QuickBooks has its own types for them). """
    status: AccountStatus | None | Unset = UNSET
    """ Status of the account, mapped to the unified values (see the enum); `status_raw` holds the provider's own.
    """
    currency: None | str | Unset = UNSET
    """ ISO 4217 currency code. """
    tax_rate: None | str | Unset = UNSET
    """ Ledgerlink's id of the tax rate; the gateway resolves it to `tax_rate_remote_id`. """
    tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the tax rate; or give `tax_rate` instead. """
    bank_account_number: None | str | Unset = UNSET
    """ Only where the provider gives it (Xero bank accounts). """
    parent_account: None | str | Unset = UNSET
    """ Ledgerlink's id of the parent account; the gateway resolves it to `parent_account_remote_id`. """
    parent_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the parent account; or give `parent_account` instead. """

    def to_dict(self) -> dict[str, Any]:
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

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, AccountStatus):
            status = self.status.value
        else:
            status = self.status

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        tax_rate: None | str | Unset
        if isinstance(self.tax_rate, Unset):
            tax_rate = UNSET
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

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if code is not UNSET:
            field_dict["code"] = code
        if description is not UNSET:
            field_dict["description"] = description
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
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
        d = dict(src_dict)
        name = d.pop("name", UNSET)

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

        _type_ = d.pop("type", UNSET)
        type_: AccountType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = AccountType(_type_)

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

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_tax_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

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

        account_update = cls(
            name=name,
            code=code,
            description=description,
            type_=type_,
            status=status,
            currency=currency,
            tax_rate=tax_rate,
            tax_rate_remote_id=tax_rate_remote_id,
            bank_account_number=bank_account_number,
            parent_account=parent_account,
            parent_account_remote_id=parent_account_remote_id,
        )

        return account_update
