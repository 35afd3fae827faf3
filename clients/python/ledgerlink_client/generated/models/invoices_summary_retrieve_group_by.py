from enum import StrEnum


class InvoicesSummaryRetrieveGroupBy(StrEnum):
    CONTACT = "contact"
    CURRENCY = "currency"
    MONTH = "month"
    STATUS = "status"

    def __str__(self) -> str:
        return str(self.value)
