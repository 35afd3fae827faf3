from enum import StrEnum


class RelatedObjectType(StrEnum):
    CREDIT_NOTE = "CREDIT_NOTE"
    INVOICE = "INVOICE"
    OVERPAYMENT = "OVERPAYMENT"
    PREPAYMENT = "PREPAYMENT"

    def __str__(self) -> str:
        return str(self.value)
