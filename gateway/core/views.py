"""Health and provider discovery endpoints."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gateway.core import health
from gateway.core.providers import get_registry
from gateway.core.serializers import HealthSerializer, ProviderListSerializer
from gateway.records.views import offered_operations
from unified_models import CATALOGUE


class HealthView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        summary="Health check",
        description="Checks the database and the task broker. 200 when both answer, else 503.",
        responses={
            200: OpenApiResponse(HealthSerializer, description="Database and broker answer."),
            503: OpenApiResponse(HealthSerializer, description="A dependency is unreachable."),
        },
        auth=[],
        tags=["health"],
    )
    def get(self, request: Request) -> Response:
        checks = {"database": health.check_database(), "broker": health.check_broker()}
        ok = all(c.ok for c in checks.values())
        body = {
            "status": "ok" if ok else "degraded",
            "checks": {name: {"ok": c.ok, "detail": c.detail} for name, c in checks.items()},
        }
        return Response(body, status=200 if ok else 503)


class ProviderListView(APIView):
    @extend_schema(
        summary="List providers",
        operation_id="providers_list",
        description="The accounting systems this gateway can connect to (enabled and configured "
        "with their app credentials) and, per unified model, the operations the API offers for "
        "each: those the model's catalogue entry allows and the provider's connector declares, "
        "and the record actions it performs (`POST /v1/<plural>/{id}/<action>`).",
        responses={200: ProviderListSerializer},
        tags=["providers"],
    )
    def get(self, request: Request) -> Response:
        return Response({"results": offered_by_providers(configured_only=True)})


def offered_by_providers(configured_only: bool) -> list[dict]:
    """The providers as `/v1/providers` lists them (also the reference's provider table)."""
    providers = get_registry().describe(configured_only=configured_only)
    for provider in providers:
        declared = provider["models"]
        provider["models"] = {
            model: offered_operations(model, declared)
            for model in CATALOGUE.names()
            if model in declared
        }
        performed = provider.get("actions") or {}
        provider["actions"] = {}
        for model in provider["models"]:
            names = [
                action.name
                for action in CATALOGUE[model].actions
                if action.name in performed.get(model, [])
            ]
            if names:
                provider["actions"][model] = names
    return providers
