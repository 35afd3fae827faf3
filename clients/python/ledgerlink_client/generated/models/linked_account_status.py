from enum import StrEnum


class LinkedAccountStatus(StrEnum):
    ACTIVE = "active"
    DISABLED = "disabled"
    RELINK_REQUIRED = "relink_required"

    def __str__(self) -> str:
        return str(self.value)
