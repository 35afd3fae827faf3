from enum import StrEnum


class ItemType(StrEnum):
    INVENTORY = "INVENTORY"
    NON_INVENTORY = "NON_INVENTORY"
    SERVICE = "SERVICE"

    def __str__(self) -> str:
        return str(self.value)
