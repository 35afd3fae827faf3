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
from gateway.core import idempotency, jsonutil
from gateway.core.errors import InvalidRequest
from gateway.core.openapi import error_responses, provider_error_responses
from gateway.records.schemas import LINKED_ACCOUNT_HEADER

TAGS = ["attachments"]
JSON = "application/json"
NOT_STORED = (
    "Ledgerlink keeps an attachment's description (name, MIME type, size, provider id, record) "
    "so that it has a stable id; the file itself stays at the provider and is never stored by "
    "Ledgerlink."
)
#: What a provider without files answers (its record endpoints answer 405 the same way).
NO_FILES = {405: "`method_not_allowed`: the linked account's provider keeps no files."}


class AttachmentSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Ledgerlink's id of the attachment (stable).")
    remote_id = serializers.CharField(help_text="The provider's id for the file.")
    record_id = serializers.UUIDField(help_text="The Ledgerlink id of the record it is on.")
    record_model = serializers.CharField(help_text="That record's model, e.g. `invoice`.")
    file_name = serializers.CharField(help_text="The file's name.")
    mime_type = serializers.CharField(allow_null=True, help_text="The file's type.")
    size = serializers.IntegerField(allow_null=True, help_text="Bytes.")
    include_online = serializers.BooleanField(
        allow_null=True, help_text="Shown with the online invoice (where the provider has it)."
    )
    remote_created_at = serializers.DateTimeField(
        allow_null=True, help_text="When the provider received the file."
    )
    remote_updated_at = serializers.DateTimeField(
        allow_null=True, help_text="When the file last changed at the provider."
    )
    created_at = serializers.DateTimeField(help_text="When Ledgerlink first stored it.")
    modified_at = serializers.DateTimeField(help_text="When Ledgerlink last changed it.")
    remote_data = serializers.JSONField(
        required=False, help_text="With `include_remote_data=true` only."
    )


ATTACHMENT_LIST = inline_serializer(
    "AttachmentList",
    {"results": AttachmentSerializer(many=True, help_text="The record's attachments.")},
)
UPLOAD = inline_serializer(
    "AttachmentUpload",
    {
        "record_id": serializers.UUIDField(help_text="Ledgerlink's id of the record."),
        "file": serializers.FileField(help_text="The file (multipart part `file`)."),
        "include_online": serializers.BooleanField(
            required=False,
            default=False,
            help_text="Show it with the online invoice (where the provider has it).",
        ),
    },
)
INCLUDE_REMOTE_DATA = OpenApiParameter(
    "include_remote_data", OpenApiTypes.BOOL, description="Add the provider's own description."
)
UPLOAD_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="As on record writes: a retry with the same key, fields and file bytes gets "
    "the first answer again (header `Idempotent-Replayed: true`) and sends nothing to the "
    "provider; the same key with other fields or another file is 409 `conflict`. Keys live 24 "
    "hours; an answer that failed for a passing reason (5xx, 429) or was refused while "
    "checking the request (400, 413, 415) is not kept, so a retry runs. Also passed on to the "
    "provider's own duplicate-request guard.",
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
        key = request.headers.get("Idempotency-Key")
        if key is not None and not 1 <= len(key) <= idempotency.MAX_KEY_LENGTH:
            raise InvalidRequest(
                details=[{"field": "Idempotency-Key", "message": "1 to 255 characters."}]
            )
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
        include_online = _flag(data.get("include_online"), "include_online")
        if key is None:
            row = services.upload(
                account, data.get("record_id"), upload, include_online=include_online
            )
            return _json(services.document(row), 201)
        # Checked like a record write: the first answer for this key and body is kept and
        # replayed; the same key with another body (a field or a byte of the file) is 409.
        customer = request.user.customer
        print_ = idempotency.multipart_fingerprint(
            "POST",
            request.path,
            str(account.id),
            {name: _text_values(data, name) for name in data if name not in request.FILES},
            {name: request.FILES.getlist(name) for name in request.FILES},
        )
        replay = idempotency.claim(customer, key, print_)
        if replay is not None:
            response = HttpResponse(replay.body, status=replay.status, content_type=JSON)
            response["Idempotent-Replayed"] = "true"
            return response
        try:
            row = services.upload(
                account,
                data.get("record_id"),
                upload,
                include_online=include_online,
                idempotency_key=idempotency.provider_key(str(account.id), key),
            )
        except Exception as exc:
            response = self.finalize_response(request, self.handle_exception(exc))
            response.render()
            if getattr(exc, "before_work", False):
                idempotency.release(customer, key)  # refused by validation: nothing to remember
            else:
                idempotency.complete(customer, key, response.status_code, response.content)
            return response
        body = jsonutil.dumps(services.document(row))
        idempotency.complete(customer, key, 201, body)
        return HttpResponse(body, status=201, content_type=JSON)


def _text_values(data, name: str) -> list[str]:
    return [v for v in data.getlist(name) if isinstance(v, str)]


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
        operation_id="attachments_content_retrieve",
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
