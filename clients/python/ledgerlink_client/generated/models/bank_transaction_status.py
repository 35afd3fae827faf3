from enum import StrEnum


class BankTransactionStatus(StrEnum):
    DELETED = "DELETED"
    POSTED = "POSTED"
    VOID = "VOID"

    def __str__(self) -> str:
        return str(self.value)
