from enum import StrEnum


class PaymentMethod(StrEnum):
    BANK = "BANK"
    CASH = "CASH"
    CHECK = "CHECK"
    CREDIT_CARD = "CREDIT_CARD"

    def __str__(self) -> str:
        return str(self.value)
