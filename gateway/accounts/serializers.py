from rest_framework import serializers

from gateway.accounts.models import LinkedAccount


class LinkedAccountSerializer(serializers.ModelSerializer):
    """A linked account as customers see it: never a token or a provider secret."""

    class Meta:
        model = LinkedAccount
        fields = [
            "id",
            "provider",
            "tenant_id",
            "tenant_name",
            "tenant_type",
            "end_user_id",
            "end_user_name",
            "end_user_email",
            "status",
            "status_reason",
            "last_sync_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
