from enum import StrEnum


class ReportType(StrEnum):
    AGED_PAYABLES = "AGED_PAYABLES"
    AGED_RECEIVABLES = "AGED_RECEIVABLES"
    BALANCE_SHEET = "BALANCE_SHEET"
    CASH_FLOW = "CASH_FLOW"
    PROFIT_AND_LOSS = "PROFIT_AND_LOSS"
    TRIAL_BALANCE = "TRIAL_BALANCE"

    def __str__(self) -> str:
        return str(self.value)
