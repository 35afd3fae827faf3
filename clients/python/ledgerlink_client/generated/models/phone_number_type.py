from enum import StrEnum


class PhoneNumberType(StrEnum):
    DEFAULT = "DEFAULT"
    DIRECT = "DIRECT"
    FAX = "FAX"
    MOBILE = "MOBILE"

    def __str__(self) -> str:
        return str(self.value)
