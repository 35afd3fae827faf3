"""`/v1/linked-accounts/{id}/sync`, `.../sync-status`, `.../sync-settings` and the providers'
webhooks in (`/webhooks/<provider>/`, signature-checked, no API key)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gateway.accounts.selectors import linked_account_for
from gateway.core.bodies import validated_body
from gateway.core.queueing import require_broker
from gateway.sync import inbound, services
from gateway.sync.models import RunTrigger
from gateway.sync.serializers import (
    SyncRequestSerializer,
    SyncRunSerializer,
    SyncSettingsSerializer,
    SyncStatusSerializer,
)

_TAGS = ["syncs"]


@extend_schema(tags=_TAGS)
class LinkedAccountSyncView(APIView):
    @extend_schema(
        summary="Start a sync",
        description=(
            "Queues a sync of the linked account: contacts, then invoices, then payments. "
            "Answers 409 `sync_in_progress` while one is queued or running, 409 `sync_paused` "
            "while the provider's daily budget is spent, and 409 `relink_required` when the "
            "account must be relinked first. Answers 503 `service_unavailable` (with "
            "`Retry-After`) while the task queue is unreachable; nothing is queued then."
        ),
        request=SyncRequestSerializer,
        responses={
            202: SyncRunSerializer,
            409: OpenApiResponse(
                description="A sync is already queued or running (`sync_in_progress`) or "
                "paused (`sync_paused`), or the account needs a relink (`relink_required`); "
                "error envelope.",
            ),
            503: OpenApiResponse(
                description="`service_unavailable`: the task queue is unreachable; retry "
                "after `Retry-After` seconds.",
            ),
        },
    )
    def post(self, request: Request, account_id: str) -> Response:
        account = linked_account_for(request.user.customer, account_id)
        # No body means the defaults; a body must be an object (`null` is not).
        data = request.data if request.stream is not None else {}
        body = validated_body(SyncRequestSerializer, data, {"mode"})
        require_broker()
        run = services.request_sync(account, body["mode"], RunTrigger.API)
        return Response(services.run_data(run), status=202)


@extend_schema(tags=_TAGS)
class LinkedAccountSyncStatusView(APIView):
    @extend_schema(
        summary="Sync status",
        description=(
            "Per model: state (`pending`, `syncing`, `done`, `failed`, `paused`, "
            "`not_permitted`: the account's consent lacks the scope the model needs, so it is "
            "skipped), last success, records seen, provider calls used today; and what the "
            "shared rate limiter has left."
        ),
        responses={200: SyncStatusSerializer},
    )
    def get(self, request: Request, account_id: str) -> Response:
        account = linked_account_for(request.user.customer, account_id)
        return Response(SyncStatusSerializer(services.sync_status(account)).data)


@extend_schema(tags=_TAGS)
class LinkedAccountSyncSettingsView(APIView):
    @extend_schema(
        summary="Sync settings",
        description="How often the account is synced, and when the next scheduled sync is due.",
        responses={200: SyncSettingsSerializer},
    )
    def get(self, request: Request, account_id: str) -> Response:
        account = linked_account_for(request.user.customer, account_id)
        return Response(SyncSettingsSerializer(services.sync_settings(account)).data)

    @extend_schema(
        summary="Change sync settings",
        description=(
            "Sets the minutes between scheduled incremental syncs (5 to 10080). The next "
            "scheduled sync moves to the new frequency, counted from the last successful one."
        ),
        request=SyncSettingsSerializer,
        responses={200: SyncSettingsSerializer},
    )
    def patch(self, request: Request, account_id: str) -> Response:
        account = linked_account_for(request.user.customer, account_id)
        body = validated_body(SyncSettingsSerializer, request.data, {"frequency_minutes"})
        settings = services.update_sync_settings(account, body["frequency_minutes"])
        return Response(SyncSettingsSerializer(settings).data)


@method_decorator(csrf_exempt, name="dispatch")
class ProviderWebhookView(View):
    """Webhooks from providers: 200 (accepted or a valid intent-to-receive check), 401 (bad
    signature), 404 (unknown provider); always an empty body."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, provider: str) -> HttpResponse:
        status = inbound.receive(provider, request.body, request.headers)
        return HttpResponse(b"", status=status)
