from enum import StrEnum


class BasesEnum(StrEnum):
    ACCRUAL = "ACCRUAL"
    CASH = "CASH"

    def __str__(self) -> str:
        return str(self.value)
