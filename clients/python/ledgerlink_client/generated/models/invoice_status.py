from enum import StrEnum


class InvoiceStatus(StrEnum):
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    PAID = "PAID"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    SUBMITTED = "SUBMITTED"
    VOID = "VOID"

    def __str__(self) -> str:
        return str(self.value)
