from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tracking_category_ref import TrackingCategoryRef


T = TypeVar("T", bound="JournalLine")


@_attrs_define
class JournalLine:
    """One line of a journal (manual or system): an amount posted to one account."""

    remote_id: None | str | Unset = UNSET
    """ The provider's id of the journal line. """
    description: None | str | Unset = UNSET
    """ Description of the journal line. """
    net_amount: Decimal | None | Unset = UNSET
    """ Debit positive, credit negative (Xero LineAmount / NetAmount). """
    debit_amount: Decimal | None | Unset = UNSET
    """ Debit posted to the account (empty on a credit line). """
    credit_amount: Decimal | None | Unset = UNSET
    """ Credit posted to the account (empty on a debit line). """
    tax_amount: Decimal | None | Unset = UNSET
    """ Tax on the line. """
    gross_amount: Decimal | None | Unset = UNSET
    """ Net plus tax where the provider reports it (Xero Journals GrossAmount). """
    account: None | str | Unset = UNSET
    """ Ledgerlink's id of the account (from `account_remote_id`). """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account. """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
    account_name: None | str | Unset = UNSET
    """ The account's name and type as the provider printed them on the line (ledger lines). """
    account_type_raw: None | str | Unset = UNSET
    """ The provider's own account type, unmapped. """
    tax_rate: None | str | Unset = UNSET
    """ Ledgerlink's id of the tax rate (from `tax_rate_remote_id`). """
    tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the tax rate. """
    contact: None | str | Unset = UNSET
    """ Ledgerlink's id of the contact (from `contact_remote_id`). """
    contact_remote_id: None | str | Unset = UNSET
    """ The provider's id of the contact. """
    tracking_categories: list[TrackingCategoryRef] | Unset = UNSET
    """ Tracking category options (Xero tracking, QuickBooks classes and departments) the line is analysed by. """

    def to_dict(self) -> dict[str, Any]:
        remote_id: None | str | Unset
        if isinstance(self.remote_id, Unset):
            remote_id = UNSET
        else:
            remote_id = self.remote_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        net_amount: None | str | Unset
        if isinstance(self.net_amount, Unset):
            net_amount = UNSET
        elif isinstance(self.net_amount, Decimal):
            net_amount = str(self.net_amount)
        else:
            net_amount = self.net_amount

        debit_amount: None | str | Unset
        if isinstance(self.debit_amount, Unset):
            debit_amount = UNSET
        elif isinstance(self.debit_amount, Decimal):
            debit_amount = str(self.debit_amount)
        else:
            debit_amount = self.debit_amount

        credit_amount: None | str | Unset
        if isinstance(self.credit_amount, Unset):
            credit_amount = UNSET
        elif isinstance(self.credit_amount, Decimal):
            credit_amount = str(self.credit_amount)
        else:
            credit_amount = self.credit_amount

        tax_amount: None | str | Unset
        if isinstance(self.tax_amount, Unset):
            tax_amount = UNSET
        elif isinstance(self.tax_amount, Decimal):
            tax_amount = str(self.tax_amount)
        else:
            tax_amount = self.tax_amount

        gross_amount: None | str | Unset
        if isinstance(self.gross_amount, Unset):
            gross_amount = UNSET
        elif isinstance(self.gross_amount, Decimal):
            gross_amount = str(self.gross_amount)
        else:
            gross_amount = self.gross_amount

        account: None | str | Unset
        if isinstance(self.account, Unset):
            account = UNSET
        else:
            account = self.account

        account_remote_id: None | str | Unset
        if isinstance(self.account_remote_id, Unset):
            account_remote_id = UNSET
        else:
            account_remote_id = self.account_remote_id

        account_code: None | str | Unset
        if isinstance(self.account_code, Unset):
            account_code = UNSET
        else:
            account_code = self.account_code

        account_name: None | str | Unset
        if isinstance(self.account_name, Unset):
            account_name = UNSET
        else:
            account_name = self.account_name

        account_type_raw: None | str | Unset
        if isinstance(self.account_type_raw, Unset):
            account_type_raw = UNSET
        else:
            account_type_raw = self.account_type_raw

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

        contact: None | str | Unset
        if isinstance(self.contact, Unset):
            contact = UNSET
        else:
            contact = self.contact

        contact_remote_id: None | str | Unset
        if isinstance(self.contact_remote_id, Unset):
            contact_remote_id = UNSET
        else:
            contact_remote_id = self.contact_remote_id

        tracking_categories: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tracking_categories, Unset):
            tracking_categories = []
            for tracking_categories_item_data in self.tracking_categories:
                tracking_categories_item = tracking_categories_item_data.to_dict()
                tracking_categories.append(tracking_categories_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if remote_id is not UNSET:
            field_dict["remote_id"] = remote_id
        if description is not UNSET:
            field_dict["description"] = description
        if net_amount is not UNSET:
            field_dict["net_amount"] = net_amount
        if debit_amount is not UNSET:
            field_dict["debit_amount"] = debit_amount
        if credit_amount is not UNSET:
            field_dict["credit_amount"] = credit_amount
        if tax_amount is not UNSET:
            field_dict["tax_amount"] = tax_amount
        if gross_amount is not UNSET:
            field_dict["gross_amount"] = gross_amount
        if account is not UNSET:
            field_dict["account"] = account
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
        if account_name is not UNSET:
            field_dict["account_name"] = account_name
        if account_type_raw is not UNSET:
            field_dict["account_type_raw"] = account_type_raw
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if tax_rate_remote_id is not UNSET:
            field_dict["tax_rate_remote_id"] = tax_rate_remote_id
        if contact is not UNSET:
            field_dict["contact"] = contact
        if contact_remote_id is not UNSET:
            field_dict["contact_remote_id"] = contact_remote_id
        if tracking_categories is not UNSET:
            field_dict["tracking_categories"] = tracking_categories

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tracking_category_ref import TrackingCategoryRef  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        remote_id = _parse_remote_id(d.pop("remote_id", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_net_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                net_amount_type_0 = Decimal(data)

                return net_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        net_amount = _parse_net_amount(d.pop("net_amount", UNSET))

        def _parse_debit_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                debit_amount_type_0 = Decimal(data)

                return debit_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        debit_amount = _parse_debit_amount(d.pop("debit_amount", UNSET))

        def _parse_credit_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                credit_amount_type_0 = Decimal(data)

                return credit_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        credit_amount = _parse_credit_amount(d.pop("credit_amount", UNSET))

        def _parse_tax_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                tax_amount_type_0 = Decimal(data)

                return tax_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        tax_amount = _parse_tax_amount(d.pop("tax_amount", UNSET))

        def _parse_gross_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gross_amount_type_0 = Decimal(data)

                return gross_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        gross_amount = _parse_gross_amount(d.pop("gross_amount", UNSET))

        def _parse_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account = _parse_account(d.pop("account", UNSET))

        def _parse_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_remote_id = _parse_account_remote_id(d.pop("account_remote_id", UNSET))

        def _parse_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_code = _parse_account_code(d.pop("account_code", UNSET))

        def _parse_account_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_name = _parse_account_name(d.pop("account_name", UNSET))

        def _parse_account_type_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        account_type_raw = _parse_account_type_raw(d.pop("account_type_raw", UNSET))

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

        def _parse_contact(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact = _parse_contact(d.pop("contact", UNSET))

        def _parse_contact_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_remote_id = _parse_contact_remote_id(d.pop("contact_remote_id", UNSET))

        _tracking_categories = d.pop("tracking_categories", UNSET)
        tracking_categories: list[TrackingCategoryRef] | Unset = UNSET
        if _tracking_categories is not UNSET:
            tracking_categories = []
            for tracking_categories_item_data in _tracking_categories:
                tracking_categories_item = TrackingCategoryRef.from_dict(
                    tracking_categories_item_data
                )

                tracking_categories.append(tracking_categories_item)

        journal_line = cls(
            remote_id=remote_id,
            description=description,
            net_amount=net_amount,
            debit_amount=debit_amount,
            credit_amount=credit_amount,
            tax_amount=tax_amount,
            gross_amount=gross_amount,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            account_name=account_name,
            account_type_raw=account_type_raw,
            tax_rate=tax_rate,
            tax_rate_remote_id=tax_rate_remote_id,
            contact=contact,
            contact_remote_id=contact_remote_id,
            tracking_categories=tracking_categories,
        )

        return journal_line
