from enum import StrEnum


class SyncTrigger(StrEnum):
    API = "api"
    LINKED = "linked"
    SCHEDULE = "schedule"
    WEBHOOK = "webhook"

    def __str__(self) -> str:
        return str(self.value)
