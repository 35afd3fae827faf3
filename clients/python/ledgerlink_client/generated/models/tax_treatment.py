from enum import StrEnum


class TaxTreatment(StrEnum):
    EXCLUSIVE = "EXCLUSIVE"
    INCLUSIVE = "INCLUSIVE"
    NO_TAX = "NO_TAX"

    def __str__(self) -> str:
        return str(self.value)
