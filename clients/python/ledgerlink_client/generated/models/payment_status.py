from enum import StrEnum


class PaymentStatus(StrEnum):
    POSTED = "POSTED"
    VOID = "VOID"

    def __str__(self) -> str:
        return str(self.value)
