from enum import StrEnum


class PaymentsListOrderBy(StrEnum):
    TOTAL_AMOUNT = "total_amount"
    TRANSACTION_DATE = "transaction_date"
    VALUE_0 = "-total_amount"
    VALUE_1 = "-transaction_date"

    def __str__(self) -> str:
        return str(self.value)
