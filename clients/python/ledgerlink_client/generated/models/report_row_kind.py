from enum import StrEnum


class ReportRowKind(StrEnum):
    ACCOUNT = "ACCOUNT"
    CONTACT = "CONTACT"
    LINE = "LINE"
    SECTION = "SECTION"
    TOTAL = "TOTAL"

    def __str__(self) -> str:
        return str(self.value)
