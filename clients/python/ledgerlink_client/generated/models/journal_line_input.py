from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tracking_category_ref import TrackingCategoryRef


T = TypeVar("T", bound="JournalLineInput")


@_attrs_define
class JournalLineInput:
    """A journal line on a write: exactly one of ``debit_amount`` and ``credit_amount``, above
    zero. On update the provider replaces the whole list (send every line).

    """

    description: None | str | Unset = UNSET
    """ Description of the journal line. """
    debit_amount: Decimal | float | None | Unset = UNSET
    """ Debit posted to the account (empty on a credit line). A decimal (a string, or a JSON number): at most 12
    digits before the point and 4 after; beyond that the answer is 422. """
    credit_amount: Decimal | float | None | Unset = UNSET
    """ Credit posted to the account (empty on a debit line). A decimal (a string, or a JSON number): at most 12
    digits before the point and 4 after; beyond that the answer is 422. """
    tax_amount: Decimal | float | None | Unset = UNSET
    """ Tax on the line. A decimal (a string, or a JSON number): at most 12 digits before the point and 4 after;
    beyond that the answer is 422. """
    account: None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the gateway resolves it to `account_remote_id`. """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account; or give `account` instead. """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
    tax_rate: None | str | Unset = UNSET
    """ Ledgerlink's id of the tax rate; the gateway resolves it to `tax_rate_remote_id`. """
    tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the tax rate; or give `tax_rate` instead. """
    contact: None | str | Unset = UNSET
    """ Ledgerlink's id of the contact; the gateway resolves it to `contact_remote_id`. """
    contact_remote_id: None | str | Unset = UNSET
    """ The provider's id of the contact; or give `contact` instead. """
    tracking_categories: list[TrackingCategoryRef] | None | Unset = UNSET
    """ Tracking category options (Xero tracking, QuickBooks classes and departments) the line is analysed by. """

    def to_dict(self) -> dict[str, Any]:
        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        debit_amount: float | None | str | Unset
        if isinstance(self.debit_amount, Unset):
            debit_amount = UNSET
        elif isinstance(self.debit_amount, Decimal):
            debit_amount = str(self.debit_amount)
        else:
            debit_amount = self.debit_amount

        credit_amount: float | None | str | Unset
        if isinstance(self.credit_amount, Unset):
            credit_amount = UNSET
        elif isinstance(self.credit_amount, Decimal):
            credit_amount = str(self.credit_amount)
        else:
            credit_amount = self.credit_amount

        tax_amount: float | None | str | Unset
        if isinstance(self.tax_amount, Unset):
            tax_amount = UNSET
        elif isinstance(self.tax_amount, Decimal):
            tax_amount = str(self.tax_amount)
        else:
            tax_amount = self.tax_amount

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

        tracking_categories: list[dict[str, Any]] | None | Unset
        if isinstance(self.tracking_categories, Unset):
            tracking_categories = UNSET
        elif isinstance(self.tracking_categories, list):
            tracking_categories = []
            for tracking_categories_type_0_item_data in self.tracking_categories:
                tracking_categories_type_0_item = tracking_categories_type_0_item_data.to_dict()
                tracking_categories.append(tracking_categories_type_0_item)

        else:
            tracking_categories = self.tracking_categories

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if description is not UNSET:
            field_dict["description"] = description
        if debit_amount is not UNSET:
            field_dict["debit_amount"] = debit_amount
        if credit_amount is not UNSET:
            field_dict["credit_amount"] = credit_amount
        if tax_amount is not UNSET:
            field_dict["tax_amount"] = tax_amount
        if account is not UNSET:
            field_dict["account"] = account
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
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

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_debit_amount(data: object) -> Decimal | float | None | Unset:
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
            return cast(Decimal | float | None | Unset, data)

        debit_amount = _parse_debit_amount(d.pop("debit_amount", UNSET))

        def _parse_credit_amount(data: object) -> Decimal | float | None | Unset:
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
            return cast(Decimal | float | None | Unset, data)

        credit_amount = _parse_credit_amount(d.pop("credit_amount", UNSET))

        def _parse_tax_amount(data: object) -> Decimal | float | None | Unset:
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
            return cast(Decimal | float | None | Unset, data)

        tax_amount = _parse_tax_amount(d.pop("tax_amount", UNSET))

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

        def _parse_tracking_categories(data: object) -> list[TrackingCategoryRef] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tracking_categories_type_0 = []
                _tracking_categories_type_0 = data
                for tracking_categories_type_0_item_data in _tracking_categories_type_0:
                    tracking_categories_type_0_item = TrackingCategoryRef.from_dict(
                        tracking_categories_type_0_item_data
                    )

                    tracking_categories_type_0.append(tracking_categories_type_0_item)

                return tracking_categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TrackingCategoryRef] | None | Unset, data)

        tracking_categories = _parse_tracking_categories(d.pop("tracking_categories", UNSET))

        journal_line_input = cls(
            description=description,
            debit_amount=debit_amount,
            credit_amount=credit_amount,
            tax_amount=tax_amount,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            tax_rate=tax_rate,
            tax_rate_remote_id=tax_rate_remote_id,
            contact=contact,
            contact_remote_id=contact_remote_id,
            tracking_categories=tracking_categories,
        )

        return journal_line_input
