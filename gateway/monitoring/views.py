"""`GET /metrics`: Prometheus' text exposition format, for the holder of METRICS_TOKEN."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from prometheus_client.exposition import choose_encoder

from gateway.core.errors import error_response
from gateway.monitoring import access
from gateway.monitoring.collector import build_registry


@csrf_exempt  # no cookie or session is read: the bearer token is the whole authentication
def metrics(request: HttpRequest) -> HttpResponse:
    if not access.enabled():
        return error_response(404, "not_found", "No such resource.")
    if not access.allowed(request):
        return error_response(
            401,
            "authentication_error",
            "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.",
            headers={"WWW-Authenticate": 'Bearer realm="metrics"'},
        )
    if request.method not in ("GET", "HEAD"):
        return error_response(
            405,
            "method_not_allowed",
            f"Method {request.method[:20]!r} is not allowed here; use GET.",
            headers={"Allow": "GET, HEAD"},
        )
    # The classic text format, or OpenMetrics when the scraper's Accept header asks for it.
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))
    response = HttpResponse(encode(build_registry()), content_type=content_type)
    response["Cache-Control"] = "no-store"
    return response
