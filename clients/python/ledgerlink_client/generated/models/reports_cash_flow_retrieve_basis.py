from enum import StrEnum


class ReportsCashFlowRetrieveBasis(StrEnum):
    ACCRUAL = "ACCRUAL"
    CASH = "CASH"

    def __str__(self) -> str:
        return str(self.value)
