from enum import StrEnum


class ReportsCashFlowBasis(StrEnum):
    ACCRUAL = "ACCRUAL"
    CASH = "CASH"

    def __str__(self) -> str:
        return str(self.value)
