from enum import StrEnum


class AddressType(StrEnum):
    BILLING = "BILLING"
    SHIPPING = "SHIPPING"

    def __str__(self) -> str:
        return str(self.value)
