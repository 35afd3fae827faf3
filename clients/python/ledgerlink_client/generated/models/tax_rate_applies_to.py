from enum import StrEnum


class TaxRateAppliesTo(StrEnum):
    PURCHASES = "PURCHASES"
    SALES = "SALES"

    def __str__(self) -> str:
        return str(self.value)
