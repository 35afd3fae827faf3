from enum import StrEnum


class ModelSyncStatusState(StrEnum):
    DONE = "done"
    FAILED = "failed"
    NOT_PERMITTED = "not_permitted"
    PAUSED = "paused"
    PENDING = "pending"
    SYNCING = "syncing"

    def __str__(self) -> str:
        return str(self.value)
