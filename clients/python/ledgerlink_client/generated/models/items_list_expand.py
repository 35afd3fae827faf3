from enum import StrEnum


class ItemsListExpand(StrEnum):
    INVENTORY_ASSET_ACCOUNT = "inventory_asset_account"
    PURCHASE_ACCOUNT = "purchase_account"
    PURCHASE_TAX_RATE = "purchase_tax_rate"
    SALE_ACCOUNT = "sale_account"
    SALE_TAX_RATE = "sale_tax_rate"

    def __str__(self) -> str:
        return str(self.value)
