from enum import StrEnum


class BankTransfersListOrderBy(StrEnum):
    AMOUNT = "amount"
    TRANSACTION_DATE = "transaction_date"
    VALUE_0 = "-amount"
    VALUE_1 = "-transaction_date"

    def __str__(self) -> str:
        return str(self.value)
