from enum import StrEnum


class ReportsCashFlowRetrieveTimeframe(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"

    def __str__(self) -> str:
        return str(self.value)
