"""`/v1/attachments`: thin HTTP over gateway.attachments.services."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.views import APIView

from gateway.accounts.selectors import linked_account_from_header
from gateway.attachments import services
from gateway.core import jsonutil
from gateway.core.openapi import error_responses, provider_error_responses
from gateway.records.schemas import LINKED_ACCOUNT_HEADER

TAGS = ["attachments"]
NOT_STORED = (
    "Ledgerlink keeps an attachment's description (name, MIME type, size, provider id, record) "
    "so that it has a stable id; the file itself stays at the provider and is never stored by "
    "Ledgerlink."
)
#: What a provider without files answers (its record endpoints answer 405 the same way).
NO_FILES = {405: "`method_not_allowed`: the linked account's provider keeps no files."}


class AttachmentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    remote_id = serializers.CharField(help_text="The provider's id for the file.")
    record_id = serializers.UUIDField(help_text="The Ledgerlink id of the record it is on.")
    record_model = serializers.CharField(help_text="That record's model, e.g. `invoice`.")
    file_name = serializers.CharField()
    mime_type = serializers.CharField(allow_null=True)
    size = serializers.IntegerField(allow_null=True, help_text="Bytes.")
    include_online = serializers.BooleanField(
        allow_null=True, help_text="Shown with the online invoice (where the provider has it)."
    )
    remote_created_at = serializers.DateTimeField(allow_null=True)
    remote_updated_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    modified_at = serializers.DateTimeField()
    remote_data = serializers.JSONField(
        required=False, help_text="With `include_remote_data=true` only."
    )


ATTACHMENT_LIST = inline_serializer("AttachmentList", {"results": AttachmentSerializer(many=True)})
UPLOAD = inline_serializer(
    "AttachmentUpload",
    {
        "record_id": serializers.UUIDField(),
        "file": serializers.FileField(),
        "include_online": serializers.BooleanField(required=False, default=False),
    },
)
INCLUDE_REMOTE_DATA = OpenApiParameter(
    "include_remote_data", OpenApiTypes.BOOL, description="Add the provider's own description."
)
UPLOAD_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Passed to the provider's own duplicate-request guard, so a retried upload is "
    "not attached twice. Ledgerlink does not replay upload answers.",
)
ATTACHMENT_ID = OpenApiParameter("attachment_id", OpenApiTypes.UUID, OpenApiParameter.PATH)


def _json(body, status: int = 200) -> HttpResponse:
    return HttpResponse(jsonutil.dumps(body), status=status, content_type="application/json")


def _flag(value: str | None, name: str) -> bool:
    if value is None or value == "":
        return False
    lowered = value.strip().lower()
    if lowered in ("true", "1"):
        return True
    if lowered in ("false", "0"):
        return False
    raise ValidationError({name: ["Must be true or false."]})


def _only(params, allowed: set[str]) -> None:
    unknown = set(params) - allowed
    if unknown:
        raise ValidationError({name: ["Unknown query parameter."] for name in sorted(unknown)})


class AttachmentListView(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="List a record's attachments",
        operation_id="attachments_list",
        description="The files on one record (invoice, bill, contact, ...), as the provider lists "
        "them now (one provider call). " + NOT_STORED,
        parameters=[
            LINKED_ACCOUNT_HEADER,
            OpenApiParameter(
                "record_id",
                OpenApiTypes.UUID,
                required=True,
                description="The Ledgerlink id of the record.",
            ),
            INCLUDE_REMOTE_DATA,
        ],
        responses={200: ATTACHMENT_LIST, **provider_error_responses(NO_FILES)},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        account = linked_account_from_header(request)
        _only(request.query_params, {"record_id", "include_remote_data"})
        raw = _flag(request.query_params.get("include_remote_data"), "include_remote_data")
        rows = services.list_for_record(account, request.query_params.get("record_id"))
        return _json({"results": [services.document(r, include_remote_data=raw) for r in rows]})

    @extend_schema(
        summary="Attach a file to a record",
        operation_id="attachments_create",
        description="`multipart/form-data` with `record_id`, `file` (its part's Content-Type is "
        "the file's MIME type; `application/octet-stream` or none: the type the provider files "
        "the name's extension under) and optionally `include_online`. Checked before anything "
        "reaches the provider: 413 when the file is larger than the provider takes, 415 when the "
        "provider does not take its type (`/v1/providers` lists both per provider). The file "
        "passes through to the provider; " + NOT_STORED,
        parameters=[LINKED_ACCOUNT_HEADER, UPLOAD_KEY],
        request={"multipart/form-data": UPLOAD},
        responses={
            201: AttachmentSerializer,
            **provider_error_responses(
                {
                    413: "`payload_too_large`: the file is larger than the provider takes.",
                    415: "`unsupported_media_type`: the provider does not take this file type "
                    "(or the body is not multipart).",
                    **NO_FILES,
                }
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> HttpResponse:
        account = linked_account_from_header(request)
        declared = request.META.get("CONTENT_LENGTH")
        services.check_declared_length(account, int(declared) if declared else None)
        data = request.data
        files = request.FILES.getlist("file")
        if len(files) != 1:
            raise ValidationError({"file": ["Send exactly one file."]})
        part = files[0]
        upload = services.Upload(
            file_name=(part.name or "").strip(),
            mime_type=(part.content_type or "application/octet-stream").split(";")[0].strip(),
            size=part.size,
            stream=part,
        )
        if not upload.file_name:
            raise ValidationError({"file": ["The file part needs a file name."]})
        row = services.upload(
            account,
            data.get("record_id"),
            upload,
            include_online=_flag(data.get("include_online"), "include_online"),
            idempotency_key=request.headers.get("Idempotency-Key"),
        )
        return _json(services.document(row), 201)


class AttachmentDetailView(APIView):
    @extend_schema(
        summary="Retrieve an attachment",
        operation_id="attachments_retrieve",
        description="Its description as last listed or uploaded (no provider call). " + NOT_STORED,
        parameters=[LINKED_ACCOUNT_HEADER, ATTACHMENT_ID, INCLUDE_REMOTE_DATA],
        responses={200: AttachmentSerializer, **error_responses({404: "`not_found`."})},
        tags=TAGS,
    )
    def get(self, request: Request, attachment_id: str) -> HttpResponse:
        account = linked_account_from_header(request)
        _only(request.query_params, {"include_remote_data"})
        raw = _flag(request.query_params.get("include_remote_data"), "include_remote_data")
        return _json(
            services.document(services.get(account, attachment_id), include_remote_data=raw)
        )


class AttachmentContentView(APIView):
    @extend_schema(
        summary="Download an attachment's bytes",
        operation_id="attachments_content",
        description="Streamed from the provider as it sends them: Ledgerlink does not store the "
        "file and does not hold it whole in memory. Content-Type is the file's MIME type.",
        parameters=[LINKED_ACCOUNT_HEADER, ATTACHMENT_ID],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            **provider_error_responses(),
        },
        tags=TAGS,
    )
    def get(self, request: Request, attachment_id: str) -> StreamingHttpResponse:
        account = linked_account_from_header(request)
        row, download = services.open_content(account, attachment_id)
        response = StreamingHttpResponse(iter(download), content_type=download.content_type)
        if download.content_length is not None:
            response["Content-Length"] = str(download.content_length)
        name = download.file_name or row.file_name
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
        response["X-Content-Type-Options"] = "nosniff"
        return response
