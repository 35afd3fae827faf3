from enum import StrEnum


class CreditNotesListOrderBy(StrEnum):
    ISSUE_DATE = "issue_date"
    NUMBER = "number"
    REMAINING_CREDIT = "remaining_credit"
    TOTAL_AMOUNT = "total_amount"
    VALUE_0 = "-issue_date"
    VALUE_1 = "-number"
    VALUE_2 = "-remaining_credit"
    VALUE_3 = "-total_amount"

    def __str__(self) -> str:
        return str(self.value)
