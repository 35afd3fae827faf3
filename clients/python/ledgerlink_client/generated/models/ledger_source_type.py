from enum import StrEnum


class LedgerSourceType(StrEnum):
    BANK_TRANSACTION = "BANK_TRANSACTION"
    BANK_TRANSFER = "BANK_TRANSFER"
    CREDIT_NOTE = "CREDIT_NOTE"
    EXPENSE = "EXPENSE"
    INVOICE = "INVOICE"
    JOURNAL_ENTRY = "JOURNAL_ENTRY"
    OTHER = "OTHER"
    PAYMENT = "PAYMENT"

    def __str__(self) -> str:
        return str(self.value)
