from enum import StrEnum


class InvoicesSummaryGroupBy(StrEnum):
    CONTACT = "contact"
    CURRENCY = "currency"
    MONTH = "month"
    STATUS = "status"

    def __str__(self) -> str:
        return str(self.value)
