from enum import StrEnum


class PurchaseOrdersListOrderBy(StrEnum):
    DELIVERY_DATE = "delivery_date"
    ISSUE_DATE = "issue_date"
    NUMBER = "number"
    TOTAL_AMOUNT = "total_amount"
    VALUE_0 = "-delivery_date"
    VALUE_1 = "-issue_date"
    VALUE_2 = "-number"
    VALUE_3 = "-total_amount"

    def __str__(self) -> str:
        return str(self.value)
