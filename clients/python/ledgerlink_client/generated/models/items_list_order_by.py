from enum import StrEnum


class ItemsListOrderBy(StrEnum):
    NAME = "name"
    VALUE_0 = "-name"

    def __str__(self) -> str:
        return str(self.value)
