"""`/v1/events`, `/v1/webhook-endpoints`, `/v1/webhook-deliveries`: thin HTTP over services."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gateway.accounts.selectors import HEADER, linked_account_from_header
from gateway.core import jsonutil
from gateway.core.bodies import validated_body
from gateway.events import delivery, endpoints, selectors, services
from gateway.events.models import DeliveryStatus, WebhookEndpoint
from gateway.events.serializers import (
    EventPageSerializer,
    WebhookDeliveryPageSerializer,
    WebhookDeliverySerializer,
    WebhookEndpointCreatedSerializer,
    WebhookEndpointInputSerializer,
    WebhookEndpointSerializer,
    WebhookEndpointUpdatedSerializer,
    WebhookEndpointUpdateSerializer,
)

LINKED_ACCOUNT = OpenApiParameter(HEADER, OpenApiTypes.UUID, OpenApiParameter.HEADER, required=True)
PAGE_SIZE = OpenApiParameter(
    "page_size", OpenApiTypes.INT, OpenApiParameter.QUERY, description="1 to 1000 (100)."
)


@extend_schema(tags=["events"])
class EventListView(APIView):
    @extend_schema(
        summary="List events",
        operation_id="events_list",
        description=(
            "The linked account's events in `sequence` order, after the given sequence: the "
            "same stream the webhooks deliver, for apps that pull. Sequences are per linked "
            "account, gapless and committed in order, so polling with `after=<last sequence "
            "seen>` never misses an event."
        ),
        parameters=[
            LINKED_ACCOUNT,
            OpenApiParameter(
                "after", OpenApiTypes.INT, OpenApiParameter.QUERY, description="Default 0."
            ),
            PAGE_SIZE,
        ],
        responses={200: EventPageSerializer},
    )
    def get(self, request: Request) -> HttpResponse:
        account = linked_account_from_header(request)
        params = request.query_params
        selectors.check_params(params, {"after", "page_size"})
        after = selectors.non_negative(params, "after")
        size = selectors.page_size(params)
        rows = services.events_after(account, after, size + 1)
        more = len(rows) > size
        rows = rows[:size]
        body = b'{"results":[' + b",".join(services.event_body(e) for e in rows) + b"],"
        tail = {"next_after": rows[-1].sequence if rows else after, "has_more": more}
        body += jsonutil.dumps(tail)[1:]
        return HttpResponse(body, content_type="application/json")


@extend_schema(tags=["webhooks"])
class WebhookEndpointListView(APIView):
    @extend_schema(
        summary="List webhook endpoints",
        operation_id="webhook_endpoints_list",
        responses={200: WebhookEndpointSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = WebhookEndpoint.objects.filter(customer=request.user.customer)
        return Response(WebhookEndpointSerializer(rows, many=True).data)

    @extend_schema(
        summary="Register a webhook endpoint",
        description=(
            "Events are POSTed to the URL signed with the returned `secret` (shown once). URLs on "
            "private, loopback or link-local addresses are refused unless the gateway allows "
            "them (`WEBHOOK_ALLOW_PRIVATE_URLS`)."
        ),
        request=WebhookEndpointInputSerializer,
        responses={201: WebhookEndpointCreatedSerializer},
    )
    def post(self, request: Request) -> Response:
        data = validated_body(
            WebhookEndpointInputSerializer,
            request.data,
            {"url", "description", "event_types", "enabled"},
        )
        endpoint, secret = endpoints.create_endpoint(request.user.customer, data)
        body = WebhookEndpointSerializer(endpoint).data
        return Response({**body, "secret": secret}, status=201)


@extend_schema(tags=["webhooks"])
class WebhookEndpointDetailView(APIView):
    endpoint_id = OpenApiParameter("endpoint_id", OpenApiTypes.UUID, OpenApiParameter.PATH)

    @extend_schema(
        summary="Retrieve a webhook endpoint",
        parameters=[endpoint_id],
        responses={200: WebhookEndpointSerializer},
    )
    def get(self, request: Request, endpoint_id: str) -> Response:
        endpoint = endpoints.endpoint_for(request.user.customer, endpoint_id)
        return Response(WebhookEndpointSerializer(endpoint).data)

    @extend_schema(
        summary="Update a webhook endpoint",
        description="Only the given fields change. With `rotate_secret`, the new secret is "
        "returned once in `secret`.",
        parameters=[endpoint_id],
        request=WebhookEndpointUpdateSerializer,
        responses={200: WebhookEndpointUpdatedSerializer},
    )
    def patch(self, request: Request, endpoint_id: str) -> Response:
        endpoint = endpoints.endpoint_for(request.user.customer, endpoint_id)
        data = validated_body(
            WebhookEndpointUpdateSerializer,
            request.data,
            {"url", "description", "event_types", "enabled", "rotate_secret"},
        )
        endpoint, secret = endpoints.update_endpoint(endpoint, data)
        body = dict(WebhookEndpointSerializer(endpoint).data)
        if secret:
            body["secret"] = secret
        return Response(body)

    @extend_schema(
        summary="Delete a webhook endpoint", parameters=[endpoint_id], responses={204: None}
    )
    def delete(self, request: Request, endpoint_id: str) -> Response:
        endpoints.delete_endpoint(endpoints.endpoint_for(request.user.customer, endpoint_id))
        return Response(status=204)


@extend_schema(tags=["webhooks"])
class WebhookDeliveryListView(APIView):
    @extend_schema(
        summary="List webhook deliveries",
        operation_id="webhook_deliveries_list",
        description="The delivery log, newest first.",
        parameters=[
            OpenApiParameter("endpoint_id", OpenApiTypes.UUID, OpenApiParameter.QUERY),
            OpenApiParameter("event_id", OpenApiTypes.UUID, OpenApiParameter.QUERY),
            OpenApiParameter(
                "status", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=DeliveryStatus.values
            ),
            OpenApiParameter("cursor", OpenApiTypes.STR, OpenApiParameter.QUERY),
            PAGE_SIZE,
        ],
        responses={200: WebhookDeliveryPageSerializer},
    )
    def get(self, request: Request) -> Response:
        rows, next_cursor = selectors.delivery_page(request.user.customer, request.query_params)
        return Response(
            {
                "next": next_cursor,
                "previous": None,
                "results": WebhookDeliverySerializer(rows, many=True).data,
            }
        )


_DELIVERY_ID = OpenApiParameter("delivery_id", OpenApiTypes.UUID, OpenApiParameter.PATH)


@extend_schema(tags=["webhooks"])
class WebhookDeliveryDetailView(APIView):
    @extend_schema(
        summary="Retrieve a webhook delivery",
        parameters=[_DELIVERY_ID],
        responses={200: WebhookDeliverySerializer},
    )
    def get(self, request: Request, delivery_id: str) -> Response:
        found = selectors.delivery_for(request.user.customer, delivery_id)
        return Response(WebhookDeliverySerializer(found).data)


@extend_schema(tags=["webhooks"])
class WebhookDeliveryReplayView(APIView):
    @extend_schema(
        summary="Replay a webhook delivery",
        description="Sends the same event (same id) to the same endpoint again, as a new delivery.",
        parameters=[_DELIVERY_ID],
        request=None,
        responses={202: WebhookDeliverySerializer},
    )
    def post(self, request: Request, delivery_id: str) -> Response:
        original = selectors.delivery_for(request.user.customer, delivery_id)
        copy = delivery.replay(original)
        copy.refresh_from_db()
        return Response(WebhookDeliverySerializer(copy).data, status=202)
