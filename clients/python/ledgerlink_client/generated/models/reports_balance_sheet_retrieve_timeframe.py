from enum import StrEnum


class ReportsBalanceSheetRetrieveTimeframe(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"

    def __str__(self) -> str:
        return str(self.value)
