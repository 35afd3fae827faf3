from enum import StrEnum


class BankTransfersRetrieveExpand(StrEnum):
    FROM_ACCOUNT = "from_account"
    TO_ACCOUNT = "to_account"

    def __str__(self) -> str:
        return str(self.value)
