from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tracking_category_ref import TrackingCategoryRef


T = TypeVar("T", bound="InvoiceLineItem")


@_attrs_define
class InvoiceLineItem:
    remote_id: None | str | Unset = UNSET
    """ The provider's id of the invoice line item. """
    description: None | str | Unset = UNSET
    """ Description of the invoice line item. """
    quantity: Decimal | None | Unset = UNSET
    """ Quantity (1 when empty). """
    unit_price: Decimal | None | Unset = UNSET
    """ Price of one unit, before discount. """
    discount: Decimal | None | Unset = UNSET
    """ Discount as an amount (Xero DiscountAmount). """
    discount_rate: Decimal | None | Unset = UNSET
    """ Discount as a percentage (Xero DiscountRate). """
    tax_amount: Decimal | None | Unset = UNSET
    """ Tax on the line. """
    total_amount: Decimal | None | Unset = UNSET
    """ The line amount as the provider reports it (net or gross per the invoice's tax_treatment). """
    account: None | str | Unset = UNSET
    """ Ledgerlink's id of the account (from `account_remote_id`). """
    account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the account. """
    account_code: None | str | Unset = UNSET
    """ Code of the account at the provider (Xero refers to accounts and items by code). """
    item: None | str | Unset = UNSET
    """ Ledgerlink's id of the item (from `item_remote_id`). """
    item_remote_id: None | str | Unset = UNSET
    """ The provider's id of the item. """
    item_code: None | str | Unset = UNSET
    """ Code of the item at the provider (Xero refers to accounts and items by code). """
    tax_rate: None | str | Unset = UNSET
    """ Ledgerlink's id of the tax rate (from `tax_rate_remote_id`). """
    tax_rate_remote_id: None | str | Unset = UNSET
    """ Provider tax rate identifier (Xero TaxType code). """
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

        quantity: None | str | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        elif isinstance(self.quantity, Decimal):
            quantity = str(self.quantity)
        else:
            quantity = self.quantity

        unit_price: None | str | Unset
        if isinstance(self.unit_price, Unset):
            unit_price = UNSET
        elif isinstance(self.unit_price, Decimal):
            unit_price = str(self.unit_price)
        else:
            unit_price = self.unit_price

        discount: None | str | Unset
        if isinstance(self.discount, Unset):
            discount = UNSET
        elif isinstance(self.discount, Decimal):
            discount = str(self.discount)
        else:
            discount = self.discount

        discount_rate: None | str | Unset
        if isinstance(self.discount_rate, Unset):
            discount_rate = UNSET
        elif isinstance(self.discount_rate, Decimal):
            discount_rate = str(self.discount_rate)
        else:
            discount_rate = self.discount_rate

        tax_amount: None | str | Unset
        if isinstance(self.tax_amount, Unset):
            tax_amount = UNSET
        elif isinstance(self.tax_amount, Decimal):
            tax_amount = str(self.tax_amount)
        else:
            tax_amount = self.tax_amount

        total_amount: None | str | Unset
        if isinstance(self.total_amount, Unset):
            total_amount = UNSET
        elif isinstance(self.total_amount, Decimal):
            total_amount = str(self.total_amount)
        else:
            total_amount = self.total_amount

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

        item: None | str | Unset
        if isinstance(self.item, Unset):
            item = UNSET
        else:
            item = self.item

        item_remote_id: None | str | Unset
        if isinstance(self.item_remote_id, Unset):
            item_remote_id = UNSET
        else:
            item_remote_id = self.item_remote_id

        item_code: None | str | Unset
        if isinstance(self.item_code, Unset):
            item_code = UNSET
        else:
            item_code = self.item_code

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
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if unit_price is not UNSET:
            field_dict["unit_price"] = unit_price
        if discount is not UNSET:
            field_dict["discount"] = discount
        if discount_rate is not UNSET:
            field_dict["discount_rate"] = discount_rate
        if tax_amount is not UNSET:
            field_dict["tax_amount"] = tax_amount
        if total_amount is not UNSET:
            field_dict["total_amount"] = total_amount
        if account is not UNSET:
            field_dict["account"] = account
        if account_remote_id is not UNSET:
            field_dict["account_remote_id"] = account_remote_id
        if account_code is not UNSET:
            field_dict["account_code"] = account_code
        if item is not UNSET:
            field_dict["item"] = item
        if item_remote_id is not UNSET:
            field_dict["item_remote_id"] = item_remote_id
        if item_code is not UNSET:
            field_dict["item_code"] = item_code
        if tax_rate is not UNSET:
            field_dict["tax_rate"] = tax_rate
        if tax_rate_remote_id is not UNSET:
            field_dict["tax_rate_remote_id"] = tax_rate_remote_id
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

        def _parse_quantity(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                quantity_type_0 = Decimal(data)

                return quantity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_unit_price(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                unit_price_type_0 = Decimal(data)

                return unit_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        unit_price = _parse_unit_price(d.pop("unit_price", UNSET))

        def _parse_discount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discount_type_0 = Decimal(data)

                return discount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        discount = _parse_discount(d.pop("discount", UNSET))

        def _parse_discount_rate(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                discount_rate_type_0 = Decimal(data)

                return discount_rate_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        discount_rate = _parse_discount_rate(d.pop("discount_rate", UNSET))

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

        def _parse_total_amount(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                total_amount_type_0 = Decimal(data)

                return total_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        total_amount = _parse_total_amount(d.pop("total_amount", UNSET))

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

        def _parse_item(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        item = _parse_item(d.pop("item", UNSET))

        def _parse_item_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        item_remote_id = _parse_item_remote_id(d.pop("item_remote_id", UNSET))

        def _parse_item_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        item_code = _parse_item_code(d.pop("item_code", UNSET))

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

        _tracking_categories = d.pop("tracking_categories", UNSET)
        tracking_categories: list[TrackingCategoryRef] | Unset = UNSET
        if _tracking_categories is not UNSET:
            tracking_categories = []
            for tracking_categories_item_data in _tracking_categories:
                tracking_categories_item = TrackingCategoryRef.from_dict(
                    tracking_categories_item_data
                )

                tracking_categories.append(tracking_categories_item)

        invoice_line_item = cls(
            remote_id=remote_id,
            description=description,
            quantity=quantity,
            unit_price=unit_price,
            discount=discount,
            discount_rate=discount_rate,
            tax_amount=tax_amount,
            total_amount=total_amount,
            account=account,
            account_remote_id=account_remote_id,
            account_code=account_code,
            item=item,
            item_remote_id=item_remote_id,
            item_code=item_code,
            tax_rate=tax_rate,
            tax_rate_remote_id=tax_rate_remote_id,
            tracking_categories=tracking_categories,
        )

        return invoice_line_item
