"""Sync bookkeeping: one schedule/lease row per linked account, a checkpoint per model, the runs,
and the provider webhook events received (deduplicated) before they are processed.

A checkpoint is saved in the same transaction as the page of records it follows, so a sync
killed at any point resumes right after the last stored page.
"""

from __future__ import annotations

import uuid

from django.db import models

from gateway.accounts.models import LinkedAccount


class SyncMode(models.TextChoices):
    FULL = "full"
    INCREMENTAL = "incremental"


class AccountState(models.TextChoices):
    IDLE = "idle"  # never synced
    QUEUED = "queued"
    SYNCING = "syncing"
    PAUSED = "paused"  # the provider's budget is spent; resumes at paused_until
    DONE = "done"
    FAILED = "failed"


class ModelState(models.TextChoices):
    PENDING = "pending"  # never synced
    SYNCING = "syncing"
    PAUSED = "paused"
    DONE = "done"
    FAILED = "failed"
    #: The consent lacks the scope this model needs (skipped; the other models sync).
    NOT_PERMITTED = "not_permitted"


class RunStatus(models.TextChoices):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunTrigger(models.TextChoices):
    LINKED = "linked"
    SCHEDULE = "schedule"
    API = "api"
    WEBHOOK = "webhook"


class SyncRun(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    linked_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, related_name="sync_runs"
    )
    mode = models.CharField(max_length=20, choices=SyncMode.choices)
    trigger = models.CharField(max_length=20, choices=RunTrigger.choices)
    #: Unified models this run covers, in sync order (empty: every model the provider lists).
    only_models = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    records = models.BigIntegerField(default=0)
    changes = models.BigIntegerField(default=0)
    calls = models.BigIntegerField(default=0)
    error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-queued_at"]
        indexes = [models.Index(fields=["linked_account", "-queued_at"], name="sync_run_recent")]

    def __str__(self) -> str:
        return f"{self.mode} sync {self.id} ({self.status})"


class AccountSync(models.Model):
    """Schedule, state and lease of one linked account's syncs (one sync at a time)."""

    linked_account = models.OneToOneField(
        LinkedAccount, on_delete=models.CASCADE, primary_key=True, related_name="sync"
    )
    frequency_minutes = models.PositiveIntegerField()
    next_sync_at = models.DateTimeField(null=True, blank=True, db_index=True)
    state = models.CharField(max_length=20, choices=AccountState.choices, default=AccountState.IDLE)
    current_run = models.ForeignKey(
        SyncRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paused_until = models.DateTimeField(null=True, blank=True)
    #: A webhook asked for changes while a sync was running: run one more incremental pass.
    resync_requested = models.BooleanField(default=False)
    #: The models the requested pass reads (empty: every model).
    resync_models = models.JSONField(default=list, blank=True)
    lease_owner = models.CharField(max_length=64, blank=True, default="")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"sync of {self.linked_account_id} ({self.state})"


class ModelCheckpoint(models.Model):
    """Where one model's sync of one account stands."""

    linked_account = models.ForeignKey(
        LinkedAccount, on_delete=models.CASCADE, related_name="sync_checkpoints"
    )
    model = models.CharField(max_length=30)
    state = models.CharField(max_length=20, choices=ModelState.choices, default=ModelState.PENDING)
    #: The run this pass belongs to (a resumed run skips models it already finished).
    run = models.ForeignKey(SyncRun, null=True, blank=True, on_delete=models.SET_NULL)
    #: The connector's cursor after the last stored page (None: no pass in progress).
    cursor = models.TextField(null=True, blank=True)  # noqa: DJ001 (None: no pass in progress)
    pass_mode = models.CharField(max_length=20, blank=True, default="")
    #: The modified_since this pass started from, and the newest remote change it has stored.
    pass_since = models.DateTimeField(null=True, blank=True)
    pass_max = models.DateTimeField(null=True, blank=True)
    #: When the pass in progress began (our clock); bounds the bookmark it leaves.
    pass_started_at = models.DateTimeField(null=True, blank=True)
    #: Completed passes' bookmark: the next incremental pass reads changes from here.
    bookmark = models.DateTimeField(null=True, blank=True)
    records_seen = models.BigIntegerField(default=0)
    changes = models.BigIntegerField(default=0)
    calls_day = models.DateField(null=True, blank=True)
    calls_today = models.BigIntegerField(default=0)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["linked_account", "model"], name="one_checkpoint_per_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} of {self.linked_account_id} ({self.state})"


class InboundStatus(models.TextChoices):
    PENDING = "pending"
    PROCESSING = "processing"
    DONE = "done"
    IGNORED = "ignored"


class InboundEvent(models.Model):
    """A provider webhook event, kept once (providers resend) until its record is fetched."""

    seq = models.BigAutoField(primary_key=True)
    provider = models.CharField(max_length=50)
    dedupe_key = models.CharField(max_length=64, unique=True)
    tenant_id = models.CharField(max_length=200)
    model = models.CharField(max_length=30, blank=True, default="")
    remote_id = models.CharField(max_length=200)
    event_type = models.CharField(max_length=50, blank=True, default="")
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=InboundStatus.choices, default=InboundStatus.PENDING
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "seq"], name="inbound_pending")]

    def __str__(self) -> str:
        return f"{self.provider} {self.model} {self.remote_id} ({self.status})"


class RejectedInboundEvent(models.Model):
    """A provider webhook event (or a whole signed body) that could not be used: kept with the
    reason for an operator (Django admin, logs), answered 200 so the provider does not resend
    a poison payload forever, and never fetched."""

    provider = models.CharField(max_length=50)
    received_at = models.DateTimeField(db_index=True)
    #: Position in the delivery's events (None: the body itself was unusable).
    index = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=200)
    #: A bounded, printable rendering of what arrived.
    excerpt = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.provider} event rejected: {self.reason}"
