from rest_framework import serializers

from gateway.core.bodies import JsonTypedSerializer
from gateway.sync.models import AccountState, ModelState, RunStatus, RunTrigger, SyncMode


class SyncRequestSerializer(JsonTypedSerializer):
    mode = serializers.ChoiceField(
        choices=SyncMode.choices,
        default=SyncMode.INCREMENTAL,
        help_text="`full` reads every record again; `incremental` reads changes since the last "
        "sync (and resumes an interrupted sync from its checkpoint).",
    )


#: Scheduled syncs: at most every 5 minutes (Xero allows 60 calls a minute per organisation, shared
#: with the app's own writes), at least once a week.
MIN_FREQUENCY_MINUTES = 5
MAX_FREQUENCY_MINUTES = 7 * 24 * 60


class SyncSettingsSerializer(JsonTypedSerializer):
    frequency_minutes = serializers.IntegerField(
        min_value=MIN_FREQUENCY_MINUTES,
        max_value=MAX_FREQUENCY_MINUTES,
        help_text="Minutes between scheduled incremental syncs (5 to 10080).",
    )
    last_sync_at = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text="When the last successful sync finished."
    )
    next_sync_at = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text="When the scheduler queues the next sync."
    )


class SyncRunSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Ledgerlink's id of the run.")
    mode = serializers.ChoiceField(
        choices=SyncMode.choices, help_text="`full` or `incremental` (see `POST .../sync`)."
    )
    trigger = serializers.ChoiceField(
        choices=RunTrigger.choices,
        help_text="What started it: the link, the schedule, an API call or a provider webhook.",
    )
    status = serializers.ChoiceField(choices=RunStatus.choices, help_text="Where the run is.")
    models = serializers.ListField(
        child=serializers.CharField(), help_text="Models covered; empty: all."
    )
    queued_at = serializers.DateTimeField(help_text="When the run was queued.")
    started_at = serializers.DateTimeField(allow_null=True, help_text="When a worker started it.")
    finished_at = serializers.DateTimeField(allow_null=True, help_text="When it ended.")
    records = serializers.IntegerField(help_text="Records read from the provider.")
    changes = serializers.IntegerField(help_text="Records created, changed or deleted.")
    provider_calls = serializers.IntegerField(help_text="Calls made to the provider.")
    error = serializers.CharField(allow_blank=True, help_text="Why it failed (empty: it did not).")


class WindowSerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        allow_null=True, help_text="Calls the window allows (null: no limit)."
    )
    used = serializers.IntegerField(help_text="Calls counted in the window.")
    remaining = serializers.IntegerField(allow_null=True, help_text="Calls left (null: no limit).")


class LimitsSerializer(serializers.Serializer):
    day = WindowSerializer(help_text="The provider's daily calls for this tenant.")
    minute = WindowSerializer(help_text="The provider's per-minute calls for this tenant.")
    app_minute = WindowSerializer(help_text="Per-minute calls of the whole app (all tenants).")
    concurrent = WindowSerializer(help_text="Calls in flight at once for this tenant.")
    blocked_until = serializers.DateTimeField(
        allow_null=True, help_text="After a 429 from the provider: no calls until then."
    )
    blocked_problem = serializers.CharField(
        allow_null=True, help_text="Which limit the provider said was hit (while blocked)."
    )


class ModelSyncStatusSerializer(serializers.Serializer):
    model = serializers.CharField(help_text="The unified model (`invoice`).")
    state = serializers.ChoiceField(choices=ModelState.choices, help_text="Where its sync is.")
    last_success_at = serializers.DateTimeField(
        allow_null=True, help_text="When its last pass completed."
    )
    records_seen = serializers.IntegerField(help_text="Records read in the current/last pass.")
    changes = serializers.IntegerField(help_text="Records changed in the current/last pass.")
    provider_calls_today = serializers.IntegerField(help_text="Provider calls for it today.")
    resumable = serializers.BooleanField(help_text="A checkpoint is saved mid-pass.")
    last_error = serializers.CharField(
        allow_blank=True, help_text="Why its last pass failed (empty: it did not)."
    )


class SyncStatusSerializer(serializers.Serializer):
    linked_account_id = serializers.UUIDField(help_text="The linked account.")
    state = serializers.ChoiceField(choices=AccountState.choices, help_text="Where its sync is.")
    last_sync_at = serializers.DateTimeField(
        allow_null=True, help_text="When the last successful sync finished."
    )
    next_sync_at = serializers.DateTimeField(
        allow_null=True, help_text="When the scheduler queues the next sync."
    )
    frequency_minutes = serializers.IntegerField(help_text="Minutes between scheduled syncs.")
    paused_until = serializers.DateTimeField(
        allow_null=True, help_text="When a paused sync resumes (the provider's budget returns)."
    )
    last_error = serializers.CharField(
        allow_blank=True, help_text="Why the last sync failed (empty: it did not)."
    )
    current_run = SyncRunSerializer(
        allow_null=True, help_text="The run queued or running (null: none)."
    )
    provider_calls_today = serializers.IntegerField(help_text="Provider calls made today.")
    limits = LimitsSerializer(
        allow_null=True, help_text="What the shared rate limiter has left for this tenant."
    )
    models = ModelSyncStatusSerializer(many=True, help_text="Per unified model.")
