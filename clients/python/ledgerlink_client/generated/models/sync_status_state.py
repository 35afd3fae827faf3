from enum import StrEnum


class SyncStatusState(StrEnum):
    DONE = "done"
    FAILED = "failed"
    IDLE = "idle"
    PAUSED = "paused"
    QUEUED = "queued"
    SYNCING = "syncing"

    def __str__(self) -> str:
        return str(self.value)
