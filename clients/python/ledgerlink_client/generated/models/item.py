from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.item_status import ItemStatus
from ..models.item_type import ItemType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.account import Account
    from ..models.item_remote_data_type_0 import ItemRemoteDataType0
    from ..models.tax_rate import TaxRate


T = TypeVar("T", bound="Item")


@_attrs_define
class Item:
    remote_id: str
    """ The provider's id of the item. """
    id: UUID
    """ Ledgerlink's id of the record (stable). """
    created_at: datetime.datetime
    """ When Ledgerlink first stored the record. """
    modified_at: datetime.datetime
    """ When Ledgerlink last changed the record. """
    remote_updated_at: datetime.datetime | None | Unset = UNSET
    """ When the item last changed at the provider. """
    remote_was_deleted: bool | Unset = False
    """ The item was deleted (or archived) at the provider; Ledgerlink keeps it, marked, so deletions reach clients.
    """
    remote_data: ItemRemoteDataType0 | None | Unset = UNSET
    """ The provider's raw record (Decimal numbers, provider date strings); only exposed by the
    gateway with ``include_remote_data=true``. """
    code: None | str | Unset = UNSET
    """ The item's code as users see it at the provider. """
    name: None | str | Unset = UNSET
    """ Name of the item. """
    description: None | str | Unset = UNSET
    """ The sales description. """
    purchase_description: None | str | Unset = UNSET
    """ The description on purchases (bills and purchase orders). """
    type_: ItemType | None | Unset = UNSET
    """ None where the provider does not say (Xero only tells tracked inventory apart). """
    status: ItemStatus | None | Unset = UNSET
    """ Status of the item, mapped to the unified values (see the enum); `status_raw` holds the provider's own. """
    status_raw: None | str | Unset = UNSET
    """ The provider's own value behind `status`, unmapped. """
    is_sold: bool | None | Unset = UNSET
    """ The item can be sold (has sales details). """
    is_purchased: bool | None | Unset = UNSET
    """ The item can be bought (has purchase details). """
    is_tracked_as_inventory: bool | Unset = False
    """ The provider tracks the item's quantity on hand. """
    quantity_on_hand: Decimal | None | Unset = UNSET
    """ Quantity in stock, for items tracked as inventory. """
    sale_unit_price: Decimal | None | Unset = UNSET
    """ Default price of one unit on sales. """
    sale_account: Account | None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the account itself with `expand=sale_account`. """
    sale_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the sale account. """
    sale_account_code: None | str | Unset = UNSET
    """ Code of the sale account at the provider (Xero refers to accounts and items by code). """
    sale_tax_rate: None | str | TaxRate | Unset = UNSET
    """ Ledgerlink's id of the tax_rate; the tax_rate itself with `expand=sale_tax_rate`. """
    sale_tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the sale tax rate. """
    purchase_unit_price: Decimal | None | Unset = UNSET
    """ Default price of one unit on purchases. """
    purchase_account: Account | None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the account itself with `expand=purchase_account`. """
    purchase_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the purchase account. """
    purchase_account_code: None | str | Unset = UNSET
    """ Code of the purchase account at the provider (Xero refers to accounts and items by code). """
    purchase_tax_rate: None | str | TaxRate | Unset = UNSET
    """ Ledgerlink's id of the tax_rate; the tax_rate itself with `expand=purchase_tax_rate`. """
    purchase_tax_rate_remote_id: None | str | Unset = UNSET
    """ The provider's id of the purchase tax rate. """
    inventory_asset_account: Account | None | str | Unset = UNSET
    """ Ledgerlink's id of the account; the account itself with `expand=inventory_asset_account`. """
    inventory_asset_account_remote_id: None | str | Unset = UNSET
    """ The provider's id of the inventory asset account. """
    inventory_asset_account_code: None | str | Unset = UNSET
    """ Code of the inventory asset account at the provider (Xero refers to accounts and items by code). """

    def to_dict(self) -> dict[str, Any]:
        from ..models.account import Account  # noqa: PLC0415
        from ..models.item_remote_data_type_0 import ItemRemoteDataType0  # noqa: PLC0415
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
        elif isinstance(self.remote_data, ItemRemoteDataType0):
            remote_data = self.remote_data.to_dict()
        else:
            remote_data = self.remote_data

        code: None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
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

        status_raw: None | str | Unset
        if isinstance(self.status_raw, Unset):
            status_raw = UNSET
        else:
            status_raw = self.status_raw

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

        is_tracked_as_inventory = self.is_tracked_as_inventory

        quantity_on_hand: None | str | Unset
        if isinstance(self.quantity_on_hand, Unset):
            quantity_on_hand = UNSET
        elif isinstance(self.quantity_on_hand, Decimal):
            quantity_on_hand = str(self.quantity_on_hand)
        else:
            quantity_on_hand = self.quantity_on_hand

        sale_unit_price: None | str | Unset
        if isinstance(self.sale_unit_price, Unset):
            sale_unit_price = UNSET
        elif isinstance(self.sale_unit_price, Decimal):
            sale_unit_price = str(self.sale_unit_price)
        else:
            sale_unit_price = self.sale_unit_price

        sale_account: dict[str, Any] | None | str | Unset
        if isinstance(self.sale_account, Unset):
            sale_account = UNSET
        elif isinstance(self.sale_account, Account):
            sale_account = self.sale_account.to_dict()
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

        sale_tax_rate: dict[str, Any] | None | str | Unset
        if isinstance(self.sale_tax_rate, Unset):
            sale_tax_rate = UNSET
        elif isinstance(self.sale_tax_rate, TaxRate):
            sale_tax_rate = self.sale_tax_rate.to_dict()
        else:
            sale_tax_rate = self.sale_tax_rate

        sale_tax_rate_remote_id: None | str | Unset
        if isinstance(self.sale_tax_rate_remote_id, Unset):
            sale_tax_rate_remote_id = UNSET
        else:
            sale_tax_rate_remote_id = self.sale_tax_rate_remote_id

        purchase_unit_price: None | str | Unset
        if isinstance(self.purchase_unit_price, Unset):
            purchase_unit_price = UNSET
        elif isinstance(self.purchase_unit_price, Decimal):
            purchase_unit_price = str(self.purchase_unit_price)
        else:
            purchase_unit_price = self.purchase_unit_price

        purchase_account: dict[str, Any] | None | str | Unset
        if isinstance(self.purchase_account, Unset):
            purchase_account = UNSET
        elif isinstance(self.purchase_account, Account):
            purchase_account = self.purchase_account.to_dict()
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

        purchase_tax_rate: dict[str, Any] | None | str | Unset
        if isinstance(self.purchase_tax_rate, Unset):
            purchase_tax_rate = UNSET
        elif isinstance(self.purchase_tax_rate, TaxRate):
            purchase_tax_rate = self.purchase_tax_rate.to_dict()
        else:
            purchase_tax_rate = self.purchase_tax_rate

        purchase_tax_rate_remote_id: None | str | Unset
        if isinstance(self.purchase_tax_rate_remote_id, Unset):
            purchase_tax_rate_remote_id = UNSET
        else:
            purchase_tax_rate_remote_id = self.purchase_tax_rate_remote_id

        inventory_asset_account: dict[str, Any] | None | str | Unset
        if isinstance(self.inventory_asset_account, Unset):
            inventory_asset_account = UNSET
        elif isinstance(self.inventory_asset_account, Account):
            inventory_asset_account = self.inventory_asset_account.to_dict()
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
        if status_raw is not UNSET:
            field_dict["status_raw"] = status_raw
        if is_sold is not UNSET:
            field_dict["is_sold"] = is_sold
        if is_purchased is not UNSET:
            field_dict["is_purchased"] = is_purchased
        if is_tracked_as_inventory is not UNSET:
            field_dict["is_tracked_as_inventory"] = is_tracked_as_inventory
        if quantity_on_hand is not UNSET:
            field_dict["quantity_on_hand"] = quantity_on_hand
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
        from ..models.account import Account  # noqa: PLC0415
        from ..models.item_remote_data_type_0 import ItemRemoteDataType0  # noqa: PLC0415
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

        def _parse_remote_data(data: object) -> ItemRemoteDataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                remote_data_type_0 = ItemRemoteDataType0.from_dict(data)

                return remote_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ItemRemoteDataType0 | None | Unset, data)

        remote_data = _parse_remote_data(d.pop("remote_data", UNSET))

        def _parse_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

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

        def _parse_status_raw(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status_raw = _parse_status_raw(d.pop("status_raw", UNSET))

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

        is_tracked_as_inventory = d.pop("is_tracked_as_inventory", UNSET)

        def _parse_quantity_on_hand(data: object) -> Decimal | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                quantity_on_hand_type_0 = Decimal(data)

                return quantity_on_hand_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Decimal | None | Unset, data)

        quantity_on_hand = _parse_quantity_on_hand(d.pop("quantity_on_hand", UNSET))

        def _parse_sale_unit_price(data: object) -> Decimal | None | Unset:
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
            return cast(Decimal | None | Unset, data)

        sale_unit_price = _parse_sale_unit_price(d.pop("sale_unit_price", UNSET))

        def _parse_sale_account(data: object) -> Account | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sale_account_type_1 = Account.from_dict(data)

                return sale_account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Account | None | str | Unset, data)

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

        def _parse_sale_tax_rate(data: object) -> None | str | TaxRate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sale_tax_rate_type_1 = TaxRate.from_dict(data)

                return sale_tax_rate_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | str | TaxRate | Unset, data)

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

        def _parse_purchase_unit_price(data: object) -> Decimal | None | Unset:
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
            return cast(Decimal | None | Unset, data)

        purchase_unit_price = _parse_purchase_unit_price(d.pop("purchase_unit_price", UNSET))

        def _parse_purchase_account(data: object) -> Account | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                purchase_account_type_1 = Account.from_dict(data)

                return purchase_account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Account | None | str | Unset, data)

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

        def _parse_purchase_tax_rate(data: object) -> None | str | TaxRate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                purchase_tax_rate_type_1 = TaxRate.from_dict(data)

                return purchase_tax_rate_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | str | TaxRate | Unset, data)

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

        def _parse_inventory_asset_account(data: object) -> Account | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                inventory_asset_account_type_1 = Account.from_dict(data)

                return inventory_asset_account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Account | None | str | Unset, data)

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

        item = cls(
            remote_id=remote_id,
            id=id,
            created_at=created_at,
            modified_at=modified_at,
            remote_updated_at=remote_updated_at,
            remote_was_deleted=remote_was_deleted,
            remote_data=remote_data,
            code=code,
            name=name,
            description=description,
            purchase_description=purchase_description,
            type_=type_,
            status=status,
            status_raw=status_raw,
            is_sold=is_sold,
            is_purchased=is_purchased,
            is_tracked_as_inventory=is_tracked_as_inventory,
            quantity_on_hand=quantity_on_hand,
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

        return item
