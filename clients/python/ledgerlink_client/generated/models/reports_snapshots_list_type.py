from enum import StrEnum


class ReportsSnapshotsListType(StrEnum):
    BALANCE_SHEET = "BALANCE_SHEET"
    PROFIT_AND_LOSS = "PROFIT_AND_LOSS"

    def __str__(self) -> str:
        return str(self.value)
