from enum import StrEnum


class ReportsBalanceSheetRetrieveBasis(StrEnum):
    ACCRUAL = "ACCRUAL"
    CASH = "CASH"

    def __str__(self) -> str:
        return str(self.value)
