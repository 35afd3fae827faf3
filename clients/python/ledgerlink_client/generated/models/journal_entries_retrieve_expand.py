from enum import StrEnum


class JournalEntriesRetrieveExpand(StrEnum):
    LINES_ACCOUNT = "lines.account"
    LINES_CONTACT = "lines.contact"
    LINES_TAX_RATE = "lines.tax_rate"
    LINES_TRACKING_CATEGORIES_CATEGORY = "lines.tracking_categories.category"

    def __str__(self) -> str:
        return str(self.value)
