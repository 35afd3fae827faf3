from enum import StrEnum


class InvoicesListOrderBy(StrEnum):
    BALANCE = "balance"
    DUE_DATE = "due_date"
    ISSUE_DATE = "issue_date"
    NUMBER = "number"
    TOTAL_AMOUNT = "total_amount"
    VALUE_0 = "-balance"
    VALUE_1 = "-due_date"
    VALUE_2 = "-issue_date"
    VALUE_3 = "-number"
    VALUE_4 = "-total_amount"

    def __str__(self) -> str:
        return str(self.value)
