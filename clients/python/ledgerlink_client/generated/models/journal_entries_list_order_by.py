from enum import StrEnum


class JournalEntriesListOrderBy(StrEnum):
    NUMBER = "number"
    TOTAL_DEBIT = "total_debit"
    TRANSACTION_DATE = "transaction_date"
    VALUE_0 = "-number"
    VALUE_1 = "-total_debit"
    VALUE_2 = "-transaction_date"

    def __str__(self) -> str:
        return str(self.value)
