from enum import StrEnum


class PaymentsRetrieveExpand(StrEnum):
    ACCOUNT = "account"
    APPLIED_TO_RELATED_OBJECT_ID = "applied_to.related_object_id"
    CONTACT = "contact"

    def __str__(self) -> str:
        return str(self.value)
