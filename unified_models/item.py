"""Item (products and services) and its write input.

Account references come as the provider id (``*_account_remote_id``) and, where the provider
refers to accounts by code (Xero items), as ``*_account_code``.
"""

from __future__ import annotations

from typing import ClassVar

from .bounds import InputAmount
from .catalogue import CatalogueEntry, Filter, Reference
from .common import UnifiedInput, UnifiedRecord
from .enums import ItemStatus, ItemType
from .examples import INPUTS as _INPUTS
from .examples import ITEM as _EXAMPLE
from .types import Money, Rate

__all__ = ["Item", "ItemInput"]


class Item(UnifiedRecord):
    code: str | None = None
    name: str | None = None
    description: str | None = None
    """The sales description."""
    purchase_description: str | None = None
    """The description on purchases (bills and purchase orders)."""
    type: ItemType | None = None
    """None where the provider does not say (Xero only tells tracked inventory apart)."""
    status: ItemStatus | None = None
    status_raw: str | None = None
    is_sold: bool | None = None
    """The item can be sold (has sales details)."""
    is_purchased: bool | None = None
    """The item can be bought (has purchase details)."""
    is_tracked_as_inventory: bool = False
    """The provider tracks the item's quantity on hand."""
    quantity_on_hand: Rate | None = None
    """Quantity in stock, for items tracked as inventory."""

    sale_unit_price: Money | None = None
    """Default price of one unit on sales."""
    sale_account: str | None = None  # gateway id, filled by the gateway
    sale_account_remote_id: str | None = None
    sale_account_code: str | None = None
    sale_tax_rate: str | None = None  # gateway id, filled by the gateway
    sale_tax_rate_remote_id: str | None = None

    purchase_unit_price: Money | None = None
    """Default price of one unit on purchases."""
    purchase_account: str | None = None  # gateway id, filled by the gateway
    """For tracked inventory, the cost of goods sold account."""
    purchase_account_remote_id: str | None = None
    purchase_account_code: str | None = None
    purchase_tax_rate: str | None = None  # gateway id, filled by the gateway
    purchase_tax_rate_remote_id: str | None = None

    inventory_asset_account: str | None = None  # gateway id, filled by the gateway
    inventory_asset_account_remote_id: str | None = None
    inventory_asset_account_code: str | None = None


class ItemInput(UnifiedInput):
    """POST/PATCH body for items. Quantity on hand is not writable (it follows purchases and
    sales). Xero also needs ``code``; an item becomes tracked inventory there when
    ``inventory_asset_account_code`` and ``purchase_account_code`` (COGS) are set."""

    CREATE_REQUIRED: ClassVar[tuple[str, ...]] = ("name",)

    code: str | None = None
    name: str | None = None
    description: str | None = None
    purchase_description: str | None = None
    type: ItemType | None = None
    status: ItemStatus | None = None
    is_sold: bool | None = None
    is_purchased: bool | None = None

    sale_unit_price: InputAmount = None
    sale_account: str | None = None
    sale_account_remote_id: str | None = None
    sale_account_code: str | None = None
    sale_tax_rate: str | None = None
    sale_tax_rate_remote_id: str | None = None

    purchase_unit_price: InputAmount = None
    purchase_account: str | None = None
    purchase_account_remote_id: str | None = None
    purchase_account_code: str | None = None
    purchase_tax_rate: str | None = None
    purchase_tax_rate_remote_id: str | None = None

    inventory_asset_account: str | None = None
    inventory_asset_account_remote_id: str | None = None
    inventory_asset_account_code: str | None = None


ITEM = CatalogueEntry(
    name="item",
    plural="items",
    record=Item,
    input=ItemInput,
    operations=frozenset({"list", "get", "create", "update"}),
    references=(
        Reference("sale_account", "account"),
        Reference("sale_tax_rate", "tax_rate"),
        Reference("purchase_account", "account"),
        Reference("purchase_tax_rate", "tax_rate"),
        Reference("inventory_asset_account", "account"),
    ),
    filters=(
        Filter("type", "type", "choice", "in", choices=ItemType),
        Filter("status", "status", "choice", "in", choices=ItemStatus),
        Filter("q", "search", "search", help="Case-insensitive text in the name or code."),
    ),
    search=("name", "code"),
    ordering=("name",),
    example=_EXAMPLE,
    input_example=_INPUTS["item"],
    description="Products and services sold or bought.",
)
