from enum import StrEnum


class ReportsCashFlowTimeframe(StrEnum):
    MONTH = "MONTH"
    QUARTER = "QUARTER"
    YEAR = "YEAR"

    def __str__(self) -> str:
        return str(self.value)
