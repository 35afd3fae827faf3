from enum import StrEnum


class AccountsRetrieveExpand(StrEnum):
    PARENT_ACCOUNT = "parent_account"
    TAX_RATE = "tax_rate"

    def __str__(self) -> str:
        return str(self.value)
