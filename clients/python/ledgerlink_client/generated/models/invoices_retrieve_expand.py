from enum import StrEnum


class InvoicesRetrieveExpand(StrEnum):
    CONTACT = "contact"
    LINE_ITEMS_ACCOUNT = "line_items.account"
    LINE_ITEMS_ITEM = "line_items.item"
    LINE_ITEMS_TAX_RATE = "line_items.tax_rate"
    LINE_ITEMS_TRACKING_CATEGORIES_CATEGORY = "line_items.tracking_categories.category"
    PAYMENTS = "payments"

    def __str__(self) -> str:
        return str(self.value)
