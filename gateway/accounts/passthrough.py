"""`POST /v1/passthrough`: a raw, authenticated call to the linked account's provider."""

from __future__ import annotations

import base64
import binascii

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.views import APIView

from gateway.accounts.connections import connector_for
from gateway.accounts.selectors import linked_account_from_header
from gateway.core import jsonutil
from gateway.core.bodies import JsonTypedSerializer
from gateway.records.schemas import LINKED_ACCOUNT_HEADER

#: Response headers worth returning; anything else (cookies, auth echoes) stays behind.
SAFE_HEADERS = {"content-type", "etag", "last-modified", "retry-after"}
#: Credentials and routing are Ledgerlink's to set; connectors also drop unknown headers.
_FORBIDDEN_REQUEST_HEADERS = {"authorization", "cookie", "host", "proxy-authorization"}


class PassthroughRequestSerializer(JsonTypedSerializer):
    method = serializers.ChoiceField(
        choices=["GET", "POST", "PUT", "PATCH", "DELETE"], help_text="The HTTP method."
    )
    path = serializers.CharField(
        max_length=2000, help_text="Relative to the provider's API base, e.g. `/Invoices`."
    )
    query = serializers.DictField(
        child=serializers.CharField(), required=False, default=dict, help_text="Query parameters."
    )
    body = serializers.JSONField(
        required=False, allow_null=True, default=None, help_text="A JSON body, sent as JSON."
    )
    body_base64 = serializers.CharField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A binary body (a file for an attachment endpoint), base64-encoded; sent as "
        "its bytes, with the `Content-Type` given in `headers`. Not with `body`.",
    )
    headers = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        default=dict,
        help_text="Extra request headers; `Authorization`, `Cookie`, `Host` are Ledgerlink's.",
    )

    def validate_body_base64(self, value: str | None) -> bytes | None:
        if value is None:
            return None
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError("Must be base64 (RFC 4648).") from None

    def validate(self, attrs: dict) -> dict:
        if attrs.get("body") is not None and attrs.get("body_base64") is not None:
            raise serializers.ValidationError({"body_base64": ["Send `body` or `body_base64`."]})
        if attrs.get("body_base64") is not None and not any(
            name.lower() == "content-type" for name in attrs.get("headers", {})
        ):
            raise serializers.ValidationError(
                {"headers": ["A `body_base64` needs its Content-Type in `headers`."]}
            )
        return attrs

    def validate_path(self, value: str) -> str:
        if not value.startswith("/") or "://" in value or ".." in value or "\\" in value:
            raise serializers.ValidationError("Must be a path relative to the provider's API.")
        return value

    def validate_headers(self, value: dict) -> dict:
        bad = sorted(name for name in value if name.lower() in _FORBIDDEN_REQUEST_HEADERS)
        if bad:
            raise serializers.ValidationError(f"Headers set by Ledgerlink: {', '.join(bad)}.")
        return value


class PassthroughResponseSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The provider's HTTP status.")
    headers = serializers.DictField(
        child=serializers.CharField(),
        help_text="The provider's `Content-Type`, `ETag`, `Last-Modified` and `Retry-After`.",
    )
    body = serializers.JSONField(
        allow_null=True,
        help_text="JSON when the provider sent JSON, a string when it sent text, null when it "
        "sent binary (see `body_base64`).",
    )
    body_base64 = serializers.CharField(
        required=False,
        help_text="Only when the provider sent a binary body (a file): its bytes, base64-encoded.",
    )


class PassthroughView(APIView):
    @extend_schema(
        summary="Call the provider directly",
        description=(
            "Authenticated with the linked account's credentials and rate limited like every "
            "other call. The provider's status and body are returned as they came. Binary "
            "bodies travel base64-encoded: `body_base64` in the request (with its Content-Type "
            "in `headers`), `body_base64` in the answer when the provider sent neither JSON nor "
            "text. Bodies are held whole (requests up to the API's body limit): for files, "
            "`/v1/attachments` streams instead."
        ),
        parameters=[LINKED_ACCOUNT_HEADER],
        request=PassthroughRequestSerializer,
        responses={200: PassthroughResponseSerializer},
        tags=["passthrough"],
    )
    def post(self, request: Request) -> HttpResponse:
        account = linked_account_from_header(request)
        payload = PassthroughRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        call = payload.validated_data
        result = connector_for(account).passthrough(
            call["method"],
            call["path"],
            query=call["query"],
            body=call["body_base64"] if call["body_base64"] is not None else call["body"],
            headers=call["headers"],
        )
        headers = {k.lower(): v for k, v in result.headers.items() if k.lower() in SAFE_HEADERS}
        return HttpResponse(render_result(result.status, headers, result.body), content_type=JSON)


JSON = "application/json"


def _is_text(content_type: str, raw: bytes) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind.startswith("text/") or kind.endswith("xml") or "json" in kind:
        return True
    if kind:
        return False
    try:  # no type given: text when it decodes
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def render_result(status: int, headers: dict[str, str], raw: bytes) -> bytes:
    """The provider's JSON body is spliced in verbatim (numbers keep every digit); a text body
    is returned as a string; a binary one (a file) as `body_base64`, with `body` null."""
    head = jsonutil.dumps({"status": status, "headers": headers})[:-1]
    content_type = headers.get("content-type", "")
    body = None
    if "json" in content_type and raw.strip():
        try:
            jsonutil.loads(raw)
            body = raw
        except ValueError:
            body = None
    if body is None and raw and not _is_text(content_type, raw):
        encoded = base64.b64encode(raw)
        return head + b',"body":null,"body_base64":"' + encoded + b'"}'
    if body is None:
        body = jsonutil.dumps(raw.decode("utf-8", errors="replace") if raw else None)
    return head + b',"body":' + body + b"}"
