from enum import StrEnum


class PaymentType(StrEnum):
    ACCOUNTS_PAYABLE = "ACCOUNTS_PAYABLE"
    ACCOUNTS_RECEIVABLE = "ACCOUNTS_RECEIVABLE"

    def __str__(self) -> str:
        return str(self.value)
