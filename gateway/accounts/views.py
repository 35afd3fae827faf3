"""`/v1/linked-accounts`: the customer's connected organisations."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gateway.accounts.models import LinkedAccount, LinkedAccountStatus
from gateway.accounts.selectors import linked_account_for
from gateway.accounts.serializers import LinkedAccountSerializer
from gateway.accounts.services import delete_linked_account


class LinkedAccountPagination(CursorPagination):
    ordering = ("created_at", "id")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    invalid_cursor_message = "Invalid cursor."

    def get_page_size(self, request) -> int:
        """Like the record lists: a bad `page_size` is a 400, not silently the default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Must be an integer from 1 to {self.max_page_size}."]}
            )
        return size

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        properties = described["properties"]
        properties["next"]["description"] = "URL of the next page (null on the last page)."
        properties["previous"]["description"] = "URL of the previous page (null on the first)."
        properties["results"]["description"] = "Linked accounts, oldest first."
        return described

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except Exception as exc:
            raise ValidationError({"cursor": [self.invalid_cursor_message]}) from exc


_LIST_PARAMS = {"cursor", "page_size", "end_user_id", "status", "provider"}


@extend_schema(tags=["linked-accounts"])
class LinkedAccountListView(ListAPIView):
    serializer_class = LinkedAccountSerializer
    pagination_class = LinkedAccountPagination

    @extend_schema(
        summary="List linked accounts",
        parameters=[
            OpenApiParameter("end_user_id", OpenApiTypes.STR, OpenApiParameter.QUERY),
            OpenApiParameter(
                "status", OpenApiTypes.STR, enum=LinkedAccountStatus.values, location="query"
            ),
            OpenApiParameter("provider", OpenApiTypes.STR, OpenApiParameter.QUERY),
        ],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        unknown = set(params) - _LIST_PARAMS
        if unknown:
            raise ValidationError({name: ["Unknown query parameter."] for name in sorted(unknown)})
        queryset = LinkedAccount.objects.filter(customer=self.request.user.customer)
        if "status" in params:
            if params["status"] not in LinkedAccountStatus.values:
                raise ValidationError({"status": ["Unknown status."]})
            queryset = queryset.filter(status=params["status"])
        for name in ("end_user_id", "provider"):
            if name in params:
                queryset = queryset.filter(**{name: params[name]})
        return queryset


@extend_schema(tags=["linked-accounts"])
class LinkedAccountDetailView(APIView):
    @extend_schema(summary="Retrieve a linked account", responses={200: LinkedAccountSerializer})
    def get(self, request: Request, account_id: str) -> Response:
        account = linked_account_for(request.user.customer, account_id)
        return Response(LinkedAccountSerializer(account).data)

    @extend_schema(
        summary="Delete a linked account",
        description="Revokes the connection at the provider and removes every stored record.",
        responses={204: None},
    )
    def delete(self, request: Request, account_id: str) -> Response:
        account = linked_account_for(request.user.customer, account_id)
        delete_linked_account(account)
        return Response(status=204)
