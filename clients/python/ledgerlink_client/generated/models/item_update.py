from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.item_status import ItemStatus
from ..models.item_type import ItemType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ItemUpdate")


@_attrs_define
class ItemUpdate:
    """POST/PATCH body for items. Quantity on hand is not writable (it follows purchases and
    sales). Xero also needs ``code``; an item becomes tracked inventory there when
    ``inventory_asset_account_code`` and ``purchase_account_code`` (COGS) are set.

    """

    code: None | str | Unset = UNSET
    """ The item's code as users see it at the provider. """
    name: str | Unset = UNSET
    """ Required on create. Name of the item. """
    description: None | str | Unset = UNSET
    """ The sales description. """
    purchase_description: None | str | Unset = UNSET
    """ The description on purchases (bills and purchase orders). """
    type_: ItemType | None | Unset = UNSET
    """ None where the provider does not say (Xero only tells tracked inventory apart). """
    status: ItemStatus | None | Unset = UNSET
    """ Status of the item, mapped to the unified values (see the enum); `status_raw` holds the provider's own. """
    is_sold: bool | None | Unset = UNSET
    """ The item can be sold (has sales details). """
    is_purchased: bool | None | Unset = UNSET
    """ The item can be bought (has purchase details). """
    sale_unit_price: Decimal | float | None | Unset = UNSET
    """ Default price of one unit on sales. A decimal (a string, or a JSON number): at most 12 digits before the
    point and 4 after; beyond that the answer is 422. """
    sale_account: None | str | Unset = UNSET
    """ Ledgerlink's id of the sale account; the gateway resolves it to `sale_account_remote_id`. """
    sale_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the sale account; or give `sale_account` instead. """
    sale_account_code: None | str | Unset = UNSET
    """ Code of the sale account at the provider (Xero refers to accounts and items by code). """
    sale_tax_rate: None | str | Unset = UNSET
    """ Ledgerlink's id of the sale tax rate; the gateway resolves it to `sale_tax_rate_remote_id`. """
    sale_tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the sale tax rate; or give `sale_tax_rate` instead. """
    purchase_unit_price: Decimal | float | None | Unset = UNSET
    """ Default price of one unit on purchases. A decimal (a string, or a JSON number): at most 12 digits before the
    point and 4 after; beyond that the answer is 422. """
    purchase_account: None | str | Unset = UNSET
    """ Ledgerlink's id of the purchase account; the gateway resolves it to `purchase_account_remote_id`. """
    purchase_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the purchase account; or give `purchase_account` instead. """
    purchase_account_code: None | str | Unset = UNSET
    """ Code of the purchase account at the provider (Xero refers to accounts and items by code). """
    purchase_tax_rate: None | str | Unset = UNSET
    """ Ledgerlink's id of the purchase tax rate; the gateway resolves it to `purchase_tax_rate_remote_id`. """
    purchase_tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the purchase tax rate; or give `purchase_tax_rate` instead. """
    inventory_asset_account: None | str | Unset = UNSET
    """ Ledgerlink's id of the inventory asset account; the gateway resolves it to
    `inventory_asset_account_remote_id`. """
    inventory_asset_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the inventory asset account; or give `inventory_asset_account` instead. """
    inventory_asset_account_code: None | str | Unset = UNSET
    """ Code of the inventory asset account at the provider (Xero refers to accounts and items by code). """

    def to_dict(self) -> dict[str, Any]:
        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        purchase_description: None | str | Unset
        if isinstance(self.purchase_description, Unset):
            purchase_description = UNSET
        else:
            purchase_description = self.purchase_description

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ItemType):
            type_ = self.type_.value
        else:
            type_ = self.type_

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, ItemStatus):
            status = self.status.value
        else:
            status = self.status

        is_sold: bool | None | Unset
        if isinstance(self.is_sold, Unset):
            is_sold = UNSET
        else:
            is_sold = self.is_sold

        is_purchased: bool | None | Unset
        if isinstance(self.is_purchased, Unset):
            is_purchased = UNSET
        else:
            is_purchased = self.is_purchased

        sale_unit_price: float | None | str | Unset
        if isinstance(self.sale_unit_price, Unset):
            sale_unit_price = UNSET
        elif isinstance(self.sale_unit_price, Decimal):
            sale_unit_price = str(self.sale_unit_price)
        else:
            sale_unit_price = self.sale_unit_price

        sale_account: None | str | Unset
        if isinstance(self.sale_account, Unset):
            sale_account = UNSET
        else:
            sale_account = self.sale_account

        sale_account_remote_id: None | str | Unset
        if isinstance(self.sale_account_remote_id, Unset):
            sale_account_remote_id = UNSET
        else:
            sale_account_remote_id = self.sale_account_remote_id

        sale_account_code: None | str | Unset
        if isinstance(self.sale_account_code, Unset):
            sale_account_code = UNSET
        else:
            sale_account_code = self.sale_account_code

        sale_tax_rate: None | str | Unset
        if isinstance(self.sale_tax_rate, Unset):
            sale_tax_rate = UNSET
        else:
            sale_tax_rate = self.sale_tax_rate

        sale_tax_rate_remote_id: None | str | Unset
        if isinstance(self.sale_tax_rate_remote_id, Unset):
            sale_tax_rate_remote_id = UNSET
        else:
            sale_tax_rate_remote_id = self.sale_tax_rate_remote_id

        purchase_unit_price: float | None | str | Unset
        if isinstance(self.purchase_unit_price, Unset):
            purchase_unit_price = UNSET
        elif isinstance(self.purchase_unit_price, Decimal):
            purchase_unit_price = str(self.purchase_unit_price)
        else:
            purchase_unit_price = self.purchase_unit_price

        purchase_account: None | str | Unset
        if isinstance(self.purchase_account, Unset):
            purchase_account = UNSET
        else:
            purchase_account = self.purchase_account

        purchase_account_remote_id: None | str | Unset
        if isinstance(self.purchase_account_remote_id, Unset):
            purchase_account_remote_id = UNSET
        else:
            purchase_account_remote_id = self.purchase_account_remote_id

        purchase_account_code: None | str | Unset
        if isinstance(self.purchase_account_code, Unset):
            purchase_account_code = UNSET
        else:
            purchase_account_code = self.purchase_account_code

        purchase_tax_rate: None | str | Unset
        if isinstance(self.purchase_tax_rate, Unset):
            purchase_tax_rate = UNSET
        else:
            purchase_tax_rate = self.purchase_tax_rate

        purchase_tax_rate_remote_id: None | str | Unset
        if isinstance(self.purchase_tax_rate_remote_id, Unset):
            purchase_tax_rate_remote_id = UNSET
        else:
            purchase_tax_rate_remote_id = self.purchase_tax_rate_remote_id

        inventory_asset_account: None | str | Unset
        if isinstance(self.inventory_asset_account, Unset):
            inventory_asset_account = UNSET
        else:
            inventory_asset_account = self.inventory_asset_account

        inventory_asset_account_remote_id: None | str | Unset
        if isinstance(self.inventory_asset_account_remote_id, Unset):
            inventory_asset_account_remote_id = UNSET
        else:
            inventory_asset_account_remote_id = self.inventory_asset_account_remote_id

        inventory_asset_account_code: None | str | Unset
        if isinstance(self.inventory_asset_account_code, Unset):
            inventory_asset_account_code = UNSET
        else:
            inventory_asset_account_code = self.inventory_asset_account_code

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if code is not UNSET:
            field_dict["code"] = code
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if purchase_description is not UNSET:
            field_dict["purchase_description"] = purchase_description
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if is_sold is not UNSET:
            field_dict["is_sold"] = is_sold
        if is_purchased is not UNSET:
            field_dict["is_purchased"] = is_purchased
        if sale_unit_price is not UNSET:
            field_dict["sale_unit_price"] = sale_unit_price
        if sale_account is not UNSET:
            field_dict["sale_account"] = sale_account
        if sale_account_remote_id is not UNSET:
            field_dict["sale_account_remote_id"] = sale_account_remote_id
        if sale_account_code is not UNSET:
            field_dict["sale_account_code"] = sale_account_code
        if sale_tax_rate is not UNSET:
            field_dict["sale_tax_rate"] = sale_tax_rate
        if sale_tax_rate_remote_id is not UNSET:
            field_dict["sale_tax_rate_remote_id"] = sale_tax_rate_remote_id
        if purchase_unit_price is not UNSET:
            field_dict["purchase_unit_price"] = purchase_unit_price
        if purchase_account is not UNSET:
            field_dict["purchase_account"] = purchase_account
        if purchase_account_remote_id is not UNSET:
            field_dict["purchase_account_remote_id"] = purchase_account_remote_id
        if purchase_account_code is not UNSET:
            field_dict["purchase_account_code"] = purchase_account_code
        if purchase_tax_rate is not UNSET:
            field_dict["purchase_tax_rate"] = purchase_tax_rate
        if purchase_tax_rate_remote_id is not UNSET:
            field_dict["purchase_tax_rate_remote_id"] = purchase_tax_rate_remote_id
        if inventory_asset_account is not UNSET:
            field_dict["inventory_asset_account"] = inventory_asset_account
        if inventory_asset_account_remote_id is not UNSET:
            field_dict["inventory_asset_account_remote_id"] = inventory_asset_account_remote_id
        if inventory_asset_account_code is not UNSET:
            field_dict["inventory_asset_account_code"] = inventory_asset_account_code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        name = d.pop("name", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_purchase_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_description = _parse_purchase_description(d.pop("purchase_description", UNSET))

        def _parse_type_(data: object) -> ItemType | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = ItemType(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemType | None | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_status(data: object) -> ItemStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = ItemStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemStatus | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_is_sold(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_sold = _parse_is_sold(d.pop("is_sold", UNSET))

        def _parse_is_purchased(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        is_purchased = _parse_is_purchased(d.pop("is_purchased", UNSET))

        def _parse_sale_unit_price(data: object) -> Decimal | float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sale_unit_price_type_0 = Decimal(data)

                return sale_unit_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | float | None | Unset, data)

        sale_unit_price = _parse_sale_unit_price(d.pop("sale_unit_price", UNSET))

        def _parse_sale_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sale_account = _parse_sale_account(d.pop("sale_account", UNSET))

        def _parse_sale_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sale_account_remote_id = _parse_sale_account_remote_id(
            d.pop("sale_account_remote_id", UNSET)
        )

        def _parse_sale_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sale_account_code = _parse_sale_account_code(d.pop("sale_account_code", UNSET))

        def _parse_sale_tax_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sale_tax_rate = _parse_sale_tax_rate(d.pop("sale_tax_rate", UNSET))

        def _parse_sale_tax_rate_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sale_tax_rate_remote_id = _parse_sale_tax_rate_remote_id(
            d.pop("sale_tax_rate_remote_id", UNSET)
        )

        def _parse_purchase_unit_price(data: object) -> Decimal | float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                purchase_unit_price_type_0 = Decimal(data)

                return purchase_unit_price_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | float | None | Unset, data)

        purchase_unit_price = _parse_purchase_unit_price(d.pop("purchase_unit_price", UNSET))

        def _parse_purchase_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_account = _parse_purchase_account(d.pop("purchase_account", UNSET))

        def _parse_purchase_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_account_remote_id = _parse_purchase_account_remote_id(
            d.pop("purchase_account_remote_id", UNSET)
        )

        def _parse_purchase_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_account_code = _parse_purchase_account_code(d.pop("purchase_account_code", UNSET))

        def _parse_purchase_tax_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_tax_rate = _parse_purchase_tax_rate(d.pop("purchase_tax_rate", UNSET))

        def _parse_purchase_tax_rate_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purchase_tax_rate_remote_id = _parse_purchase_tax_rate_remote_id(
            d.pop("purchase_tax_rate_remote_id", UNSET)
        )

        def _parse_inventory_asset_account(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        inventory_asset_account = _parse_inventory_asset_account(
            d.pop("inventory_asset_account", UNSET)
        )

        def _parse_inventory_asset_account_remote_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        inventory_asset_account_remote_id = _parse_inventory_asset_account_remote_id(
            d.pop("inventory_asset_account_remote_id", UNSET)
        )

        def _parse_inventory_asset_account_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        inventory_asset_account_code = _parse_inventory_asset_account_code(
            d.pop("inventory_asset_account_code", UNSET)
        )

        item_update = cls(
            code=code,
            name=name,
            description=description,
            purchase_description=purchase_description,
            type_=type_,
            status=status,
            is_sold=is_sold,
            is_purchased=is_purchased,
            sale_unit_price=sale_unit_price,
            sale_account=sale_account,
            sale_account_remote_id=sale_account_remote_id,
            sale_account_code=sale_account_code,
            sale_tax_rate=sale_tax_rate,
            sale_tax_rate_remote_id=sale_tax_rate_remote_id,
            purchase_unit_price=purchase_unit_price,
            purchase_account=purchase_account,
            purchase_account_remote_id=purchase_account_remote_id,
            purchase_account_code=purchase_account_code,
            purchase_tax_rate=purchase_tax_rate,
            purchase_tax_rate_remote_id=purchase_tax_rate_remote_id,
            inventory_asset_account=inventory_asset_account,
            inventory_asset_account_remote_id=inventory_asset_account_remote_id,
            inventory_asset_account_code=inventory_asset_account_code,
        )

        return item_update
