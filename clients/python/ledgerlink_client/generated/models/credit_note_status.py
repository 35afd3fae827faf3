from enum import StrEnum


class CreditNoteStatus(StrEnum):
    APPLIED = "APPLIED"
    DRAFT = "DRAFT"
    OPEN = "OPEN"
    PARTIALLY_APPLIED = "PARTIALLY_APPLIED"
    SUBMITTED = "SUBMITTED"
    VOID = "VOID"

    def __str__(self) -> str:
        return str(self.value)
