from rest_framework import serializers

from gateway.core.bodies import JsonTypedSerializer
from gateway.events.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from gateway.events.services import event_types


class EventSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Stable: the same in every delivery and replay.")
    type = serializers.ChoiceField(choices=())
    linked_account_id = serializers.UUIDField()
    sequence = serializers.IntegerField(
        help_text="Per linked account, gapless and increasing in commit order."
    )
    created_at = serializers.DateTimeField()
    data = serializers.JSONField(
        help_text="Record events and the derived `invoice.due_soon|overdue|paid`: the record as "
        "the API returns it. Account events: the linked account. Sync events: the run."
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["type"].choices = event_types()  # the catalogue's, as they are now
        return fields


class EventPageSerializer(serializers.Serializer):
    results = EventSerializer(many=True)
    next_after = serializers.IntegerField(help_text="Pass as `after` to read on.")
    has_more = serializers.BooleanField()


class WebhookEndpointSerializer(serializers.ModelSerializer):
    event_types = serializers.ListField(child=serializers.CharField())

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


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(help_text="The signing secret; shown only in this response.")

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointInputSerializer(JsonTypedSerializer):
    url = serializers.URLField(max_length=2000)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    event_types = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        max_length=50,
        help_text="Types to deliver (`invoice.created`, or `invoice.*`); empty or absent: all.",
    )
    enabled = serializers.BooleanField(required=False)


class WebhookEndpointUpdatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        required=False, help_text="The new signing secret; only when `rotate_secret` was true."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]
        read_only_fields = fields


class WebhookEndpointUpdateSerializer(WebhookEndpointInputSerializer):
    url = serializers.URLField(max_length=2000, required=False)
    rotate_secret = serializers.BooleanField(
        required=False, help_text="Issue a new signing secret (returned once, in `secret`)."
    )


class WebhookDeliverySerializer(serializers.ModelSerializer):
    endpoint_id = serializers.UUIDField(read_only=True)
    event_id = serializers.UUIDField(read_only=True)
    event_type = serializers.CharField(source="event.type", read_only=True)
    replay_of = serializers.SlugRelatedField(
        slug_field="id",
        read_only=True,
        allow_null=True,
        help_text="The delivery this one replays; null for a first delivery.",
    )
    status = serializers.ChoiceField(choices=DeliveryStatus.choices, read_only=True)

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


class WebhookDeliveryPageSerializer(serializers.Serializer):
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = WebhookDeliverySerializer(many=True)
