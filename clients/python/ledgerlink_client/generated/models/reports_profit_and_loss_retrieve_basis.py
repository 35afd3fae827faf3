from enum import StrEnum


class ReportsProfitAndLossRetrieveBasis(StrEnum):
    ACCRUAL = "ACCRUAL"
    CASH = "CASH"

    def __str__(self) -> str:
        return str(self.value)
