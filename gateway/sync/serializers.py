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
    last_sync_at = serializers.DateTimeField(allow_null=True, read_only=True)
    next_sync_at = serializers.DateTimeField(
        allow_null=True, read_only=True, help_text="When the scheduler queues the next sync."
    )


class SyncRunSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    mode = serializers.ChoiceField(choices=SyncMode.choices)
    trigger = serializers.ChoiceField(choices=RunTrigger.choices)
    status = serializers.ChoiceField(choices=RunStatus.choices)
    models = serializers.ListField(
        child=serializers.CharField(), help_text="Models covered; empty: all."
    )
    queued_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    records = serializers.IntegerField(help_text="Records read from the provider.")
    changes = serializers.IntegerField(help_text="Records created, changed or deleted.")
    provider_calls = serializers.IntegerField()
    error = serializers.CharField(allow_blank=True)


class WindowSerializer(serializers.Serializer):
    limit = serializers.IntegerField(allow_null=True)
    used = serializers.IntegerField()
    remaining = serializers.IntegerField(allow_null=True)


class LimitsSerializer(serializers.Serializer):
    day = WindowSerializer()
    minute = WindowSerializer()
    app_minute = WindowSerializer()
    concurrent = WindowSerializer()
    blocked_until = serializers.DateTimeField(allow_null=True)
    blocked_problem = serializers.CharField(allow_null=True)


class ModelSyncStatusSerializer(serializers.Serializer):
    model = serializers.CharField()
    state = serializers.ChoiceField(choices=ModelState.choices)
    last_success_at = serializers.DateTimeField(allow_null=True)
    records_seen = serializers.IntegerField(help_text="Records read in the current/last pass.")
    changes = serializers.IntegerField(help_text="Records changed in the current/last pass.")
    provider_calls_today = serializers.IntegerField()
    resumable = serializers.BooleanField(help_text="A checkpoint is saved mid-pass.")
    last_error = serializers.CharField(allow_blank=True)


class SyncStatusSerializer(serializers.Serializer):
    linked_account_id = serializers.UUIDField()
    state = serializers.ChoiceField(choices=AccountState.choices)
    last_sync_at = serializers.DateTimeField(allow_null=True)
    next_sync_at = serializers.DateTimeField(allow_null=True)
    frequency_minutes = serializers.IntegerField()
    paused_until = serializers.DateTimeField(
        allow_null=True, help_text="When a paused sync resumes (the provider's budget returns)."
    )
    last_error = serializers.CharField(allow_blank=True)
    current_run = SyncRunSerializer(allow_null=True)
    provider_calls_today = serializers.IntegerField()
    limits = LimitsSerializer(
        allow_null=True, help_text="What the shared rate limiter has left for this tenant."
    )
    models = ModelSyncStatusSerializer(many=True)
