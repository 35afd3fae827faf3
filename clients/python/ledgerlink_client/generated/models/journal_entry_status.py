from enum import StrEnum


class JournalEntryStatus(StrEnum):
    ARCHIVED = "ARCHIVED"
    DRAFT = "DRAFT"
    POSTED = "POSTED"
    VOID = "VOID"

    def __str__(self) -> str:
        return str(self.value)
