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
        extra_kwargs = {
            "id": {"help_text": "Ledgerlink's id of the linked account (the `X-Linked-Account`)."},
            "provider": {"help_text": "The provider's key (see `/v1/providers`)."},
            "tenant_id": {"help_text": "The provider's id of the organisation or company."},
            "tenant_name": {"help_text": "Its name at the provider."},
            "tenant_type": {"help_text": "What kind of tenant it is at the provider."},
            "end_user_id": {"help_text": "Your id for the end user, from the link token."},
            "end_user_name": {"help_text": "From the link token."},
            "end_user_email": {"help_text": "From the link token."},
            "status": {
                "help_text": "`active`; `relink_required`: the end user must link it again "
                "(a relink token); `disabled`."
            },
            "status_reason": {"help_text": "Why it is not active (empty when it is)."},
            "last_sync_at": {"help_text": "When the last successful sync finished."},
            "created_at": {"help_text": "When it was linked."},
            "updated_at": {"help_text": "When it last changed."},
        }
