from enum import StrEnum


class ReportColumnKind(StrEnum):
    BUCKET = "BUCKET"
    PERIOD = "PERIOD"
    TOTAL = "TOTAL"
    TRACKING = "TRACKING"

    def __str__(self) -> str:
        return str(self.value)
