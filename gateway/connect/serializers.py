"""Request and response bodies of the link-token endpoints."""

from __future__ import annotations

from rest_framework import serializers

from gateway.connect.services import enabled_provider_keys
from gateway.core.bodies import JsonTypedSerializer


def _check_redirect_url(value: str, customer) -> str:
    if value not in (customer.redirect_urls or []):
        raise serializers.ValidationError(
            "Must exactly match one of your registered redirect URLs."
        )
    return value


class LinkTokenRequestSerializer(JsonTypedSerializer):
    end_user_id = serializers.CharField(
        max_length=200, help_text="Your id for the end user (organisation or user) linking."
    )
    # Absent: empty (the service's default; a schema default of "" would contradict minLength).
    end_user_name = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text="Shown to you on the linked account.",
    )
    end_user_email = serializers.EmailField(
        max_length=254,
        required=False,
        allow_blank=True,
        help_text="Shown to you on the linked account.",
    )
    providers = serializers.ListField(
        child=serializers.CharField(max_length=50),
        required=False,
        allow_empty=False,
        help_text="Provider keys the end user may choose from; default: every one "
        "`/v1/providers` lists (enabled and configured).",
    )
    redirect_url = serializers.CharField(
        max_length=2000,
        help_text="Where the end user is sent back to; must exactly match one of your "
        "registered redirect URLs.",
    )

    def validate_redirect_url(self, value: str) -> str:
        return _check_redirect_url(value, self.context["customer"])

    def validate_providers(self, value: list[str]) -> list[str]:
        enabled = enabled_provider_keys()
        unknown = [key for key in value if key not in enabled]
        if unknown:
            available = ", ".join(enabled) or "none"
            raise serializers.ValidationError(
                f"Unknown, disabled or unconfigured provider: {', '.join(unknown)}. "
                f"Enabled: {available} (only configured providers: each needs "
                "<PROVIDER>_CLIENT_ID and <PROVIDER>_CLIENT_SECRET)."
            )
        return list(dict.fromkeys(value))

    def validate(self, attrs: dict) -> dict:
        if "providers" not in attrs and not enabled_provider_keys():
            raise serializers.ValidationError(
                {
                    "providers": [
                        "No provider is configured: set <PROVIDER>_CLIENT_ID and "
                        "<PROVIDER>_CLIENT_SECRET (see GET /v1/providers)."
                    ]
                }
            )
        return attrs


class RelinkTokenRequestSerializer(JsonTypedSerializer):
    redirect_url = serializers.CharField(
        max_length=2000,
        help_text="Where the end user is sent back to; must exactly match one of your "
        "registered redirect URLs.",
    )

    def validate_redirect_url(self, value: str) -> str:
        return _check_redirect_url(value, self.context["customer"])


class LinkTokenSerializer(serializers.Serializer):
    link_token = serializers.CharField(
        help_text="Single-use and short-lived; shown once. Treat it as a secret."
    )
    url = serializers.URLField(help_text="The hosted page to send the end user to.")
    expires_at = serializers.DateTimeField(help_text="After this the token no longer works.")
    end_user_id = serializers.CharField(help_text="Your id for the end user.")
    providers = serializers.ListField(
        child=serializers.CharField(), help_text="Provider keys the end user may choose from."
    )
    redirect_url = serializers.CharField(help_text="Where the end user is sent back to.")
    linked_account_id = serializers.UUIDField(
        allow_null=True, help_text="For a relink token: the linked account it repairs."
    )
