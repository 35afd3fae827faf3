from enum import StrEnum


class ExpensesListOrderBy(StrEnum):
    NUMBER = "number"
    TOTAL_AMOUNT = "total_amount"
    TRANSACTION_DATE = "transaction_date"
    VALUE_0 = "-number"
    VALUE_1 = "-total_amount"
    VALUE_2 = "-transaction_date"

    def __str__(self) -> str:
        return str(self.value)
