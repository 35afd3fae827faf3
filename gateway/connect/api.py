"""`/v1/link-tokens` and `/v1/linked-accounts/{id}/relink-token`: start the hosted flow."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gateway.accounts.selectors import linked_account_for
from gateway.connect import services
from gateway.connect.models import LinkSession
from gateway.connect.serializers import (
    LinkTokenRequestSerializer,
    LinkTokenSerializer,
    RelinkTokenRequestSerializer,
)
from gateway.core.errors import Conflict
from gateway.core.openapi import error_responses

_FLOW = (
    "Send the end user to `url`. They choose their accounting system, give consent there and, "
    "when the consent reaches several organisations, tick the ones to link. They then land on "
    "`redirect_url` with `linked_account_ids` (comma-separated) and `end_user_id` in the query "
    "string, or with `error=<code>` (`cancelled`, `access_denied`, `link_token_expired`, "
    "`link_token_used`, `invalid_state`, `authorization_failed`, `provider_error`, "
    "`provider_unavailable`, `no_organisations`, `relink_mismatch`). The token works once and "
    "expires after `expires_at`."
)

_EXAMPLE_RESPONSE = {
    "link_token": "lt_Jm2v4c8rXb0sQ1yT6dWq9eHkLpZa3uFn5gVx7oRi2Nw",
    "url": "https://ledgerlink.example.com/connect/lt_Jm2v4c8rXb0sQ1yT6dWq9eHkLpZa3uFn5gVx7oRi2Nw",
    "expires_at": "2025-01-31T12:30:00Z",
    "end_user_id": "org_42",
    "providers": ["xero"],
    "redirect_url": "https://app.example.com/integrations/done",
    "linked_account_id": None,
}


def _body(session: LinkSession, token: str) -> dict:
    return LinkTokenSerializer(
        {
            "link_token": token,
            "url": services.hosted_url(token),
            "expires_at": session.expires_at,
            "end_user_id": session.end_user_id,
            "providers": session.providers,
            "redirect_url": session.redirect_url,
            "linked_account_id": session.relink_account_id,
        }
    ).data


class LinkTokenView(APIView):
    @extend_schema(
        summary="Create a link token",
        description="A link token for the hosted connect flow. " + _FLOW,
        request=LinkTokenRequestSerializer,
        responses={201: LinkTokenSerializer},
        examples=[
            OpenApiExample(
                "Link an organisation",
                request_only=True,
                value={
                    "end_user_id": "org_42",
                    "end_user_name": "Northwind Traders",
                    "end_user_email": "finance@northwind.example",
                    "providers": ["xero"],
                    "redirect_url": "https://app.example.com/integrations/done",
                },
            ),
            OpenApiExample("Link token", response_only=True, value=_EXAMPLE_RESPONSE),
        ],
        tags=["connect"],
    )
    def post(self, request: Request) -> Response:
        customer = request.user.customer
        serializer = LinkTokenRequestSerializer(data=request.data, context={"customer": customer})
        serializer.is_valid(raise_exception=True)
        session, token = services.create_link_session(customer, **serializer.validated_data)
        return Response(_body(session, token), status=201)


class RelinkTokenView(APIView):
    @extend_schema(
        summary="Create a relink token",
        description=(
            "A link token that repairs a linked account whose consent expired or was revoked "
            "(status `relink_required`). After a new consent the same linked accounts of its "
            "grant (matched by tenant id) are active again, with the same ids and data; an "
            "organisation the new consent does not reach stays `relink_required`. " + _FLOW
        ),
        request=RelinkTokenRequestSerializer,
        responses={
            201: LinkTokenSerializer,
            **error_responses(
                {409: "`conflict`: the account's provider is not configured on this gateway."}
            ),
        },
        examples=[
            OpenApiExample(
                "Relink",
                request_only=True,
                value={"redirect_url": "https://app.example.com/integrations/done"},
            ),
            OpenApiExample(
                "Relink token",
                response_only=True,
                value={
                    **_EXAMPLE_RESPONSE,
                    "linked_account_id": "5b0e3c1e-7f0a-4f8e-9a43-2f1b6c1d9e77",
                },
            ),
        ],
        tags=["connect"],
    )
    def post(self, request: Request, account_id: str) -> Response:
        customer = request.user.customer
        account = linked_account_for(customer, account_id)
        serializer = RelinkTokenRequestSerializer(data=request.data, context={"customer": customer})
        serializer.is_valid(raise_exception=True)
        if account.provider not in services.enabled_provider_keys():
            raise Conflict(
                f"The provider {account.provider!r} is not configured on this gateway (its "
                "CLIENT_ID and CLIENT_SECRET settings): nobody can relink until it is."
            )
        session, token = services.create_relink_session(
            account, serializer.validated_data["redirect_url"]
        )
        return Response(_body(session, token), status=201)
