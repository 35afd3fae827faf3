from rest_framework import serializers

from gateway.core.bodies import JsonTypedSerializer
from gateway.events.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from gateway.events.services import event_types


class EventSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Stable: the same in every delivery and replay.")
    type = serializers.ChoiceField(choices=(), help_text="What happened (see the enum).")
    linked_account_id = serializers.UUIDField(help_text="The linked account it happened in.")
    sequence = serializers.IntegerField(
        help_text="Per linked account, gapless and increasing in commit order."
    )
    created_at = serializers.DateTimeField(help_text="When Ledgerlink recorded the event.")
    data = serializers.JSONField(
        help_text="Record events and the derived `invoice.due_soon|overdue|paid`: the record as "
        "the API returns it. Account events: the linked account. Sync events: the run."
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["type"].choices = event_types()  # the catalogue's, as they are now
        return fields


class EventPageSerializer(serializers.Serializer):
    results = EventSerializer(many=True, help_text="Events in `sequence` order.")
    next_after = serializers.IntegerField(help_text="Pass as `after` to read on.")
    has_more = serializers.BooleanField(help_text="More events follow `next_after` now.")


class WebhookEndpointSerializer(serializers.ModelSerializer):
    event_types = serializers.ListField(
        child=serializers.CharField(),
        help_text="Types delivered (`invoice.created`, or `invoice.*`); empty: every type.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "event_types",
            "enabled",
            "disabled_reason",
            "failing_since",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "Ledgerlink's id of the endpoint."},
            "url": {"help_text": "Where events are POSTed."},
            "description": {"help_text": "Your note on the endpoint."},
            "enabled": {"help_text": "Deliveries are made (false: none are queued)."},
            "disabled_reason": {
                "help_text": "Why Ledgerlink disabled it (empty: enabled, or disabled by you)."
            },
            "failing_since": {
                "help_text": "Since when every delivery attempt has failed (null: the last "
                "one succeeded)."
            },
            "created_at": {"help_text": "When the endpoint was created."},
            "updated_at": {"help_text": "When the endpoint last changed."},
        }


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(help_text="The signing secret; shown only in this response.")

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointInputSerializer(JsonTypedSerializer):
    url = serializers.URLField(
        max_length=2000, help_text="Where events are POSTed: an http(s) URL of a public host."
    )
    description = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="Your note on the endpoint."
    )
    event_types = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        max_length=50,
        help_text="Types to deliver (`invoice.created`, or `invoice.*`); empty or absent: all.",
    )
    enabled = serializers.BooleanField(
        required=False, help_text="Deliver events to it (default true); false pauses it."
    )


class WebhookEndpointUpdatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        required=False, help_text="The new signing secret; only when `rotate_secret` was true."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointUpdateSerializer(WebhookEndpointInputSerializer):
    url = serializers.URLField(
        max_length=2000, required=False, help_text="Where events are POSTed."
    )
    rotate_secret = serializers.BooleanField(
        required=False, help_text="Issue a new signing secret (returned once, in `secret`)."
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    endpoint_id = serializers.UUIDField(read_only=True, help_text="The endpoint delivered to.")
    event_id = serializers.UUIDField(read_only=True, help_text="The event delivered.")
    event_type = serializers.CharField(
        source="event.type", read_only=True, help_text="The event's type."
    )
    replay_of = serializers.SlugRelatedField(
        slug_field="id",
        read_only=True,
        allow_null=True,
        help_text="The delivery this one replays; null for a first delivery.",
    )
    status = serializers.ChoiceField(
        choices=DeliveryStatus.choices,
        read_only=True,
        help_text="`pending`: waiting for its (next) attempt; `succeeded`; `failed`: given up "
        "after the retry window.",
    )

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "endpoint_id",
            "event_id",
            "event_type",
            "status",
            "attempts",
            "response_status",
            "last_error",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
            "replay_of",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "Ledgerlink's id of the delivery."},
            "attempts": {"help_text": "Attempts made so far."},
            "response_status": {"help_text": "HTTP status of the last attempt's answer."},
            "last_error": {"help_text": "Why the last attempt failed (empty: it did not)."},
            "created_at": {"help_text": "When the delivery was queued."},
            "last_attempt_at": {"help_text": "When the last attempt was made."},
            "next_attempt_at": {"help_text": "When the next attempt is due (pending only)."},
            "delivered_at": {"help_text": "When the endpoint accepted it (2xx)."},
        }


class WebhookDeliveryPageSerializer(serializers.Serializer):
    next = serializers.CharField(
        allow_null=True, help_text="Cursor of the next page (pass as `cursor`)."
    )
    previous = serializers.CharField(allow_null=True, help_text="Cursor of the previous page.")
    results = WebhookDeliverySerializer(many=True, help_text="Deliveries, newest first.")
