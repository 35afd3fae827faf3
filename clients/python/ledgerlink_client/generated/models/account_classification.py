from enum import StrEnum


class AccountClassification(StrEnum):
    ASSET = "ASSET"
    EQUITY = "EQUITY"
    EXPENSE = "EXPENSE"
    LIABILITY = "LIABILITY"
    REVENUE = "REVENUE"

    def __str__(self) -> str:
        return str(self.value)
